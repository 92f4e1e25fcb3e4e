"""The result cache: re-linting an unchanged corpus only redoes the reduce.

For each file (or part of a split file) the cache keeps what the map step
produced: the document rules' findings and the corpus rules' keyed records.
A file counts as unchanged when its size and modification time (to the
nanosecond) are as they were, the test git and ruff use; a changed file is
read and checked again, alone. Results are only valid for one configuration
of the run: corpuslint's version and code, the code of plugin rules (their
distribution's version and the content of their modules), the selected rules
and their options, the configuration, the project's vocabulary files, and the
day (for rules that compare dates with today).

Each configuration has a file of its own under ``.corpuslint_cache/`` (with
a ``.gitignore`` for the folder), so a run of other rules (``--select T``)
leaves the full run's file alone, and a run over some of the files (one
file, one folder) keeps the entries of the files it did not read: the next
full run is warm. Other configurations' files are dropped once they were
last used on an earlier day (the day is part of the key: they cannot match
again) and, least recently used first, when the folder passes
``max_bytes`` (:data:`DEFAULT_MAX_BYTES`, all files together). In a file,
this run's entries come first, then those of files it did not read, in
their old order; the entries past the bound are dropped.

A run reads its configuration's file once to check it, keeping only where
each entry is, and reads an entry again when its file comes up. When the run
has anything new to keep, it writes a new file as it goes (a result when it
is produced, a cached one as it is read), then copies the entries of the
files it did not read, writes the header and renames the file into place.
The cache's memory is a key and an offset per file, whatever the corpus
holds. A run that stops early (Ctrl-C, an error) keeps the results it
finished; a killed one leaves the previous file as it was.

The file is not one pickle but a sequence of signed entries (see
``signing.py``)::

    header  magic, format version, number of entries, MAC
    entry   length of the body, MAC, body (file stamp, key, pickled result)

The header's MAC covers the configuration; each entry's covers the
configuration and the whole body, the file's key among it, so an entry
cannot be moved to another file or configuration. Every MAC is checked when
the file is loaded, and an entry's again just before it is unpickled; an
entry that fails is dropped (its file is checked again) and one line on
stderr says how many did. Lengths are bounded by what is left of the file,
so a damaged length drops the rest of the file and never allocates more than
the file's size.
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import pickle
import struct
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from importlib.util import find_spec
from typing import BinaryIO

from .fileutil import atomic_write
from .signing import MAC_BYTES, notice, open_regular, signer
from .version import __version__

_FORMAT = 4
_MAGIC = b"CLRESULT"
#: magic, format, number of entries; then the header's MAC.
_HEAD = struct.Struct(">8sHQ")
#: length of the body, the body's MAC.
_FRAME = struct.Struct(f">Q{MAC_BYTES}s")
#: the stamp (size, mtime_ns, inode, start, end or -1), the length of the key; then key and pickle.
_BODY = struct.Struct(">QqQQqI")
#: where the first entry starts.
_START = _HEAD.size + MAC_BYTES

#: The bound on a cache folder's result files, all configurations together (1 GiB: the results
#: of about 200,000 news articles).
DEFAULT_MAX_BYTES = 1 << 30
#: A temporary file of a run that was killed is removed by a later run after this many seconds.
STALE_TEMP_SECONDS = 86400


def _package_digest(hasher) -> None:
    """The engine's and the built-in rules' files (sizes and times), so a code change invalidates.

    The two are separate folders in a development checkout (lint/ and rules/). The
    rules' folder is looked up, not imported: the cache stays below the rules.
    """
    rules_folders = find_spec("corpuslint.rules").submodule_search_locations
    for package in sorted({os.path.dirname(os.path.abspath(__file__)), *map(os.path.abspath, rules_folders)}):
        for folder, dirs, files in sorted(os.walk(package)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".py", ".yaml")):
                    path = os.path.join(folder, name)
                    stat = os.stat(path)
                    hasher.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())


def _plugin_digest(hasher, rules) -> None:
    """Plugin rules' code: their distributions' names and versions, and their module files' content.

    A rule's module file counts, and when the module is part of a package,
    every .py file of its top-level package: an edit to a helper module
    changes results as surely as one to the rule.
    """
    modules = sorted({module for module in (type(rule).__module__ for rule in rules)
                      if module != "corpuslint" and not module.startswith("corpuslint.")})
    if not modules:
        return
    owners = packages_distributions()
    for name in modules:
        top = name.partition(".")[0]
        for dist in sorted(set(owners.get(top, ()))):
            try:
                hasher.update(f"{name}|{dist}|{version(dist)}\n".encode())
            except PackageNotFoundError:
                hasher.update(f"{name}|{dist}|<no version>\n".encode())
        for path in _module_files(name):
            try:
                with open(path, "rb") as fh:
                    digest = hashlib.blake2b(fh.read()).hexdigest()
            except OSError:
                digest = "<unreadable>"
            hasher.update(f"{name}|{path}|{digest}\n".encode())


def _module_files(name: str) -> list[str]:
    """The file of module ``name`` and the .py files of its top-level package, if it has one."""
    module = sys.modules.get(name)
    files = {module.__file__} if getattr(module, "__file__", None) else set()
    top = sys.modules.get(name.partition(".")[0])
    for folder in getattr(top, "__path__", ()):
        for parent, dirs, names in os.walk(folder):
            dirs.sort()
            files.update(os.path.join(parent, n) for n in names if n.endswith(".py"))
    return sorted(files)


def config_key(settings, rules) -> str:
    """A digest of everything besides the files themselves that decides a file's results."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{_FORMAT}|{__version__}|{settings.root}|{settings.max_document_mb}|"
                  f"{settings.max_findings_per_rule}|{sorted(settings.fields.items())}\n".encode())
    for rule in sorted(rules, key=lambda r: r.code):
        module = getattr(type(rule), "__module__", "")
        hasher.update(f"{rule.code}|{rule.severity}|{sorted(vars(rule.opts).items())}|{module}\n".encode())
    for path in settings.vocabulary:
        try:
            with open(path, "rb") as fh:
                hasher.update(fh.read())
        except OSError:
            hasher.update(b"<missing>")
    hasher.update(dt.date.today().isoformat().encode())
    _package_digest(hasher)
    _plugin_digest(hasher, rules)
    return hasher.hexdigest()


