import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.text import WORD_RE, ends_sentence, is_blank, line_ending, lines, strip_span

#: A list item: "- item", "* item", "• item", "1. item", "2) item", "a) item".
_LIST_ITEM = re.compile(r"(?:[-*\u2022\u2013\u2014\u25aa\u25cf>]|\d{1,3}[.)]|[a-z][.)])(?:\s|$)")
_OPENING = "\"'\u201c\u2018(\u00ab"
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


class JoinedParagraphs(DocumentRule):
    """Two paragraphs joined by a single line break in a text whose paragraphs are separated by blank lines.

    Why it matters: a document that puts a blank line between its paragraphs
    and, in one or two places, only a line break, has lost a blank line when
    it was cut, merged or cleaned. Tools that split paragraphs on blank lines
    (most of them) read the two as one paragraph: passages for retrieval and
    training straddle two paragraphs, and the first-paragraph summary of a
    story runs into the second.

    Example: paragraphs separated by blank lines, except

    ::

        The council approved the plan on Tuesday.
        Work on the new harbour wall starts in May.

    A break is reported when the line before it ends a sentence and the line
    after it starts one (a capital letter or an opening quote), and the
    document's layout shows that its paragraphs are meant to be separated by
    blank lines: at least ``min-blank-breaks`` breaks are blank lines (the
    one under the headline counts), and the single breaks are fewer than
    the blank ones and at most ``max-joined``. A document with one blank
    line and one single break is a tie, and is left alone. A document that
    is not one paragraph per line is left alone too: hard-wrapped text (no
    line longer than ``wrap-width`` characters), and text with any line
    break in the middle of a sentence. List items (``- item``, ``1.
    item``) may follow each other on single lines. Only the body is read:
    the headline, metadata lines and a record's title are not.

    Fix (safe): a blank line is inserted at the break, with the document's
    own line ending. Only whitespace is added, between two complete
    sentences that already start on lines of their own, in a document whose
    every line is a paragraph; the paragraphs that corpuslint and other
    tools read from the document are then the ones its layout intended.
    """

    code = "W007"
    name = "joined-paragraphs"
    severity = "warning"
    fix = "safe"
    options = {
        "min-blank-breaks": Option(2, "fewest paragraph breaks that are blank lines before the document has "
                                      "that convention", minimum=1),
        "max-joined": Option(2, "most single line breaks between paragraphs that are reported in one document; "
                                "more are a layout of their own", minimum=1),
        "wrap-width": Option(100, "a document with no line longer than this may be hard-wrapped and is left "
                                  "alone", minimum=1),
    }

    def check(self, doc):
        field = doc.body
        if field is None or not doc.paragraphs or doc.paragraphs[0].field is not field:
            return
        text = field.text
        body_start = doc.paragraphs[0].start
        if not _BLANK_LINE.search(text, body_start):
            return  # no blank line in the body: a single break is never fewer than the blank ones
        shape = self._layout(text, body_start)
        if shape is None:
            return
        blank_breaks, joins = shape
        blank_breaks += _blank_before(doc, field, body_start)
        if not joins or blank_breaks < max(self.opts.min_blank_breaks, len(joins) + 1):
            return
        ending = line_ending(text)
        for start, end in joins:
            word = WORD_RE.search(text, start, end)
            stop = word.end() if word else end
            yield self.finding(
                field, start, stop,
                f"paragraph joined to the one before by a single line break, where {blank_breaks} other "
                f"paragraph breaks in this document are blank lines; insert a blank line",
                fix=Fix(start, start, ending))

    def _layout(self, text: str, start: int):
        """``(blank breaks, joined lines)`` of the text from ``start``, or ``None`` if it is not one
        paragraph per line; a joined line is the ``(start, end)`` of its text, stripped."""
        blank_breaks = 0
        joins = []
        previous = None  # (start, end) of the line before, stripped, if it was not blank
        gap = False
        longest = 0
        for s, e in lines(text, start):
            if is_blank(text, s, e):
                gap = previous is not None or gap
                previous = None
                continue
            s, e = strip_span(text, s, e)
            longest = max(longest, e - s)
            if previous is None:
                blank_breaks += gap
            elif not (_LIST_ITEM.match(text, s, e) or _LIST_ITEM.match(text, *previous)):
                if not (ends_sentence(text[max(previous[0], previous[1] - 4):previous[1]])
                        and _starts_sentence(text[s])):
                    return None  # a break in mid-sentence: hard-wrapped, or a layout of its own
                joins.append((s, e))
                if len(joins) > self.opts.max_joined:
                    return None
            gap = False
            previous = (s, e)
        if longest <= self.opts.wrap_width:
            return None
        return blank_breaks, joins


def _blank_before(doc, field, body_start: int) -> bool:
    """True if a blank line separates the body from the headline or metadata line above it."""
    above = [span.end for span in doc.headlines + doc.metadata if span.field is field and span.end <= body_start]
    return bool(above) and field.text.count("\n", max(above), body_start) >= 2


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char in _OPENING
