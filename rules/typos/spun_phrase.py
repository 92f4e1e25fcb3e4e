from corpuslint.vocabulary import SubstitutionRule


class SpunPhrase(SubstitutionRule):
    """A phrase that an article spinner produced from a common news term ("auto bomb" for "car bomb").

    Why it matters: spinning tools rewrite copied articles word by word with
    synonyms, leaving "tortured phrases" that no reporter writes. They mark
    the text as plagiarised or machine-rewritten and garble its meaning for
    readers, search and models.

    Example::

        ...police said the blast near the depot was caused by an auto bomb.

    reports ``'auto bomb' -> 'car bomb'``. The list is ``spun_phrases.yaml``
    next to this module; add your own entries in a vocabulary file with
    ``extends: spun-phrase``.

    Fix (safe): the phrase is replaced when it has exactly one suggestion.
    """

    code = "T001"
    name = "spun-phrase"
    severity = "warning"
    fix = "safe"
    vocabulary = "spun_phrases.yaml"
    message = "spun phrase {match} -> {suggestion}"

