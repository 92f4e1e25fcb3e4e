"""Configuration: ``[tool.corpuslint]`` in ``pyproject.toml``, or ``corpuslint.yaml``.

The first of ``corpuslint.yaml``, ``.corpuslint.yaml`` or a ``pyproject.toml``
with a ``[tool.corpuslint]`` table, found by walking up from the linted paths
(as ruff does: from the folder that holds them all, a file's folder for one
file, the folder of ``--stdin-filename`` for standard input, the working
directory when no path is given), is the configuration; ``--config FILE``
names one explicitly. Its folder is the *project root*: document ids and
relative paths in the configuration are relative to it. With no
configuration, the working directory is the project root.

Unknown keys, wrong types, numbers out of
range (``.nan``, ``.inf``, a boolean where a number belongs) and unknown rule
codes are errors (exit code 2), each reported in one line naming the file and
the key; so is a configuration file that cannot be read, is not valid UTF-8,
or is not a regular file (a folder named ``corpuslint.yaml``).
"""
from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError, not_utf8
from .fileutil import file_kind
from .readers.source import ROLES
from .yamlfile import load_yaml

CONFIG_NAMES = ("corpuslint.yaml", ".corpuslint.yaml", "pyproject.toml")

DEFAULT_INCLUDE = ["*.txt", "*.text", "*.md", "*.jsonl", "*.ndjson", "*.csv", "*.tsv", "*.json", "*.parquet",
                   "*.arrow", "*.txt.gz", "*.text.gz", "*.md.gz", "*.jsonl.gz", "*.ndjson.gz", "*.csv.gz", "*.tsv.gz",
                   "*.json.gz"]
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
                   ".mypy_cache", ".pytest_cache", ".ruff_cache", ".corpuslint_cache", "site-packages",
                   "README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "CHANGES*",
                   "CONTRIBUTING*", "NOTICE*", "AUTHORS*"]

#: The largest values the numeric keys accept: more is a typo, not a plan.
MAX_JOBS = 1024
MAX_DOCUMENT_MB = 4096
MAX_RULE_TIMEOUT = 86400


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
    #: Names for the columns of CSV/TSV files that have no header row, in order.
    columns: list[str] | None = None
    #: Leave out what the ``.gitignore`` files of the linted folders ignore.
    respect_gitignore: bool = True
    vocabulary: list[str] = field(default_factory=list)
    rules: dict[str, dict] = field(default_factory=dict)
    jobs: int | None = None
    max_document_mb: float = 20.0
    #: Seconds one rule may spend on one document (or one group of corpus records).
    rule_timeout: float = 60.0
    #: Findings one rule reports on one document before the rest are summed up in one.
    max_findings_per_rule: int = 20

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


def _integer(low: int, high: int | None = None):
    """A validator for an integer from ``low`` to ``high`` (no upper bound if None).

    ``true`` and ``false`` are not integers here, although Python counts them as 1 and 0.
    """
    def validate(value, where):
        if isinstance(value, bool) or not isinstance(value, int) or value < low \
                or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise ConfigError(f"{where} must be an integer {allowed}, not {value!r}")
        return value
    return validate


def _positive(unit: str, high: int):
    """A validator for a finite number of ``unit`` above 0 and at most ``high``, as a float."""
    def validate(value, where):
        # NaN fails every comparison, so the range test rejects it along with the infinities;
        # an integer too large for a float fails it without being converted.
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= high:
            raise ConfigError(f"{where} must be a number of {unit} above 0 and at most {high}, not {value!r}")
        return float(value)
    return validate


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
    out = {}
    for role, name in _mapping(value, where).items():
        if role not in ROLES:
            raise ConfigError(f"{where}: unknown role '{role}' (known: {', '.join(ROLES)})")
        if not isinstance(name, str):
            raise ConfigError(f"{where} entry '{role}' must be a field name, not {name!r}")
        out[role] = name
    return out


def _boolean(value, where):
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false, not {value!r}")
    return value


