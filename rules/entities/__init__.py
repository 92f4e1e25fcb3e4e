"""E: entity-name consistency (one entity, one name per document)."""
from .entity_alias_mix import EntityAliasMix

RULES = [EntityAliasMix]
