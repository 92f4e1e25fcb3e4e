"""T: typos, spun phrases and spelling."""
from .spun_phrase import SpunPhrase

RULES = [SpunPhrase]
