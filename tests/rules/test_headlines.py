"""H rules' behaviour that the YAML cases cannot show: work on large blocks, shingling, documentation.

Their running time on these blocks is measured by bench/worst_cases.py.
"""
import json

from conftest import lines_run

import corpuslint
from corpuslint.registry import standalone_rule
from corpuslint.rules.headlines.missing_headline import MissingHeadline
from corpuslint.rules.headlines.near_duplicate_headline import NearDuplicateHeadline

#: Work on twice the documents may be at most this many times as much (linear: 2; all pairs: 4).
LINEAR_GROWTH = 2.2


def _records(titles, texts):
    with open("news.jsonl", "w", encoding="utf-8") as fh:
        for i, (title, text) in enumerate(zip(titles, texts)):
            fh.write(json.dumps({"id": f"r{i}", "title": title, "text": text}) + "\n")
    return "news.jsonl"


def _lint_twice_the_documents(make_records, code, n):
    """The report on ``2 * n`` documents, and how much more work they took than ``n``."""
    corpuslint.lint([make_records(10)], select=[code])  # imports and tables, not counted
    _, work = lines_run(lambda: corpuslint.lint([make_records(n)], select=[code]))
    report, twice = lines_run(lambda: corpuslint.lint([make_records(2 * n)], select=[code]))
    return report, twice / work


def test_many_documents_under_one_headline_take_linear_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def same_headline(n):
        return _records(["Harbour traffic"] * n, [f"Ship number {i} called at Millbrook today." for i in range(n)])

    report, growth = _lint_twice_the_documents(same_headline, "H003", 500)
    assert len(report.findings) == 999
    last = report.findings[-1]
    assert "headline also used by 999 other documents (first: news.jsonl:1)" in last.message
    assert [r.line for r in last.related] == [1, 2, 3, 4, 5]
    assert growth < LINEAR_GROWTH, f"twice the documents took {growth:.2f} times the work"


def test_a_templated_headline_in_one_block_takes_linear_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def templated(n):
        return _records([f"Quarterly sales report for store {i}" for i in range(n)],
                        [f"Store {i} sold more this quarter than last." for i in range(n)])

    verified = []
    real_verify = NearDuplicateHeadline.verify
    monkeypatch.setattr(NearDuplicateHeadline, "verify",
                        lambda rule, earlier, later: verified.append(later) or real_verify(rule, earlier, later))
    report, growth = _lint_twice_the_documents(templated, "H004", 500)
    assert report.findings == []  # each headline has its own figure: a series
    assert verified == []  # and no pair of them is compared
    assert growth < LINEAR_GROWTH, f"twice the documents took {growth:.2f} times the work"


def test_headline_shingles_are_characters_not_bytes():
    rule = standalone_rule(NearDuplicateHeadline)
    assert rule.shingles("čaj") == [" ča".encode(), "čaj".encode(), b"aj "]
    assert rule.shingles("渡船") == [" 渡船".encode(), "渡船 ".encode()]


def test_missing_headline_documentation_example_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    literal = MissingHeadline.documentation().split("::\n\n", 1)[1].split("\n\n", 1)[0]
    with open("example.txt", "w", encoding="utf-8") as fh:
        fh.write("\n".join(line[4:] for line in literal.splitlines()) + "\n")
    findings = corpuslint.lint(["example.txt"], select=["H001"]).findings
    assert [(f.code, f.location.line) for f in findings] == [("H001", 1)]
