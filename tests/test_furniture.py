"""B003 by shape: furniture in words no list holds, and real endings it must leave alone."""
import pytest

import corpuslint

STORY = "Harbour works\n\nThe harbour wall was repaired over the winter.\n\nCrews finished the work on Friday."


def _findings(tmp_path, monkeypatch, text, select=("B003",)):
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return corpuslint.lint(["doc.txt"], select=list(select)).findings


@pytest.mark.parametrize("line", [
    "Forward this article to a colleague",
    "Tell us your story: desk@harbour.example",
    "Print | Email | Share",
    "Already a subscriber? Log in",
    "Images courtesy of the county archive",
    "Story by Ann Fell. Edited by Roy Hale.",
    "Tom Hale is our ports correspondent.",
    "\u2014 Ann Fell",
    "Copr. 2024 Harbour Press Holdings",
    "Read next: Ferry fares to rise \u00bb",
])
def test_a_furniture_line_at_the_end_is_found_by_its_shape(tmp_path, monkeypatch, line):
    findings = _findings(tmp_path, monkeypatch, f"{STORY}\n\n{line}\n")
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("B003", 7, 1)]


@pytest.mark.parametrize("sentence", [
    "Share this story with your friends!",
    "Picture: Ann Fell/Harbour Pix",
    "Ann Fell contributed to this report.",
])
def test_furniture_glued_to_the_last_sentence_is_found_and_is_not_truncation(tmp_path, monkeypatch, sentence):
    findings = _findings(tmp_path, monkeypatch, f"{STORY} {sentence}\n", select=("B003", "Q003"))
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("B003", 5, 36)]


@pytest.mark.parametrize("ending", [
    "\"Follow the signs and share the road,\" the harbour master told drivers.",
    "The company declined to comment on the photographs, which were shared widely.",
    "Share prices in the port operator rose 3% on the news.",
    "Visitors can see the new wall from the promenade until May.",
    "Ashford v Brindle",
])
def test_a_real_last_line_is_not_furniture(tmp_path, monkeypatch, ending):
    assert _findings(tmp_path, monkeypatch, f"{STORY}\n\n{ending}\n") == []
