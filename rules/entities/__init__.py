"""E: entity-name consistency (one entity, one name per document)."""
from .entity_alias_mix import EntityAliasMix
from .name_case_variant import NameCaseVariant
from .name_spelling_variant import NameSpellingVariant

RULES = [EntityAliasMix, NameCaseVariant, NameSpellingVariant]
