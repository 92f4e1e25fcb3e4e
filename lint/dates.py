"""Finding and parsing the dates a document carries.

Dates are parsed with python-dateutil, behind a fast path for ISO dates.
A date is either parsed to a :class:`datetime.date` or rejected with a short
reason ("day is out of range for month", "no year", "not a date").
"""
from __future__ import annotations

import datetime as dt
import re
import warnings

MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAYS = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_TIME = (r"(?:[T ,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?"
         r"(?:\s?(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4}))?)?")

#: A date written in one of the common ways, at the start of a string.
DATE_AT_START = re.compile(
    r"(?:" + WEEKDAYS + r",?\s+)?(?:"
    r"\d{4}-\d{1,2}-\d{1,2}"                                  # 2021-08-04
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"                         # 04/08/2021
    r"|\d{1,2}-" + MONTHS + r"-\d{2,4}"                       # 14-MAR-1987
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + MONTHS + r",?\s+\d{4}"   # 4 August 2021
    r"|" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"   # August 4, 2021
    r")" + _TIME,
    re.IGNORECASE,
)

#: Labels that introduce a date on a metadata line: ``date 2021-08-04``, ``Published: ...``.
DATE_LABEL = re.compile(
    r"(?P<label>(?:first\s+|last\s+)?(?:date(?:d|line)?|published|publication\s+date|"
    r"posted|updated|modified|pubdate)(?:\s+on)?)\s*[:\-\u2013\u2014]?\s*",
    re.IGNORECASE,
)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_SENTINELS = (dt.datetime(1904, 2, 29), dt.datetime(1905, 3, 30))
_MONTH_NUMBERS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1)
    for name in names.split()}
_CLOCK = (r"(?:[T ,]+(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
          r"(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?(?:Z|UTC|GMT|[A-Z]{3,4}|[+-]\d{2}:?\d{2}))?)?$")
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
#: Common spellings parsed without dateutil: "14-MAR-1987 09:30:00.00", "Wed, 4 Aug 2021", "August 4, 2021".
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?[-\s]+([A-Za-z]+)\.?[-\s,]+(\d{4})" + _CLOCK)
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _CLOCK)


def _common_format(text: str):
    """``(date or None, error or None)`` for a common spelling, or ``None`` to ask dateutil."""
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        m = pattern.match(text)
        if m is None:
            continue
        day, month, year = (m.group(i + 1) for i in order)
        number = _MONTH_NUMBERS.get(month.lower())
        if number is None:
            return None
        try:
            return dt.date(int(year), number, int(day)), None
        except ValueError as err:
            return None, str(err)
    return None


def parse_date(raw: str) -> tuple[dt.date | None, str | None]:
    """Parse ``raw`` into a date, or say why it cannot be parsed."""
    text = raw.strip()
    if not text:
        return None, "empty"
    iso = _ISO.match(text)
    if (iso and iso.end() == len(text)) or (iso and text[iso.end()] in "T :"):
        try:
            return dt.date(*(int(g) for g in iso.groups())), None
        except ValueError as err:
            return None, str(err)
    common = _common_format(text)
    if common is not None:
        return common
    from dateutil import parser  # imported on first use: it is slow to import

    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for default in _SENTINELS:
            try:
                results.append(parser.parse(text, default=default))
            except (ValueError, OverflowError) as err:
                reason = str(err).split(":")[0]
                if reason.startswith(("Unknown string format", "String does not contain")):
                    reason = "not a date"
                return None, reason
    first, second = results
    if first.year != second.year:
        return None, "no year"
    if first.month != second.month or first.day != second.day:
        return None, "no day"
    return first.date(), None


def parse_date_value(value) -> tuple[dt.date | None, str | None]:
    """Parse a record's date value, whatever its type, into a date, or say why not.

    A string is parsed as by :func:`parse_date`.
    """
    if isinstance(value, str):
        return parse_date(value)
    return None, "not a date"
