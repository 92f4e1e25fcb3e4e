"""JSONL/NDJSON and CSV/TSV files (optionally gzipped): one document per record.

Field names are detected from common conventions (see ``FIELD_CANDIDATES``)
using the first record of each file, unless the configuration names them.
A role the configuration names but a record lacks is reported on that record
(F004); a role that could not be detected at all is reported once per file.

The file's encoding is found once, from its first bytes (see
:func:`file_encoding`): a UTF-8 byte-order mark is skipped, and a UTF-16 or
UTF-32 file (with a byte-order mark, or UTF-16 recognised by its zero bytes)
is read as text in that encoding, since its line breaks are more than one
byte; either is reported once (U005) on line 1. Each record is then decoded
on its own, so a Latin-1 record or invalid bytes are reported where they are.
"""
from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from dataclasses import dataclass

from ..dates import parse_date
from ..document import DateMention, DecodeIssue, Document, Field, Span
from ..finding import Location
from ..positions import Origin, csv_field_bounds, csv_field_offsets, json_field_offsets, json_value_start
from ..text import strip_span
from .codes import BAD_CSV_ROW, ENCODING, MALFORMED_JSON, MISSING_FIELD, OVERSIZED, UNREADABLE
from .decode import WIDE_BOMS, BinaryFile, decode, utf16_byte_order
from .plaintext import describe_os_error
from .source import FIELD_CANDIDATES, ReadProblem, Source, file_location, size_text
from .structure import find_dateline, split_paragraphs

REPORTED_ROLES = ("text", "title", "date")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_DECODER = json.JSONDecoder()

#: How many of a file's first bytes :func:`file_encoding` looks at.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class FileEncoding:
    """How a record file's bytes are text: the codec, the byte-order mark the
    file starts with, and what U005 says about it (None for plain UTF-8)."""

    codec: str
    bom: bytes = b""
    notice: str | None = None

    @property
    def wide(self) -> bool:
        """True for UTF-16 and UTF-32, whose line breaks are more than one byte."""
        return self.codec != "utf-8"


def file_encoding(head: bytes) -> FileEncoding:
    """The encoding of a JSONL or CSV file, from its first bytes (``HEAD_BYTES`` are plenty).

    The byte-order marks and the zero-byte test are those
    :func:`~corpuslint.readers.decode.decode` uses for a text file.
    """
    if head.startswith(codecs.BOM_UTF8):
        return FileEncoding("utf-8", codecs.BOM_UTF8, "file starts with a UTF-8 byte-order mark; "
                                                      "save it as UTF-8 without BOM")
    for bom, codec, label in WIDE_BOMS:
        if head.startswith(bom):
            return FileEncoding(codec, bom, f"file is {label}, not UTF-8; convert it to UTF-8")
    codec = utf16_byte_order(head[:HEAD_BYTES])
    if codec:
        return FileEncoding(codec, notice=f"file is {codec.upper()} without a byte-order mark, "
                                          "not UTF-8; convert it to UTF-8")
    return FileEncoding("utf-8")


def _open_binary(path: str):
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _utf8_readline(fh, codec: str):
    """``readline(limit)`` for a UTF-16 or UTF-32 stream: each line as UTF-8 bytes.

    The limit counts characters, each at least one byte in UTF-8, so a line
    cut at the limit is still over the byte limit. Invalid sequences become U+FFFD.
    """
    text = io.TextIOWrapper(fh, encoding=codec, errors="replace", newline="\n")
    return lambda limit: text.readline(limit).encode("utf-8")


