"""The result cache, and large JSONL files split across workers: same output, less work."""
import json

import corpuslint
from corpuslint import chunks, config


def _corpus(path):
    path.mkdir()
    for i in range(12):
        tail = "\n\nSign up to the Quay Courier briefing." if i % 3 == 0 else ""
        (path / f"{i:02}.txt").write_text(f"Story {i % 5}\n\nThe harbour story number {i} ran on a auto "
                                          f"ferry.{tail}\n")
    (path / "copy.txt").write_text((path / "03.txt").read_text())
    (path / "news.jsonl").write_text("".join(json.dumps({"id": i, "title": f"Wire {i}", "text": "The the quay."})
                                             + "\n" for i in range(5)))
    return path


def test_a_warm_cache_gives_the_cold_output_and_an_edited_file_is_checked_again(cli, tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    cold = cli("--format", "json", "corpus", cwd=tmp_path)
    assert (tmp_path / ".corpuslint_cache" / ".gitignore").read_text().endswith("\n*\n")
    assert len(list((tmp_path / ".corpuslint_cache").glob("results-*.cache"))) == 1
    warm = cli("--format", "json", "--timings", "corpus", cwd=tmp_path)
    assert warm.stdout == cold.stdout
    assert "14 files or parts came from the cache" in warm.stderr
    (corpus / "05.txt").write_text("Story 0\n\nThe harbour story number 5 ran on an auto ferry.\n")
    edited = cli("--format", "json", "--timings", "corpus", cwd=tmp_path)
    assert "13 files or parts came from the cache" in edited.stderr
    fresh = cli("--format", "json", "--no-cache", "corpus", cwd=tmp_path)
    assert edited.stdout == fresh.stdout
    assert [f for f in json.loads(edited.stdout) if f["path"] == "corpus/05.txt" and f["code"] == "T002"] == []


def test_a_configuration_change_is_not_answered_from_the_cache(cli, tmp_path):
    _corpus(tmp_path / "corpus")
    cli("corpus", cwd=tmp_path)
    (tmp_path / "corpuslint.yaml").write_text("rules:\n  learned-boilerplate:\n    min-count: 10\n")
    changed = cli("--format", "json", "--timings", "corpus", cwd=tmp_path)
    assert "came from the cache" not in changed.stderr
    assert "B002" not in {f["code"] for f in json.loads(changed.stdout)}


def test_cache_dir_and_no_cache(cli, tmp_path):
    _corpus(tmp_path / "corpus")
    cli("--cache-dir", "elsewhere", "corpus", cwd=tmp_path)
    assert (tmp_path / "elsewhere").is_dir() and not (tmp_path / ".corpuslint_cache").exists()
    cli("--no-cache", "corpus", cwd=tmp_path)
    assert not (tmp_path / ".corpuslint_cache").exists()


def test_a_split_jsonl_file_gives_the_same_findings(tmp_path, monkeypatch):
    lines = []
    for i in range(300):
        record = {"id": i, "title": f"Wire {i % 40}", "text": f"The the quay {i}. It was a auto ferry."}
        if i == 150:
            lines.append('{"id": 150, "title": broken')
        else:
            lines.append(json.dumps(record))
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    whole = corpuslint.lint("wire.jsonl", jobs=1)
    monkeypatch.setattr(chunks, "PART_BYTES", 1000)
    sources = [corpuslint.readers.Source("wire.jsonl", "wire.jsonl", "wire.jsonl")]
    assert len(chunks.split_sources(sources, config.Settings())) > 10
    split = corpuslint.lint("wire.jsonl", jobs=2)
    assert [f.as_dict() for f in split.findings] == [f.as_dict() for f in whole.findings]
    assert (split.documents, split.files) == (whole.documents, whole.files) == (299, 1)
