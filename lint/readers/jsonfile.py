"""JSON files (``.json``, optionally gzipped): one article, an array of articles, or JSON Lines.

The shape is read from the content, not from the name:

- **one JSON object** (what most scrapers write, one file per article): one
  document, on line 1. Fixes are written back into it, as into a JSONL record.
- **an array of objects**: one document per element, at the line and column
  where the element starts. The array is read element by element, so a file
  larger than memory is fine; an element over ``max-document-mb`` is reported
  (F005) and skipped. Fixes are not written into arrays (the fixer says so).
- **JSON Lines** (one object per line, in a file named ``.json``): read exactly
  as a ``.jsonl`` file. Objects one after another that span several lines
  (what ``jq`` prints) are read like array elements.
- anything else (a bare string or number, an array of numbers, text that is
  not JSON): one F002 for the file, saying what was found; an empty file or ``[]``
  is F007 (no records).

The encoding is found as for JSON Lines (a UTF-8 byte-order mark, UTF-16 and
UTF-32 are read and reported once, U005); bytes that are not valid UTF-8 are
reported in the element that holds them.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import stat
import zlib

from ..positions import json_field_offsets
from .codes import ENCODING, MALFORMED_JSON, OVERSIZED, UNREADABLE
from .decode import BinaryFile, decode
from .jsonl import DECODER, JsonRecordEditor, jsonl_records, loads, without_lone_surrogates
from .lines import HEAD_BYTES, file_encoding, oversized
from .plaintext import describe_os_error
from .records import RawRecord, RecordFormat, record_documents
from .source import ReadProblem, Source, file_location, is_dataset_metadata, size_text

#: A file holding one object, or JSON Lines: fixes are written back, as in a JSONL file.
JSON_RECORD = RecordFormat("json", json_field_offsets, loads, JsonRecordEditor)
#: An element of a JSON array: located exactly, but fixes are not written back.
JSON_ELEMENT = RecordFormat("json", json_field_offsets)

#: Characters of text read from the file at a time.
CHUNK_CHARS = 1 << 20
#: What the reader expects, for the message when a file holds something else.
EXPECTED = "expected a JSON object, an array of objects or JSON Lines"
TRUNCATED = "truncated record: the file ends inside a JSON value"

_WS = re.compile(r"[ \t\r\n]*")
_OUTSIDE_STRING = re.compile(r'["\[\]{}]')
_INSIDE_STRING = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[,\]}\s]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def read_json_file(source: Source, fields: dict, max_bytes: int):
    """Documents and problems from a ``.json`` file, whatever its shape; nothing from the
    metadata of a Hugging Face dataset (see :func:`is_dataset_metadata`)."""
    if not is_dataset_metadata(source.path):
        yield from record_documents(source, json_records(source, max_bytes), fields)




def json_records(source: Source, max_bytes: int):
    """:class:`RawRecord` values and problems from a ``.json`` file, in file order."""
    text = None
    try:
        with contextlib.ExitStack() as files:
            text = _TextStream(files, source, max_bytes)
            lines = _is_json_lines(text, max_bytes)
            if not lines:
                yield from _whole(source, text, max_bytes)
        if lines:
            yield from jsonl_records(source, max_bytes, JSON_RECORD)
    except (OSError, EOFError, zlib.error) as err:
        line = text.line if text is not None else 1
        yield ReadProblem(UNREADABLE, file_location(source, line), f"cannot read file after line {line}: "
                                                                   f"{describe_os_error(err)}")


def _whole(source: Source, text: _TextStream, max_bytes: int):
    if text.encoding.notice:
        yield ReadProblem(ENCODING, file_location(source), text.encoding.notice)
    yield from _top_level(source, text, max_bytes)
    if text.cut:
        yield ReadProblem(OVERSIZED, file_location(source, text.line),
                          f"not read past its first {size_text(max_bytes)}: it is not a regular file and "
                          "may never end, so the limit for one document (max-document-mb) holds for all of it")


class _TextStream:
    """The decoded text of a JSON file as a sliding buffer, read in chunks, with line numbers.

    ``buf[pos:]`` is what is left to read; text before ``pos`` may be dropped.
    Bytes that are not valid UTF-8 are kept as lone surrogates (``surrogateescape``)
    until the element that holds them is decoded.
    """

    def __init__(self, files: contextlib.ExitStack, source: Source, max_bytes: int):
        self.buf, self.pos, self.eof, self.cut = "", 0, False, False
        # Line tracking: newlines are counted up to buf[mark]; that line starts at buf[line_start].
        self._mark, self._line, self._line_start = 0, 1, 0
        opener = gzip.open if source.path.lower().endswith(".gz") else open
        binary = files.enter_context(opener(source.path, "rb"))
        if not stat.S_ISREG(os.fstat(binary.fileno()).st_mode):  # a pipe or device named on the command line
            data = binary.read(max_bytes + 1)
            binary, self.cut = io.BufferedReader(io.BytesIO(data[:max_bytes])), len(data) > max_bytes
        self.encoding = file_encoding(binary.peek(HEAD_BYTES)[:HEAD_BYTES])
        binary.read(len(self.encoding.bom))
        errors = "replace" if self.encoding.wide else "surrogateescape"
        self._text = files.enter_context(io.TextIOWrapper(binary, encoding=self.encoding.codec, errors=errors,
                                                          newline=""))

    def fill(self, at_least: int = 0) -> bool:
        """Read more text into the buffer; False at the end of the file."""
        if self.eof:
            return False
        chunk = self._text.read(max(at_least, CHUNK_CHARS))
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def drop(self, upto: int) -> None:
        """Forget the text before ``buf[upto]`` (its lines are counted first)."""
        self.locate(upto)
        self.buf = self.buf[upto:]
        self.pos -= upto
        self._mark -= upto
        self._line_start -= upto

    @property
    def line(self) -> int:
        """The line of the text read last."""
        return self._line

    def locate(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of ``buf[offset]``; offsets must not go backwards between calls."""
        newlines = self.buf.count("\n", self._mark, offset)
        if newlines:
            self._line += newlines
            self._line_start = self.buf.rindex("\n", self._mark, offset) + 1
        self._mark = offset
        return self._line, offset - self._line_start + 1

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file), without taking it."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.pos > CHUNK_CHARS:
                self.drop(self.pos)
            if not self.fill():
                return ""

    def value_end(self, max_bytes: int) -> int | None:
        """The end of the JSON value that starts at ``pos``: None if the file ends inside it.

        Only brackets and strings are followed (the value is parsed later). A value
        longer than ``max_bytes`` characters is not kept: :class:`_Oversized` says
        how long it was, with ``pos`` after it.
        """
        start = self.pos
        if self.buf[start] not in '"[{':
            return self._scalar_end(start)
        i, depth, in_string, dropped = start, 0, False, 0
        if self.buf[start] == '"':
            i, in_string = start + 1, True
        while True:
            if in_string:
                m = _INSIDE_STRING.search(self.buf, i)
                if m is not None and (m.group() == '"' or m.end() < len(self.buf)):
                    i, in_string = (m.end(), False) if m.group() == '"' else (m.end() + 1, True)
                    if not in_string and depth == 0:
                        return self._ended(start, i, dropped, max_bytes)
                    continue
                i = len(self.buf) if m is None else m.start()
            else:
                m = _OUTSIDE_STRING.search(self.buf, i)
                if m is not None:
                    i = m.end()
                    if m.group() == '"':
                        in_string = True
                    elif m.group() in "[{":
                        depth += 1
                    else:
                        depth -= 1
                        if depth == 0:
                            return self._ended(start, i, dropped, max_bytes)
                    continue
                i = len(self.buf)
            if dropped or i - start > max_bytes:  # too large to keep: count it and let it go
                dropped += i - start
                self.drop(i)
                i = start = 0
            if not self.fill(i - start):
                return None

    def _ended(self, start: int, end: int, dropped: int, max_bytes: int) -> int:
        if dropped or end - start > max_bytes:
            self.pos = end
            raise _Oversized(dropped + end - start)
        return end

    def _scalar_end(self, start: int) -> int:
        while True:
            m = _SCALAR_END.search(self.buf, start)
            if m is not None:
                return m.start()
            if not self.fill():
                return len(self.buf)




