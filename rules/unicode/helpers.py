"""Helpers of the U rules: character names, invisible characters, Windows-1252 images, mojibake bytes."""
from __future__ import annotations

import re
import unicodedata

import regex

#: Controls other than tab and line endings, DEL, C1, soft hyphen, zero-width
#: characters, word joiner, bidirectional embeddings/overrides/isolates, BOM.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u180e\u200b-\u200d\u2060"
                       "\u202a-\u202e\u2066-\u2069\ufeff]+")
ZWSP, ZWNJ, ZWJ = "\u200b", "\u200c", "\u200d"

# unicodedata has no names for control characters; these are their Unicode aliases.
_C0_NAMES = (
    "NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|"
    "BELL|BACKSPACE|CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|"
    "SHIFT OUT|SHIFT IN|DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|"
    "DEVICE CONTROL THREE|DEVICE CONTROL FOUR|NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|"
    "END OF TRANSMISSION BLOCK|CANCEL|END OF MEDIUM|SUBSTITUTE|ESCAPE|FILE SEPARATOR|"
    "GROUP SEPARATOR|RECORD SEPARATOR|UNIT SEPARATOR"
).split("|")
_C1_NAMES = (
    "PADDING CHARACTER|HIGH OCTET PRESET|BREAK PERMITTED HERE|NO BREAK HERE|INDEX|NEXT LINE|"
    "START OF SELECTED AREA|END OF SELECTED AREA|CHARACTER TABULATION SET|"
    "CHARACTER TABULATION WITH JUSTIFICATION|LINE TABULATION SET|PARTIAL LINE FORWARD|"
    "PARTIAL LINE BACKWARD|REVERSE LINE FEED|SINGLE SHIFT TWO|SINGLE SHIFT THREE|"
    "DEVICE CONTROL STRING|PRIVATE USE ONE|PRIVATE USE TWO|SET TRANSMIT STATE|CANCEL CHARACTER|"
    "MESSAGE WAITING|START OF GUARDED AREA|END OF GUARDED AREA|START OF STRING|"
    "SINGLE GRAPHIC CHARACTER INTRODUCER|SINGLE CHARACTER INTRODUCER|CONTROL SEQUENCE INTRODUCER|"
    "STRING TERMINATOR|OPERATING SYSTEM COMMAND|PRIVACY MESSAGE|APPLICATION PROGRAM COMMAND"
).split("|")


def char_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point and its name (or control alias)."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80]
    elif code == 0xFEFF:
        name = "BYTE ORDER MARK"
    else:
        name = unicodedata.name(char, "UNNAMED CHARACTER")
    return f"U+{code:04X} {name}"


def is_c1(char: str) -> bool:
    return "\x80" <= char <= "\x9f"


def windows_1252_image(char: str) -> str | None:
    """The character a C1 control stands for when Windows-1252 text was read as Latin-1."""
    try:
        return char.encode("latin-1").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


# UTF-8 bytes read as Windows-1252 (or Latin-1): a lead byte's image, then continuation images.
_CONTINUATION = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
                "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
UTF8_READ_AS_WINDOWS_1252 = re.compile(
    f"[\xc2-\xdf][{_CONTINUATION}]|[\xe0-\xef][{_CONTINUATION}]{{2}}|[\xf0-\xf4][{_CONTINUATION}]{{3}}")


def c1_in_mojibake(text: str) -> set[int]:
    """Offsets of C1 controls that are bytes of a UTF-8 character read as Latin-1 or Windows-1252.

    ``â\\x80\\x99`` is ``’`` garbled: its controls belong to the mojibake (U001),
    not to a control-character finding.
    """
    # ftfy costs 50 ms to import: only a run that checks for control characters pays it.
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

    inside = set()
    for m in UTF8_READ_AS_WINDOWS_1252.finditer(text):
        if not any(is_c1(c) for c in m.group()):
            continue
        if any(_decodes_as_utf8(m.group(), encoding) for encoding in ("latin-1", "sloppy-windows-1252")):
            inside.update(i for i in range(m.start(), m.end()) if is_c1(text[i]))
    return inside


def _decodes_as_utf8(chars: str, encoding: str) -> bool:
    try:
        chars.encode(encoding).decode("utf-8")
    except UnicodeError:
        return False
    return True


def shown_character(decoded: str) -> str:
    """The decoded text for a message: named if invisible, else quoted."""
    if len(decoded) == 1 and (decoded.isspace() or not decoded.isprintable()):
        return char_name(decoded)
    return f'"{decoded}"' if "'" in decoded else f"'{decoded}'"


def enclosing_token(text: str, start: int, end: int, reach: int = 200) -> str:
    """The run of non-space characters around ``text[start:end]`` (at most ``reach`` each side)."""
    left = start
    limit = max(0, start - reach)
    while left > limit and not text[left - 1].isspace():
        left -= 1
    right = end
    limit = min(len(text), end + reach)
    while right < limit and not text[right].isspace():
        right += 1
    return text[left:right]


def looks_like_url(token: str) -> bool:
    """True for a URL, an e-mail address or a query string: its ``#``, ``;`` and ``\\`` are not text."""
    return "://" in token or token.startswith("www.") or "=" in token or "@" in token


#: Everything U004 examines (a superset of ``INVISIBLE``): control and format characters,
#: default-ignorable code points (variation selectors, Hangul fillers, tag characters ...),
#: line and paragraph separators, noncharacters, the object replacement character, the blank
#: Braille pattern, and spaces other than the ordinary one. Which of them are in their place is
#: U004's business.
HIDDEN = regex.compile(r"[\p{Cc}\p{Cf}\p{DI}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\p{Zs}\ufffc\u2800"
                       r"--[\t\n\r ]]+", regex.V1)
NBSP = "\u00a0"
LINE_SEPARATORS = frozenset("\u2028\u2029")
#: Marks that set the direction of neutral characters in right-to-left text: LRM, RLM, ALM.
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
#: Letters of the scripts that set a line right to left.
RIGHT_TO_LEFT = regex.compile(r"[[\p{Bidi_Class=R}\p{Bidi_Class=AL}]&&\p{L}]", regex.V1)


def is_variation_selector(char: str) -> bool:
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef" or "\u180b" <= char <= "\u180d" \
        or char == "\u180f"


def is_tag_character(char: str) -> bool:
    """U+E0020-U+E007F: the letters of an emoji tag sequence (a subdivision flag)."""
    return "\U000e0020" <= char <= "\U000e007f"


def is_odd_space(char: str) -> bool:
    """A space character other than the ordinary one (no-break, thin, hair, em, ideographic ...)."""
    return char != " " and unicodedata.category(char) == "Zs"
