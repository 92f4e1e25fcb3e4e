"""W006 line-ending-convention, W007 joined-paragraphs, D006 date-format-mix: conventions learned
from the majority, and the shapes the case files cannot list.

The rules know no word list: W006 and D006 learn a corpus's or a source's
convention from its documents, W007 a document's paragraph layout from its
own lines. These tests give them date formats the project lists nowhere,
real corpora (read at test time from ``../shared/corpora``, never copied
into the repository) that must stay quiet, and the same corpora with one
defect planted.
"""
import glob
import json
import os
import re
import shutil
from itertools import islice

import pytest
from conftest import shared_path

from corpuslint.document import Document
from corpuslint.readers import Source, read
from corpuslint.readers.plaintext import document_from_text
from corpuslint.rule import Corpus
from corpuslint.rules.dates.date_format_mix import DateFormatMix, compatible, date_pattern
from corpuslint.rules.whitespace.helpers import count_endings, first_ending
from corpuslint.rules.whitespace.joined_paragraphs import JoinedParagraphs
from corpuslint.rules.whitespace.line_ending_convention import LineEndingConvention


def _corpus_findings(rule, docs):
    """What the corpus rule ``rule`` reports on ``docs``, as the engine runs it (one process)."""
    docs = list(docs)
    groups = {}
    for doc in docs:
        for key, record in rule.collect(doc):
            groups.setdefault(key, []).append(record)
    corpus = Corpus(documents=len(docs), files=len({doc.path for doc in docs}))
    return [finding for key, records in groups.items() if len(records) >= rule.min_records
            for finding in rule.finish(key, records, corpus)]


def _documents(path, limit=None):
    """The documents of a file or of every file under a folder."""
    paths = [path] if os.path.isfile(path) else sorted(
        p for p in glob.glob(os.path.join(path, "**", "*"), recursive=True) if os.path.isfile(p))
    docs = (item for p in paths for item in read(Source(p, p, p)) if isinstance(item, Document))
    return list(islice(docs, limit))


def _text_documents(texts: dict):
    return [document_from_text(Source(name, name, name), text) for name, text in texts.items()]


# -- date patterns ------------------------------------------------------------------------------


@pytest.mark.parametrize("raw,pattern", [
    ("2031-11-09", "yyyy-mm-dd"),
    ("2031-11-09T23:59:01.5+09:00", "yyyy-mm-dd"),
    ("2031-11-09 07:00", "yyyy-mm-dd"),
    ("2031.11.09", "yyyy.mm.dd"),
    ("Sun, 9 Nov 2031 23:59:01 -0500", "Weekday d Month yyyy"),
    ("Sunday 9th November 2031", "Weekday d Month yyyy"),
    ("9 Nov. 2031", "d Month yyyy"),
    ("09-NOV-2031 01:02:03.04", "d-Month-yyyy"),
    ("Nov 9, 2031, 11:59 p.m. ET", "Month d yyyy"),
    ("November 9 2031 at 11:59", "Month d yyyy"),
    ("11/29/2031", "mm/dd/yyyy"),
    ("29/11/2031", "dd/mm/yyyy"),
    ("09/11/2031", "nn/nn/yyyy"),
    ("29.11.2031", "dd.mm.yyyy"),
    ("9. November 2031", "d. Month yyyy"),
    ("20311109", "yyyymmdd"),
    ("1952467200", "Unix timestamp"),
    ("November 2031", "Month yyyy"),
])
def test_date_patterns_mask_the_values_and_keep_the_layout(raw, pattern):
    assert date_pattern(raw) == pattern


def test_an_order_that_cannot_be_told_agrees_with_both_orders_of_its_layout():
    assert compatible("nn/nn/yyyy", "mm/dd/yyyy") and compatible("dd/mm/yyyy", "nn/nn/yyyy")
    assert not compatible("dd/mm/yyyy", "mm/dd/yyyy")
    assert not compatible("nn.nn.yyyy", "dd/mm/yyyy")


def _dated(dates: list, folder="site"):
    return _text_documents({f"{folder}/{i:02d}.txt": f"Published: {d}\nFerry news {i}\n\nThe ferry ran late.\n"
                            for i, d in enumerate(dates)})


def test_dates_whose_order_cannot_be_told_count_for_the_order_the_others_show():
    dates = ["11/29/2031", "11/30/2031"] + [f"11/{day:02d}/2031" for day in range(1, 10)] + ["29/11/2031"]
    [finding] = _corpus_findings(DateFormatMix(), _dated(dates))
    assert finding.location.path == "site/11.txt"
    assert "is written dd/mm/yyyy, but 11 of 12 dated documents from site write mm/dd/yyyy" in finding.message


def test_a_layout_the_project_lists_nowhere_is_learned_like_any_other():
    dates = [f"{day}/Nov/2031" for day in range(1, 12)] + ["2031-Nov-12"]
    [finding] = _corpus_findings(DateFormatMix(), _dated(dates))
    assert "is written yyyy-Month-d, but 11 of 12 dated documents from site write d/Month/yyyy" in finding.message


