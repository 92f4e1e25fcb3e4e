"""MinHash signatures and LSH bands for the near-duplicate rules (X002, H004).

A signature is the MinHash (``datasketch.MinHash``) of a set of shingles,
kept as 16-bit values (b-bit MinHash): two bytes per permutation. Two
signatures agree at a position with probability J + (1 - J) / 65536 for sets
of Jaccard similarity J, so the estimate below removes that chance agreement.

Banding: the signature is cut into ``bands`` slices of equal length; a slice,
with its band index, is a corpus-rule key (an integer: 16 bytes in the
engine), so documents meet only when one whole slice agrees (probability
1 - (1 - J^rows)^bands). A pair that agrees
in several bands meets in several blocks; ``compare`` returns the first band
each pair shares, so that a block keeps only the pairs it is first for and
each pair is judged once.
numpy and datasketch are imported when a hasher is built, not with the rules.
"""
import zlib

from corpuslint.errors import ConfigError
from corpuslint.rule import stable_key

_LOW_56 = (1 << 56) - 1

#: Chance that two 16-bit values agree although their minima differ.
_CHANCE = 1 / 65536


class MinHasher:
    """Signatures of ``num_perm`` permutations cut into ``bands`` bands."""

    def __init__(self, num_perm: int, bands: int, rule: str):
        if bands > 127:
            raise ConfigError(f"rule {rule}: at most 127 bands")
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

    def matrix(self, signatures: list[bytes]):
        """The signatures of one block as an (n, num_perm) array."""
        return self.np.frombuffer(b"".join(signatures), dtype=self.np.uint16).reshape(len(signatures), -1)

    def compare(self, matrix, index: int):
        """``(similarities, first_shared_bands)`` of row ``index`` against every later row."""
        np = self.np
        equal = matrix[index + 1:] == matrix[index]
        agreement = equal.mean(axis=1)
        similarity = np.clip((agreement - _CHANCE) / (1 - _CHANCE), 0.0, 1.0)
        shared = equal.reshape(len(equal), self.bands, self.rows).all(axis=2)
        return similarity, shared.argmax(axis=1)
