"""The ``corpuslint`` command.

Exit codes, which CI can rely on:

- 0: no findings (at or above ``--fail-on``), or ``--exit-zero``;
- 1: findings, and nothing else went wrong;
- 2: a usage, configuration or output error: a bad option, config file or
  baseline; an output path (``-o``, ``--write-baseline``) that is a folder,
  a link, a device or in a missing folder (checked before any linting); a
  failed write (a full disk, a closed pipe on stdout). One line on stderr.
  Also a run that read no document at all (an empty folder, a folder of
  files that are not included, files that all failed to read): the report
  is printed, then one line ``corpuslint: error: nothing to lint in ...``;
  ``--exit-zero`` does not change it.
- 3: incomplete or internal error: a rule or reader failed (F900 findings,
  the report is still written), or corpuslint itself failed: one line
  ``corpuslint: internal error: <Type>: <message>``, and the traceback with
  ``--debug``. A crash never exits 1.
- 130: interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys

from . import __version__
from .budget import Overtime
from .errors import ConfigError
from .fileutil import OutputError, check_output_path, write_output
from .formats import one_line

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEFAULT_CACHE = ".corpuslint_cache"
#: How much of an internal error's message is shown.
MESSAGE_LIMIT = 500

DESCRIPTION = """\
Lint news corpora: folders of article .txt/.md/.json files, and JSONL, CSV,
JSON and Parquet exports (gzipped or not).
Reports `path:line:col: CODE [severity] message`.

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
                        help="files and folders to lint (default: `paths` from the config, else .); "
                             "`-` reads one file from standard input")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="the name of what `-` reads: its ending gives the format (default: a text "
                             "article), and findings, configuration and per-file-ignores use it")
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
    fixes.add_argument("--follow-symlinks", action="store_true",
                       help="with --fix, also fix files reached through a symbolic link, if the link resolves "
                            "inside the linted paths")
    baselines = parser.add_argument_group("baseline")
    baselines.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    baselines.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    parser.add_argument("--config", metavar="FILE",
                        help="configuration file (default: corpuslint.yaml, .corpuslint.yaml or "
                             "pyproject.toml [tool.corpuslint], searched upwards from the linted paths)")
    files = parser.add_argument_group("what is read")
    files.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=None,
                       help="leave out what .gitignore files ignore (default: yes, or `respect-gitignore` "
                            "from the config)")
    files.add_argument("--show-files", action="store_true",
                       help="list the files that would be linted, and those skipped and why; lint nothing")
    files.add_argument("--show-settings", action="store_true",
                       help="show the configuration in effect and the fields found in each record file; "
                            "lint nothing")
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


def _say(message: str) -> None:
    """One line for the user on stderr, prefixed ``corpuslint: ``."""
    print(f"corpuslint: {one_line(message)}", file=sys.stderr)


def _write(text: str) -> None:
    """Write ``text`` to stdout; a failed write (closed pipe, full disk) is an :class:`OutputError`."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as err:
        raise _stdout_failed(err) from None


def _write_bytes(data: bytes) -> None:
    """Write ``data`` to stdout as it is (the fixed text of standard input); see :func:`_write`."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as err:
        raise _stdout_failed(err) from None


