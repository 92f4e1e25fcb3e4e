"""What the whitespace rules share: line endings counted and found."""
from __future__ import annotations

#: How messages name a line ending.
ENDING_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


def count_endings(text: str) -> dict[str, int]:
    """How many lines of ``text`` end with each line ending (only the endings it has)."""
    lf = text.count("\n")
    if "\r" not in text:
        return {"\n": lf} if lf else {}
    crlf = text.count("\r\n")
    counts = (("\n", lf - crlf), ("\r\n", crlf), ("\r", text.count("\r") - crlf))
    return {ending: n for ending, n in counts if n}


def first_ending(text: str, ending: str) -> int:
    """The offset of the first line ending in ``text`` that is ``ending`` (which it must have)."""
    if ending == "\r\n":
        return text.index("\r\n")
    other = "\r" if ending == "\n" else "\n"
    pos = text.index(ending)
    # An LF after a CR, or a CR before an LF, is part of a CRLF.
    while (text[pos - 1:pos] if ending == "\n" else text[pos + 1:pos + 2]) == other:
        pos = text.index(ending, pos + 1)
    return pos
