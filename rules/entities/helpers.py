"""Helpers of the E rules: capitalised words in prose, and their context (E001-E003).

Three questions every entity rule asks about a capitalised word:

* is it *shouted* (part of an ALL-CAPS run: "WHEAT IS SCARCE", a Reuters
  title), where capitals carry no information;
* does it *start a sentence*, where a Title-case word may be any word
  ("Who" is not the WHO); a line break inside hard-wrapped wire copy does
  not start a sentence (:func:`corpuslint.text.starts_sentence`, which
  the T rules ask too: both families give one answer);
* is it in a Title Case headline, which capitalises ordinary words too.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from types import SimpleNamespace
from typing import NamedTuple

import regex

from corpuslint.codespell import codespell_dictionary, codespell_entries
from corpuslint.tables import cached_table
from corpuslint.text import starts_sentence
from corpuslint.vocabulary import wordfreq_data

#: A word (letters, internal apostrophes) that starts with a capital or has one
#: between lower-case letters ("eBay"; not "cafÃ", a garbled "café"), not glued
#: to digits ("MP3", "G8"). A template: its classes become ``\p{..}`` for the
#: ``regex`` module, or explicit ranges for ``re`` (see :func:`_re_class`).
_REST_OF_WORD = r"[{LM}]*(?:['\u2019][{L}][{LM}]*)*(?![{LMN}_])"
_CAPITALISED = r"(?<![{LMN}_])(?:[{Lu}]|[{Ll}]+[{Lu}](?=[{Ll}]))" + _REST_OF_WORD
#: The same words in a text without a capital between lower-case letters
#: (``_CAMEL``): starting with the capital, it lets ``re`` skip to the next
#: capital at C speed (four times as fast).
_CAPITAL_FIRST = r"[{Lu}](?<![{LMN}_].)" + _REST_OF_WORD
_CAMEL = r"[{Lu}](?<=[{Ll}].)(?=[{Ll}])"
_PROPERTIES = {"L": r"\p{L}", "LM": r"\p{L}\p{M}", "LMN": r"\p{L}\p{M}\p{N}", "Lu": r"\p{Lu}", "Ll": r"\p{Ll}"}
#: The characters for which ``re`` gets the classes of the ``regex`` module: the
#: alphabets up to U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic, ...) and
#: U+2000-U+218F (dashes, curly quotes, currency, letterlike symbols). ``re``
#: finds the words three times as fast; a text with any other character (CJK,
#: emoji) is searched with the ``regex`` module.
_RE_COVERED = ((0x0000, 0x07FF), (0x2000, 0x218F))
#: A word without lower case and with two capitals or more ("NATO", "U.S.").
_ALL_CAPS = (r"(?<![\p{L}\p{M}.'\u2019])(?=(?:[.'\u2019]*\p{Lu}){2})"
             r"[\p{Lu}\p{Lt}\p{Lo}\p{M}.'\u2019]+(?![\p{L}\p{M}.'\u2019])")
#: "B.B.C.", "M.P.s": two to six capitals each followed by a full stop, and an acronym's plural s.
DOTTED_ABBREVIATION = r"(?<![\p{L}\p{N}.])(?:\p{Lu}\.){2,6}s?(?![\p{L}\p{N}])"
#: A line without lower-case letters.
_CAPS_LINE = r"(?m)^[^\p{Ll}\n]+$"
_POSSESSIVE = ("'s", "\u2019s", "'S", "\u2019S")
_ADJACENT = " \t-\"\u201c\u201d"
_compiled = None


def _regex():
    """The compiled patterns, compiled on first use."""
    global _compiled
    if _compiled is None:
        covered = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _RE_COVERED)
        classes = {name: _re_class(properties) for name, properties in _PROPERTIES.items()}
        _compiled = SimpleNamespace(
            capitalised=regex.compile(_CAPITALISED.format(**_PROPERTIES)),
            capitalised_re=re.compile(_CAPITALISED.format(**classes)),
            capital_first=re.compile(_CAPITAL_FIRST.format(**classes)),
            camel=re.compile(_CAMEL.format(**classes)),
            uncovered=re.compile(f"[^{covered}]"),
            all_caps=regex.compile(_ALL_CAPS), caps_line=regex.compile(_CAPS_LINE))
    return _compiled


def _re_class(properties: str) -> str:
    """The body of an ``re`` character class: the characters of ``_RE_COVERED`` that
    are in the ``regex`` class ``[properties]``, as ranges."""
    pattern = regex.compile(f"[{properties}]+")
    parts = []
    for first, last in _RE_COVERED:
        for m in pattern.finditer("".join(map(chr, range(first, last + 1)))):
            a, b = m.group()[0], m.group()[-1]
            parts.append(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}")
    return "".join(parts)


def capitalised_pattern(text: str):
    """The compiled capitalised-word pattern for ``text`` (all find the same words):
    ``re`` where it knows the classes of every character, the faster variant that
    starts at the capital where no word has one after lower case, else the
    ``regex`` module."""
    compiled = _regex()
    if not text.isascii() and compiled.uncovered.search(text):
        return compiled.capitalised
    return compiled.capitalised_re if compiled.camel.search(text) else compiled.capital_first


def name_of(word: str) -> str:
    """A capitalised word without its possessive 's ("Kellan's" -> "Kellan")."""
    return word[:-2] if word[-2:] in _POSSESSIVE and len(word) > 3 else word


