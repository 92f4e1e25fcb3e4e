from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import line_ending


class MissingFinalNewline(DocumentRule):
    """A text file whose last line has no line ending.

    Why it matters: tools that concatenate or stream files glue the next
    document onto this one's last line; ``wc -l`` and many diff tools miscount.
    A missing final newline is also a sign that boilerplate was appended by a
    script (see B001).

    Example: ``...stepped-up offensives.`` then end of file, with no ``\\n``.

    A file with old Mac line endings (a lone ``\\r``) that ends with one has
    its final newline. A last line of only spaces after the text is a blank
    line at the end of the file: W005 reports it, and its fix ends the file
    after the last line of text.

    Fix (safe): a line ending is added, of the kind the file uses (``\\r\\n``
    if it has any, ``\\r`` in a file that only has those, else ``\\n``).
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
        if text and not text.endswith(("\n", "\r")) and not _blank_last_line(text):
            end = len(text)
            yield self.finding(field, end, end, "no newline at end of file", fix=Fix(end, end, line_ending(text)))


def _blank_last_line(text: str) -> bool:
    """True if the text's last line holds only spaces or tabs and follows a line with text (W005's business)."""
    before = text.rstrip(" \t")
    return before.endswith("\n") and bool(before.strip())
