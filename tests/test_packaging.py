"""The installed distribution: one import name, data files, entry points, hooks."""
import os
import re
import subprocess
import sys
from importlib import metadata

import yaml
from conftest import REPO


def test_only_corpuslint_is_importable(tmp_path):
    code = ("import importlib.util as u; "
            "print(u.find_spec('lint'), u.find_spec('rules'), u.find_spec('corpuslint.rules') is not None)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True).stdout
    assert out.split() == ["None", "None", "True"]


def test_no_top_level_lint_or_rules_in_the_installed_files(tmp_path):
    # Run outside the checkout, so that the installed metadata is read, not a build's egg-info.
    code = ("from importlib import metadata; "
            "print(sorted({str(f).split('/')[0] for f in metadata.files('news-corpuslint') or []}))")
    tops = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True).stdout
    assert "'lint'" not in tops and "'rules'" not in tops, tops


def test_console_script_and_distribution_name():
    dist = metadata.distribution("news-corpuslint")
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts == {"corpuslint": "corpuslint.cli:main"}
    assert dist.metadata["Requires-Python"] == ">=3.10"


def test_every_rule_family_package_is_listed_for_installation():
    with open(os.path.join(REPO, "pyproject.toml"), encoding="utf-8") as fh:
        listed = set(re.findall(r'"(corpuslint(?:\.[a-z_]+)*)"', fh.read()))
    on_disk = {"corpuslint"} | {
        "corpuslint.rules" + ("." + rel.replace(os.sep, ".") if rel != "." else "")
        for rel in (os.path.relpath(d, os.path.join(REPO, "rules"))
                    for d, _, files in os.walk(os.path.join(REPO, "rules")) if "__init__.py" in files)
    } | {"corpuslint." + d for d in os.listdir(os.path.join(REPO, "lint"))
         if os.path.isfile(os.path.join(REPO, "lint", d, "__init__.py"))}
    assert on_disk <= listed, sorted(on_disk - listed)


def test_pre_commit_hook_definition():
    with open(os.path.join(REPO, ".pre-commit-hooks.yaml"), encoding="utf-8") as fh:
        hooks = {h["id"]: h for h in yaml.safe_load(fh)}
    hook = hooks["corpuslint"]
    assert hook["entry"] == "corpuslint --no-corpus" and hook["language"] == "python"
    corpus = hooks["corpuslint-corpus"]
    assert corpus["entry"] == "corpuslint" and corpus["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for name in ("a.txt", "b.JSONL", "c.csv.gz", "d.ndjson", "e.tsv", "f.md"):
        assert pattern.search(name), name
    for name in ("a.py", "b.json", "c.txt.bak"):
        assert not pattern.search(name), name
    with open(os.path.join(REPO, ".pre-commit-config.yaml"), encoding="utf-8") as fh:
        own = yaml.safe_load(fh)["repos"][0]["hooks"][0]
    assert re.search(own["files"], "examples/corpus/001.txt")
    assert own["entry"].split()[0] == "corpuslint"
