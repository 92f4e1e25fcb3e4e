"""Entity rules (E001-E003): helpers that the case files cannot pin down."""
import random

import pytest
from rapidfuzz.distance import OSA

from corpuslint import codespell as helpers
from corpuslint.readers import Source
from corpuslint.readers.plaintext import document_from_text
from corpuslint.registry import standalone_rule
from corpuslint.rules.entities import helpers as names
from corpuslint.rules.entities.helpers import typing_slip
from corpuslint.rules.entities.name_spelling_variant import (
    MAX_SHARING,
    NameSpellingVariant,
    Spelling,
    _deletions,
)


def test_deletion_index_finds_every_pair_within_the_distance():
    rng = random.Random(7)
    letters = "abcdeo"
    keys = {"".join(rng.choice(letters) for _ in range(rng.randint(5, 8))) for _ in range(400)}
    spellings = {key: Spelling(key, order) for order, key in enumerate(sorted(keys))}
    for depth in (1, 2):
        rule = standalone_rule(NameSpellingVariant, {"max-distance": depth})
        found = {frozenset(p) for p in rule.candidate_pairs(spellings)}
        expected = {frozenset((a, b)) for a in keys for b in keys if a < b and OSA.distance(a, b) <= depth}
        assert expected <= found


def test_deletions():
    assert _deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert "a" in _deletions("abc", 2)


@pytest.mark.parametrize("a,b,slip", [
    ("wendorf", "wendrof", True),        # two letters swapped
    ("roddick", "rodick", True),         # a double letter undoubled
    ("hassel", "hassell", True),         # ... also at the end
    ("marlowbridge", "marlobridge", True),  # a letter dropped inside a long name
    ("horan", "horgan", False),          # inside a short name: often two names
    ("blair", "blaire", False),          # at the end: Brown/Browne, Clark/Clarke
    ("hutton", "sutton", False),         # the first letter
    ("argentina", "argentine", False),   # the last letter
])
def testtyping_slip(a, b, slip):
    assert typing_slip(a, b, 8) is slip
    assert typing_slip(b, a, 8) is slip


@pytest.mark.parametrize("a,b", [("afghan", "afghans"), ("israel", "israeli"), ("korea", "korean"),
                                 ("german", "germany"), ("germans", "germany"),
                                 ("congressman", "congressmen")])
def test_inflections_are_not_slips(a, b):
    rule = standalone_rule(NameSpellingVariant)
    assert rule.inflection(a, b) and rule.inflection(b, a)


def test_blair_is_not_an_inflection():
    assert not standalone_rule(NameSpellingVariant).inflection("blair", "blaire")


@pytest.mark.parametrize("text,word,is_shouted", [
    ("WHEAT IS SCARCE", "IS", True),
    ("US TROOPS LEAVE", "US", True),
    ("U.S. TROOPS leave", "U.S.", True),
    ("WASHINGTON IS bracing for snow", "IS", True),
    ("Talks between US, UK and EU officials", "UK", False),
    ("IS claimed the attack", "IS", False),
    ("Quake hits town\nUS TO SEND AID\nThe US said", "said", False),
    ("A title line\nUS TO SEND AID\n", "AID", True),
    ("The COX-2 drugs", "COX", False),
])
def test_shouting(text, word, is_shouted):
    start = text.rindex(word)
    assert names.Shouting(text)(start, start + len(word)) is is_shouted


@pytest.mark.parametrize("text,word,starts", [
    ("He left. Nato said", "Nato", True),
    ("the Kellan-Wendorf ferry", "Wendorf", False),
    ("said the\nUS Treasury", "US", False),          # hard-wrapped wire copy
    ("He left.\nUS officials", "US", True),
    ("Headline\n\nUS officials", "US", True),
    ("as \"Nato will\"", "Nato", True),
    ("He said so.\u201d Nato left", "Nato", True),      # after a quotation that ends a sentence
    ("\"We will stay,\" Nato said", "Nato", False),    # after one that does not
    ("two ferries -- KELLAN Island Lines", "KELLAN", False),
])
def test_starts_sentence(text, word, starts):
    """The E and T rules ask one shared question: corpuslint.text.starts_sentence."""
    from corpuslint import text as shared

    assert names.starts_sentence is shared.starts_sentence
    assert names.starts_sentence(text, text.rindex(word)) is starts


def test_lowercase_use_is_whole_words():
    uses = names.LowercaseUses("the summit met; o'brien’s son, brien2 and ²kim and x²")
    assert uses.has("Summit")
    assert not uses.has("Summits") and not uses.has("Summ") and not uses.has("Ummit")
    assert uses.has("O'Brien") and uses.has("Brien") and not uses.has("O'Brie")
    assert uses.has("Kim") and uses.has("X")  # "²" is not a letter
    assert not names.LowercaseUses("the summits met").has("Summit")


def test_lowercase_use_indexes_each_field_once(monkeypatch):
    built = []

    class Counting(names.LowercaseUses):
        def __init__(self, text):
            built.append(text)
            super().__init__(text)

    monkeypatch.setattr(names, "LowercaseUses", Counting)
    field = document_from_text(Source("a.txt", "a.txt", "a.txt"), "Kellan met the summit.\n").prose[0]
    assert names.lowercase_use(field, "Summit") and names.lowercase_use(field, "The")
    assert not names.lowercase_use(field, "Kellan") and not names.lowercase_use(field, "Summit:")
    assert built == [field.text]


