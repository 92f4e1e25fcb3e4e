"""X: duplicate documents, exact and near."""
from .exact_duplicate import ExactDuplicate
from .near_duplicate import NearDuplicate

RULES = [ExactDuplicate, NearDuplicate]
