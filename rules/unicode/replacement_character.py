import bisect
import re

from corpuslint.rule import DocumentRule

REPLACEMENT_RUN = re.compile("\ufffd+")


class ReplacementCharacter(DocumentRule):
    """U+FFFD REPLACEMENT CHARACTER (�) in the text: a character was lost before the corpus reached you.

    Why it matters: a program upstream met bytes it could not decode and put
    U+FFFD in their place. The original letter, quote or symbol is gone: a
    name may now be misspelt, a quotation unbalanced, a price unreadable.

    Only characters already in the text are reported here; invalid bytes that
    corpuslint itself replaced while reading the file are reported by U005
    (encoding). One finding per run of replacement characters.

    Example::

        Mayor Ana Mu\ufffdoz opened the bridge.

    No automatic fix: the lost character cannot be recovered from the text;
    re-export the article from its source, or correct it by hand.
    """

    code = "U006"
    name = "replacement-character"
    severity = "error"

    def check(self, doc):
        for field in doc.prose:
            if "\ufffd" not in field.text:
                continue
            inserted = inserted_by_reader(doc, field)
            for m in REPLACEMENT_RUN.finditer(field.text):
                for start, end in runs(i for i in range(m.start(), m.end()) if not inserted(i)):
                    count = end - start
                    what = "a character was" if count == 1 else f"{count} characters were"
                    yield self.finding(field, start, end,
                                       f"replacement character U+FFFD: {what} lost before this text "
                                       "reached the corpus; recover it from the source")


def inserted_by_reader(doc, field):
    """A test: did this run's own decoding put the U+FFFD at this offset there?

    The decode issues are sorted into disjoint ranges once, so each test is a
    binary search: a field of a million replacement characters costs
    O(n log n), not O(n) per character.
    """
    if not doc.is_record:
        return in_ranges((i.start, i.end) for i in doc.decode_issues if i.field is field)
    if not doc.decode_issues:
        return lambda offset: False
    # A record's decode issues are ranges of the raw record, where the field's offsets map to.
    inside = in_ranges((i.start, i.end) for i in doc.decode_issues)
    to_raw = field.origin.to_raw
    return lambda offset: inside(to_raw(offset))


def in_ranges(ranges):
    """A test: is an offset inside one of ``ranges``, ``(start, end)`` pairs in any order?"""
    starts, ends = [], []
    for start, end in sorted(ranges):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)

    def inside(offset):
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    return inside


def runs(offsets):
    """Consecutive offsets grouped into ``(start, end)`` runs."""
    start = end = None
    for offset in offsets:
        if offset != end:
            if start is not None:
                yield start, end
            start = offset
        end = offset + 1
    if start is not None:
        yield start, end
