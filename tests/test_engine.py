"""The run as a whole: isolation of failing rules, determinism across processes."""
import json

from conftest import fake_install

FAILING_PLUGIN = '''
from corpuslint.rule import CorpusRule, DocumentRule


class Exploding(DocumentRule):
    """Raises on documents that mention KABOOM (a test double)."""

    code = "Z901"
    name = "exploding"

    def check(self, doc):
        if "KABOOM" in doc.body.text:
            raise ValueError("boom")
        return iter(())


class ExplodingFinish(CorpusRule):
    """Raises in finish (a test double)."""

    code = "Z902"
    name = "exploding-finish"

    def collect(self, doc):
        yield "all", doc.start_location()

    def finish(self, key, records, corpus):
        raise RuntimeError("reduce broke")
'''


def _corpus(path, count=6):
    path.mkdir()
    for i in range(count):
        body = "KABOOM went the story." if i == 2 else f"Story number {i} about the harbour."
        (path / f"{i:02}.txt").write_text(f"Headline {i}\n\n{body}\n")
    return path


def test_failing_rule_is_isolated(cli, tmp_path):
    site = fake_install(tmp_path / "site", "exploding_rules", FAILING_PLUGIN,
                        {"boom": "exploding_rules:Exploding", "boom2": "exploding_rules:ExplodingFinish"})
    corpus = _corpus(tmp_path / "corpus")
    proc = cli("--format", "json", "--select", "Z901,Z902,W003", ".", cwd=corpus, env={"PYTHONPATH": site})
    assert proc.returncode == 3, proc.stderr  # incomplete
    assert proc.stderr == "corpuslint: the run is incomplete: a rule or reader failed (see F900 findings)\n"
    assert "Traceback" not in proc.stderr + proc.stdout
    findings = json.loads(proc.stdout)
    internal = [f for f in findings if f["code"] == "F900"]
    assert [(f["path"], f["line"]) for f in internal] == [("00.txt", 1), ("02.txt", 1)]
    assert internal[1]["message"].startswith("rule Z901 (exploding) failed in check on document 02.txt: "
                                             "ValueError: boom")
    assert internal[0]["message"].startswith("rule Z902 (exploding-finish) failed in finish")
    proc = cli("--debug", "--select", "Z901", ".", cwd=corpus, env={"PYTHONPATH": site})
    assert "Traceback (most recent call last)" in proc.stdout


def _run_json(cli, corpus, *args):
    proc = cli("--format", "json", *args, ".", cwd=corpus)
    assert proc.returncode == 1, proc.stderr
    return proc.stdout


def test_output_is_identical_for_any_number_of_jobs(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        headline = "Harbour bridge reopens" if i % 5 == 0 else f"Story {i} of the day"
        tail = "" if i % 3 else "Latest News"
        (corpus / f"{i:03}.txt").write_text(
            f"{headline}\n\nThe bridge over the harbour reopened after {i % 4} weeks of repairs, "
            f"the council said on Tuesday.\n\n{tail}")
    (corpus / "dupe.txt").write_text((corpus / "003.txt").read_text())
    one = _run_json(cli, corpus, "--jobs", "1", "--no-cache")
    two = _run_json(cli, corpus, "--jobs", "2", "--no-cache")
    assert one == two
    codes = {f["code"] for f in json.loads(one)}
    assert "X001" in codes  # a corpus finding is part of the comparison


def test_why_nothing_was_read():
    from corpuslint.discover import Skipped
    from corpuslint.engine import Report

    pdf, git = Skipped("c/a.pdf", "include", ".pdf"), Skipped("c/.git/", "exclude", ".git", counted=False)
    assert Report([], 0, 0, paths=["c"]).nothing_read_reason() == "nothing to lint in c: no files"
    assert Report([], 0, 0, paths=["c"], skipped=[git]).nothing_read_reason() == "nothing to lint in c: no files"
    assert Report([], 0, 0, skipped=[pdf, git]).nothing_read_reason() == \
        "nothing to lint in .: 1 file skipped: .pdf is not included (see --show-files)"
    assert Report([], 0, 2, paths=["a", "b", "c", "d", "e"]).nothing_read_reason() == \
        "nothing to lint in a, b, c and 2 more paths: 0 documents in 2 files"
    assert not Report([], 1, 1).nothing_read and Report([], 0, 1).nothing_read
