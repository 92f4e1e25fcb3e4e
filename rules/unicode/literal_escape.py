import re
import unicodedata

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import line_ending

from .helpers import char_name, enclosing_token, looks_like_url, shown_character

#: A run of backslashes and what follows it: a Unicode or byte escape, a line break,
#: a tab, a quote. ``\\r\\n`` is one escape.
ESCAPE = re.compile(r"(?P<slashes>\\+)(?P<what>u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|r\\n|[ntr\"'])")
#: A token with a backslash before anything but an escape letter (``C:\Users``,
#: ``\d+``), a drive (``C:``) or a file name at its end is a path or a pattern.
_NOT_PROSE = re.compile(r"\\(?![ntruUx\"'\\])|[A-Za-z]:\\|\w\\[\w-]+\.[a-z][a-z0-9]{1,3}(?!\w)|[{}$^_|]")
_SURROGATE = re.compile(r"\\+u(d[89ab][0-9a-f]{2})\\+u(d[c-f][0-9a-f]{2})", re.IGNORECASE)
#: Controls, surrogates, private-use and unassigned code points: what the escape stood for is unclear.
_UNCLEAR = frozenset(("Cc", "Cs", "Co", "Cn"))
_NAMES = {"n": "a line break", "t": "a tab", "r": "a line break", '"': 'a quotation mark (")',
          "'": "an apostrophe (')"}


class LiteralEscape(DocumentRule):
    """A literal escape sequence where a character belongs (``\\u2019``, ``\\n``, ``\\t``, ``\\"``).

    Why it matters: text that went through a JSON or Python string twice, or
    was exported with ``repr()``, keeps its escapes as characters: readers
    see ``it\\u2019s`` and ``said.\\nThe minister``, sentence splitters and
    tokenizers see one long word, and the same text escaped and unescaped
    counts as two different documents.

    Reported in prose fields: ``\\uXXXX`` (and surrogate pairs such as
    ``\\ud83d\\ude00``), ``\\UXXXXXXXX``, ``\\xXX``, ``\\n``, ``\\r\\n``,
    ``\\t``, ``\\r``, ``\\"`` and ``\\'``, also when the backslash itself was
    escaped again (``\\\\n``). Left alone: Windows paths and patterns (a token
    with a drive such as ``C:\\``, a backslash before another letter as in
    ``\\Users`` or ``\\d``, or a file name as in ``\\notes.txt``), URLs, TeX and
    code (a token with ``{}``, ``$``, ``^``, ``_`` or ``|``), and ``\\n``,
    ``\\t`` or ``\\r`` that begin a word after a space (``\\newline``,
    ``\\theta``): escapes in prose follow a word or punctuation directly.

    Example::

        The minister\\u2019s plan was approved.\\nThe vote was 41 to 3.

    Fix (safe): the escape becomes the character it stands for (a line break
    in the document's own line ending). No fix for an escape of a control
    character or a lone surrogate: what it stood for is unclear. A ``\\n``,
    ``\\r`` or ``\\t`` between two lower-case letters ("saved in
    Documents\\notes") may be part of a path: its fix is unsafe
    (``--unsafe-fixes``) unless the field has another line-break or tab
    escape that is not inside a word ("approved.\\nThe vote"), which shows
    that the text was escaped.
    """

    code = "U008"
    name = "literal-escape"
    severity = "warning"
    fix = "safe"

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            if "\\" not in text:
                continue
            newline = line_ending(text) if not doc.is_record else "\n"
            found = [m for m in ESCAPE.finditer(text) if self.is_prose(text, m)]
            escaped = any(m.group("what")[0] in "ntr" and not inside_word(text, m) for m in found)
            done = 0
            for m in found:
                if m.start() >= done:
                    finding, done = self.report(field, m, newline, escaped)
                    yield finding

    def is_prose(self, text: str, m: re.Match) -> bool:
        """True unless the escape is part of a path, pattern, URL or piece of code."""
        token = enclosing_token(text, m.start(), m.end())
        if _NOT_PROSE.search(token) or looks_like_url(token):
            return False
        what = m.group("what")
        if what[0] in "ntr":
            after_space = m.start() == 0 or text[m.start() - 1].isspace()
            follows = text[m.end():m.end() + 1]
            return not (after_space and follows.isalpha() and follows.islower())
        return True

    def report(self, field, m: re.Match, newline: str, escaped: bool):
        """``(finding, end)``: a surrogate pair ends after its second escape. ``escaped``: the
        field has a line-break or tab escape outside a word (the text was surely escaped)."""
        start, end = m.start(), m.end()
        what = m.group("what")
        escape = field.text[start:end]
        twice = " (its backslash escaped again)" if len(m.group("slashes")) > 1 else ""
        if what[0] in "ntr\"'":
            replacement = newline if what[0] in "nr" else {"t": "\t"}.get(what, what)
            meant = _NAMES[what[0]]
            safe = escaped or what[0] not in "ntr" or not inside_word(field.text, m)
            path = "" if safe else " (unless it is part of a path)"
            return self.finding(field, start, end, f"literal escape '{escape}'{twice} in the text: "
                                                   f"should be {meant}{path}",
                                fix=Fix(start, end, replacement, safe=safe)), end
        pair = _SURROGATE.match(field.text, start)
        if what[0] == "u" and pair is not None:
            high, low = int(pair.group(1), 16), int(pair.group(2), 16)
            end = pair.end()
            decoded = chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            escape = field.text[start:end]
        else:
            decoded = chr(int(what[1:], 16)) if int(what[1:], 16) <= 0x10FFFF else "\ufffd"
        if decoded == "\ufffd" or (unicodedata.category(decoded) in _UNCLEAR and decoded not in "\n\t"):
            what = "no character" if decoded == "\ufffd" else char_name(decoded)
            return self.finding(field, start, end, f"literal escape '{escape}'{twice} in the text encodes {what}; "
                                                   "what it stood for is unclear: check the source"), end
        replacement = newline if decoded == "\n" else decoded
        return self.finding(field, start, end, f"literal escape '{escape}'{twice} in the text: should be "
                                               f"{shown_character(decoded)}", fix=Fix(start, end, replacement)), end


def inside_word(text: str, m: re.Match) -> bool:
    """True if the escape sits between two lower-case letters ("Documents\\notes")."""
    return m.start() > 0 and text[m.start() - 1].islower() and text[m.end():m.end() + 1].islower()
