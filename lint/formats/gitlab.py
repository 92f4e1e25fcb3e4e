"""``gitlab``: GitLab Code Quality report (a JSON array of issues).

Severities map error -> major, warning -> minor, info -> info. Fingerprints
are corpuslint's (code, document, flagged text), made unique per report.
"""
from . import to_json

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report, options) -> str:
    issues, seen = [], {}
    for f in report.findings:
        fingerprint = f.fingerprint()
        seen[fingerprint] = seen.get(fingerprint, 0) + 1
        if seen[fingerprint] > 1:
            fingerprint = f"{fingerprint}-{seen[fingerprint]}"
        loc = f.location
        issues.append({
            "description": f"{f.code} {f.message}",
            "check_name": f"{f.code} {f.name}",
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
            "location": {"path": loc.path, "lines": {"begin": loc.line, "end": loc.end_line}},
        })
    return to_json(issues, indent=2) + "\n"
