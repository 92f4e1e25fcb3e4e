"""Finding and parsing the dates a document carries.

Dates are parsed with python-dateutil, behind fast paths for the common forms
(ISO 8601, numbers, RFC 2822, "Feb 26, 2018", "26-FEB-1987 15:01:01.79"). A
date is either parsed to a :class:`datetime.date` or rejected with a short
reason written for a person: one of :data:`REASONS` ("day is out of range for
month", "no year", "not a date", ...), "number 12 is not a plausible
timestamp (...)", or "a list, not a date". The accepted forms are listed for
users in the D002 rule (``rules/dates/invalid_date.py``).
"""
from __future__ import annotations

import datetime as dt
import decimal
import numbers
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
    r"|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"          # 2021/08/04, 2021.08.04
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

#: Why a date cannot be parsed: every reason :func:`parse_date` gives is one of these, or a
#: sentence made by :func:`_implausible` (a number) or :func:`_wrong_type` (a value of another type).
EMPTY = "empty"
NOT_A_DATE = "not a date"
NO_YEAR = "no year"
NO_DAY = "no day"
DAY_OUT_OF_RANGE = "day is out of range for month"
MONTH_OUT_OF_RANGE = "month must be in 1..12"
YEAR_OUT_OF_RANGE = "year out of range"
TIME_OUT_OF_RANGE = "time of day out of range"
NUMBER_TOO_LARGE = "a number in it is too large for a date"
REASONS = frozenset({EMPTY, NOT_A_DATE, NO_YEAR, NO_DAY, DAY_OUT_OF_RANGE, MONTH_OUT_OF_RANGE,
                     YEAR_OUT_OF_RANGE, TIME_OUT_OF_RANGE, NUMBER_TOO_LARGE})

#: A bare number is a Unix timestamp only if it dates an article in this window (the first and
#: last days, UTC). Read as seconds, milliseconds, microseconds or nanoseconds since 1970, the
#: four ranges do not overlap, so the unit is never a guess; 0 and other small numbers (blank
#: values stored as numbers) fall outside, and so do the 8- and 14-digit dates below.
EARLIEST, LATEST = dt.date(1971, 1, 1), dt.date(2100, 12, 31)
_EPOCH = dt.date(1970, 1, 1)
_DAY_SECONDS = 86400
_FIRST_SECOND = (EARLIEST - _EPOCH).days * _DAY_SECONDS
_END_SECOND = ((LATEST - _EPOCH).days + 1) * _DAY_SECONDS
_UNITS = (1, 10**3, 10**6, 10**9)

_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: ``20180226`` and ``20180226150101`` (GDELT and many exports): never a plausible timestamp.
_COMPACT = re.compile(r"([12]\d{3})(\d\d)(\d\d)(?:(\d\d)(\d\d)(\d\d))?")
_YEAR = re.compile(r"[12]\d{3}")
_SENTINELS = (dt.datetime(1904, 1, 1), dt.datetime(1908, 2, 2))
_MONTH_NUMBERS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1)
    for name in names.split()}
_CLOCK = (r"(?:[T ,]+(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
          r"(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?(?:Z|UTC|GMT|[A-Z]{3,4}|[+-]\d{2}:?\d{2}))?(?:\s?\([A-Za-z ]+\))?)?$")
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
#: Common spellings parsed without dateutil: "14-MAR-1987 09:30:00.00", "Wed, 4 Aug 2021", "August 4, 2021".
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?[-\s]+([A-Za-z]+)\.?[-\s,]+(\d{4})" + _CLOCK)
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _CLOCK)
_TYPE_NAMES = {list: "a list", tuple: "a list", dict: "an object", bool: "true or false", bytes: "bytes"}


def parse_date(raw: str) -> tuple[dt.date | None, str | None]:
    """Parse ``raw`` into a date, or say why it cannot be parsed (one of :data:`REASONS`, or a sentence)."""
    text = raw.strip()
    if not text:
        return None, EMPTY
    iso = _ISO.match(text)
    if iso and (iso.end() == len(text) or text[iso.end()] in "T :"):
        return _make_date(iso.group(1), iso.group(3), iso.group(4))
    if _NUMBER.fullmatch(text):
        return _from_number_text(text)
    common = _common_format(text)
    if common is not None:
        return common
    return _dateutil(text)


