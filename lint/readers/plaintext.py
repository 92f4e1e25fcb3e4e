"""Plain-text articles: one ``.txt``/``.md`` file (optionally gzipped) is one document."""
from __future__ import annotations

import gzip
import os
import zlib

from ..document import DecodeIssue, Document, Field
from ..positions import Origin
from .codes import CONTENT_MISMATCH, OVERSIZED, UNREADABLE
from .decode import BinaryFile, decode
from .source import ReadProblem, Source, file_location, size_text
from .structure import parse_plain_text


class TooLarge(Exception):
    """The file holds more than the document size limit."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The file's bytes (decompressed for ``.gz``); :class:`TooLarge` past ``max_bytes``."""
    if max_bytes is not None and not path.lower().endswith(".gz"):
        size = os.path.getsize(path)
        if size > max_bytes:
            raise TooLarge(size)
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        return read_limited(fh, max_bytes)


def read_limited(fh, max_bytes: int | None = None) -> bytes:
    """The rest of the open file ``fh`` (decompressed, if it is a gzip file object);
    :class:`TooLarge` past ``max_bytes``, having read at most one byte more."""
    data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(len(data))
    return data


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


def read_text_file(source: Source, max_bytes: int | None = None):
    try:
        data = read_bytes(source.path, max_bytes)
    except TooLarge as err:
        yield ReadProblem(OVERSIZED, file_location(source),
                          f"not linted: {'more than ' if source.path.lower().endswith('.gz') else ''}"
                          f"{size_text(err.size)}, over the {size_text(max_bytes)} limit for one document "
                          "(max-document-mb)")
        return
    except (OSError, EOFError, zlib.error) as err:
        yield ReadProblem(UNREADABLE, file_location(source), f"cannot read file: {describe_os_error(err)}")
        return
    try:
        decoded = decode(data)
    except BinaryFile as err:  # binary past the head that sniff.py looks at
        yield ReadProblem(CONTENT_MISMATCH, file_location(source), f"not linted: {err}")
        return
    yield document_from_text(source, decoded.text, decoded.encoding, decoded.issues)
