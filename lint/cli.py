"""The ``corpuslint`` command.

Exit codes: 0 no findings, 1 findings, 2 usage or configuration error,
130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .errors import ConfigError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

DESCRIPTION = """\
Lint news corpora: folders of article .txt/.md files and JSONL/CSV exports
(gzipped or not). Reports `path:line:col: CODE [severity] message`.

Other commands:
  corpuslint rules [--format json|markdown]   list every rule
  corpuslint rule CODE|NAME                   explain one rule
"""


def _selectors(values: list[str] | None) -> list[str]:
    out = []
    for value in values or ():
        out.extend(s.strip() for s in value.split(",") if s.strip())
    return out


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def lint_parser() -> argparse.ArgumentParser:
    from .output import FORMATS

    parser = argparse.ArgumentParser(prog="corpuslint", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files and folders to lint (default: `paths` from the config, else .)")
    parser.add_argument("--select", action="append", metavar="CODES",
                        help="only these rules: codes, prefixes or names, comma-separated (e.g. H,B,T001)")
    parser.add_argument("--extend-select", action="append", metavar="CODES",
                        help="add rules to the selection")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="leave these rules out")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--config", metavar="FILE",
                        help="configuration file (default: corpuslint.yaml, .corpuslint.yaml or "
                             "pyproject.toml [tool.corpuslint], searched upwards)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    parser.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                        help="worker processes (default: all cores)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument("--version", action="version", version=f"corpuslint {__version__}")
    return parser


def rules_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"corpuslint {command}")
    parser.add_argument("--config", metavar="FILE", help="configuration file (for project and plugin rules)")
    if command == "rules":
        parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    else:
        parser.add_argument("rule", metavar="CODE|NAME", help="a rule code (T001) or name (spun-phrase)")
    return parser


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def explain(command: str, argv: list[str]) -> int:
    from .config import load_settings
    from .explain import rule_documentation, rules_listing
    from .registry import load_registry

    args = rules_parser(command).parse_args(argv)
    registry, _ = load_registry(load_settings(args.config))
    if command == "rules":
        _write(rules_listing(registry, args.format))
        return EXIT_CLEAN
    cls = registry.lookup(args.rule)
    if cls is None:
        raise ConfigError(f"unknown rule {args.rule!r} (see `corpuslint rules`)")
    _write(rule_documentation(cls))
    return EXIT_CLEAN


def lint(argv: list[str]) -> int:
    from .config import load_settings
    from .engine import run
    from .output import render
    from .registry import Selection

    args = lint_parser().parse_args(argv)
    settings = load_settings(args.config)
    select = _selectors(args.select)
    selection = Selection(select=select or None, extend_select=tuple(_selectors(args.extend_select)),
                          ignore=tuple(_selectors(args.ignore)))
    report = run(args.paths, settings, selection, jobs=args.jobs, debug=args.debug)
    _write(render(report, args.format, args.quiet))
    if report.findings and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] in ("rules", "rule"):
            return explain(argv[0], argv[1:])
        return lint(argv)
    except ConfigError as err:
        print(f"corpuslint: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("corpuslint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_CLEAN
