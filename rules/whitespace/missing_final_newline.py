from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule


class MissingFinalNewline(DocumentRule):
    """A text file whose last line has no line ending.

    Why it matters: tools that concatenate or stream files glue the next
    document onto this one's last line; ``wc -l`` and many diff tools miscount.
    A missing final newline is also a sign that boilerplate was appended by a
    script (see B001).

    Example: ``...stepped-up offensives.`` then end of file, with no ``\\n``.

    Fix (safe): a line ending is added (``\\r\\n`` if the file uses those).
    """

    code = "W003"
    name = "missing-final-newline"
    severity = "warning"
    fix = "safe"

    def check(self, doc):
        if doc.is_record:
            return
        field = doc.body
        text = field.text
        if text and not text.endswith("\n"):
            ending = "\r\n" if "\r\n" in text else "\n"
            end = len(text)
            yield self.finding(field, end, end, "no newline at end of file", fix=Fix(end, end, ending))
