"""X001/X002/H004 behaviour that the YAML cases cannot show: option checks, the MinHash estimate,
the shared body fingerprint."""
import os

import pytest

import corpuslint
from corpuslint.errors import ConfigError
from corpuslint.minhash import MinHasher


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
    block = hasher.matrix([hasher.signature(shared + only_a), hasher.signature(shared + only_b)])
    found = {band: hasher.candidates(block, 0, band, 0.0) for band in range(40)}
    hits = {band: similarity for band, (rows, similarity) in found.items() if len(rows)}
    assert len(hits) == 1, "a pair is a candidate in the first band it shares only"
    (band, similarity), = hits.items()
    assert similarity[0] == pytest.approx(300 / 400, abs=0.1)
    assert list(found[band][0]) == [1]
    assert len(hasher.candidates(block, 0, band, similarity[0] + 0.01)[0]) == 0


def test_band_keys_carry_the_band_and_agree_only_where_the_slices_do():
    hasher = MinHasher(64, 16, "test")
    signature = hasher.signature([b"harbour", b"bridge"])
    keys = hasher.band_keys(signature)
    assert [hasher.band_of(key) for key in keys] == list(range(16))
    assert all(isinstance(key, int) and 0 <= key < 2**63 for key in keys)
    width = hasher.band_bytes
    changed = signature[:width] + bytes(b ^ 1 for b in signature[width:2 * width]) + signature[2 * width:]
    other = hasher.band_keys(changed)
    assert [a == b for a, b in zip(keys, other)] == [True, False] + [True] * 14


@pytest.mark.parametrize("code", ["X002", "H004"])
def test_bands_option_is_limited_to_127(tmp_path, code):
    (tmp_path / "a.txt").write_text("Bridge reopens\n\nThe bridge reopened.\n")
    with pytest.raises(ConfigError, match=r"option 'bands' must be at most 127, not 128"):
        corpuslint.lint([str(tmp_path)], config={"rules": {code: {"num-perm": 256, "bands": 128}}}, select=[code])


def test_the_body_is_joined_and_hashed_once_per_document(tmp_path, monkeypatch):
    from corpuslint.document import Document

    calls = []
    body_text = Document.body_text
    monkeypatch.setattr(Document, "body_text", lambda doc: calls.append(os.path.basename(doc.id)) or body_text(doc))
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Bridge reopens {name}\n\nThe bridge over Millbrook harbour "
                                              "reopened on a grey Tuesday morning after eleven months.\n")
    corpuslint.lint([str(tmp_path)], select=["X001", "X002", "H003", "H004"])
    assert sorted(calls) == ["a.txt", "b.txt"]


def test_signatures_are_datasketch_minhash_signatures():
    import zlib

    import numpy
    from datasketch import MinHash

    hasher = MinHasher(120, 20, "test")
    shingles = [f"the ferry to millbrook {i}".encode() for i in range(200)] + ["naïve café 渡船".encode()]
    reference = MinHash(num_perm=120, seed=1, hashfunc=zlib.crc32)
    reference.update_batch(shingles)
    assert hasher.signature(shingles) == numpy.asarray(reference.hashvalues).astype(numpy.uint16).tobytes()


@pytest.mark.parametrize("words", [["the", "ferry", "to", "millbrook", "left", "at", "noon", "on", "friday"],
                                   ["naïve", "café", "owner", "渡", "船", "reopens"], ["harbour", "bridge"]])
def test_word_signature_is_the_signature_of_the_joined_shingles(words):
    hasher = MinHasher(64, 16, "test")
    size = min(5, len(words))
    shingles = [" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)]
    assert hasher.word_signature(words, 5) == hasher.signature(shingles)


def test_a_run_does_not_import_datasketch_or_scipy(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Bridge reopens\n\n" + "The bridge over Millbrook harbour reopened. " * 10)
    script = ("import sys, corpuslint; corpuslint.lint([sys.argv[1]], select=['X002', 'H004']); "
              "print(sorted({'datasketch', 'scipy'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