def test_text_files_are_grouped_by_their_top_folder():
    docs = _dated([f"2031-11-{d:02d}" for d in range(1, 11)], "corpus/north/2031") \
        + _dated([f"{d} November 2031" for d in range(1, 11)], "corpus/south") \
        + _dated(["9 November 2031"], "corpus/north/2030")
    [finding] = _corpus_findings(DateFormatMix(), docs)
    assert finding.location.path == "corpus/north/2030/00.txt"
    assert "10 of 11 dated documents from corpus/north write yyyy-mm-dd" in finding.message


# -- line endings -------------------------------------------------------------------------------


@pytest.mark.parametrize("text,counts,first", [
    ("a\nb\n", {"\n": 2}, {"\n": 1}),
    ("a\r\nb\n", {"\n": 1, "\r\n": 1}, {"\n": 4, "\r\n": 1}),
    ("a\r\nb\rc\n", {"\n": 1, "\r\n": 1, "\r": 1}, {"\n": 6, "\r\n": 1, "\r": 4}),
    ("one line", {}, {}),
])
def test_line_endings_are_counted_and_found(text, counts, first):
    assert count_endings(text) == counts
    assert {ending: first_ending(text, ending) for ending in counts} == first


# -- paragraph layout ---------------------------------------------------------------------------


def test_hard_wrapped_paragraphs_with_blank_lines_between_them_are_left_alone():
    words = ("The harbour board met on Tuesday and agreed a plan for the waterfront. Members said the work "
             "would start in spring. ") * 6
    wrapped = "\n".join(re.findall(r".{1,68}(?:\s|$)", words))
    text = "Harbour plan\n\n" + "\n\n".join([wrapped] * 4) + "\n"
    assert list(JoinedParagraphs().check(_text_documents({"a.txt": text})[0])) == []


# -- real corpora -------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus,limit", [
    ("bbc", None), ("reuters21578.jsonl", 3000), ("fakenewscorpus_sample.csv", None), ("newsplease", None),
])
def test_real_corpora_follow_their_own_conventions(corpus, limit):
    docs = _documents(shared_path("corpora", corpus), limit)
    found = [f"{f.location.short()} {f.code} {f.message}" for rule in (LineEndingConvention(), DateFormatMix())
             for f in _corpus_findings(rule, docs)]
    found += [f"{f.location.short()} {f.code} {f.message}" for doc in docs for f in JoinedParagraphs().check(doc)]
    assert found == []


def _bbc_texts(count):
    paths = sorted(glob.glob(os.path.join(shared_path("corpora", "bbc"), "*", "*.txt")))[:count]
    texts = {}
    for path in paths:
        with open(path, "rb") as fh:
            texts[os.path.relpath(path, os.path.dirname(os.path.dirname(path)))] = fh.read().decode("latin-1")
    return texts


def test_one_crlf_file_among_real_lf_articles_is_found():
    texts = _bbc_texts(40)
    name = sorted(texts)[17]
    texts[name] = texts[name].replace("\n", "\r\n")
    [finding] = _corpus_findings(LineEndingConvention(), _text_documents(texts))
    assert finding.location.path == name and finding.location.line == 1
    assert finding.message.startswith("CRLF line endings; 39 of 40 text files in this corpus use LF")


def test_paragraphs_joined_in_real_articles_are_found_where_the_layout_shows_it():
    """Every article with one headline and at least two blank lines between body paragraphs, with
    the last of them taken out: found on that line, and nothing found before."""
    tried = 0
    for name, text in _bbc_texts(300).items():
        [doc] = _text_documents({name: text})
        breaks = [m.start() for m in re.finditer(r"(?<=\S)\n\n(?=\S)", text)][1:]  # after the headline's
        if len(doc.headlines) != 1 or len(breaks) < 2 or not text[:breaks[-1]].rstrip().endswith((".", '"')) \
                or not text[breaks[-1] + 2].isupper():
            continue
        assert list(JoinedParagraphs().check(doc)) == []
        joined = text[:breaks[-1]] + text[breaks[-1] + 1:]
        [finding] = JoinedParagraphs().check(_text_documents({name: joined})[0])
        assert finding.location.line == joined.count("\n", 0, breaks[-1]) + 2, name
        tried += 1
    assert tried > 100


def test_one_record_dated_another_way_among_a_real_sites_records_is_found(tmp_path):
    folder = shared_path("corpora", "newsplease", "news_cluster")
    site = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            if json.load(fh).get("source_domain") == "www.dailymail.co.uk":
                site.append(path)
    for path in site:
        shutil.copy(path, tmp_path)
    changed = tmp_path / os.path.basename(site[5])
    record = json.loads(changed.read_text(encoding="utf-8"))
    record["date_publish"] = "Tuesday, 24 October 2017"
    changed.write_text(json.dumps(record), encoding="utf-8")
    [finding] = _corpus_findings(DateFormatMix(), _documents(str(tmp_path)))
    assert finding.location.path == str(changed)
    assert f"{len(site) - 1} of {len(site)} dated documents from www.dailymail.co.uk write yyyy-mm-dd" \
        in finding.message
