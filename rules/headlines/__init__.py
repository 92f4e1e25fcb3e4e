"""H: headlines: missing, stacked, duplicated across the corpus."""
from .duplicate_headline import DuplicateHeadline
from .missing_headline import MissingHeadline
from .near_duplicate_headline import NearDuplicateHeadline
from .stacked_headlines import StackedHeadlines

RULES = [MissingHeadline, StackedHeadlines, DuplicateHeadline, NearDuplicateHeadline]
