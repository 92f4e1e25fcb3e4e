import math
from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.rule import CorpusRule, Option, stable_key

from .helpers import (
    LEAD_MIN_WORDS,
    describe_line,
    evidence,
    join_words,
    modelled,
    profile,
    shape_words,
    source_group,
)

#: The one key: every document's record meets every other one.
_KEY = stable_key("H005", "first lines")


class FirstLineRecord(NamedTuple):
    """What H005 keeps of a document (about 100 bytes pickled; 210 with the location)."""

    #: Its source group and the kind of group (see :func:`.helpers.source_group`).
    group: int
    kind: int
    #: The shapes of its headline and of its first body paragraph (0: none; see :func:`.helpers.shape`).
    head: int
    lead: int
    #: Where the headline is, if it is long enough to be a lead (otherwise None).
    location: Location | None


class LeadAsHeadline(CorpusRule):
    """The headline line (or title) reads like the corpus's lead paragraphs, not like its headlines.

    Why it matters: when a scraper loses the headline, the first line of the
    text is the lead paragraph, and every tool that takes the first line for
    the headline indexes, lists and de-duplicates the article by a sentence
    from its body. Such a lead is often short enough to pass for a headline
    on its own (H001 reports a first line only past 30 words or 150
    characters); next to the corpus's other documents it stands out.

    Example: 2,180 of 2,225 documents in ``news/`` start with a headline of
    3-9 words that does not end with a full stop, and ``news/077.txt``
    starts with::

        Shares in the harbour ferry operator rose sharply on Monday after it agreed to buy two vessels.

    How it works: the rule learns, from the documents themselves, what their
    headlines (the first line, or a record's title) and their first body
    paragraphs look like: how many words (a log-normal spread around the
    median), whether they end like a sentence, their case (sentence case,
    Title Case, capitals) and whether they have articles and auxiliaries
    ("the", "is", "has"). A headline is reported when it is longer than
    nearly all of the corpus's headlines (their upper quartile plus three
    interquartile ranges) and its shape is at least ``min-ratio`` times
    likelier among the leads than among the headlines (a naive Bayes
    likelihood ratio over those features, each feature's share capped so
    that none decides alone against the others). A first line of fewer
    than 10 words is never reported. The median and the quartiles are
    robust: a few percent of documents with the defect do not hide it.

    The shapes are learned per source: the text files of one folder, the
    records of one file (or one folder of single-record files). A source
    with fewer than ``min-documents`` documents with both a headline and a
    body uses what all text files (or all records) of the run have in
    common; when those are fewer still, this rule says nothing and H001
    judges each document on its own. A corpus whose headlines end with a
    full stop, or whose first lines are all leads, does not make a lead
    stand out, and is not reported.

    Cost per document: one record of four small integers (about 100 bytes),
    and the headline's location for a headline of 10 words or more.

    Fix: write a headline above the lead (or in the record's title field and
    move this text to the body).
    """

    code = "H005"
    name = "lead-as-headline"
    severity = "warning"
    min_records = 1
    options = {
        "min-documents": Option(20, "fewest documents with a headline and a body to learn a source's shapes from",
                                minimum=2),
        "min-ratio": Option(30.0, "how many times likelier among leads than among headlines a reported line is",
                            minimum=1.0),
    }

    def collect(self, doc):
        shapes = profile(doc)
        if not shapes.head and not shapes.lead:
            return
        group, kind = source_group(doc)
        candidate = shape_words(shapes.head) >= LEAD_MIN_WORDS
        location = doc.headlines[0].location() if candidate else None
        yield _KEY, FirstLineRecord(group, kind, shapes.head, shapes.lead, location)

    def finish(self, key, records, corpus):
        threshold = math.log(self.opts.min_ratio)
        for record, model in modelled(records, self.opts.min_documents, ("lead",)):
            words = shape_words(record.head)
            heads, leads = model.headlines, model.leads
            if words <= heads.robust_max():
                continue
            seen = evidence(record.head, leads, heads)
            if seen.total >= threshold:
                yield self.finding_at(record.location, self.message(record, model, seen))

    def message(self, record, model, seen) -> str:
        """What the line looks like, and what the corpus's headlines look like instead."""
        heads = model.headlines
        line, usual = describe_line(record.head, seen, heads)
        low, limit = heads.quantile(0.01), heads.robust_max()
        typical = [words for words in heads.words if low <= words <= limit]
        high = typical[-1] if typical else limit
        what = "title" if record.location.field else "first line"
        return (f"the {what} {join_words(line)}, like a lead paragraph: {len(typical):,} of {heads.count:,} documents "
                f"in {model.label} start with a headline of {low}-{high} words"
                + (f" ({'; '.join(usual)})" if usual else "")
                + "; write a headline above this lead")
