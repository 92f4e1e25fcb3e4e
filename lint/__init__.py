"""corpuslint: a data-quality linter for news corpora.

Use it from Python::

    import corpuslint

    report = corpuslint.lint(["articles/"], config={"ignore": ["D005"]})
    for finding in report.findings:
        print(finding.path, finding.location.line, finding.code, finding.message)
"""
import os

from .version import __version__

__all__ = ["__version__", "lint"]


def lint(paths, config=None, *, config_file=None, jobs=1, select=None, ignore=()):
    """Lint ``paths`` (files or folders) and return a :class:`~corpuslint.engine.Report`.

    ``config`` is a mapping with the same keys as ``[tool.corpuslint]``; it is
    applied on top of ``config_file`` if one is given (no file is searched for).
    ``select``/``ignore`` work like the command-line options.

    ``report.skipped`` lists what the folders held that was not linted, and why;
    ``report.nothing_read`` is true when not one document was read (the command
    exits 2 then), and ``report.nothing_read_reason()`` says what was found instead.
    """
    # Imported on first call, not with the package: `corpuslint --version` imports the
    # package, and the engine with the rules would cost it 0.3 s.
    from .config import Settings, apply, load_settings
    from .engine import run
    from .registry import Selection

    settings = load_settings(config_file) if config_file else Settings(root=os.getcwd())
    if config:
        apply(settings, dict(config))
    if isinstance(paths, str):
        paths = [paths]
    selection = Selection(select=list(select) if select else None, ignore=tuple(ignore))
    return run(list(paths), settings, selection, jobs=jobs)
