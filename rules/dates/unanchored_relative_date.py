import re

from corpuslint.noise import OPTION as CORPUS_RELATIVE_OPTION
from corpuslint.noise import CorpusRelative
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
RELATIVE = re.compile(
    r"\b(?:"
    r"(?:today|tonight|yesterday|tomorrow)(?:'s)?"
    r"|(?:this|last|next) (?:" + _PART + r"|week|weekend|month|year)"
    r"|(?:earlier|later) this (?:week|month|year)"
    r"|(?:last|next|on|this|early on|late on) " + _DAY +
    r"|" + _DAY + r" " + _PART +
    r"|(?:\d+|a|one|two|three|few) (?:days?|weeks?|months?) ago"
    r")\b",
    re.IGNORECASE,
)

_DAY_LOWER = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_AGO = r" (?:days?|weeks?|months?) ago"
#: RELATIVE for lower-case text, without re.IGNORECASE (four times faster) and with its
#: alternatives grouped by their first letters, so that each position tries a few of them.
RELATIVE_LOWER = re.compile(
    r"\b(?:"
    r"t(?:o(?:day|night|morrow)(?:'s)?|his (?:" + _PART + r"|week(?:end)?|month|year|" + _DAY_LOWER + r")"
    r"|wo" + _AGO + r"|hree" + _AGO + r")"
    r"|yesterday(?:'s)?"
    r"|la(?:st (?:" + _PART + r"|week(?:end)?|month|year|" + _DAY_LOWER + r")|ter this (?:week|month|year)"
    r"|te on " + _DAY_LOWER + r")"
    r"|next (?:" + _PART + r"|week(?:end)?|month|year|" + _DAY_LOWER + r")"
    r"|earl(?:ier this (?:week|month|year)|y on " + _DAY_LOWER + r")"
    r"|o(?:n " + _DAY_LOWER + r"|ne" + _AGO + r")"
    r"|(?:\d+|a|few)" + _AGO +
    r"|" + _DAY_LOWER + r" " + _PART +
    r")\b")
#: Characters that re.IGNORECASE matches with an ASCII letter although str.lower() keeps them
#: ("İ" and "ı" with "i", "ſ" with "s"): a field with one is searched with RELATIVE.
_CASE_ODDITIES = ("\u0130", "\u0131", "\u017f")


class UnanchoredRelativeDate(DocumentRule):
    """Relative time words ("this morning", "on Tuesday", "last week") in an undated document.

    Why it matters: "on Tuesday" only means something next to a date. In an
    undated article the reader, a search index or a model cannot tell which
    Tuesday, so events land on the wrong day.

    Example::

        The bridge over Millbrook harbour reopened this morning after repairs...

    in an article with no date line. Reported once per document, at the first
    such phrase, with the number of others. A publication date that parses
    anchors them, and so does a dateline with a day (``SALVADOR, Feb 26 -``);
    a date that cannot be parsed (``date 2005-02-30``, reported by D002) does
    not.

    In a corpus that carries no dates, every document that uses relative time
    words (about two news articles in three) is reported: when half of the
    documents of the run, of a folder or of a record file (20 documents or
    more) are, one finding at the first of them says so for the corpus, with
    the count and a few examples. Option ``corpus-relative = false`` reports
    every document instead.
    """

    code = "D005"
    name = "unanchored-relative-date"
    severity = "info"
    options = {"corpus-relative": CORPUS_RELATIVE_OPTION}
    corpus_relative = CorpusRelative(
        "use relative time words with no date to anchor them",
        "add publication dates, or ignore D005 for an undated corpus", share=0.5)

    def check(self, doc):
        if _anchored(doc) or "date" in doc.absent_roles:
            return
        hits = [(field, m) for field in doc.prose for m in _relative_times(field)]
        if not hits:
            return
        field, first = hits[0]
        start, end = first.span()
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        action = "correct the publication date, which does not parse" if doc.dates else "add the publication date"
        yield self.finding(field, start, end,
                           f"relative time {quote(field.text[start:end])} has no date to anchor it{more}; {action}")


def _relative_times(field):
    """The matches of RELATIVE in the field (offsets into ``field.text``, which may differ in case)."""
    if any(odd in field.text for odd in _CASE_ODDITIES):
        return RELATIVE.finditer(field.text)
    return RELATIVE_LOWER.finditer(field.lower)


def _anchored(doc) -> bool:
    """True if the document has a parsed date or a dateline with a day."""
    return any(mention.value is not None or mention.kind == "dateline" for mention in doc.dates)
