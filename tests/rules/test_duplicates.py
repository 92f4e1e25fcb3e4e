"""X002/H004 behaviour that the YAML cases cannot show: option checks and the MinHash estimate."""
import pytest

import corpuslint
from corpuslint.errors import ConfigError
from corpuslint.rules.duplicates.minhash import MinHasher


@pytest.mark.parametrize("code", ["X002", "H004"])
def test_num_perm_must_be_a_multiple_of_bands(tmp_path, code):
    (tmp_path / "a.txt").write_text("Bridge reopens\n\nThe bridge reopened.\n")
    with pytest.raises(ConfigError, match=r"num-perm \(100\) must be a multiple of bands \(16\)"):
        corpuslint.lint([str(tmp_path)], config={"rules": {code: {"num-perm": 100, "bands": 16}}}, select=[code])


def test_estimate_follows_jaccard_similarity():
    hasher = MinHasher(240, 40, "test")
    shared = [f"shared {i}".encode() for i in range(300)]
    only_a = [f"a {i}".encode() for i in range(50)]
    only_b = [f"b {i}".encode() for i in range(50)]
    matrix = hasher.matrix([hasher.signature(shared + only_a), hasher.signature(shared + only_b)])
    similarity, first_band = hasher.compare(matrix, 0)
    assert similarity[0] == pytest.approx(300 / 400, abs=0.1)
    assert 0 <= first_band[0] < 40


def test_band_keys_are_slices_of_the_signature():
    hasher = MinHasher(64, 16, "test")
    signature = hasher.signature([b"harbour", b"bridge"])
    keys = hasher.band_keys(signature)
    assert [band for band, _ in keys] == list(range(16))
    assert b"".join(part for _, part in keys) == signature
