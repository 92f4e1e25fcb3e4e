"""T: typos, spun phrases and spelling."""
from .article_agreement import ArticleAgreement
from .spun_phrase import SpunPhrase

RULES = [SpunPhrase, ArticleAgreement]