def _columns(value, where):
    names = _strings(value, where, allow_str=False)
    if not names or len(set(names)) != len(names) or not all(n.strip() for n in names):
        raise ConfigError(f"{where} must be a list of distinct, non-empty column names, not {value!r}")
    return names


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
    "columns": ("columns", _columns),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "vocabulary": ("vocabulary", _strings),
    "rules": ("rules", _rules),
    "jobs": ("jobs", _integer(1, MAX_JOBS)),
    "max-document-mb": ("max_document_mb", _positive("megabytes", MAX_DOCUMENT_MB)),
    "rule-timeout": ("rule_timeout", _positive("seconds", MAX_RULE_TIMEOUT)),
    "max-findings-per-rule": ("max_findings_per_rule", _integer(1)),
}


def find_config(start: str) -> str | None:
    """The configuration file that applies in ``start``, walking up to the root.

    A ``corpuslint.yaml`` that is not a regular file (a folder, a broken link,
    a FIFO) is an error, not skipped: it was meant to be one. A
    ``pyproject.toml`` belongs to many tools: it is ours only if it is a
    regular file with a ``[tool.corpuslint]`` table.
    """
    directory = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if name == "pyproject.toml":
                if os.path.isfile(candidate) and _has_tool_table(candidate):
                    return candidate
            elif os.path.lexists(candidate):
                _check_regular_file(candidate, display_path(candidate, start))
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _check_regular_file(path: str, shown: str) -> None:
    """A ConfigError unless ``path`` is a regular file (or a link to one): reading
    a FIFO would wait forever, and a folder is no configuration."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        problem = "is a broken symbolic link" if os.path.lexists(path) else "configuration file not found"
        raise ConfigError(f"{shown}: {problem}") from None
    except OSError as err:
        raise ConfigError(f"{shown}: cannot read: {err.strerror or err}") from None
    if not stat.S_ISREG(mode):
        raise ConfigError(f"{shown}: is {file_kind(mode)}, not a configuration file")


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"[tool.corpuslint" in fh.read()
    except OSError:
        return False


def _read(path: str, shown: str) -> dict:
    if path.endswith(".toml"):
        # Imported here (4 ms): the command line imports this module for --version too.
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
            data = tomllib.loads(raw.decode("utf-8"))
        except OSError as err:
            raise ConfigError(f"{shown}: cannot read: {err.strerror or err}") from None
        except UnicodeDecodeError as err:
            raise not_utf8(shown, raw, err) from None
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{shown}: not valid TOML: {err}") from None
        except RecursionError:
            raise ConfigError(f"{shown}: not valid TOML: nested too deeply") from None
        table = data.get("tool", {}).get("corpuslint")
        if table is None:
            raise ConfigError(f"{shown}: has no [tool.corpuslint] table")
        return _mapping(table, f"{shown}: [tool.corpuslint]")
    data = load_yaml(path, shown)
    return {} if data is None else _mapping(data, f"{shown}: the configuration")


def search_start(paths: list[str], cwd: str | None = None) -> str:
    """Where the configuration of a run on ``paths`` is searched from: the folder that
    holds them all (a file counts by its folder), or ``cwd`` when there are none."""
    cwd = cwd or os.getcwd()
    folders = [path if os.path.isdir(path) else os.path.dirname(path) or os.curdir
               for path in (os.path.join(cwd, p) for p in paths)]
    return os.path.commonpath([os.path.abspath(f) for f in folders]) if folders else cwd


def load_settings(config_path: str | None = None, cwd: str | None = None, start: str | None = None) -> Settings:
    """Read and validate the configuration: ``config_path``, else the one found from
    ``start`` (default ``cwd``) upwards (see :func:`search_start`)."""
    cwd = cwd or os.getcwd()
    if config_path is None:
        config_path = find_config(start or cwd)
    if config_path is None:
        return Settings(root=cwd)
    settings = Settings(root=os.path.dirname(os.path.abspath(config_path)), source=display_path(config_path, cwd))
    _check_regular_file(config_path, settings.source)
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
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return matches[0] if matches else None
