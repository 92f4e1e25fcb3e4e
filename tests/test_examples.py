"""The example corpus (the README's first command) shows every rule family."""
import json
import os

from conftest import REPO

EXAMPLES = os.path.join(REPO, "examples", "corpus")
#: The codes the example corpus is written to show; a change here is a change in what it teaches.
SHOWN = {
    "D001", "D002", "D003", "D004", "D005", "H001", "H002", "H003", "H004", "B001", "B002", "B003",
    "T001", "T002", "T003", "T004", "T005", "T006", "E001", "E002", "E003",
    "U001", "U002", "U003", "U004", "U005", "W001", "W002", "W003", "W004", "W005",
    "X001", "X002", "Q001", "Q002", "Q003", "Q004", "F002",
}


def test_example_corpus_shows_every_family(cli):
    proc = cli("--format", "json", "examples/corpus", cwd=REPO)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    assert {f["code"] for f in findings} == SHOWN
    assert {f["code"][0] for f in findings} == set("DHBTEUWXQF")

