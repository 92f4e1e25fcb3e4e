"""T family tests that do not fit the case format."""
import os
import re
import textwrap

import pytest

import corpuslint
from corpuslint import codespell as helpers
from corpuslint.codespell import read_codespell
from corpuslint.registry import Registry, standalone_rule
from corpuslint.rules import BUILTIN_RULES
from corpuslint.rules.entities import helpers as names
from corpuslint.rules.entities.name_spelling_variant import NameSpellingVariant
from corpuslint.rules.typos.misspelling import Misspelling
from corpuslint.rules.typos.uk_us_spelling_mix import UkUsSpellingMix
from corpuslint.text import lower_preserving_length


def _fixed(cli, tmp_path, text, select, *extra):
    """``text`` after ``corpuslint --fix`` with the selected rules."""
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    cli("--fix", "--select", ",".join(select), *extra, "doc.txt", cwd=tmp_path)
    return path.read_text(encoding="utf-8")


def test_spun_phrase_and_article_fixes_converge(cli, tmp_path):
    text = "Blast in Dunmore\n\nPolice blamed a auto bomb.\n"
    fixed = _fixed(cli, tmp_path, text, ["T001", "T002"])
    assert fixed == "Blast in Dunmore\n\nPolice blamed a car bomb.\n"


def test_doubled_word_fix_removes_the_second_word(cli, tmp_path):
    text = "Mill closes\n\nThe the mill was sold to to a buyer.\n"
    assert _fixed(cli, tmp_path, text, ["T003"]) == text  # an unsafe fix
    fixed = _fixed(cli, tmp_path, text, ["T003"], "--unsafe-fixes")
    assert fixed == "Mill closes\n\nThe mill was sold to a buyer.\n"


