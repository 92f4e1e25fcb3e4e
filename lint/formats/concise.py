"""``concise`` (alias ``text``): ``path:line:col: CODE [severity] message``, then a summary.

A finding that ``--fix`` can repair carries ``[*]`` before its message.
"""
from __future__ import annotations

from collections import Counter

from . import one_line


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def finding_line(finding, unsafe_fixes: bool = False) -> str:
    loc = finding.location
    mark = "[*] " if finding.fixable(unsafe_fixes) else ""
    return one_line(f"{loc.path}:{loc.line}:{loc.column}: {finding.code} [{finding.severity}] {mark}{finding.message}")


def summary(report, unsafe_fixes: bool = False) -> str:
    """The closing lines: counts, what --fix can do, what the baseline hid.

    The files skipped in the linted folders are counted after the files read:
    ``in 19 documents (15 files, 3 skipped)`` (``--show-files`` lists them).
    """
    skipped = report.skipped_count
    files = _plural(report.files, 'file') + (f", {skipped} skipped" if skipped else "")
    where = f"{_plural(report.documents, 'document')} ({files})"
    lines = []
    if report.fixed:
        lines.append(f"Fixed {_plural(report.fixed, 'problem')}.")
    if not report.documents and not report.findings:
        lines.append(f"Nothing was linted: {where}.")  # not "no problems": the CLI exits 2
    elif not report.findings:
        lines.append(f"No problems found in {where}.")
    else:
        by_severity = Counter(f.severity for f in report.findings)
        parts = [_plural(by_severity[s], s, "info" if s == "info" else None)
                 for s in ("error", "warning", "info") if by_severity[s]]
        lines.append(f"Found {_plural(len(report.findings), 'problem')} ({', '.join(parts)}) in {where}.")
        safe = sum(f.fixable() for f in report.findings)
        unsafe = sum(f.fixable(True) for f in report.findings) - safe
        if safe or (unsafe and unsafe_fixes):
            fixable = safe + (unsafe if unsafe_fixes else 0)
            command = "--fix --unsafe-fixes" if unsafe_fixes else "--fix"
            lines.append(f"[*] {fixable} fixable with `corpuslint {command}`"
                         + (f" ({unsafe} more with --unsafe-fixes)." if unsafe and not unsafe_fixes else "."))
        elif unsafe:
            lines.append(f"{unsafe} fixable with `corpuslint --fix --unsafe-fixes`.")
    if report.baseline is not None:
        hidden, gone = report.baseline.hidden, report.baseline.gone
        lines.append(f"Baseline: {_plural(hidden, 'known finding')} not shown; "
                     f"{_plural(gone, 'baseline entry', 'baseline entries')} no longer "
                     f"{'occurs' if gone == 1 else 'occur'}.")
    return "\n".join(lines)


def render(report, options) -> str:
    lines = [finding_line(f, options.unsafe_fixes) for f in report.findings]
    if not options.quiet:
        lines.append(summary(report, options.unsafe_fixes))
    return "\n".join(lines) + ("\n" if lines else "")
