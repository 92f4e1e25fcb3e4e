"""MinHasher's bands of fewer rows than a slice, and the similarity of two signatures."""
import pytest

from corpuslint.errors import ConfigError
from corpuslint.minhash import MinHasher


def shingles(prefix, count):
    return [f"{prefix} {i}".encode() for i in range(count)]


def test_a_band_key_holds_the_first_rows_of_its_slice_only():
    hasher = MinHasher(24, 4, "test", rows=2)
    signature = hasher.signature(shingles("harbour", 50))
    changed = bytearray(signature)
    changed[4:6] = bytes(b ^ 1 for b in changed[4:6])  # the third value of slice 0: not in its band
    changed[12:14] = bytes(b ^ 1 for b in changed[12:14])  # the first value of slice 1: in its band
    keys, other = hasher.band_keys(signature), hasher.band_keys(bytes(changed))
    assert [hasher.band_of(key) for key in keys] == [0, 1, 2, 3]
    assert [a == b for a, b in zip(keys, other)] == [True, False, True, True]


def test_without_rows_a_band_is_its_whole_slice():
    assert MinHasher(24, 4, "test").band_keys(MinHasher(24, 4, "test").signature([b"a b"])) == \
        MinHasher(24, 4, "test", rows=6).band_keys(MinHasher(24, 4, "test").signature([b"a b"]))


def test_rows_cannot_exceed_a_slice():
    with pytest.raises(ConfigError, match=r"rows \(7\) must be at most num-perm / bands \(6\)"):
        MinHasher(24, 4, "test", rows=7)


def test_candidates_meet_on_short_bands_and_estimate_with_every_value():
    hasher = MinHasher(120, 20, "test", rows=4)
    shared = shingles("shared", 300)
    first, second = hasher.signature(shared + shingles("a", 100)), hasher.signature(shared + shingles("b", 100))
    block = hasher.matrix([first, second])
    found = [(band, hasher.candidates(block, 0, band, 0.0)) for band in range(20)]
    hits = [(band, similarity) for band, (rows, similarity) in found if len(rows)]
    assert len(hits) == 1, "a pair is a candidate in the first band it shares only"
    assert hits[0][1][0] == pytest.approx(hasher.similarity(first, second))
    assert hasher.similarity(first, second) == pytest.approx(300 / 500, abs=0.1)
    assert hasher.similarity(first, first) == 1.0
    assert hasher.similarity(first, hasher.signature(shingles("other", 300))) < 0.05


@pytest.mark.parametrize("num_perm, bands, rows", [(120, 20, 4), (64, 16, None), (24, 4, 2), (24, 4, None), (40, 4, 9)])
def test_band_keys_depend_on_the_band_and_its_keyed_values_only(num_perm, bands, rows):
    hasher = MinHasher(num_perm, bands, "test", rows)
    signature = hasher.signature(shingles("harbour", 40))
    keys = hasher.band_keys(signature)
    assert [hasher.band_of(key) for key in keys] == list(range(bands))
    assert all(isinstance(key, int) and 0 <= key < 2**63 for key in keys)
    # The same values in every band: the keys differ by their band index alone.
    same = hasher.band_keys(signature[:2 * hasher.slice] * bands)
    assert len({key & (2**56 - 1) for key in same}) == 1
    # A changed value outside the keyed rows of a slice changes no key; inside, its band's key only.
    last = 2 * hasher.slice - 2
    changed = bytearray(signature)
    changed[last:last + 2] = bytes(b ^ 1 for b in changed[last:last + 2])
    first_changed = bytearray(signature)
    first_changed[0] ^= 1
    assert (hasher.band_keys(bytes(changed)) == keys) == (hasher.rows < hasher.slice)
    assert [a == b for a, b in zip(keys, hasher.band_keys(bytes(first_changed)))] == [False] + [True] * (bands - 1)
