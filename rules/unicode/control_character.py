import regex

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule

from .helpers import INVISIBLE, ZWJ, ZWNJ, ZWSP, c1_in_mojibake, char_name, is_c1, windows_1252_image

#: Controls that act as white space: removing them between words would glue the words.
SPACING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Scripts that join letters (Arabic) or build conjuncts (Indic): ZWJ/ZWNJ shape them.
JOINING_SCRIPTS = ("Arabic", "Syriac", "Nko", "Mongolian", "Devanagari", "Bengali", "Gurmukhi",
                   "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
                   "Myanmar", "Khmer", "Tibetan")
#: Scripts written without spaces, where U+200B marks word boundaries.
UNSPACED_SCRIPTS = ("Thai", "Lao", "Khmer", "Myanmar", "Tibetan")


def script_class(scripts):
    return "[\\p{M}" + "".join(f"\\p{{Script={s}}}" for s in scripts) + "]"


class ControlCharacter(DocumentRule):
    """Invisible control or formatting characters in the text (NUL, U+200B ZERO WIDTH SPACE, soft hyphen).

    Why it matters: these characters do not show on screen but are part of
    the text: words containing them no longer match in search and
    de-duplication, tokenizers split on them or keep them, a NUL or stray
    byte-order mark breaks downstream tools, and bidirectional overrides
    reorder what readers see (a known way to disguise text). Soft hyphens and
    zero-width spaces are usually left over from print layouts or web pages.

    Reported: C0 controls except tab and line endings, DEL, C1 controls
    (U+0080-U+009F), soft hyphens, zero-width spaces and joiners, word joiners,
    byte-order marks inside the text, and bidirectional embeddings, overrides
    and isolates. Not reported: a zero-width joiner inside an emoji sequence,
    a zero-width joiner or non-joiner in Arabic-script or Indic text, a
    zero-width space in Thai, Lao, Khmer, Myanmar or Tibetan text, and C1
    controls that are bytes of a garbled UTF-8 character (U001 reports those).
    One finding per run of such characters (runs separated only by spaces or
    tabs are one run), naming each character.

    Example (``·`` marks a U+00AD SOFT HYPHEN)::

        He was im·prisoned in the old fort.

    Fix (safe): the characters are removed; a control that acts as white
    space between two words becomes a space; a C1 control that stands for a
    Windows-1252 character (U+0092 for ``’``) becomes that character. Removing
    a bidirectional control changes how the line displays: that fix is unsafe.
    """

    code = "U004"
    name = "control-character"
    severity = "warning"
    fix = "safe"

    def setup(self):
        self.joining = regex.compile(script_class(JOINING_SCRIPTS))
        self.unspaced = regex.compile(script_class(UNSPACED_SCRIPTS))
        self.emoji = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3]")

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            runs = [(m.start(), m.end()) for m in INVISIBLE.finditer(text)]
            if not runs:
                continue
            has_c1 = any(is_c1(c) for s, e in runs for c in text[s:e])
            skip = c1_in_mojibake(text) if has_c1 else set()
            kept = [run for run in (self.trim(text, s, e, skip) for s, e in runs) if run]
            for start, end in merge_runs(text, kept):
                yield self.report(field, start, end)

    def trim(self, text, start, end, skip):
        """The run without its legitimate or mojibake characters, or ``None``."""
        while start < end and (start in skip or self.legitimate(text, start)):
            start += 1
        while end > start and (end - 1 in skip or self.legitimate(text, end - 1)):
            end -= 1
        return (start, end) if start < end else None

    def legitimate(self, text, i):
        """True for a joiner or zero-width space doing its job in the script around it."""
        char = text[i]
        if char not in (ZWJ, ZWNJ, ZWSP) or i == 0 or i + 1 == len(text):
            return False
        before, after = text[i - 1], text[i + 1]
        if char == ZWSP:
            return bool(self.unspaced.match(before) and self.unspaced.match(after))
        if char == ZWJ and self.emoji.match(before) and self.emoji.match(after):
            return True
        return bool(self.joining.match(before) or self.joining.match(after))

    def report(self, field, start, end):
        text = field.text
        run = text[start:end]
        found = [c for c in run if c not in " \t"]
        replacement = "".join(c if c in " \t" else (windows_1252_image(c) or "") if is_c1(c) else ""
                              for c in run)
        between_words = start > 0 and end < len(text) and not text[start - 1].isspace() \
            and not text[end].isspace()
        spacing = between_words and any(c in SPACING for c in run) and \
            not any(c.isspace() for c in replacement)
        if spacing:
            replacement = " " + replacement
        safe = not any(c in BIDI for c in found)
        return self.finding(field, start, end, describe(found, spacing),
                            fix=Fix(start, end, replacement, safe=safe))


def merge_runs(text, runs):
    """Join runs separated only by spaces or tabs."""
    merged = []
    for start, end in runs:
        if merged and not text[merged[-1][1]:start].strip(" \t"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def describe(found, spacing):
    """The message: what the characters are and what to do."""
    counts = {}
    for char in found:
        counts[char] = counts.get(char, 0) + 1
    names = ", ".join(char_name(c) + (f" \u00d7{n}" if n > 1 else "") for c, n in counts.items())
    kinds = {kind_of(c) for c in counts}
    what = kinds.pop() if len(kinds) == 1 else "invisible character"
    what += "s" if len(found) > 1 else ""
    images = "".join(windows_1252_image(c) or "" for c in found if is_c1(c))
    if images:
        return (f"{what} {names}: Windows-1252 text was decoded as Latin-1; "
                f"replace with '{images}'")
    if any(c in BIDI for c in counts):
        return f"{what} {names} changes the display order of the text; remove unless it is needed"
    if spacing:
        return f"{what} {names} between words; replace with a space"
    return f"{what} {names}; remove " + ("them" if len(found) > 1 else "it")


def kind_of(char):
    if char in BIDI:
        return "bidirectional control"
    if char < "\x20" or char == "\x7f" or is_c1(char):
        return "control character"
    return "invisible character"
