"""The result cache: re-linting an unchanged corpus only redoes the reduce.

For each file (or part of a split file) the cache keeps what the map step
produced: the document rules' findings and the corpus rules' keyed records.
An entry is used only if the bytes are the same (a content hash) and the run
is configured the same: corpuslint's version and code, the selected rules and
their options, the configuration, the project's vocabulary files, and the
day, for rules that compare dates with today. Entries are written through a
temporary file and a rename; one that cannot be read is ignored and
rewritten.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle

from .fileutil import atomic_write

DEFAULT_DIR = ".corpuslint_cache"
_BLOCK = 1024 * 1024
_FORMAT = 1


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
    """A digest of everything besides the bytes that decides a file's results."""
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


class Cache:
    """Per-source map results under ``directory``, valid for one ``config``."""

    def __init__(self, directory: str, config: str):
        self.directory = directory
        self.config = config

    def _entry(self, source) -> str:
        name = hashlib.blake2b(f"{os.path.abspath(source.path)}|{source.start}|{source.end}".encode(),
                               digest_size=16).hexdigest()
        return os.path.join(self.directory, name[:2], name[2:] + ".pickle")

    @staticmethod
    def content_digest(source) -> str | None:
        """A hash of the source's bytes, or None if they cannot be read (the reader will say why)."""
        hasher = hashlib.blake2b(digest_size=20)
        try:
            with open(source.path, "rb") as fh:
                fh.seek(source.start)
                remaining = None if source.end is None else source.end - source.start
                while remaining is None or remaining > 0:
                    block = fh.read(_BLOCK if remaining is None else min(_BLOCK, remaining))
                    if not block:
                        break
                    hasher.update(block)
                    if remaining is not None:
                        remaining -= len(block)
        except OSError:
            return None
        return hasher.hexdigest()

    def load(self, source, digest: str):
        try:
            with open(self._entry(source), "rb") as fh:
                stored_digest, stored_config, result = pickle.load(fh)
        except Exception:  # missing, truncated or from another version: recompute
            return None
        if stored_digest != digest or stored_config != self.config:
            return None
        return result

    def _prepare(self) -> None:
        """Create the folder with a .gitignore of its own, so it never lands in version control."""
        if not os.path.isdir(self.directory):
            os.makedirs(self.directory, exist_ok=True)
        ignore = os.path.join(self.directory, ".gitignore")
        if not os.path.exists(ignore):
            atomic_write(ignore, b"# Created by corpuslint: the result cache, safe to delete.\n*\n")

    def store(self, source, digest: str, result) -> None:
        path = self._entry(source)
        try:
            self._prepare()
            os.makedirs(os.path.dirname(path), exist_ok=True)
            atomic_write(path, pickle.dumps((digest, self.config, result), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time
