"""Q: content quality, documents that are not (whole) articles."""
from .non_article_page import NonArticlePage
from .placeholder_text import PlaceholderText
from .short_body import ShortBody
from .truncated_text import TruncatedText

RULES = [PlaceholderText, ShortBody, TruncatedText, NonArticlePage]