def _stdout_failed(err: OSError) -> OutputError:
    """The error for a failed write to stdout, with stdout pointed at the null device so
    that Python's own flush at exit does not fail again ("Exception ignored ...")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file: nothing is left to flush
        pass
    return OutputError(f"cannot write to standard output: {err.strerror or err}")


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
    _write(rule_documentation(cls, registry))
    return EXIT_CLEAN


def statistics(report, fmt: str, unsafe_fixes: bool) -> str:
    """Findings counted per rule, most frequent first."""
    from collections import Counter

    from .formats import to_json

    counts = Counter((f.code, f.name) for f in report.findings)
    fixable = Counter((f.code, f.name) for f in report.findings if f.fixable(unsafe_fixes))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt in ("json", "jsonl"):
        return to_json([{"code": code, "name": name, "count": n, "fixable": fixable[(code, name)]}
                        for (code, name), n in rows], indent=2) + "\n"
    return "".join(one_line(f"{n:>7}  {code}  {'[*]' if fixable[(code, name)] else '   '}  {name}") + "\n"
                   for (code, name), n in rows)


def lint(argv: list[str]) -> int:
    args = lint_parser().parse_args(argv)  # first: --help and --version need nothing else
    from . import stdin
    from .config import load_settings, search_start
    from .registry import Selection

    stdin_name = stdin.stdin_name(args)
    if args.output_file:
        check_output_path(args.output_file, "report")
    if args.write_baseline:
        check_output_path(args.write_baseline, "baseline")
    baseline = None
    if args.baseline:
        from .baseline import read_baseline

        baseline = read_baseline(args.baseline)
    settings = load_settings(args.config, start=search_start([stdin_name] if stdin_name else args.paths))
    if args.respect_gitignore is not None:
        settings.respect_gitignore = args.respect_gitignore
    selection = Selection(select=_selectors(args.select) or None,
                          extend_select=tuple(_selectors(args.extend_select)),
                          ignore=tuple(_selectors(args.ignore)), corpus=not args.no_corpus)
    with contextlib.ExitStack() as stack:
        if stdin_name is not None:
            from .discover import Discovery

            spool = stack.enter_context(stdin.spooled_stdin(stdin_name, settings))
            run = Run(args, settings, selection, [stdin_name], Discovery(sources=[spool]), baseline,
                      stdin=spool.path)
        else:
            from .discover import survey

            paths = args.paths or settings.paths or ["."]
            run = Run(args, settings, selection, paths, survey(paths, settings), baseline)
        return run.show() if args.show_files or args.show_settings else run.lint()


class Run:
    """One ``corpuslint`` run on paths whose files are known: show them, or lint them."""

    def __init__(self, args, settings, selection, paths: list[str], discovery, baseline,
                 stdin: str | None = None):
        self.args = args
        self.settings = settings
        self.selection = selection
        self.paths = paths
        self.discovery = discovery
        self.baseline = baseline
        #: the file that holds standard input, when it is what is linted.
        self.stdin = stdin

    def show(self) -> int:
        """``--show-files`` or ``--show-settings``: print, lint nothing, exit 0."""
        from .discover import files_listing
        from .engine import Checker

        if self.args.show_files:
            _write(files_listing(self.discovery))
        else:
            from .show import settings_listing

            checker = Checker(self.settings, self.selection)
            _write(settings_listing(self.settings, sorted(checker.selected), self.paths, self.discovery))
        return EXIT_CLEAN

    def lint(self) -> int:
        from .engine import Checker, Report, run

        args, settings = self.args, self.settings
        cache_dir = None if args.no_cache or args.fix or args.diff or self.stdin else \
            (args.cache_dir or os.path.join(settings.root, DEFAULT_CACHE))
        checker = Checker(settings, self.selection, args.debug, cache_dir=cache_dir, timings=args.timings)
        fixed, fix_failed = 0, False
        if args.fix or args.diff:
            from .fixer import fix_sources

            roots = [os.path.dirname(self.stdin)] if self.stdin else self.paths
            outcome = fix_sources(checker, self.discovery.sources, unsafe=args.unsafe_fixes,
                                  write=not args.diff, follow_symlinks=args.follow_symlinks, roots=roots)
            for note in outcome.notes:
                _say(note)
            if args.diff:
                _write("".join(change.diff() for change in outcome.changes))
                if outcome.incomplete:
                    return EXIT_INCOMPLETE
                if not self.discovery.sources:
                    return _nothing_read(Report([], 0, 0, skipped=self.discovery.skipped, paths=self.paths))
                return EXIT_FINDINGS if outcome.changes and not args.exit_zero else EXIT_CLEAN
            fixed, fix_failed = outcome.fixes, outcome.incomplete
        from .progress import Progress, wanted

        report = run(self.paths, settings, self.selection, jobs=args.jobs, debug=args.debug, checker=checker,
                     progress=Progress() if wanted(args.no_progress) else None, discovery=self.discovery)
        report.fixed = fixed
        if self.stdin:
            report.texts = {self.paths[0]: self.stdin}
        if args.timings:
            from .timings import timings_table

            sys.stderr.write(timings_table(report, checker))
        if args.write_baseline:
            return self.write_baseline(report)
        if self.baseline is not None:
            from .baseline import apply_baseline

            report.findings, report.baseline = apply_baseline(report.findings, self.baseline)
        self.output(report)
        if report.incomplete:
            _say("the run is incomplete: a rule or reader failed (see F900 findings)")
            return EXIT_INCOMPLETE
        if fix_failed:
            _say("the run is incomplete: corpuslint failed while fixing a file (see the notes above)")
            return EXIT_INCOMPLETE
        if report.nothing_read:
            return _nothing_read(report)
        from .finding import SEVERITY_RANK

        failing = [f for f in report.findings if SEVERITY_RANK[f.severity] <= SEVERITY_RANK[args.fail_on]]
        return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN

    def write_baseline(self, report) -> int:
        from .baseline import write_baseline
        from .readers.codes import INTERNAL_ERROR

        write_baseline(self.args.write_baseline, report.findings)
        recorded = [f for f in report.findings if f.code != INTERNAL_ERROR]
        _say(f"recorded {len(recorded)} findings in {self.args.write_baseline}")
        if report.incomplete:  # failures are not recorded: they show until they are fixed
            _say("the run is incomplete: a rule or reader failed (see F900 findings); "
                 "they are not recorded in the baseline")
            return EXIT_INCOMPLETE
        return _nothing_read(report) if report.nothing_read else EXIT_CLEAN

    def output(self, report) -> None:
        """The report to ``-o FILE`` or stdout; with ``--fix`` on standard input, the fixed
        text to stdout and the report to stderr (as ruff does)."""
        from .formats import OutputOptions, render, warnings

        args = self.args
        options = OutputOptions(quiet=args.quiet, unsafe_fixes=args.unsafe_fixes, color=_colour_wanted(args))
        if args.statistics:
            text = statistics(report, args.format, args.unsafe_fixes)
        else:
            text = render(report, args.format, options)
            for warning in warnings(report, args.format):
                _say(f"warning: {warning}")
        if args.output_file:
            write_output(args.output_file, text.encode("utf-8"), "report")
        elif self.stdin and args.fix:
            sys.stderr.write(text)
        else:
            _write(text)
        if self.stdin and args.fix:
            with open(self.stdin, "rb") as fh:
                _write_bytes(fh.read())


def _nothing_read(report) -> int:
    """Say why nothing was read, on stderr; the exit code of a run that checked nothing."""
    _say(f"error: {report.nothing_read_reason()}")
    return EXIT_USAGE


def _colour_wanted(args) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return (args.format == "full" and not args.output_file and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR"))


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code (see the module docstring)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # pyarrow's default allocator keeps what a row group took: the system's returns it, so a
    # large Parquet file is read in the memory of one part (before pyarrow is imported; the
    # worker processes inherit it). The user's own choice wins.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        try:
            status = _dispatch(argv)
        finally:  # what is still buffered, also after --help or --version
            sys.stdout.flush()
    except OSError as err:
        _say(f"error: {_stdout_failed(err)}")
        return EXIT_USAGE
    return status


def _dispatch(argv: list[str]) -> int:
    try:
        if argv and argv[0] in ("rules", "rule"):
            return explain(argv[0], argv[1:])
        return lint(argv)
    except (ConfigError, OutputError) as err:
        _say(f"error: {err}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except (Exception, Overtime) as err:  # anything else is a bug or an exhausted resource: never exit 1
        debug = "--debug" in argv
        if debug:
            import traceback

            traceback.print_exc()
        hint = "" if debug else " (rerun with --debug for the traceback)"
        _say(f"internal error: {_describe(err)}{hint}")
        return EXIT_INCOMPLETE


def _describe(err: BaseException) -> str:
    """``Type: message`` for one line, the message cut to ``MESSAGE_LIMIT`` characters."""
    try:
        message = " ".join(str(err).split())
    except Exception:  # an exception whose __str__ fails
        message = "(the message cannot be shown)"
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT] + "\u2026"
    return f"{type(err).__name__}: {message}" if message else type(err).__name__
