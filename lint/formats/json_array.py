"""``json``: a JSON array of finding objects (see ``Finding.as_dict``), the stable contract."""
import json


def render(report, options) -> str:
    return json.dumps([f.as_dict() for f in report.findings], ensure_ascii=False, indent=2) + "\n"
