import bisect
import functools
import re
from difflib import SequenceMatcher

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

from .helpers import char_name, is_c1

#: The single-byte encodings ftfy undoes, as people know them.
ENCODING_NAMES = {
    "latin-1": "Latin-1", "sloppy-windows-1252": "Windows-1252", "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250", "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254", "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "ISO-8859-2", "macroman": "Mac Roman", "cp437": "code page 437",
}
#: Encodings whose mojibake ftfy repairs only when a whole line is garbled; once one
#: is seen in a field, its other two-byte sequences there are repaired too (by the
#: first of these, most common first, when a field shows two).
LINE_ONLY_ENCODINGS = ("macroman", "sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253",
                       "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2", "cp437")
#: The mojibake categories of ftfy.badness that mark a character pair as suspect.
SUSPECT_CATEGORIES = ("c1", "bad", "law", "currency", "numeric", "kaomoji", "upper_accented",
                      "lower_accented", "box", "start_punctuation", "end_punctuation")
_WORD_GAP = re.compile(r"\S{0,2}")
#: The rest of a word, the space after it, the next word and the space after that.
_TWO_WORDS = re.compile(r"[^ \t]*[ \t]*[^ \t]*[ \t]*")
#: Printable ASCII, which a repair keeps as it is (see :func:`changed_blocks`).
_ANCHOR = re.compile(r"[ -~]{3,}")
#: What a repair may produce: letters of living scripts, punctuation, symbols, emoji.
#: A "repair" to IPA, Latin Extended-B, N'Ko or Canadian syllabics (``»Ä`` -> ``Ȁ``)
#: means the text was not mojibake in the first place.
PLAUSIBLE = re.compile(
    "[\x00-\x7f\u00a0-\u017f\u0192\u01a0\u01a1\u01af\u01b0\u01cd-\u01dc\u0218-\u021b"
    "\u02c6\u02c7\u02d8-\u02dd\u0300-\u036f\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff"
    "\u0900-\u0dff\u0e00-\u0e7f\u1e00-\u1eff\u2010-\u205e\u20a0-\u20bf\u2100-\u2bff"
    "\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7af\ufffd\U0001f000-\U0001faff]*")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: How far from a prefilter hit a badness pattern can reach.
BADNESS_REACH = 6
#: Windows whose analyses are remembered, within one document.
WINDOW_CACHE = 4096
#: Longer lines are repaired word by word (ftfy and the diff get slow on huge lines).
WHOLE_LINE_LIMIT = 2000
#: A UTF-8 character is at most four bytes, and each byte became one character, so
#: the mojibake of a character reaches at most three characters past a suspect span.
UTF8_REACH = 3
#: How far the words around a suspect span may reach on each side (a line without
#: spaces, in Chinese or Japanese, say, has no word boundary to stop at).
WORD_REACH = 100


