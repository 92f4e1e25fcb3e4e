import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

from .characters import char_name, is_c1

#: The single-byte encodings ftfy undoes, as people know them.
ENCODING_NAMES = {
    "latin-1": "Latin-1", "sloppy-windows-1252": "Windows-1252", "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250", "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254", "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "ISO-8859-2", "macroman": "Mac Roman", "cp437": "code page 437",
}
#: Encodings whose mojibake ftfy repairs only when a whole line is garbled; once one
#: is seen in a field, its other two-byte sequences there are repaired too.
LINE_ONLY_ENCODINGS = ("macroman", "sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253",
                       "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2", "cp437")
#: The mojibake categories of ftfy.badness that mark a character pair as suspect.
SUSPECT_CATEGORIES = ("c1", "bad", "law", "currency", "numeric", "kaomoji", "upper_accented",
                      "lower_accented", "box", "start_punctuation", "end_punctuation")
_WORD_GAP = re.compile(r"\S{0,2}")
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
#: Longer lines are repaired word by word (ftfy and the diff get slow on huge lines).
WHOLE_LINE_LIMIT = 2000


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
        import ftfy
        import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)
        from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
        from ftfy.chardata import CHARMAP_ENCODINGS

        self.badness = BADNESS_RE
        self.fix_encoding = ftfy.fix_encoding_and_explain
        self.encodings = CHARMAP_ENCODINGS
        suspect = "".join(MOJIBAKE_CATEGORIES[c] for c in SUSPECT_CATEGORIES)
        # Every badness pattern has a suspect character next to another non-ASCII one,
        # or one of these on its own, or a Cyrillic "вЂ"/"ВЂ"; the prefilter runs at C
        # speed and skips clean text (curly quotes and accents alone do not hit it).
        self.prefilter = re.compile(f"[{suspect}][^\\x00-\\x7f]|[^\\x00-\\x7f][{suspect}]"
                                    "|[\u0152\u0153\u00c2\u00c3\\x80-\\x9f]|[\u0412\u0432]\u0402")
        self.two_byte = {encoding: two_byte_sequences(encoding) for encoding in LINE_ONLY_ENCODINGS}

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            if text.isascii() or not self.prefilter.search(text):
                continue
            repairs = []
            for start, end, bad in self.suspect_lines(text):
                repairs.extend(self.repair_line(text, start, end, bad))
            for encoding in {r[3] for r in repairs} & set(LINE_ONLY_ENCODINGS):
                repairs.extend(self.same_encoding(text, encoding, repairs))
            for start, end, replacement, encoding in sorted(repairs):
                how = f" (UTF-8 read as {ENCODING_NAMES[encoding]})" if encoding in ENCODING_NAMES else ""
                repair = f"should be {shown(replacement)}" if replacement else "remove it"
                yield self.finding(field, start, end, f"mojibake {quote(text[start:end])}{how}: {repair}",
                                   fix=Fix(start, end, replacement))

    def suspect_lines(self, text):
        """``(start, end, bad)`` for each line with badness matches that some encoding
        could have produced; ``bad`` lists their ``(start, end)``. Badness is only
        searched near prefilter hits (its patterns are a few characters long)."""
        line_start = line_end = -1
        bad = []
        for m in self.prefilter.finditer(text):
            if m.start() > line_end:
                if bad:
                    yield line_start, line_end, bad
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line_end = len(text) if line_end == -1 else line_end
                bad = []
            for span in self.badness_near(text, m.start(), m.end(), line_start, line_end):
                if span not in bad and self.could_be_mojibake(text, *span):
                    bad.append(span)
        if bad:
            yield line_start, line_end, bad

    def badness_near(self, text, start, end, line_start, line_end):
        """Badness matches within a few characters of ``text[start:end]``, as offsets in ``text``."""
        w_start, w_end = max(line_start, start - BADNESS_REACH), min(line_end, end + BADNESS_REACH)
        # "#" stands for the text before the window, so that "^" only matches at a line start.
        prefix = "" if w_start == line_start else "#"
        window = prefix + text[w_start:w_end]
        offset = w_start - len(prefix)
        return [(offset + b.start(), offset + b.end()) for b in self.badness.finditer(window)
                if b.end() > len(prefix)]

    def could_be_mojibake(self, text, start, end):
        """Cheap test before ftfy: do the non-ASCII characters around ``text[start:end]``,
        encoded in one of ftfy's encodings, hold a UTF-8 character worth repairing to?
        (A space next to the run counts as a lost no-break space, as ftfy assumes.)"""
        while start > 0 and not text[start - 1].isascii() and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isascii() and not text[end].isspace():
            end += 1
        start -= start > 0 and text[start - 1] == " "
        end += end < len(text) and text[end] == " "
        run = text[start:end].replace(" ", "\u00a0")
        if "\ufffd" in run or any(is_c1(c) for c in run):
            return True
        for encoding in self.encodings:
            try:
                data = run.encode(encoding)
            except UnicodeEncodeError:
                continue
            for m in UTF8_MULTIBYTE.finditer(data):
                try:
                    char = m.group().decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if PLAUSIBLE.fullmatch(char):
                    return True
        return False

    def repair_line(self, text, start, end, bad):
        """Repairs in ``text[start:end]``: the whole line first, then each bad word left over."""
        repairs = self.repairs(text, start, end) if end - start <= WHOLE_LINE_LIMIT else []
        for bad_start, bad_end in bad:
            if any(s < bad_end and bad_start < e for s, e, _, _ in repairs):
                continue
            w_start, w_end = word_window(text, bad_start, bad_end, start, end)
            repairs.extend(r for r in self.repairs(text, w_start, w_end)
                           if not any(s < r[1] and r[0] < e for s, e, _, _ in repairs))
        return repairs

    def repairs(self, text, start, end):
        """``(start, end, replacement, encoding)`` where ftfy changes ``text[start:end]``."""
        original = text[start:end]
        fixed, steps = self.fix_encoding(original)
        if fixed == original:
            return []
        encoding = read_as(steps)
        found = []
        for i1, i2, j1, j2 in changed_spans(original, fixed):
            if all(is_c1(c) for c in original[i1:i2]):
                continue  # a lone C1 control: U004 reports it
            if not PLAUSIBLE.fullmatch(fixed, j1, j2):
                continue
            found.append((start + i1, start + i2, fixed[j1:j2], encoding))
        return found

    def same_encoding(self, text, encoding, repairs):
        """Two-byte sequences of ``encoding`` in ``text`` that ftfy did not repair on their own."""
        for m in self.two_byte[encoding].finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _, _ in repairs):
                continue
            try:
                letter = m.group().encode(encoding).decode("utf-8")
            except UnicodeError:
                continue
            next_to_letter = _ascii_letter(text, m.start() - 1) or _ascii_letter(text, m.end())
            if "\u00c0" <= letter <= "\u017f" and letter.isalpha() and next_to_letter:
                yield m.start(), m.end(), letter, encoding


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
    from difflib import SequenceMatcher

    blocks = [op[1:] for op in SequenceMatcher(None, original, fixed, autojunk=False).get_opcodes()
              if op[0] != "equal"]
    merged = []
    for i1, i2, j1, j2 in blocks:
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


def _garbled_neighbour(char):
    return not char.isascii() and not char.isspace()


def word_window(text, start, end, line_start, line_end):
    """``text[start:end]`` widened to whole words, plus one word on each side."""
    for _ in range(2):
        while start > line_start and text[start - 1] not in " \t":
            start -= 1
        while start > line_start and text[start - 1] in " \t":
            start -= 1
    for _ in range(2):
        while end < line_end and text[end] not in " \t":
            end += 1
        while end < line_end and text[end] in " \t":
            end += 1
    return start, end
