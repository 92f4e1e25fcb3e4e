"""Readers turn files into documents, and file-level trouble into problems.

``read(source, fields)`` yields :class:`~corpuslint.document.Document` objects
and :class:`ReadProblem` values (unreadable file, malformed JSONL line, bad CSV
row, missing field); a problem never stops the run.
"""
from __future__ import annotations

from .source import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    FIELD_CANDIDATES,
    FORMATS,
    ROLES,
    ReadProblem,
    Source,
    file_location,
    format_of,
    size_text,
)


def read(source: Source, fields: dict | None = None, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES):
    """Documents and problems from one file, in file order.

    Memory stays bounded by ``max_bytes``: a larger text file or record is
    reported (F005) without being held in memory.
    """
    # The readers (30 ms) are imported on first use, not with this package: the
    # configuration and discovery import ``readers.source``, which runs this file.
    from . import plaintext, records

    kind = format_of(source.path) or "text"
    if kind == "text":
        yield from plaintext.read_text_file(source, max_bytes)
    else:
        yield from records.read_record_file(source, kind, fields or {}, max_bytes)


__all__ = ["DEFAULT_MAX_DOCUMENT_BYTES", "FIELD_CANDIDATES", "FORMATS", "ROLES", "ReadProblem", "Source",
           "file_location", "format_of", "read", "size_text"]
