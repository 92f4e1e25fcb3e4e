import regex

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.vocabulary import english_frequencies

from .helpers import (
    BIDI_MARKS,
    HIDDEN,
    INVISIBLE,
    LINE_SEPARATORS,
    NBSP,
    RIGHT_TO_LEFT,
    ZWJ,
    ZWNJ,
    ZWSP,
    c1_in_mojibake,
    char_name,
    is_c1,
    is_odd_space,
    is_tag_character,
    is_variation_selector,
    windows_1252_image,
)

#: Controls and separators that act as white space: removing them between words would glue the words.
SPACING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\u2028\u2029")
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") | BIDI_MARKS
#: Scripts that join letters (Arabic) or build conjuncts (Indic): ZWJ/ZWNJ shape them.
JOINING_SCRIPTS = ("Arabic", "Syriac", "Nko", "Mongolian", "Devanagari", "Bengali", "Gurmukhi",
                   "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
                   "Myanmar", "Khmer", "Tibetan")
#: Scripts written without spaces, where U+200B marks word boundaries.
UNSPACED_SCRIPTS = ("Thai", "Lao", "Khmer", "Myanmar", "Tibetan")
#: Scripts whose letters take variation selectors (ideographic variants, Mongolian letter forms).
VARIANT_SCRIPTS = ("Han", "Mongolian", "Myanmar", "Phags_Pa", "Manichaean")
#: Scripts in which no format character, filler or unusual space has a job in news text; next to
#: a letter of any other script (Hangul, Khmer, Egyptian hieroglyphs ...) one may be doing it.
PLAIN_SCRIPTS = ("Latin", "Greek", "Cyrillic", "Common", "Inherited")
#: How near (in characters) a right-to-left letter must be for a direction mark to have a job.
MARK_REACH = 100
#: The longest piece of a word looked at either side of a no-break space.
WORD_REACH = 30
#: How common (Zipf: log10 of uses per billion words) a word split by a no-break space must be.
COMMON_ZIPF = 2.5
#: U+1F3F4 WAVING BLACK FLAG: tag characters after it spell a subdivision flag.
BLACK_FLAG = "\U0001f3f4"


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

    Reported, by Unicode class rather than from a list: control characters
    except tab and line endings (C0, DEL, C1), format characters (soft
    hyphen, zero-width spaces and joiners, word joiner, byte-order mark,
    bidirectional marks, embeddings, overrides and isolates, invisible
    operators ...), the other default-ignorable characters (variation
    selectors, Hangul fillers, tag characters), line and paragraph separators
    (U+2028, U+2029), noncharacters, the object replacement character
    (U+FFFC), the blank Braille pattern (U+2800), unusual spaces (thin, hair,
    em, ideographic space ...) between two letters, and a no-break space that
    splits a word (``gover nment``: the two pieces make a word that English
    uses more than the rarer piece, by wordfreq's counts).

    Not reported where they do a job: a zero-width joiner in an emoji
    sequence, a joiner or non-joiner in Arabic-script or Indic text, a
    zero-width space in Thai, Lao, Khmer, Myanmar or Tibetan text, a variation
    selector after an emoji, a symbol, a digit or a Han or Mongolian letter,
    tag characters in a flag, a left-to-right or right-to-left mark within
    100 characters of a right-to-left letter, other format characters and spaces next
    to a letter of a script other than Latin, Greek and Cyrillic, and C1
    controls that are bytes of a garbled UTF-8 character (U001 reports
    those). One finding per run of such characters (runs separated only by
    spaces or tabs are one run), naming each character.

    Example (``·`` marks a U+00AD SOFT HYPHEN)::

        He was im·prisoned in the old fort.

    Fix (safe): the characters are removed; a control or separator that acts
    as white space between two words becomes a space; a C1 control that
    stands for a Windows-1252 character (U+0092 for ``’``) becomes that
    character. Unsafe: removing a bidirectional control changes how the line
    displays, an unusual space becomes a space (remove it instead if it
    splits a word), and a no-break space that splits a word is removed.
    """

    code = "U004"
    name = "control-character"
    severity = "warning"
    fix = "safe"

    def setup(self):
        self.joining = regex.compile(script_class(JOINING_SCRIPTS))
        self.unspaced = regex.compile(script_class(UNSPACED_SCRIPTS))
        self.emoji = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3]")
        self.variant = regex.compile(script_class(VARIANT_SCRIPTS))
        self.other_script = regex.compile("[^" + "".join(f"\\p{{Script={s}}}" for s in PLAIN_SCRIPTS) + "]")

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            pattern = INVISIBLE if text.isascii() else HIDDEN
            runs = [(m.start(), m.end()) for m in pattern.finditer(text)]
            if not runs:
                continue
            found = {c for s, e in runs for c in text[s:e]}
            skip = c1_in_mojibake(text) if any(is_c1(c) for c in found) else set()
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
        """True for a character doing its job where it stands."""
        char = text[i]
        if INVISIBLE.fullmatch(char):
            return self.joiner_in_use(text, i)
        if char in LINE_SEPARATORS:
            return False
        if char in BIDI_MARKS:
            return bool(RIGHT_TO_LEFT.search(text, max(0, i - MARK_REACH), i + MARK_REACH))
        if is_tag_character(char):
            return in_flag(text, i)
        before = text[i - 1] if i else ""
        after = text[i + 1:i + 2]
        if is_variation_selector(char):
            return bool(before) and (not before.isalpha() or bool(self.variant.match(before)))
        if self.other_script.match(before) or self.other_script.match(after):
            return True
        if not is_odd_space(char):
            return False
        return not (before.isalpha() and after.isalpha()) or (char == NBSP and not splits_word(text, i))

    def joiner_in_use(self, text, i):
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
        replacement = "".join(replacement_of(c) for c in run)
        between_words = start > 0 and end < len(text) and not text[start - 1].isspace() \
            and not text[end].isspace()
        spacing = between_words and any(c in SPACING for c in run) and \
            not any(c.isspace() for c in replacement)
        if spacing:
            replacement = " " + replacement
        safe = not any(c in BIDI or is_odd_space(c) for c in found)
        return self.finding(field, start, end, describe(found, spacing),
                            fix=Fix(start, end, replacement, safe=safe))


def replacement_of(char):
    """What the fix puts for one character of a run."""
    if char in " \t":
        return char
    if is_c1(char):
        return windows_1252_image(char) or ""
    return " " if is_odd_space(char) and char != NBSP else ""


def splits_word(text, i):
    """True when the character at ``i`` splits a word: the letters either side of it make a word
    more common in English than the rarer of the two pieces (``gover|nment``, not ``at|the``)."""
    left = right = i
    while left > 0 and i - left < WORD_REACH and text[left - 1].isalpha():
        left -= 1
    while right + 1 < len(text) and right - i < WORD_REACH and text[right + 1].isalpha():
        right += 1
    head, tail = text[left:i].lower(), text[i + 1:right + 1].lower()
    zipf = english_frequencies().zipf
    whole = zipf(head + tail)
    return whole >= COMMON_ZIPF and whole > min(zipf(head), zipf(tail)) + 1


def in_flag(text, i):
    """True when the tag character at ``i`` follows a waving black flag (an emoji subdivision flag)."""
    j = i
    while j > 0 and i - j < 32 and is_tag_character(text[j - 1]):
        j -= 1
    return j > 0 and text[j - 1] == BLACK_FLAG


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
    if set(counts) == {NBSP}:
        return f"{what} {names} splits a word; remove it"
    if all(is_odd_space(c) for c in counts):
        return f"{what} {names} between letters; replace with a space, or remove inside a word"
    return f"{what} {names}; remove " + ("them" if len(found) > 1 else "it")


def kind_of(char):
    if char in BIDI:
        return "bidirectional control"
    if char < "\x20" or char == "\x7f" or is_c1(char):
        return "control character"
    if is_odd_space(char):
        return "unusual space"
    return "line separator" if char in LINE_SEPARATORS else "invisible character"
