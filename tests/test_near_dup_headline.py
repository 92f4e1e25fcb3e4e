"""H004's blocks: headlines meet only with headlines of the same figures, date words and negations,
so that a series ("plan 112 approved", "plan 113 approved") costs no work in the reduce."""
import json

import corpuslint
from corpuslint.config import Settings
from corpuslint.discover import discover
from corpuslint.readers import read
from corpuslint.registry import standalone_rule
from corpuslint.rules.headlines.near_duplicate_headline import NearDuplicateHeadline


def _documents(tmp_path, titles):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "title": title, "text": f"Item {i} of the harbour report."})
                            + "\n" for i, title in enumerate(titles)), encoding="utf-8")
    (source,), _ = discover([str(path)], Settings(root=str(tmp_path)))
    return path, [doc for doc in read(source) if hasattr(doc, "headlines")]


def _keys(tmp_path, titles):
    rule = standalone_rule(NearDuplicateHeadline)
    rule.setup()
    _, docs = _documents(tmp_path, titles)
    return rule, [[key for key, _ in rule.collect(doc)] for doc in docs]


def test_headlines_with_other_figures_share_no_block(tmp_path):
    rule, (first, second, third) = _keys(tmp_path, ["Millbrook harbour plan 112 approved",
                                                    "Millbrook harbour plan 113 approved",
                                                    "Millbrook harbour plan approved"])
    assert set(first).isdisjoint(second) and set(first).isdisjoint(third)
    assert [rule.hasher.band_of(key) for key in first] == list(range(16)), "the band index stays on top"


def test_headlines_with_the_same_figures_still_meet_and_are_reported(tmp_path):
    titles = ["Millbrook council approves 2 harbour budgets", "Millbrook council approves new 2 harbour budgets",
              "Millbrook council approves 3 harbour budgets"]
    _, (first, second, _) = _keys(tmp_path, titles)
    assert set(first) & set(second)
    path, _ = _documents(tmp_path, titles)
    report = corpuslint.lint([str(path)], select=["H004"])
    assert [(f.code, f.location.line) for f in report.findings] == [("H004", 2)]
    assert [r.line for r in report.findings[0].related] == [1]
