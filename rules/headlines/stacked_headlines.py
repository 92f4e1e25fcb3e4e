from corpuslint.rule import DocumentRule

from .helpers import stacked_headlines


class StackedHeadlines(DocumentRule):
    """More than one headline line before the body of one article.

    Why it matters: scrapers that keep the page title, the social-media title
    and the standfirst stack several headlines on top of the article. Which
    one is the headline is then a guess, headline search and de-duplication
    see three titles, and the extra lines read like a first paragraph.

    Example::

        Millbrook mayor: bridge will reopen soon

        Harbour crossing to carry traffic again by spring

        Town Council Approves Final Repairs, Sets Opening Day

        The bridge over Millbrook harbour will reopen in March...

    One finding is made at the second headline line; it names how many lines
    are stacked and where, and points at the others as related locations.
    Stacked lines are short lines that stand alone between blank lines and do
    not end like a sentence. A stacked line of ten or more words that reads
    like prose (it has an article or an auxiliary verb, and is not in Title
    Case) is taken for a lead paragraph that lost its full stop, not for a
    headline.

    A second headline that runs straight into the body, or that starts a
    record's text, is found by H006, which compares the body's first line
    with the corpus's own headlines and body text.

    Fix: keep one headline; drop the others or move them into metadata
    (subtitle, standfirst) fields.
    """

    code = "H002"
    name = "stacked-headlines"
    severity = "warning"

    def check(self, doc):
        stacked = stacked_headlines(doc)
        if len(stacked) < 2:
            return
        second = stacked[1]
        others = [span.location() for span in stacked if span is not second]
        lines = ", ".join(str(span.location().line) for span in stacked)
        yield self.finding(second.field, second.start, second.end,
                           f"{len(stacked)} headline lines stacked before the body (lines {lines}); "
                           "keep one headline and drop the others or move them to metadata",
                           related=others)

