"""The founding examples: ../shared/acceptance/check_seeds.py must pass."""
import subprocess
import sys

from conftest import shared_path


def test_seed_acceptance():
    checker = shared_path("acceptance", "check_seeds.py")
    proc = subprocess.run([sys.executable, checker, "--cmd", f"{sys.executable} -m corpuslint --format json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
