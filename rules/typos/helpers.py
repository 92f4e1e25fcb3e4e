"""Helpers shared by the T rules: sentence starts and codespell's dictionaries."""
from __future__ import annotations

import importlib.util
import os

from corpuslint.errors import ConfigError

#: What may come right before a sentence (ignoring spaces): its end, a colon, a
#: dash, an opening quote or bracket.
_SENTENCE_BEFORE = ".!?:;\u2026\u2013\u2014-\"\u201c\u2018(["
_CLOSING = "'\"\u2019\u201d)]"


def starts_sentence(text: str, offset: int) -> bool:
    """True if ``text[offset]`` begins a sentence, a paragraph or a quotation.

    Unlike a line start in hard-wrapped copy, which is usually mid-sentence.
    """
    i = offset - 1
    newlines = 0
    while i >= 0 and text[i] in " \t\r\n":
        newlines += text[i] == "\n"
        i -= 1
    if i < 0 or newlines > 1:
        return True
    while i > 0 and text[i] in _CLOSING and text[i - 1] in ".!?":
        i -= 1
    return text[i] in _SENTENCE_BEFORE


def codespell_dictionary(name: str) -> str:
    """The path of ``codespell_lib/data/<name>`` in the installed codespell package."""
    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the T rules need the codespell package (pip install codespell)")
    path = os.path.join(spec.submodule_search_locations[0], "data", name)
    if not os.path.isfile(path):
        raise ConfigError(f"codespell has no {name} (found {spec.submodule_search_locations[0]})")
    return path
