"""The lines of a record file (JSONL, CSV, JSON Lines in ``.json``), optionally gzipped.

The file's encoding is found once, from its first bytes (see
:func:`file_encoding`): a UTF-8 byte-order mark is skipped, and a UTF-16 or
UTF-32 file (with a byte-order mark, or UTF-16 recognised by its zero bytes)
is read as text in that encoding, since its line breaks are more than one
byte; either is reported once (U005) on line 1. Each record is then decoded
on its own, so a Latin-1 record or invalid bytes are reported where they are.
"""
from __future__ import annotations

import codecs
import gzip
import io
import os
import stat
import zlib
from dataclasses import dataclass

from .codes import ENCODING, OVERSIZED, UNREADABLE
from .decode import WIDE_BOMS, utf16_byte_order
from .plaintext import describe_os_error
from .source import ReadProblem, Source, file_location, size_text

#: How many of a file's first bytes :func:`file_encoding` looks at.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class FileEncoding:
    """How a record file's bytes are text: the codec, the byte-order mark the
    file starts with, and what U005 says about it (None for plain UTF-8)."""

    codec: str
    bom: bytes = b""
    notice: str | None = None

    @property
    def wide(self) -> bool:
        """True for UTF-16 and UTF-32, whose line breaks are more than one byte."""
        return self.codec != "utf-8"


def file_encoding(head: bytes) -> FileEncoding:
    """The encoding of a JSONL or CSV file, from its first bytes (``HEAD_BYTES`` are plenty).

    The byte-order marks and the zero-byte test are those
    :func:`~corpuslint.readers.decode.decode` uses for a text file.
    """
    if head.startswith(codecs.BOM_UTF8):
        return FileEncoding("utf-8", codecs.BOM_UTF8, "file starts with a UTF-8 byte-order mark; "
                                                      "save it as UTF-8 without BOM")
    for bom, codec, label in WIDE_BOMS:
        if head.startswith(bom):
            return FileEncoding(codec, bom, f"file is {label}, not UTF-8; convert it to UTF-8")
    codec = utf16_byte_order(head[:HEAD_BYTES])
    if codec:
        return FileEncoding(codec, notice=f"file is {codec.upper()} without a byte-order mark, "
                                          "not UTF-8; convert it to UTF-8")
    return FileEncoding("utf-8")


def _open_binary(path: str):
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _utf8_readline(fh, codec: str):
    """``readline(limit)`` for a UTF-16 or UTF-32 stream: each line as UTF-8 bytes.

    The limit counts characters, each at least one byte in UTF-8, so a line
    cut at the limit is still over the byte limit. Invalid sequences become U+FFFD.
    """
    text = io.TextIOWrapper(fh, encoding=codec, errors="replace", newline="\n")
    return lambda limit: text.readline(limit).encode("utf-8")


def physical_lines(source: Source, max_bytes: int):
    """``(line_number, bytes)`` for each line of the file, or a ReadProblem.

    A line longer than ``max_bytes`` is never held in memory: it is skipped
    in chunks and reported (F005). A UTF-8 byte-order mark is skipped, the
    lines of a UTF-16 or UTF-32 file come as UTF-8, and either is reported
    (U005) before the first line. Such a file is read whole by the part that
    starts it: a later part of it (split at single newline bytes, not at its
    line breaks) reads nothing.

    A device or pipe (named on the command line: in a folder only regular
    files are read) may never end: only its first ``max_bytes`` are read, as
    for a text document, and the cut is reported (F005).
    """
    number = source.first_line - 1
    end = source.end
    try:
        with _open_binary(source.path) as fh:
            special = not stat.S_ISREG(os.fstat(fh.fileno()).st_mode)
            if special:
                fh, cut = _first_bytes(fh, max_bytes)
            encoding = file_encoding(fh.peek(HEAD_BYTES)[:HEAD_BYTES])
            readline = fh.readline
            if source.start:
                if encoding.wide:
                    return
                fh.seek(source.start)
            else:
                fh.read(len(encoding.bom))
                if encoding.notice:
                    yield number, ReadProblem(ENCODING, file_location(source), encoding.notice)
                if encoding.wide:
                    readline, end = _utf8_readline(fh, encoding.codec), None
            while end is None or fh.tell() < end:
                data = readline(max_bytes + 1)
                if not data:
                    break
                number += 1
                if len(data) > max_bytes and not data.endswith(b"\n"):
                    size = len(data)
                    while data and not data.endswith(b"\n"):
                        data = readline(1 << 20)
                        size += len(data)
                    yield number, oversized(source, number, size, max_bytes)
                    continue
                yield number, data
            if special and cut:
                yield number, ReadProblem(OVERSIZED, file_location(source, max(number, 1)),
                                          f"not read past its first {size_text(max_bytes)}: it is not a "
                                          "regular file and may never end, so the limit for one document "
                                          "(max-document-mb) holds for all of it")
    except (OSError, EOFError, zlib.error) as err:
        where = file_location(source, max(number, 1))
        yield number, ReadProblem(UNREADABLE, where, f"cannot read file after line {number}: "
                                                     f"{describe_os_error(err)}")


def _first_bytes(fh, max_bytes: int):
    """``(file, cut)``: the first ``max_bytes`` of ``fh`` as a file of their own, and
    whether ``fh`` held more."""
    data = fh.read(max_bytes + 1)
    return io.BufferedReader(io.BytesIO(data[:max_bytes])), len(data) > max_bytes


def oversized(source: Source, line: int, size: int, max_bytes: int) -> ReadProblem:
    return ReadProblem(OVERSIZED, file_location(source, line),
                       f"record not linted: {size_text(size)}, over the {size_text(max_bytes)} limit "
                       "for one document (max-document-mb)")
