"""The ``corpuslint`` command.

Exit codes: 0 no findings (at or above ``--fail-on``), 1 findings, 2 usage or
configuration error, 3 incomplete (a rule or reader failed: F900), 130
interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import ConfigError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEFAULT_CACHE = ".corpuslint_cache"

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
    from .formats import FORMATS

    parser = argparse.ArgumentParser(prog="corpuslint", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files and folders to lint (default: `paths` from the config, else .)")
    selection = parser.add_argument_group("rule selection")
    selection.add_argument("--select", action="append", metavar="CODES",
                           help="only these rules: codes, prefixes or names, comma-separated (e.g. H,B,T001)")
    selection.add_argument("--extend-select", action="append", metavar="CODES", help="add rules to the selection")
    selection.add_argument("--ignore", action="append", metavar="CODES", help="leave these rules out")
    selection.add_argument("--no-corpus", action="store_true",
                           help="skip corpus-wide rules (duplicates, learned boilerplate): for hooks that see "
                                "only some files")
    output = parser.add_argument_group("output")
    output.add_argument("--format", choices=sorted(FORMATS), default="concise",
                        help="concise (default; alias text), full, json, jsonl, sarif, github, junit, gitlab")
    output.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE, not stdout")
    output.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    output.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    exits = parser.add_argument_group("exit status")
    exits.add_argument("--fail-on", choices=("error", "warning", "info"), default="info",
                       help="the least severe finding that makes the exit status 1 (default: info, any)")
    exits.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    fixes = parser.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    fixes.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, apply unsafe fixes too; otherwise count them as available")
    fixes.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; write nothing")
    baselines = parser.add_argument_group("baseline")
    baselines.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    baselines.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    parser.add_argument("--config", metavar="FILE",
                        help="configuration file (default: corpuslint.yaml, .corpuslint.yaml or "
                             "pyproject.toml [tool.corpuslint], searched upwards)")
    speed = parser.add_argument_group("speed")
    speed.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                       help="worker processes (default: all cores)")
    speed.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    speed.add_argument("--cache-dir", metavar="DIR",
                       help=f"where to keep the cache (default: {DEFAULT_CACHE} in the project root)")
    speed.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    speed.add_argument("--timings", action="store_true", help="print time per phase and per rule on stderr")
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


def statistics(report, fmt: str, unsafe_fixes: bool) -> str:
    """Findings counted per rule, most frequent first."""
    import json
    from collections import Counter

    counts = Counter((f.code, f.name) for f in report.findings)
    fixable = Counter((f.code, f.name) for f in report.findings if f.fixable(unsafe_fixes))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt in ("json", "jsonl"):
        return json.dumps([{"code": code, "name": name, "count": n, "fixable": fixable[(code, name)]}
                           for (code, name), n in rows], indent=2) + "\n"
    return "".join(f"{n:>7}  {code}  {'[*]' if fixable[(code, name)] else '   '}  {name}\n"
                   for (code, name), n in rows)


def lint(argv: list[str]) -> int:
    from .config import load_settings
    from .engine import Checker, run
    from .finding import SEVERITY_RANK
    from .formats import OutputOptions, render
    from .registry import Selection

    args = lint_parser().parse_args(argv)
    settings = load_settings(args.config)
    selection = Selection(select=_selectors(args.select) or None,
                          extend_select=tuple(_selectors(args.extend_select)),
                          ignore=tuple(_selectors(args.ignore)), corpus=not args.no_corpus)
    cache_dir = None if args.no_cache or args.fix or args.diff else \
        (args.cache_dir or os.path.join(settings.root, DEFAULT_CACHE))
    checker = Checker(settings, selection, args.debug, cache_dir=cache_dir, timings=args.timings)
    paths = args.paths or settings.paths or ["."]
    fixed = 0
    if args.fix or args.diff:
        from .discover import discover
        from .fixer import fix_sources

        outcome = fix_sources(checker, discover(paths, settings)[0], unsafe=args.unsafe_fixes,
                              write=not args.diff)
        for note in outcome.notes:
            print(f"corpuslint: {note}", file=sys.stderr)
        if args.diff:
            _write("".join(change.diff() for change in outcome.changes))
            return EXIT_FINDINGS if outcome.changes and not args.exit_zero else EXIT_CLEAN
        fixed = outcome.fixes
    from .progress import Progress, wanted

    report = run(paths, settings, selection, jobs=args.jobs, debug=args.debug, checker=checker,
                 progress=Progress() if wanted(args.no_progress) else None)
    report.fixed = fixed
    if args.timings:
        from .timings import timings_table

        sys.stderr.write(timings_table(report, checker))
    if args.write_baseline:
        from .baseline import write_baseline

        write_baseline(args.write_baseline, report.findings)
        print(f"corpuslint: recorded {len(report.findings)} findings in {args.write_baseline}", file=sys.stderr)
        return EXIT_CLEAN
    if args.baseline:
        from .baseline import apply_baseline, read_baseline

        report.findings, report.baseline = apply_baseline(report.findings, read_baseline(args.baseline))
    options = OutputOptions(quiet=args.quiet, unsafe_fixes=args.unsafe_fixes,
                            color=_colour_wanted(args))
    text = statistics(report, args.format, args.unsafe_fixes) if args.statistics \
        else render(report, args.format, options)
    if args.output_file:
        from .fileutil import atomic_write

        atomic_write(args.output_file, text.encode("utf-8"))
    else:
        _write(text)
    if report.incomplete:
        print("corpuslint: the run is incomplete: a rule or reader failed (see F900 findings)", file=sys.stderr)
        return EXIT_INCOMPLETE
    failing = [f for f in report.findings if SEVERITY_RANK[f.severity] <= SEVERITY_RANK[args.fail_on]]
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _colour_wanted(args) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return (args.format == "full" and not args.output_file and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR"))


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
