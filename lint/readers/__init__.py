"""Readers turn files into documents, and file-level trouble into problems.

``read(source, fields)`` yields :class:`~corpuslint.document.Document` objects
and :class:`ReadProblem` values (unreadable file, content that does not match
the file's name, malformed JSONL line, bad CSV row, missing field); a problem
never stops the run.
"""
from __future__ import annotations

from .codes import CONTENT_MISMATCH
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

    A file whose content is not what its name says (see ``sniff.py``) is one
    F006 problem and nothing else; every part of a split file is looked at,
    and only the first reports it.
    """
    # The readers (30 ms) are imported on first use, not with this package: the
    # configuration and discovery import ``readers.source``, which runs this file.
    from .sniff import mismatch

    kind = format_of(source.path) or "text"
    what = mismatch(source, kind)
    if what is not None:
        if source.start == 0:
            yield ReadProblem(CONTENT_MISMATCH, file_location(source), f"not linted: {what}")
        return
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
