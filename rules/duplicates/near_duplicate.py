import hashlib
import re
import zlib
from array import array
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
    #: The distinct figures, as sorted 16-bit hashes (the smallest :data:`FIGURES_KEPT`; see :func:`_figures`).
    figures: bytes
    location: Location
    #: How many distinct figures the text has, and how many words.
    figure_count: int = 0
    words: int = 0


#: A run of masked figures ("4.25" is two tokens): one figure.
_FIGURE_RUN = re.compile(r"#(?: #)+")
#: Figures kept per document (the smallest hashes: a bottom-k sketch of its set of figures).
FIGURES_KEPT = 24
#: Two similar texts sharing fewer of their figures than this are a series, not versions of one story ...
SHARED_FIGURES = 0.9
#: ... when one of them is a text of figures, with a figure in this many words or fewer (a market report,
#: a rate notice). In prose, a figure or two changed among the words is an editor's revision.
PROSE_FIGURES = 25


class NearDuplicate(CorpusRule):
    """Documents whose texts are almost the same (a few words revised, a paragraph added), reported as clusters.

    Why it matters: near-duplicates are the versions of one story that exact
    matching (X001) misses: an update with a new last paragraph, a re-sent
    correction, a copy with a few words changed. They inflate counts, leak
    between training and test splits and make one story weigh twice.

    Example: ``local/286.txt`` and ``local/391.txt`` are the same 500-word
    article, except that the second fixes a typo, changes a dozen words and
    adds a closing paragraph.

    How it works: the body is lower-cased and cut into shingles of
    ``shingle-size`` consecutive words (word pairs by default); a MinHash of
    ``num-perm`` permutations (the values of ``datasketch.MinHash``, computed
    with numpy) is kept as a 16-bit signature and cut into ``bands`` bands.
    Documents that agree on the values of a band meet in one block (banding
    keeps the cost linear); inside a block each pair is verified by its estimated
    Jaccard similarity (the share of agreeing signature values) against
    ``threshold``, and judged only in the first band where it meets.

    Why word pairs and 0.55: work on news deduplication compares word
    bigrams (or 5-grams) with a Jaccard threshold around 0.45-0.5 (the
    bigram, trigram and 9-character shingles benchmarked on news reprints
    in "Detecting Near-Duplicates in the News", Commetric, 2019; reprinted
    news measured by Silcock et al., "Noise-Robust De-Duplication at Scale",
    ICLR 2023, shares far fewer long N-grams than one expects, which
    favours short shingles). A word revised costs two word pairs but five
    5-word shingles: with 3% of the words revised, bigram similarity stays
    above 0.87 in articles of 150-800 words, where 5-word shingles fall to
    0.73. On the BBC corpus, versions of one story (a paragraph added, a new
    lead) score 0.58-0.83 and different stories that reuse background
    paragraphs 0.42-0.50, hence 0.55. With the defaults (120 permutations;
    20 bands, each keyed by ``rows`` = 4 of its 6 values) a pair meets in
    some band with a probability of 0.85 at a similarity of 0.55, 0.94 at
    0.6, 0.996 at 0.7 and 0.99997 at 0.8, and its similarity is estimated
    from all 120 values (a standard error of about 0.045 near the
    threshold).

    Clusters: the versions of one story are reported once each, not pair by
    pair. The first version in corpus order is the cluster's anchor; every
    other version is reported once, with the anchor as the related location
    (as X001 reports copies), or with the earlier version it is nearly the
    same as when it is too far from the anchor (a story revised step by
    step). Blocks are compared one at a time, so a version whose first block
    holds another version but not the first names that other version (2 of
    29 in a test cluster of 3% revisions); following the related locations
    always leads to the anchor.

    Not reported: bodies that are the same up to case and spacing and have
    X001's ``min-words`` (X001 reports them), bodies shorter than
    ``min-words``, and series: pairs whose texts differ only in their
    figures, or, when one of them is a text of figures (a figure in 25 words
    or fewer: a daily market report re-issued with new numbers, a monthly
    price index, a rate notice; spelled-out numbers such as "six" count as
    figures), where fewer than 90% of the figures of one are found in the
    other. Versions of one story keep most of their figures (all the BBC
    corpus's versions share 93% or more); a series changes them. In prose
    (fewer figures than that), a figure or two changed among revised words
    is an editor's revision, and the pair is reported.
    In Chinese, Japanese, Thai and other scripts written without spaces,
    each character counts as a word (for shingles and ``min-words`` alike).

    Cost per document: 20 integer keys (a band index and a hash of the
    band's values; 16 bytes each in the engine) sharing one record of a
    240-byte signature, a 12-byte body hash, a 16-byte hash of the wording
    and figures, up to 48 bytes of figure hashes, the counts of its figures
    and words, and the document's location. The main process keeps the signature and location of each
    document found in a cluster.

    Fix: keep one version of the story (usually the latest) and drop the
    others.
    """

    code = "X002"
    name = "near-duplicate"
    severity = "warning"
    requires = ("X001",)
    options = {
        "threshold": Option(0.55, "smallest estimated Jaccard similarity reported", minimum=0.3, maximum=1.0),
        "shingle-size": Option(2, "words per shingle", minimum=1, maximum=20),
        "num-perm": Option(120, "MinHash permutations", minimum=16, maximum=1024),
        "bands": Option(20, "LSH bands; num-perm must be a multiple of it", minimum=1, maximum=MAX_BANDS),
        "rows": Option(4, "signature values per band that must agree for two documents to be compared; "
                          "at most num-perm / bands", minimum=1),
        "min-words": Option(20, "shortest body, in words, compared", minimum=1),
    }

    def setup(self):
        self.hasher = MinHasher(self.opts.num_perm, self.opts.bands, f"{self.code} ({self.name})", self.opts.rows)
        self.copies_min_words = self.peer("X001").opts.min_words
        self.clusters = Clusters(None)

    def collect(self, doc):
        words = tokens(body_lower(doc))
        if len(words) < self.opts.min_words:
            return
        signature = self.hasher.word_signature(words, self.opts.shingle_size)
        copy_key = body_fingerprint(doc, self.copies_min_words)  # None if X001 does not compare the body
        figure = [not word.isalpha() or word in NUMBER_WORDS for word in words]
        figures = {word for word, f in zip(words, figure) if f}
        record = BodyRecord(signature, copy_key, _template(words, figure), _figures(figures), doc.start_location(),
                            len(figures), len(words))
        for key in self.hasher.band_keys(signature):
            yield key, record

    def finish(self, key, records, corpus):
        if self.clusters.corpus is not corpus:  # a new run: forget the last run's clusters
            self.clusters = Clusters(corpus)
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
        # Rows not yet in a cluster: each document is reported once, however many blocks it meets in.
        open_rows = [not self.clusters.reported(record.location) for record in kept]
        left = sum(open_rows[1:])
        for i in range(len(kept) - 1):
            if not left:
                break
            for j, similarity in zip(*self.hasher.candidates(block, i, band, self.opts.threshold)):
                if open_rows[j] and not _series(kept[i], kept[j]):
                    open_rows[j] = False
                    left -= 1
                    yield self.report(kept[j], kept[i], float(similarity))
            left -= open_rows[i + 1]

    def report(self, member: BodyRecord, earlier: BodyRecord, similarity: float):
        """The finding for ``member``, nearly the same as ``earlier``: named after the anchor of
        ``earlier``'s cluster when ``member`` is nearly the same as the anchor too."""
        related, related_signature = earlier.location, earlier.signature
        anchor, signature = self.clusters.anchor(earlier)
        if anchor != related:
            to_anchor = self.hasher.similarity(signature, member.signature)
            if to_anchor >= self.opts.threshold:
                related, related_signature, similarity = anchor, signature, to_anchor
        self.clusters.join(member, related, related_signature)
        size = self.opts.shingle_size
        return self.finding_at(
            member.location,
            f"text nearly the same as {related.short()} ({_share(similarity)} of its "
            f"{_shingles(size)} shared); keep one version of the story",
            related=[related])


