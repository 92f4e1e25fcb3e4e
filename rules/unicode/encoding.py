from corpuslint.readers.codes import ENCODING
from corpuslint.rule import DocumentRule


class Encoding(DocumentRule):
    """The file is not plain UTF-8: another encoding, a byte-order mark, or invalid bytes.

    Why it matters: every tool downstream will assume UTF-8. A Windows-1252
    or Latin-1 file reads as garbage (or fails) in a UTF-8 pipeline, UTF-16
    doubles the size and confuses line-based tools, a byte-order mark sticks
    to the first word of the text, and invalid bytes become U+FFFD: the
    character they stood for is lost.

    corpuslint reads such files anyway (as Windows-1252 when no valid UTF-8 is
    found, as UTF-16 when it has a byte-order mark or the zero bytes of one,
    invalid bytes replaced by U+FFFD) and reports what it did: once per file
    for another encoding or a byte-order mark, and at each run of invalid
    bytes. In JSONL and CSV files another encoding or a byte-order mark is
    reported once on line 1, and each run of invalid bytes where it is in its
    record; so is a JSON escape of half a surrogate pair (``\\ud800`` with no
    partner), which is not a character and cannot be written as UTF-8: it is
    read as U+FFFD.

    Example: an article saved from a Windows editor, ``Caf\\xe9 owners in
    Lindby``, is reported as ``file is not valid UTF-8; decoded as
    Windows-1252: convert it to UTF-8``.

    No automatic fix: convert the file (``iconv -f windows-1252 -t utf-8``)
    or, for invalid bytes, recover the text from its source.
    """

    code = ENCODING
    name = "encoding"
    severity = "warning"

    def check(self, doc):
        for issue in doc.decode_issues:
            yield self.finding_at(issue.where(), issue.message)
