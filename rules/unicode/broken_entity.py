import re
from html import unescape
from html.entities import html5

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

from .helpers import INVISIBLE, ZWJ, ZWNJ, char_name, enclosing_token, looks_like_url, shown_character

#: Entity names that HTML writers put into running text: quotes, dashes, spaces, the
#: markup characters, ligatures, fractions. Names that are also English words
#: ("copy", "pound", "times", "not", "bull") are left out: ``copy;`` is text too.
_PUNCTUATION = frozenset(
    "quot apos amp lt gt nbsp ensp emsp thinsp hairsp zwnj zwj lrm rlm shy ndash mdash lsquo rsquo "
    "sbquo ldquo rdquo bdquo laquo raquo lsaquo rsaquo hellip middot iexcl iquest szlig aelig AElig "
    "oelig OElig plusmn frac12 frac14 frac34 sup1 sup2 sup3 ordf ordm".split())
#: A Latin letter with its accent: ``eacute``, ``Ouml``, ``ccedil``, ``scaron``...
_ACCENTED = re.compile(r"[A-Za-z](?:acute|grave|circ|uml|tilde|cedil|ring|slash|caron|ogon|macr|breve|dblac|strok)")
#: Names that end English words ("result;", "camp;", "sharing;", "bushy;"): reported only
#: when no letter or digit is glued before them.
_ENDS_WORDS = frozenset("lt gt amp shy aring Aring uring Uring".split())
#: The longest name looked for (``thinsp``, ``Odblac``...).
_LONGEST = 8
_ENTITY_CHAR = re.compile(r"[A-Za-z0-9#]")
_NUMERIC = re.compile(r"#(?:[0-9]{2,5}|[xX][0-9a-fA-F]{2,5})\Z")


def _entity_names() -> frozenset:
    names = {name[:-1] for name in html5 if name.endswith(";")}
    return frozenset(n for n in names if n in _PUNCTUATION or _ACCENTED.fullmatch(n))


def _plausible(code: int) -> bool:
    """Characters that HTML writers encode in prose: punctuation, Latin, Greek and Cyrillic
    letters, general punctuation, the euro and trade-mark signs. ``#100;`` ('d'), ``#12;``
    (a control) and ``#2019;`` are a number followed by a semicolon, not a lost entity."""
    if code < 128:
        return 32 <= code < 127 and not chr(code).isalnum()
    return (160 <= code <= 0x17F or 0x391 <= code <= 0x3C9 or 0x400 <= code <= 0x45F
            or 0x2000 <= code <= 0x206F or code in (0x192, 0x2C6, 0x2DC, 0x20AC, 0x2122))


class BrokenEntity(DocumentRule):
    """An HTML entity that lost its ampersand (``it#39;s``, ``quot;``, ``amp;``, ``#8217;``).

    Why it matters: an earlier cleaning step removed or split the ``&`` of
    ``&#39;`` or ``&quot;``, so U002 no longer sees an entity, and readers,
    search indexes and models get ``it#39;s`` and ``quot;Yes,quot; she
    said``. A corpus that has one such remnant usually has thousands.

    Found by shape, not by a list of remnants: ``#`` and a decimal (2 to 5
    digits) or hexadecimal (``#x2019;``) character number and ``;``, when the
    number is a character HTML writers encode in prose (punctuation, accented
    letters, quotes and dashes; ``#100;`` would be the letter "d", so it is a
    number followed by a semicolon); or the name of an HTML5 entity for
    punctuation, a space or an accented letter and ``;`` (``quot;``,
    ``nbsp;``, ``eacute;``, ``rsquo;``). The remnant may be glued to a word
    (``it#39;s``, ``helloquot;``); ``amp;``, ``lt;`` and ``gt;`` end English
    words ("camp;", "felt;") and count only when they stand apart. Names that
    are English words (``copy;``, ``pound;``, ``times;``) are reported only
    when a number touches them (``pound;15``, ``30deg;``): a word does not.
    Left alone: an entity that still has its ``&`` (U002 reports it), URLs,
    e-mail addresses and query strings, and ``#333;`` after a colon (a CSS
    colour).

    Example::

        The council said it#39;s ready, quot;as plannedquot;.

    Fix (safe): the remnant is decoded (``#39;`` -> ``'``, ``amp;quot;`` ->
    ``"``), or removed when it stands for an invisible character (``shy;``).
    """

    code = "U007"
    name = "broken-entity"
    severity = "warning"
    fix = "safe"

    def setup(self):
        self.names = _entity_names()

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            if ";" not in text:
                continue
            pending = None  # "amp;" may be the start of "amp;quot;", found at the next semicolon
            semicolon = text.find(";")
            while semicolon >= 0:
                found = self.remnant(text, semicolon)
                if found is not None:
                    if pending is not None and found[0] > pending[0]:
                        yield self.report(field, *pending)
                    pending = found
                semicolon = text.find(";", semicolon + 1)
            if pending is not None:
                yield self.report(field, *pending)

    def remnant(self, text: str, semicolon: int):
        """``(start, end, decoded, escaped_twice)`` of the remnant that ends at ``text[semicolon]``, or None."""
        start = semicolon
        limit = max(0, semicolon - _LONGEST - 1)
        while start > limit and _ENTITY_CHAR.match(text, start - 1):
            start -= 1
        found = self._body(text, start, semicolon)
        if found is None:
            return None
        start, decoded = found
        end = semicolon + 1
        first = start
        while first >= 4 and text[first - 4:first] == "amp;":  # "amp;quot;": "&amp;quot;" without its "&"
            first -= 4
        before = text[first - 1] if first > 0 else " "
        if before in "&#" or (before.isalnum() and first < start) or looks_like_url(enclosing_token(text, first, end)):
            return None
        return first, end, decoded, first < start

    def _body(self, text: str, start: int, semicolon: int):
        """``(start, decoded)`` of the entity body just before ``text[semicolon]``, or None."""
        run = text[start:semicolon]
        hash_at = run.rfind("#")
        if hash_at >= 0:
            body = run[hash_at:]
            if not _NUMERIC.match(body):
                return None
            code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
            at = start + hash_at
            if not _plausible(code) or (len(body) in (4, 7) and _after_colon(text, at)):
                return None
            return at, chr(code)
        name = run.lstrip("0123456789")
        if name and f"{name};" in html5 and (name != run or text[semicolon + 1:semicolon + 2].isdigit()):
            return semicolon - len(name), unescape(f"&{name};")  # "pound;15", "30deg;": a word touching a number
        for offset in range(len(run) - 1):
            name = run[offset:]
            if name in self.names:
                glued = offset > 0 or (start > 0 and text[start - 1].isalnum())
                if glued and name in _ENDS_WORDS:
                    return None
                return start + offset, unescape(f"&{name};")
        return None

    def report(self, field, start, end, decoded, escaped_twice):
        remnant = field.text[start:end]
        what = f"HTML entity {quote(remnant)} lost its '&'" + (" (it was escaped twice)" if escaped_twice else "")
        if INVISIBLE.fullmatch(decoded) and decoded not in (ZWJ, ZWNJ):
            return self.finding(field, start, end, f"{what}; it encodes the invisible {char_name(decoded)}: "
                                                   "remove it", fix=Fix(start, end, ""))
        return self.finding(field, start, end, f"{what}; decode it to {shown_character(decoded)}",
                            fix=Fix(start, end, decoded))


def _after_colon(text: str, at: int) -> bool:
    """True for ``color: #333;`` (three or six digits): a CSS colour, not an entity."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] == ":"