def parse_date_value(value) -> tuple[dt.date | None, str | None]:
    """Parse a record's date value, whatever its type, into a date, or say why not.

    A string is parsed as by :func:`parse_date`, and a number as a numeric
    string is. A ``datetime`` or ``date`` (an Arrow or Parquet timestamp or
    date column, a pandas ``Timestamp``) and a NumPy ``datetime64`` are dates
    already. A MongoDB ``{"$date": ...}`` holds an ISO string, milliseconds
    since 1970, or ``{"$numberLong": "..."}`` milliseconds. ``None`` is empty;
    anything else (true or false, a list, another object) is not a date.
    """
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if value is None:
        return None, EMPTY
    if isinstance(value, bool):
        return None, _wrong_type(value)
    if isinstance(value, numbers.Integral):
        return _from_number_text(str(int(value)))
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        try:
            return _from_number_text(repr(float(value)))
        except (ValueError, OverflowError):  # a signalling NaN, a fraction too large for a float
            return None, _implausible(str(value))
    if isinstance(value, dict) and len(value) == 1 and "$date" in value:
        return _mongo_date(value["$date"])
    if type(value).__name__ == "datetime64":
        return _datetime64(value)
    return None, _wrong_type(value)


def _make_date(year: str, month: str, day: str) -> tuple[dt.date | None, str | None]:
    try:
        return dt.date(int(year), int(month), int(day)), None
    except ValueError as err:
        return None, _reason(err)


def _from_number_text(text: str) -> tuple[dt.date | None, str | None]:
    """A numeric string: a year alone, a compact date (``20180226``) or a Unix timestamp."""
    if _YEAR.fullmatch(text):
        return None, NO_DAY
    compact = _COMPACT.fullmatch(text)
    if compact:
        try:
            return dt.datetime(*(int(part) for part in compact.groups() if part is not None)).date(), None
        except ValueError as err:
            return None, _reason(err)
    digits = text.lstrip("+-")
    number = int(text) if digits.isdigit() and len(digits) <= 20 else float(text)
    for unit in _UNITS:
        if _FIRST_SECOND * unit <= number < _END_SECOND * unit:
            return _EPOCH + dt.timedelta(days=int(number // (_DAY_SECONDS * unit))), None
    return None, _implausible(text)


def _implausible(text: str) -> str:
    shown = text if len(text) <= 24 else text[:23] + "\u2026"
    return (f"number {shown} is not a plausible timestamp (seconds, milliseconds, microseconds or "
            f"nanoseconds since 1970 giving a date in {EARLIEST.year}-{LATEST.year})")


def _mongo_date(inner) -> tuple[dt.date | None, str | None]:
    """The value of MongoDB's ``{"$date": ...}``: an ISO string or milliseconds since 1970."""
    if isinstance(inner, dict) and len(inner) == 1 and isinstance(inner.get("$numberLong"), str):
        inner = inner["$numberLong"]
        if not re.fullmatch(r"[+-]?\d{1,20}", inner.strip()):
            return None, NOT_A_DATE
        inner = int(inner)
    if isinstance(inner, str):
        return parse_date(inner)
    if isinstance(inner, (int, float)) and not isinstance(inner, bool):
        try:
            return _EPOCH + dt.timedelta(milliseconds=inner), None
        except OverflowError:
            return None, YEAR_OUT_OF_RANGE
        except ValueError:  # NaN
            return None, NOT_A_DATE
    return None, _wrong_type(inner)


def _datetime64(value) -> tuple[dt.date | None, str | None]:
    """A NumPy ``datetime64``: ``NaT`` is empty; a year NumPy can hold but Python cannot is out of range."""
    import numpy

    if not isinstance(value, numpy.datetime64):
        return None, _wrong_type(value)
    if numpy.isnat(value):
        return None, EMPTY
    day = value.astype("datetime64[D]").item()
    return (day, None) if isinstance(day, dt.date) else (None, YEAR_OUT_OF_RANGE)


def _wrong_type(value) -> str:
    """``a list, not a date``: the value's type named for a person."""
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return f"{name}, not a date"
    return NOT_A_DATE


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
        return _make_date(year, number, day)
    return None


def _dateutil(text: str) -> tuple[dt.date | None, str | None]:
    """Parse with dateutil, twice with different defaults, to tell a missing year or day."""
    from dateutil import parser  # imported on first use: it is slow to import

    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for default in _SENTINELS:
            try:
                results.append(parser.parse(text, default=default, ignoretz=True))
            except Exception as err:  # dateutil raises several types; each becomes a reason
                return None, _reason(err)
    first, second = results
    if first.year != second.year:
        return None, NO_YEAR
    if first.month != second.month or first.day != second.day:
        return None, NO_DAY
    return first.date(), None


def _reason(err: Exception) -> str:
    """The fixed wording for an error of ``datetime`` or dateutil (their texts are not for people)."""
    if isinstance(err, OverflowError):
        return NUMBER_TOO_LARGE
    text = str(err)
    if text.startswith(DAY_OUT_OF_RANGE):
        return DAY_OUT_OF_RANGE
    if text.startswith(MONTH_OUT_OF_RANGE):
        return MONTH_OUT_OF_RANGE
    if text.startswith("year "):
        return YEAR_OUT_OF_RANGE
    if text.startswith(("hour ", "minute ", "second ", "microsecond ")):
        return TIME_OUT_OF_RANGE
    return NOT_A_DATE
