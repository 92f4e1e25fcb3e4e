"""Baselines: accept today's findings, fail only on new ones.

``--write-baseline FILE`` records the fingerprint of every finding (code,
document id, field and flagged text; no line numbers, so edits elsewhere do
not disturb it). ``--baseline FILE`` hides findings whose fingerprint is in
the file, as many times as it was recorded, and counts the baseline entries
that no longer occur (fixed, or changed beyond recognition).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from .errors import ConfigError
from .fileutil import atomic_write

VERSION = 1


@dataclass(frozen=True)
class BaselineResult:
    """What the baseline did: findings it hid, and entries that matched nothing."""

    hidden: int
    gone: int


def write_baseline(path: str, findings) -> None:
    from . import __version__

    entries = {}
    for f in findings:
        fp = f.fingerprint()
        entry = entries.setdefault(fp, {"count": 0, "code": f.code, "document": f.location.document,
                                        "field": f.location.field,
                                        "text": f.snippet if f.snippet is not None else f.message})
        entry["count"] += 1
    data = {"corpuslint_baseline": VERSION, "written_by": f"corpuslint {__version__}",
            "fingerprints": dict(sorted(entries.items()))}
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def read_baseline(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the baseline: {err.strerror or err}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
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
        if remaining[fp] > 0:
            remaining[fp] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, BaselineResult(hidden, sum(remaining.values()))
