"""What a rule reports: a finding at a location, with an optional fix.

These are plain, picklable values: they travel from worker processes to the
reporter and into JSON output unchanged.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .formats import printable

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a source file: 1-based lines and character columns.

    ``end_column`` is exclusive, so a one-character span at column 5 ends at 6.
    ``field`` names the record field for JSONL/CSV documents and is ``None``
    for plain-text files.
    """

    path: str
    document: str
    field: str | None
    line: int
    column: int
    end_line: int
    end_column: int

    # Findings and records travel from workers and the cache by the million: a
    # constructor call unpickles ten times as fast as the dataclass's __setstate__.
    def __reduce__(self):
        return (Location, (self.path, self.document, self.field, self.line, self.column,
                           self.end_line, self.end_column))

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "document": self.document,
            "field": self.field,
        }

    def short(self) -> str:
        """``path:line`` for use inside messages."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``field.text[start:end]`` with ``replacement``.

    ``start``/``end`` are character offsets in the document field the finding
    is on. ``safe`` fixes never change meaning (a boilerplate tail, a final
    newline, "a auto" -> "an auto"); unsafe ones need a human's eye.
    """

    start: int
    end: int
    replacement: str
    safe: bool = True
    location: Location | None = None

    def __reduce__(self):  # as Location's
        return (Fix, (self.start, self.end, self.replacement, self.safe, self.location))

    def as_dict(self) -> dict:
        out = {"replacement": self.replacement, "safe": self.safe}
        if self.location is not None:
            loc = self.location
            out.update(line=loc.line, column=loc.column,
                       end_line=loc.end_line, end_column=loc.end_column)
        return out


#: Severities from the most to the least serious.
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. ``snippet`` is the flagged text (for document-rule
    findings), used to recognise the same finding after unrelated edits."""

    code: str
    name: str
    severity: str
    message: str
    location: Location
    fix: Fix | None = None
    related: tuple[Location, ...] = field(default=())
    snippet: str | None = None

    def __reduce__(self):  # as Location's
        return (Finding, (self.code, self.name, self.severity, self.message, self.location,
                          self.fix, self.related, self.snippet))

    @property
    def path(self) -> str:
        return self.location.path

    def fingerprint(self) -> str:
        """A hash of the code, the document, the field and the flagged text.

        Line numbers are left out, so the fingerprint survives edits elsewhere
        in the file. Findings without flagged text (corpus and file findings)
        use their message with the numbers taken out ("same text as a.txt:12"
        and "... a.txt:14" are the same finding). Text UTF-8 cannot carry (a
        lone surrogate, a file name byte that is not UTF-8) is hashed as the
        output shows it (see ``formats.printable``).
        """
        loc = self.location
        what = self.snippet if self.snippet is not None else _DIGITS.sub("#", self.message)
        key = printable("\x1f".join((self.code, loc.document, loc.field or "", what)))
        return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()

    def fixable(self, unsafe: bool = False) -> bool:
        return self.fix is not None and (self.fix.safe or unsafe)

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, loc.end_line,
                loc.end_column, loc.field or "", self.message)

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "document": loc.document,
            "field": loc.field,
            "fix": self.fix.as_dict() if self.fix else None,
            "related": [r.as_dict() for r in self.related],
            "fingerprint": self.fingerprint(),
        }
