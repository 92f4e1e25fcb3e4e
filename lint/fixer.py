"""``--fix``: repair what the rules can repair, without ever losing data.

Fixes are applied in passes: each pass runs the document rules, takes every
fix that does not overlap an earlier one in the same pass (in text order),
applies them, and parses the document again, until no fix is left (at most
``MAX_PASSES``). So "was a auto bomb" becomes "was an auto bomb", then "was an
car bomb", then "was a car bomb".

What is written:

- a text file keeps its encoding, byte-order mark, line endings and file mode;
- in a JSONL or CSV file only the fixed records change, only in the fixed
  fields; every other byte stays as it was;
- the new content goes through a temporary file and a rename, and only if the
  file still holds what was read (a file changed meanwhile is left alone).

Not fixed, and said so: files with invalid UTF-8 bytes (writing them back
would lose those bytes), records that were not valid UTF-8, a fix that adds a
character the file's encoding cannot hold.
"""
from __future__ import annotations

import difflib
import gzip
import os
from dataclasses import dataclass, field

from .engine import Checker, suppressed
from .readers import ReadProblem, Source, format_of, read
from .readers.decode import BinaryFile, decode
from .readers.plaintext import document_from_text

MAX_PASSES = 10


@dataclass
class FileChange:
    """One file's fixes: its bytes before and after, and how many fixes went in."""

    source: Source
    before: bytes
    after: bytes
    fixes: int

    def diff(self) -> str:
        old = _shown(self.source.path, self.before).splitlines(keepends=True)
        new = _shown(self.source.path, self.after).splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, fromfile=self.source.display, tofile=self.source.display)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


@dataclass
class FixOutcome:
    changes: list[FileChange] = field(default_factory=list)
    #: Lines for stderr: files or records left alone, and why.
    notes: list[str] = field(default_factory=list)

    @property
    def fixes(self) -> int:
        return sum(change.fixes for change in self.changes)


def _shown(path: str, data: bytes) -> str:
    if path.lower().endswith(".gz"):
        data = gzip.decompress(data)
    return decode(data).text if data else ""


def _non_overlapping(fixes):
    """The fixes to apply in one pass: in text order, skipping any that overlaps one taken."""
    chosen, last_end, last_insert = [], -1, None
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < last_end or (fix.start == fix.end and fix.start == last_insert):
            continue
        chosen.append(fix)
        last_end = max(last_end, fix.end)
        if fix.start == fix.end:
            last_insert = fix.start
    return chosen


def _apply(text: str, fixes) -> str:
    for fix in sorted(fixes, key=lambda f: (f.start, f.end), reverse=True):
        text = text[:fix.start] + fix.replacement + text[fix.end:]
    return text


