"""Helpers of the H rules: headlines compared as words, documents as publication days."""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def normalise_headline(text: str) -> str:
    """The headline's words in lower case, without punctuation: "U.S. Trade-Gap" -> "u s trade gap"."""
    return " ".join(_WORD.findall(text.lower()))


def publication_day(doc) -> int | None:
    """The publication date as a day number, if the document has one."""
    return next((d.value.toordinal() for d in doc.publication_dates if d.value is not None), None)
