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


def read(source: Source, fields: dict | None = None, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
         columns: list | None = None):
    """Documents and problems from one file, in file order.

    ``fields`` are the configured roles (``fields``), ``columns`` the configured
    names of a headerless CSV file's columns (``columns``).

    Memory stays bounded by ``max_bytes``: a larger text file or record is
    reported (F005) without being held in memory.
    """
    # The readers (30 ms) are imported on first use, not with this package: the
    # configuration and discovery import ``readers.source``, which runs this file.
    kind = format_of(source.path) or "text"
    if kind == "text":
        from .plaintext import read_text_file

        yield from read_text_file(source, max_bytes)
    elif kind == "jsonl":
        from .jsonl import read_jsonl

        yield from read_jsonl(source, fields or {}, max_bytes)
    elif kind == "csv":
        from .csvfile import read_csv

        yield from read_csv(source, fields or {}, max_bytes, columns)
    elif kind == "json":
        from .jsonfile import read_json_file

        yield from read_json_file(source, fields or {}, max_bytes)
    else:  # parquet, arrow
        from .columnar import read_columnar_file

        yield from read_columnar_file(source, kind, fields or {}, max_bytes)


__all__ = ["DEFAULT_MAX_DOCUMENT_BYTES", "FIELD_CANDIDATES", "FORMATS", "ROLES", "ReadProblem", "Source",
           "file_location", "format_of", "read", "size_text"]
