"""``full``: findings grouped by file, each with its source line and the span underlined.

Colour is used when writing to a terminal, unless ``NO_COLOR`` is set.
Long lines (JSONL records) are cut to a window around the span. Control
characters and line breaks in paths, messages and source lines are written as
escapes (see ``formats.one_line``), the underline moved to match.
"""
from __future__ import annotations

import gzip

from ..readers.decode import decode
from . import one_line
from .concise import summary

WINDOW = 100
_SEVERITY_COLOURS = {"error": "31", "warning": "33", "info": "36"}


class Paint:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


def _source_lines(path: str) -> list[str]:
    try:
        opener = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rb") as fh:
            data = fh.read()
        return decode(data).text.split("\n")
    except Exception:  # unreadable now: show the finding without its source
        return []


def _excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """``line`` cut to a window around ``[start, end)``, and the span's new offsets."""
    line = line.rstrip("\r").replace("\t", " ")
    if len(line) <= WINDOW:
        return line, start, end
    left = max(0, min(start - 30, len(line) - WINDOW))
    cut = line[left:left + WINDOW]
    prefix = "\u2026" if left else ""
    suffix = "\u2026" if left + WINDOW < len(line) else ""
    return prefix + cut + suffix, start - left + len(prefix), min(end, left + WINDOW) - left + len(prefix)


def _escaped_excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """:func:`_excerpt`, with the excerpt escaped by ``one_line`` and the offsets moved to match."""
    text, start, end = _excerpt(line, start, end)
    return one_line(text), len(one_line(text[:start])), len(one_line(text[:end]))


def render(report, options) -> str:
    paint = Paint(options.color)
    out, sources = [], {}
    current = None
    for f in report.findings:
        loc = f.location
        if loc.path != current:
            if current is not None:
                out.append("")
            out.append(paint(one_line(loc.path), "1"))
            current = loc.path
        mark = "[*] " if f.fixable(options.unsafe_fixes) else ""
        code = paint(one_line(f.code), "1;" + _SEVERITY_COLOURS[f.severity])
        out.append(f"  {loc.line}:{loc.column}  {code} [{f.severity}] {mark}{one_line(f.message)}")
        if loc.path not in sources:
            sources[loc.path] = _source_lines(report.texts.get(loc.path, loc.path))
        lines = sources[loc.path]
        if 0 < loc.line <= len(lines):
            line = lines[loc.line - 1]
            start = loc.column - 1
            end = loc.end_column - 1 if loc.end_line == loc.line else len(line.rstrip("\r"))
            text, start, end = _escaped_excerpt(line, start, max(end, start + 1))
            gutter = str(loc.line)
            out.append(f"  {gutter} | {text}")
            out.append(f"  {' ' * len(gutter)} | {' ' * start}{paint('^' * max(1, end - start), '1;31')}")
        for related in f.related:
            out.append(f"  {' ' * len(str(loc.line))} = also {one_line(related.path)}:{related.line}:{related.column}")
    if not options.quiet:
        if out:
            out.append("")
        out.append(summary(report, options.unsafe_fixes))
    return "\n".join(out) + "\n"
