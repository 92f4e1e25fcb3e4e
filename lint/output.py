"""Report formats.

``text``: one line per finding, ``path:line:col: CODE [severity] message``,
sorted by path then position, then a summary line.

``json``: a JSON array of finding objects, the stable contract for tools::

    {"code", "name", "severity", "message", "path", "line", "column",
     "end_line", "end_column", "document", "field", "fix", "related"}

Lines and columns are 1-based and count characters; ``end_column`` is
exclusive. ``field`` is the record field (null for plain-text files);
``fix`` is null or ``{"replacement", "safe", "line", "column", "end_line",
"end_column"}``; ``related`` lists the other locations of a corpus finding.
"""
from __future__ import annotations

import json
from collections import Counter

from .engine import Report

FORMATS = ("text", "json")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(report: Report) -> str:
    where = f"{_plural(report.documents, 'document')} ({_plural(report.files, 'file')})"
    if not report.findings:
        return f"No problems found in {where}."
    by_severity = Counter(f.severity for f in report.findings)
    parts = [f"{by_severity[s]} {label}" for s, label in
             (("error", "errors" if by_severity["error"] != 1 else "error"),
              ("warning", "warnings" if by_severity["warning"] != 1 else "warning"),
              ("info", "info")) if by_severity[s]]
    return f"Found {_plural(len(report.findings), 'problem')} ({', '.join(parts)}) in {where}."


def format_text(report: Report, quiet: bool = False) -> str:
    lines = [f"{f.path}:{f.location.line}:{f.location.column}: {f.code} [{f.severity}] {f.message}"
             for f in report.findings]
    if not quiet:
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(report: Report, quiet: bool = False) -> str:
    return json.dumps([f.as_dict() for f in report.findings], ensure_ascii=False, indent=2) + "\n"


def render(report: Report, fmt: str, quiet: bool = False) -> str:
    return {"text": format_text, "json": format_json}[fmt](report, quiet)
