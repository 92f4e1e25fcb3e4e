"""Corpus entity rules (E004, E005): what the case files cannot pin down."""
import random

from rapidfuzz.distance import OSA

from corpuslint.rules.entities.corpus_name_variant import _blocks, _ending_vowel


def test_names_one_edit_apart_with_one_first_letter_share_a_blocking_key():
    rng = random.Random(12)
    letters = "abeorst"
    names = {"".join(rng.choice(letters) for _ in range(rng.randint(5, 9))) for _ in range(600)}
    for a in names:
        for b in names:
            if a < b and a[0] == b[0] and OSA.distance(a, b) == 1:
                assert set(_blocks(a, 5)) & set(_blocks(b, 5)), (a, b)


def test_names_further_apart_rarely_share_a_key():
    assert not set(_blocks("kowalczyk", 5)) & set(_blocks("sediqqi", 5))


def test_vowel_endings_are_name_families():
    assert _ending_vowel("hansen", "hanson") and _ending_vowel("jordan", "jordon")
    assert not _ending_vowel("rodick", "roddick") and not _ending_vowel("parker", "parken")
