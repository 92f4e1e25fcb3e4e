"""What ``--show-settings`` prints: the resolved configuration and each record file's fields."""
from __future__ import annotations

import os

from .formats import one_line


def settings_listing(settings, selected: list[str], paths: list[str], discovery) -> str:
    """What ``--show-settings`` prints: the configuration file and root, every key with
    its value, the rules selected, and the fields detected in each record file."""
    import textwrap

    from .config import KEYS, display_path
    from .formats import to_json
    from .readers import format_of

    values = {key: getattr(settings, attribute) for key, (attribute, _) in KEYS.items() if key != "extend-exclude"}
    values["vocabulary"] = [display_path(path) for path in settings.vocabulary]
    lines = [f"config file = {settings.source or '(none: the defaults)'}",
             f"project root = {display_path(settings.root)}",
             f"linted paths = {to_json(paths)}"]
    lines += [f"{key} = {to_json(value)}" for key, value in values.items()]
    rules = textwrap.wrap(", ".join(selected), 100, initial_indent="  ", subsequent_indent="  ")
    lines += [f"selected rules ({len(selected)}) =", *rules]
    records = sorted((s for s in discovery.sources if (format_of(s.path) or "text") != "text"),
                     key=lambda s: s.display)
    if records:
        lines.append("fields detected =")
        lines += [f"  {source.display}: {_detected_fields(source, settings)}" for source in records]
    return "".join(one_line(line) + "\n" for line in lines)


def _detected_fields(source, settings) -> str:
    """The role mapping of a record file (``RoleMap.describe``), read up to its first record."""
    from .readers import ReadProblem, read

    if not os.path.isfile(source.path):
        return "not read: not a regular file"
    first_problem = None
    items = read(source, settings.fields, settings.max_document_bytes, settings.columns)
    try:
        for item in items:
            if not isinstance(item, ReadProblem):
                return item.roles.describe() if item.roles is not None else "read as text, not as records"
            first_problem = first_problem or item
    finally:
        items.close()
    if first_problem is not None:
        return f"no record read: {first_problem.code} {first_problem.message}"
    return "no record read: the file holds none"
