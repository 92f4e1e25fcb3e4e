from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import lines


class TrailingWhitespace(DocumentRule):
    """Spaces or tabs at the end of a line (or of a record's title or text).

    Why it matters: invisible trailing whitespace makes identical sentences
    compare unequal, breaks exact-duplicate detection and shows up as noise in
    every diff of the corpus.

    Example (``·`` is a space)::

        The minister resigned on Friday.··

    Fix (safe): the trailing spaces and tabs are removed.
    """

    code = "W001"
    name = "trailing-whitespace"
    severity = "warning"
    fix = "safe"

    def check(self, doc):
        if doc.is_record:
            for field in doc.prose:
                text = field.text
                end = len(text)
                stripped = len(text.rstrip())
                if 0 < stripped < end:
                    yield self.finding(field, stripped, end, "field ends with whitespace; strip it",
                                       fix=Fix(stripped, end, ""))
            return
        field = doc.body
        text = field.text
        for start, end in lines(text):
            content_end = len(text[start:end].rstrip(" \t")) + start
            if content_end < end:
                what = "blank line contains whitespace" if content_end == start else "trailing whitespace"
                yield self.finding(field, content_end, end, f"{what}; remove the spaces or tabs",
                                   fix=Fix(content_end, end, ""))
