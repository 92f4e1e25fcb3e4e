"""What readers read and report: sources, problems, formats and record field roles."""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from ..finding import Location

#: File name endings and the reader for each; ``.gz`` may follow any of them.
FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".json": "json",
    ".parquet": "parquet", ".arrow": "arrow",
}

#: Record field names tried, in order, for each role (case-insensitive).
FIELD_CANDIDATES = {
    "title": ("title", "headline", "heading"),
    "text": ("text", "body", "content", "maintext", "article", "article_text", "story", "full_text"),
    "date": ("date", "publish_date", "date_publish", "published", "pubdate", "published_at",
             "publication_date", "date_published", "datetime"),
    "url": ("url", "link", "source_url"),
    "id": ("id", "doc_id", "article_id", "uuid", "guid"),
    "dateline": ("dateline",),
    #: A record field that suppresses findings on its record: true, or rule codes.
    "ignore": ("corpuslint_ignore",),
}
ROLES = tuple(FIELD_CANDIDATES)


@dataclass(frozen=True, slots=True)
class Source:
    """A file, or a part of a large JSONL file, to read.

    ``path`` on disk, ``display`` as the user named it, ``doc_id`` its id. A
    part covers bytes ``start`` to ``end`` (``None``: to the end of the file),
    starts at physical line ``first_line``, and carries the roles detected
    from the start of the file (``roles``, see ``RoleMap.pairs``) so that every
    part reads fields alike.
    ``named`` is true for a file named on the command line: it is read even
    if it is not a regular file (a device, a pipe), within the size limit;
    in a folder, only regular files are read.
    """

    path: str
    display: str
    doc_id: str
    start: int = 0
    end: int | None = None
    first_line: int = 1
    roles: tuple | None = None
    named: bool = False


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A file-level finding from a reader: ``code`` is an F or U rule code."""

    code: str
    location: Location
    message: str


def format_of(path: str) -> str | None:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    dot = name.rfind(".")
    return FORMATS.get(name[dot:]) if dot >= 0 else None


def file_location(source: Source, line: int = 1, column: int = 1, field: str | None = None) -> Location:
    return Location(source.display, source.doc_id, field, line, column, line, column)


#: Documents (a text file, or one record) larger than this are not linted (F005).
DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


#: The metadata files ``datasets.Dataset.save_to_disk`` writes next to its ``data-*.arrow`` files
#: (``dataset_dict.json``: one folder up, for a dataset with several splits).
DATASET_METADATA = ("dataset_info.json", "state.json")


def is_dataset_metadata(path: str) -> bool:
    """True for the ``.json`` metadata of a dataset saved by Hugging Face ``save_to_disk``:
    ``dataset_info.json`` or ``state.json`` next to ``data-*.arrow`` files, or
    ``dataset_dict.json`` above folders that hold them. They describe the data; they are not articles."""
    folder, name = os.path.split(path)
    name = name.lower()
    if name in DATASET_METADATA:
        return bool(glob.glob(os.path.join(glob.escape(folder), "data-*.arrow")))
    if name == "dataset_dict.json":
        return bool(glob.glob(os.path.join(glob.escape(folder), "*", "data-*.arrow")))
    return False
