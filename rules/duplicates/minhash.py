"""MinHash signatures and LSH bands for the near-duplicate rules (X002, H004).

A signature is the MinHash (``datasketch.MinHash``) of a set of shingles,
kept as 16-bit values (b-bit MinHash): two bytes per permutation. Two
signatures agree at a position with probability J + (1 - J) / 65536 for sets
of Jaccard similarity J, so the estimate below removes that chance agreement.

Banding: the signature is cut into ``bands`` slices of equal length; a slice,
with its band index, is a corpus-rule key (an integer: 16 bytes in the
engine), so documents meet only when one whole slice agrees (probability
1 - (1 - J^rows)^bands). A pair that agrees
in several bands meets in several blocks; ``candidates`` keeps only the
pairs a block is the first shared band for, so that each pair is judged once.
numpy and datasketch are imported when a hasher is built, not with the rules.
"""
import zlib

from corpuslint.errors import ConfigError
from corpuslint.rule import stable_key

_LOW_56 = (1 << 56) - 1
#: Most bands a signature can be cut into: the band index is the top byte of a signed 64-bit key.
MAX_BANDS = 127

#: Chance that two 16-bit values agree although their minima differ.
_CHANCE = 1 / 65536


class MinHasher:
    """Signatures of ``num_perm`` permutations cut into ``bands`` bands."""

    def __init__(self, num_perm: int, bands: int, rule: str):
        if bands > MAX_BANDS:
            raise ConfigError(f"rule {rule}: at most {MAX_BANDS} bands")
        if num_perm % bands:
            raise ConfigError(f"rule {rule}: num-perm ({num_perm}) must be a multiple of bands ({bands})")
        import numpy
        from datasketch import MinHash

        self.np = numpy
        self.minhash = MinHash(num_perm=num_perm, seed=1, hashfunc=zlib.crc32)  # reset for each set
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self.band_bytes = 2 * self.rows

    def signature(self, shingles: list[bytes]) -> bytes:
        """The 16-bit MinHash signature of a non-empty list of shingles."""
        self.minhash.clear()
        self.minhash.update_batch(shingles)
        return self.np.asarray(self.minhash.hashvalues).astype(self.np.uint16).tobytes()

    def band_keys(self, signature: bytes) -> list[int]:
        """Integer corpus-rule keys of a signature: the band index in the top byte,
        a hash of the band's slice below it."""
        width = self.band_bytes
        return [(band << 56) | (stable_key(signature[band * width:(band + 1) * width]) & _LOW_56)
                for band in range(self.bands)]

    @staticmethod
    def band_of(key: int) -> int:
        """The band index of a key from :meth:`band_keys`."""
        return key >> 56

    def matrix(self, signatures: list[bytes]) -> "Block":
        """The signatures of one block, ready for :meth:`candidates`."""
        np = self.np
        n = len(signatures)
        values = np.frombuffer(b"".join(signatures), dtype=np.uint16).reshape(n, -1)
        # Each band's slice as a few 64-bit words (zero-padded), so that finding the
        # bands two rows share compares a few numbers per band, not every value.
        words = -(-self.rows // 4)
        padded = np.zeros((n, self.bands, 4 * words), dtype=np.uint16)
        padded[:, :, :self.rows] = values.reshape(n, self.bands, self.rows)
        return Block(values, padded.view(np.uint64))

    def candidates(self, block: "Block", index: int, band: int, min_similarity: float):
        """``(later_rows, similarities)``: the rows after ``index`` whose first band
        shared with it is ``band`` and whose estimated similarity is at least
        ``min_similarity``, so that each pair is judged in one block only."""
        np = self.np
        equal = block.band_words[index + 1:] == block.band_words[index]
        shared = equal[:, :, 0]
        for word in range(1, equal.shape[2]):
            shared = shared & equal[:, :, word]
        rows = (shared.argmax(axis=1) == band).nonzero()[0] + index + 1
        agreement = np.count_nonzero(block.values[rows] == block.values[index], axis=1) / self.num_perm
        similarity = np.clip((agreement - _CHANCE) / (1 - _CHANCE), 0.0, 1.0)
        keep = similarity >= min_similarity
        return rows[keep], similarity[keep]


class Block:
    """The signatures of one block: ``values`` (n, num_perm) and ``band_words`` (n, bands, words)."""

    __slots__ = ("values", "band_words")

    def __init__(self, values, band_words):
        self.values = values
        self.band_words = band_words
