"""X: duplicate documents, exact and near."""
from .exact_duplicate import ExactDuplicate

RULES = [ExactDuplicate]
