"""Split large JSONL files into parts that worker processes read in parallel.

A part ends at a line break, knows the physical line it starts on, and carries
the field names of the file's first record, so every part reads the file the
same way and the findings are the same as from one reader (the output is
sorted afterwards). Compressed files and CSV (whose records may span lines)
are read whole.
"""
from __future__ import annotations

import dataclasses
import json
import os

from .readers import Source, format_of

#: Files larger than this are split, into parts of about this size.
PART_BYTES = 4 * 1024 * 1024
_BLOCK = 1024 * 1024


def _first_record_keys(path: str, limit: int = 1000) -> tuple[tuple | None, int]:
    """The field names of the file's first record and the offset where it starts."""
    with open(path, "rb") as fh:
        for _ in range(limit):
            offset = fh.tell()
            line = fh.readline(PART_BYTES)
            if not line:
                break
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                return tuple(record), offset
    return None, -1


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


def split_sources(sources: list[Source], part_bytes: int | None = None) -> list[Source]:
    """``sources`` with every large, uncompressed JSONL file replaced by its parts."""
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
        keys, first = _first_record_keys(source.path)
        for start, end, line in _boundaries(source.path, size, part_bytes):
            # The part that holds the first record reports missing fields; later parts reuse its keys.
            later = keys is not None and start > first
            out.append(dataclasses.replace(source, start=start, end=end, first_line=line,
                                           keys=keys if later else None))
    return out
