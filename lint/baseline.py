"""Baselines: accept today's findings, fail only on new ones.

``--write-baseline FILE`` records the fingerprint of every finding (code,
document id, field and flagged text; no line numbers, so edits elsewhere do
not disturb it). ``--baseline FILE`` hides findings whose fingerprint is in
the file, as many times as it was recorded, and counts the baseline entries
that no longer occur (fixed, or changed beyond recognition).

Text UTF-8 cannot carry is recorded as the reports show it (see
``formats.printable``). A baseline that cannot be read or is not one is a
configuration error (exit code 2), whatever is in it.
"""
from __future__ import annotations

import json
import os
import stat
from collections import Counter
from dataclasses import dataclass

from .errors import ConfigError
from .fileutil import file_kind, write_output
from .formats import to_json
from .readers.codes import INTERNAL_ERROR
from .version import __version__

VERSION = 1


@dataclass(frozen=True)
class BaselineResult:
    """What the baseline did: findings it hid, and entries that matched nothing."""

    hidden: int
    gone: int


def write_baseline(path: str, findings) -> None:
    """Record ``findings`` in ``path``; an :class:`~corpuslint.fileutil.OutputError` if it cannot be written."""
    entries = {}
    for f in findings:
        if f.code == INTERNAL_ERROR:
            continue  # a failure is never accepted: it must show until it is fixed
        fp = f.fingerprint()
        entry = entries.setdefault(fp, {"count": 0, "code": f.code, "document": f.location.document,
                                        "field": f.location.field,
                                        "text": f.snippet if f.snippet is not None else f.message})
        entry["count"] += 1
    data = {"corpuslint_baseline": VERSION, "written_by": f"corpuslint {__version__}",
            "fingerprints": dict(sorted(entries.items()))}
    write_output(path, (to_json(data, indent=1) + "\n").encode("utf-8"), "baseline")


def _read_regular_file(path: str) -> bytes:
    """The bytes of ``path``, which must be a regular file (a FIFO or a device would never end)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ConfigError(f"{path}: cannot read the baseline: it is {file_kind(mode)}, not a regular file")
        return fh.read()


def read_baseline(path: str) -> Counter:
    """The fingerprints recorded in ``path`` and how often each was; a :class:`ConfigError`
    if it cannot be read or is not a corpuslint baseline."""
    try:
        data = json.loads(_read_regular_file(path).decode("utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the baseline: {err.strerror or err}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not a corpuslint baseline (JSON nested too deeply)") from None
    except ValueError as err:  # not UTF-8, not JSON, or a number too long to convert
        raise ConfigError(f"{path}: not a corpuslint baseline (not JSON: {err})") from None
    if not isinstance(data, dict) or data.get("corpuslint_baseline") != VERSION \
            or not isinstance(data.get("fingerprints"), dict):
        raise ConfigError(f"{path}: not a corpuslint baseline (write one with --write-baseline)")
    counts = Counter()
    for fp, entry in data["fingerprints"].items():
        count = entry.get("count", 1) if isinstance(entry, dict) else 1
        if not isinstance(count, int) or count < 1:
            raise ConfigError(f"{path}: entry {fp}: 'count' must be a positive integer")
        counts[fp] = count
    return counts


def apply_baseline(findings: list, baseline: Counter) -> tuple[list, BaselineResult]:
    """The findings the baseline does not account for, in order, and what it hid."""
    remaining = Counter(baseline)
    kept, hidden = [], 0
    for f in findings:
        fp = f.fingerprint()
        if remaining[fp] > 0 and f.code != INTERNAL_ERROR:
            remaining[fp] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, BaselineResult(hidden, sum(remaining.values()))
