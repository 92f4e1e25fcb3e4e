"""The result cache: re-linting an unchanged corpus only redoes the reduce.

For each file (or part of a split file) the cache keeps what the map step
produced: the document rules' findings and the corpus rules' keyed records.
A file counts as unchanged when its size and modification time (to the
nanosecond) are as they were, the test git and ruff use; a changed file is
read and checked again, alone. Results are only valid for one configuration
of the run: corpuslint's version and code, the code of plugin rules (their
distribution's version and the content of their modules), the selected rules
and their options, the configuration, the project's vocabulary files, and the
day (for rules that compare dates with today); a change of any of them starts
a new cache.

The cache is one file under ``.corpuslint_cache/`` (with a ``.gitignore`` of
its own), loaded once and written once per run through a temporary file and
a rename, so an interrupted run leaves the previous cache intact. Entries for
files that were not part of the run are dropped. Each file's results are
kept pickled, in memory too: as bytes they take a sixth of the memory of the
findings and records they stand for (on 160,000 articles, gigabytes).

The file is not one pickle but a sequence of signed entries (see
``signing.py``)::

    header  magic, format version, number of entries, MAC
    entry   length of the body, MAC, body (file stamp, key, pickled result)

The header's MAC covers the configuration; each entry's covers the
configuration and the whole body, the file's key among it, so an entry
cannot be moved to another file or configuration. Every MAC is checked
before anything is unpickled; an entry that fails is dropped (its file is
checked again) and one line on stderr says how many did. Lengths are
bounded by what is left of the file, so a damaged length drops the rest of
the file and never allocates more than the file's size.
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import pickle
import struct
import sys
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from importlib.util import find_spec
from typing import BinaryIO, NamedTuple

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


class _Entry(NamedTuple):
    """One file's results as stored: the body is what the MAC covers and what is written."""

    stamp: tuple
    body: bytes
    mac: bytes
    #: where the pickled result starts in ``body``.
    payload: int


def _encode(key: str, stamp: tuple, pickled: bytes) -> bytes:
    size, mtime, inode, start, end = stamp
    name = key.encode("utf-8", "surrogatepass")
    return b"".join((_BODY.pack(size, mtime, inode, start, -1 if end is None else end, len(name)),
                     name, pickled))


def _decode(body: bytes, mac: bytes) -> tuple[str, _Entry]:
    """The key and entry of a body whose MAC was checked (so corpuslint wrote it)."""
    size, mtime, inode, start, end, length = _BODY.unpack_from(body)
    key = body[_BODY.size:_BODY.size + length].decode("utf-8", "surrogatepass")
    stamp = (size, mtime, inode, start, None if end < 0 else end)
    return key, _Entry(stamp, body, mac, _BODY.size + length)


class Cache:
    """The map results of one configuration, kept in one file under ``directory``.

    Without a trusted key (see ``signing.py``) it neither reads nor writes.
    """

    def __init__(self, directory: str, config: str):
        self.directory = directory
        self.config = config
        self.path = os.path.join(directory, f"results-{config[:20]}.cache")
        self.signer = signer()
        self.entries: dict[str, _Entry] = {}
        self.seen: dict[str, _Entry] = {}
        #: key -> the stamp of a file that was not in the cache, taken before it was read.
        self.before: dict[str, tuple | None] = {}
        #: True when the file held something that failed its check: it is rewritten.
        self.damaged = False

    def load(self) -> None:
        if self.signer is None:
            return
        try:
            with open_regular(self.path) as fh:
                self._read(fh, os.fstat(fh.fileno()).st_size)
        except OSError:  # missing or unreadable: every file is checked again
            return

    def _read(self, fh: BinaryIO, size: int) -> None:
        """Keep the entries of ``fh`` whose MAC holds; say how many did not."""
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
        left = size - _HEAD.size - MAC_BYTES
        kept = 0
        for _ in range(count):
            frame = fh.read(_FRAME.size)
            left -= _FRAME.size
            if len(frame) < _FRAME.size:
                break
            length, mac = _FRAME.unpack(frame)
            if length > left:  # a damaged length: nothing after it can be found
                break
            body = fh.read(length)
            left -= length
            if len(body) < length:
                break
            if self.signer.verify(mac, b"entry", config, body):
                key, entry = _decode(body, mac)
                self.entries[key] = entry
                kept += 1
        if kept < count:
            self.damaged = True
            notice(f"{count - kept} of {count} entries of the result cache {self.path} failed their "
                   "integrity check: they were dropped and their files are checked again")

    @staticmethod
    def _key(source) -> str:
        return f"{os.path.abspath(source.path)}|{source.start}|{source.end}|{source.first_line}"

    def lookup(self, source) -> memoryview | None:
        """The cached result for ``source``, pickled (:meth:`restore` reads it), if its
        file is unchanged, else None."""
        key = self._key(source)
        stamp = _stamp(source)
        entry = self.entries.get(key)
        if stamp is not None and entry is not None and entry.stamp == stamp:
            self.seen[key] = entry
            return memoryview(entry.body)[entry.payload:]
        self.before[key] = stamp  # what put() compares with: the file as it was before it was read
        return None

    @staticmethod
    def restore(pickled: memoryview):
        """The result that :meth:`lookup` found (its MAC was checked when the cache was loaded)."""
        return pickle.loads(pickled)

    def put(self, source, result) -> None:
        """Keep ``result`` for ``source``, unless the file changed while it was being checked
        (its results would then be kept under the new content's stamp)."""
        key = self._key(source)
        stamp = self.before.pop(key, None)
        if stamp is None or self.signer is None or _stamp(source) != stamp:
            return
        pickled = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        body = _encode(key, stamp, pickled)
        mac = self.signer.sign(b"entry", self.config.encode(), body)
        self.seen[key] = _Entry(stamp, body, mac, len(body) - len(pickled))

    def save(self) -> None:
        """Write the entries of this run (if anything changed), and drop other configurations' files."""
        if self.signer is None:
            return
        if not self.damaged and self.seen.keys() == self.entries.keys() \
                and all(self.seen[k] is self.entries[k] for k in self.seen):
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(ignore):
                atomic_write(ignore, b"# Created by corpuslint: the result cache, safe to delete.\n*\n")
            atomic_write(self.path, self._write)
            folder = glob.escape(self.directory)
            stale = glob.glob(os.path.join(folder, "results-*.cache"))
            stale += glob.glob(os.path.join(folder, "results-*.pickle"))  # the unsigned cache of format 3
            for other in stale:
                if other != self.path:
                    os.unlink(other)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _write(self, fh: BinaryIO) -> None:
        head = _HEAD.pack(_MAGIC, _FORMAT, len(self.seen))
        fh.write(head + self.signer.sign(b"header", self.config.encode(), head))
        for entry in self.seen.values():
            fh.write(_FRAME.pack(len(entry.body), entry.mac))
            fh.write(entry.body)
