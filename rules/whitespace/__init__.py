"""W: whitespace and layout of text files and fields."""
from .leading_whitespace import LeadingWhitespace
from .missing_final_newline import MissingFinalNewline
from .mixed_line_endings import MixedLineEndings
from .repeated_blank_lines import RepeatedBlankLines
from .trailing_whitespace import TrailingWhitespace

RULES = [TrailingWhitespace, LeadingWhitespace, MissingFinalNewline, MixedLineEndings, RepeatedBlankLines]
