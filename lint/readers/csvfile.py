"""CSV and TSV files (optionally gzipped): a header row, then one record per row.

A quoted value may span lines; a row that cannot be parsed, or that has more
or fewer fields than the header, is reported (F003) and the next row is read.
TSV is read without quoting (tabs separate, quotes are text).

A file may have no header row. The first row is then data, and its columns
are named ``column_1``, ``column_2``, ...: when the configuration names the
columns (``columns``), or when the first row looks like data rather than
names (see :func:`first_row_is_data`).
"""
from __future__ import annotations

import csv
import io
import sys
from itertools import chain

from ..positions import csv_field_bounds, csv_field_offsets
from .codes import BAD_CSV_ROW, UNREADABLE
from .decode import BinaryFile, decode
from .fields import SAMPLE_BYTES, is_empty, parses_as_date, shape_of
from .lines import oversized, physical_lines
from .records import RawRecord, RecordFormat, record_documents
from .source import ReadProblem, Source, file_location

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class CsvRecordEditor:
    """Fixes one CSV record: the changed fields are re-quoted in place."""

    def __init__(self, raw: str, reparse, columns: dict, delimiter: str):
        self.raw, self.reparse, self.columns, self.delimiter = raw, reparse, columns, delimiter

    def rebuild(self, values: dict) -> str:
        raw = self.raw
        spans = []
        for key, value in values.items():
            start, end, quoted = csv_field_bounds(raw, self.columns[key], self.delimiter)
            if quoted or any(c in value for c in (self.delimiter, '"', "\n", "\r")):
                value = '"' + value.replace('"', '""') + '"'
            spans.append((start, end, value))
        for start, end, text in sorted(spans, reverse=True):
            raw = raw[:start] + text + raw[end:]
        return raw


def _decoded(data: bytes):
    decoded = decode(data)
    return decoded.text, decoded.issues


def _csv_records(source: Source, delimiter: str, quoting: int, max_bytes: int):
    """``(first_line, raw_text, issues)`` per CSV record, joining lines inside quotes.

    A record that grows past ``max_bytes`` (usually a quote that is never
    closed) is reported and dropped, and reading starts afresh on the next line.
    """
    pending, first, issues, quotes, size = [], None, [], 0, 0
    for line, data in physical_lines(source, max_bytes):
        if isinstance(data, ReadProblem):
            yield line, data, []
            if data.code == UNREADABLE:
                return
            pending, first, issues, quotes, size = [], None, [], 0, 0
            continue
        size += len(data)
        if size > max_bytes:
            start = first or line
            yield start, oversized(source, start, size, max_bytes), []
            pending, first, issues, quotes, size = [], None, [], 0, 0
            continue
        try:
            text, more = _decoded(data)
        except BinaryFile as err:
            yield line, ReadProblem(BAD_CSV_ROW, file_location(source, line), f"row not linted: {err}"), []
            continue
        if first is None:
            first = line
        offset = sum(len(p) for p in pending)
        issues.extend((s + offset, e + offset, m) for s, e, m in more)
        pending.append(text)
        if quoting != csv.QUOTE_NONE:
            quotes += text.count('"')
            if quotes % 2:
                continue
        yield first, "".join(pending), issues
        pending, first, issues, quotes, size = [], None, [], 0, 0
    if pending:
        yield first, ReadProblem(BAD_CSV_ROW, file_location(source, first),
                                 "unterminated quoted field: the file ends inside a quoted value"), []


def _columns(header: list) -> dict:
    """Column name -> index; with duplicate names the first column wins."""
    columns = {}
    for index, key in enumerate(header):
        columns.setdefault(key, index)
    return columns


def _csv_format(columns: dict, delimiter: str, quoting: int) -> RecordFormat:
    """How the rows of one CSV file map back to their raw text, and are fixed."""
    def parse(raw: str) -> dict:
        values = next(csv.reader(io.StringIO(raw), delimiter=delimiter, quoting=quoting, strict=True))
        return {key: values[index] for key, index in columns.items()}

    return RecordFormat("csv", lambda key: csv_field_offsets(columns[key], delimiter), parse,
                        lambda raw, reparse: CsvRecordEditor(raw, reparse, columns, delimiter), "column")


#: How many rows after the first are compared with it to tell a header row from data.
HEAD_ROWS = 20
#: Shapes of a cell that say it is a value, not a column name (see ``fields.shape_of``).
_VALUE_SHAPES = ("prose", "number", "url", "token")
#: A first-row cell of more words than this is text, not a column name.
_NAME_WORDS = 5


