"""U: unicode and markup: mojibake, HTML entities and tags, invisible characters, encoding."""
from .control_character import ControlCharacter
from .encoding import Encoding
from .replacement_character import ReplacementCharacter

RULES = [ControlCharacter, Encoding, ReplacementCharacter]
