"""Third-party rules through the `corpuslint.rules` entry point, installed for real."""
import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

PLUGIN = os.path.join(REPO, "tests", "plugin_example")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """tests/plugin_example installed with pip into a private folder put on PYTHONPATH."""
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--no-build-isolation", "--target", str(target), PLUGIN],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert any(name.endswith(".dist-info") for name in os.listdir(target))
    return str(target)


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "loud.txt").write_text("BRIDGE REOPENS AFTER REPAIRS\n\nThe bridge reopened.\n")
    (tmp_path / "calm.txt").write_text("Bridge reopens after repairs\n\nThe bridge reopened.\n")
    return tmp_path


def test_plugin_rule_runs_by_default(cli, site, corpus):
    proc = cli("--format", "json", ".", cwd=corpus, env={"PYTHONPATH": site})
    findings = [f for f in json.loads(proc.stdout) if f["code"] == "Z001"]
    assert [(f["path"], f["line"], f["column"], f["end_column"]) for f in findings] == [("loud.txt", 1, 1, 29)]
    assert findings[0]["name"] == "shouted-headline"
    assert findings[0]["fix"]["replacement"] == "Bridge reopens after repairs"


def test_plugin_rule_can_be_selected_and_configured(cli, site, corpus):
    proc = cli("--select", "shouted-headline", ".", cwd=corpus, env={"PYTHONPATH": site})
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == ["loud.txt:1:1: Z001 [info] headline is in capitals",
                                        "Found 1 problem (1 info) in 2 documents (2 files).",
                                        "1 fixable with `corpuslint --fix --unsafe-fixes`."]
    (corpus / "corpuslint.yaml").write_text("rules:\n  Z001:\n    min-words: 5\n")
    proc = cli("--select", "Z", ".", cwd=corpus, env={"PYTHONPATH": site})
    assert proc.returncode == 0, proc.stdout


def test_plugin_rule_is_documented(cli, site):
    proc = cli("rule", "Z001", env={"PYTHONPATH": site})
    assert proc.returncode == 0
    assert proc.stdout.startswith("Z001 shouted-headline\n")
    assert "A headline written entirely in capital letters." in proc.stdout
    assert "min-words: default 2" in proc.stdout
    listing = json.loads(cli("rules", "--format", "json", env={"PYTHONPATH": site}).stdout)
    assert {"code": "Z001", "name": "shouted-headline"}.items() <= next(
        r for r in listing if r["code"] == "Z001").items()


def test_without_the_plugin_its_code_is_unknown(cli, corpus):
    proc = cli("--select", "Z001", ".", cwd=corpus)
    assert proc.returncode == 2
    assert "unknown rule code, prefix or name 'Z001'" in proc.stderr