class Mojibake(DocumentRule):
    """Mojibake: text garbled by a wrong decode ("â€™" for "’", "Ã©" for "é").

    Why it matters: a program upstream read UTF-8 bytes as Windows-1252,
    Latin-1 or Mac Roman, so every accented letter, curly quote and dash
    became two or three wrong characters. Readers see "cafÃ©", names stop
    matching ("JosÃ©" is not "José"), and search and models learn garbage.

    Detection uses ftfy: its badness heuristic finds the unlikely character
    sequences of mojibake, and ftfy's repair (of the line, or of the words
    around a sequence when the whole line cannot be repaired) gives the
    intended text. A span is reported only when the repair changes it into
    letters, punctuation or symbols of a living script, so correct typography
    (curly quotes, dashes, accented names, Greek, Cyrillic, emoji, German
    »Ärger«) is not flagged. Once a field shows Mac Roman (or another less
    common) mojibake, its other garbled letters in that encoding are reported
    too ("Sch√§uble" next to "Malm√∂"). A lone C1 control character (U+0092
    for "’") is left to U004.

    Example::

        The Mayor of St Ã‰tienne said the plan wasnâ€™t dead.

    reports ``'Ã‰' (UTF-8 read as Windows-1252): should be 'É'`` and
    ``'â€™' (...): should be '’'``.

    Fix (safe): the span is replaced by ftfy's repair.
    """

    code = "U001"
    name = "mojibake"
    severity = "error"
    fix = "safe"

    def setup(self):
        # ftfy costs 50 ms to import: only a run that checks for mojibake pays it.
        import ftfy
        import ftfy.bad_codecs
        from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
        from ftfy.chardata import CHARMAP_ENCODINGS

        self.badness = BADNESS_RE
        self.fix_encoding = ftfy.fix_encoding_and_explain
        # The same windows come back in text that repeats itself (a run of one garbled
        # character has thousands of identical windows): each is examined once per
        # document (the caches are emptied for each).
        self.caches = [functools.lru_cache(maxsize=WINDOW_CACHE)(method)
                       for method in (self._repaired, self._badness_in, self._suspect_run)]
        self.repaired, self.badness_in, self.suspect_run = self.caches
        self.encodings = CHARMAP_ENCODINGS
        suspect = "".join(MOJIBAKE_CATEGORIES[c] for c in SUSPECT_CATEGORIES)
        # Every badness pattern has a suspect character next to another non-ASCII one,
        # or one of these on its own, or a Cyrillic "вЂ"/"ВЂ"; the prefilter runs at C
        # speed and skips clean text (curly quotes and accents alone do not hit it).
        self.prefilter = re.compile(f"[{suspect}][^\\x00-\\x7f]|[^\\x00-\\x7f][{suspect}]"
                                    "|[\u0152\u0153\u00c2\u00c3\\x80-\\x9f]|[\u0412\u0432]\u0402")
        self.two_byte = {encoding: two_byte_sequences(encoding) for encoding in LINE_ONLY_ENCODINGS}
        # Each encoding's 256 characters, and those that stand for UTF-8 continuation bytes.
        self.charmaps = {encoding: (frozenset(bytes(range(256)).decode(encoding)),
                                    frozenset(bytes(range(0x80, 0xC0)).decode(encoding)))
                         for encoding in self.encodings}

    def check(self, doc):
        for cache in self.caches:
            cache.cache_clear()
        for field in doc.prose:
            text = field.text
            if text.isascii() or not self.prefilter.search(text):
                continue
            repairs = []  # sorted and disjoint
            for start, end, bad in self.suspect_lines(text):
                self.repair_line(text, start, end, bad, repairs)
            seen = {r[3] for r in repairs}
            for encoding in [e for e in LINE_ONLY_ENCODINGS if e in seen]:
                # In a fixed order: a sequence two encodings could repair goes to the first.
                for repair in list(self.same_encoding(text, encoding, repairs)):
                    bisect.insort(repairs, repair)
            for start, end, replacement, encoding in joined(repairs):
                how = f" (UTF-8 read as {ENCODING_NAMES[encoding]})" if encoding in ENCODING_NAMES else ""
                repair = f"should be {shown(replacement)}" if replacement else "remove it"
                yield self.finding(field, start, end, f"mojibake {quote(text[start:end])}{how}: {repair}",
                                   fix=Fix(start, end, replacement))

    def suspect_lines(self, text):
        """``(start, end, bad)`` for each line with badness matches that some encoding
        could have produced; ``bad`` lists their ``(start, end)``. Badness is only
        searched near prefilter hits (its patterns are a few characters long)."""
        line_start = line_end = -1
        checked = {}  # span -> could be mojibake, in the order found
        for m in self.prefilter.finditer(text):
            if m.start() > line_end:
                yield from _with_bad(line_start, line_end, checked)
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line_end = len(text) if line_end == -1 else line_end
                checked = {}
            for span in self.badness_near(text, m.start(), m.end(), line_start, line_end):
                if span not in checked:
                    checked[span] = self.could_be_mojibake(text, *span)
        yield from _with_bad(line_start, line_end, checked)

    def badness_near(self, text, start, end, line_start, line_end):
        """Badness matches within a few characters of ``text[start:end]``, as offsets in ``text``."""
        w_start, w_end = max(line_start, start - BADNESS_REACH), min(line_end, end + BADNESS_REACH)
        # "#" stands for the text before the window, so that "^" only matches at a line start.
        prefix = "" if w_start == line_start else "#"
        offset = w_start - len(prefix)
        return [(offset + s, offset + e) for s, e in self.badness_in(prefix + text[w_start:w_end], len(prefix))]

    def _badness_in(self, window, skip):
        """``(start, end)`` of the badness matches in ``window`` that end past its first
        ``skip`` characters (cached in ``self.badness_in``)."""
        return tuple(b.span() for b in self.badness.finditer(window) if b.end() > skip)

    def could_be_mojibake(self, text, start, end):
        """Cheap test before ftfy: do the non-ASCII characters around ``text[start:end]``,
        encoded in one of ftfy's encodings, hold a UTF-8 character worth repairing to?
        A character the encoding lacks (Chinese next to a stray "Ã©") breaks a sequence
        rather than rules the encoding out; a space next to the run counts as a lost
        no-break space, as ftfy assumes. Replacement characters and C1 controls make a
        run suspect, unless they are all it has (a file of invalid bytes)."""
        limit = max(0, start - UTF8_REACH)
        while start > limit and _garbled_neighbour(text[start - 1]):
            start -= 1
        limit = min(len(text), end + UTF8_REACH)
        while end < limit and _garbled_neighbour(text[end]):
            end += 1
        start -= start > 0 and text[start - 1] == " "
        end += end < len(text) and text[end] == " "
        return self.suspect_run(text[start:end].replace(" ", "\u00a0"))

    def _suspect_run(self, run):
        """:meth:`could_be_mojibake` of the characters around a span (cached in ``self.suspect_run``)."""
        if all(c in "\ufffd\u00a0" or is_c1(c) for c in run):
            return False  # no lead byte of a character: nothing to repair (lone C1 controls are U004's)
        if "\ufffd" in run or any(is_c1(c) for c in run):
            return True
        for encoding in self.encodings:
            data = run.encode(encoding, errors="replace")  # "?" for what it cannot encode
            for m in UTF8_MULTIBYTE.finditer(data):
                try:
                    char = m.group().decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if PLAUSIBLE.fullmatch(char):
                    return True
        return False

    def repair_line(self, text, start, end, bad, repairs):
        """Add the repairs in ``text[start:end]`` to ``repairs``: those of the whole line
        first, then those around each bad span left over."""
        if end - start <= WHOLE_LINE_LIMIT:
            for repair in self.repairs(text, start, end):
                bisect.insort(repairs, repair)
        for bad_start, bad_end in bad:
            if not overlaps(repairs, bad_start, bad_end):
                self.repair_around(text, bad_start, bad_end, start, end, repairs)

    def repair_around(self, text, start, end, line_start, line_end, repairs):
        """Add the repairs in the words around ``text[start:end]`` to ``repairs``. Where a
        repair runs into an edge of the window cut inside a word (a long line without
        spaces), the next window that way is repaired too, in the same encoding, as the
        whole line would be."""
        todo = [(start, end, True, True, None)]
        while todo:
            start, end, leftwards, rightwards, encoding = todo.pop()
            # Not into a repaired stretch: a line without spaces would be repaired twice.
            first, last = unrepaired_around(repairs, start, end, line_start, line_end)
            w_start, w_end = word_window(text, start, end, first, last)
            w_start, w_end = self.whole_characters(text, w_start, w_end, first, last, encoding)
            found = self.repairs(text, w_start, w_end, encoding)
            for repair in found:
                bisect.insort(repairs, repair)
            if found and leftwards and found[0][0] == w_start > first and text[w_start - 1] not in " \t":
                todo.append((w_start - 1, w_start, True, False, found[0][3]))
            if found and rightwards and found[-1][1] == w_end < last and text[w_end] not in " \t":
                todo.append((w_end, w_end + 1, False, True, found[-1][3]))

    def whole_characters(self, text, start, end, first, last, encoding=None):
        """The window ``text[start:end]``, if cut inside a word, widened by up to three
        characters at that end so as not to split the mojibake of one character: off
        the images of UTF-8 continuation bytes in ``encoding``, or else in the first of
        ftfy's encodings that has every character of the window (none has Chinese: no
        mojibake to split)."""
        cut_start = start > first and text[start - 1] not in " \t"
        cut_end = end < last and text[end] not in " \t"
        if not (cut_start or cut_end):
            return start, end
        window = set(text[start:end])
        candidates = [self.charmaps[encoding]] if encoding in self.charmaps else []
        candidates += self.charmaps.values()
        continuations = next((c for characters, c in candidates if window <= characters), ())
        if cut_start:
            limit = max(first, start - UTF8_REACH)
            while start > limit and text[start] in continuations:
                start -= 1
        if cut_end:
            limit = min(last, end + UTF8_REACH)
            while end < limit and text[end] in continuations:
                end += 1
        return start, end

    def repairs(self, text, start, end, encoding=None):
        """``(start, end, replacement, encoding)`` where ftfy changes ``text[start:end]``,
        or else where reading it back in ``encoding`` (the encoding of the text next to
        it) gives UTF-8: a short stretch of mojibake may not look bad enough to ftfy."""
        return [(start + i1, start + i2, replacement, found_as)
                for i1, i2, replacement, found_as in self.repaired(text[start:end], encoding)]

    def _repaired(self, original, encoding):
        """:meth:`repairs` of the whole of ``original``, as a tuple (cached in ``self.repaired``)."""
        fixed, steps = self.fix_encoding(original)
        found_as = read_as(steps)
        if fixed == original and encoding in self.charmaps:
            try:
                fixed, found_as = original.encode(encoding).decode("utf-8"), encoding
            except UnicodeError:
                return ()
        if fixed == original:
            return ()
        found = []
        for i1, i2, j1, j2 in changed_spans(original, fixed):
            if all(is_c1(c) for c in original[i1:i2]):
                continue  # a lone C1 control: U004 reports it
            if not PLAUSIBLE.fullmatch(fixed, j1, j2):
                continue
            found.append((i1, i2, fixed[j1:j2], found_as))
        return tuple(found)

    def same_encoding(self, text, encoding, repairs):
        """Two-byte sequences of ``encoding`` in ``text`` that ftfy did not repair on their own."""
        for m in self.two_byte[encoding].finditer(text):
            if overlaps(repairs, m.start(), m.end()):
                continue
            try:
                letter = m.group().encode(encoding).decode("utf-8")
            except UnicodeError:
                continue
            next_to_letter = _ascii_letter(text, m.start() - 1) or _ascii_letter(text, m.end())
            if "\u00c0" <= letter <= "\u017f" and letter.isalpha() and next_to_letter:
                yield m.start(), m.end(), letter, encoding


