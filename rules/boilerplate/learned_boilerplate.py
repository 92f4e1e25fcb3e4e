import hashlib
import itertools
import math
import zlib
from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.fingerprints import body_fingerprint
from corpuslint.rule import CorpusRule, Option, stable_key
from corpuslint.text import SENTENCE_BREAK, WORD_RE, quote

from .helpers import template

#: Longer paragraphs and sentences are text, not furniture, and are not keyed.
MAX_KEY_CHARS = 200
#: How many other carriers a finding lists as related locations.
RELATED = 3
_PLACES = {"tail": "closing text {} recurs at the end", "head": "opening paragraph {} recurs at the start"}
_STRIP = " \t.!:;|-\u2013\u2014\u2026\u00bb>"
#: A story sketch holds the hashes of this many of a body's long words (the least hashes) ...
SKETCH_SIZE = 6
#: ... of at least this many letters: names and content words, not the words every story uses.
SKETCH_WORD_CHARS = 7
#: Two carriers whose full sketches share this many hashes tell the same story (a copy or a revision).
SAME_STORY = 3


class PassageRecord(NamedTuple):
    """What B002 keeps of a document's opening paragraph or closing text, under its hash."""

    #: ``"head"`` (opening paragraph) or ``"tail"`` (closing text).
    place: str
    #: Where the passage is.
    location: Location
    #: The fingerprint of the document's body: copies of one document count once.
    body: bytes | None
    #: The passage's first 60 characters, for the message.
    snippet: str
    #: The story's sketch (see :func:`story_sketch`): versions of one story count once.
    sketch: bytes


def _digest(place: str, text: str) -> bytes:
    """A 12-byte hash of ``text`` with case and whitespace folded; a closing text's numbers are masked too.

    ``Copyright 2017 Harbour Daily.`` and ``Copyright 2018 Harbour Daily.``
    are one closing template; opening paragraphs keep their numbers, as
    ``Qtly div 10 cts vs 10 cts prior`` and ``Qtly div 25 cts ...`` are news.
    """
    folded = template(text) if place == "tail" else " ".join(text.lower().split())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=12).digest()


