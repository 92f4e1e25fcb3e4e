"""``sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The tool driver lists every rule that ran (id, name, short and full
description, help, default level, family tag); each result has its rule,
level, message, a physical location with a region (columns are Unicode code
points, end column exclusive), related locations for corpus findings, and a
stable ``partialFingerprints`` entry (code, document, flagged text) so code
scanning tracks a finding across commits.

GitHub code scanning takes at most 25,000 results per run (and one run per
tool and category per upload), so a log keeps at most ``MAX_RESULTS``: the
most severe findings, in report order among equals. What was left out is
said in a warning on stderr and in the log itself, as a tool execution
notification of its one invocation.
"""
from urllib.parse import quote

from ..explain import family_name
from ..finding import SEVERITY_RANK
from . import printable, to_json

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Results per run that GitHub code scanning accepts.
MAX_RESULTS = 25_000


def _uri(path: str) -> str:
    path = printable(path.replace("\\", "/"))
    if path.startswith("/"):
        return "file://" + quote(path)
    return quote(path[2:] if path.startswith("./") else path)


def _location(loc, message: str | None = None) -> dict:
    out = {"physicalLocation": {
        "artifactLocation": {"uri": _uri(loc.path)},
        "region": {"startLine": loc.line, "startColumn": loc.column,
                   "endLine": loc.end_line, "endColumn": loc.end_column},
    }}
    if message:
        out["message"] = {"text": message}
    return out


def _rule(cls) -> dict:
    doc = cls.documentation()
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": doc},
        "help": {"text": f"{doc}\n\nRun `corpuslint rule {cls.code}` for its options.",
                 "markdown": f"{doc}\n\nRun `corpuslint rule {cls.code}` for its options."},
        "defaultConfiguration": {"level": LEVELS[cls.severity]},
        "properties": {"tags": [family_name(cls)]},
    }


def _kept(findings: list) -> list:
    """At most ``MAX_RESULTS`` findings: the most severe, in their order among equals."""
    if len(findings) <= MAX_RESULTS:
        return findings
    ranked = sorted(range(len(findings)), key=lambda i: (SEVERITY_RANK[findings[i].severity], i))
    return [findings[i] for i in sorted(ranked[:MAX_RESULTS])]


def _left_out(report) -> str | None:
    """The sentence that says what the log leaves out, if anything."""
    total = len(report.findings)
    if total <= MAX_RESULTS:
        return None
    return (f"the SARIF log holds the {MAX_RESULTS:,} most severe of {total:,} findings "
            f"({total - MAX_RESULTS:,} left out: GitHub code scanning accepts {MAX_RESULTS:,} results per run); "
            "see --format json for all of them")


def warnings(report) -> list[str]:
    """What the log leaves out, for stderr (see ``formats.warnings``)."""
    left_out = _left_out(report)
    return [left_out] if left_out else []


def render(report, options) -> str:
    from .. import __version__

    classes = report.rules or []
    index = {cls.code: i for i, cls in enumerate(classes)}
    results = []
    for f in _kept(report.findings):
        result = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [_location(f.location)],
            "partialFingerprints": {"corpuslint/v1": f.fingerprint()},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.related:
            result["relatedLocations"] = [dict(_location(r, "related document"), id=i)
                                          for i, r in enumerate(f.related)]
        results.append(result)
    run = {
        "tool": {"driver": {"name": "corpuslint", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(cls) for cls in classes]}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    left_out = _left_out(report)
    if left_out:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": left_out}, "descriptor": {"id": "results-capped"}}]}]
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return to_json(log, indent=2) + "\n"
