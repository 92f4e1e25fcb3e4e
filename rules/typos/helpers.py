"""Helpers shared by the T rules (and the E rules): sentence starts and codespell's dictionaries."""
from __future__ import annotations

import functools
import importlib.util
import os
import re
from types import MappingProxyType

from corpuslint.errors import ConfigError

#: What may come right before a sentence (ignoring spaces): its end, a colon,
#: a semicolon, an opening quote or bracket; a dash needs a space before it.
_ADDRESS_BEFORE = "./@#_\\"
_ADDRESS_AFTER = ("@", "_", "/")
#: A whitespace-delimited chunk that is a web address, an e-mail or a path:
#: "https://site.com/over-american-cities/", "www.site.org", "a@b.com".
_ADDRESS = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|co|uk|html?|php)\b|/[^/\s]*/")
_WHITESPACE = re.compile(r"\s")


def in_address(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is part of a web or e-mail address, a hashtag or a file name."""
    chunk_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    chunk_end = _WHITESPACE.search(text, end)
    chunk = text[chunk_start:chunk_end.start() if chunk_end else len(text)]
    if _ADDRESS.search(chunk):
        return True
    before, after = text[start - 1:start] if start else "", text[end:end + 2]
    return (before != "" and before in _ADDRESS_BEFORE) or after[:1] in _ADDRESS_AFTER \
        or (after[:1] == "." and after[1:2].isalnum())


def codespell_dictionary(name: str) -> str:
    """The path of ``codespell_lib/data/<name>`` in the installed codespell package."""
    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the T rules need the codespell package (pip install codespell)")
    path = os.path.join(spec.submodule_search_locations[0], "data", name)
    if not os.path.isfile(path):
        raise ConfigError(f"codespell has no {name} (found {spec.submodule_search_locations[0]})")
    return path


def read_codespell(path: str) -> dict[str, tuple[tuple[str, ...], bool]]:
    """``typo -> (suggestions, fixable)`` from a codespell dictionary file.

    A line is ``typo->fix`` or ``typo->fix1, fix2,``; as in codespell's
    ``build_dict``, a comma means no automatic fix, and the text after the last
    comma is a reason (empty after a trailing comma). Unlike codespell, which
    lower-cases the whole line, only the typo is lower-cased: the suggestions
    keep their capitals ("afganistan" -> "Afghanistan").
    """
    entries = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            typo, _, data = line.strip().partition("->")
            if not data:
                continue
            fixable = "," not in data
            if not fixable:
                data = data.rsplit(",", 1)[0]
            suggestions = tuple(s.strip() for s in data.split(",") if s.strip())
            entries[typo.lower()] = (suggestions, fixable)
    return entries


@functools.lru_cache(maxsize=None)
def codespell_entries(name: str):
    """:func:`read_codespell` of ``codespell_lib/data/<name>``, read once per process
    for every rule that asks (a read-only mapping)."""
    return MappingProxyType(read_codespell(codespell_dictionary(name)))


#: The endings of a lower-case possessive ("london's", "london’s").
POSSESSIVES = ("'s", "\u2019s")


def with_possessives(words) -> dict[str, str]:
    """Each word, and its possessive forms ("london's"), mapped to the word.

    ``field.word_set`` keeps "london's" as one word; intersecting it with these
    keys finds the word in either form.
    """
    lookup = {}
    for word in words:
        lookup[word] = word
        for ending in POSSESSIVES:
            lookup[word + ending] = word
    return lookup
