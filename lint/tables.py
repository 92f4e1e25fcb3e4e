"""Tables that rules build from data files, kept between runs.

Parsing codespell's 65,000-entry dictionary, or building a matcher from a
long phrase list, costs a rule tenths of a second at every start: too much
for a pre-commit hook that lints one file. ``cached_table`` keeps the built
table, pickled, in the user's cache folder (``$XDG_CACHE_HOME/corpuslint`` or
``~/.cache/corpuslint``), keyed by a name, corpuslint's version and the
files it was built from (path, size, modification time), the module of the
function that builds it among them: edit a data file or the rule, or upgrade
codespell, and the table is built again. A table that cannot be
read or written is simply built.
"""
from __future__ import annotations

import glob
import hashlib
import os
import pickle

from .fileutil import atomic_write


def cache_folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "corpuslint")


def _key(name: str, sources) -> str:
    from . import __version__

    hasher = hashlib.blake2b(f"{name}|{__version__}".encode(), digest_size=12)
    for path in sources:
        try:
            stat = os.stat(path)
            hasher.update(f"|{os.path.abspath(path)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        except OSError:
            hasher.update(f"|{path}|missing".encode())
    return hasher.hexdigest()


def cached_table(name: str, sources, build):
    """``build()``, or the copy kept from an earlier run built from the same ``sources``."""
    if os.environ.get("CORPUSLINT_NO_TABLE_CACHE"):
        return build()
    sources = [*sources, build.__code__.co_filename]
    path = os.path.join(cache_folder(), f"{name}-{_key(name, sources)}.pickle")
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # not there yet, or unreadable: build it
        pass
    table = build()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        for old in glob.glob(os.path.join(cache_folder(), f"{glob.escape(name)}-*.pickle")):
            if old != path:
                os.unlink(old)  # built from older data: never used again
    except (OSError, pickle.PicklingError, TypeError):
        pass
    return table