def _physical_lines(source: Source, max_bytes: int):
    """``(line_number, bytes)`` for each line of the file, or a ReadProblem.

    A line longer than ``max_bytes`` is never held in memory: it is skipped
    in chunks and reported (F005). A UTF-8 byte-order mark is skipped, the
    lines of a UTF-16 or UTF-32 file come as UTF-8, and either is reported
    (U005) before the first line. Such a file is read whole by the part that
    starts it: a later part of it (split at single newline bytes, not at its
    line breaks) reads nothing.

    A device or pipe (named on the command line: in a folder only regular
    files are read) may never end: only its first ``max_bytes`` are read, as
    for a text document, and the cut is reported (F005).
    """
    number = source.first_line - 1
    end = source.end
    try:
        with _open_binary(source.path) as fh:
            special = not stat.S_ISREG(os.fstat(fh.fileno()).st_mode)
            if special:
                fh, cut = _first_bytes(fh, max_bytes)
            encoding = file_encoding(fh.peek(HEAD_BYTES)[:HEAD_BYTES])
            readline = fh.readline
            if source.start:
                if encoding.wide:
                    return
                fh.seek(source.start)
            else:
                fh.read(len(encoding.bom))
                if encoding.notice:
                    yield number, ReadProblem(ENCODING, file_location(source), encoding.notice)
                if encoding.wide:
                    readline, end = _utf8_readline(fh, encoding.codec), None
            while end is None or fh.tell() < end:
                data = readline(max_bytes + 1)
                if not data:
                    break
                number += 1
                if len(data) > max_bytes and not data.endswith(b"\n"):
                    size = len(data)
                    while data and not data.endswith(b"\n"):
                        data = readline(1 << 20)
                        size += len(data)
                    yield number, _oversized(source, number, size, max_bytes)
                    continue
                yield number, data
            if special and cut:
                yield number, ReadProblem(OVERSIZED, file_location(source, max(number, 1)),
                                          f"not read past its first {size_text(max_bytes)}: it is not a "
                                          "regular file and may never end, so the limit for one document "
                                          "(max-document-mb) holds for all of it")
    except (OSError, EOFError, zlib.error) as err:
        where = file_location(source, max(number, 1))
        yield number, ReadProblem(UNREADABLE, where, f"cannot read file after line {number}: "
                                                     f"{describe_os_error(err)}")


def _first_bytes(fh, max_bytes: int):
    """``(file, cut)``: the first ``max_bytes`` of ``fh`` as a file of their own, and
    whether ``fh`` held more."""
    data = fh.read(max_bytes + 1)
    return io.BufferedReader(io.BytesIO(data[:max_bytes])), len(data) > max_bytes


def _oversized(source: Source, line: int, size: int, max_bytes: int) -> ReadProblem:
    return ReadProblem(OVERSIZED, file_location(source, line),
                       f"record not linted: {size_text(size)}, over the {size_text(max_bytes)} limit "
                       "for one document (max-document-mb)")


class FieldMap:
    """Which record key plays which role (title, text, date, ...) in one file."""

    def __init__(self, configured: dict):
        self.configured = {role: name for role, name in configured.items() if name}
        self.keys: dict[str, str | None] | None = None
        self.absent: frozenset = frozenset()

    def resolve(self, record_keys) -> list[str]:
        """Fix the mapping from the first record; return the roles not found."""
        by_lower = {}
        for key in record_keys:
            by_lower.setdefault(key.lower(), key)
        self.keys = {}
        missing = []
        for role, candidates in FIELD_CANDIDATES.items():
            if role in self.configured:
                self.keys[role] = self.configured[role]
                continue
            found = next((by_lower[c] for c in candidates if c in by_lower), None)
            self.keys[role] = found
            if found is None and role in REPORTED_ROLES:
                missing.append(role)
        self.absent = frozenset(missing)
        return missing


def _missing_role_message(role: str) -> str:
    names = ", ".join(FIELD_CANDIDATES[role])
    return (f"no {role} field found in this file (looked for: {names}); "
            f"name it with `fields.{role}` in the configuration")


