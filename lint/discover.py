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
import functools
import os
import re

from .config import Settings
from .errors import ConfigError
from .finding import Location
from .readers.codes import UNREADABLE
from .readers.source import ReadProblem, Source


@functools.cache
def _compiled(patterns: tuple) -> tuple:
    """One regular expression for the name patterns and one for the path patterns
    (None where there are none): one match per file instead of one per pattern."""
    names, paths = [], []
    for pattern in patterns:
        p = pattern.lower().rstrip("/")
        if "/" in p:
            paths += [fnmatch.translate(p), fnmatch.translate(p + "/*")]
        else:
            names.append(fnmatch.translate(p))
    return tuple(re.compile("|".join(group)) if group else None for group in (names, paths))


def _matches(patterns, name: str, relpath: str) -> bool:
    names, paths = _compiled(tuple(patterns))
    return bool(names and names.match(name.lower())) or bool(paths and paths.match(relpath.lower()))


def document_id(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def discover(paths: list[str], settings: Settings) -> tuple[list[Source], list[ReadProblem]]:
    sources, problems, seen = [], [], set()
    root = os.path.abspath(settings.root)

    def add(path: str, display: str, key: str, doc_id: str, named: bool = False):
        if key not in seen:
            seen.add(key)
            sources.append(Source(path, display, doc_id, named=named))

    for given in paths:
        if os.path.isdir(given):
            for found in _walk(given, settings, root, problems):
                add(*found)
        elif os.path.lexists(given):
            add(given, given, os.path.abspath(given), document_id(given, root), named=True)
        else:
            raise ConfigError(f"{given}: no such file or directory")
    return sources, problems


def _walk(top: str, settings: Settings, root: str, problems: list):
    def on_error(err: OSError):
        where = err.filename or top
        problems.append(ReadProblem(UNREADABLE, Location(where, document_id(where, root), None, 1, 1, 1, 1),
                                    f"cannot list folder: {err.strerror or err}"))

    for folder, dirnames, filenames in os.walk(top, onerror=on_error):
        absolute = os.path.abspath(folder)
        rel_folder = os.path.relpath(absolute, root)
        id_prefix = "" if rel_folder == os.curdir else rel_folder.replace(os.sep, "/") + "/"
        dirnames[:] = sorted(d for d in dirnames
                             if not _matches(settings.exclude, d, os.path.join(rel_folder, d)))
        for name in sorted(filenames):
            rel = os.path.join(rel_folder, name)
            if _matches(settings.include, name, rel) and not _matches(settings.exclude, name, rel):
                path = os.path.join(folder, name)
                # what add() needs: the path, how it is shown, its absolute form and its document id
                yield path, os.path.normpath(path), os.path.join(absolute, name), id_prefix + name
