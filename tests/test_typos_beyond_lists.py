"""T002, T003 and T004 beyond their case files: when the English frequency table is loaded, and
that T004 looks for suggestions only for words that can be reported.

The texts are written for these tests; the rare words are invented.
"""
from corpuslint.readers import Source
from corpuslint.readers.plaintext import document_from_text
from corpuslint.registry import standalone_rule
from corpuslint.rules.typos.article_agreement import ArticleAgreement
from corpuslint.rules.typos.doubled_word import DoubledWord
from corpuslint.rules.typos.misspelling import Misspelling


def _doc(text):
    return document_from_text(Source("a.txt", "a.txt", "a.txt"), text)


def test_article_agreement_loads_word_frequencies_only_for_a_word_in_capitals():
    rule = standalone_rule(ArticleAgreement)
    rule.setup()
    assert list(rule.check(_doc("Harbour news\n\nA ferry left an hour late with a MP on board.\n")))
    assert rule.frequencies is None, "no word in capitals of three letters or more: no table"
    found = list(rule.check(_doc("HARBOUR NEWS\n\nAN MAN WAS SEEN ON A FERRY.\n")))
    assert [f.fix.replacement for f in found] == ["A MAN"]
    assert rule.frequencies is not None


def test_doubled_word_loads_word_frequencies_only_for_a_doubled_sound():
    rule = DoubledWord()
    rule.setup()
    assert [f.snippet for f in rule.check(_doc("Mill\n\nThe the mill was sold to to a buyer.\n"))] == \
        ["The the", "to to"]
    assert rule.english is None, "no doubled word shaped like a sound: no table"
    assert [f.snippet for f in rule.check(_doc("Mill\n\nStaff will see see the plans; bye bye.\n"))] == \
        ["see see"]
    assert rule.english is not None


def test_misspelling_builds_suggestions_only_for_a_word_it_may_report(monkeypatch):
    rule = Misspelling()
    rule.setup()
    asked = []
    original = rule.suggestions

    def suggestions(doc, word, seen):
        asked.append(word)
        return original(doc, word, seen)

    monkeypatch.setattr(rule, "suggestions", suggestions)
    text = ("Council plan\n\nThe vostrel plan and the vostrel levy passed; Harbuor-side and "
            "harbuor-side shops and the presneted budget. Officials said the council would meet again "
            "next month to discuss the new school, the old bridge and the price of parking in town. "
            "Residents have asked for more buses, longer library hours and cleaner streets.\n")
    found = list(rule.check(_doc(text)))
    assert [f.snippet for f in found] == ["presneted"]
    assert asked == ["presneted"], "a word used twice, or part of a longer word, needs no suggestions"


def test_the_characters_that_do_not_end_a_word_are_the_invisible_ones_of_the_bmp():
    import re
    import unicodedata

    from corpuslint.rules.typos.helpers import INVISIBLE

    invisible = re.compile(f"[{INVISIBLE}]")
    for code in range(0x10000):
        character = chr(code)
        category = unicodedata.category(character)
        expected = category in ("Cf", "Zl", "Zp") or (category == "Cc" and character not in "\t\n\r")
        assert bool(invisible.match(character)) == expected, f"U+{code:04X} ({category})"
