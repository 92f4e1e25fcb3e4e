"""Bytes to text, never failing: UTF-8 first, then a reported fallback.

What happens to text that is not valid UTF-8:

- UTF-8 with a byte-order mark: decoded, the mark dropped and reported.
- UTF-16 (with a byte-order mark, or detected from its zero bytes): decoded and reported.
- No valid multi-byte UTF-8 at all (a Latin-1/Windows-1252 file): decoded as
  Windows-1252 (Latin-1 for its five undefined bytes) and reported once.
- Mostly UTF-8 with some invalid bytes: each invalid byte becomes U+FFFD and
  each run of them is reported where it is.
- Many zero bytes (more than 8, and over 1%) in text that is not UTF-16: the
  file is binary; it is not linted. A stray zero byte is kept and reported as
  a control character.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

_SURROGATES = re.compile("[\udc80-\udcff]+")
#: Byte-order marks other than UTF-8's, with their codec and name (UTF-32 first:
#: its little-endian mark starts with UTF-16's).
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


class BinaryFile(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass
class Decoded:
    text: str
    encoding: str
    #: ``(start, end, message)`` character ranges in ``text`` to report.
    issues: list = field(default_factory=list)
    #: The byte-order mark the bytes started with (dropped from ``text``).
    bom: bytes = b""
    #: True when invalid bytes were replaced: writing ``text`` back would lose them.
    lossy: bool = False

    def encode(self, text: str) -> bytes:
        """``text`` as bytes in the original encoding, byte-order mark included.

        Raises ``UnicodeEncodeError`` if ``text`` gained a character that the
        encoding cannot hold.
        """
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        return self.bom + text.encode(codec)


def utf16_byte_order(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the first 4 KB of ``data`` have the
    zero bytes of UTF-16 without a byte-order mark (text that is mostly ASCII puts
    a zero in every other byte), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    encoding = utf16_byte_order(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> Decoded:
    """Decode file or record bytes; raise :class:`BinaryFile` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
            return Decoded(text, "utf-8-sig", [(0, 0, "file starts with a UTF-8 byte-order mark; "
                                                      "save it as UTF-8 without BOM")], bom=codecs.BOM_UTF8)
        except UnicodeDecodeError:
            data = data[3:]
    for bom, encoding, label in WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise BinaryFile(f"starts with a {label} byte-order mark but is not valid {label}: "
                                 f"{err.reason}") from None
            return Decoded(text, encoding, [(0, 0, f"file is {label}, not UTF-8; convert it to UTF-8")], bom=bom)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    zeros = data.count(0, 0, 65536)
    if zeros > 8 and zeros * 100 > min(len(data), 65536):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text, encoding = utf16
            return Decoded(text, encoding, [(0, 0, f"file is {encoding.upper()} without a byte-order mark, "
                                                   "not UTF-8; convert it to UTF-8")])
        raise BinaryFile("contains many zero bytes: this looks like a binary file, not text")
    if text is not None:
        return Decoded(text, "utf-8")
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = list(_SURROGATES.finditer(escaped))
    valid_multibyte = any(ord(c) > 0x7F and not 0xDC80 <= ord(c) <= 0xDCFF for c in escaped)
    if not valid_multibyte:
        try:
            text = data.decode("cp1252")
            encoding = "windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        first = bad[0].start()
        return Decoded(text, encoding, [(first, first + 1, f"file is not valid UTF-8; decoded as "
                                                           f"{encoding.title()}: convert it to UTF-8")])
    text = _SURROGATES.sub(lambda m: "\ufffd" * len(m.group()), escaped)
    issues = []
    for m in bad:
        raw = bytes(ord(c) - 0xDC00 for c in m.group())
        shown = " ".join(f"0x{b:02X}" for b in raw[:4]) + (" ..." if len(raw) > 4 else "")
        issues.append((m.start(), m.end(), f"invalid UTF-8 ({shown}) replaced by U+FFFD; "
                                           "the original character is lost"))
    return Decoded(text, "utf-8", issues, lossy=True)