def _suppressed(value) -> frozenset:
    """What a record's ignore field asks for: true for everything, or codes/names."""
    if value is True or (isinstance(value, str) and value.strip().upper() in ("ALL", "*", "TRUE")):
        return frozenset({"ALL"})
    if isinstance(value, str):
        return frozenset(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return frozenset(str(part).strip() for part in value if str(part).strip())
    return frozenset()


def _role(fields: dict, keys: dict, role: str):
    """The field playing ``role`` in this record, if the file has one."""
    key = keys[role]
    return fields.get(key) if key is not None else None


class JsonRecordEditor:
    """Fixes one JSONL record: the changed fields' values are replaced, nothing else."""

    def __init__(self, raw: str, reparse):
        self.raw, self.reparse = raw, reparse

    def rebuild(self, values: dict) -> str:
        raw, ascii_only = self.raw, self.raw.isascii()
        spans = []
        for key, value in values.items():
            start = json_value_start(raw, key)
            _, end = _DECODER.raw_decode(raw, start)
            spans.append((start, end, json.dumps(value, ensure_ascii=ascii_only)))
        for start, end, text in sorted(spans, reverse=True):
            raw = raw[:start] + text + raw[end:]
        return raw


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


def _record_document(source: Source, kind: str, line: int, raw: str, record: dict,
                     fmap: FieldMap, offsets_for, issues) -> tuple[Document, list[str]]:
    keys = fmap.keys
    id_key = keys["id"]
    record_id = record.get(id_key) if id_key else None
    doc_id = f"{source.doc_id}#{record_id}" if record_id not in (None, "") else f"{source.doc_id}:{line}"
    fields = {}
    for key, value in record.items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (str, int, float)):
            fields[key] = Field(key, str(value), Origin(raw, line, offsets_for(key)), doc_id, source.display)
    title, body = _role(fields, keys, "title"), _role(fields, keys, "text")
    doc = Document(id=doc_id, path=source.display, format=kind, fields=fields,
                   prose=[f for f in (title, body) if f is not None], body=body, line=line,
                   absent_roles=fmap.absent, suppressed=_suppressed(record.get(keys["ignore"] or "")))
    if issues:
        raw_origin = Origin(raw, line)
        for start, end, message in issues:
            (l1, c1), (l2, c2) = raw_origin.locate(start), raw_origin.locate(end)
            where = Location(source.display, doc_id, None, l1, c1, l2, c2)
            doc.decode_issues.append(DecodeIssue(None, start, end, message, where))
    absent = [role for role in fmap.configured if role in REPORTED_ROLES and fmap.configured[role] not in record]
    if absent:  # F004 reports them; the rules that need them stay quiet on this record
        doc.absent_roles = doc.absent_roles | frozenset(absent)
    if title is not None:
        s, e = strip_span(title.text, 0, len(title.text))
        if e > s:
            doc.headlines.append(Span(title, s, e))
    date = _role(fields, keys, "date")
    if date is not None:
        s, e = strip_span(date.text, 0, len(date.text))
        if e > s:
            value, error = parse_date(date.text[s:e])
            doc.dates.append(DateMention(Span(date, s, e), "field", value, error))
    if body is not None:
        doc.paragraphs = split_paragraphs(body, 0, len(body.text))
    dateline = _role(fields, keys, "dateline")
    if dateline is not None:
        doc.dateline, mention = find_dateline(dateline, 0, len(dateline.text))
    elif doc.paragraphs:
        doc.dateline, mention = find_dateline(body, doc.paragraphs[0].start, doc.paragraphs[0].end)
    else:
        mention = None
    if mention:
        doc.dates.append(mention)
    return doc, absent


def _decode_record(data: bytes):
    decoded = decode(data)
    return decoded.text, decoded.issues


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(record: dict, raw: str, issues: list) -> tuple[dict, list]:
    """``record`` with each lone surrogate (a ``\\ud800`` escape with no partner:
    not a character, and not encodable as UTF-8) in its string values replaced by
    U+FFFD, and an issue at each such escape of ``raw`` for U005."""
    clean = {}
    for key, value in record.items():
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            value = _LONE_SURROGATE.sub("\ufffd", value)
        clean[key] = value
    if clean == record:
        return record, issues
    issues = list(issues)
    escapes = [m for m in _SURROGATE_ESCAPE.finditer(raw) if not _escaped_backslash(raw, m.start())]
    for i, m in enumerate(escapes):
        code = int(m.group()[2:], 16)
        partner = escapes[i + 1] if code < 0xDC00 and i + 1 < len(escapes) else None
        previous = escapes[i - 1] if code >= 0xDC00 and i else None
        paired = (partner is not None and partner.start() == m.end() and int(partner.group()[2:], 16) >= 0xDC00) \
            or (previous is not None and previous.end() == m.start() and int(previous.group()[2:], 16) < 0xDC00)
        if not paired:
            issues.append((m.start(), m.end(), f"the JSON escape '{m.group()}' is half of a UTF-16 surrogate "
                                                "pair, not a character; read as U+FFFD"))
    return clean, issues


def _escaped_backslash(raw: str, at: int) -> bool:
    """True if the backslash at ``at`` is itself escaped (an odd run of them precedes it)."""
    start = at
    while start and raw[start - 1] == "\\":
        start -= 1
    return (at - start) % 2 == 1


def _check_roles(source, fmap, line, record_keys):
    for role in fmap.resolve(record_keys):
        yield ReadProblem(MISSING_FIELD, file_location(source, line), _missing_role_message(role))


