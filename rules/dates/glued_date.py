import re

from corpuslint.dates import DATE_AT_START, parse_date
from corpuslint.document import Span
from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import line_ending, quote

#: A whole date: the forms :data:`corpuslint.dates.DATE_AT_START` knows, ``14-03-2019`` and ``20190314``.
_DATE = (r"(?:" + DATE_AT_START.pattern + r"|\d{1,2}-\d{1,2}-\d{4}"
         r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))")
_LABEL = (r"(?P<label>(?:(?:first|last)\s+)?(?:date(?:d|line)?|published|posted|updated|modified)(?:\s+on)?"
          r"[ \t]*:?[ \t]*)")
_MARK = r"[ \t]*(?:[|/\u2013\u2014,:;]|-{1,2})?[ \t]*"
#: A date that starts a title: ``Posted on 20190304 Ferry ...``, ``04-03-2019 - Ferry ...``, ``(2019-03-04) ...``.
_TITLE_START = re.compile(
    _LABEL + r"?(?P<open>[(\[][ \t]*)?(?P<date>" + _DATE + r")(?![\d/.-])(?P<close>[ \t]*[)\]])?"
    r"(?P<sep>" + _MARK + r")(?=\S)",
    re.IGNORECASE)
#: A date that ends a title: ``... | Last updated: 07/22/2005``, ``..., posted 4 March 2019``,
#: ``... (2019-03-04)``, ``... \u2014 March 4 2019``, ``...2019-03-04``. It starts a word, or follows a
#: letter directly (glued); the mark before it (:data:`_MARKS`) is read backwards.
_TITLE_END = re.compile(
    r"(?:(?<![\w.])|(?<=[^\W\d_])(?=\d))" + _LABEL
    + r"?(?P<open>[(\[][ \t]*)?(?P<date>" + _DATE + r")(?P<close>[ \t]*[)\]])?[ \t]*\Z",
    re.IGNORECASE)
_MARKS = " \t|/\u2013\u2014,:;-"
#: Words after which a date belongs to the title's sentence (``Deal expected on 4 March 2019``,
#: ``YEAR ENDED DEC 31 1986``): a date right after one of them, with no mark between, is not glued.
_TAKES_A_DATE = frozenset(
    "on of since from until till to before after by in at for between and or through than as ended ending "
    "due effective dated".split())
#: Every whole date has two digits in a row (its year); a title without them near an end has no date there.
_TWO_DIGITS = re.compile(r"\d\d")
#: How far from the start or the end of a title a date may begin (a weekday, a label and a time included).
_REACH = 80
#: What a title may start with after a bare date and a space: a capital, a digit or a quote.
_TITLE_OPENING = "\"'\u2018\u201c"


