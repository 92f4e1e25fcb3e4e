"""Helpers of the T rules: web addresses to leave alone, and possessive forms of words."""
from __future__ import annotations

import re

#: Characters right before a word that make it part of an address, a hashtag or a path.
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
