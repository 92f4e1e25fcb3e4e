import math
from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.rule import CorpusRule, Option, stable_key

from .helpers import (
    SENTENCE_CASE,
    describe_line,
    evidence,
    first_line_span,
    join_words,
    line_after,
    modelled,
    normalise_headline,
    profile,
    shape,
    shape_case,
    shape_words,
    source_group,
    stacked_headlines,
)

#: The one key: every document's record meets every other one.
_KEY = stable_key("H006", "first lines")
#: A line longer than this is never taken for a stacked headline.
MAX_WORDS = 15


class BodyStartRecord(NamedTuple):
    """What H006 keeps of a document (about 110 bytes pickled; 220 with the location)."""

    #: Its source group and the kind of group (see :func:`.helpers.source_group`).
    group: int
    kind: int
    #: The shapes of its headline, of the first line of its body and of the first line of its second
    #: paragraph (0: none; see :func:`.helpers.shape`).
    head: int
    first: int
    second: int
    #: True if the line after the body's first line has the same case (capitals, Title Case).
    styled: bool
    #: True if the body's first line is the headline again (compared as H003 compares headlines).
    repeats: bool
    #: Where the body's first line is, if it is short enough to be a headline (otherwise None).
    location: Location | None


class HeadlineAsLead(CorpusRule):
    """The body starts with a line that reads like the corpus's headlines: a second headline stacked on it.

    Why it matters: scrapers that keep the page title, the social-media title
    or the standfirst put a second headline at the top of the text. When it
    runs straight into the body (no blank line after it), or a record's text
    starts with it under the title, H002 does not see it; the extra line then
    reads as the lead paragraph to every tool that takes the first paragraph
    for a summary, and the article carries two headlines.

    Example: in ``news.jsonl``, titles are in capitals and texts start with a
    sentence, and one record's text starts::

        HARBOUR FERRY OPERATOR TO BUY TWO VESSELS
        Shares in the harbour ferry operator rose sharply on Monday...

    How it works: the rule learns, from the documents themselves, what their
    headlines (the first line, or a record's title) and their lines of body
    text (the first lines of each document's first two paragraphs: with two
    lines per document, a few stacked headlines do not make one usual) look
    like: how many words (a
    log-normal spread around the median), whether they end like a sentence,
    their case (sentence case, Title Case, capitals) and whether they have
    articles and auxiliaries ("the", "is", "has"). The first line of a
    body is reported when more body text follows it, it has no more words
    than 95% of the corpus's headlines (and at most 15), and its shape is
    at least ``min-ratio`` times likelier among the headlines than among
    the lines of body text (a naive Bayes likelihood ratio over those
    features, each feature's share capped so that none decides alone).
    Not reported: a line whose next line starts in lower case (the start
    of a hard-wrapped sentence), and a record without a title (H001 says
    that the text starts with its headline). A line in capitals or Title
    Case followed by more text in the same case is the text's style, and
    its case counts for nothing. A document H002 already reports (stacked
    headline lines between blank lines) is left to H002. The message says
    when the line is the headline again.

    The shapes are learned per source, as H005 learns them: the text files
    of one folder, the records of one file (or one folder of single-record
    files), falling back to all text files (or all records) of the run when
    a source has fewer than ``min-documents`` documents with a headline and
    a body, and saying nothing when those are fewer still (H002 judges each
    document on its own). A corpus whose lines of body text are often short
    (hard-wrapped text, tables of figures) makes a short first line
    unremarkable.

    Cost per document: one record of five small integers and two flags (about 110 bytes),
    and the location of the body's first line when it has 15 words or fewer.

    Fix: keep one headline; drop the other line or move it into metadata
    (subtitle, standfirst).
    """

    code = "H006"
    name = "headline-as-lead"
    severity = "warning"
    min_records = 1
    options = {
        "min-documents": Option(20, "fewest documents with a headline and a body to learn a source's shapes from",
                                minimum=2),
        "min-ratio": Option(30.0, "how many times likelier among headlines than among lines of body text "
                            "a reported line is", minimum=1.0),
    }

    def collect(self, doc):
        shapes = profile(doc)
        if not shapes.head and not shapes.second:
            return
        group, kind = source_group(doc)
        location, styled, repeats = None, False, False
        if shapes.head and shapes.first and shape_words(shapes.first) <= MAX_WORDS \
                and len(stacked_headlines(doc)) < 2:
            field, start, end = first_line_span(doc)
            following = line_after(field, end)
            if not following[:1].islower():  # lower case: the line starts a wrapped sentence
                location = field.location(start, end)
                case = shape_case(shapes.first)
                styled = case != SENTENCE_CASE and shape_case(shape(following)) == case
                repeats = normalise_headline(field.text[start:end]) == normalise_headline(doc.headlines[0].text)
        yield _KEY, BodyStartRecord(group, kind, shapes.head, shapes.first, shapes.second, styled, repeats, location)

    def finish(self, key, records, corpus):
        threshold = math.log(self.opts.min_ratio)
        for record, model in modelled(records, self.opts.min_documents, ("first", "second")):
            if shape_words(record.first) > model.headlines.quantile(0.95):
                continue
            seen = evidence(record.first, model.headlines, model.leads)
            if record.styled:  # the text goes on in the same case: it is the text's style, not a headline's
                seen = seen._replace(case=min(0.0, seen.case))
            if seen.total >= threshold:
                yield self.finding_at(record.location, self.message(record, model, seen))

    def message(self, record, model, seen) -> str:
        """What the line looks like, and what the corpus's lines of body text look like instead."""
        body = model.leads
        line, usual = describe_line(record.first, seen, body)
        low, high = body.quantile(0.05), body.quantile(0.95)
        typical = sum(1 for words in body.words if low <= words <= high)
        start = "the text starts with the headline again: a line that" if record.repeats \
            else "the text starts with a line that"
        return (f"{start} {join_words(line)}, like a headline: in {model.label}, {typical:,} of the "
                f"{body.count:,} first and second paragraphs start with a line of {low}-{high} words"
                + (f" ({'; '.join(usual)})" if usual else "")
                + "; keep one headline and drop this line or move it to metadata")