def read_jsonl(source: Source, fields: dict, max_bytes: int):
    fmap = FieldMap(fields)
    if source.keys is not None:  # a later part of a split file: the first part reports the roles
        fmap.resolve(source.keys)
    for line, data in _physical_lines(source, max_bytes):
        if isinstance(data, ReadProblem):
            yield data
            if data.code == UNREADABLE:
                return
            continue
        try:
            raw, issues = _decode_record(data)
        except BinaryFile as err:
            yield ReadProblem(MALFORMED_JSON, file_location(source, line), f"record not linted: {err}")
            continue
        raw = raw.rstrip("\r\n")
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            truncated = not data.endswith(b"\n") and (err.msg.startswith("Unterminated string")
                                                       or err.pos >= len(raw.rstrip()) - 1)
            what = ("truncated record: the file ends inside a JSON value" if truncated
                    else f"malformed JSON: {err.msg}")
            yield ReadProblem(MALFORMED_JSON, file_location(source, line, err.colno), what)
            continue
        except RecursionError:
            yield ReadProblem(MALFORMED_JSON, file_location(source, line), "malformed JSON: nested too deeply")
            continue
        if not isinstance(record, dict):
            yield ReadProblem(MALFORMED_JSON, file_location(source, line),
                              f"record is a JSON {type(record).__name__}, not an object; "
                              "each line must be one JSON object")
            continue
        if "\\u" in raw and _SURROGATE_ESCAPE.search(raw):
            record, issues = _without_lone_surrogates(record, raw, issues)
        if fmap.keys is None:
            yield from _check_roles(source, fmap, line, record)
        doc, absent = _record_document(source, "jsonl", line, raw, record, fmap, json_field_offsets, issues)
        doc.editor = JsonRecordEditor(raw, _json_reparser(source, line, fmap))
        for role in absent:
            yield ReadProblem(MISSING_FIELD, file_location(source, line),
                              f"record has no '{fmap.configured[role]}' field (configured as fields.{role})")
        yield doc


def _csv_records(source: Source, delimiter: str, quoting: int, max_bytes: int):
    """``(first_line, raw_text, issues)`` per CSV record, joining lines inside quotes.

    A record that grows past ``max_bytes`` (usually a quote that is never
    closed) is reported and dropped, and reading starts afresh on the next line.
    """
    pending, first, issues, quotes, size = [], None, [], 0, 0
    for line, data in _physical_lines(source, max_bytes):
        if isinstance(data, ReadProblem):
            yield line, data, []
            if data.code == UNREADABLE:
                return
            pending, first, issues, quotes, size = [], None, [], 0, 0
            continue
        size += len(data)
        if size > max_bytes:
            start = first or line
            yield start, _oversized(source, start, size, max_bytes), []
            pending, first, issues, quotes, size = [], None, [], 0, 0
            continue
        try:
            text, more = _decode_record(data)
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


def _json_reparser(source, line, fmap):
    def reparse(raw):
        doc = _record_document(source, "jsonl", line, raw, json.loads(raw), fmap, json_field_offsets, [])[0]
        doc.editor = JsonRecordEditor(raw, reparse)
        return doc
    return reparse


def _columns(header: list) -> dict:
    """Column name -> index; with duplicate names the first column wins."""
    columns = {}
    for index, key in enumerate(header):
        columns.setdefault(key, index)
    return columns


def _csv_offsets_for(columns, delimiter):
    return lambda key: csv_field_offsets(columns[key], delimiter)


def _csv_reparser(source, line, fmap, columns, delimiter, quoting):
    offsets_for = _csv_offsets_for(columns, delimiter)

    def reparse(raw):
        values = next(csv.reader(io.StringIO(raw), delimiter=delimiter, quoting=quoting, strict=True))
        record = {key: values[index] for key, index in columns.items()}
        doc = _record_document(source, "csv", line, raw, record, fmap, offsets_for, [])[0]
        doc.editor = CsvRecordEditor(raw, reparse, columns, delimiter)
        return doc
    return reparse


def read_csv(source: Source, fields: dict, max_bytes: int):
    delimiter = "\t" if source.path.lower().removesuffix(".gz").endswith(".tsv") else ","
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    fmap = FieldMap(fields)
    header = None
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
            offsets_for = _csv_offsets_for(columns, delimiter)
            yield from _check_roles(source, fmap, line, header)
            continue
        if len(values) != len(header):
            yield ReadProblem(BAD_CSV_ROW, file_location(source, line),
                              f"row has {len(values)} fields but the header has {len(header)}; "
                              "check for an unquoted delimiter or a lost quote")
            continue
        record = {key: values[index] for key, index in columns.items()}
        doc, absent = _record_document(source, "csv", line, body, record, fmap, offsets_for, issues)
        doc.editor = CsvRecordEditor(body, _csv_reparser(source, line, fmap, columns, delimiter, quoting),
                                     columns, delimiter)
        for role in absent:
            yield ReadProblem(MISSING_FIELD, file_location(source, line),
                              f"record has no '{fmap.configured[role]}' column (configured as fields.{role})")
        yield doc


def read_record_file(source: Source, kind: str, fields: dict, max_bytes: int):
    if kind == "jsonl":
        yield from read_jsonl(source, fields, max_bytes)
    else:
        yield from read_csv(source, fields, max_bytes)