class Clusters:
    """The near-duplicate clusters of one run, as X002's blocks find them: each reported
    document points to the earlier document it was reported with (its anchor)."""

    def __init__(self, corpus):
        #: The run these clusters belong to (its ``Corpus``, compared by identity).
        self.corpus = corpus
        #: reported document -> the earlier document named in its finding
        self.anchors: dict[Location, Location] = {}
        #: document in a cluster -> its signature
        self.signatures: dict[Location, bytes] = {}

    def reported(self, location: Location) -> bool:
        return location in self.anchors

    def anchor(self, record: BodyRecord) -> tuple[Location, bytes]:
        """The first document of ``record``'s cluster (``record`` itself if it is in none), and its signature."""
        location = record.location
        while location in self.anchors:
            location = self.anchors[location]
        return location, self.signatures.get(location, record.signature)

    def join(self, member: BodyRecord, earlier: Location, signature: bytes) -> None:
        """Record that ``member`` was reported as nearly the same as ``earlier`` (whose signature is given)."""
        self.anchors[member.location] = earlier
        self.signatures[member.location] = member.signature
        self.signatures.setdefault(earlier, signature)


def _series(earlier: BodyRecord, later: BodyRecord) -> bool:
    """True if two similar texts are a series, not versions of one story: the same wording with
    other figures, or, in a text of figures (one in :data:`PROSE_FIGURES` words or more), fewer than
    :data:`SHARED_FIGURES` of the figures of one found in the other."""
    template_a, template_b = earlier.template, later.template
    if template_a[:8] == template_b[:8] and template_a[8:] != template_b[8:]:
        return True
    if max(earlier.figure_count * PROSE_FIGURES >= earlier.words, later.figure_count * PROSE_FIGURES >= later.words):
        shared = _shared_figures(earlier.figures, later.figures)
        return shared is not None and shared < SHARED_FIGURES
    return False


