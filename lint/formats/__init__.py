"""Output formats: one module per format, each with ``render(report, options) -> str``.

``concise`` (alias ``text``) is one line per finding; ``full`` groups by file
and shows the source line; ``json`` and ``jsonl`` are the machine contract;
``sarif`` is for GitHub code scanning; ``github`` prints workflow-command
annotations; ``junit`` and ``gitlab`` feed CI dashboards.

Every format writes text that UTF-8 cannot carry in one way, :func:`printable`:
a byte of a file name that is not UTF-8 shows as ``\\xe9``, a lone surrogate
(from a JSON ``"\\ud800"`` escape) as ``\\ud800``; in paths, messages,
snippets, related locations and fingerprint inputs alike. So a report always
encodes as UTF-8, and JSON output (written with :func:`to_json`) parses with
any strict parser. The formats read by people and line-based tools (concise,
full) also escape control characters and line breaks (:func:`one_line`), so a
finding is one line and cannot drive the terminal.
"""
from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass

#: Format name -> module in this package.
FORMATS = {
    "concise": "concise", "text": "concise", "full": "full", "json": "json_array",
    "jsonl": "json_lines", "sarif": "sarif", "github": "github", "junit": "junit", "gitlab": "gitlab",
}

#: The code points UTF-8 cannot encode: surrogates, paired or not.
SURROGATES = "\ud800-\udfff"
_UNENCODABLE = re.compile(f"[{SURROGATES}]")
#: ... and control characters (tab aside) and line breaks, for the line-based formats.
_NOT_ONE_LINE = re.compile(f"[{SURROGATES}\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    char = match.group()
    point = ord(char)
    if 0xDC80 <= point <= 0xDCFF:  # a byte that os.fsdecode could not decode
        return f"\\x{point - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}")


def escape_characters(text: str, characters: re.Pattern) -> str:
    """``text`` with each character that ``characters`` matches written as a visible escape:
    ``\\xNN`` for a file name byte that is not UTF-8 (U+DC80..U+DCFF) and for
    other code points below 256 (``\\n`` and ``\\r`` by name), ``\\uNNNN`` above."""
    return characters.sub(_escape, text)


def printable(text: str) -> str:
    """``text`` with every character UTF-8 cannot encode written as a visible escape.

    A file name byte that is not UTF-8 (U+DC80..U+DCFF after ``os.fsdecode``)
    becomes ``\\xNN`` (the byte); any other lone surrogate becomes ``\\uNNNN``.
    Everything else, backslashes included, is left as it is, so the escape is
    for reading, not for decoding back. Text without surrogates comes back
    unchanged.
    """
    return _UNENCODABLE.sub(_escape, text)


def one_line(text: str) -> str:
    """:func:`printable`, and control characters and line breaks escaped too (tab aside),
    for the formats people and line-based tools read."""
    return _NOT_ONE_LINE.sub(_escape, text)


def _printable_data(value):
    """A JSON-like value (dicts, lists, strings, numbers) with :func:`printable` applied
    to every string in it, keys included."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable_data(key): _printable_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable_data(item) for item in value]
    return value


def to_json(value, indent: int | None = None) -> str:
    """``value`` as JSON text, non-ASCII characters as they are and every string in it
    :func:`printable` (so the text encodes as UTF-8 and any JSON parser reads it)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _UNENCODABLE.search(text):  # rare: only then pay for a copy of the data
        text = json.dumps(_printable_data(value), ensure_ascii=False, indent=indent)
    return text


@dataclass
class OutputOptions:
    """How to render: ``quiet`` drops the summary, ``color`` uses ANSI colours,
    ``unsafe_fixes`` counts unsafe fixes as available."""

    quiet: bool = False
    color: bool = False
    unsafe_fixes: bool = False


def _module(fmt: str):
    return importlib.import_module(f"{__name__}.{FORMATS[fmt]}")


def render(report, fmt: str, options: OutputOptions | None = None) -> str:
    return _module(fmt).render(report, options or OutputOptions())


def warnings(report, fmt: str) -> list[str]:
    """One-line warnings for stderr about what ``fmt`` leaves out of the report
    (SARIF keeps at most 25,000 results)."""
    module = _module(fmt)
    return module.warnings(report) if hasattr(module, "warnings") else []
