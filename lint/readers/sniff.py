"""What a file holds when that is not what its name says (F006 content-mismatch).

Before a file is read, its first bytes (decompressed for ``.gz``) are looked
at once. A file whose content cannot be what its extension promises is one
finding, and is not linted, instead of hundreds of findings on prose that is
not prose:

- a ``.parquet`` file without the Parquet magic number (``PAR1``) at its start
  and end; an ``.arrow`` file that is neither an Arrow file nor an Arrow stream;
- binary data (many zero bytes, or many control bytes in text that is not
  UTF-8) in a text, JSON Lines, CSV or JSON file; UTF-16 and UTF-32 text is
  text, not binary;
- a known binary format in such a file (gzip, zip, PDF, an image, Parquet...),
  named for what it is; a ``.gz`` file that holds no gzip data;
- in a ``.txt`` or ``.md`` file: JSON or JSON Lines, a whole HTML page, an
  XML document;
- in a ``.jsonl`` file: one JSON array or object spread over several lines
  (pretty-printed JSON, which is a ``.json`` file); a one-line array stays the
  JSON Lines reader's to report (F002), as any other line that is not an object;
- in a ``.csv`` or ``.tsv`` file: JSON or JSON Lines.

The tests are conservative, because a false finding hides a real article: an
article with a few inline tags, a Markdown file with HTML or a fenced code
block, a text that starts with ``[1]`` or JSON front matter followed by prose
are read as text. Only regular files are looked at: a pipe or device named on
the command line is read once, by its reader, never here.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import re
import stat
import zlib

from .decode import WIDE_BOMS, utf16_byte_order
from .source import Source

#: How much of a file is looked at (decompressed).
HEAD_BYTES = 8192
#: How much of a text file that starts like JSON is read to parse its first value.
JSON_BYTES = 1024 * 1024
#: How far into a text file the ``<head>`` or ``<body>`` of an HTML page is looked for.
HTML_CHARS = 2048

_GZIP = b"\x1f\x8b"
_PARQUET = (b"PAR1", b"PARE")  # PARE: a Parquet file with an encrypted footer
_ARROW_FILE = b"ARROW1"
_ARROW_CONTINUATION = b"\xff\xff\xff\xff"
#: Leading bytes of formats that are never text, and what each is.
_MAGIC = (
    (re.compile(rb"\A\x1f\x8b"), "gzip-compressed data"),
    (re.compile(rb"\A%PDF-"), "a PDF document"),
    (re.compile(rb"\APK\x03\x04"), "a zip archive (or a document built on zip, such as .docx or .epub)"),
    (re.compile(rb"\APAR[1E]"), "a Parquet file"),
    (re.compile(rb"\AARROW1"), "an Arrow file"),
    (re.compile(rb"\A\x89PNG\r\n\x1a\n"), "a PNG image"),
    (re.compile(rb"\A\xff\xd8\xff"), "a JPEG image"),
    (re.compile(rb"\AGIF8[79]a"), "a GIF image"),
    (re.compile(rb"\ARIFF....WEBP", re.DOTALL), "a WebP image"),
    (re.compile(rb"\ABZh[1-9]1AY&SY"), "bzip2-compressed data"),
    (re.compile(rb"\A\xfd7zXZ\x00"), "xz-compressed data"),
    (re.compile(rb"\A\x28\xb5\x2f\xfd"), "zstd-compressed data"),
    (re.compile(rb"\ASQLite format 3\x00"), "an SQLite database"),
    (re.compile(rb"\A\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "a Microsoft Office document (.doc, .xls)"),
    (re.compile(rb"\A\{\\rtf"), "an RTF document"),
)
#: Control bytes that text does not hold (tab, line breaks, form feed and escape are text).
_CONTROL = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_LEADING_MARKUP = re.compile(r"\A(?:\s+|<\?xml[^>]*>|<!--.*?-->)*", re.DOTALL)
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_PARTS = re.compile(r"<(?:head|body)[\s>]", re.IGNORECASE)
#: A JSON object that starts a JSON value: ``{"key":`` (perhaps inside ``[``).
_JSON_OBJECT_START = re.compile(r'\A\[?\s*\{\s*"(?:[^"\\\n]|\\.){0,200}"\s*:')
#: Tells whether text is JSON; numbers are kept as text (a 5,000-digit integer is JSON, not an error).
_DECODER = json.JSONDecoder(parse_int=str)


def mismatch(source: Source, kind: str) -> str | None:
    """What the file of ``source`` holds when it is not what a ``kind`` file holds
    (the F006 message, after ``not linted: ``), else None.

    ``kind`` is the reader's format (``text``, ``jsonl``, ``csv``, ``json``,
    ``parquet``, ``arrow``). A file that cannot be opened, is not a regular
    file, or holds corrupt gzip data gives None: its reader says what is wrong.
    """
    try:
        if not stat.S_ISREG(os.stat(source.path).st_mode):
            return None  # never opened here: reading a pipe would take bytes from its reader
        fd = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            return _sniff(fh, source.path, kind)
    except (OSError, EOFError, zlib.error):
        return None


def _sniff(fh, path: str, kind: str) -> str | None:
    name = os.path.basename(path)
    if not path.lower().endswith(".gz"):
        data, complete = _head(fh, kind)
        tail = _tail(fh) if kind == "parquet" else None
        return content_mismatch(data, kind, name, complete=complete, tail=tail)
    start = fh.read(2)
    if not start:
        return None
    if start != _GZIP:
        fh.seek(0)
        return (f"is named .gz but holds {_identify(fh.read(HEAD_BYTES))}, not gzip-compressed data; "
                "rename it without .gz")
    fh.seek(0)
    with gzip.GzipFile(fileobj=fh, mode="rb") as unzipped:
        data, complete = _head(unzipped, kind)
    return content_mismatch(data, kind, name, complete=complete)


def _head(fh, kind: str) -> tuple[bytes, bool]:
    """The first bytes of the open file ``fh``, and whether they are all of it.

    A text file that starts like JSON is read further (up to ``JSON_BYTES``)
    so that its first value can be parsed.
    """
    head = fh.read(HEAD_BYTES)
    if len(head) < HEAD_BYTES:
        return head, True
    if not _may_be_json(_text_of(head), kind):
        return head, False
    data = head + fh.read(JSON_BYTES - HEAD_BYTES)
    return data, len(data) < JSON_BYTES


def _may_be_json(head: str, kind: str) -> bool:
    """The start ``head`` of a ``kind`` file may be JSON that it should not hold (and is read further).

    A JSON Lines file is read further only when its first line is whole and
    is not JSON by itself: the first line of an ordinary one is.
    """
    if kind == "jsonl":
        return _spread_first_line(head) is not None
    return kind in ("text", "csv") and head.lstrip()[:1] in ("{", "[")


def _tail(fh) -> bytes | None:
    """The last 4 bytes of a regular file of at least 8 bytes."""
    size = os.fstat(fh.fileno()).st_size
    if size < 8:
        return None
    fh.seek(size - 4)
    return fh.read(4)


def content_mismatch(data: bytes, kind: str, name: str, *, complete: bool,
                     tail: bytes | None = None) -> str | None:
    """What ``data``, the first bytes of a ``kind`` file named ``name``
    (decompressed), holds when that is not what such a file holds, else None.

    ``complete``: ``data`` is the whole file. ``tail``: the file's last 4 bytes,
    for Parquet (None: not checked). Also for ``--fix``, on bytes it has read.
    """
    if kind == "parquet":
        return _not_parquet(data, tail)
    if kind == "arrow":
        return _not_arrow(data)
    head = data[:HEAD_BYTES]
    for pattern, what in _MAGIC:
        if pattern.match(head):
            return _named(what, name)
    binary = _binary(head)
    if binary:
        return f"holds binary data ({binary}), not text; leave it out of the linted paths (extend-exclude)"
    text, whole = _text_of(data[:JSON_BYTES]), complete and len(data) <= JSON_BYTES
    if kind == "text":
        return _not_prose(text, whole)
    if kind == "jsonl":
        return _not_json_lines(text, whole)
    if kind == "csv" and _json(text, whole):
        return "holds JSON, not CSV; name it .json or .jsonl to lint its records"
    return None


def _named(what: str, name: str) -> str:
    """The message for a known binary format ``what`` in a text, JSON Lines, CSV or JSON file."""
    if what == "gzip-compressed data":
        return f"holds gzip-compressed data: name it {name}.gz"
    if what == "a Parquet file":
        return f"holds a Parquet file: name it {_renamed(name, '.parquet')}"
    if what == "an Arrow file":
        return f"holds an Arrow file: name it {_renamed(name, '.arrow')}"
    if what.endswith("-compressed data"):
        return f"holds {what}: decompress it (of compressed files, corpuslint reads only gzip, named .gz)"
    return f"holds {what}, not text; extract the article text first, or leave it out of the linted paths"


def _renamed(name: str, extension: str) -> str:
    stem, dot, _ = name.rpartition(".")
    return (stem if dot else name) + extension


def _not_parquet(data: bytes, tail: bytes | None) -> str | None:
    if not data:
        return "is empty, not a Parquet file"
    if data[:4] in _PARQUET:
        if tail is not None and tail not in _PARQUET:
            return "starts as a Parquet file but does not end as one: it is truncated or still being written"
        return None
    return f"not a Parquet file (it does not start with PAR1): {_holds(data)}"


def _not_arrow(data: bytes) -> str | None:
    if not data:
        return "is empty, not an Arrow file"
    if data.startswith((_ARROW_FILE, _ARROW_CONTINUATION)):
        return None
    if len(data) >= 8 and 8 <= int.from_bytes(data[:4], "little") <= 16 * 1024 * 1024:
        return None  # an Arrow stream in the format before Arrow 0.15: a message length first
    return f"not an Arrow file or stream: {_holds(data)}"


def _holds(data: bytes) -> str:
    """What a columnar file's first bytes hold instead, and what to do."""
    return f"it holds {_identify(data)}; name the file for what it holds, or leave it out of the linted paths"


