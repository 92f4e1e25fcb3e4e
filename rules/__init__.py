"""The built-in rules, family by family.

Each family is a package (``corpuslint.rules.dates`` ...) with one module per
rule, named after the rule (``D001 missing-date`` is in ``dates/missing_date.py``).
``corpuslint rule CODE`` prints a rule's documentation and its module.
"""
from . import dates, files, whitespace

BUILTIN_RULES = [
    *dates.RULES,
    *whitespace.RULES,
    *files.RULES,
]
