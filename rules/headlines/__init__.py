"""H: headlines: missing, stacked, duplicated across the corpus."""
from .duplicate_headline import DuplicateHeadline
from .headline_as_lead import HeadlineAsLead
from .lead_as_headline import LeadAsHeadline
from .missing_headline import MissingHeadline
from .near_duplicate_headline import NearDuplicateHeadline
from .stacked_headlines import StackedHeadlines

RULES = [MissingHeadline, StackedHeadlines, DuplicateHeadline, NearDuplicateHeadline, LeadAsHeadline, HeadlineAsLead]
