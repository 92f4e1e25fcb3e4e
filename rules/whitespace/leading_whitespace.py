from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import is_blank, lines


class LeadingWhitespace(DocumentRule):
    """Spaces or tabs before the first word of a line, where the document does not indent.

    Why it matters: a stray leading space (often left where a scraper cut off a
    tag or a date) breaks headline matching and exact-duplicate detection.
    Documents that indent every paragraph (as Reuters' wire copy does) are
    left alone; in those only the first line is checked.

    Example (``·`` is a space)::

        ·date 2021-08-04 Ferry crews vote to strike...

    Fix (safe): the leading whitespace is removed.
    """

    code = "W002"
    name = "leading-whitespace"
    severity = "warning"
    fix = "safe"

    def check(self, doc):
        if doc.is_record:
            for field in doc.prose:
                text = field.text
                start = len(text) - len(text.lstrip())
                if 0 < start < len(text):
                    yield self.finding(field, 0, start, "field starts with whitespace; strip it",
                                       fix=Fix(0, start, ""))
            return
        field = doc.body
        text = field.text
        content = [(s, e) for s, e in lines(text) if not is_blank(text, s, e)]
        if not content:
            return
        indented = [(s, e) for s, e in content if text[s] in " \t"]
        convention = len(indented) * 2 > len(content)
        for s, e in indented:
            if convention and s != content[0][0]:
                continue
            stop = s + len(text[s:e]) - len(text[s:e].lstrip(" \t"))
            yield self.finding(field, s, stop, "line starts with whitespace; remove it",
                               fix=Fix(s, stop, ""))
