"""Q: content quality, documents that are not (whole) articles."""
from .non_article_page import NonArticlePage
from .placeholder_text import PlaceholderText
from .short_body import ShortBody

RULES = [PlaceholderText, ShortBody, NonArticlePage]
