"""CSV and TSV files (optionally gzipped): a header row, then one record per row.

A quoted value may span lines; a row that cannot be parsed, or that has more
or fewer fields than the header, is reported (F003) and the next row is read.
TSV is read without quoting (tabs separate, quotes are text).
"""
from __future__ import annotations

import csv
import io
import sys

from ..positions import csv_field_bounds, csv_field_offsets
from .codes import BAD_CSV_ROW, UNREADABLE
from .decode import BinaryFile, decode
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


def read_csv(source: Source, fields: dict, max_bytes: int, columns: list | None = None):
    """Documents and problems from a CSV or TSV file (``columns``: names for a file without a header row)."""
    yield from record_documents(source, csv_rows(source, max_bytes), fields)


def csv_rows(source: Source, max_bytes: int):
    """:class:`RawRecord` and problems, one per data row."""
    delimiter = "\t" if source.path.lower().removesuffix(".gz").endswith(".tsv") else ","
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    header = fmt = None
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
        if header is None:
            header = values
            columns = _columns(header)
            fmt = _csv_format(columns, delimiter, quoting)
            continue
        if len(values) != len(header):
            yield ReadProblem(BAD_CSV_ROW, file_location(source, line),
                              f"row has {len(values)} fields but the header has {len(header)}; "
                              "check for an unquoted delimiter or a lost quote")
            continue
        yield RawRecord(line, body, {key: values[index] for key, index in columns.items()}, fmt, issues)
