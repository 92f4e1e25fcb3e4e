"""CSV and TSV files (optionally gzipped): a header row, then one record per row.

A quoted value may span lines; a row that cannot be parsed, or that has more
or fewer fields than the header, is reported (F003) and the next row is read.
TSV is read without quoting (tabs separate, quotes are text). The fields of a
``.csv`` file are separated by commas, or by semicolons or pipes when its
first rows say so (see :func:`delimiter_of`).

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


def _csv_records(source: Source, quoting: int, max_bytes: int):
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
#: What a cell of two words or more that ends with one of these is: a sentence, not a column name.
_SENTENCE_ENDS = (".", "!", "?")
#: Words of a phrase that is a headline (``Bridge vote delayed``) rather than a name (``Story Text``).
_PHRASE_WORDS = 3


def read_csv(source: Source, fields: dict, max_bytes: int, columns: list | None = None):
    """Documents and problems from a CSV or TSV file.

    ``columns`` (from the configuration) names the columns of a file without a
    header row, in order: the first row is then data, whatever it looks like.
    """
    tsv = source.path.lower().removesuffix(".gz").endswith(".tsv")
    quoting = csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL
    records = _csv_records(source, quoting, max_bytes)
    if tsv:
        delimiter = "\t"
    else:
        first = _first_records(records)
        delimiter, records = delimiter_of([raw for _, raw, _ in first]), chain(first, records)
    rows = _parsed_rows(source, records, delimiter, quoting)
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
    if delimiter in _OTHER_DELIMITERS:
        header += f", fields separated by {delimiter!r}"
    yield from record_documents(source, records, fields, header)


#: Delimiters of a ``.csv`` file other than the comma, in the order they are tried.
_OTHER_DELIMITERS = (";", "|")
#: How many records after the first must agree with it on another delimiter.
DELIMITER_ROWS = 5


def _first_records(records) -> list:
    """The first items of ``records``: up to the first :data:`DELIMITER_ROWS` + 1 non-blank records,
    within :data:`~corpuslint.readers.fields.SAMPLE_BYTES`."""
    first, count, size = [], 0, 0
    for record in records:
        first.append(record)
        if isinstance(record[1], str) and record[1].strip():
            count += 1
            size += len(record[1])
            if count > DELIMITER_ROWS or size >= SAMPLE_BYTES:
                break
    return first


def delimiter_of(raws: list) -> str:
    """The delimiter of a ``.csv`` file whose first records are ``raws`` (raw text; problems are skipped).

    A comma, unless the first row (the header, or the first data row) has no
    comma outside quotes but has a semicolon (or a pipe) separating at least
    two fields, and each of the next few rows has as many of them.
    """
    rows = [raw for raw in raws if isinstance(raw, str) and raw.strip()]
    if not rows or _width(rows[0], ",") > 1:
        return ","
    for delimiter in _OTHER_DELIMITERS:
        width = _width(rows[0], delimiter)
        if width > 1 and all(_width(row, delimiter) == width for row in rows[1:]):
            return delimiter
    return ","


def _width(raw: str, delimiter: str) -> int:
    """How many fields the CSV record ``raw`` has with ``delimiter`` (0 if it is not one record)."""
    try:
        return len(next(csv.reader(io.StringIO(raw.rstrip("\r\n")), delimiter=delimiter, strict=True)))
    except (csv.Error, StopIteration):
        return 0


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

    Column names are short names: a cell of prose, of more than a few words,
    or of words that end as a sentence does (``Vote delayed again.``) is data;
    so are two or more cells of several words above columns of such phrases
    (headlines, not names). A number, a URL, a date or an id (a token with
    digits) is data when the rows below hold the same kind of value in that
    column (a header cell such as ``2019`` above a column of text stays a name).
    """
    headlines = 0
    for index, cell in enumerate(first):
        if is_empty(cell):
            continue
        if _sentence(cell):
            return True
        below = [row[index] for row in later if index < len(row) and not is_empty(row[index])]
        if _value_like_below(cell, below):
            return True
        headlines += _phrase(cell) and _phrase_share(below) * 2 > 1
    return headlines >= 2


def _sentence(cell: str) -> bool:
    """``cell`` is text, not a column name: prose, more than a few words, or words ending as a sentence does."""
    words = len(cell.split())
    return (shape_of(cell) == "prose" or words > _NAME_WORDS
            or (words > 1 and cell.rstrip().endswith(_SENTENCE_ENDS)))


def _value_like_below(cell: str, below: list) -> bool:
    """``cell`` is a number, URL, date or id, as most of the values ``below`` it are (or there are none)."""
    kind = _value_kind(cell, shape_of(cell))
    if kind is None:
        return False
    return not below or sum(_value_kind(value, shape_of(value)) == kind for value in below) * 2 >= len(below)


def _phrase(value) -> bool:
    """``value`` is a phrase of several words, as a headline is (``Bridge vote delayed``), not a name."""
    return shape_of(value) == "phrase" and len(value.split()) >= _PHRASE_WORDS


def _phrase_share(values: list) -> float:
    """The share of ``values`` that are phrases of several words."""
    return sum(map(_phrase, values)) / len(values) if values else 0.0


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


def _parsed_rows(source: Source, records, delimiter: str, quoting: int):
    """``(line, raw, values, issues)`` per non-blank row of ``records``, and problems, in file order."""
    for line, raw, issues in records:
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