def test_codespell_lines_are_read_as_codespell_reads_them(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("abandonned->abandoned\n"
                    "abot->about, abort, a bot,\n"
                    "clas->class, disabled because of name clash in c++\n", encoding="utf-8")
    entries = read_codespell(str(path))
    assert entries["abandonned"] == (("abandoned",), True)
    assert entries["abot"] == (("about", "abort", "a bot"), False)
    assert entries["clas"] == (("class",), False)


def test_codespell_suggestions_keep_their_capitals(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("Brittian->Britain\nacsii->ASCII\n", encoding="utf-8")
    assert read_codespell(str(path)) == {"brittian": (("Britain",), True), "acsii": (("ASCII",), True)}


def test_codespell_is_read_once_for_the_t_and_e_rules(monkeypatch):
    monkeypatch.setenv("CORPUSLINT_NO_TABLE_CACHE", "1")  # build every table
    reads = []
    real = helpers.read_codespell
    monkeypatch.setattr(helpers, "read_codespell", lambda path: reads.append(os.path.basename(path)) or real(path))
    helpers.codespell_entries.cache_clear()
    names.english_words.cache_clear()
    try:
        Misspelling(), UkUsSpellingMix(), standalone_rule(NameSpellingVariant), Misspelling()
        assert names.english_words()
    finally:
        helpers.codespell_entries.cache_clear()
        names.english_words.cache_clear()
    assert sorted(reads) == ["dictionary.txt", "dictionary_en-GB_to_en-US.txt"]


def test_misspelling_compiles_no_pattern_per_document(tmp_path, monkeypatch):
    (tmp_path / "doc.txt").write_text("Bank report\n\nGoverment sources said the reseach was thin.\n"
                                      "The reseach team and the goverment's add-ons.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile",
                        lambda pattern, *args, **kw: compiled.append(str(pattern)) or real(pattern, *args, **kw))
    report = corpuslint.lint(["doc.txt"], config={"rules": {"misspelling": {"scope": "all"}}}, select=["T004"])
    assert [(f.location.line, f.location.column) for f in report.findings] == [(3, 1), (3, 28), (4, 5), (4, 26)]
    assert not [p for p in compiled if "reseach" in p.lower() or "goverment" in p.lower()]


def test_case_folded_counts_capitals_against_letters():
    from corpuslint.rules.typos.lowercase_proper_noun import case_folded

    assert case_folded("the soviet ferry was sold. it sank in 1994.")
    assert not case_folded("The Soviet ferry was sold in Kellan. It sank in 1994.")
    assert case_folded("A" + "x" * 60)  # one capital in 61 letters: under 2 %
    assert not case_folded("A" + "x" * 40 + " 12,345,678,901,234,567,890")  # digits are not letters


def _documented_examples():
    """``(code, example text, the message it reports)`` from the E, T and U docstrings."""
    for cls in Registry(list(BUILTIN_RULES)).classes:
        example = re.search(r"Example::\n\n((?:[ ]{8}.*\n|\n)+)\s+reports ``(.+?)``", cls.__doc__ or "", re.S)
        if cls.code[0] in "ETU" and example:
            text = textwrap.dedent(example.group(1)).strip("\n") + "\n"
            yield pytest.param(cls.code, text, " ".join(example.group(2).split()), id=cls.code)


@pytest.mark.parametrize("code, text, message", list(_documented_examples()))
def test_docstring_examples_report_what_they_say(tmp_path, monkeypatch, code, text, message):
    """The E, T and U documentation examples, linted on their own, give the finding they show."""
    (tmp_path / "example.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    messages = [f.message for f in corpuslint.lint(["example.txt"], select=[code]).findings]
    assert any(message in m for m in messages), messages


def naive_phrase_matches(phrases, haystack):
    """What a PhraseMatcher must find, by brute force: every word-bounded use of each
    phrase, then the longest of those that start first, without overlaps."""
    from corpuslint.text import word_bounded

    candidates = []
    for key, payload in phrases.items():
        start = haystack.find(key)
        while start != -1:
            if word_bounded(haystack, start, start + len(key)):
                candidates.append((start, -len(key), payload))
            start = haystack.find(key, start + 1)
    found, last_end = [], -1
    for start, neg_length, payload in sorted(candidates, key=lambda c: (c[0], c[1])):
        if start >= last_end:
            found.append((start, start - neg_length, payload))
            last_end = start - neg_length
    return found


@pytest.mark.parametrize("ignorecase", [False, True])
def test_phrase_matcher_finds_what_brute_force_finds(ignorecase):
    """The Aho-Corasick matcher (whitespace read as spaces, word bounds, longest
    first) against a brute-force search on random texts."""
    import random

    from corpuslint.document import Field
    from corpuslint.positions import Origin
    from corpuslint.vocabulary import PhraseMatcher

    phrases = {"US": 1, "U.S.": 2, "al Qaeda": 3, "Al Qaeda": 4, "car bomb": 5, "car": 6, "bomb": 7,
               "Kim Jong Il": 8, "x_y": 9, "Kiev": 10}
    matcher = PhraseMatcher(phrases, ignorecase=ignorecase)
    keys = {(k.lower() if ignorecase else k): v for k, v in phrases.items()}
    pieces = ["US", "U.S.", "al", "Al", "Qaeda", "car", "CAR", "bomb", "Kim", "Jong", "Il", "Kiev", "x_y", "s",
              " ", " ", "  ", "\n", "\r\n", "\t", "\x0b", "\x0c", "-", "_", ".", "2", "\u00e9"]
    rng = random.Random(5)
    found_any = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        field = Field(None, text, Origin(text), "doc", "doc.txt")
        haystack = (field.lower if ignorecase else text).translate({ord(c): " " for c in "\t\n\r\x0b\x0c"})
        expected = naive_phrase_matches(keys, haystack)
        assert matcher.finditer(field) == expected, repr(text)
        found_any += bool(expected)
    assert found_any > 500  # the random texts do contain phrases


def test_doubled_word_prefilter_never_hides_a_match():
    """T003 skips a field when its word runs say no doubled word can be there."""
    import random

    from corpuslint.rules.typos.doubled_word import DOUBLED, DoubledWord

    rule = DoubledWord()
    pieces = ["the", "had", "\u00e9t\u00e9", "k\u00e9n", "s", "m", "5", "_", "-", "'", "\u2019", "\u00b2", " ", " ",
              "  ", "\n", "\r\n", "\t", ".", "(", "\u201c", "\u2014", "\u00a0", "\u011f", "\u0161"]
    rng = random.Random(9)
    for _ in range(20000):
        lower = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if any(m.group("first") not in rule.allow for m in DOUBLED.finditer(lower)):
            assert rule.may_double(lower), repr(lower)


def test_article_candidates_match_the_straightforward_pattern():
    """CANDIDATE starts with the letter a for speed; it finds what the pattern with a
    lookbehind first finds."""
    import random

    from corpuslint.rules.typos.article_agreement import _GAP, CANDIDATE

    reference = re.compile(
        r"(?<![\w'\u2019&./-])"
        r"(?P<article>[Aa](?=" + _GAP + r"(?:[aeiouAEIOU8]|1[18]|[FHLMNRSX][A-Z0-9.\-]|[fhlmnrsx]-))"
        r"|(?:an|An|AN)(?=" + _GAP + r"(?![aiAI8]|1[18]|[eE](?![uUwW])|[oO](?![nN][cCeE]))))"
        r"(?P<gap>" + _GAP + r")"
        r"(?P<word>[^\s\"'\u2018\u2019\u201c\u201d(){}\[\]<>][^\s\"\u201c\u201d(){}\[\]<>]*)")
    pieces = ["a", "A", "an", "An", "AN", "aN", " ", "\n", "\r\n", "\t", "e", "u", "o", "one", "once", "eu", "8", "11",
              "18", "MP", "x-", "F.", ".", "'", "&", "-", "/", "b", "\u2019", "\"", "(", "n", "N"]
    rng = random.Random(4)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        assert [[m.span(g) for g in (0, "article", "gap", "word")] for m in CANDIDATE.finditer(text)] == \
            [[m.span(g) for g in (0, "article", "gap", "word")] for m in reference.finditer(text)], repr(text)


@pytest.mark.parametrize("text", ["\u0130stanbul and IZMIR", "x\u0130\u0130y", "\u0130", "PLAIN Text", ""])
def test_lower_case_keeps_offsets(text):
    """'İ' lower-cases to two characters: it stays as it is, the rest is lower-cased."""
    lower = lower_preserving_length(text)
    assert len(lower) == len(text)
    assert lower == "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
