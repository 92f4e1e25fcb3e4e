"""``jsonl``: one JSON finding object per line, for streaming into other tools."""
import json


def render(report, options) -> str:
    return "".join(json.dumps(f.as_dict(), ensure_ascii=False) + "\n" for f in report.findings)
