"""JSON Lines (``.jsonl``, ``.ndjson``, optionally gzipped): one JSON object per line.

A line that is not one JSON object is reported (F002) and the next line is
read. The file's lines come from ``lines.py`` (encoding, size limits); the
records become documents in ``records.py``.
"""
from __future__ import annotations

import json
import re

from ..positions import JSON_DECODER, json_field_offsets, json_value_start
from .codes import MALFORMED_JSON, UNREADABLE
from .decode import BinaryFile, decode
from .lines import physical_lines
from .records import RawRecord, RecordFormat, record_documents
from .source import ReadProblem, Source, file_location

#: The JSON decoder of every reader: an integer of 5,000 digits is a value, not a crash.
DECODER = JSON_DECODER
loads = DECODER.decode


class JsonRecordEditor:
    """Fixes one JSONL record: the changed fields' values are replaced, nothing else."""

    def __init__(self, raw: str, reparse):
        self.raw, self.reparse = raw, reparse

    def rebuild(self, values: dict) -> str:
        raw, ascii_only = self.raw, self.raw.isascii()
        spans = []
        for key, value in values.items():
            start = json_value_start(raw, key)
            _, end = DECODER.raw_decode(raw, start)
            spans.append((start, end, json.dumps(value, ensure_ascii=ascii_only)))
        for start, end, text in sorted(spans, reverse=True):
            raw = raw[:start] + text + raw[end:]
        return raw


#: JSON Lines records: fixes are written back into the line.
JSONL = RecordFormat("jsonl", json_field_offsets, loads, JsonRecordEditor)


def read_jsonl(source: Source, fields: dict, max_bytes: int):
    """Documents and problems from a JSON Lines file (or a part of one)."""
    yield from record_documents(source, jsonl_records(source, max_bytes), fields)


def jsonl_records(source: Source, max_bytes: int, fmt: RecordFormat = JSONL):
    """:class:`RawRecord` and problems, one per non-blank line."""
    for line, data in physical_lines(source, max_bytes):
        if isinstance(data, ReadProblem):
            yield data
            if data.code == UNREADABLE:
                return
            continue
        try:
            decoded = decode(data)
        except BinaryFile as err:
            yield ReadProblem(MALFORMED_JSON, file_location(source, line), f"record not linted: {err}")
            continue
        raw, issues = decoded.text.rstrip("\r\n"), decoded.issues
        if not raw.strip():
            continue
        try:
            record = loads(raw)
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
            record, issues = without_lone_surrogates(record, raw, issues)
        yield RawRecord(line, raw, record, fmt, issues)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(record: dict, raw: str, issues: list) -> tuple[dict, list]:
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
