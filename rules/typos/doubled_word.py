import itertools
import re
import unicodedata

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.text import quote
from corpuslint.vocabulary import english_frequencies
from corpuslint.words import NUMBER_WORDS

from .helpers import FUNCTION_WORDS, INTERJECTIONS

#: A word, one space or a line break (with the next line's indent), and the
#: same word again; matched in the lower-cased text, so in any case. Tabs and
#: runs of spaces are table columns, not prose; a hyphen after the second word
#: makes it part of a compound ("in in-fighting", "one one-hundredth"). The
#: first word is taken whole at once (captured in a lookahead, then consumed:
#: an atomic group that Python 3.10 can read), not given back letter by letter
#: when no gap follows; that makes the search a third faster.
DOUBLED = re.compile(r"(?<![\w'\u2019-])(?=(?P<first>[^\W\d_]+))(?P=first)(?P<gap> |[ \t]*\r?\n[ \t]*)"
                     r"(?P<second>(?P=first))(?![\w'\u2019-])")
_WORD = re.compile(r"[^\W\d_]+")
#: What a doubled word may neither start nor end next to.
_GLUE = re.compile(r"[\w'\u2019-]")
#: One-byte encodings that hold most news copy (cp1252 adds curly quotes and dashes).
_ONE_BYTE_CODECS = ("latin-1", "cp1252")
#: "queued for for hours", "moved in in the first week": a stranded preposition,
#: then one that starts a time phrase.
_TIME_AFTER = re.compile(r"\s+(?:(?:years|months|weeks|days|hours|decades|ages|recent)\b"
                         r"|the\s+(?:past|future|last|next|first)\b)", re.IGNORECASE)
_STRANDED = ("for", "in")
#: "south south east" is a compass point.
_COMPASS_AFTER = re.compile(r"\s+(?:east|west)\b", re.IGNORECASE)
#: A sound or interjection: one short syllable that ends open or in "h" ("la", "hey", "ooh", "bye", "blah").
_SOUND = re.compile(r"[^aeiouy]{0,2}[aeiouy]{1,3}h?")
#: A word of that shape rarer than this (Zipf: 4.5 is 30 uses in a million words) is a sound
#: ("ooh" 3.8, "bye" 4.4, "tut" 2.9); more common ones are words ("see" 6.1, "key" 5.1).
SOUND_ZIPF = 4.5
#: How far back from a doubled word an opening quotation mark is looked for.
_QUOTE_LOOKBACK = 2000
DEFAULT_ALLOW = ["had", "that", "this", "plus", "very", "really", "so", "no", "yes", "ha", "bye",
                 "blah", "tut"]


