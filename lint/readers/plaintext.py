"""Plain-text articles: one ``.txt``/``.md`` file (optionally gzipped) is one document."""
from __future__ import annotations

import gzip
import zlib

from ..document import DecodeIssue, Document, Field
from ..positions import Origin
from . import ReadProblem, Source, file_location
from .decode import BinaryFile, decode
from .structure import parse_plain_text

UNREADABLE = "F001"


def read_bytes(path: str) -> bytes:
    if path.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    with open(path, "rb") as fh:
        return fh.read()


def describe_os_error(err: BaseException) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "file not found (deleted, or a broken symbolic link)"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    if isinstance(err, (EOFError, gzip.BadGzipFile, zlib.error)):
        return f"corrupt or truncated gzip data ({err or type(err).__name__})"
    return getattr(err, "strerror", None) or str(err) or type(err).__name__


class TextEditor:
    """Fixes a text file: the one field is the whole text."""

    def __init__(self, source: Source, raw: str, encoding: str):
        self.source, self.raw, self.encoding = source, raw, encoding

    def rebuild(self, values: dict) -> str:
        return values[None]

    def reparse(self, raw: str) -> Document:
        return document_from_text(self.source, raw, self.encoding)


def document_from_text(source: Source, text: str, encoding: str = "utf-8", issues=()) -> Document:
    """Build and parse a plain-text document (also used by tests and fixes)."""
    field = Field(None, text, Origin(text), source.doc_id, source.display)
    doc = Document(id=source.doc_id, path=source.display, format="text",
                   fields={"text": field}, prose=[field], body=field, encoding=encoding,
                   editor=TextEditor(source, text, encoding))
    doc.decode_issues = [DecodeIssue(field, s, e, msg) for s, e, msg in issues]
    parse_plain_text(doc, field)
    return doc


def read_text_file(source: Source):
    try:
        data = read_bytes(source.path)
    except (OSError, EOFError, zlib.error) as err:
        yield ReadProblem(UNREADABLE, file_location(source), f"cannot read file: {describe_os_error(err)}")
        return
    try:
        decoded = decode(data)
    except BinaryFile as err:
        yield ReadProblem(UNREADABLE, file_location(source), f"not linted: {err}")
        return
    yield document_from_text(source, decoded.text, decoded.encoding, decoded.issues)
