"""Recognise an article's parts: metadata lines, headline(s), dateline, paragraphs.

Plain-text layout, as the seeds and most scrapers write it::

    [metadata lines: "date 2021-08-04", "Published: 4 August 2021", "By Jane Roe"]
    Headline line
                                  <- blank line
    [more short headline lines, each followed by a blank line: "stacked" headlines]
    KABUL (Reuters) - First body paragraph ...
                                  <- blank line, or a single newline
    Next paragraph ...

A headline line is short (at most ``HEADLINE_MAX_CHARS`` characters and
``HEADLINE_MAX_WORDS`` words). A second or later headline must also stand
alone between blank lines and not end like a sentence, so that a short first
paragraph is not mistaken for one. A metadata marker that runs into the text
on the same line (``date 2021-08-04 Ferry crews vote to strike...``) is a *glued* date.
"""
from __future__ import annotations

import re

from ..dates import DATE_AT_START, DATE_LABEL, MONTHS, parse_date
from ..document import DateMention, Document, Field, Span
from ..text import ends_sentence, is_blank, lines, strip_span

HEADLINE_MAX_CHARS = 150
HEADLINE_MAX_WORDS = 30

_BYLINE = re.compile(r"(?:By|BY|Author:|Written by)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4}"
                     r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'\u2019 -]*)*\s*$")
_OTHER_METADATA = re.compile(r"(?:Source|Category|Section|Tags|Keywords|URL|Link|Author)\s*:\s*\S", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_MONTH_ANY_CASE = "(?i:" + MONTHS + ")"
#: ``KABUL (Reuters) -``, ``SALVADOR, Feb 26 -``, ``CARACAS, MARCH 27 -``, and a
#: place in title case when a day follows: ``London, March 27 -``.
DATELINE = re.compile(
    r"(?:(?P<place>[A-Z][A-Z.'\u2019]*(?:[ -][A-Z][A-Z.'\u2019]*){0,4})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?(?=,)),?)?"
    r"(?:,\s*(?P<date>" + _MONTH_ANY_CASE + r"\s+\d{1,2}))?"
    r"|(?P<town>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),\s*(?P<day>" + _MONTH_ANY_CASE + r"\s+\d{1,2}))"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014)(?=\s|$)"
)


def _date_after_label(text: str, start: int, end: int):
    """``(label_end, date_end)`` if ``text[start:end]`` starts with a date marker."""
    label = DATE_LABEL.match(text, start, end)
    if label:
        date = DATE_AT_START.match(text, label.end(), end)
        if date:
            return label.end(), date.end()
        if label.group("label").strip().lower() in ("date", "dated", "published", "updated", "posted") \
                and text[label.start() + len(label.group("label")):label.end()].strip():
            return label.end(), end  # "Published: sometime last week": a date we cannot parse
        return None
    date = DATE_AT_START.match(text, start, end)
    if date:
        return start, date.end()
    return None


def classify_date_line(field: Field, start: int, end: int):
    """A :class:`DateMention` if the (stripped) line carries a date marker, else ``None``."""
    text = field.text
    found = _date_after_label(text, start, end)
    if not found:
        return None
    date_start, date_end = found
    d_start, d_end = strip_span(text, date_start, date_end)
    value, error = parse_date(text[d_start:d_end])
    rest = date_end
    while rest < end and text[rest] in " \t,;:-|\u2013\u2014":
        rest += 1
    if rest >= end:
        return DateMention(Span(field, d_start, d_end), "metadata", value, error)
    # A bare date followed by text: only a marker if the text starts a sentence.
    if date_start == start and not DATE_LABEL.match(text, start, end) and not text[rest].isupper():
        return None
    return DateMention(Span(field, d_start, d_end), "glued", value, error, marker=Span(field, start, rest))


def _is_metadata(text: str, start: int, end: int) -> bool:
    return bool(_BYLINE.match(text, start, end) or _OTHER_METADATA.match(text, start, end))


def headline_like(snippet: str, first: bool) -> bool:
    words = snippet.split()
    if not words or len(snippet) > HEADLINE_MAX_CHARS or len(words) > HEADLINE_MAX_WORDS:
        return False
    if first:
        return True
    return (snippet[0].isupper() or snippet[0].isdigit() or snippet[0] in "\"'\u201c\u2018") \
        and not ends_sentence(snippet)


def split_paragraphs(field: Field, start: int, end: int) -> list[Span]:
    """Body paragraphs in ``field.text[start:end]``.

    Paragraphs are separated by blank lines. Inside a block of consecutive
    lines, a line starts a new paragraph when the line before it ends a
    sentence, or when it is indented and the line before it was not a
    continuation (hard-wrapped text such as Reuters' keeps wrapping mid-sentence).
    """
    text = field.text
    paragraphs = []
    para_start = para_end = None
    prev_ends_sentence = False
    for s, e in lines(text, start, end):
        if is_blank(text, s, e):
            if para_start is not None:
                paragraphs.append(Span(field, para_start, para_end))
                para_start = None
            continue
        ls, le = strip_span(text, s, e)
        indented = ls > s
        if para_start is not None and (prev_ends_sentence or indented):
            paragraphs.append(Span(field, para_start, para_end))
            para_start = None
        if para_start is None:
            para_start = ls
        para_end = le
        prev_ends_sentence = ends_sentence(text[max(ls, le - 4):le])
    if para_start is not None:
        paragraphs.append(Span(field, para_start, para_end))
    return paragraphs


def find_dateline(field: Field, start: int, end: int) -> tuple[Span | None, DateMention | None]:
    """A wire-service dateline (``KABUL (Reuters) -``) at ``field.text[start:]``."""
    text = field.text
    start, _ = strip_span(text, start, end)
    m = DATELINE.match(text, start, end)
    if not m:
        return None, None
    place, date = ("place", "date") if m.group("place") else ("town", "day")
    if len(m.group(place)) < 3 or (m.group(date) is None and m.group("agency") is None
                                   and not m.group(place).isupper()):
        return None, None
    mention = None
    if m.group(date):
        mention = DateMention(Span(field, m.start(date), m.end(date)), "dateline")
    return Span(field, m.start(), m.end()), mention


def parse_plain_text(doc: Document, field: Field) -> None:
    """Fill in ``doc``'s headlines, metadata, dates, dateline and paragraphs from ``field``."""
    text = field.text
    all_lines = list(lines(text))
    n = len(all_lines)

    def next_content(i):
        while i < n and is_blank(text, *all_lines[i]):
            i += 1
        return i

    i = next_content(0)
    body_start = None
    while i < n:
        s, e = strip_span(text, *all_lines[i])
        mention = classify_date_line(field, s, e)
        if mention is not None and mention.kind == "metadata":
            doc.dates.append(mention)
            doc.metadata.append(Span(field, s, e))
            i = next_content(i + 1)
            continue
        if mention is None and _is_metadata(text, s, e):
            doc.metadata.append(Span(field, s, e))
            i = next_content(i + 1)
            continue
        if mention is not None:  # glued: the text goes on after the marker
            doc.dates.append(mention)
            s = mention.marker.end
        heading = _MARKDOWN_HEADING.match(text, s, e)
        if heading:
            s = heading.end()
        stands_alone = i + 1 >= n or is_blank(text, *all_lines[i + 1])
        first = not doc.headlines
        if headline_like(text[s:e], first) and (first or stands_alone):
            doc.headlines.append(Span(field, s, e))
            i = next_content(i + 1)
            continue
        body_start = s
        break
    if body_start is None:
        body_start = all_lines[i][0] if i < n else len(text)
    doc.paragraphs = split_paragraphs(field, body_start, len(text))
    if doc.paragraphs:
        first_para = doc.paragraphs[0]
        doc.dateline, mention = find_dateline(field, first_para.start, first_para.end)
        if mention:
            doc.dates.append(mention)
