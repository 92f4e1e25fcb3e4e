import hashlib
import re
from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.fingerprints import body_fingerprint
from corpuslint.minhash import MAX_BANDS, MinHasher
from corpuslint.rule import CorpusRule, Option
from corpuslint.words import NUMBER_WORDS, body_lower, tokens


class BodyRecord(NamedTuple):
    """What X002 keeps of a document, under each of its band keys."""

    #: The MinHash signature of the body's word shingles.
    signature: bytes
    #: X001's fingerprint of the body (None if X001 does not compare it).
    copy_key: bytes | None
    #: The wording and the figures, hashed apart (see :func:`_template`).
    template: bytes
    location: Location


#: A run of masked figures ("4.25" is two tokens): one figure.
_FIGURE_RUN = re.compile(r"#(?: #)+")


class NearDuplicate(CorpusRule):
    """Two documents whose texts are almost the same (a few words edited, a paragraph added).

    Why it matters: near-duplicates are the versions of one story that exact
    matching (X001) misses: an update with a new last paragraph, a re-sent
    correction, a copy with a typo fixed. They inflate counts, leak between
    training and test splits and make one story weigh twice.

    Example: ``local/286.txt`` and ``local/391.txt`` are the same 800-word
    article, except that the second fixes a typo and adds a closing paragraph.

    How it works: the body is lower-cased and cut into shingles of
    ``shingle-size`` consecutive words; a MinHash of ``num-perm``
    permutations (the values of ``datasketch.MinHash``, computed with numpy) is kept as a 16-bit signature and cut into
    ``bands`` bands. Documents that agree on a whole band meet in one block
    (banding keeps the cost linear); inside a block each pair is verified by
    its estimated Jaccard similarity (the share of agreeing signature
    values) against ``threshold``, and judged only in the first band where
    it meets. With the defaults (5-word shingles, 120 permutations, 20 bands
    of 6) a pair with a similarity of 0.8 meets in some band with a
    probability of 0.998 (0.9999 at 0.85), and the estimate has a standard
    error of about 0.04.

    Not reported: bodies that are the same up to case and spacing and have
    X001's ``min-words`` (X001 reports them), bodies shorter than
    ``min-words``, and pairs whose texts differ only in their figures (a
    daily market report re-issued with new numbers is a series, not a copy;
    spelled-out numbers such as "six" count as figures).
    The later document is reported, with the earlier one as the related
    location. In Chinese, Japanese, Thai and other scripts written without
    spaces, each character counts as a word (for shingles and ``min-words``
    alike).

    Cost per document: 20 integer keys (a band index and a hash of the
    band's slice; 16 bytes each in the engine) sharing one record of a
    240-byte signature, a 12-byte body hash, a 16-byte hash of
    the wording and figures, and the document's location.

    Fix: keep one version of the story (usually the latest) and drop the
    others.
    """

    code = "X002"
    name = "near-duplicate"
    severity = "warning"
    requires = ("X001",)
    options = {
        "threshold": Option(0.8, "smallest estimated Jaccard similarity reported", minimum=0.3, maximum=1.0),
        "shingle-size": Option(5, "words per shingle", minimum=1, maximum=20),
        "num-perm": Option(120, "MinHash permutations", minimum=16, maximum=1024),
        "bands": Option(20, "LSH bands; num-perm must be a multiple of it", minimum=1, maximum=MAX_BANDS),
        "min-words": Option(20, "shortest body, in words, compared", minimum=1),
    }

    def setup(self):
        self.hasher = MinHasher(self.opts.num_perm, self.opts.bands, f"{self.code} ({self.name})")
        self.copies_min_words = self.peer("X001").opts.min_words

    def collect(self, doc):
        words = tokens(body_lower(doc))
        if len(words) < self.opts.min_words:
            return
        signature = self.hasher.word_signature(words, self.opts.shingle_size)
        copy_key = body_fingerprint(doc, self.copies_min_words)  # None if X001 does not compare the body
        record = BodyRecord(signature, copy_key, _template(words), doc.start_location())
        for key in self.hasher.band_keys(signature):
            yield key, record

    def finish(self, key, records, corpus):
        band = self.hasher.band_of(key)
        bodies, kept = set(), []
        for record in records:
            copy_key = record.copy_key
            if copy_key is None or copy_key not in bodies:  # the same body again: X001 reports it
                bodies.add(copy_key)
                kept.append(record)
        if len(kept) < 2:
            return
        block = self.hasher.matrix([record.signature for record in kept])
        for i in range(len(kept) - 1):
            for j, similarity in zip(*self.hasher.candidates(block, i, band, self.opts.threshold)):
                yield from self.report(kept[i], kept[j], similarity)

    def report(self, earlier: BodyRecord, later: BodyRecord, similarity):
        template_a, template_b = earlier.template, later.template
        if template_a[:8] == template_b[:8] and template_a[8:] != template_b[8:]:
            return  # the same wording with other figures: a series, not a copy
        yield self.finding_at(
            later.location,
            f"text nearly the same as {earlier.location.short()} ({_share(similarity)} of its "
            f"{self.opts.shingle_size}-word sequences shared); keep one version of the story",
            related=[earlier.location])


def _share(similarity: float) -> str:
    """The estimated share, without claiming 100% for texts that differ."""
    return "almost all" if similarity >= 0.99 else f"about {similarity:.0%}"


def _template(tokens: list[str]) -> bytes:
    """8 bytes of hash of the wording with its figures masked, then 8 of the figures alone.

    A figure is a token with a digit or a spelled-out number; a run of them
    counts as one, so "4.25 pct" and "six pct" have the same wording.
    (A list comprehension: a regex over the text is three times slower here.)
    """
    figure = [not token.isalpha() or token in NUMBER_WORDS for token in tokens]
    wording = _FIGURE_RUN.sub("#", " ".join(["#" if f else t for t, f in zip(tokens, figure)]))
    figures = " ".join([t for t, f in zip(tokens, figure) if f])
    return (hashlib.blake2b(wording.encode("utf-8"), digest_size=8).digest()
            + hashlib.blake2b(figures.encode("utf-8"), digest_size=8).digest())