class GluedDate(DocumentRule):
    """Date metadata glued into the headline or body text.

    Why it matters: a scraper that flattens a page often runs the date marker
    into the next line: ``date 2021-08-04 Ferry crews vote to...``, or
    leaves the page's date stamp at the end of the headline: ``Ferry crews
    vote to strike | Last updated: 4 August 2021``. The headline then carries
    metadata, headline matching and de-duplication fail, and the date may be
    read as part of the text.

    Found by position and shape, in any date format (``2021-08-04``,
    ``04/08/2021``, ``4.8.2021``, ``20210804``, ``Aug. 4, 2021 3:15 p.m.``,
    ``04-AUG-2021 15:01:01.79``): a whole date (day, month and year) that
    starts a line of text with a label (``Posted on``, ``Updated``) or
    before a capital letter, or that ends a title, after a mark (``|``,
    ``\u2014``, ``-``, ``,``, ``/``), a label (``Published:``, ``posted``) or in
    brackets, or right after the last word; not a date the title's sentence
    needs (``Deal expected on 4 March 2021``, ``YEAR ENDED DEC 31 1986``: a
    date right after a preposition or ``ended``, with no mark between).

    Example::

         date 2021-08-04 Ferry crews vote to strike as talks on summer rosters fail.

    Fix (unsafe): the marker is moved to a line of its own above the text,
    followed by a blank line (with the file's own line endings); in a
    record's title it is removed (its value belongs in the date field).
    """

    code = "D004"
    name = "glued-date"
    severity = "warning"
    fix = "unsafe"

    def check(self, doc):
        for mention in doc.dates:
            if mention.kind == "glued":
                yield self.report_marker(mention.marker)
        for span in doc.headlines[:1]:
            parsed = any(m.kind == "glued" and m.marker.field is span.field and m.marker.end == span.start
                         for m in doc.dates)
            if not parsed:
                yield from self.check_title_start(doc, span)
            yield from self.check_title_end(doc, span)

    def report_marker(self, marker):
        label = marker.text.rstrip()
        ending = line_ending(marker.field.text)
        return self.finding(marker.field, marker.start, marker.end,
                            f"date marker {quote(label)} is glued to the text that follows; "
                            "put it on its own line or in a date field",
                            fix=Fix(marker.start, marker.end, label + ending * 2, safe=False))

    def check_title_start(self, doc, span):
        """A date (the parser's forms and more) that starts the title, before its words."""
        text = span.field.text
        if not _TWO_DIGITS.search(text, span.start, min(span.end, span.start + _REACH)):
            return
        m = _TITLE_START.match(text, span.start, span.end)
        if m is None or bool(m.group("open")) != bool(m.group("close")):
            return
        rest = text[m.end():span.end]
        if not any(c.isalpha() for c in rest) or (parse_date(m.group("date"))[0] is None and not m.group("label")):
            return
        if not (m.group("label") or m.group("open") or m.group("sep").strip()) \
                and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _TITLE_OPENING):
            return  # "2021-08-04 was the day ...": a sentence that starts with a date
        if doc.is_record:
            marker = text[m.start():m.end()].rstrip()
            yield self.finding(span.field, m.start(), m.start() + len(marker),
                               f"date marker {quote(marker)} is glued to the start of the "
                               "title; remove it (its value belongs in the record's date field)",
                               fix=Fix(m.start(), m.end(), "", safe=False))
        else:
            yield self.report_marker(Span(span.field, m.start(), m.end()))

    def check_title_end(self, doc, span):
        text = span.field.text
        reach = max(span.start, span.end - _REACH)
        if not _TWO_DIGITS.search(text, reach, span.end):
            return
        m = _TITLE_END.search(text, reach, span.end)
        if m is None:
            return
        cut = m.start()  # the title ends before the mark that sets the date off
        while cut > span.start and text[cut - 1] in _MARKS:
            cut -= 1
        if not self.glued(text[span.start:cut], text[cut:m.start()], m):
            return
        start = m.start("label") if m.group("label") else m.start("open") if m.group("open") else m.start("date")
        end = m.end("close") if m.group("close") else m.end("date")
        stamp = (m.group("label") or "").strip() + (" " if m.group("label") else "") + m.group("date").strip()
        if doc.is_record:
            fix = Fix(cut, span.end, "", safe=False)
            home = "remove it (its value belongs in the record's date field)"
        else:
            fix = Fix(span.start, span.end, stamp + line_ending(text) * 2 + text[span.start:cut], safe=False)
            home = "put it on its own line or in a date field"
        yield self.finding(span.field, start, end,
                           f"date {quote(text[start:end])} is glued to the end of the title; {home}", fix=fix)

    @staticmethod
    def glued(title: str, mark: str, m: re.Match) -> bool:
        """True if the date ``m`` that ends a title is a stamp, not part of the title's sentence;
        ``title`` is what comes before it and ``mark`` the spaces and marks between them."""
        if bool(m.group("open")) != bool(m.group("close")) or not any(c.isalpha() for c in title):
            return False  # an unclosed bracket, or a title that is only a date
        if parse_date(m.group("date"))[0] is None and not m.group("label"):
            return False
        if m.group("label") or m.group("open") or mark.strip() or not mark:
            return True
        return title.split()[-1].lower() not in _TAKES_A_DATE