def _with_bad(line_start, line_end, checked):
    """``(line_start, line_end, bad)`` if some checked span of the line could be mojibake."""
    bad = [span for span, suspect in checked.items() if suspect]
    if bad:
        yield line_start, line_end, bad


def overlaps(spans, start, end) -> bool:
    """True if one of ``spans``, sorted and disjoint ``(start, end, ...)`` tuples,
    overlaps ``start:end`` (a binary search: fields can have thousands)."""
    i = bisect.bisect_left(spans, (end,))  # the first span starting at or after ``end``
    return i > 0 and spans[i - 1][1] > start


def joined(repairs):
    """``repairs`` with those that abut in the same encoding (the windows of a long
    line without spaces, two garbled letters in a row) joined into one."""
    result = []
    for repair in repairs:
        if result and result[-1][1] == repair[0] and result[-1][3] == repair[3]:
            start, _, replacement, encoding = result[-1]
            result[-1] = (start, repair[1], replacement + repair[2], encoding)
        else:
            result.append(repair)
    return result


def unrepaired_around(spans, start, end, line_start, line_end):
    """The stretch of ``line_start:line_end`` around ``start:end`` that none of ``spans``
    (sorted, disjoint, none overlapping ``start:end``) covers."""
    i = bisect.bisect_left(spans, (end,))
    if i > 0:
        line_start = max(line_start, spans[i - 1][1])
    if i < len(spans):
        line_end = min(line_end, spans[i][0])
    return line_start, line_end