def _identify(data: bytes) -> str:
    """What ``data`` (a file's first bytes) is, in a few words."""
    head = data[:HEAD_BYTES]
    for pattern, what in _MAGIC:
        if pattern.match(head):
            return what
    if _binary(head):
        return "binary data"
    text = _text_of(head)
    if _not_prose(text, len(data) < HEAD_BYTES) is not None:
        return "JSON" if text.lstrip()[:1] in ("{", "[") else "markup (HTML or XML)"
    return "text"


def _binary(head: bytes) -> str | None:
    """Why ``head`` is binary data and not text (in any encoding corpuslint reads), else None."""
    if head.startswith(tuple(bom for bom, _, _ in WIDE_BOMS)) or utf16_byte_order(head):
        return None
    zeros = head.count(0)
    if zeros > 8 and zeros * 100 > len(head):
        return "many zero bytes"
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls > 8 and controls * 20 > len(head) and not _utf8(head):
        return "many control bytes"
    return None


def _utf8(head: bytes) -> bool:
    """``head`` is UTF-8, perhaps cut inside its last character."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head)
    except UnicodeDecodeError:
        return False
    return True


def _text_of(data: bytes) -> str:
    """``data`` as text, byte-order mark dropped, undecodable bytes replaced."""
    for bom, codec, _ in WIDE_BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    codec = utf16_byte_order(data)
    if codec is not None:
        return data.decode(codec, "replace")
    return data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")


def _not_prose(text: str, complete: bool) -> str | None:
    """What a ``.txt``/``.md`` file's ``text`` holds when it is not an article: JSON, an HTML page, XML."""
    if _json(text, complete):
        return "holds JSON, not article text; name it .json or .jsonl to lint its records"
    head = text[:HTML_CHARS]
    start = _LEADING_MARKUP.match(head).end()
    if _HTML_START.match(head, start) or (head.startswith("<", start) and _HTML_PARTS.search(head, start)):
        return "holds an HTML page; extract the article text first"
    if head.lstrip().startswith("<?xml"):
        return "holds an XML document, not article text; extract the article text first"
    return None


