"""``jsonl``: one JSON finding object per line, for streaming into other tools.

The Unicode line breaks JSON leaves as they are (U+0085, U+2028, U+2029) are
written as ``\\u`` escapes, so a splitter that honours them (Python's
``str.splitlines``) still sees one object per line.
"""
from . import to_json

#: Characters that some line splitters break on and JSON would leave raw.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def render(report, options) -> str:
    return "".join(to_json(f.as_dict()).translate(_LINE_BREAKS) + "\n" for f in report.findings)