def _ascii_letter(text, i):
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def shown(replacement):
    """The repair for a message: quoted, or named if it is white space (U+00A0 NO-BREAK SPACE)."""
    if replacement.strip():
        return quote(replacement)
    return ", ".join(char_name(c) for c in replacement)


def two_byte_sequences(encoding):
    """A regex for what a two-byte UTF-8 character looks like when read as ``encoding``."""
    def images(first, last):
        chars = bytes(range(first, last + 1)).decode(encoding, errors="ignore")
        return "".join(re.escape(c) for c in chars)

    return re.compile(f"[{images(0xC2, 0xDF)}][{images(0x80, 0xBF)}]")


def read_as(steps):
    """The encoding the UTF-8 text was wrongly decoded with, from ftfy's explanation."""
    for action, value in steps or ():
        if action == "encode":
            return value
        if value == "decode_inconsistent_utf8":
            return "sloppy-windows-1252"
    return None


def changed_spans(original, fixed):
    """``(i1, i2, j1, j2)`` for each garbled run: diff blocks joined within a word; a pure
    deletion or insertion is widened over the non-ASCII characters the repair kept
    (``Â£`` -> ``£``, not ``Â`` -> nothing)."""
    merged = []
    for i1, i2, j1, j2 in changed_blocks(original, fixed):
        if merged and _WORD_GAP.fullmatch(original[merged[-1][1]:i1]):
            merged[-1] = (merged[-1][0], i2, merged[-1][2], j2)
        else:
            merged.append((i1, i2, j1, j2))
    widened = []
    for i1, i2, j1, j2 in merged:
        if i1 != i2 and j1 != j2:
            widened.append((i1, i2, j1, j2))
            continue
        while i1 > 0 and j1 > 0 and original[i1 - 1] == fixed[j1 - 1] \
                and _garbled_neighbour(original[i1 - 1]):
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(original) and j2 < len(fixed) and original[i2] == fixed[j2] \
                and _garbled_neighbour(original[i2]):
            i2, j2 = i2 + 1, j2 + 1
        widened.append((i1, i2, j1, j2))
    return widened


