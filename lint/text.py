"""Small text helpers shared by the readers and the rules."""
from __future__ import annotations

import re

#: A word: letters, with internal apostrophes ("don't", "O'Donnell").
WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")

#: Characters that end a sentence, possibly followed by closing quotes/brackets.
SENTENCE_END_RE = re.compile(r"[.!?\u2026]['\"\u2019\u201d)\]]*$")

_BREAK_CLOSING = "\"'\u2019\u201d)\\]"
_BREAK_OPENING = "\"'\u2018\u201c(\\["
#: A sentence end and the spaces after it, where the next sentence starts. B001, B002 and
#: Q003 find last sentences with it.
SENTENCE_BREAK = re.compile(
    rf"(?:[.!?\u2026][{_BREAK_CLOSING}]*\s+"                        # "end. ", "end." "
    rf"|[\u3002\uff01\uff1f][{_BREAK_CLOSING}\u300d\u300f\uff09]*\s*"  # "。" needs no space
    r"|\.\.|\u2026)"                                                 # "today...Read more"
    rf"(?=[{_BREAK_OPENING}]*[^\s.a-z{_BREAK_OPENING}])")            # not lower case: "e.g. the" goes on

#: The one character whose lower case is longer than itself: 'İ' -> 'i̇' (two characters).
_LONGER_IN_LOWER_CASE = re.compile("(\u0130)")


def lower_preserving_length(text: str) -> str:
    """``text.lower()``, with the characters whose lower case is longer ('İ') left as they are."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    parts = _LONGER_IN_LOWER_CASE.split(text)  # text, 'İ', text, 'İ', ..., text
    parts[::2] = [part.lower() for part in parts[::2]]
    return "".join(parts)


def lines(text: str, start: int = 0, end: int | None = None):
    """``(start, end)`` of every line in ``text[start:end]``, without ``\\r\\n``."""
    end = len(text) if end is None else end
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            stop = end
        else:
            stop = nl
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        yield pos, line_end
        if nl == -1:
            break
        pos = nl + 1


def line_ending(text: str) -> str:
    """The line ending for fixes that add lines (W003, W005, D004): ``"\\r\\n"`` if
    the text has any, ``"\\r"`` if it only has lone CRs, else ``"\\n"``."""
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``(start, end)`` so that it has no surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_blank(text: str, start: int, end: int) -> bool:
    return start == end or text[start:end].isspace()


def ends_sentence(snippet: str) -> bool:
    """True if ``snippet`` ends with sentence punctuation (and closing quotes)."""
    return bool(SENTENCE_END_RE.search(snippet.rstrip()))


_SENTENCE_BEFORE = ".!?:;\u2026(["
_OPENING_QUOTES = "\u201c\u2018"
_STRAIGHT_QUOTES = "\"'"
_DASHES = "-\u2013\u2014"
_CLOSING = "'\"\u2019\u201d)]"
_SENTENCE_END = ".!?"


def starts_sentence(text: str, offset: int, strict: bool = False) -> bool:
    """True if ``text[offset]`` begins a sentence, a paragraph or a quotation.

    Unlike a line start in hard-wrapped copy, which is usually mid-sentence. A
    straight quote opens a quotation only right before the word; a dash starts
    a sentence only with a space before it ("SALVADOR, Feb 26 - A ..."). With
    ``strict``, only the end of a sentence, a paragraph break or an opening
    quote count (not a colon, semicolon, bracket or dash, which start list
    items and asides).
    """
    i = offset - 1
    newlines = 0
    while i >= 0 and text[i] in " \t\r\n":
        newlines += text[i] == "\n"
        i -= 1
    if i < 0 or newlines > 1:
        return True
    char = text[i]
    if char in _OPENING_QUOTES or (char in _STRAIGHT_QUOTES and i == offset - 1):
        return True
    while i > 0 and text[i] in _CLOSING and text[i - 1] in _SENTENCE_END:
        i -= 1
        char = text[i]
    if strict:
        return char in _SENTENCE_END
    if char in _DASHES:
        return i > 0 and text[i - 1] in " \t"
    return char in _SENTENCE_BEFORE


def word_bounded(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is not part of a longer word on either side."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False
    return not (end < len(text) and (text[end].isalnum() or text[end] == "_"))


def quote(snippet: str, limit: int = 60) -> str:
    """``snippet`` shortened for a message, in single quotes."""
    snippet = " ".join(snippet.split())
    if len(snippet) > limit:
        snippet = snippet[:limit - 1] + "\u2026"
    return f"'{snippet}'"
