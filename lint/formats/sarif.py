"""``sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The tool driver lists every rule that ran (id, name, short and full
description, help, default level, family tag); each result has its rule,
level, message, a physical location with a region (columns are Unicode code
points, end column exclusive), related locations for corpus findings, and a
stable ``partialFingerprints`` entry (code, document, flagged text) so code
scanning tracks a finding across commits.
"""
import json
from urllib.parse import quote

from ..explain import family_name

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    path = path.replace("\\", "/")
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


def render(report, options) -> str:
    from .. import __version__

    classes = report.rules or []
    index = {cls.code: i for i, cls in enumerate(classes)}
    results = []
    for f in report.findings:
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
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "corpuslint", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule(cls) for cls in classes]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