def changed_blocks(original, fixed):
    """``(i1, i2, j1, j2)`` for each stretch where ``fixed`` differs from ``original``.

    A repair keeps printable ASCII as it is (bytes below 0x80 mean the same in
    UTF-8 and in every encoding ftfy undoes), so runs of it anchor the diff:
    only the stretches between anchors are compared. ``difflib`` takes time
    that grows with the square of what it compares, and a line of garbled
    text can be thousands of characters long. Where an anchor is not found
    in order (ftfy turned one of its spaces back into a no-break space), the
    rest is compared whole.
    """
    blocks = []
    i = j = 0
    for anchor in _ANCHOR.finditer(original):
        at = fixed.find(anchor.group(), j)
        if at == -1:  # not a repair that kept the ASCII: compare the rest whole
            break
        blocks += _diff(original, fixed, i, anchor.start(), j, at)
        i, j = anchor.end(), at + len(anchor.group())
    return blocks + _diff(original, fixed, i, len(original), j, len(fixed))


def _diff(original, fixed, i1, i2, j1, j2):
    """The changed blocks between ``original[i1:i2]`` and ``fixed[j1:j2]``."""
    if original[i1:i2] == fixed[j1:j2]:
        return []
    matcher = SequenceMatcher(None, original[i1:i2], fixed[j1:j2], autojunk=False)
    return [(i1 + a1, i1 + a2, j1 + b1, j1 + b2) for tag, a1, a2, b1, b2 in matcher.get_opcodes() if tag != "equal"]


def _garbled_neighbour(char):
    return not char.isascii() and not char.isspace()


def word_window(text, start, end, line_start, line_end):
    """``text[start:end]`` widened to whole words, plus one word on each side, but
    not more than :data:`WORD_REACH` characters each way."""
    first, last = max(line_start, start - WORD_REACH), min(line_end, end + WORD_REACH)
    start -= _TWO_WORDS.match(text[first:start][::-1]).end()
    end = _TWO_WORDS.match(text, end, last).end()
    return start, end