class LearnedBoilerplate(CorpusRule):
    """A closing sentence or opening paragraph that recurs in many documents of this corpus.

    Why it matters: every site and feed has its own furniture (a sign-off, a
    credit line, a newsletter plug) that no built-in list knows. When the same
    closing sentence or opening paragraph recurs across a large
    share of the corpus, it is a template, not writing: it biases models and
    statistics and makes unrelated documents look alike. The closing text is
    the last sentence of the last paragraph (the whole paragraph if it is one
    sentence, as a sign-off is); the opening text is the first paragraph after
    the headline (a second headline line counts as one).

    Example: in a wire corpus, ``Reuter`` is the last paragraph of 18,692 of
    21,578 records; in a scrape of one site, three of ten articles end with
    ``Get our free bulletin every morning.``, and each of the three is
    reported.

    A text is reported when at least ``min-count`` different stories carry it
    and they are at least ``min-share`` of the corpus (so a small corpus needs
    a few repeats and a large one a real pattern: 5 of 2,225 articles, 44 of
    21,578 records). Exact copies of a document count once (X001 reports the
    copies), and so do versions of one story (a near-duplicate, an update,
    which share their last sentence because they share their text): two
    documents whose longest words mostly agree tell the same story. What B001
    already reports is skipped.
    Closing texts that differ only in their numbers ("Copyright 2017 ...",
    "Copyright 2018 ...") count as one.
    Texts over 200 characters, and the only paragraph of a one-paragraph
    document, are not counted.
    Every carrier is reported, with a few others as related locations. Add
    a recurring text that is furniture to B001's list (``extends:
    boilerplate-phrase``) so that its fix removes it.

    Costs at most two records per document, each a location, the 12-byte
    body hash X001 compares, a 60-character excerpt and a 24-byte story
    sketch: measured at 1.6 records and about 200 bytes per document on wire
    copy, 1.6 records and 230 bytes on scraped web articles, before the
    sketch added about 40 bytes per document.
    """

    code = "B002"
    name = "learned-boilerplate"
    severity = "info"
    requires = ("B001",)
    options = {
        "min-count": Option(3, "fewest different stories that must carry the same text", minimum=2),
        "min-share": Option(0.002, "smallest share of the corpus's documents that must carry it",
                            minimum=0.0, maximum=1.0),
    }

    def setup(self):
        self.known = self.peer("B001")
        self.min_records = self.opts.min_count

    def collect(self, doc):
        field = doc.body
        paragraphs = [p for p in doc.headlines[1:] + doc.paragraphs if p.field is field]
        if not paragraphs:
            return
        paragraphs = self.known.article_spans(doc, field, [(p.start, p.end) for p in paragraphs])
        keyed = list(self._keyed_spans(field.text, paragraphs))
        if not keyed:
            return
        body = body_fingerprint(doc)
        for place, start, end in keyed:
            snippet = field.text[start:end]
            record = PassageRecord(place, field.location(start, end), body, snippet[:60], story_sketch(field, snippet))
            yield stable_key(place, _digest(place, snippet.strip(_STRIP))), record

    def _keyed_spans(self, text, paragraphs):
        """``(place, start, end)`` of the texts to count: the first paragraph, the closing sentence."""
        if len(paragraphs) < 2:
            return
        first_start, first_end = paragraphs[0]
        if first_end - first_start <= MAX_KEY_CHARS:
            yield "head", first_start, first_end
        last_start, last_end = paragraphs[-1]
        breaks = list(SENTENCE_BREAK.finditer(text, max(last_start, last_end - MAX_KEY_CHARS), last_end))
        if breaks:
            yield "tail", breaks[-1].end(), last_end
        elif last_end - last_start <= MAX_KEY_CHARS:
            yield "tail", last_start, last_end

    def finish(self, key, records, corpus):
        first_copies = {}
        for record in records:
            first_copies.setdefault(record.body, record)
        needed = _needed(self.opts, corpus.documents)
        if count_stories(first_copies.values(), needed) < needed:
            return
        count = len(first_copies)
        share = count / max(corpus.documents, 1)
        carriers = [(record.location, record.snippet) for record in first_copies.values()]
        what = _PLACES[records[0].place]
        for location, snippet in carriers:
            others = [loc for loc, _ in carriers[:RELATED + 1] if loc is not location][:RELATED]
            yield self.finding_at(
                location, f"{what.format(quote(snippet))} of {count} documents ({share:.1%} of the corpus): "
                          "a template, not article text; remove it (or add it to B001's list)",
                related=others)


def _needed(opts, documents: int) -> int:
    """How many different stories must carry a text: ``min-count``, and ``min-share`` of the corpus."""
    return max(opts.min_count, math.ceil(opts.min_share * documents - 1e-9))


def story_sketch(field, passage: str) -> bytes:
    """The least :data:`SKETCH_SIZE` CRC-32 hashes of the long words of ``field``, 4 bytes each.

    The words of ``passage`` (the text being counted) are left out, so that
    the template itself does not make its carriers look alike. Two versions of
    one story share most of their long words, and so most of their sketches;
    two different stories share few.
    """
    skip = set(WORD_RE.findall(passage.lower()))
    hashes = sorted(zlib.crc32(word.encode()) for word in field.word_set
                    if len(word) >= SKETCH_WORD_CHARS and word not in skip)
    return b"".join(value.to_bytes(4, "big") for value in hashes[:SKETCH_SIZE])


def count_stories(records, enough: int) -> int:
    """How many different stories ``records`` carry, counted up to ``enough``.

    A record whose sketch shares :data:`SAME_STORY` hashes with an earlier
    one's is a version of that story (a near-duplicate, an update). A sketch
    that is not full (a short document) is never matched: each counts.
    """
    seen, stories = set(), 0
    for record in records:
        sketch = record.sketch
        if len(sketch) < 4 * SKETCH_SIZE:
            stories += 1
        else:
            values = [sketch[i:i + 4] for i in range(0, len(sketch), 4)]
            groups = [b"".join(group) for group in itertools.combinations(values, SAME_STORY)]
            if seen.isdisjoint(groups):
                stories += 1
            seen.update(groups)
        if stories >= enough:
            break
    return stories
