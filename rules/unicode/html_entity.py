import re
from html import unescape
from html.entities import html5

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

from .helpers import INVISIBLE, ZWJ, ZWNJ, char_name

#: An entity, possibly escaped again (``&amp;quot;``). Names need their semicolon,
#: except the few that HTML writers often leave without one (``&amp ``, ``&nbsp ``);
#: those must not run into a word or an ``=`` (``&amp=1`` is a URL parameter).
ENTITY = re.compile(r"&(?P<escapes>(?:amp;)*)(?P<body>#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};"
                    r"|[A-Za-z][A-Za-z0-9]{1,31};|(?:amp|quot|lt|gt|nbsp)(?![A-Za-z0-9=;]))")


class HtmlEntity(DocumentRule):
    """An HTML entity left in the text (``&amp;``, ``&quot;``, ``&#8217;``, ``&nbsp;``).

    Why it matters: the text was taken from HTML without decoding it, so
    readers see ``&#8217;`` where an apostrophe belongs, searches for
    ``AT&T`` miss ``AT&amp;T``, and word counts and models learn the markup.

    Only real entities are reported: a known HTML name followed by ``;``
    (``&amp``, ``&quot``, ``&lt``, ``&gt`` and ``&nbsp`` also without it,
    when no letter, digit or ``=`` follows) or a numeric reference, so
    ``AT&T``, ``R&D``, ``&c;`` and ``?a=1&amp=2`` are left alone. An entity
    escaped twice (``&amp;quot;``) is one finding, decoded fully.

    Example::

        The caf&#233; on Mill Street reopened, owners Lee &amp; Park said.

    Fix (safe): the entity is decoded (``&#233;`` -> ``é``), or removed when
    it stands for an invisible character that U004 would report (``&shy;``).
    No fix when it encodes a control character or an invalid code point (the
    character it stood for is lost) or an inverted question mark inside a
    word (``&#191;`` in ``person&#191;s`` is usually a lost apostrophe).
    """

    code = "U002"
    name = "html-entity"
    severity = "warning"
    fix = "safe"

    def setup(self):
        self.names = html5  # "amp;", "eacute;", and the legacy "amp", "nbsp" ... without ";"
        self.unescape = unescape

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            if "&" not in text:
                continue
            for m in ENTITY.finditer(text):
                body = m.group("body")
                if body.startswith("#") or body in self.names:
                    yield self.report(field, m.start(), m.end(), self.unescape("&" + body),
                                      escaped_twice=bool(m.group("escapes")))

    def report(self, field, start, end, decoded, escaped_twice):
        text = field.text
        entity = text[start:end]
        what = "double-escaped HTML entity" if escaped_twice else "HTML entity"
        if decoded in ("", "\ufffd"):
            return self.finding(field, start, end,
                                f"{what} {quote(entity)} encodes a control character or an invalid "
                                "code point; the character it replaced is lost: restore it from the "
                                "source or remove the entity")
        if decoded == "\u00bf" and start > 0 and end < len(text) \
                and text[start - 1].isalpha() and text[end].isalpha():
            return self.finding(field, start, end,
                                f"{what} {quote(entity)} ('\u00bf') inside a word: usually a lost "
                                "apostrophe; check the source")
        if INVISIBLE.fullmatch(decoded) and decoded not in (ZWJ, ZWNJ):
            return self.finding(field, start, end, f"{what} {quote(entity)} left in text; it encodes "
                                                   f"the invisible {char_name(decoded)}: remove it",
                                fix=Fix(start, end, ""))
        return self.finding(field, start, end, f"{what} {quote(entity)} left in text; "
                                               f"decode it to {shown(decoded)}",
                            fix=Fix(start, end, decoded))


def shown(decoded: str) -> str:
    """The decoded text for a message: named if invisible, else quoted."""
    if len(decoded) == 1 and (decoded.isspace() or not decoded.isprintable()):
        return char_name(decoded)
    return f'"{decoded}"' if "'" in decoded else quote(decoded)
