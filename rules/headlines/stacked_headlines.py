import re

from corpuslint.rule import DocumentRule

#: Articles and auxiliary verbs: headlinese drops them, a lead sentence keeps them.
_SENTENCE_WORDS = re.compile(r"\b(?:the|a|an|is|are|was|were|has|have|had|will|would)\b")
#: A stacked line this long that reads like prose is the lead missing its full stop.
LEAD_MIN_WORDS = 10


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

    Fix: keep one headline; drop the others or move them into metadata
    (subtitle, standfirst) fields.
    """

    code = "H002"
    name = "stacked-headlines"
    severity = "warning"

    def check(self, doc):
        stacked = [span for i, span in enumerate(doc.headlines) if i == 0 or not _reads_like_lead(span.text)]
        if len(stacked) < 2:
            return
        second = stacked[1]
        others = [span.location() for span in stacked if span is not second]
        lines = ", ".join(str(span.location().line) for span in stacked)
        yield self.finding(second.field, second.start, second.end,
                           f"{len(stacked)} headline lines stacked before the body (lines {lines}); "
                           "keep one headline and drop the others or move them to metadata",
                           related=others)


def _reads_like_lead(line: str) -> bool:
    """True for a long sentence-case line with articles or auxiliaries: a lead without its full stop."""
    words = line.split()
    if len(words) < LEAD_MIN_WORDS or _title_case(words):
        return False
    return bool(_SENTENCE_WORDS.search(line.lower()))


def _title_case(words: list[str]) -> bool:
    """True if most words that start with a letter are capitalised ("Council Approves Final Repairs")."""
    lettered = [w for w in words if w[:1].isalpha()]
    capitalised = sum(1 for w in lettered if w[0].isupper())
    return capitalised * 4 >= len(lettered) * 3