class DoubledWord(DocumentRule):
    """A word written twice in a row ("the the"), usually an editing slip.

    Why it matters: doubled words are the most common slip left by editing on
    screen; readers notice them, and they skew word counts and n-gram models.

    Example::

        The ferry left the the harbour late...

    reports ``'the the'``. Matching ignores case ("The the") and follows a
    line wrap, but not punctuation or a run of spaces (table columns). Not
    reported: words in ``allow`` ("had had", "that that", "very very"), a
    second word written with a capital (names and titles: "Duran Duran",
    "Walla Walla", "Sirhan Sirhan", "the town reeve Reeve Aldous"), a word repeated
    three or more times ("no no no"), a second word that starts a compound
    ("in in-fighting"), a stranded preposition before a time phrase
    ("queued for for hours", "moved in in the first week") and compass points
    ("south south east"), reduplicated sounds and interjections, and words
    in scripts other than Latin ("так так"). A sound is a short word of one
    open syllable that is not a function word or a number, and that is an
    interjection ("hey hey", "ooh la la") or uncommon in English (rarer than
    30 in a million words in ``wordfreq``: "bye bye", "tut tut"), or that
    stands inside a quotation (speech: "See see, I told you"). Common words
    of that shape are reported outside quotations ("will see see the
    plans", "free free", "pay pay"). Function words (articles,
    prepositions, pronouns, auxiliaries: "the the", "of of", "to to") and
    longer words ("said said") are the typical slips and are reported.
    Other scripts are left alone: many languages written in them repeat
    words as grammar or for emphasis (Russian "так так", Hindi and Bengali
    reduplication), and the rule has no word frequencies or function words
    for them to tell a slip from a form.

    Options: ``allow``, the words that may be doubled.

    Fix (unsafe, ``--unsafe-fixes``): the second word is removed; a human should
    check that no word was lost instead ("the the" for "the then").
    """

    code = "T003"
    name = "doubled-word"
    severity = "warning"
    fix = "unsafe"
    options = {"allow": Option(DEFAULT_ALLOW, "words that may be written twice in a row", item=str)}

    def setup(self):
        self.allow = {word.lower() for word in self.opts.allow}
        self.word_bytes = {codec: word_bytes_only(codec) for codec in _ONE_BYTE_CODECS}
        self.english = None  # loaded at the first doubled word shaped like a sound

    def sound(self, word: str) -> bool:
        """True for a word doubled on purpose as a sound: shaped like one (see
        :func:`sound_shaped`) and an interjection or an uncommon English word."""
        if not sound_shaped(word):
            return False
        if word in INTERJECTIONS:
            return True
        if self.english is None:
            self.english = english_frequencies()
        return self.english.zipf(word) < SOUND_ZIPF

    def check(self, doc):
        for field in doc.prose:
            if not self.may_double(field.lower):
                continue
            text = field.text
            for m in DOUBLED.finditer(field.lower):
                if self.intended(text, m):
                    continue
                yield self.finding(field, m.start(), m.end(),
                                   f"{quote(text[m.start():m.end()])}: word written twice; remove one",
                                   fix=Fix(m.end("first"), m.end(), "", safe=False))

    def may_double(self, lower: str) -> bool:
        """False if the lower-case text cannot hold a doubled word, decided without a
        regex for text in a one-byte encoding (most news copy): a doubled word is two
        equal runs of word characters with only whitespace between them, so two
        neighbours among the text's runs are equal, and are letters not in ``allow``."""
        for codec, table in self.word_bytes.items():
            try:
                runs = lower.encode(codec).translate(table).split()
            except UnicodeEncodeError:
                continue
            if not any(map(bytes.__eq__, runs, runs[1:])):
                return False  # the usual case, at C speed
            return any(self.may_be_slip(run.decode(codec)) for run, after in itertools.pairwise(runs) if run == after)
        return True

    def may_be_slip(self, word: str) -> bool:
        """True if ``word``, written twice, may be reported."""
        return word not in self.allow and bool(_WORD.fullmatch(word)) and not self.sound(word)

    def intended(self, text: str, m: re.Match) -> bool:
        """True for a repetition that is meant (or a name) rather than a slip."""
        word = m.group("first")
        if word in self.allow or text[m.start("second")].isupper() or not latin(word) or self.sound(word):
            return True
        if sound_shaped(word) and inside_quotes(text, m.start()):
            return True
        if repeated_again(text, m):
            return True
        if word in _STRANDED and _TIME_AFTER.match(text, m.end()):
            return True
        return word in ("north", "south") and bool(_COMPASS_AFTER.match(text, m.end()))


def sound_shaped(word: str) -> bool:
    """True for a word shaped like a sound or an interjection ("hey", "la", "bye", but also
    "see" and "pay"): one short open syllable, not a function word or a number."""
    return len(word) <= 4 and word not in FUNCTION_WORDS and word not in NUMBER_WORDS \
        and bool(_SOUND.fullmatch(word))


def latin(word: str) -> bool:
    """True if every letter of ``word`` is a Latin one."""
    return word.isascii() or all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def inside_quotes(text: str, start: int) -> bool:
    """True if ``start`` is inside a quotation that opens on the same line: after an odd
    number of straight double quotes, or after a curly opening quote not yet closed."""
    line_start = text.rfind("\n", max(0, start - _QUOTE_LOOKBACK), start) + 1
    before = text[max(line_start, start - _QUOTE_LOOKBACK):start]
    return before.count('"') % 2 == 1 or before.rfind("\u201c") > before.rfind("\u201d")


def word_bytes_only(codec: str) -> bytes:
    """A ``bytes.translate`` table for text encoded with ``codec`` (one byte a
    character) that keeps letters, digits, apostrophes and hyphens and makes every
    other byte a space."""
    table = bytearray(b" " * 256)
    for byte in range(256):
        try:
            character = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue  # never produced by encoding
        if _GLUE.match(character):
            table[byte] = byte
    return bytes(table)


def repeated_again(text: str, m: re.Match) -> bool:
    """True if the word also comes right before or after the pair ("no no no")."""
    word = m.group("first").lower()
    before = re.search(r"([^\W\d_]+)\s+$", text[max(0, m.start() - len(word) - 8):m.start()])
    after = re.match(r"\s+([^\W\d_]+)", text[m.end():m.end() + len(word) + 8])
    return bool(before and before.group(1).lower() == word) or bool(after and after.group(1).lower() == word)