def _shared_figures(first: bytes, second: bytes) -> float | None:
    """The share of the smaller of two sets of figures found in the other (None if one has none),
    from their bottom-k sketches: both are cut to the hashes below the smaller of their largest."""
    if not first or not second:
        return None
    a, b = array("H", first), array("H", second)
    if len(a) == FIGURES_KEPT or len(b) == FIGURES_KEPT:  # sketches of larger sets: compare the common range
        top = min(a[-1], b[-1])
        a, b = [value for value in a if value <= top], [value for value in b if value <= top]
    return len(set(a) & set(b)) / min(len(a), len(b))


def _shingles(size: int) -> str:
    """What a shingle of ``size`` words is called in messages."""
    return {1: "words", 2: "word pairs"}.get(size, f"{size}-word sequences")


def _share(similarity: float) -> str:
    """The estimated share, without claiming 100% for texts that differ."""
    return "almost all" if similarity >= 0.99 else f"about {similarity:.0%}"


def _template(tokens: list[str], figure: list[bool]) -> bytes:
    """8 bytes of hash of the wording with its figures masked, then 8 of the figures alone.

    A figure is a token with a digit or a spelled-out number (``figure`` says
    which tokens are); a run of them counts as one, so "4.25 pct" and "six
    pct" have the same wording. (A list comprehension: a regex over the text
    is three times slower here.)
    """
    wording = _FIGURE_RUN.sub("#", " ".join(["#" if f else t for t, f in zip(tokens, figure)]))
    figures = " ".join([t for t, f in zip(tokens, figure) if f])
    return (hashlib.blake2b(wording.encode("utf-8"), digest_size=8).digest()
            + hashlib.blake2b(figures.encode("utf-8"), digest_size=8).digest())


def _figures(figures: set[str]) -> bytes:
    """The document's distinct figure tokens as sorted 16-bit CRC-32 hashes, at most :data:`FIGURES_KEPT`."""
    values = sorted({zlib.crc32(token.encode("utf-8")) & 0xFFFF for token in figures})
    return array("H", values[:FIGURES_KEPT]).tobytes()
