"""The built-in rules, family by family.

Each family is a package (``corpuslint.rules.dates`` ...) with one module per
rule, named after the rule (``D001 missing-date`` is in ``dates/missing_date.py``).
Vocabulary data sits next to the rule that reads it, as YAML.
``corpuslint rule CODE`` prints a rule's documentation and its module.
"""
from . import boilerplate, dates, duplicates, entities, files, headlines, quality, typos, unicode, whitespace

BUILTIN_RULES = [
    *dates.RULES,
    *headlines.RULES,
    *boilerplate.RULES,
    *typos.RULES,
    *entities.RULES,
    *unicode.RULES,
    *whitespace.RULES,
    *duplicates.RULES,
    *quality.RULES,
    *files.RULES,
]
