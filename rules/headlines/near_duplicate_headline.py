import difflib
import re
from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.fingerprints import body_fingerprint
from corpuslint.minhash import MAX_BANDS, MinHasher
from corpuslint.rule import CorpusRule, Option, stable_key
from corpuslint.text import quote
from corpuslint.words import NUMBER_WORDS

from .helpers import normalise_headline, publication_day

#: Words that state when something happened; headlines that differ in them are different items.
_DATE_WORDS = frozenset(
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split())
_NEGATIONS = frozenset(("not", "no", "never"))
_FACT_WORDS = _DATE_WORDS | NUMBER_WORDS | _NEGATIONS
_WORD_WITH_DIGIT = re.compile(r"\w*\d\w*")
#: Words whose swap does not change what a headline is about ("during" / "at").
_FUNCTION_WORDS = frozenset(
    "a an the in at on to of for by with from into during after before over as and or is are was were "
    "be says said say".split())
#: Swapped words less alike than this (rapidfuzz ratio) are unrelated: "ferry" / "parking", "backs" / "drops".
RELATED_WORDS = 70
#: Headlines less alike than this (rapidfuzz ratio) are not versions, even when one is the other with
#: a word or two slipped in.
INSERTION_FLOOR = 75
#: One headline is the other with at most this many words slipped in, in one place; it keeps at
#: least :data:`INSERTION_MIN_WORDS` words of the other.
MAX_INSERTED_WORDS = 2
INSERTION_MIN_WORDS = 4
#: Candidate pairs verified per block, at most; see the class documentation.
MAX_VERIFIED_PAIRS = 5000
#: The bits of a band key below its band index (see :meth:`MinHasher.band_keys`).
_LOW_56_BITS = (1 << 56) - 1


class HeadlineRecord(NamedTuple):
    """What H004 keeps of a document, under each of its band keys."""

    #: The headline as written.
    text: str
    #: Its numbers, dates and negations (see :func:`_facts`): headlines differing in them differ.
    facts: tuple[str, ...]
    #: The MinHash signature of its character shingles.
    signature: bytes
    #: X001's fingerprint of the body (None if X001 does not compare it).
    copy_key: bytes | None
    #: The publication day (see :func:`.helpers.publication_day`), None if undated.
    day: int | None
    #: Where the headline is.
    location: Location