def test_the_e_rules_need_codespell_like_the_t_rules(monkeypatch):
    import importlib.util

    from corpuslint.errors import ConfigError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "codespell_lib" else real(name, *a))
    helpers.codespell_entries.cache_clear()
    names.english_words.cache_clear()
    try:
        with pytest.raises(ConfigError, match="codespell"):
            names.english_words()  # an empty word list would silently change E003's results
    finally:
        helpers.codespell_entries.cache_clear()
        names.english_words.cache_clear()


def test_the_re_twin_of_the_capitalised_pattern_finds_what_regex_finds():
    """``re`` gets explicit classes built from the ``regex`` module's (and a faster
    pattern where no capital follows lower case); texts with other characters go to
    ``regex`` itself. Either way the words are the same."""
    compiled = names._regex()
    alphabet = list("aAzZ oO'-_09\n.\"") + [
        "\u2019", "\u0301", "\u00e9", "\u00c9", "\u00df", "\u01c5", "\u00aa", "\u02b0", "\u00b2", "\u216b", "\u03a3",
        "\u03c3", "\u0416", "\u05d0", "\u2102", "\u20ac", "\u00a0", "\u0130",
        "\u4e2d", "\U0001f600", "\u1e9e"]  # the last three are not covered: regex searches those texts
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        expected = [m.span() for m in compiled.capitalised.finditer(text)]
        assert [m.span() for m in names.capitalised_pattern(text).finditer(text)] == expected, text
    assert names.capitalised_pattern("Zo\u00eb\u2019s Caf\u00e9") is compiled.capital_first
    assert names.capitalised_pattern("Zo\u00eb\u2019s eBay") is compiled.capitalised_re
    assert names.capitalised_pattern("Li \u4e2d") is compiled.capitalised


@pytest.mark.parametrize("text,left_out", [
    ("WHEAT IS SCARCE", True),
    ("KELLAN CO <KLN> SETS 1987 DIVIDEND", True),
    ("WENDORF", False),                 # one word: an acronym, not shouting
    ("WHEAT IS\nSCARCE", False),       # two lines: left to the full analysis
    ("Wheat is scarce", False),
    ("ERDO\u011eAN WINS", False),       # not ASCII
])
def test_a_shouted_title_is_left_out_of_the_distinct_words(text, left_out):
    assert names._one_shouted_line(text) is left_out
    if left_out:
        shouted = names.Shouting(text)
        assert all(shouted(*m.span()) for m in names.capitalised_pattern(text).finditer(text))


def test_fold_accents():
    assert names.fold_accents("Erdoğan") == "Erdogan"
    assert names.fold_accents("Dvořák") == "Dvorak"


#: Documents whose findings hang on line breaks: a quotation left open at a
#: paragraph end, a company name and a first name wrapped onto the next line.
LINE_BREAK_DOCUMENTS = [
    "Port talks\n\nThe UK minister spoke first. \"We will not wait, said the harbour master.\n\n"
    "Officials of the U.K. said the UK would wait, and \"soon\" was the word.\n",
    "Fuel prices\n\nShares of Esso\nUK rose on Monday while U.K. inflation eased, U.K. exports grew and the\n"
    "UK lent more.\n",
    "Election campaign\n\nTony Blair spoke in Corvel. Later Tony Blair met voters, and Tony\n"
    "Blaire left by train.\n",
    "Merger talks\n\nShares in WorldCom rose. Analysts said\nWorldcom and WorldCom would merge.\n",
]


@pytest.mark.parametrize("text", LINE_BREAK_DOCUMENTS)
def test_crlf_line_breaks_give_the_findings_of_lf(tmp_path, monkeypatch, text):
    import corpuslint

    (tmp_path / "lf.txt").write_bytes(text.encode())
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode())
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["crlf.txt", "lf.txt"], select=["E"])
    found = {"crlf.txt": [], "lf.txt": []}
    for f in report.findings:
        found[f.location.path].append((f.code, f.location.line, f.location.column, f.message))
    assert found["lf.txt"], "each document shows a finding"
    assert found["crlf.txt"] == found["lf.txt"]


def test_covering_finds_the_spans_around_a_stretch():
    covers = names.covering([(30, 40), (0, 10), (5, 25)])  # unsorted, overlapping
    assert covers(0, 10) and covers(6, 25) and covers(30, 31) and covers(9, 9)
    assert not covers(20, 26) and not covers(25, 26) and not covers(29, 31) and not covers(40, 41)
    assert not names.covering([])(0, 0)


def test_a_crowd_of_names_one_letter_apart_is_not_compared():
    """Kellana, Kellanb, ...: pairing them all would take the square of their number,
    and such a crowd says nothing about one misspelt name."""
    rule = standalone_rule(NameSpellingVariant)
    crowd = [f"kellan{chr(c)}" for c in range(ord("a"), ord("a") + MAX_SHARING + 1)]
    assert rule.candidate_pairs(crowd) == []
    few = crowd[:3]
    assert rule.candidate_pairs(few) == [(few[0], few[1]), (few[0], few[2]), (few[1], few[2])]
