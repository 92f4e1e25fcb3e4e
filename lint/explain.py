"""``corpuslint rules`` and ``corpuslint rule CODE``: the rule documentation."""
from __future__ import annotations

import json

FAMILIES = {
    "D": "dates", "H": "headlines", "B": "boilerplate", "T": "typos", "E": "entities",
    "U": "unicode", "W": "whitespace", "X": "duplicates", "Q": "quality", "F": "files",
}


def family_name(cls) -> str:
    return FAMILIES.get(cls.family(), "plugin")


def rule_record(cls) -> dict:
    return {
        "code": cls.code,
        "name": cls.name,
        "family": family_name(cls),
        "severity": cls.severity,
        "kind": cls.kind,
        "fix": cls.fix,
        "summary": cls.summary(),
        "options": {key: {"default": opt.default, "help": opt.help} for key, opt in cls.options.items()},
        "source": source_of(cls),
    }


def source_of(cls) -> str:
    source = getattr(cls, "source", None)
    if source:
        return source
    return cls.__module__.replace(".", "/") + ".py"


def rules_listing(registry, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([rule_record(c) for c in registry.classes], indent=2) + "\n"
    rows = [(c.code, c.name, family_name(c), c.severity, c.fix or "", c.summary()) for c in registry.classes]
    widths = [max(len(r[i]) for r in rows + [("CODE", "NAME", "FAMILY", "SEVERITY", "FIX", "")])
              for i in range(5)]
    header = ("CODE", "NAME", "FAMILY", "SEVERITY", "FIX", "SUMMARY")
    out = []
    for row in [header] + rows:
        cells = [row[i].ljust(widths[i]) for i in range(5)]
        out.append("  ".join(cells + [row[5]]).rstrip())
    return "\n".join(out) + "\n"


def rule_documentation(cls) -> str:
    fix = {"safe": "safe fix", "unsafe": "unsafe fix (needs --unsafe-fixes)", None: "no fix"}[cls.fix]
    lines = [f"{cls.code} {cls.name}", "",
             f"Family: {family_name(cls)} ({cls.family()}).  Severity: {cls.severity}.  "
             f"Kind: {cls.kind} rule.  Fix: {fix}.", "", cls.documentation(), ""]
    if cls.options:
        lines.append("Options (set under [tool.corpuslint.rules.%s]):" % cls.name)
        for key, opt in cls.options.items():
            lines.append(f"  {key}: {opt.describe()}")
    else:
        lines.append("Options: none.")
    lines.append("")
    lines.append(f"Defined in: {source_of(cls)}")
    return "\n".join(lines) + "\n"
