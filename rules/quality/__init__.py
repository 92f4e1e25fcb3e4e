"""Q: content quality, documents that are not (whole) articles."""
from .non_article_page import NonArticlePage
from .placeholder_text import PlaceholderText

RULES = [PlaceholderText, NonArticlePage]