def distinct_capitalised(doc) -> frozenset:
    """The distinct capitalised words (possessives cut) in the document's prose: a
    cheap superset of the texts of :func:`capitalised_words`, to skip a document
    before that analysis. Shouted words and tickers are in it, except a field that
    is one shouted line (a Reuters title), which is left out."""
    return doc.memo("entities.distinct_capitalised", lambda: frozenset(map(name_of, {
        word for field in doc.prose if not _one_shouted_line(field.text)
        for word in capitalised_pattern(field.text).findall(field.text)})))


def _one_shouted_line(text: str) -> bool:
    """True for one line of two words or more without lower case, where
    :class:`Shouting` says every word shouts (in ASCII, where ``str.isupper``
    and the ``regex`` module agree on what is lower case)."""
    return text.isascii() and text.isupper() and "\n" not in text and len(text.split()) > 1


class Word(NamedTuple):
    """A capitalised word: ``text`` is the name without a possessive 's."""

    field: object
    start: int
    end: int
    text: str
    #: True where a capital says nothing: a sentence start or a Title Case headline.
    at_start: bool


def is_title_case(word: str) -> bool:
    """``Nato``, ``Who``: a capital followed by lower case only."""
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


class Shouting:
    """Where a field shouts: its all-caps words and its lines without lower case.

    Built once per field (one regex pass each), then asked about any span.
    """

    def __init__(self, text: str):
        self.text = text
        caps = [m.span() for m in _regex().all_caps.finditer(text)]
        self.caps_starts = {s for s, _ in caps}
        self.caps_ends = {e for _, e in caps}
        self.lines = [m.span() for m in _regex().caps_line.finditer(text) if len(m.group().split()) > 1]
        self.line_starts = [s for s, _ in self.lines]

    def __call__(self, start: int, end: int) -> bool:
        """True if ``text[start:end]`` is an all-caps word in an ALL-CAPS run ("US
        TROOPS LEAVE"), or any word on a line without lower case (a Reuters title).

        Words in a run are separated by spaces, a hyphen or a double quote only:
        "US, UK and EU" is a list of abbreviations, not shouting, and an
        acronym does not make its neighbour shout ("US Treasury").
        """
        i = bisect.bisect_right(self.line_starts, start) - 1
        if i >= 0 and start < self.lines[i][1]:
            return True
        if start not in self.caps_starts:
            return False
        text = self.text
        j = start
        while j > 0 and text[j - 1] in _ADJACENT:
            j -= 1
        if j < start and j in self.caps_ends:
            return True
        j = end
        while j < len(text) and text[j] in _ADJACENT:
            j += 1
        return j > end and j in self.caps_starts


