"""Q: content quality, documents that are not (whole) articles."""
from .placeholder_text import PlaceholderText

RULES = [PlaceholderText]
