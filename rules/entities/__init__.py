"""E: entity-name consistency (one entity, one name per document)."""
from .corpus_name_variant import CorpusNameVariant
from .entity_alias_mix import EntityAliasMix
from .entity_house_style import EntityHouseStyle
from .name_case_variant import NameCaseVariant
from .name_spelling_variant import NameSpellingVariant

RULES = [EntityAliasMix, NameCaseVariant, NameSpellingVariant, EntityHouseStyle,
         CorpusNameVariant]
