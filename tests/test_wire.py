"""B004 wire-metadata, U007 broken-entity, U008 literal-escape: shapes the case files cannot list.

The rules find datelines, agency tags, entity remnants and escapes by shape.
These tests feed them names and characters that appear in no list of the
project (invented agencies and places, every HTML5 entity of the kinds U007
knows) and real corpora they must stay quiet on.
"""
import glob
import os
from html import unescape
from html.entities import html5

import pytest
from conftest import SHARED

from corpuslint.readers import Source
from corpuslint.readers.plaintext import document_from_text
from corpuslint.rules.boilerplate.wire_metadata import WireMetadata
from corpuslint.rules.unicode.broken_entity import BrokenEntity
from corpuslint.rules.unicode.literal_escape import LiteralEscape

BBC = os.path.join(SHARED, "corpora", "bbc")


def _findings(rule, text):
    doc = document_from_text(Source("a.txt", "a.txt", "a.txt"), text)
    return list(rule.check(doc))


def _snippets(rule, text):
    return [f.snippet for f in _findings(rule, text)]


@pytest.mark.parametrize("dateline", [
    "WENDORF (Kellan Wire) -",
    "PORT ALDER, Ont. (Nordpress) --",
    "ST. MARIS/KELLAN BAY (Osterdienst) \u2014",
    "VALMORE, 3 March (ltk) \u2013",
    "VALMORE, Sept. 14, 2024 -",
    "Valmore (Baltinform) -",
    "Valmore, March 3 -",
    "(Baltinform) -",
    "Valmore (Baltinform):",
    "(BTI)",
    "TRESK --",
])
def test_body_datelines_of_invented_places_and_agencies_are_found(dateline):
    text = f"Harbour deal signed\n\n{dateline} The harbour board signed the deal on Monday.\n"
    assert _snippets(WireMetadata(), text) == [dateline]


@pytest.mark.parametrize("first", [
    "UK ministers - all of them - agreed on Monday.",
    "The Harbour Board (HB) - a body of nine - met.",
    "HARBOUR RATES - MARCH 3\nRates rose.",
    "HARBOUR RATES - March 3\nRates rose.",
    "FILE - In this March 2 photo, a ferry leaves.",
    "(after extra time - score at 90 mins 1-1)",
    "Kellan, the harbour town - it said - grew.",
    "DJ Lee Marr - who leads the race - said.",
])
def test_prose_that_starts_like_a_dateline_is_not_one(first):
    assert _snippets(WireMetadata(), f"Harbour deal signed\n\n{first}\n") == []


@pytest.mark.parametrize("title,tag", [
    ("Harbour deal signed (Nordpress)", "(Nordpress)"),
    ("HARBOUR DEAL SIGNED (Nordpress)", "(Nordpress)"),
    ("Harbour deal signed [NPA]", "[NPA]"),
    ("Harbour deal signed | Kellan Evening Post", "| Kellan Evening Post"),
    ("Harbour deal signed -- Nordpress wire", "-- Nordpress wire"),
    ("Harbour deal signed - AFP", "- AFP"),
    ("Harbour deal not a poll issue - Marr", None),
    ("Harbour deal signed - NPA", None),
    ("Harbour deal signed (Again)", None),
    ("Harbour deal signed (Full Story)", None),
    ("Harbour deal signed (NPA)", "(NPA)"),
    ("Harbour deal signed (AFP)", "(AFP)"),
    ("HARBOUR DEAL SIGNED (AFP)", "(AFP)"),
    ("HARBOUR DEAL SIGNED (NPA)", "(NPA)"),
    ("Harbour deal signed by Kellan Port Authority (KPA)", None),
    ("Harbour deal signed, part (IV)", None),
    ("Harbour deal signed (PHOTOS)", None),
])
def test_title_tags_are_agencies_by_shape_not_tickers_initials_or_labels(title, tag):
    assert _snippets(WireMetadata(), f"{title}\n\nThe board signed.\n") == ([tag] if tag else [])


def test_agencies_option_adds_a_name_for_title_tags():
    rule = WireMetadata({"agencies": ["Harbour Wire"]})
    assert _snippets(rule, "Harbour deal signed (Harbour Wire)\n\nThe board signed.\n") == ["(Harbour Wire)"]
    assert _snippets(WireMetadata(), "Harbour deal signed (Harbour Wire)\n\nThe board signed.\n") == []


ACCENTED_OR_PUNCTUATION = sorted(name[:-1] for name in html5 if name.endswith(";")
                                 and BrokenEntity().names.__contains__(name[:-1]))


@pytest.mark.parametrize("name", ACCENTED_OR_PUNCTUATION)
def test_every_known_entity_name_without_its_ampersand_is_decoded(name):
    [finding] = _findings(BrokenEntity(), f"Harbour deal\n\nThe board said {name}; yes.\n")
    assert finding.snippet == f"{name};"
    decoded = unescape(f"&{name};")
    assert finding.fix.replacement in (decoded, "")


@pytest.mark.parametrize("code", [39, 34, 38, 160, 233, 8211, 8217, 8220, 8364, 8482])
def test_numeric_remnants_decimal_and_hexadecimal(code):
    text = f"Harbour deal\n\nIt#{code};s x#x{code:X};y\n"
    assert [f.fix.replacement for f in _findings(BrokenEntity(), text)] == [chr(code), chr(code)]


def test_broken_entity_keeps_u002s_entities_and_finds_no_remnant_where_it_fixed_one():
    text = "Harbour deal\n\nLee &amp; Park said it&#39;s &amp;quot;done&amp;quot;.\n"
    assert _findings(BrokenEntity(), text) == []


@pytest.mark.parametrize("escape,char", [
    ("\\u00e9", "\u00e9"), ("\\u2014", "\u2014"), ("\\U0001F600", "\U0001F600"), ("\\x27", "'"),
    ("\\\\u2019", "\u2019"), ("\\'", "'"), ('\\"', '"'), ("\\t", "\t"), ("\\n", "\n"), ("\\r\\n", "\n"),
])
def test_literal_escapes_are_decoded(escape, char):
    [finding] = _findings(LiteralEscape(), f"Harbour deal\n\nThe board{escape}signed it.\n")
    assert (finding.snippet, finding.fix.replacement) == (escape, char)


def test_an_escape_before_an_abbreviation_is_not_a_file_name():
    [finding] = _findings(LiteralEscape(), "Harbour deal\n\nTrade between the\\u00a0U.S. and Japan.\n")
    assert finding.fix.replacement == "\u00a0"


@pytest.mark.skipif(not os.path.isdir(BBC), reason=f"the BBC corpus is not in {BBC}")
def test_bbc_has_no_wire_metadata_broken_entities_or_literal_escapes():
    rules = [WireMetadata(), BrokenEntity(), LiteralEscape()]
    found = []
    for path in sorted(glob.glob(os.path.join(BBC, "*", "*.txt"))):
        with open(path, encoding="latin-1") as fh:
            text = fh.read()
        found += [f"{path}: {f.code} {f.snippet}" for rule in rules for f in _findings(rule, text)]
    assert found == []
