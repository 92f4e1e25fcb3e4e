"""Output formats: one module per format, each with ``render(report, options) -> str``.

``concise`` (alias ``text``) is one line per finding; ``full`` groups by file
and shows the source line; ``json`` and ``jsonl`` are the machine contract;
``sarif`` is for GitHub code scanning; ``github`` prints workflow-command
annotations; ``junit`` and ``gitlab`` feed CI dashboards.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

#: Format name -> module in this package.
FORMATS = {
    "concise": "concise", "text": "concise", "full": "full", "json": "json_array",
    "jsonl": "json_lines", "sarif": "sarif", "github": "github", "junit": "junit", "gitlab": "gitlab",
}


@dataclass
class OutputOptions:
    """How to render: ``quiet`` drops the summary, ``color`` uses ANSI colours,
    ``unsafe_fixes`` counts unsafe fixes as available."""

    quiet: bool = False
    color: bool = False
    unsafe_fixes: bool = False


def render(report, fmt: str, options: OutputOptions | None = None) -> str:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(report, options or OutputOptions())
