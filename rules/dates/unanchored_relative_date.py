import re

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
    """

    code = "D005"
    name = "unanchored-relative-date"
    severity = "info"

    def check(self, doc):
        if _anchored(doc) or "date" in doc.absent_roles:
            return
        hits = [(field, m) for field in doc.prose for m in RELATIVE.finditer(field.text)]
        if not hits:
            return
        field, first = hits[0]
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        action = "correct the publication date, which does not parse" if doc.dates else "add the publication date"
        yield self.finding(field, first.start(), first.end(),
                           f"relative time {quote(first.group())} has no date to anchor it{more}; {action}")


def _anchored(doc) -> bool:
    """True if the document has a parsed date or a dateline with a day."""
    return any(mention.value is not None or mention.kind == "dateline" for mention in doc.dates)
