"""H005 and H006: headline and body shapes learned from the corpus (rules/headlines/helpers.py).

The rule cases (tests/rules/cases/H005_*.yaml, H006_*.yaml) show the findings on small corpora;
these tests check the model underneath: line shapes, robust statistics that a few defects do not
move, the per-source groups and their fallback, and corpora large enough to be realistic. All
text here is written for these tests.
"""
import json
import math

import pytest

import corpuslint
from corpuslint.rules.headlines import helpers

PLACES = ["Millbrook", "Harwick", "Elmsford", "Tollbridge", "Castlemere", "Redfern", "Penrose", "Oakhollow",
          "Saltby", "Wrenfield", "Dunmore", "Kestrel Bay", "Ashby Vale", "Linwood", "Corran", "Greyhaven"]
HEADLINES = ["{p} council approves harbour budget", "Ferry fares to rise in {p}", "Storm closes {p} coast road",
             "{p} school wins science prize", "New bakery opens on {p} high street",
             "Lifeboat crew rescues two off {p}", "{p} library to open on Sundays"]
LEADS = ["The council in {p} approved its harbour budget on Tuesday after a long debate about repairs to the sea wall.",
         "Passengers on the {p} ferry will pay more from next month, the operator said, blaming the price of fuel.",
         "The coast road south of {p} was closed overnight after high winds brought down trees across both lanes.",
         "Pupils from the school in {p} have won a national prize for a project that measured pollution in the bay.",
         "A bakery opened on the high street in {p} this week, filling a shop that had stood empty for three years.",
         "Two walkers were rescued from the rocks off {p} on Sunday evening after they were cut off by the tide.",
         "The library in {p} will open on Sundays from next month, after volunteers offered to staff the desk."]
BODY = "Residents said they welcomed the news but wanted to hear more at the next meeting in the town hall."


def article(i: int) -> tuple[str, str]:
    place = PLACES[i % len(PLACES)] + ("" if i < len(PLACES) else f" {i // len(PLACES) + 1}")
    return HEADLINES[i % len(HEADLINES)].format(p=place), LEADS[i % len(LEADS)].format(p=place)


