"""Documents from records: one document per JSONL line, CSV row, JSON object or Parquet row.

A format reader (``jsonl.py``, ``csvfile.py``, ...) turns its file into
:class:`RawRecord` values and :class:`~corpuslint.readers.source.ReadProblem`
values, in file order. :func:`record_documents` holds the first records back
until it has a sample (see ``fields.py``), decides from the sample which field
is the title, the text, the date, ..., reports a role it cannot find once per
file (F004), and then builds a :class:`~corpuslint.document.Document` from
each record. Everything is yielded in file order.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..dates import parse_date_value
from ..document import DateMention, DecodeIssue, Document, Field, Span
from ..finding import Location
from ..positions import Origin
from ..text import strip_span
from .codes import MISSING_FIELD, NO_RECORDS
from .fields import REPORTED_ROLES, SAMPLE_BYTES, SAMPLE_RECORDS, RoleMap, flatten
from .source import ReadProblem, Source, file_location
from .structure import find_dateline, split_paragraphs

#: What F007 says about a record file without records.
NO_RECORDS_MESSAGE = ("no records: the file is empty, or holds only blank lines, a header row or an empty "
                      "array; nothing in it was linted")


class RecordFormat:
    """How the records of one file map back to their raw text.

    ``kind`` names the format in documents (``jsonl``, ``csv``, ``json``,
    ``parquet``); ``offsets_for(key)`` makes the ``Origin`` mapper of a
    field's value inside a raw record (``None``: offsets are the raw text's);
    ``parse(raw)`` reads a raw record back into a record and ``editor(raw,
    reparse)`` makes the object that writes fixed values into it: both are
    ``None`` where fixes cannot be written back. ``field_word`` is how messages
    call a field (``field``, ``column``).
    """

    def __init__(self, kind: str, offsets_for: Callable | None = None, parse: Callable | None = None,
                 editor: Callable | None = None, field_word: str = "field"):
        self.kind, self.offsets_for, self.parse, self.editor = kind, offsets_for, parse, editor
        self.field_word = field_word


class RawRecord(NamedTuple):
    """One record as read: where it starts, its raw text, its values and decoding issues.

    ``issues`` are ``(start, end, message)`` offsets in ``raw`` of bytes that
    were not valid UTF-8 (or other encoding trouble, for U005).
    """

    line: int
    raw: str
    record: dict
    fmt: RecordFormat
    issues: list = []


def record_documents(source: Source, items: Iterable, configured: dict, header: str | None = None):
    """Documents and problems from a format reader's ``items`` (RawRecord or ReadProblem), in order.

    Roles are detected from the first records, unless ``source.roles`` carries
    them (a later part of a split file: the first part detected and reported them).
    ``header`` says how a table's columns were named (see ``RoleMap.describe``).
    """
    items = iter(items)
    if source.roles is not None:
        roles = RoleMap.from_pairs(source.roles)
        held = []
    else:
        held = take_sample(items)
        samples = [item.record for item in held if isinstance(item, RawRecord)]
        roles = RoleMap.detect(samples, configured, header)
        first = next((item.line for item in held if isinstance(item, RawRecord)), None)
        if first is not None:
            for message in roles.missing_messages():
                yield ReadProblem(MISSING_FIELD, file_location(source, first), message)
    seen = False
    for item in _chain(held, items):
        seen = True
        if isinstance(item, ReadProblem):
            yield item
            continue
        doc, absent = build_document(source, item, roles)
        for role in absent:
            yield ReadProblem(MISSING_FIELD, file_location(source, item.line),
                              f"record has no '{roles.configured[role]}' {item.fmt.field_word} "
                              f"(configured as fields.{role})")
        yield doc
    if not seen and source.roles is None and source.first_line == 1:  # a whole file, or its first part
        yield ReadProblem(NO_RECORDS, file_location(source), NO_RECORDS_MESSAGE)


#: Items (records and problems) held back for the sample at most: a file of broken lines
#: is not held in memory waiting for records.
MAX_HELD = 10 * SAMPLE_RECORDS


def take_sample(items) -> list:
    """The first items of ``items`` (records and problems, in order) that roles are detected
    from: up to ``SAMPLE_RECORDS`` records, ``SAMPLE_BYTES`` of them or ``MAX_HELD`` items.

    ``chunks.py`` takes the same sample of a split file's first part, so every part reads
    fields as the first one does.
    """
    held, records, size = [], 0, 0
    for item in items:
        held.append(item)
        if isinstance(item, RawRecord):
            records += 1
            size += len(item.raw)
            if records >= SAMPLE_RECORDS or size >= SAMPLE_BYTES:
                break
        if len(held) >= MAX_HELD:
            break
    return held


def _chain(held: list, rest):
    yield from held
    yield from rest


def suppressed_codes(value) -> frozenset:
    """What a record's ignore field asks for: true for everything, or codes/names."""
    if value is True or (isinstance(value, str) and value.strip().upper() in ("ALL", "*", "TRUE")):
        return frozenset({"ALL"})
    if isinstance(value, str):
        return frozenset(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return frozenset(str(part).strip() for part in value if str(part).strip())
    return frozenset()


def build_document(source: Source, item: RawRecord, roles: RoleMap) -> tuple[Document, list[str]]:
    """The document of one record, and the configured roles it lacks (for F004).

    Nested objects are read as dotted keys (see ``fields.flatten``); each text
    or number value becomes a field, and so does the date role's value of any
    type (a ``{"$date": ...}`` object, a timestamp).
    """
    fmt, raw, line = item.fmt, item.raw, item.line
    record = flatten(item.record)
    keys = roles.keys
    record_id = record.get(keys["id"]) if keys["id"] is not None else None
    doc_id = f"{source.doc_id}#{record_id}" if record_id not in (None, "") else f"{source.doc_id}:{line}"
    fields = {}
    for key, value in record.items():
        text = _field_text(value, key == keys["date"])
        if text is not None:
            mapper = fmt.offsets_for(key) if fmt.offsets_for is not None else None
            fields[key] = Field(key, text, Origin(raw, line, mapper), doc_id, source.display)
    title = fields.get(keys["title"]) if keys["title"] is not None else None
    body = fields.get(keys["text"]) if keys["text"] is not None else None
    ignore = record.get(keys["ignore"]) if keys["ignore"] is not None else None
    doc = Document(id=doc_id, path=source.display, format=fmt.kind, fields=fields,
                   prose=[f for f in (title, body) if f is not None], body=body, line=line,
                   absent_roles=roles.absent, suppressed=suppressed_codes(ignore), roles=roles)
    if item.issues:
        raw_origin = Origin(raw, line)
        for start, end, message in item.issues:
            (l1, c1), (l2, c2) = raw_origin.locate(start), raw_origin.locate(end)
            where = Location(source.display, doc_id, None, l1, c1, l2, c2)
            doc.decode_issues.append(DecodeIssue(None, start, end, message, where))
    absent = [role for role in roles.configured if role in REPORTED_ROLES and roles.configured[role] not in record]
    if absent:  # F004 reports them; the rules that need them stay quiet on this record
        doc.absent_roles = doc.absent_roles | frozenset(absent)
    if title is not None:
        s, e = strip_span(title.text, 0, len(title.text))
        if e > s:
            doc.headlines.append(Span(title, s, e))
    date = fields.get(keys["date"]) if keys["date"] is not None else None
    if date is not None:
        s, e = strip_span(date.text, 0, len(date.text))
        if e > s:
            original = record[keys["date"]]
            value, error = parse_date_value(date.text[s:e] if isinstance(original, str) else original)
            doc.dates.append(DateMention(Span(date, s, e), "field", value, error))
    if body is not None:
        doc.paragraphs = split_paragraphs(body, 0, len(body.text))
    dateline = fields.get(keys["dateline"]) if keys["dateline"] is not None else None
    if dateline is not None:
        doc.dateline, mention = find_dateline(dateline, 0, len(dateline.text))
    elif doc.paragraphs:
        doc.dateline, mention = find_dateline(body, doc.paragraphs[0].start, doc.paragraphs[0].end)
    else:
        mention = None
    if mention:
        doc.dates.append(mention)
    if fmt.parse is not None and fmt.editor is not None:
        doc.editor = fmt.editor(raw, _reparser(source, item, roles))
    return doc, absent


def _field_text(value, is_date: bool) -> str | None:
    """The text of a field holding ``value``: text and numbers as they are; for the
    date role also a date or time (ISO 8601) and an object or list (its JSON text)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    if not is_date:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return json.dumps(value, default=str, ensure_ascii=False)


def _reparser(source: Source, item: RawRecord, roles: RoleMap):
    """``reparse(raw)``: the document of the record ``raw`` (a fixed version of ``item``)."""
    def reparse(raw: str) -> Document:
        fixed = RawRecord(item.line, raw, item.fmt.parse(raw), item.fmt)
        return build_document(source, fixed, roles)[0]
    return reparse
