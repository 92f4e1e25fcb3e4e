"""Adopting corpuslint on an existing corpus: baselines and record-level suppression."""
import json


def _write(path, text):
    path.write_text(text)


def test_baseline_round_trip(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus / "a.txt", "Bridge reopens\n\nThe the bridge reopened.\n\nIt was a auto bridge.\n")
    _write(corpus / "b.txt", "Ferry sails\n\nThe ferry sailed at nine.\n")
    select = ("--select", "T002,T003")
    wrote = cli(*select, "--write-baseline", "baseline.json", "corpus", cwd=tmp_path)
    assert wrote.returncode == 0
    assert "recorded 2 findings in baseline.json" in wrote.stderr
    assert cli(*select, "--baseline", "baseline.json", "corpus", cwd=tmp_path).returncode == 0
    # Shift lines, fix one defect, add a new one.
    _write(corpus / "a.txt", "Bridge reopens\n\nA new first paragraph.\n\nThe the bridge reopened.\n\n"
                             "It was an auto bridge.\n")
    _write(corpus / "b.txt", "Ferry sails\n\nThe ferry sailed at nine on a old boat.\n")
    proc = cli(*select, "--baseline", "baseline.json", "corpus", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "corpus/b.txt:3:29: T002 [warning] [*] 'a old' should be 'an old': 'an' goes before a vowel sound",
        "Found 1 problem (1 warning) in 2 documents (2 files).",
        "[*] 1 fixable with `corpuslint --fix`.",
        "Baseline: 1 known finding not shown; 1 baseline entry no longer occurs.",
    ]
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert {e["code"] for e in data["fingerprints"].values()} == {"T002", "T003"}


def test_baseline_counts_repeated_findings(cli, tmp_path):
    _write(tmp_path / "a.txt", "Bridge\n\nThe the bridge and the the ferry.\n")
    cli("--select", "T003", "--write-baseline", "base.json", "a.txt", cwd=tmp_path)
    _write(tmp_path / "a.txt", "Bridge\n\nThe the bridge and the the ferry and the the quay.\n")
    proc = cli("--select", "T003", "--baseline", "base.json", "--quiet", "a.txt", cwd=tmp_path)
    assert len(proc.stdout.splitlines()) == 1


def test_bad_baseline_file_is_a_usage_error(cli, tmp_path):
    _write(tmp_path / "a.txt", "Bridge\n\nText.\n")
    _write(tmp_path / "base.json", "[1, 2]")
    proc = cli("--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "base.json: not a corpuslint baseline" in proc.stderr


def test_a_record_can_suppress_findings_on_itself(cli, tmp_path):
    records = [
        {"id": 1, "title": "Bridge", "text": "It was a auto bridge. The the end.", "corpuslint_ignore": True},
        {"id": 2, "title": "Ferry", "text": "It was a auto ferry. The the end.", "corpuslint_ignore": "T003"},
        {"id": 3, "title": "Quay", "text": "It was a auto quay. The the end."},
    ]
    _write(tmp_path / "news.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    found = json.loads(cli("--format", "json", "--select", "T002,T003", "news.jsonl", cwd=tmp_path).stdout)
    assert [(f["document"], f["code"]) for f in found] == [
        ("news.jsonl#2", "T002"), ("news.jsonl#3", "T002"), ("news.jsonl#3", "T003")]
    _write(tmp_path / "corpuslint.yaml", "fields:\n  ignore: skip\n")
    found = json.loads(cli("--format", "json", "--select", "T002,T003", "news.jsonl", cwd=tmp_path).stdout)
    assert len(found) == 6  # the default field name no longer counts