class _Oversized(Exception):
    """A value longer than the limit: ``size`` characters."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def _is_json_lines(text: _TextStream, max_bytes: int) -> bool:
    """True if the file holds one object per line: its first line is one whole object,
    and more follows on the next lines. Nothing is taken from ``text``."""
    if text.peek() != "{":
        return False
    start = text.pos
    newline = text.buf.find("\n", start)
    while newline < 0 and len(text.buf) - start <= max_bytes and text.fill():
        newline = text.buf.find("\n", start)
    if newline < 0:
        return False
    try:
        end = DECODER.raw_decode(text.buf, start)[1]
    except (json.JSONDecodeError, RecursionError):
        return False
    if end > newline or text.buf[end:newline].strip():
        return False
    following = _WS.match(text.buf, newline).end()
    while following == len(text.buf) and text.fill():
        following = _WS.match(text.buf, newline).end()
    return following < len(text.buf)


def _top_level(source: Source, text: _TextStream, max_bytes: int):
    """Records and problems from what the file holds: an array, objects, or something else (F002)."""
    first = text.peek()
    if first == "[":
        yield from _array(source, text, max_bytes)
    elif first == "{":
        yield from _objects(source, text, max_bytes)
    elif first:  # an empty file is no error of JSON: it holds no records (F007, see records.py)
        where = file_location(source, *text.locate(text.pos))
        found = _KINDS.get(first, ("text that is not JSON",))[0]
        yield ReadProblem(MALFORMED_JSON, where, f"{EXPECTED}; found {found}")


def _objects(source: Source, text: _TextStream, max_bytes: int):
    """One object (the file's one record: fixes are written into it) or objects one after another."""
    first = True
    while text.peek():
        if text.buf[text.pos] != "{":
            yield _unexpected(source, text, "another object or the end of the file")
            return
        taken = _take(source, text, max_bytes)
        if isinstance(taken, ReadProblem):
            yield taken
        else:
            line, raw = taken
            yield _record(source, raw, line, JSON_RECORD if first and not text.peek() else JSON_ELEMENT)
        first = False


def _array(source: Source, text: _TextStream, max_bytes: int):
    """One record per element of the array; an array that does not start with an object is one F002."""
    text.pos += 1  # the "["
    if text.peek() == "]":
        text.pos += 1
    else:
        first = True
        while True:
            char = text.peek()
            if char == "":
                yield _truncated(source, text.line)
                return
            if first and char != "{":
                found = f"an array of {_KINDS.get(char, ('', 'values that are not JSON'))[1]}"
                yield ReadProblem(MALFORMED_JSON, file_location(source, *text.locate(text.pos)),
                                  f"{EXPECTED}; found {found}")
                return
            taken = _take(source, text, max_bytes)
            yield taken if isinstance(taken, ReadProblem) else _record(source, taken[1], taken[0], JSON_ELEMENT)
            first = False
            after = text.peek()
            if after in (",", "]"):
                text.pos += 1
                if after == "]":
                    break
                continue
            if after != "":
                yield _unexpected(source, text, "',' or ']' after an element of the array")
            elif not (isinstance(taken, ReadProblem) and taken.message == TRUNCATED):
                yield _truncated(source, text.line)
            return
    if text.peek():
        yield _unexpected(source, text, "nothing after the array")


def _take(source: Source, text: _TextStream, max_bytes: int):
    """``(line, raw)`` of the value at ``text.pos``, which is taken, or the problem with it.

    ``raw`` starts at the beginning of the value's first line, the characters before
    the value blanked out (white space kept), so that offsets in it are columns.
    """
    line, column = text.locate(text.pos)
    before = text.buf[max(text.pos - column + 1, 0):text.pos]
    prefix = " " * (column - 1 - len(before)) + _NOT_BLANK.sub(" ", before)
    try:
        end = text.value_end(max_bytes)
    except _Oversized as err:
        return oversized(source, line, err.size, max_bytes)
    if end is None:
        text.pos = len(text.buf)
        return _truncated(source, line)
    end = _BLANKS.match(text.buf, end).end()  # trailing spaces stay with the record when it is rewritten
    raw = prefix + text.buf[text.pos:end]
    text.pos = end
    return line, raw


def _record(source: Source, raw: str, line: int, fmt: RecordFormat):
    """The record whose raw text is ``raw`` (starting at column 1 of ``line``), or the problem with it."""
    issues = []
    if _ESCAPED_BYTE.search(raw):  # bytes that are not UTF-8: decoded, and reported where they are
        try:
            decoded = decode(raw.encode("utf-8", "surrogateescape"))
        except BinaryFile as err:
            return ReadProblem(MALFORMED_JSON, file_location(source, line), f"record not linted: {err}")
        raw, issues = decoded.text, decoded.issues
    try:
        record = loads(raw)
    except json.JSONDecodeError as err:
        return ReadProblem(MALFORMED_JSON, file_location(source, line + err.lineno - 1, err.colno),
                           f"malformed JSON: {err.msg}")
    except RecursionError:
        return ReadProblem(MALFORMED_JSON, file_location(source, line), "malformed JSON: nested too deeply")
    if not isinstance(record, dict):
        column = len(raw) - len(raw.lstrip()) + 1
        kind = _KINDS.get(raw.lstrip()[:1], ("a JSON value",))[0]
        return ReadProblem(MALFORMED_JSON, file_location(source, line, column),
                           f"element is {kind}, not an object; each element of the array must be one JSON object")
    if "\\u" in raw:
        record, issues = without_lone_surrogates(record, raw, issues)
    return RawRecord(line, raw, record, fmt, issues)


def _truncated(source: Source, line: int) -> ReadProblem:
    return ReadProblem(MALFORMED_JSON, file_location(source, line), TRUNCATED)


def _unexpected(source: Source, text: _TextStream, expected: str) -> ReadProblem:
    return ReadProblem(MALFORMED_JSON, file_location(source, *text.locate(text.pos)),
                       f"malformed JSON: expected {expected}; the rest of the file is not read")


_NOT_BLANK = re.compile(r"[^ \t]")
_BLANKS = re.compile(r"[ \t]*")
#: What a value that starts with this character is, alone and in an array.
_KINDS = {'"': ("a JSON string", "strings"), "[": ("a JSON array", "arrays"),
          "t": ("a JSON boolean", "booleans"), "f": ("a JSON boolean", "booleans"), "n": ("null", "nulls"),
          **dict.fromkeys("-0123456789", ("a JSON number", "numbers"))}
