"""The real pre-commit, with this repository's hooks, in a throwaway git repository."""
import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A git repository whose .pre-commit-config.yaml uses both hooks from this repository's HEAD."""
    if not os.path.isdir(os.path.join(REPO, ".git")):
        pytest.skip("this checkout is not a git repository, so pre-commit cannot clone it")
    root = tmp_path_factory.mktemp("precommit")
    home = root / "home"
    work = root / "work"
    work.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", PRE_COMMIT_COLOR="never")
    env.pop("NO_COLOR", None)
    rev = _git("rev-parse", "HEAD", cwd=REPO)
    _git("init", "-q", cwd=work)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {rev}\n    hooks:\n      - id: corpuslint\n"
        f"      - id: corpuslint-corpus\n")
    (work / "corpuslint.yaml").write_text("paths: [corpus]\nselect: [T002, X001]\n")
    (work / "corpus").mkdir()
    (work / "corpus" / "a.txt").write_text("Bridge reopens\n\nThe bridge over the harbour reopened on a grey "
                                           "morning after months of repairs.\n")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env, check=True,
                   capture_output=True)
    _git("add", "-A", cwd=work)
    first = subprocess.run(["git", "commit", "-q", "-m", "a clean corpus"], cwd=work, env=env,
                           capture_output=True, text=True, timeout=900)
    assert first.returncode == 0, first.stdout + first.stderr
    return work, env


def _commit(work, env, message):
    _git("add", "-A", cwd=work)
    return subprocess.run(["git", "commit", "-q", "-m", message], cwd=work, env=env, capture_output=True,
                          text=True, timeout=900)


def test_a_bad_commit_is_rejected_with_the_finding(project):
    work, env = project
    (work / "corpus" / "b.txt").write_text("Ferry sails\n\nIt was a auto ferry.\n")
    rejected = _commit(work, env, "adds a defect")
    assert rejected.returncode != 0
    output = rejected.stdout + rejected.stderr
    assert "corpus/b.txt:3:8: T002 [warning] [*] 'a auto' should be 'an auto'" in output
    (work / "corpus" / "b.txt").write_text("Ferry sails\n\nIt was an auto ferry.\n")
    accepted = _commit(work, env, "fixes it")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_the_corpus_hook_sees_the_whole_corpus(project):
    work, env = project
    (work / "corpus" / "c.txt").write_text((work / "corpus" / "a.txt").read_text().replace("Bridge reopens",
                                                                                           "Copy"))
    rejected = _commit(work, env, "adds a duplicate")
    output = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0
    assert "corpus/c.txt:1:1: X001 [warning] same text as corpus/a.txt:1" in output
