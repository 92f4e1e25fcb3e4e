"""D rules behaviour that the YAML cases cannot show."""
import itertools
import random
from types import SimpleNamespace

from corpuslint.rules.dates.unanchored_relative_date import RELATIVE, _relative_times
from corpuslint.text import lower_preserving_length

_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_PARTS = "morning afternoon evening night".split()
_UNITS = ["day", "days", "week", "weeks", "month", "months", "weekend", "year"]


def _phrases():
    yield from ("today", "tonight", "yesterday", "tomorrow", "today's", "todays", "to day")
    for first, second in itertools.product(["this", "last", "next", "on", "early on", "late on", "earlier this",
                                            "later this", "a", "one", "two", "three", "few", "12", "the"],
                                           _PARTS + _UNITS + _DAYS):
        yield f"{first} {second}"
        yield f"{first} {second} ago"
    for day, part in itertools.product(_DAYS, _PARTS):
        yield f"{day} {part}"


def _spans(matches):
    return [match.span() for match in matches]


def test_the_lower_case_pattern_finds_what_the_case_blind_one_finds():
    rng = random.Random(7)
    glue = [" ", ", ", ".", "-", "'s ", "s ", "x ", "_", "3 ", "\n"]
    phrases = list(_phrases())
    found = 0
    for _ in range(300):
        parts = rng.sample(phrases, 12)
        text = "".join(rng.choice(glue) + "".join(c.upper() if rng.random() < 0.3 else c for c in phrase)
                       for phrase in parts)
        field = SimpleNamespace(text=text, lower=lower_preserving_length(text))
        spans = _spans(_relative_times(field))
        assert spans == _spans(RELATIVE.finditer(text)), text
        found += len(spans)
    assert found > 1000


def test_letters_that_lower_case_keeps_are_matched_as_before():
    for text in ("on Frİday", "thıs week", "la\u017ft week", "TODAY and next Sunday"):
        field = SimpleNamespace(text=text, lower=lower_preserving_length(text))
        assert _spans(_relative_times(field)) == _spans(RELATIVE.finditer(text))