def write_corpus(folder, count: int, planted: dict) -> None:
    """``count`` text files in ``folder``: headline, blank line, lead, blank line, body; ``planted`` maps
    a file number to the text it has instead."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        headline, lead = article(i)
        text = planted.get(i, f"{headline}\n\n{lead}\n\n{BODY}\n")
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")


def findings(paths, codes=("H005", "H006")):
    report = corpuslint.lint([str(p) for p in paths], select=list(codes))
    return [(f.code, f.location.path, f.location.line) for f in report.findings]


# -- shapes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,words,ends,case,prose", [
    ("Ferry fares to rise in Harwick", 6, False, helpers.SENTENCE_CASE, False),
    ("FERRY FARES TO RISE IN HARWICK", 6, False, helpers.CAPITALS, False),
    ("Ferry Fares To Rise In Harwick", 6, False, helpers.TITLE_CASE, False),
    ("The ferry will cost more from next month.", 8, True, helpers.SENTENCE_CASE, True),
    ("Is the ferry worth it?\u201d", 5, True, helpers.SENTENCE_CASE, True),
    ("3-1", 1, False, helpers.SENTENCE_CASE, False),
])
def test_shape_packs_words_end_case_and_prose(line, words, ends, case, prose):
    packed = helpers.shape(line)
    assert (helpers.shape_words(packed), helpers.shape_ends(packed), helpers.shape_case(packed), packed & 1) == \
        (words, ends, case, prose)


def test_a_line_without_words_has_no_shape():
    assert helpers.shape("   ") == 0


def test_statistics_are_robust_to_a_few_odd_lines():
    clean = [helpers.shape(headline.format(p="Saltby")) for headline in HEADLINES] * 6
    odd = [helpers.shape(LEADS[0].format(p="Saltby"))] * 4  # 4 of 46 headlines are leads
    stats, polluted = helpers.LineStats(clean), helpers.LineStats(clean + odd)
    assert polluted.robust_max() == stats.robust_max() < 12
    assert abs(polluted.centre - stats.centre) < 0.2


def test_evidence_prefers_the_kind_a_line_looks_like():
    heads = helpers.LineStats([helpers.shape(h.format(p="Saltby")) for h in HEADLINES] * 4)
    leads = helpers.LineStats([helpers.shape(lead.format(p="Saltby")) for lead in LEADS] * 4)
    lead_line = helpers.shape("The harbour master said on Friday that two new moorings would open in the spring.")
    headline_line = helpers.shape("Saltby moorings open in spring")
    assert helpers.evidence(lead_line, leads, heads).total > math.log(30)
    assert helpers.evidence(headline_line, heads, leads).total > math.log(30)
    assert helpers.evidence(headline_line, leads, heads).total < 0


def test_each_feature_is_capped():
    heads = helpers.LineStats([helpers.shape("Ferry fares rise")] * 50)
    leads = helpers.LineStats([helpers.shape(LEADS[0].format(p="Saltby"))] * 50)
    seen = helpers.evidence(helpers.shape("The ferry will cost a great deal more from next month."), leads, heads)
    assert all(abs(value) <= cap for value, cap in zip(seen, helpers.EVIDENCE_CAPS))


def test_a_length_far_from_both_kinds_is_no_evidence():
    heads = helpers.LineStats([helpers.shape("Ferry fares to rise in Harwick")] * 50)
    leads = helpers.LineStats([helpers.shape(" ".join(["word"] * 12))] * 50)
    assert abs(helpers.evidence(helpers.shape("Ninety words " * 40), heads, leads).words) < 0.1


def test_line_after_skips_blank_lines():
    text = "Headline\n\n  \nSecond line\nThird"
    field = type("F", (), {"text": text})()
    assert helpers.line_after(field, len("Headline")) == "Second line"
    assert helpers.line_after(field, len(text)) == ""


def test_percent_never_rounds_a_share_to_none_or_all():
    assert [helpers.percent(s) for s in (0, 0.001, 0.5, 0.999, 1)] == ["0%", "under 1%", "50%", "over 99%", "100%"]


# -- whole corpora -----------------------------------------------------------------------------------

def test_a_realistic_corpus_with_a_few_defects(tmp_path):
    lead_first = "The harbour master in Saltby said on Friday that two new moorings would open in the spring."
    planted = {
        7: f"{lead_first}\n\n{BODY}\n",  # missing headline: the lead is the first line
        19: f"{article(19)[0]}\n\nSaltby moorings to open in spring\n{article(19)[1]}\n\n{BODY}\n",  # stacked
        33: f"{lead_first}\n\n{BODY}\n",
    }
    write_corpus(tmp_path / "news", 60, planted)
    got = findings([tmp_path / "news"])
    assert [(code, path.rsplit("/", 1)[1], line) for code, path, line in got] == \
        [("H005", "007.txt", 1), ("H006", "019.txt", 3), ("H005", "033.txt", 1)]


def test_a_small_folder_learns_from_all_text_files_of_the_run(tmp_path):
    write_corpus(tmp_path / "big", 30, {})
    lead_first = "The harbour master in Saltby said on Friday that two new moorings would open in the spring."
    write_corpus(tmp_path / "small", 4, {2: f"{lead_first}\n\n{BODY}\n"})
    got = findings([tmp_path / "big", tmp_path / "small"], codes=("H005",))
    assert [(code, line) for code, _, line in got] == [("H005", 1)]
    report = corpuslint.lint([str(tmp_path / "big"), str(tmp_path / "small")], select=["H005"])
    assert "in this corpus's text files start with a headline" in report.findings[0].message


def test_too_few_documents_anywhere_leave_it_to_h001(tmp_path):
    lead_first = "The harbour master in Saltby said on Friday that two new moorings would open in the spring."
    write_corpus(tmp_path / "small", 10, {2: f"{lead_first}\n\n{BODY}\n"})
    assert findings([tmp_path / "small"]) == []


def test_a_corpus_of_headlines_with_full_stops_is_not_reported(tmp_path):
    planted = {i: f"{article(i)[0]}.\n\n{article(i)[1]}\n\n{BODY}\n" for i in range(40)}
    write_corpus(tmp_path / "news", 40, planted)
    assert findings([tmp_path / "news"]) == []


def test_records_and_text_files_are_learned_apart(tmp_path):
    """Record titles are in capitals here, text headlines are not: a line in capitals at the start of a
    record's text is a headline only by the records' standard."""
    write_corpus(tmp_path / "news", 25, {})
    records = []
    for i in range(25):
        headline, lead = article(i)
        text = f"{lead}\n\n{BODY}" if i != 4 else f"SALTBY MOORINGS TO OPEN IN SPRING\n{lead}\n\n{BODY}"
        records.append(json.dumps({"id": f"r{i}", "title": headline.upper(), "text": text}))
    (tmp_path / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    got = findings([tmp_path / "news", tmp_path / "wire.jsonl"])
    assert [(code, path.rsplit("/", 1)[1], line) for code, path, line in got] == [("H006", "wire.jsonl", 5)]
