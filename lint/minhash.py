"""MinHash signatures and LSH bands for the near-duplicate rules (X002, H004).

A signature is the MinHash of a set of shingles, kept as 16-bit values
(b-bit MinHash): two bytes per permutation. Two signatures agree at a
position with probability J + (1 - J) / 65536 for sets of Jaccard similarity
J, so the estimate below removes that chance agreement.

The values are those of ``datasketch.MinHash(num_perm, seed=1,
hashfunc=zlib.crc32)`` (its default affine scheme: each shingle's CRC-32,
mixed by the MurmurHash3 finaliser, through ``num_perm`` affine maps modulo
2**32), computed here with numpy for all of a document's shingles at once:
datasketch hashes one shingle per Python call, and importing it costs 0.4 s
per process because it pulls scipy. ``tests/rules/test_duplicates.py``
checks that the signatures stay the same as datasketch's. CRC-32 and the
permutations (from numpy's seeded ``RandomState``) are the same in every
process, so signatures and keys are too.

Banding: the signature is cut into ``bands`` slices of equal length; the
first ``rows`` values of a slice (the whole slice by default), with its band
index, are a corpus-rule key (an integer: 16 bytes in the engine), so
documents meet only when the values of one band agree (probability
1 - (1 - J^rows)^bands), and the similarity is estimated from every value of
the signature: a rule can meet pairs of low similarity with short bands and
still estimate with many values. A pair that agrees
in several bands meets in several blocks; ``candidates`` keeps only the
pairs a block is the first shared band for, so that each pair is judged once.
numpy is imported when the first signature is computed, not with the rules.
"""
import zlib
from array import array

from .errors import ConfigError

#: Most bands a signature can be cut into: the band index is the top byte of a signed 64-bit key.
MAX_BANDS = 127

#: Chance that two 16-bit values agree although their minima differ.
_CHANCE = 1 / 65536
#: Shingles permuted at a time: a huge document costs num-perm x this many values of memory, not
#: num-perm x its shingles.
_CHUNK = 4096
#: MurmurHash3's 32-bit finaliser: shift, multiplier, shift, multiplier, shift (as datasketch applies it).
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


