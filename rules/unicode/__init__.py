"""U: unicode and markup: mojibake, HTML entities and tags, invisible characters, encoding."""
from .control_character import ControlCharacter

RULES = [ControlCharacter]
