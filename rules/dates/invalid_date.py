from corpuslint.rule import DocumentRule
from corpuslint.text import quote


class InvalidDate(DocumentRule):
    """A date that cannot be parsed, or that does not exist (``2005-02-30``).

    Why it matters: a bad date is worse than none: loaders either reject the
    record or silently store a wrong date (February 30th becomes March 2nd).

    Example::

        date 2005-02-30

    reports ``date '2005-02-30' is not a valid date: day is out of range for month``.
    Dates are parsed with python-dateutil; a date without a year or day
    (``Feb 26``, ``August 2021``) is reported as incomplete.
    """

    code = "D002"
    name = "invalid-date"
    severity = "error"

    def check(self, doc):
        for mention in doc.dates:
            if mention.error is None or mention.kind == "dateline":
                continue
            span = mention.span
            if mention.error in ("no year", "no day"):
                message = f"date {quote(mention.raw)} is incomplete ({mention.error}); write a full date"
            else:
                message = f"date {quote(mention.raw)} is not a valid date: {mention.error}"
            yield self.finding(span.field, span.start, span.end, message)
