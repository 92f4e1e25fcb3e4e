"""Configuration: ``[tool.corpuslint]`` in ``pyproject.toml``, or ``corpuslint.yaml``.

The first of ``corpuslint.yaml``, ``.corpuslint.yaml`` or a ``pyproject.toml``
with a ``[tool.corpuslint]`` table, found by walking up from the working
directory, is the configuration; ``--config FILE`` names one explicitly. Its
folder is the *project root*: document ids and relative paths in the
configuration are relative to it. Unknown keys, wrong types and unknown rule
codes are errors (exit code 2), each reported in one line naming the file and
the key.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError

CONFIG_NAMES = ("corpuslint.yaml", ".corpuslint.yaml", "pyproject.toml")

DEFAULT_INCLUDE = ["*.txt", "*.text", "*.md", "*.jsonl", "*.ndjson", "*.csv", "*.tsv",
                   "*.txt.gz", "*.text.gz", "*.md.gz", "*.jsonl.gz", "*.ndjson.gz", "*.csv.gz", "*.tsv.gz"]
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
                   ".mypy_cache", ".pytest_cache", ".ruff_cache", ".corpuslint_cache", "site-packages",
                   "README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "CHANGES*",
                   "CONTRIBUTING*", "NOTICE*", "AUTHORS*"]


@dataclass
class Settings:
    """Everything a run needs besides the paths to lint."""

    root: str = "."
    source: str | None = None
    paths: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    rules: dict[str, dict] = field(default_factory=dict)
    jobs: int | None = None
    max_document_mb: float = 20.0

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)

    def where(self, key: str) -> str:
        """``file: [table] key`` for messages about ``key``."""
        if self.source is None:
            return f"option '{key}'"
        table = "[tool.corpuslint] " if self.source.endswith(".toml") else ""
        return f"{self.source}: {table}'{key}'"


def _strings(value, where, *, allow_str=True):
    if allow_str and isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return list(value)


def _mapping(value, where):
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table/mapping, not {value!r}")
    return value


def _jobs(value, where):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where} must be a positive integer, not {value!r}")
    return value


def _megabytes(value, where):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{where} must be a positive number of megabytes, not {value!r}")
    return float(value)


def _per_file_ignores(value, where):
    return {pattern: _strings(codes, f"{where} entry '{pattern}'")
            for pattern, codes in _mapping(value, where).items()}


def _severity(value, where):
    out = {}
    for rule, level in _mapping(value, where).items():
        if level not in ("error", "warning", "info"):
            raise ConfigError(f"{where} entry '{rule}' must be error, warning or info, not {level!r}")
        out[rule] = level
    return out


def _fields(value, where):
    from .readers import ROLES

    out = {}
    for role, name in _mapping(value, where).items():
        if role not in ROLES:
            raise ConfigError(f"{where}: unknown role '{role}' (known: {', '.join(ROLES)})")
        if not isinstance(name, str):
            raise ConfigError(f"{where} entry '{role}' must be a field name, not {name!r}")
        out[role] = name
    return out


def _rules(value, where):
    out = {}
    for rule, options in _mapping(value, where).items():
        out[rule] = dict(_mapping(options, f"{where} entry '{rule}'"))
    return out


#: config key -> (Settings attribute, validator)
KEYS = {
    "paths": ("paths", _strings),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("exclude", _strings),
    "select": ("select", _strings),
    "extend-select": ("extend_select", _strings),
    "ignore": ("ignore", _strings),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "severity": ("severity", _severity),
    "fields": ("fields", _fields),
    "vocabulary": ("vocabulary", _strings),
    "rules": ("rules", _rules),
    "jobs": ("jobs", _jobs),
    "max-document-mb": ("max_document_mb", _megabytes),
}


def find_config(start: str) -> str | None:
    """The configuration file that applies in ``start``, walking up to the root."""
    directory = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"[tool.corpuslint" in fh.read()
    except OSError:
        return False


def _read(path: str, shown: str) -> dict:
    if path.endswith(".toml"):
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as err:
            raise ConfigError(f"{shown}: cannot read: {err.strerror or err}") from None
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{shown}: not valid TOML: {err}") from None
        table = data.get("tool", {}).get("corpuslint")
        if table is None:
            raise ConfigError(f"{shown}: has no [tool.corpuslint] table")
        return _mapping(table, f"{shown}: [tool.corpuslint]")
    from .vocabulary import load_yaml

    data = load_yaml(path, shown)
    return {} if data is None else _mapping(data, f"{shown}: the configuration")


def load_settings(config_path: str | None = None, cwd: str | None = None) -> Settings:
    """Read and validate the configuration (found from ``cwd`` unless named)."""
    cwd = cwd or os.getcwd()
    if config_path is None:
        config_path = find_config(cwd)
    if config_path is None:
        return Settings(root=cwd)
    if not os.path.isfile(config_path):
        raise ConfigError(f"{config_path}: configuration file not found")
    settings = Settings(root=os.path.dirname(os.path.abspath(config_path)), source=display_path(config_path, cwd))
    apply(settings, _read(config_path, settings.source))
    return settings


def display_path(path: str, cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` when it is inside it, else absolute: for messages."""
    cwd = cwd or os.getcwd()
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, cwd)
    return absolute if relative.startswith("..") else relative


def apply(settings: Settings, data: dict[str, Any]) -> Settings:
    """Validate ``data`` (config keys) into ``settings``."""
    for key, value in data.items():
        if key not in KEYS:
            close = _close_match(key, KEYS)
            hint = f"; did you mean '{close}'?" if close else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(f"{settings.where(key)}: unknown key{hint}")
        attribute, validate = KEYS[key]
        checked = validate(value, settings.where(key))
        if key == "extend-exclude":
            settings.exclude = settings.exclude + checked
        else:
            setattr(settings, attribute, checked)
    settings.vocabulary = [os.path.join(settings.root, p) for p in settings.vocabulary]
    return settings


def _close_match(word: str, choices) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return matches[0] if matches else None
