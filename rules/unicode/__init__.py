"""U: unicode and markup: mojibake, HTML entities and tags, invisible characters, encoding."""
from .control_character import ControlCharacter
from .encoding import Encoding
from .html_entity import HtmlEntity
from .html_tag import HtmlTag
from .mojibake import Mojibake
from .replacement_character import ReplacementCharacter

RULES = [Mojibake, HtmlEntity, HtmlTag, ControlCharacter, Encoding, ReplacementCharacter]