def read_csv(source: Source, fields: dict, max_bytes: int, columns: list | None = None):
    """Documents and problems from a CSV or TSV file.

    ``columns`` (from the configuration) names the columns of a file without a
    header row, in order: the first row is then data, whatever it looks like.
    """
    delimiter = "\t" if source.path.lower().removesuffix(".gz").endswith(".tsv") else ","
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    rows = _parsed_rows(source, delimiter, quoting, max_bytes)
    head = _head(rows)
    table = next((row for row in head if not isinstance(row, ReadProblem)), None)
    later = [row[2] for row in head if not isinstance(row, ReadProblem) and row is not table]
    if table is None:
        names, header = [], "first row"
    elif columns:
        names, header = _numbered(columns, len(table[2])), "none (`columns` configured)"
    elif first_row_is_data(table[2], later):
        names, header = _numbered([], len(table[2])), "none (detected)"
    else:
        names, header = table[2], "first row"
    records = _records(source, chain(head, rows), names, header != "first row", delimiter, quoting)
    yield from record_documents(source, records, fields, header)


def _head(rows) -> list:
    """The first rows (and problems) of ``rows``: the first row and up to :data:`HEAD_ROWS` more,
    within :data:`~corpuslint.readers.fields.SAMPLE_BYTES`."""
    head, count, size = [], 0, 0
    for row in rows:
        head.append(row)
        if not isinstance(row, ReadProblem):
            count += 1
            size += len(row[1])
            if count > HEAD_ROWS or size >= SAMPLE_BYTES:
                break
    return head


def _numbered(names: list, width: int) -> list:
    """``names`` for the first columns, then ``column_N`` for the rest of a row of ``width`` fields."""
    return list(names[:width]) + [f"column_{n}" for n in range(len(names) + 1, width + 1)]


def first_row_is_data(first: list, later: list[list]) -> bool:
    """True if the first row of a table looks like data, not like column names.

    Column names are short: a cell of prose or of more than a few words is
    data. A number, a URL, a date or an id (a token with digits) is data when
    the rows below hold the same kind of value in that column (a header cell
    such as ``2019`` above a column of text stays a name).
    """
    for index, cell in enumerate(first):
        if is_empty(cell):
            continue
        shape = shape_of(cell)
        if shape == "prose" or len(cell.split()) > _NAME_WORDS:
            return True
        kind = _value_kind(cell, shape)
        if kind is None:
            continue
        below = [row[index] for row in later if index < len(row) and not is_empty(row[index])]
        if not below or sum(_value_kind(value, shape_of(value)) == kind for value in below) * 2 >= len(below):
            return True
    return False


def _value_kind(cell: str, shape: str) -> str | None:
    """``date``, ``number``, ``url`` or ``token`` for a cell that is a value; None for one that could be a name.

    A token (no spaces) is a value only if it has as many digits as letters, as
    hashes and ids do: ``column12`` or ``q1_2020_sales`` are names.
    """
    if parses_as_date(cell):
        return "date"
    if shape == "token":
        return shape if sum(c.isdigit() for c in cell) >= sum(c.isalpha() for c in cell) else None
    return shape if shape in _VALUE_SHAPES else None


def _parsed_rows(source: Source, delimiter: str, quoting: int, max_bytes: int):
    """``(line, raw, values, issues)`` per non-blank row, and problems, in file order."""
    for line, raw, issues in _csv_records(source, delimiter, quoting, max_bytes):
        if isinstance(raw, ReadProblem):
            yield raw
            continue
        body = raw.rstrip("\r\n")
        if not body.strip():
            continue
        try:
            values = next(csv.reader(io.StringIO(body), delimiter=delimiter, quoting=quoting, strict=True))
        except csv.Error as err:
            yield ReadProblem(BAD_CSV_ROW, file_location(source, line), f"bad CSV row: {err}")
            continue
        yield line, body, values, issues


def _records(source: Source, rows, names: list, headerless: bool, delimiter: str, quoting: int):
    """:class:`RawRecord` and problems, one per data row; the first row is data if ``headerless``."""
    columns = _columns(names)
    fmt = _csv_format(columns, delimiter, quoting)
    width, what = len(names), ("the first row" if headerless else "the header")
    header_pending = not headerless
    for row in rows:
        if isinstance(row, ReadProblem):
            yield row
            continue
        line, body, values, issues = row
        if header_pending:
            header_pending = False
            continue
        if len(values) != width:
            yield ReadProblem(BAD_CSV_ROW, file_location(source, line),
                              f"row has {len(values)} fields but {what} has {width}; "
                              "check for an unquoted delimiter or a lost quote")
            continue
        yield RawRecord(line, body, {key: values[index] for key, index in columns.items()}, fmt, issues)
