"""``--timings``: where the time of a run went, per phase and per rule.

Per-rule and reading times are CPU seconds (of the thread doing the work,
so other programs on the machine do not inflate them), summed over the
worker processes; the two wall-clock lines are what the user waited.
"""
from __future__ import annotations


def timings_table(report, checker) -> str:
    timings = report.timings
    names = {cls.code: cls.name for cls in checker.registry.classes}
    rows = [(key, seconds) for key, seconds in timings.items() if not key.startswith("wall")]
    total = sum(seconds for _, seconds in rows) or 1.0
    documents = max(report.documents, 1)
    lines = [f"{'phase':<40} {'seconds':>9} {'share':>7} {'µs/doc':>9}"]
    for key, seconds in sorted(rows, key=lambda row: -row[1]):
        stage, _, code = key.partition(" ")
        label = f"{stage} {code} {names.get(code, '')}".strip()
        lines.append(f"{label:<40} {seconds:>9.3f} {seconds / total:>7.1%} {seconds / documents * 1e6:>9.1f}")
    lines.append(f"{'wall: read and check (map)':<40} {timings.get('wall map', 0.0):>9.3f}")
    lines.append(f"{'wall: corpus rules (reduce) and sort':<40} {timings.get('wall reduce', 0.0):>9.3f}")
    if report.cached:
        lines.append(f"{report.cached} files or parts came from the cache")
    return "\n".join(lines) + "\n"
