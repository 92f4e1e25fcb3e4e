from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.fingerprints import body_fingerprint
from corpuslint.rule import CorpusRule, Option, stable_key

from .helpers import normalise_headline, publication_day

#: Related locations listed per finding, at most.
MAX_RELATED = 5


class HeadlineRecord(NamedTuple):
    """What H003 keeps of a document, under its normalised headline."""

    #: The fingerprint of the body (None: no text).
    body: bytes | None
    #: True if X001 compares this body, and so reports a copy of it.
    reported_by_x001: bool
    #: The publication day (see :func:`.helpers.publication_day`), None if undated.
    day: int | None
    #: Where the headline is.
    location: Location


class DuplicateHeadline(CorpusRule):
    """The same headline on documents whose texts differ.

    Why it matters: a headline should identify one story. When two different
    texts carry it, the corpus usually holds two versions of one story (an
    update, a rewrite, a re-sent correction), or a recurring column whose
    headline says nothing about its content. Either way, search results,
    headline-based de-duplication and headline-to-text training pairs are
    confused.

    Example: ``local/012.txt`` and ``local/377.txt`` are both headed
    "Harbour bridge reopens", with different texts.

    Headlines are compared in lower case with punctuation dropped and
    whitespace folded, so "Bridge re-opens!" and "BRIDGE RE OPENS" are the
    same headline. A document is reported when an earlier one has the
    headline with a different text and is dated at most ``max-days`` apart:
    a headline that recurs every week ("Weekly harbour traffic") heads a
    series, not versions of one story. An undated document is compared with
    every earlier one; a dated one only with dated ones. The message names
    that earlier document; the related locations list it and up to four
    others with the headline. ``allow`` lists headlines that may repeat
    (recurring columns such as "Letters"), compared the same way.

    A document with the same headline and the same body as an earlier one
    (compared as X001 does) is a copy: X001 reports it when the body has at
    least X001's ``min-words``; a copy with a shorter or empty body is
    reported here ("same headline and text as ..."), since no other rule
    would, when the two are dated at most ``max-days`` apart (a headline-only
    flash repeated every week is a series, not a copy).

    Cost per document: one integer key (a hash of the headline; 16 bytes in
    the engine) and a record of a 12-byte body hash, a flag, the date and the
    headline location.

    Fix: if the texts are versions of one story, keep one; otherwise give each
    story a headline of its own.
    """

    code = "H003"
    name = "duplicate-headline"
    severity = "warning"
    requires = ("X001",)
    options = {
        "allow": Option([], "headlines that may repeat across documents", item=str),
        "max-days": Option(2, "dated documents further apart than this many days are not compared", minimum=0),
    }

    def setup(self):
        self.allowed = {normalise_headline(headline) for headline in self.opts.allow}
        self.copies_min_words = self.peer("X001").opts.min_words

    def collect(self, doc):
        if not doc.headlines:
            return
        headline = normalise_headline(doc.headlines[0].text)
        if not headline or headline in self.allowed:
            return
        reported_by_x001 = body_fingerprint(doc, self.copies_min_words) is not None
        record = HeadlineRecord(body_fingerprint(doc), reported_by_x001, publication_day(doc),
                                doc.headlines[0].location())
        yield stable_key(headline), record

    def finish(self, key, records, corpus):
        # Everything below is linear in the records: thousands of documents may share a headline.
        head = [record.location for record in records[:MAX_RELATED + 1]]
        count = len(records) - 1
        texts = {}  # body hash (None: no text) -> day -> (corpus index, location) of its first document
        earliest = {}  # day (None: undated) -> (corpus index, location) of its first new text
        for index, (body, reported_by_x001, day, location) in enumerate(records):
            same_text = texts.setdefault(body, {})
            if same_text:  # the same text again: a copy, or a recurring item if dated far apart
                if not reported_by_x001:
                    original = self.earlier_text(same_text, day)
                    if original is not None:
                        yield self.copy_finding(location, original, body is None)
                same_text.setdefault(day, (index, location))
                continue
            same_text[day] = (index, location)
            first = self.earlier_text(earliest, day)
            earliest.setdefault(day, (index, location))
            if first is None:
                continue
            others = [loc for loc in head if loc != location and loc != first]
            yield self.finding_at(
                location,
                f"headline also used by {count} other document{'s' if count > 1 else ''} "
                f"(first: {first.short()}) with a different text; keep one version of the story "
                "or give each story its own headline",
                related=[first, *others[:MAX_RELATED - 1]])

    def copy_finding(self, location, original, empty: bool):
        """A copy of an earlier document that X001 does not report (its body is short or empty)."""
        if empty:
            message = (f"same headline as {original.short()}, and neither has a body text; "
                       "keep one copy and restore the story's text")
        else:
            message = f"same headline and text as {original.short()}; keep one copy"
        return self.finding_at(location, message, related=[original])

    def earlier_text(self, earliest: dict, day: int | None):
        """The first earlier text dated within ``max-days`` of ``day``; any earlier text if undated."""
        max_days = self.opts.max_days
        if day is None:
            return next(iter(earliest.values()), (None, None))[1]  # in corpus order: the first is the earliest
        if 2 * max_days + 1 <= len(earliest):
            candidates = [earliest[d] for d in range(day - max_days, day + max_days + 1) if d in earliest]
        else:
            candidates = [value for d, value in earliest.items() if d is not None and abs(d - day) <= max_days]
        return min(candidates, key=lambda value: value[0], default=(None, None))[1]
