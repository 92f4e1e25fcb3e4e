"""Map character offsets in a document field back to ``line:column`` in its file.

A plain-text file is one field whose text *is* the file, so an offset maps
straight to a line and column. A JSONL or CSV field is a decoded value inside a
raw record: JSON escapes (``\\n``, ``\\u00e9``) and CSV doubled quotes make the
raw text longer than the value, so the mapping walks the raw record once, the
first time a finding needs it.
"""
from __future__ import annotations

import bisect
import json
import re


def _integer(text: str):
    """A JSON integer; past the digits Python converts (4,300), a float (``inf``), not an error."""
    return int(text) if len(text) < 4300 else float(text)


#: The JSON decoder of the readers and of this module: a 5,000-digit integer is a value, not a crash.
JSON_DECODER = json.JSONDecoder(parse_int=_integer)
_DECODER = JSON_DECODER
_WS = " \t\r\n"


class LineIndex:
    """Line starts of a text, for offset -> (line, column) in O(log n)."""

    __slots__ = ("_first_line", "_starts")

    def __init__(self, text: str, first_line: int = 1):
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._first_line = first_line

    def locate(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._starts, offset) - 1
        return self._first_line + row, offset - self._starts[row] + 1


class Origin:
    """Where a field's text sits in its file.

    ``raw`` is the raw text of the file (plain text) or of the record (JSONL
    line, CSV record), ``first_line`` its physical line number, and
    ``to_raw(offset)`` maps an offset in the decoded value to one in ``raw``,
    through a mapper that ``mapper_builder(raw)`` makes on first use.
    """

    __slots__ = ("_index", "_mapper", "_mapper_builder", "first_line", "raw")

    def __init__(self, raw: str, first_line: int = 1, mapper_builder=None):
        self.raw = raw
        self.first_line = first_line
        self._index = None
        self._mapper = None
        self._mapper_builder = mapper_builder

    def to_raw(self, offset: int) -> int:
        if self._mapper_builder is None:
            return offset
        if self._mapper is None:
            self._mapper = self._mapper_builder(self.raw)
        return self._mapper(offset)

    def locate(self, offset: int) -> tuple[int, int]:
        if self._index is None:
            self._index = LineIndex(self.raw, self.first_line)
        return self._index.locate(self.to_raw(offset))


# --- JSON records -------------------------------------------------------------

_WS_RUN = re.compile(r"[ \t\r\n]*")


def _skip_ws(raw: str, i: int) -> int:
    return _WS_RUN.match(raw, i).end()


def json_value_start(raw: str, key: str) -> int:
    """Index in ``raw`` (one JSON object) where the value of ``key`` starts.

    ``key`` is a top-level key or a dotted path into nested objects
    (``article.body``), read as ``readers.fields.flatten`` reads it: a key
    that itself holds a dot, at any level, wins over a nested key spelled the
    same way. With duplicate keys the last one wins, as in ``json.loads``. The
    usual case, a top-level key without a dot whose quoted name appears once
    in the record right after ``{`` or ``,``, is found with ``str.find`` (a key
    cannot appear unescaped inside a string value); anything else is parsed.
    """
    if "." not in key:
        needle = json.dumps(key)
        at = raw.find(needle)
        if at != -1 and raw.find(needle, at + 1) == -1:
            before = raw[:at].rstrip(_WS)
            colon = _skip_ws(raw, at + len(needle))
            if before[-1:] in ("{", ",") and raw[colon:colon + 1] == ":":
                return _skip_ws(raw, colon + 1)
    i = _skip_ws(raw, 0)
    if raw[i:i + 1] != "{":
        raise ValueError("record is not a JSON object")
    return _member_start(raw, i, key)


def _member_start(raw: str, i: int, key: str) -> int:
    """Where the value of ``key`` (a dotted path) starts in the JSON object at ``raw[i]``."""
    starts = {}  # member name -> where its (last) value starts, in the order names first appear
    i += 1
    while True:
        i = _skip_ws(raw, i)
        if raw[i:i + 1] == "}":
            break
        name, i = json.decoder.scanstring(raw, i + 1)
        i = _skip_ws(raw, i) + 1  # the colon
        i = _skip_ws(raw, i)
        starts[name] = i
        _, i = _DECODER.raw_decode(raw, i)
        i = _skip_ws(raw, i)
        if raw[i:i + 1] == ",":
            i += 1
    if key in starts:
        return starts[key]
    for name, start in starts.items():
        if key.startswith(name + ".") and raw[start] == "{":
            try:
                return _member_start(raw, start, key[len(name) + 1:])
            except KeyError:
                continue
    raise KeyError(key)


#: One escape in a JSON string; a surrogate pair decodes to a single character.
_JSON_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")


def json_string_mapper(raw: str, quote: int):
    """Map offsets in the decoded JSON string literal at ``raw[quote]`` to ``raw``.

    Escapes are found with one regex pass; between them a decoded character
    is one raw character, so an offset maps with a binary search.
    """
    start = quote + 1
    _, end = json.decoder.scanstring(raw, start)
    positions, extras = [], []
    decoded = extra = 0
    last = start
    for m in _JSON_ESCAPE.finditer(raw, start, end - 1):
        decoded += m.start() - last
        positions.append(decoded)
        extra += len(m.group()) - 1
        extras.append(extra)
        decoded += 1
        last = m.end()

    def to_raw(offset: int) -> int:
        before = bisect.bisect_left(positions, offset)
        return start + offset + (extras[before - 1] if before else 0)

    return to_raw


def json_field_offsets(key: str):
    """A ``mapper_builder`` for the value of ``key`` in a JSON record."""

    def build(raw: str):
        start = json_value_start(raw, key)
        if raw[start] == '"':
            return json_string_mapper(raw, start)
        return lambda offset: start + offset

    return build


# --- CSV records --------------------------------------------------------------

def csv_field_bounds(raw: str, index: int, delimiter: str, quotechar: str = '"') -> tuple[int, int, bool]:
    """``(start, end, quoted)``: where field number ``index`` of a raw CSV record is, quotes included."""
    i, n, field = 0, len(raw), 0
    while field < index and i < n:
        if raw[i] == quotechar:
            i = _after_quoted(raw, i, quotechar)
        while i < n and raw[i] != delimiter and raw[i] not in "\r\n":
            i += 1
        if i < n and raw[i] == delimiter:
            field += 1
        i += 1
    start = i
    if i < n and raw[i] == quotechar:
        return start, _after_quoted(raw, i, quotechar), True
    while i < n and raw[i] != delimiter and raw[i] not in "\r\n":
        i += 1
    return start, i, False


def _after_quoted(raw: str, i: int, quotechar: str) -> int:
    """The index after the quoted value that starts at ``raw[i]``."""
    i += 1
    while i < len(raw):
        if raw[i] == quotechar:
            if raw[i + 1:i + 2] != quotechar:
                return i + 1
            i += 1
        i += 1
    return i


def csv_field_offsets(index: int, delimiter: str, quotechar: str = '"'):
    """A ``mapper_builder`` for field number ``index`` of a raw CSV record."""

    def build(raw: str):
        start, end, quoted = csv_field_bounds(raw, index, delimiter, quotechar)
        if quoted:
            offsets, i = [], start + 1
            while i < end - 1:
                offsets.append(i)
                i += 2 if raw[i] == quotechar else 1
            offsets.append(end - 1)
        else:
            offsets = list(range(start, end + 1))
        last = len(offsets) - 1
        return lambda offset: offsets[offset] if offset <= last else offsets[last] + offset - last

    return build
