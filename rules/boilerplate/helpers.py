"""Helpers of the B rules: furniture segments, walking a text's tail, and template keys."""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpuslint.text import SENTENCE_BREAK


@dataclass(frozen=True, slots=True)
class Segment:
    """Furniture at ``text[start:end]``; the fix removes ``text[cut_start:cut_end]``."""

    start: int
    end: int
    cut_start: int
    cut_end: int
    place: str  # "tail", "glued" or "head"
    #: What a rule saw that made it furniture (B003's reasons; empty for B001).
    why: str = ""


def rstrip(text: str, start: int, end: int) -> int:
    """The end of ``text[start:end]`` without trailing whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def lstrip(text: str, start: int, end: int) -> int:
    """The start of ``text[start:end]`` without leading spaces and tabs."""
    while start < end and text[start] in " \t":
        start += 1
    return start


def line_rest(text: str, stop: int) -> int:
    """``stop`` moved over the spaces that end its line (not over the line break)."""
    end = stop
    while end < len(text) and text[end] in " \t":
        end += 1
    return end if end == len(text) or text[end] in "\r\n" else stop


def next_content(text: str, pos: int, limit: int) -> int:
    """The start of the first non-blank line at or after ``pos`` (or ``limit``)."""
    while pos < limit:
        end = text.find("\n", pos, limit)
        end = limit if end == -1 else end
        if text[pos:end].strip():
            return pos + len(text[pos:end]) - len(text[pos:end].lstrip())
        pos = end + 1
    return limit


def tail_segments(text: str, stop: int, floor: int, whole, suffix) -> list[Segment]:
    """Furniture lines and glued sentences that end ``text[:stop]``, last first.

    Walks up from ``stop`` one line at a time: ``whole(start, end)`` says
    whether a whole line is furniture (its reasons, or ``None``), and
    ``suffix(content_start, end)`` finds a furniture run glued to the end of
    a line (``(start, reasons)`` or ``None``). Stops at the first line that is
    neither, and never reports text that starts before ``floor``.
    """
    found = []
    stop = rstrip(text, 0, stop)
    while stop > floor:
        line_start = text.rfind("\n", 0, stop) + 1
        content_start = lstrip(text, line_start, stop)
        why = whole(content_start, stop) if content_start >= floor else None
        start = content_start
        if why is None:
            glued = suffix(max(content_start, floor), stop)
            if glued is None:
                break
            start, why = glued
        before = rstrip(text, 0, start)
        if start > content_start:
            before = _before_trailer(text, content_start, before)
            found.append(Segment(start, stop, before, line_rest(text, stop), "glued", why))
        else:
            cut_start = line_rest(text, before) if before else start
            found.append(Segment(start, stop, cut_start, line_rest(text, stop), "tail", why))
        stop = before
    return found


def _before_trailer(text: str, start: int, end: int) -> int:
    """``end`` moved back over the dash or bar that set a glued trailer apart ("a ban.-- Follow")."""
    while end > start and text[end - 1] in "-\u2013\u2014|":
        end = rstrip(text, start, end - 1)
    return end


def sentence_starts(text: str, start: int, stop: int, window: int) -> list[int]:
    """Where the sentences in the last ``window`` characters of ``text[start:stop]`` start, last first.

    A sentence starts after a sentence end (``SENTENCE_BREAK``) or after a
    dash or bar that sets a trailer apart (``... in a ban.-- Follow ...``,
    ``... the pier | Share``).
    """
    low = max(start, stop - window)
    starts = {m.end() for m in SENTENCE_BREAK.finditer(text, low, stop)}
    starts.update(m.end() for m in _TRAILER_BREAK.finditer(text, low, stop))
    return sorted((s for s in starts if start < s < stop), reverse=True)


_TRAILER_BREAK = re.compile(r"(?:[.!?]\s*--|\s(?:--|\u2014|\u2013|\|))\s+(?=[^\s\da-z])")

#: A number, with its separators ("12", "3.5", "2,000", "0207 782 4368").
_NUMBER = re.compile(r"\d(?:[\d.,:/ -]*\d)?")


def template(snippet: str) -> str:
    """``snippet`` with its numbers masked and case and whitespace folded: a recurring text's key.

    ``Copyright 2017 Harbour Daily.`` and ``Copyright 2018 Harbour Daily.``
    share the template ``copyright 0 harbour daily.``.
    """
    return _NUMBER.sub("0", " ".join(snippet.lower().split()))


def cut_to_article(text: str, segments: list[Segment], spans) -> list[tuple[int, int]]:
    """``(start, end)`` of each of ``spans`` without the head and tail ``segments`` of
    furniture; ends moved back over whitespace, spans left empty dropped."""
    head = max((s.cut_end for s in segments if s.place == "head"), default=0)
    tail = min((s.cut_start for s in segments if s.place != "head"), default=len(text))
    kept = []
    for start, end in spans:
        start = max(start, head)
        end = rstrip(text, start, min(end, tail))
        if end > start:
            kept.append((start, end))
    return kept