def _stamp(source) -> tuple | None:
    """What identifies the source's bytes without reading them, or None if it cannot be read."""
    try:
        stat = os.stat(source.path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, source.start, source.end


def _encode(key: str, stamp: tuple, pickled: bytes) -> bytes:
    size, mtime, inode, start, end = stamp
    name = key.encode("utf-8", "surrogatepass")
    return b"".join((_BODY.pack(size, mtime, inode, start, -1 if end is None else end, len(name)),
                     name, pickled))


def _decoded_key(body: bytes) -> str:
    """The key of a body whose MAC was checked (so corpuslint wrote it)."""
    length = _BODY.unpack_from(body)[-1]
    return body[_BODY.size:_BODY.size + length].decode("utf-8", "surrogatepass")


class Cache:
    """The map results of one configuration, kept in one file under ``directory``.

    The engine calls :meth:`load`, then :meth:`lookup` for every file of the
    run, then :meth:`restore` or :meth:`put` for each in turn, then
    :meth:`save`. Without a trusted key (see ``signing.py``) it neither reads
    nor writes.
    """

    def __init__(self, directory: str, config: str, max_bytes: int = DEFAULT_MAX_BYTES):
        self.directory = directory
        self.config = config
        self.max_bytes = max_bytes
        self.path = os.path.join(directory, f"results-{config[:20]}.cache")
        self.signer = signer()
        #: key -> where its entry starts in the loaded file (its MAC held when it was loaded).
        self.entries: dict[str, int] = {}
        #: the keys written to the new file.
        self.seen: set[str] = set()
        #: key -> the stamp of a file that was not in the cache, taken before it was read.
        self.before: dict[str, tuple | None] = {}
        #: True when the file held something that failed its check: it is rewritten.
        self.damaged = False
        self._old: BinaryIO | None = None
        self._old_size = 0
        self._new: BinaryIO | None = None
        self._temp: str | None = None
        self._written = 0
        self._count = 0
        #: True once the new file could not be made or written: the run goes on without it.
        self._failed = False

    def load(self) -> None:
        """Check the configuration's file and note where each entry is."""
        if self.signer is None:
            return
        try:
            fh = open_regular(self.path)
        except OSError:  # missing or unreadable: every file is checked again
            return
        try:
            self._old_size = os.fstat(fh.fileno()).st_size
            self._read(fh)
        except OSError:
            fh.close()
            self.entries = {}
            return
        self._old = fh

    def _read(self, fh: BinaryIO) -> None:
        """Note the entries of ``fh`` whose MAC holds; say how many did not."""
        config = self.config.encode()
        head, mac = fh.read(_HEAD.size), fh.read(MAC_BYTES)
        if len(mac) == MAC_BYTES and self.signer.verify(mac, b"header", config, head):
            magic, form, count = _HEAD.unpack(head)
        else:
            magic, form, count = b"", 0, 0
        if (magic, form) != (_MAGIC, _FORMAT):
            self.damaged = True
            notice(f"the result cache {self.path} failed its integrity check (damaged, or not written "
                   "by corpuslint for this user): it was dropped and every file is checked again")
            return
        position = _START
        for _ in range(count):
            frame = fh.read(_FRAME.size)
            if len(frame) < _FRAME.size:
                break
            length, mac = _FRAME.unpack(frame)
            if length > self._old_size - position - _FRAME.size:  # a damaged length: nothing after it can be found
                break
            body = fh.read(length)
            if len(body) < length:
                break
            if self.signer.verify(mac, b"entry", config, body):
                self.entries[_decoded_key(body)] = position
            position += _FRAME.size + length
        if len(self.entries) < count:
            self.damaged = True
            notice(f"{count - len(self.entries)} of {count} entries of the result cache {self.path} failed "
                   "their integrity check: they were dropped and their files are checked again")

    @staticmethod
    def _key(source) -> str:
        return f"{os.path.abspath(source.path)}|{source.start}|{source.end}|{source.first_line}"

    def lookup(self, source) -> int | None:
        """Where the cached result for ``source`` is (:meth:`restore` reads it), if its file is
        unchanged, else None."""
        key = self._key(source)
        stamp = _stamp(source)
        position = self.entries.get(key)
        if stamp is not None and position is not None:
            prefix = _encode(key, stamp, b"")
            if self._pread(position + _FRAME.size, len(prefix)) == prefix:
                return position
        self.entries.pop(key, None)  # the results of the file as it was: not kept
        self.before[key] = stamp  # what put() compares with: the file as it was before it was read
        return None

    def restore(self, source, position: int):
        """The result that :meth:`lookup` found, its MAC checked again just before it is unpickled;
        None if it fails or the file changed since (the file is then checked and :meth:`put` again)."""
        key = self._key(source)
        stamp = _stamp(source)
        entry = self._entry(position)
        if entry is not None and stamp is not None:
            frame, body = entry
            prefix = _encode(key, stamp, b"")
            if body.startswith(prefix):
                try:
                    result = pickle.loads(memoryview(body)[len(prefix):])
                except Exception:  # signed by us, but written by code that has changed since: check again
                    pass
                else:
                    if self._new is not None or self.before or self.damaged:  # a new file is written
                        self._append(key, frame, body)
                    return result
        self.entries.pop(key, None)
        self.before[key] = stamp
        return None

    def _entry(self, position: int) -> tuple[bytes, bytes] | None:
        """The frame and body at ``position`` of the loaded file, if the body's MAC holds."""
        frame = self._pread(position, _FRAME.size)
        if len(frame) < _FRAME.size:
            return None
        length, mac = _FRAME.unpack(frame)
        if length > self._old_size - position - _FRAME.size:
            return None
        body = self._pread(position + _FRAME.size, length)
        if len(body) < length or not self.signer.verify(mac, b"entry", self.config.encode(), body):
            return None
        return frame, body

    def _pread(self, position: int, length: int) -> bytes:
        try:
            return os.pread(self._old.fileno(), length, position)
        except (OSError, AttributeError):  # AttributeError: no file was loaded
            return b""

    def put(self, source, result) -> None:
        """Write ``result`` for ``source`` to the new file, unless the file changed while it was being
        checked (its results would then be kept under the new content's stamp)."""
        key = self._key(source)
        stamp = self.before.pop(key, None)
        if stamp is None or self.signer is None or _stamp(source) != stamp:
            return
        body = _encode(key, stamp, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        mac = self.signer.sign(b"entry", self.config.encode(), body)
        self._append(key, _FRAME.pack(len(body), mac), body)

    def _append(self, key: str, frame: bytes, body: bytes) -> None:
        """Write one entry to the new file, if there is room for it under the bound."""
        if self._failed or self._written + len(frame) + len(body) > self.max_bytes:
            return
        try:
            if self._new is None:
                self._start()
            self._new.write(frame)
            self._new.write(body)
            self._new.flush()  # on disk as it comes (one call per file): memory holds no results
        except OSError:  # a cache that cannot be written only costs time
            self._discard()
            return
        self._written += len(frame) + len(body)
        self._count += 1
        self.seen.add(key)

    def _start(self) -> None:
        """Open the new file: a temporary file in the folder, its header written last."""
        os.makedirs(self.directory, exist_ok=True)
        ignore = os.path.join(self.directory, ".gitignore")
        if not os.path.exists(ignore):
            atomic_write(ignore, b"# Created by corpuslint: the result cache, safe to delete.\n*\n")
        fd, self._temp = tempfile.mkstemp(prefix=".corpuslint-", suffix=".tmp", dir=self.directory)
        self._new = os.fdopen(fd, "wb")
        self._new.write(bytes(_START))
        self._written = _START

    def save(self) -> None:
        """Finish the new file and put it in place (if the run had anything to change), and drop the
        files that the bound leaves no room for; else mark the file as used."""
        if self.signer is None:
            return
        try:
            if self._new is None and self.damaged and not self._failed:
                self._start()
            if self._new is None:
                if self._old is not None:
                    os.utime(self.path)  # used now: the last of the folder's files to be dropped
                return
            self._carry_over()
            self._finish()
            self._evict()
        except BaseException as err:
            self._discard()
            if not isinstance(err, OSError):  # a cache that cannot be written only costs time
                raise
        finally:
            if self._old is not None:
                self._old.close()
                self._old = None

    def _carry_over(self) -> None:
        """Copy the entries of the files this run did not read, in their order, while there is room."""
        for key, position in self.entries.items():
            if key in self.seen:
                continue
            entry = self._entry(position)
            if entry is None:
                continue
            frame, body = entry
            if self._written + len(frame) + len(body) > self.max_bytes:
                break
            self._append(key, frame, body)

    def _finish(self) -> None:
        head = _HEAD.pack(_MAGIC, _FORMAT, self._count)
        self._new.seek(0)
        self._new.write(head + self.signer.sign(b"header", self.config.encode(), head))
        self._new.flush()
        os.fsync(self._new.fileno())
        self._new.close()
        self._new = None
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self._temp, 0o666 & ~umask)
        os.replace(self._temp, self.path)
        self._temp = None

    def _evict(self) -> None:
        """Drop other configurations' files last used before today, then the least recently used ones
        past the bound; the unsigned files of corpuslint 0.1; temporary files of killed runs."""
        folder = glob.escape(self.directory)
        others = []
        for path in glob.glob(os.path.join(folder, "results-*.cache")):
            try:
                info = os.stat(path)
            except OSError:
                continue
            if path != self.path:
                others.append((info.st_mtime, info.st_size, path))
        stale = glob.glob(os.path.join(folder, "results-*.pickle"))
        today, total, full = dt.date.today(), self._written, False
        for used, size, path in sorted(others, reverse=True):
            full = full or total + size > self.max_bytes  # the older ones go too: least recently used first
            if full or dt.date.fromtimestamp(used) < today:
                stale.append(path)
            else:
                total += size
        now = time.time()
        for path in glob.glob(os.path.join(folder, ".corpuslint-*.tmp")):
            try:
                if now - os.stat(path).st_mtime > STALE_TEMP_SECONDS:
                    stale.append(path)
            except OSError:
                continue
        for path in stale:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass

    def _discard(self) -> None:
        """Give up the new file: this run leaves the cache as it was."""
        self._failed = True
        if self._new is not None:
            try:
                self._new.close()
            except OSError:
                pass
            self._new = None
        if self._temp is not None:
            try:
                os.unlink(self._temp)
            except FileNotFoundError:
                pass
            self._temp = None
