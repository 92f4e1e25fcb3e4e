"""Split large JSONL and Parquet files into parts that are read one at a time, in parallel.

A JSONL part ends at a line break and knows the physical line it starts on; a
Parquet part is a run of rows (a byte range of row positions, see
``readers.columnar.RowLayout``) and knows the row it starts on. Every part but the first
carries the roles detected from the file's first records (see
``readers/fields.py``), so every part reads the file the same way and the
findings are the same as from one reader (the output is sorted afterwards).
A part's results leave its process when the part is done, so no process
holds more than one part's documents and records. Compressed files, CSV
(whose records may span lines), JSON and Arrow files are read whole.
"""
from __future__ import annotations

import dataclasses
import os

from .readers import Source, format_of

#: Files larger than this are split, into parts of about this size.
PART_BYTES = 4 * 1024 * 1024
_BLOCK = 1024 * 1024


#: Parquet files are split into parts of this many rows: about the text of a JSONL part of
#: PART_BYTES for news articles, since a part's records wait in memory until it is merged.
PART_ROWS = 4_000


def _detected_roles(first_part: Source, fields: dict, max_bytes: int) -> tuple | None:
    """The roles detected from the first records of the file's first part.

    The sample is the one the first part's reader takes (see
    ``record_documents``), so every part reads fields as the first one does;
    a first part that holds no record gets ``None`` (each part detects its own).
    """
    from .readers.fields import RoleMap
    from .readers.records import RawRecord, take_sample

    if format_of(first_part.path) == "parquet":
        from .readers.columnar import columnar_rows

        items = columnar_rows(first_part, "parquet", max_bytes)
    else:
        from .readers.jsonl import jsonl_records

        items = jsonl_records(first_part, max_bytes)
    samples = [item.record for item in take_sample(items) if isinstance(item, RawRecord)]
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
        kind = format_of(source.path)
        if kind not in ("jsonl", "parquet") or source.path.lower().endswith(".gz"):
            out.append(source)  # not splittable: no need to stat it
            continue
        if kind == "parquet" and os.path.isfile(source.path):  # never open a FIFO named on the command line
            parts = _row_parts(source)
            if len(parts) > 1:
                roles = _detected_roles(parts[0], settings.fields, settings.max_document_bytes)
                out += parts[:1] + [dataclasses.replace(part, roles=roles) for part in parts[1:]]
            else:
                out.append(source)
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


def _row_parts(source: Source) -> list[Source]:
    """The parts of a Parquet file: runs of about ``PART_ROWS`` rows.

    A part's ``start`` and ``end`` are byte positions of rows (see
    ``readers.columnar.RowLayout``): the reader takes the rows whose position
    is in ``[start, end)``; ``first_line`` is the row the part starts on. A file
    pyarrow cannot open (or no pyarrow) is one part: its reader reports why.
    """
    try:
        import pyarrow.parquet

        from .readers.columnar import RowLayout

        layout = RowLayout(pyarrow.parquet.ParquetFile(source.path).metadata)
    except Exception:
        return [source]
    if not layout.ordered or layout.rows <= PART_ROWS:
        return [source]
    starts = []
    for row in range(0, layout.rows, PART_ROWS):
        position = layout.position(row)
        if not starts or position > starts[-1]:
            starts.append(position)
    ends = starts[1:] + [None]
    return [dataclasses.replace(source, start=start, end=end, first_line=layout.first_row_at(start) + 1)
            for start, end in zip(starts, ends)]
