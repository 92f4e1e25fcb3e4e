from corpuslint.dates import NO_DAY, NO_YEAR
from corpuslint.rule import DocumentRule
from corpuslint.text import quote


class InvalidDate(DocumentRule):
    """A date that cannot be parsed, or that does not exist (``2005-02-30``).

    Why it matters: a bad date is worse than none: loaders either reject the
    record or silently store a wrong date (February 30th becomes March 2nd).

    Example::

        date 2005-02-30

    reports ``date '2005-02-30' is not a valid date: day is out of range for
    month; correct it from the source``. A date without a year or day
    (``Feb 26``, ``August 2021``, ``2021``) is reported as incomplete.

    Dates are read in these forms (the time of day and its time zone, if
    any, are accepted and ignored: the date is the one written):

    - ISO 8601: ``2018-02-26``, ``2018-02-26T15:01:01Z``,
      ``2018-02-26 15:01:01+05:30``, ``20180226T150101Z``, and
      ``2018/02/26``, ``2018.02.26``;
    - RFC 2822 (e-mail, RSS): ``Mon, 26 Feb 2018 15:01:01 +0000``, ``... GMT``;
    - news forms: ``Feb 26, 2018``, ``February 26, 2018 3:01 PM EST``,
      ``26 February 2018``, ``26th Feb. 2018``, ``26-FEB-1987 15:01:01.79``,
      ``26/02/2018`` and ``02/26/2018`` (month first when both could be);
    - compact dates: ``20180226`` and ``20180226150101`` (8 and 14 digits);
    - Unix timestamps, as numbers or numeric strings: seconds
      (``1519657261``, ``1519657261.79``), milliseconds (``1519657261790``),
      microseconds or nanoseconds since 1970-01-01 UTC. The unit follows
      from the size: a number is a timestamp only if it gives a date from
      1971 to 2100 in one of the four units, and these ranges do not
      overlap. Anything else (``0``, ``12``, ``-1``) is reported as not a
      plausible timestamp;
    - MongoDB exports: ``{"$date": "2018-02-26T15:01:01Z"}``,
      ``{"$date": 1519657261790}`` and
      ``{"$date": {"$numberLong": "1519657261790"}}`` (milliseconds);
    - Parquet and Arrow date and timestamp columns, which are dates already.

    Any other form is parsed with python-dateutil. A value that is not a date
    at all (``true``, a list, another object) is reported as such.
    """

    code = "D002"
    name = "invalid-date"
    severity = "error"

    def check(self, doc):
        for mention in doc.dates:
            if mention.error is None or mention.kind == "dateline":
                continue
            span = mention.span
            if mention.error in (NO_YEAR, NO_DAY):
                message = f"date {quote(mention.raw)} is incomplete ({mention.error}); write a full date"
            else:
                message = f"date {quote(mention.raw)} is not a valid date: {mention.error}; correct it from the source"
            yield self.finding(span.field, span.start, span.end, message)
