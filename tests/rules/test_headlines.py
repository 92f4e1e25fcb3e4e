"""H rules' behaviour that the YAML cases cannot show: cost on large blocks, shingling, documentation."""
import json
import time

import corpuslint
from corpuslint.rules.headlines.missing_headline import MissingHeadline
from corpuslint.rules.headlines.near_duplicate_headline import NearDuplicateHeadline


def _records(titles, texts):
    with open("news.jsonl", "w", encoding="utf-8") as fh:
        for i, (title, text) in enumerate(zip(titles, texts)):
            fh.write(json.dumps({"id": f"r{i}", "title": title, "text": text}) + "\n")
    return "news.jsonl"


def _timed_lint(path, code):
    corpuslint.lint([path], select=[code])  # imports and setup, not timed
    start = time.perf_counter()
    report = corpuslint.lint([path], select=[code])
    return report, time.perf_counter() - start


def test_many_documents_under_one_headline_take_linear_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    n = 3000  # all pairs: about 5 s
    path = _records(["Harbour traffic"] * n,
                    [f"Ship number {i} called at Millbrook today." for i in range(n)])
    report, seconds = _timed_lint(path, "H003")
    assert len(report.findings) == n - 1
    last = report.findings[-1]
    assert "headline also used by 2999 other documents (first: news.jsonl:1)" in last.message
    assert [r.line for r in last.related] == [1, 2, 3, 4, 5]
    assert seconds < 1.0, f"{seconds:.2f} s"


def test_a_templated_headline_in_one_block_takes_linear_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    n = 1000  # every pair verified: about 4 s
    path = _records([f"Quarterly sales report for store {i}" for i in range(n)],
                    [f"Store {i} sold more this quarter than last." for i in range(n)])
    report, seconds = _timed_lint(path, "H004")
    assert report.findings == []  # each headline has its own figure: a series
    assert seconds < 1.0, f"{seconds:.2f} s"


def test_headline_shingles_are_characters_not_bytes():
    rule = NearDuplicateHeadline()
    assert rule.shingles("čaj") == [" ča".encode(), "čaj".encode(), "aj ".encode()]
    assert rule.shingles("渡船") == [" 渡船".encode(), "渡船 ".encode()]


def test_missing_headline_documentation_example_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    literal = MissingHeadline.documentation().split("::\n\n", 1)[1].split("\n\n", 1)[0]
    with open("example.txt", "w", encoding="utf-8") as fh:
        fh.write("\n".join(line[4:] for line in literal.splitlines()) + "\n")
    findings = corpuslint.lint(["example.txt"], select=["H001"]).findings
    assert [(f.code, f.location.line) for f in findings] == [("H001", 1)]
