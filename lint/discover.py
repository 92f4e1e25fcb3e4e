"""Find the files to lint under the paths given on the command line.

Folders are walked recursively in sorted order; a file is linted if its name
matches an ``include`` pattern and neither it nor a folder above it matches an
``exclude`` pattern. Patterns without a ``/`` match a file or folder name;
patterns with one match the path relative to the project root. Matching is
case-insensitive, so ``ARTICLE.TXT`` is linted too. Files named explicitly are
always linted. Symbolic links to folders are not followed (no loops); links to
files are.
"""
from __future__ import annotations

import fnmatch
import os

from .config import Settings
from .errors import ConfigError
from .finding import Location
from .readers import ReadProblem, Source

UNREADABLE = "F001"


def _matches(patterns, name: str, relpath: str) -> bool:
    name, relpath = name.lower(), relpath.lower()
    for pattern in patterns:
        p = pattern.lower().rstrip("/")
        if "/" in p:
            if fnmatch.fnmatchcase(relpath, p) or fnmatch.fnmatchcase(relpath, p + "/*"):
                return True
        elif fnmatch.fnmatchcase(name, p):
            return True
    return False


def document_id(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def discover(paths: list[str], settings: Settings) -> tuple[list[Source], list[ReadProblem]]:
    sources, problems, seen = [], [], set()
    root = os.path.abspath(settings.root)

    def add(path: str, display: str):
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            sources.append(Source(path, display, document_id(path, root)))

    for given in paths:
        if os.path.isdir(given):
            for path, display in _walk(given, settings, root, problems):
                add(path, display)
        elif os.path.lexists(given):
            add(given, given)
        else:
            raise ConfigError(f"{given}: no such file or directory")
    return sources, problems


def _walk(top: str, settings: Settings, root: str, problems: list):
    def on_error(err: OSError):
        where = err.filename or top
        problems.append(ReadProblem(UNREADABLE, Location(where, document_id(where, root), None, 1, 1, 1, 1),
                                    f"cannot list folder: {err.strerror or err}"))

    for folder, dirnames, filenames in os.walk(top, onerror=on_error):
        rel_folder = os.path.relpath(folder, root)
        dirnames[:] = sorted(d for d in dirnames
                             if not _matches(settings.exclude, d, os.path.join(rel_folder, d)))
        for name in sorted(filenames):
            rel = os.path.join(rel_folder, name)
            if _matches(settings.include, name, rel) and not _matches(settings.exclude, name, rel):
                path = os.path.join(folder, name)
                yield path, os.path.normpath(path)
