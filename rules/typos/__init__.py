"""T: typos, spun phrases and spelling."""
from .article_agreement import ArticleAgreement
from .doubled_word import DoubledWord
from .lowercase_proper_noun import LowercaseProperNoun
from .misspelling import Misspelling
from .spun_phrase import SpunPhrase
from .uk_us_spelling_mix import UkUsSpellingMix

RULES = [SpunPhrase, ArticleAgreement, DoubledWord, Misspelling, LowercaseProperNoun, UkUsSpellingMix]