def _not_json_lines(text: str, complete: bool) -> str | None:
    """What a JSON Lines file's ``text`` holds when it is JSON spread over lines (pretty-printed), else None."""
    first = _spread_first_line(text)
    if first is None or not _json(text, complete):
        return None
    if first.startswith("["):
        return "holds a JSON array, not JSON Lines; name it .json to lint its records"
    return "holds JSON objects spread over several lines, not JSON Lines; name it .json to lint its records"


def _spread_first_line(text: str) -> str | None:
    """The first non-blank line of ``text`` (stripped) if it starts a JSON value that goes on past it, else None.

    That line must end within ``text`` and start with ``{`` or ``[``, and must
    not be JSON by itself (a line of JSON Lines is).
    """
    first, newline, _ = text.lstrip().partition("\n")
    first = first.strip()
    if not newline or first[:1] not in ("{", "["):
        return None
    try:
        _DECODER.decode(first)
    except (ValueError, RecursionError):
        return first
    return None


def _json(text: str, complete: bool) -> bool:
    """``text`` is one JSON object or array, or JSON Lines, and nothing else.

    When ``text`` is only the start of the file, a first value cut short at its
    end counts if it starts as a JSON object does (``{"key":``).
    """
    text = text.lstrip()
    if text[:1] not in ("{", "["):
        return False
    try:
        value, end = _DECODER.raw_decode(text)
    except json.JSONDecodeError as err:
        return not complete and _cut_short(text, err) and bool(_JSON_OBJECT_START.match(text))
    except RecursionError:  # brackets nested thousands deep: not records
        return False
    if not isinstance(value, (dict, list)):
        return False
    rest = text[end:].lstrip()
    return not rest or rest[0] in ("{", "[")


def _cut_short(text: str, err: json.JSONDecodeError) -> bool:
    """The JSON in ``text`` failed only because ``text`` ends."""
    return err.msg.startswith("Unterminated string") or err.pos >= len(text.rstrip())