class Fixer:
    """Applies the fixes of a run's document rules to files."""

    def __init__(self, checker: Checker, unsafe: bool = False):
        self.checker = checker
        self.unsafe = unsafe

    def fixes_by_field(self, doc) -> dict:
        """Applicable fixes by field name; a fix that would change nothing is not one."""
        by_field = {}
        for finding in self.checker.document_findings(doc):
            if finding.fixable(self.unsafe) and finding.code in self.checker.selected \
                    and not suppressed(finding, self.checker.settings, {doc.id: doc.suppressed}):
                name = finding.location.field
                fix = finding.fix
                text = (doc.body if name is None else doc.fields[name]).text
                if text[fix.start:fix.end] != fix.replacement:
                    by_field.setdefault(name, []).append(fix)
        return by_field

    def fix_document(self, doc):
        """``(fixed document, number of fixes applied, settled)`` for one document."""
        applied = 0
        for _ in range(MAX_PASSES):
            by_field = self.fixes_by_field(doc)
            if not by_field:
                return doc, applied, True
            values = {}
            for name, fixes in by_field.items():
                field = doc.body if name is None else doc.fields[name]
                chosen = _non_overlapping(fixes)
                values[name] = _apply(field.text, chosen)
                applied += len(chosen)
            doc = doc.editor.reparse(doc.editor.rebuild(values))
        return doc, applied, not self.fixes_by_field(doc)

    def fix_file(self, source: Source, outcome: FixOutcome) -> None:
        try:
            before = _read_raw(source.path)
        except OSError as err:
            outcome.notes.append(f"{source.display}: not fixed: cannot read it ({err.strerror or err})")
            return
        kind = format_of(source.path) or "text"
        fixer = self._fix_text if kind == "text" else self._fix_records
        result = fixer(source, before, outcome)
        if result is not None:
            after, count = result
            if after != before and count:
                outcome.changes.append(FileChange(source, before, after, count))

    def _fix_text(self, source: Source, before: bytes, outcome: FixOutcome):
        data = gzip.decompress(before) if source.path.lower().endswith(".gz") else before
        try:
            decoded = decode(data)
        except BinaryFile:
            return None
        if decoded.lossy:
            outcome.notes.append(f"{source.display}: not fixed: it has invalid UTF-8 bytes, which "
                                 "rewriting would lose (see U005)")
            return None
        doc, count, settled = self.fix_document(document_from_text(source, decoded.text, decoded.encoding))
        if not settled:
            outcome.notes.append(f"{source.display}: fixes did not settle after {MAX_PASSES} passes")
        if not count:
            return None
        try:
            after = decoded.encode(doc.editor.raw)
        except UnicodeEncodeError:
            outcome.notes.append(f"{source.display}: not fixed: a fix needs a character that "
                                 f"{decoded.encoding} cannot hold")
            return None
        return _recompress(source.path, after), count

    def _fix_records(self, source: Source, before: bytes, outcome: FixOutcome):
        replacements, total = {}, 0
        for doc in read(source, self.checker.settings.fields, self.checker.settings.max_document_bytes):
            if isinstance(doc, ReadProblem):
                continue
            if doc.decode_issues:
                continue  # not plain UTF-8: rewriting the record would change its other bytes
            fixed, count, settled = self.fix_document(doc)
            if not settled:
                outcome.notes.append(f"{source.display}:{doc.line}: fixes did not settle "
                                     f"after {MAX_PASSES} passes")
            if count:
                replacements[doc.line] = (doc.editor.raw.count("\n") + 1, fixed.editor.raw)
                total += count
        if not total:
            return None
        if _read_raw(source.path) != before:
            outcome.notes.append(f"{source.display}: not fixed: it changed on disk while corpuslint "
                                 "was reading it; run again")
            return None
        data = gzip.decompress(before) if source.path.lower().endswith(".gz") else before
        return _recompress(source.path, _replace_records(data, replacements)), total

    def write(self, change: FileChange, outcome: FixOutcome) -> bool:
        """Write one change, unless the file changed since it was read."""
        from .fileutil import atomic_write

        target = os.path.realpath(change.source.path)
        try:
            current = _read_raw(target)
        except OSError as err:
            outcome.notes.append(f"{change.source.display}: not written: {err.strerror or err}")
            return False
        if current != change.before:
            outcome.notes.append(f"{change.source.display}: not written: it changed on disk while "
                                 "corpuslint was fixing it; run again")
            return False
        if not os.stat(target).st_mode & 0o222:
            outcome.notes.append(f"{change.source.display}: not written: the file is read-only")
            return False
        try:
            atomic_write(target, change.after, mode_from=target)
        except OSError as err:
            outcome.notes.append(f"{change.source.display}: not written: {err.strerror or err}; "
                                 "the file is unchanged")
            return False
        return True


def _read_raw(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _recompress(path: str, data: bytes) -> bytes:
    return gzip.compress(data, mtime=0) if path.lower().endswith(".gz") else data


def _replace_records(data: bytes, replacements: dict) -> bytes:
    """``data`` with the records at the given first lines replaced; other bytes untouched."""
    lines = data.split(b"\n")
    for first, (count, raw) in sorted(replacements.items(), reverse=True):
        last = lines[first + count - 2]
        ending = b"\r" if last.endswith(b"\r") else b""
        lines[first - 1:first + count - 1] = [raw.encode("utf-8") + ending]
    return b"\n".join(lines)


def fix_sources(checker: Checker, sources, unsafe: bool = False, write: bool = True) -> FixOutcome:
    """Fix every source; write the results unless ``write`` is false (``--diff``)."""
    fixer = Fixer(checker, unsafe)
    outcome = FixOutcome()
    for source in sources:
        fixer.fix_file(source, outcome)
    if write:
        outcome.changes = [change for change in outcome.changes if fixer.write(change, outcome)]
    return outcome
