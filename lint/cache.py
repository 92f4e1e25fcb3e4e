"""The result cache: re-linting an unchanged corpus only redoes the reduce.

For each file (or part of a split file) the cache keeps what the map step
produced: the document rules' findings and the corpus rules' keyed records.
A file counts as unchanged when its size and modification time (to the
nanosecond) are as they were, the test git and ruff use; a changed file is
read and checked again, alone. Results are only valid for one configuration
of the run: corpuslint's version and code, the selected rules and their
options, the configuration, the project's vocabulary files, and the day (for
rules that compare dates with today); a change of any of them starts a new
cache.

The cache is one file under ``.corpuslint_cache/`` (with a ``.gitignore`` of
its own), loaded once and written once per run through a temporary file and
a rename, so an interrupted run leaves the previous cache intact. Entries for
files that were not part of the run are dropped. Each file's results are
kept pickled, in memory too: as bytes they take a sixth of the memory of the
findings and records they stand for (on 160,000 articles, gigabytes).
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import pickle

from .fileutil import atomic_write

DEFAULT_DIR = ".corpuslint_cache"
_FORMAT = 3


def _package_digest(hasher) -> None:
    """The engine's and the built-in rules' files (sizes and times), so a code change invalidates.

    The two are separate folders in a development checkout (lint/ and rules/).
    """
    from . import rules

    for package in sorted({os.path.dirname(os.path.abspath(__file__)), os.path.dirname(rules.__file__)}):
        for folder, dirs, files in sorted(os.walk(package)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".py", ".yaml")):
                    path = os.path.join(folder, name)
                    stat = os.stat(path)
                    hasher.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())


def config_key(settings, rules) -> str:
    """A digest of everything besides the files themselves that decides a file's results."""
    from . import __version__

    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{_FORMAT}|{__version__}|{settings.root}|{settings.max_document_mb}|"
                  f"{sorted(settings.fields.items())}\n".encode())
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
    return hasher.hexdigest()


def _stamp(source) -> tuple | None:
    """What identifies the source's bytes without reading them, or None if it cannot be read."""
    try:
        stat = os.stat(source.path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, source.start, source.end


class Cache:
    """The map results of one configuration, kept in one file under ``directory``."""

    def __init__(self, directory: str, config: str):
        self.directory = directory
        self.config = config
        self.path = os.path.join(directory, f"results-{config[:20]}.pickle")
        self.entries: dict = {}
        self.seen: dict = {}

    def load(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                stored = pickle.load(fh)
        except Exception:  # missing, truncated or from another version: start afresh
            return
        if isinstance(stored, dict) and stored.get("config") == self.config:
            self.entries = stored.get("entries", {})

    @staticmethod
    def _key(source) -> str:
        return f"{os.path.abspath(source.path)}|{source.start}|{source.end}"

    def lookup(self, source) -> bytes | None:
        """The cached result for ``source``, pickled (:meth:`restore` reads it), if its
        file is unchanged, else None."""
        key = self._key(source)
        stamp = _stamp(source)
        entry = self.entries.get(key)
        if stamp is not None and entry is not None and entry[0] == stamp:
            self.seen[key] = entry
            return entry[1]
        return None

    @staticmethod
    def restore(pickled: bytes):
        """The result that :meth:`lookup` found."""
        return pickle.loads(pickled)

    def put(self, source, result) -> None:
        stamp = _stamp(source)
        if stamp is not None:
            self.seen[self._key(source)] = (stamp, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        """Write the entries of this run (if anything changed), and drop other configurations' files."""
        if self.seen.keys() == self.entries.keys() and all(self.seen[k] is self.entries[k] for k in self.seen):
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(ignore):
                atomic_write(ignore, b"# Created by corpuslint: the result cache, safe to delete.\n*\n")
            stored = {"config": self.config, "entries": self.seen}
            atomic_write(self.path, lambda fh: pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL))
            for other in glob.glob(os.path.join(self.directory, "results-*.pickle")):
                if other != self.path:
                    os.unlink(other)
        except OSError:
            pass  # a cache that cannot be written only costs time
