import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared"))


def run_cli(*args, cwd=None, env=None, input=None):
    """Run ``python -m corpuslint`` and return the completed process."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "corpuslint", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, input=input, timeout=300)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A private config and cache folder (the cache key, the tables) for this process and the CLI's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CORPUSLINT_CACHE_KEY", raising=False)
    monkeypatch.delenv("CORPUSLINT_NO_TABLE_CACHE", raising=False)
    return tmp_path


@pytest.fixture
def main(capsys, monkeypatch):
    """Run the ``corpuslint`` command in this process (:func:`corpuslint.cli.main`).

    Called like :func:`run_cli` and answering the same way (``returncode``,
    ``stdout``, ``stderr``), without starting a Python for each run: for tests
    of what the command does. Tests of the process itself (signals, exit on a
    closed pipe, start-up) use ``cli``.
    """
    from corpuslint.cli import main as corpuslint_main

    def run(*args, cwd=None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        returncode = corpuslint_main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["corpuslint", *args], returncode, out, err)
    return run


def lines_run(call):
    """``(call(), how many lines of corpuslint's own code ran during it)``.

    A count of work that neither the machine nor its load changes, for tests
    that a cost grows linearly: run the same work on inputs of two sizes and
    compare the counts. Work done in C (regular expressions, rapidfuzz) is
    not counted, only the Python around it.
    """
    import corpuslint
    import corpuslint.rules

    roots = tuple(os.path.dirname(module.__file__) + os.sep for module in (corpuslint, corpuslint.rules))
    count = 0

    def in_frame(frame, event, arg):
        nonlocal count
        count += event == "line"
        return in_frame

    def on_call(frame, event, arg):
        return in_frame if frame.f_code.co_filename.startswith(roots) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        result = call()
    finally:
        sys.settrace(previous)
    return result, count


def shared_path(*parts):
    """A path under ../shared, or skip the test saying what is missing."""
    path = os.path.join(SHARED, *parts)
    if not os.path.exists(path):
        pytest.skip(f"{path} is absent: this test needs the shared third-party data next to the repo")
    return path


def fake_install(site, module: str, source: str, entry_points: dict):
    """Write ``module`` and a dist-info with ``corpuslint.rules`` entry points into ``site``.

    This is what `pip install` leaves behind, minus the RECORD; importlib.metadata
    finds it on PYTHONPATH like any installed distribution.
    """
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(source)
    info = site / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[corpuslint.rules]\n{lines}")
    return str(site)
