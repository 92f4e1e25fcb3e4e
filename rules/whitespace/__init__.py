"""W: whitespace and layout of text files and fields, and the corpus's layout conventions."""
from .joined_paragraphs import JoinedParagraphs
from .leading_whitespace import LeadingWhitespace
from .line_ending_convention import LineEndingConvention
from .missing_final_newline import MissingFinalNewline
from .mixed_line_endings import MixedLineEndings
from .repeated_blank_lines import RepeatedBlankLines
from .trailing_whitespace import TrailingWhitespace

RULES = [TrailingWhitespace, LeadingWhitespace, MissingFinalNewline, MixedLineEndings, RepeatedBlankLines,
         LineEndingConvention, JoinedParagraphs]
