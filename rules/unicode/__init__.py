"""U: unicode and markup: mojibake, HTML entities and tags, invisible characters, encoding, escapes."""
from .broken_entity import BrokenEntity
from .control_character import ControlCharacter
from .encoding import Encoding
from .html_entity import HtmlEntity
from .html_tag import HtmlTag
from .literal_escape import LiteralEscape
from .mojibake import Mojibake
from .replacement_character import ReplacementCharacter

RULES = [Mojibake, HtmlEntity, HtmlTag, ControlCharacter, Encoding, ReplacementCharacter, BrokenEntity,
         LiteralEscape]
