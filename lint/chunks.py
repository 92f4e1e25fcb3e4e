"""Split large JSONL files into parts that worker processes read in parallel.

A part ends at a line break, knows the physical line it starts on, and carries
the roles detected from the file's first records (see ``readers/fields.py``),
so every part reads the file the same way and the findings are the same as from one reader (the output is
sorted afterwards). Compressed files and CSV (whose records may span lines)
are read whole.
"""
from __future__ import annotations

import dataclasses
import os

from .readers import Source, format_of

#: Files larger than this are split, into parts of about this size.
PART_BYTES = 4 * 1024 * 1024
_BLOCK = 1024 * 1024


def _detected_roles(first_part: Source, fields: dict, max_bytes: int) -> tuple | None:
    """The roles detected from the first records of the file's first part.

    The sample is the one the first part's reader takes (see
    ``record_documents``), so every part reads fields as the first one does;
    a first part that holds no record gets ``None`` (each part detects its own).
    """
    from .readers.fields import SAMPLE_BYTES, SAMPLE_RECORDS, RoleMap
    from .readers.jsonl import jsonl_records
    from .readers.records import RawRecord

    samples, size = [], 0
    for item in jsonl_records(first_part, max_bytes):
        if isinstance(item, RawRecord):
            samples.append(item.record)
            size += len(item.raw)
            if len(samples) >= SAMPLE_RECORDS or size >= SAMPLE_BYTES:
                break
    return RoleMap.detect(samples, fields).pairs() if samples else None


def _boundaries(path: str, size: int, part_bytes: int):
    """``(start, end, first_line)`` of each part: ends fall just after a line break."""
    starts = [0]
    with open(path, "rb") as fh:
        position = part_bytes
        while position < size:
            fh.seek(position)
            fh.readline()
            boundary = fh.tell()
            if boundary >= size:
                break
            starts.append(boundary)
            position = boundary + part_bytes
        lines = [1]
        fh.seek(0)
        counted = 0
        for start in starts[1:]:
            newlines = 0
            while counted < start:
                block = fh.read(min(_BLOCK, start - counted))
                newlines += block.count(b"\n")
                counted += len(block)
            lines.append(lines[-1] + newlines)
    ends = starts[1:] + [None]
    return list(zip(starts, ends, lines))


def split_sources(sources: list[Source], settings, part_bytes: int | None = None) -> list[Source]:
    """``sources`` with every large, uncompressed JSONL file replaced by its parts.

    ``settings`` give the configured roles (``fields``) and the document size limit.
    """
    part_bytes = part_bytes or PART_BYTES
    out = []
    for source in sources:
        if format_of(source.path) != "jsonl" or source.path.lower().endswith(".gz"):
            out.append(source)  # not splittable: no need to stat it
            continue
        try:
            size = os.path.getsize(source.path)
        except OSError:
            size = 0
        if size <= 2 * part_bytes:
            out.append(source)
            continue
        parts = [dataclasses.replace(source, start=start, end=end, first_line=line)
                 for start, end, line in _boundaries(source.path, size, part_bytes)]
        roles = _detected_roles(parts[0], settings.fields, settings.max_document_bytes)
        # The first part detects the roles and reports what is missing; later parts reuse them.
        out += parts[:1] + [dataclasses.replace(part, roles=roles) for part in parts[1:]]
    return out
