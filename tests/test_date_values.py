"""Dates as real datasets store them: ``parse_date`` and ``parse_date_value``.

Every accepted form is checked with the date it gives, every rejected one with
its exact reason; a property test checks that no input raises and that every
reason is one written for a person (never an exception's text). The messages
of D002 itself are in ``tests/rules/cases/D002_invalid_date.yaml``.
"""
import datetime as dt
import decimal
import fractions
import json
import os
import re

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpuslint
from corpuslint.dates import EARLIEST, LATEST, REASONS, parse_date, parse_date_value

D = dt.date(2018, 2, 26)
EXAMPLES = int(os.environ.get("CORPUSLINT_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize="CORPUSLINT_FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: The reasons that are sentences built from a template rather than one of REASONS.
TEMPLATES = re.compile(r"number \S{1,24} is not a plausible timestamp \(seconds, milliseconds, microseconds "
                       r"or nanoseconds since 1970 giving a date in 1971-2100\)"
                       r"|(?:a list|an object|true or false|bytes), not a date")
NOT_PLAUSIBLE = " is not a plausible timestamp (seconds, milliseconds, microseconds or nanoseconds since 1970 " \
                "giving a date in 1971-2100)"


def _for_a_person(reason: str) -> bool:
    return reason in REASONS or TEMPLATES.fullmatch(reason) is not None


@pytest.mark.parametrize("text", [
    "2018-02-26", "2018-2-26", "2018-02-26T15:01:01", "2018-02-26T15:01:01Z", "2018-02-26T15:01:01+05:30",
    "2018-02-26T15:01:01.123456-0800", "2018-02-26 15:01:01 UTC", "20180226T150101Z", "2018/02/26", "2018.02.26",
    "Mon, 26 Feb 2018 15:01:01 +0000", "Mon, 26 Feb 2018 15:01:01 GMT", "26 Feb 2018 15:01:01 -0500",
    "Mon, 26 Feb 2018 15:01:01 +0000 (UTC)", "Feb 26, 2018", "Feb. 26, 2018", "February 26, 2018",
    "Monday, February 26, 2018 3:01 PM EST", "26 February 2018", "26th Feb. 2018", "26-FEB-2018 15:01:01.79",
    "26/02/2018", "02/26/2018", "26.02.2018", "26-Feb-18", "20180226", "20180226150101", "  2018-02-26\n",
])
def test_date_forms(text):
    assert parse_date(text) == (D, None)


@pytest.mark.parametrize("text,reason", [
    ("", "empty"), ("  \t", "empty"),
    ("sometime last spring", "not a date"), ("yesterday", "not a date"), ("nan", "not a date"), ("inf", "not a date"),
    ("2018-W09-1", "not a date"),
    ("Feb 26", "no year"), ("15:01", "no year"),
    ("February 2018", "no day"), ("Feb 2018", "no day"), ("2018", "no day"),
    ("2018-02-30", "day is out of range for month"), ("Feb 30, 2018", "day is out of range for month"),
    ("30/02/2018", "day is out of range for month"), ("20180230", "day is out of range for month"),
    ("2018-13-01", "month must be in 1..12"), ("20181301", "month must be in 1..12"),
    ("52000-01-01", "year out of range"), ("0000-01-01", "year out of range"),
    ("Feb 26, 2018 25:00", "time of day out of range"), ("20180226250000", "time of day out of range"),
    ("Feb 26, 99999999999999999999", "a number in it is too large for a date"),
])
def test_reasons(text, reason):
    assert parse_date(text) == (None, reason)


def test_a_timestamp_is_read_in_the_unit_its_size_gives():
    for text in ("1519657261", "1519657261.79", "+1519657261", "1519657261790", "1519657261790123",
                 "1519657261790123456", "1.51965726179e12", "1.51965726179E+18"):
        assert parse_date(text) == (D, None), text


def test_a_timestamp_gives_the_day_in_utc():
    assert parse_date("1519689599") == (D, None)                      # 2018-02-26T23:59:59Z
    assert parse_date("1519689600") == (D + dt.timedelta(days=1), None)


@pytest.mark.parametrize("unit", [1, 10**3, 10**6, 10**9])
def test_the_window_of_plausible_timestamps(unit):
    first = (EARLIEST - dt.date(1970, 1, 1)).days * 86400 * unit
    end = ((LATEST - dt.date(1970, 1, 1)).days + 1) * 86400 * unit
    assert parse_date(str(first)) == (EARLIEST, None)
    assert parse_date(str(end - 1)) == (LATEST, None)
    for outside in (first - 1, end):
        assert parse_date(str(outside)) == (None, f"number {outside}{NOT_PLAUSIBLE}")
    assert end < first * 1000, "the four ranges must not overlap, or the unit would be a guess"


@pytest.mark.parametrize("text", ["0", "12", "-5", "-86400", "10000000000", "1e400", "1.5"])
def test_numbers_that_are_no_timestamp(text):
    assert parse_date(text) == (None, f"number {text}{NOT_PLAUSIBLE}")


def test_a_long_number_is_shortened_in_the_reason():
    assert parse_date("9" * 5000) == (None, f"number {'9' * 23}\u2026{NOT_PLAUSIBLE}")


@pytest.mark.parametrize("text", ["1520000000000", "99999999999999999999999999", "52000-01-01",
                                  "Feb 26 2018 99999999999:00", "Feb 26, 99999999999999999999", "1e5"])
def test_exception_texts_never_reach_the_user(text):
    _, reason = parse_date(text)
    assert reason is None or _for_a_person(reason)
    for leaked in ("signed integer", "C long", "is out of range", ":", "Unknown string format"):
        assert leaked not in (reason or ""), reason


@pytest.mark.parametrize("value,expected", [
    ("Feb 26, 2018", (D, None)),
    (1519657261, (D, None)), (1519657261790, (D, None)), (1519657261.79, (D, None)), (1.51965726179e18, (D, None)),
    (20180226, (D, None)), (decimal.Decimal("1519657261.79"), (D, None)), (numpy.int64(1519657261790), (D, None)),
    (numpy.float64(1519657261.0), (D, None)), (fractions.Fraction(3039314523, 2), (D, None)),
    (dt.datetime(2018, 2, 26, 15, 1, 1), (D, None)), (D, (D, None)),
    (numpy.datetime64("2018-02-26T15:01:01.790123456"), (D, None)),
    ({"$date": "2018-02-26T15:01:01Z"}, (D, None)), ({"$date": 1519657261790}, (D, None)),
    ({"$date": 1519657261790.0}, (D, None)), ({"$date": {"$numberLong": "1519657261790"}}, (D, None)),
    ({"$date": 0}, (dt.date(1970, 1, 1), None)), ({"$date": -86400000}, (dt.date(1969, 12, 31), None)),
    (None, (None, "empty")), (numpy.datetime64("NaT"), (None, "empty")),
    (True, (None, "true or false, not a date")), ([2018, 2, 26], (None, "a list, not a date")),
    ((2018, 2, 26), (None, "a list, not a date")), ({"year": 2018}, (None, "an object, not a date")),
    ({"$date": 1, "$other": 2}, (None, "an object, not a date")), (b"2018-02-26", (None, "bytes, not a date")),
    ({"$date": [1]}, (None, "a list, not a date")), ({"$date": None}, (None, "not a date")),
    ({"$date": {"$numberLong": "soon"}}, (None, "not a date")), ({"$date": float("nan")}, (None, "not a date")),
    ({"$date": 10**30}, (None, "year out of range")), ({"$date": {"$numberLong": "-99999999999999999"}},
                                                       (None, "year out of range")),
    (numpy.datetime64("52000-01-01"), (None, "year out of range")),
    (12, (None, f"number 12{NOT_PLAUSIBLE}")), (float("nan"), (None, f"number nan{NOT_PLAUSIBLE}")),
    (decimal.Decimal("sNaN"), (None, f"number sNaN{NOT_PLAUSIBLE}")), (2018, (None, "no day")),
    (complex(1, 2), (None, "not a date")), (object(), (None, "not a date")),
])
def test_values_of_every_type(value, expected):
    assert parse_date_value(value) == expected


def test_an_aware_datetime_gives_the_day_written_in_its_own_zone():
    late = dt.datetime(2018, 2, 26, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert parse_date_value(late) == (D, None)
    assert parse_date("2018-02-26T23:30:00-08:00") == (D, None)


def test_arrow_timestamp_and_date_columns_are_dates():
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    moment = dt.datetime(2018, 2, 26, 15, 1, 1)
    columns = [pa.array([moment], pa.timestamp("ms")), pa.array([moment], pa.timestamp("us", tz="UTC")),
               pa.array([D], pa.date32()), pa.array([D], pa.date64())]
    for column in columns:
        assert [parse_date_value(value) for value in column.to_pylist()] == [(D, None)], column.type
        assert parse_date_value(column.to_numpy(zero_copy_only=False)[0]) == (D, None), column.type


@SETTINGS
@given(st.one_of(
    st.text(),
    st.lists(st.sampled_from(["2018", "-", "02", "26", "T", ":", "15", "Z", "+05:30", " ", ",", "Feb", "Mon", "GMT",
                              "99999999999999999999", "0", ".", "/", "e", "+", "PM", "1520000000000", "(UTC)", "31",
                              "29", "13", "60", "24", "W"]), max_size=8).map("".join),
    st.from_regex(r"[+-]?\d{0,25}(\.\d*)?([eE][+-]?\d{1,4})?", fullmatch=True)))
def test_parse_date_never_raises_and_every_reason_is_for_a_person(text):
    date, reason = parse_date(text)
    assert (date is None) != (reason is None)
    assert reason is None or _for_a_person(reason), reason


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.datetimes() | st.dates()
    | st.decimals() | st.fractions() | st.binary(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["$date", "$numberLong", "x"]), inner),
    max_leaves=4)


@SETTINGS
@given(_VALUES)
def test_parse_date_value_never_raises_and_every_reason_is_for_a_person(value):
    for wrapped in (value, {"$date": value}, {"$date": {"$numberLong": value}}):
        date, reason = parse_date_value(wrapped)
        assert (date is None) != (reason is None)
        assert reason is None or _for_a_person(reason), reason


def _date_findings(path, reference="2026-11-22"):
    report = corpuslint.lint([str(path)], config={"rules": {"D003": {"reference-date": reference,
                                                                     "tolerance-days": 0}}},
                             select=["D001", "D002", "D003"])
    return [(f.code, f.location.line, f.message) for f in report.findings]


def test_jsonl_records_dated_by_timestamps_and_mongodb_dates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dates = [1519657261790, "1519657261", {"$date": 1519657261790}, {"$date": {"$numberLong": "1519657261790"}},
             {"$date": "2018-02-26T15:01:01Z"}, 1795392000000, {"$date": 1795392000000}, 12]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "title": "Bridge reopens", "date": date,
                                        "text": "The bridge over the harbour reopened."}) + "\n"
                            for i, date in enumerate(dates)), encoding="utf-8")
    future = "date 2026-11-23 is in the future (today is 2026-11-22); correct it from the source " \
             "(day and month swapped? a two-digit year in the wrong century?)"
    assert _date_findings(path) == [
        ("D003", 6, future), ("D003", 7, future),
        ("D002", 8, f"date '12' is not a valid date: number 12{NOT_PLAUSIBLE}; correct it from the source")]


def test_parquet_timestamp_columns_date_their_rows(tmp_path, monkeypatch):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow has no Parquet support here")
    monkeypatch.chdir(tmp_path)
    moments = [dt.datetime(2018, 2, 26, 15, 1), dt.datetime(2031, 5, 1), None]
    table = pa.table({"title": ["Bridge reopens", "Bridge closes", "Bridge opens"],
                      "date": pa.array(moments, pa.timestamp("ms")),
                      "text": ["The bridge over the harbour reopened after long repairs."] * 3})
    pq.write_table(table, tmp_path / "news.parquet")
    found = [(code, line) for code, line, _ in _date_findings(tmp_path / "news.parquet")]
    assert found == [("D003", 2), ("D001", 3)]
