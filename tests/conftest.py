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
