"""``json``: a JSON array of finding objects (see ``Finding.as_dict``), the stable contract."""
from . import to_json


def render(report, options) -> str:
    return to_json([f.as_dict() for f in report.findings], indent=2) + "\n"
