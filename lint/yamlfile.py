"""Reading YAML files (configuration, vocabulary files, rule data) with one-line errors."""
from __future__ import annotations

from typing import Any

from .errors import ConfigError, not_utf8


def load_yaml(path: str, shown: str | None = None, max_depth: int = 64) -> Any:
    """Parse a YAML file (with libyaml where PyYAML has it: ten times faster).

    Every problem is a one-line :class:`ConfigError` naming ``shown`` (default:
    ``path``) and, where known, the line: a file that cannot be read, is not
    UTF-8 or not valid YAML, holds a value YAML cannot build (``2024-02-30``),
    or nests lists and mappings more than ``max_depth`` deep (libyaml would
    overflow the C stack building a file nested 100,000 deep; the nesting is
    counted on the parser's events first, which need no stack).
    """
    import yaml  # 11 ms, paid when a YAML file is read: not by --version, which imports config

    shown = shown or path
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        text = data.decode("utf-8")
        depth = 0
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    raise ConfigError(f"{shown}:{event.start_mark.line + 1}: not valid YAML: "
                                      f"nested more than {max_depth} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.load(text, Loader=loader)
    except OSError as err:
        raise ConfigError(f"{shown}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise not_utf8(shown, data, err) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if "nesting depth" in problem:  # libyaml's own limit (1,000), met while scanning ahead of ours
            where, problem = f"{shown}:{mark.line + 1}", f"nested more than {max_depth} levels deep"
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    except (ValueError, OverflowError, RecursionError) as err:  # a value the constructor cannot build
        raise ConfigError(f"{shown}: not valid YAML: {err or type(err).__name__}") from None
