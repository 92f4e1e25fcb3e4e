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

What is read: the lint path's limits hold. A text file, on disk and
decompressed, is at most ``max-document-mb``; a JSONL or CSV file, which is
rewritten in memory, at most ``RECORD_FILE_DOCUMENTS`` times that (each of its
records at most ``max-document-mb``, as when linting). Only regular files are
read and written: a device, FIFO or socket is left alone unread.

Symbolic links are never written through. A file reached through one is
fixed only with ``follow_symlinks`` and only when the link resolves inside
the linted tree: into one of ``roots`` (the paths the user named, links in
them resolved; by default the project root), and then the file it resolves
to is rewritten, the link stays.

Not fixed, and said so in a note ``<file>: not fixed: <why>``, the run going
on with the next file: files over those limits, unreadable or corrupt
(truncated gzip data), binary, with invalid UTF-8 bytes (writing them back
would lose those bytes), UTF-16 or UTF-32 JSONL and CSV files, records that
were not valid UTF-8, a fix that adds a character the file's encoding cannot
hold, a file on which corpuslint itself failed (``FixOutcome.incomplete``),
and, when a fix applies to them, Parquet and Arrow files and the elements of a
JSON array (a ``.json`` file that holds one object is fixed like a JSONL record).
"""
from __future__ import annotations

import difflib
import gzip
import io
import os
import stat
import traceback
import zlib
from dataclasses import dataclass, field

from .budget import time_limit
from .engine import Checker, suppressed
from .fileutil import atomic_write, file_kind
from .readers import ReadProblem, Source, format_of, read, size_text
from .readers.decode import BinaryFile, decode
from .readers.lines import HEAD_BYTES, file_encoding
from .readers.plaintext import TooLarge, describe_os_error, document_from_text, read_limited
from .readers.sniff import content_mismatch

MAX_PASSES = 10
#: Formats whose files are never rewritten, by the name notes give them.
_NOT_WRITTEN = {"parquet": "Parquet", "arrow": "Arrow"}
#: A JSONL or CSV file is rewritten in memory: it is fixed only up to this many
#: times ``max-document-mb`` (1000 MB with the default 20).
RECORD_FILE_DOCUMENTS = 50
#: Never through a link at the last step of the path; never wait on a FIFO.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class NotFixed(Exception):
    """A file that is left alone; the message says why (it follows ``not fixed: ``)."""


@dataclass
class FileChange:
    """One file's fixes: its bytes before and after, and how many fixes went in.

    ``target`` is the file that is rewritten: the source itself, or the file a
    symbolic link that may be followed resolves to.
    """

    source: Source
    before: bytes
    after: bytes
    fixes: int
    target: str

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
    #: True if corpuslint itself failed on a file (a bug, not a problem of the file): exit 3.
    incomplete: bool = False

    @property
    def fixes(self) -> int:
        return sum(change.fixes for change in self.changes)


def _shown(path: str, data: bytes) -> str:
    """The text of file bytes that were read within the limits (so decompressing them is bounded)."""
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
    """Applies the fixes of a run's document rules to files.

    ``follow_symlinks`` and ``roots``: see :func:`fix_sources`.
    """

    def __init__(self, checker: Checker, unsafe: bool = False, *, follow_symlinks: bool = False,
                 roots=None):
        self.checker = checker
        self.unsafe = unsafe
        self.follow_symlinks = follow_symlinks
        self.roots = [os.path.realpath(root) for root in (roots if roots is not None else [checker.settings.root])]

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

    def target(self, source: Source) -> str:
        """The file to read and rewrite for ``source``: the source itself, or the
        file its symbolic link resolves to if that may be followed; else :class:`NotFixed`."""
        if not os.path.islink(source.path):
            return source.path
        if not self.follow_symlinks:
            raise NotFixed("it is a symbolic link (use --follow-symlinks to fix the file it points to, "
                           "if that is inside the linted paths)")
        resolved = os.path.realpath(source.path)
        if not any(_inside(resolved, root) for root in self.roots):
            raise NotFixed("it is a symbolic link that resolves outside the linted tree")
        return resolved

    def fix_file(self, source: Source, outcome: FixOutcome) -> None:
        """Fix one file into ``outcome``; whatever stops it is a note, and the run goes on."""
        try:
            change = self._fix_file(source, outcome)
        except NotFixed as err:
            outcome.notes.append(f"{source.display}: not fixed: {err}")
        except (OSError, EOFError, zlib.error) as err:
            outcome.notes.append(f"{source.display}: not fixed: cannot read it: {describe_os_error(err)}")
        except Exception as err:  # a bug in corpuslint: this file is left alone, the others are fixed
            outcome.incomplete = True
            outcome.notes.append(f"{source.display}: not fixed: {self._failure(err)}")
        else:
            if change is not None:
                outcome.changes.append(change)

    def _fix_file(self, source: Source, outcome: FixOutcome) -> FileChange | None:
        target = self.target(source)
        kind = format_of(source.path) or "text"
        if kind in _NOT_WRITTEN:
            self._check_columnar(source)
            return None
        limit, what = self._limit(kind)
        try:
            before = _read_regular(target, limit)
            data = _decompressed(source.path, before, limit)
        except TooLarge:
            raise NotFixed(f"over the {size_text(limit)} limit for {what}") from None
        wrong = content_mismatch(data, kind, os.path.basename(source.path), complete=True)
        if wrong is not None:
            raise NotFixed(f"{wrong} (F006)")
        if kind == "text":
            result = self._fix_text(source, data, outcome)
        else:
            result = self._fix_records(source, target, before, data, outcome)
        if result is None:
            return None
        after, count = result
        return FileChange(source, before, after, count, target) if after != before and count else None

    def _limit(self, kind: str) -> tuple[int, str]:
        """The most bytes a file of ``kind`` may hold, on disk and decompressed, and what for (for the note)."""
        max_bytes = self.checker.settings.max_document_bytes
        if kind == "text":
            return max_bytes, "one document (max-document-mb)"
        return (max_bytes * RECORD_FILE_DOCUMENTS,
                f"a JSONL or CSV file to fix ({RECORD_FILE_DOCUMENTS} times max-document-mb)")

    def _fix_text(self, source: Source, data: bytes, outcome: FixOutcome):
        try:
            decoded = decode(data)
        except BinaryFile as err:
            raise NotFixed(str(err)) from None
        if decoded.lossy:
            raise NotFixed("it has invalid UTF-8 bytes, which rewriting would lose (see U005)")
        doc, count, settled = self.fix_document(document_from_text(source, decoded.text, decoded.encoding))
        if not settled:
            outcome.notes.append(f"{source.display}: fixes did not settle after {MAX_PASSES} passes")
        if not count:
            return None
        try:
            after = decoded.encode(doc.editor.raw)
        except UnicodeEncodeError:
            raise NotFixed(f"a fix needs a character that {decoded.encoding} cannot hold") from None
        return _recompress(source.path, after), count

    def _fix_records(self, source: Source, target: str, before: bytes, data: bytes, outcome: FixOutcome):
        encoding = file_encoding(data[:HEAD_BYTES])
        if encoding.wide:
            raise NotFixed(f"it is {encoding.codec.upper()}; fixes are written only into UTF-8 "
                           "JSONL and CSV files (see U005)")
        replacements, total, unwritable = {}, 0, 0
        for doc in self._documents(source):
            if doc.decode_issues:
                continue  # not plain UTF-8: rewriting the record would change its other bytes
            if doc.editor is None:  # an element of a JSON array
                unwritable += bool(self.fixes_by_field(doc))
                continue
            fixed, count, settled = self.fix_document(doc)
            if not settled:
                outcome.notes.append(f"{source.display}:{doc.line}: fixes did not settle "
                                     f"after {MAX_PASSES} passes")
            if count:
                replacements[doc.line] = (doc.editor.raw.count("\n") + 1, fixed.editor.raw)
                total += count
        if unwritable:
            outcome.notes.append(f"{source.display}: not fixed: {unwritable} record(s) with fixes are elements of "
                                 f"a JSON array, and fixes are not written into JSON arrays; convert the file to "
                                 f"JSON Lines (one object per line) to fix them")
        if not total:
            return None
        if not _holds(target, before):
            raise NotFixed("it changed on disk while corpuslint was reading it; run again")
        return _recompress(source.path, _replace_records(data, replacements, encoding.bom)), total

    def _documents(self, source: Source):
        """The documents of a record file, as linting reads them (problems left out)."""
        settings = self.checker.settings
        for doc in read(source, settings.fields, settings.max_document_bytes, settings.columns):
            if not isinstance(doc, ReadProblem):
                yield doc

    def _check_columnar(self, source: Source) -> None:
        """:class:`NotFixed` if a record of a Parquet or Arrow file has a fix: they are never rewritten."""
        if any(self.fixes_by_field(doc) for doc in self._documents(source)):
            raise NotFixed(f"fixes are not written into {_NOT_WRITTEN[format_of(source.path)]} files; "
                           "fix the data where it is made, or export it to JSON Lines and fix that")

    def write(self, change: FileChange, outcome: FixOutcome) -> bool:
        """Write one change, unless the file changed since it was read (checked again
        just before the rename) or is no longer one that may be written."""
        display = change.source.display
        try:
            self._check_unchanged(change)
            if not os.stat(change.target).st_mode & 0o222:
                outcome.notes.append(f"{display}: not written: the file is read-only")
                return False
            atomic_write(change.target, change.after, mode_from=change.target,
                         before_replace=lambda: self._check_unchanged(change))
        except NotFixed as err:
            outcome.notes.append(f"{display}: not written: {err}")
            return False
        except OSError as err:
            outcome.notes.append(f"{display}: not written: {err.strerror or err}; the file is unchanged")
            return False
        except Exception as err:  # a bug in corpuslint
            outcome.incomplete = True
            outcome.notes.append(f"{display}: not written: {self._failure(err)}")
            return False
        return True

    def _check_unchanged(self, change: FileChange) -> None:
        """:class:`NotFixed` unless the change's source still leads to its target and that
        is still a regular file holding exactly what was read."""
        if self.target(change.source) != change.target or not _holds(change.target, change.before):
            raise NotFixed("it changed on disk while corpuslint was fixing it; run again")

    def _failure(self, err: Exception) -> str:
        detail = "".join(traceback.format_exception(err)).rstrip() if self.checker.debug \
            else f"{type(err).__name__}: {err}"
        return (f"corpuslint failed on it ({detail}); the file is left as it was and the run is "
                "incomplete (rerun with --debug for the traceback)")


def _inside(path: str, root: str) -> bool:
    """True if ``path`` is ``root`` or lies under it (both resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _read_regular(path: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``: :class:`TooLarge` past ``limit``.

    Anything else (a device, a FIFO, a link put there meanwhile) is
    :class:`NotFixed` without being read: the file is opened without
    following a link and without waiting for a FIFO's writer, and checked again once open.
    """
    mode = os.lstat(path).st_mode
    if stat.S_ISREG(mode):
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as fh:
            status = os.fstat(fh.fileno())
            mode = status.st_mode
            if stat.S_ISREG(mode):
                if status.st_size > limit:
                    raise TooLarge(status.st_size)
                return read_limited(fh, limit)
    raise NotFixed(f"it is {file_kind(mode)}; only regular files are fixed")


def _holds(path: str, data: bytes) -> bool:
    """True if the regular file at ``path`` holds exactly ``data``."""
    try:
        return _read_regular(path, len(data)) == data
    except TooLarge:
        return False


def _decompressed(path: str, raw: bytes, limit: int) -> bytes:
    """``raw`` decompressed if ``path`` names a ``.gz`` file: :class:`TooLarge` past ``limit``."""
    if not path.lower().endswith(".gz"):
        return raw
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
        return read_limited(fh, limit)


def _recompress(path: str, data: bytes) -> bytes:
    return gzip.compress(data, mtime=0) if path.lower().endswith(".gz") else data


def _replace_records(data: bytes, replacements: dict, bom: bytes = b"") -> bytes:
    """``data`` with the records at the given first lines replaced; other bytes untouched
    (the byte-order mark ``bom`` the file starts with, too)."""
    lines = data.split(b"\n")
    for first, (count, raw) in sorted(replacements.items(), reverse=True):
        last = lines[first + count - 2]
        ending = b"\r" if last.endswith(b"\r") else b""
        lines[first - 1:first + count - 1] = [(bom if first == 1 else b"") + raw.encode("utf-8") + ending]
    return b"\n".join(lines)


def fix_sources(checker: Checker, sources, unsafe: bool = False, write: bool = True, *,
                follow_symlinks: bool = False, roots=None) -> FixOutcome:
    """Fix every source; write the results unless ``write`` is false (``--diff``).

    A source whose name is a symbolic link is fixed only with
    ``follow_symlinks``, and only if the link resolves into one of ``roots``:
    the paths the user named (files or folders; links in them resolved). By
    default the one root is the project root, ``settings.root``.
    """
    fixer = Fixer(checker, unsafe, follow_symlinks=follow_symlinks, roots=roots)
    outcome = FixOutcome()
    with time_limit(checker.heartbeat, checker.budget):  # a looping rule is stopped here too
        for source in sources:
            fixer.fix_file(source, outcome)
    if write:
        outcome.changes = [change for change in outcome.changes if fixer.write(change, outcome)]
    return outcome
