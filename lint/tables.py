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

Each table file is signed (see ``signing.py``): a magic, then a MAC over the
table's name, its key and the pickle, then the pickle. The MAC is checked
before the pickle is read; a file that fails the check is built again, with
one line on stderr. Without a trusted key, tables are built at every run.
"""
from __future__ import annotations

import glob
import hashlib
import os
import pickle
import re

from .fileutil import atomic_write
from .signing import MAC_BYTES, Signer, notice, open_regular, signer
from .version import __version__

#: Part of every key: tables in an older (unsigned) format get new names, and are deleted.
_FORMAT = 2
_MAGIC = b"CLTABLE\n"
_MISSING = object()


def cache_folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "corpuslint")


def _key(name: str, sources) -> str:
    hasher = hashlib.blake2b(f"{name}|{__version__}|{_FORMAT}".encode(), digest_size=12)
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
    keys = signer()
    if keys is None:
        return build()
    sources = [*sources, build.__code__.co_filename]
    key = _key(name, sources)
    path = os.path.join(cache_folder(), f"{name}-{key}.pickle")
    table = _load(path, keys, name, key)
    if table is not _MISSING:
        return table
    table = build()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        pickled = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
        mac = keys.sign(b"table", name.encode(), key.encode(), pickled)
        atomic_write(path, lambda fh: (fh.write(_MAGIC), fh.write(mac), fh.write(pickled)))
        own = re.compile(rf"{re.escape(name)}-[0-9a-f]{{24}}\.pickle")
        for old in glob.glob(os.path.join(glob.escape(cache_folder()), f"{glob.escape(name)}-*.pickle")):
            if old != path and own.fullmatch(os.path.basename(old)):
                os.unlink(old)  # built from older data: never used again
    except Exception:  # a table that cannot be pickled or written is simply built next time too
        pass
    return table


def _load(path: str, keys: Signer, name: str, key: str):
    """The table kept in ``path`` if its MAC holds, else ``_MISSING`` (said on stderr if it failed)."""
    try:
        with open_regular(path) as fh:
            data = fh.read()
    except OSError:  # not there yet, or unreadable: build it
        return _MISSING
    start = len(_MAGIC) + MAC_BYTES
    payload = memoryview(data)[start:]
    if not (data.startswith(_MAGIC) and len(data) >= start
            and keys.verify(data[len(_MAGIC):start], b"table", name.encode(), key.encode(), payload)):
        notice(f"the table cache {path} failed its integrity check (damaged, or not written by "
               "corpuslint for this user): it is built again")
        return _MISSING
    try:
        return pickle.loads(payload)
    except Exception:  # written by us for code that has changed since (a class moved): build it
        return _MISSING
