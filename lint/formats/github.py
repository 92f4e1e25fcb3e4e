"""``github``: GitHub Actions workflow commands, shown as annotations on a pull request.

``::warning file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=T001 spun-phrase::message``.
Data is escaped as GitHub's runner expects (``%``, CR and LF), properties
also ``:`` and ``,``.
"""
from . import printable

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, options) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        props = {"file": loc.path, "line": loc.line, "col": loc.column, "endLine": loc.end_line,
                 "endColumn": loc.end_column, "title": f"{f.code} {f.name}"}
        joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
        lines.append(printable(f"::{LEVELS[f.severity]} {joined}::{escape_data(f.message)}"))
    return "".join(line + "\n" for line in lines)