class NearDuplicateHeadline(CorpusRule):
    """Two headlines that are almost the same ("Harbour bridge to reopen in spring" / "... set to reopen ...").

    Why it matters: a headline that differs from another by a word or two
    usually marks a second version of the same story (an update, a re-sent
    correction, a copy with an edited title). The versions weigh twice in
    counts, search and training data, and exact headline matching (H003) does
    not see them.

    Example::

        local/081.txt: Millbrook council approves harbour budget
        local/112.txt: Millbrook council approves new harbour budget

    How it works: each headline is lower-cased, stripped of punctuation and
    cut into shingles of ``shingle-size`` characters; a MinHash signature of
    ``num-perm`` permutations is cut into ``bands`` bands, and headlines that
    agree on a whole band and have the same figures, date words and
    negations (see below) meet in one block (banding keeps the cost linear;
    headlines with other figures never meet, however many share a band:
    "Harbour plan 112 approved" and "Harbour plan 113 approved"). Inside a
    block, pairs whose MinHash estimate of shingle
    similarity is below (``threshold`` - 55) / 100 are dropped (on 22,000
    wire and news headlines, no pair with a ratio at or above the threshold
    fell below that), and the rest are verified with rapidfuzz's ``ratio``
    (0-100) against ``threshold``. A pair under the threshold is still
    reported when one headline is the other with one or two words slipped in,
    in one place ("Ferry crews back pay deal" / "Ferry crews quietly back pay
    deal": a short headline loses a lot of its ratio to one added word), if
    the shorter has 4 words or more and the ratio is 75 or more. A pair that
    meets in several bands is judged only in the first. With the defaults (3-character shingles, 64
    permutations, 16 bands of 4), 99.6% of the pairs with a ratio of 90 or
    more met in some band on a corpus of 20,000 wire headlines.

    Not reported: headlines that are the same after normalising (H003);
    documents with the same body, when X001 reports them (the body has
    X001's ``min-words``); headlines that differ in a number, a month, a
    weekday or a negation ("Ferry passengers up 4 pct in May, operator
    says" / "Ferry passengers up 7 pct in June, operator says": a series of
    reports, not versions); headlines where a word is swapped for an
    unrelated one ("Millbrook harbour ferry fares to rise again next spring"
    / "Millbrook harbour parking fares ...", "Millbrook town council backs
    new harbour car park plan" / "... drops ...": two items, not two
    versions; typos and inflections such as "Milbrook" / "Millbrook" or
    "seek" / "seeks" are still reported); and documents dated more than
    ``max-days`` apart (a recurring headline, not a second version). An
    undated document is compared with every earlier one, a dated one only
    with dated ones. The later document is reported, with the earlier one as
    the related location.

    Work per block is capped: at most 5,000 candidate pairs of one block
    are verified (in corpus order; the rest of that block is not judged).
    Only a headline template filled in thousands of ways reaches the cap,
    and its first findings already show it.

    Cost per document: 16 integer keys (a band index and a hash of the
    band's slice and of the figures; 16 bytes each in the engine) sharing one record of the
    headline text (about 60 bytes), its figures (usually none), a 128-byte
    signature, a 12-byte body hash, a flag, the date and the headline
    location.

    Fix: if both are versions of one story, keep one; otherwise make the
    headlines distinct.
    """

    code = "H004"
    name = "near-duplicate-headline"
    severity = "warning"
    requires = ("X001",)
    options = {
        "threshold": Option(90, "smallest rapidfuzz ratio (0-100) reported", minimum=50, maximum=100),
        "shingle-size": Option(3, "characters per shingle", minimum=2, maximum=8),
        "num-perm": Option(64, "MinHash permutations", minimum=8, maximum=512),
        "bands": Option(16, "LSH bands; num-perm must be a multiple of it", minimum=1, maximum=MAX_BANDS),
        "max-days": Option(2, "dated documents further apart than this many days are not compared", minimum=0),
    }

    def setup(self):
        from rapidfuzz.fuzz import ratio  # 10 ms to import: paid only by a run with H004

        self.ratio = ratio
        self.hasher = MinHasher(self.opts.num_perm, self.opts.bands, f"{self.code} ({self.name})")
        self.min_similarity = max(0.0, (self.opts.threshold - 55) / 100)
        self.copies_min_words = self.peer("X001").opts.min_words

    def collect(self, doc):
        if not doc.headlines:
            return
        span = doc.headlines[0]
        headline = normalise_headline(span.text)
        if not headline:
            return
        signature = self.hasher.signature(self.shingles(headline))
        copy_key = body_fingerprint(doc, self.copies_min_words)  # None if X001 does not compare the body
        facts = _facts(headline)
        record = HeadlineRecord(span.text, facts, signature, copy_key, publication_day(doc), span.location())
        keys = self.hasher.band_keys(signature)
        if facts:  # only headlines with the same facts are paired: they alone need to meet
            salt = stable_key(*facts) & _LOW_56_BITS
            keys = [key ^ salt for key in keys]
        for key in keys:
            yield key, record

    def shingles(self, headline: str) -> list[bytes]:
        """The headline's character shingles (a character is one, however many bytes it takes)."""
        padded = f" {headline} "
        windows = zip(*[padded[start:] for start in range(min(self.opts.shingle_size, len(padded)))])
        return list(map(str.encode, map("".join, windows)))

    def finish(self, key, records, corpus):
        band = self.hasher.band_of(key)
        by_facts = {}
        for record in records:  # headlines with other figures are never the same item
            by_facts.setdefault(record.facts, []).append(record)
        budget = MAX_VERIFIED_PAIRS
        for records_of_facts in by_facts.values():
            group = _distinct(records_of_facts) if len(records_of_facts) > 1 else ()  # normalised only in pairs
            if len(group) < 2:
                continue
            block = self.hasher.matrix([record.signature for _, record in group])
            for i in range(len(group) - 1):
                later, _ = self.hasher.candidates(block, i, band, self.min_similarity)
                for j in later[:budget]:
                    yield from self.verify(group[i], group[j])
                budget -= len(later)
                if budget <= 0:
                    return

    def swaps_unrelated_words(self, a: str, b: str) -> bool:
        """True if one headline puts an unrelated word where the other has another ("ferry"/"parking")."""
        words_a, words_b = a.split(), b.split()
        matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
        for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
            if tag != "replace":
                continue
            old, new = words_a[a_start:a_end], words_b[b_start:b_end]
            if _FUNCTION_WORDS.issuperset(old + new):
                continue
            if self.ratio(" ".join(old), " ".join(new)) < RELATED_WORDS:
                return True
        return False

    def verify(self, earlier: tuple[str, HeadlineRecord], later: tuple[str, HeadlineRecord]):
        """Findings for two ``(normalised headline, record)`` that share a band."""
        (a, first), (b, second) = earlier, later
        if first.copy_key is not None and first.copy_key == second.copy_key:
            return  # the same document twice: X001 reports it
        if second.day is not None and (first.day is None or abs(first.day - second.day) > self.opts.max_days):
            return  # a dated document is compared only with documents dated near it
        score = self.ratio(a, b, score_cutoff=INSERTION_FLOOR)
        if not score:
            return
        if score >= self.opts.threshold:
            if self.swaps_unrelated_words(a, b):
                return
            how = f"{score:.0f}% similar"
        else:
            inserted = inserted_words(a, b)
            if inserted is None:
                return
            how = f"the same words with {quote(inserted)} added"
        yield self.finding_at(
            second.location,
            f"headline nearly the same as {quote(first.text)} ({first.location.short()}, {how}); "
            "if both are versions of one story keep one, otherwise make the headlines distinct",
            related=[first.location])


def inserted_words(a: str, b: str) -> str | None:
    """The words one normalised headline adds, in one place, to all the words of the other
    ("council quietly approves harbour budget" / "council approves harbour budget": "quietly"), or None.

    At most :data:`MAX_INSERTED_WORDS` words, and the shorter headline has at least
    :data:`INSERTION_MIN_WORDS` words. (Headlines with other figures, date words or negations are
    never compared.)
    """
    short, long = sorted((a.split(), b.split()), key=len)
    extra = len(long) - len(short)
    if not 1 <= extra <= MAX_INSERTED_WORDS or len(short) < INSERTION_MIN_WORDS:
        return None
    head = 0
    while head < len(short) and short[head] == long[head]:
        head += 1
    if long[head + extra:] != short[head:]:
        return None
    return " ".join(long[head:head + extra])


def _distinct(records: list[HeadlineRecord]) -> list[tuple[str, HeadlineRecord]]:
    """``(normalised headline, record)`` of the first record of each normalised headline (the same
    headline again is H003's business)."""
    seen, kept = set(), []
    for record in records:
        normalised = normalise_headline(record.text)
        if normalised not in seen:
            seen.add(normalised)
            kept.append((normalised, record))
    return kept


def _facts(headline: str) -> tuple[str, ...]:
    """The numbers, number words, date words and negations of a normalised headline, sorted."""
    facts = [word for word in headline.split() if word in _FACT_WORDS]
    facts += _WORD_WITH_DIGIT.findall(headline)
    return tuple(sorted(facts))