class MinHasher:
    """Signatures of ``num_perm`` permutations cut into ``bands`` slices; the first ``rows``
    values of a slice (all of them by default) make the band's key."""

    def __init__(self, num_perm: int, bands: int, rule: str, rows: int | None = None):
        if bands > MAX_BANDS:
            raise ConfigError(f"rule {rule}: at most {MAX_BANDS} bands")
        if num_perm % bands:
            raise ConfigError(f"rule {rule}: num-perm ({num_perm}) must be a multiple of bands ({bands})")
        self.num_perm = num_perm
        self.bands = bands
        #: Values per slice of the signature, and how many of them (from its start) a band's key holds.
        self.slice = num_perm // bands
        self.rows = self.slice if rows is None else rows
        if self.rows > self.slice:
            raise ConfigError(f"rule {rule}: rows ({self.rows}) must be at most num-perm / bands ({self.slice})")
        self.band_bytes = 2 * self.rows
        self.np = None

    def _load(self) -> None:
        """Import numpy and draw the permutations, at the first signature or block."""
        import numpy  # 65 ms to import: paid only by a run with X002 or H004

        random = numpy.random.RandomState(1)  # datasketch's seed=1, affine32 scheme
        uint32 = numpy.uint32
        self.multipliers = random.randint(0, 1 << 31, self.num_perm, dtype=uint32) * uint32(2) + uint32(1)
        self.offsets = random.randint(0, 1 << 32, self.num_perm, dtype=uint32)
        self.fmix = tuple(uint32(value) for value in _FMIX32)
        #: The hash of a band's values starts from its width; the band index is the key's top byte.
        self.key_seed = numpy.full(self.bands, self.band_bytes, dtype=numpy.uint64)
        self.band_tags = numpy.arange(self.bands, dtype=numpy.uint64) << numpy.uint64(56)
        self.np = numpy

    def signature(self, shingles: list[bytes]) -> bytes:
        """The 16-bit MinHash signature of a non-empty list of shingles."""
        return self.signature_of_hashes(list(map(zlib.crc32, shingles)))

    def word_signature(self, words: list[str], size: int) -> bytes:
        """The signature of the shingles of ``size`` words of a non-empty list of words:
        the same as ``signature`` of those shingles joined by a space, UTF-8 encoded."""
        windows = zip(*[words[start:] for start in range(min(size, len(words)))])
        return self.signature_of_hashes(list(map(zlib.crc32, map(str.encode, map(" ".join, windows)))))

    def signature_of_hashes(self, hashes: list[int]) -> bytes:
        """The signature of a non-empty list of 32-bit shingle hashes."""
        if self.np is None:
            self._load()
        np = self.np
        shift_1, multiply_1, shift_2, multiply_2, shift_3 = self.fmix
        values = np.frombuffer(array("I", hashes), dtype=np.uint32).copy()
        values ^= values >> shift_1
        values *= multiply_1
        values ^= values >> shift_2
        values *= multiply_2
        values ^= values >> shift_3
        minimum = None
        for start in range(0, len(values), _CHUNK):  # a slab at a time: memory stays flat
            permuted = np.multiply.outer(self.multipliers, values[start:start + _CHUNK])
            permuted += self.offsets[:, None]
            least = permuted.min(axis=1)
            minimum = least if minimum is None else np.minimum(minimum, least, out=minimum)
        return minimum.astype(np.uint16).tobytes()

    def band_keys(self, signature: bytes) -> list[int]:
        """Integer corpus-rule keys of a signature: the band index in the top byte, below it 56 bits
        of a hash of the band's values (MurmurHash3's 64-bit finaliser, folded over them four at a time)."""
        if self.np is None:
            self._load()
        np = self.np
        values = np.frombuffer(signature, dtype=np.uint16).reshape(self.bands, self.slice)
        if self.rows == 4:  # the default: a band's values are one 64-bit word
            words = values[:, :4].copy().view(np.uint64)
        else:
            words = np.zeros((self.bands, -(-self.rows // 4) * 4), dtype=np.uint16)
            words[:, :self.rows] = values[:, :self.rows]
            words = words.view(np.uint64)
        mixed = self.key_seed
        for column in words.T:
            mixed = _fmix64(np, mixed ^ column)
        return ((mixed >> np.uint64(8)) | self.band_tags).tolist()

    @staticmethod
    def band_of(key: int) -> int:
        """The band index of a key from :meth:`band_keys`."""
        return key >> 56

    def matrix(self, signatures: list[bytes]) -> "Block":
        """The signatures of one block, ready for :meth:`candidates`."""
        if self.np is None:
            self._load()
        np = self.np
        n = len(signatures)
        values = np.frombuffer(b"".join(signatures), dtype=np.uint16).reshape(n, -1)
        # Each band's slice as a few 64-bit words (zero-padded), so that finding the
        # bands two rows share compares a few numbers per band, not every value.
        words = -(-self.rows // 4)
        padded = np.zeros((n, self.bands, 4 * words), dtype=np.uint16)
        padded[:, :, :self.rows] = values.reshape(n, self.bands, self.slice)[:, :, :self.rows]
        return Block(values, padded.view(np.uint64))

    def similarity(self, first: bytes, second: bytes) -> float:
        """The estimated Jaccard similarity of the shingle sets of two signatures."""
        if self.np is None:
            self._load()
        np = self.np
        agreement = np.count_nonzero(np.frombuffer(first, dtype=np.uint16) == np.frombuffer(second, dtype=np.uint16))
        return min(1.0, max(0.0, float(_estimate(agreement / self.num_perm))))

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
        similarity = np.clip(_estimate(agreement), 0.0, 1.0)
        keep = similarity >= min_similarity
        return rows[keep], similarity[keep]


def _fmix64(np, values):
    """MurmurHash3's 64-bit finaliser (a bijection) of a uint64 array."""
    values = values ^ (values >> np.uint64(33))
    values *= np.uint64(0xFF51AFD7ED558CCD)
    values ^= values >> np.uint64(33)
    values *= np.uint64(0xC4CEB9FE1A85EC53)
    values ^= values >> np.uint64(33)
    return values


def _estimate(agreement):
    """The Jaccard similarity estimated from the share of agreeing values, chance agreement removed
    (a float or a numpy array; may fall below 0 for unrelated sets)."""
    return (agreement - _CHANCE) / (1 - _CHANCE)


class Block:
    """The signatures of one block: ``values`` (n, num_perm) and ``band_words`` (n, bands, words)."""

    __slots__ = ("band_words", "values")

    def __init__(self, values, band_words):
        self.values = values
        self.band_words = band_words