def shouting(field) -> Shouting:
    """The :class:`Shouting` of ``field``, shared by the rules that check the same document."""
    return field.memo("entities.shouting", lambda: Shouting(field.text))


def title_case_headline(span) -> bool:
    """True if every word of four letters or more in the headline is capitalised."""
    words = [w for w in span.text.split() if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def capitalised_words(doc) -> list:
    """Every capitalised :class:`Word` in the document's prose, shouted ones and
    ticker symbols left out (computed once per document for all the E rules)."""
    return doc.memo("entities.capitalised_words", lambda: list(_capitalised_words(doc)))


def _capitalised_words(doc):
    title_spans = [(h.field, h.start, h.end) for h in doc.headlines if title_case_headline(h)]
    for field in doc.prose:
        text = field.text
        shouted = shouting(field)
        in_title = covering((s, e) for f, s, e in title_spans if f is field)
        for m in capitalised_pattern(text).finditer(text):
            start, end = m.span()
            word = m.group()
            if shouted(start, end) or (start and text[start - 1] == "<" and word.isupper()):
                continue  # shouting, or a ticker symbol: "Kellan Co <KLN>"
            word = name_of(word)
            at_start = starts_sentence(text, start) or in_title(start, start + 1)
            yield Word(field, start, start + len(word), word, at_start)


def covering(spans):
    """A test: is ``start:end`` inside one of ``spans`` (``(start, end)`` pairs)? A
    binary search, so that asking about every word of a document costs no pass over
    its quotations or headlines for each word."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end so far

    def covers(start, end):
        i = bisect.bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return covers


def alias_words(entity_alias_mix) -> frozenset:
    """The lower-cased words of the forms that ``entity_alias_mix`` (the run's E001)
    knows ("nato", "qaeda"): those names are its business, not E002's or E003's."""
    return frozenset(word.lower() for group in entity_alias_mix.vocab.groups
                     for form in group["forms"] for word in form.split())


def fold_accents(word: str) -> str:
    """``Erdoğan`` -> ``Erdogan``: the word without combining marks."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def english_words() -> frozenset:
    """Lower-case English words: the correct spellings in codespell's dictionary.

    Not a full dictionary (about 18,000 words), but it has the common words
    that also appear capitalised in names ("Board", "General", "Metal").
    Kept between runs by :func:`cached_table`.
    """
    return cached_table("english-words", [codespell_dictionary("dictionary.txt")], lambda: frozenset(
        word.lower() for suggestions, _ in codespell_entries("dictionary.txt").values()
        for word in suggestions if " " not in word))


def lowercase_use(field, word: str) -> bool:
    """True if ``word`` also appears in lower case, as a whole word, in ``field``'s text."""
    return field.memo("entities.lowercase_uses", lambda: LowercaseUses(field.text)).has(word)


#: Runs of letters, and of the few other characters ``\w`` has that are not digits
#: ("²", "Ⅻ"); :func:`_letter_runs` splits those out.
_LETTERS_AND_NUMERALS = re.compile(r"[^\W\d_]+")


class LowercaseUses:
    """Which words a text writes in lower case, as whole words (not next to a letter).

    The text's maximal runs of letters are collected once (at C speed). A
    word of letters only is then a set lookup. A word with other characters
    ("o'brien") is compared only where its rarest run of letters starts in the
    text ("brien"), from an index of where each run starts, built on the first
    such question. A document with thousands of names costs one pass over its
    text, not one pass per name.
    """

    def __init__(self, text: str):
        self.text = text
        self.runs = set()
        for run in set(_LETTERS_AND_NUMERALS.findall(text)):
            if run.isalpha():
                self.runs.add(run)
            else:
                self.runs.update(letters for _, letters in _letter_runs(run))
        self.starts: dict[str, list[int]] | None = None
        self.answers: dict[str, bool] = {}

    def has(self, word: str) -> bool:
        lower = word.lower()
        answer = self.answers.get(lower)
        if answer is None:
            answer = self.answers[lower] = self._find(lower)
        return answer

    def _find(self, lower: str) -> bool:
        if lower.isalpha():
            return lower in self.runs
        runs = list(_letter_runs(lower))
        if not runs:
            return _scan(self.text, lower)
        if any(run not in self.runs for _, run in runs):
            return False
        if self.starts is None:
            self.starts = {}
            for start, run in _letter_runs(self.text):
                self.starts.setdefault(run, []).append(start)
        offset, rarest = min(runs, key=lambda run: len(self.starts[run[1]]))
        text = self.text
        for run_start in self.starts[rarest]:
            start = run_start - offset
            end = start + len(lower)
            if start >= 0 and text.startswith(lower, start) and _not_letter(text, start - 1) \
                    and _not_letter(text, end):
                return True
        return False


def _letter_runs(text: str):
    """``(start, run)`` for each maximal run of letters (``str.isalpha``) in ``text``."""
    for m in _LETTERS_AND_NUMERALS.finditer(text):
        run = m.group()
        if run.isalpha():
            yield m.start(), run
            continue
        start = None
        for i, char in enumerate(run):
            if char.isalpha():
                start = i if start is None else start
            elif start is not None:
                yield m.start() + start, run[start:i]
                start = None
        if start is not None:
            yield m.start() + start, run[start:]


def _not_letter(text: str, i: int) -> bool:
    return not (0 <= i < len(text) and text[i].isalpha())


def _scan(text: str, lower: str) -> bool:
    """:meth:`LowercaseUses.has` for a word without letters: a search of the text."""
    start = text.find(lower)
    while start != -1:
        if _not_letter(text, start - 1) and _not_letter(text, start + len(lower)):
            return True
        start = text.find(lower, start + 1)
    return False


#: A spelling written this often or more in general English text (wordfreq's frequency
#: per word: 1e-7 is a Zipf value of 2) is a word or a name in its own right, not a slip.
KNOWN_FREQUENCY = 1e-7


@functools.cache
def known_words() -> frozenset:
    """Lower-case words and names of five letters or more that wordfreq's large English
    list has at :data:`KNOWN_FREQUENCY` or more ("brien", "browne", "anastasia"; not
    "rodick" or "sediqqi"): about 75,000 words, 6 MB, kept between runs by
    :func:`cached_table` (wordfreq's own table, 35 MB, is read only to build it).
    """
    data = wordfreq_data()

    def build():
        import wordfreq  # 0.2 s and 35 MB to load its table: paid only when the set is built

        frequencies = wordfreq.get_frequency_dict("en", "large")
        return frozenset(word for word, frequency in frequencies.items()
                         if frequency >= KNOWN_FREQUENCY and len(word) >= 5 and word.isalpha())

    return cached_table("known-words", [data], build)


def after_single_letter(text: str, start: int) -> bool:
    """True if a lone capital letter and a space, backtick or apostrophe-like mark come
    right before ``start`` ("O Brien", "D`Angelo"): the word is the second part of a
    name whose apostrophe was lost, not a name of its own ("Brien" is no "Brian").
    The English words "A" and "I" are no such letter ("A Very Long Night")."""
    if start < 2 or text[start - 1] not in " `\u00b4'\u2019\u2018":
        return False
    letter = text[start - 2]
    return letter.isupper() and letter not in "AI" and (start < 3 or not (text[start - 3].isalnum()
                                                                            or text[start - 3] == "."))


def follows_with_name(field, end: int) -> bool:
    """True if a capitalised word that the text never writes in lower case follows
    ``end`` on the same line across one space ("US Telecom", "UK Athletics"): with
    it, the form is part of a proper name."""
    text = field.text
    if text[end:end + 1] != " " or not text[end + 1:end + 2].isupper():
        return False
    stop = end + 1
    while stop < len(text) and (text[stop].isalpha() or text[stop] in "'\u2019"):
        stop += 1
    word = name_of(text[end + 1:stop])
    return len(word) > 1 and not word.isupper() and not lowercase_use(field, word)


def after_number(text: str, start: int) -> bool:
    """True if a figure comes right before ``start``, across one space at most ("3 P.M.",
    "10PM"): the letters are a unit or a time, not a name."""
    j = start - 1 if start and text[start - 1] == " " else start
    return j > 0 and text[j - 1].isdigit()


def initials_before_name(text: str, end: int) -> bool:
    """True if a capitalised word that is no common English word follows ``end`` across
    one space ("J.K. Rowling", "A.B.M. Ghulam"): dotted letters there are a person's
    initials, not an abbreviation ("B.B.C. News", "B.B.C. Newcastle" are abbreviations)."""
    if text[end:end + 1] != " " or not text[end + 1:end + 2].isupper() or not text[end + 2:end + 3].islower():
        return False
    stop = end + 2
    while stop < len(text) and text[stop].isalpha():
        stop += 1
    return text[end + 1:stop].lower() not in common_words()


#: Words this frequent (Zipf 4: ten a million words) are ordinary words, even capitalised.
COMMON_FREQUENCY = 1e-5


@functools.cache
def common_words() -> frozenset:
    """Lower-case words wordfreq's large English list has at :data:`COMMON_FREQUENCY` or
    more ("news", "world", "green", "newcastle"; not "rowling"): about 7,000 words, kept
    between runs by :func:`cached_table`."""
    data = wordfreq_data()

    def build():
        import wordfreq  # 0.2 s and 35 MB to load its table: paid only when the set is built

        frequencies = wordfreq.get_frequency_dict("en", "large")
        return frozenset(word for word, frequency in frequencies.items()
                         if frequency >= COMMON_FREQUENCY and word.isalpha())

    return cached_table("common-words", [data], build)


def in_handle_or_url(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is part of a hashtag, a handle or a web address
    ("#USA", "@UN", "www.un.org/US", "https://example.org/UK-news")."""
    if start and text[start - 1] in "#@/":
        return True
    left = start
    while left and not text[left - 1].isspace() and start - left < 300:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 300:
        right += 1
    token = text[left:right]
    return "://" in token or token.lower().startswith("www.") or "/" in token[:start - left]


def inflection(a: str, b: str, suffixes, swaps) -> bool:
    """Afghan/Afghans, Iraq/Iraqi, German/Germany, Germans/Germany (one of
    ``suffixes`` added or swapped at the end), Congressman/Congressmen (a pair of
    ``swaps``): endings, not slips. ``a`` and ``b`` are lower case."""
    short, long = sorted((a, b), key=len)
    if len(long) == len(short) + 1 and long.startswith(short):
        return long[-1] in suffixes
    if len(a) == len(b) and a[:-1] == b[:-1] and a[-1] in suffixes and b[-1] in suffixes:
        return True
    return any(x.endswith(p) and y.endswith(q) and x[:-len(p)] == y[:-len(q)]
               for p, q in swaps for x, y in ((a, b), (b, a)))


def typing_slip(a: str, b: str, long_name: int) -> bool:
    """Two swapped letters, a doubled or undoubled letter, or one letter changed,
    added or dropped inside a long name (not its first or last letter)."""
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] \
                and a[diffs[1]] == b[diffs[0]]:
            return True
        return len(diffs) == 1 and 0 < diffs[0] < len(a) - 1 and len(a) >= long_name
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1:
        return False
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    if (i > 0 and long[i - 1] == long[i]) or (i + 1 < len(long) and long[i + 1] == long[i]):
        return True
    return 0 < i < len(long) - 1 and len(short) >= long_name
