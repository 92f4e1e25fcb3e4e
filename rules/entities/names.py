"""Capitalised words in prose, and their context, for the entity rules (E001-E003).

Three questions every entity rule asks about a capitalised word:

* is it *shouted* (part of an ALL-CAPS run: "WHEAT IS SCARCE", a Reuters
  title), where capitals carry no information;
* does it *start a sentence*, where a Title-case word may be any word
  ("Who" is not the WHO); a line break inside hard-wrapped wire copy does
  not start a sentence;
* is it in a Title Case headline, which capitalises ordinary words too.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from corpuslint.text import at_sentence_start

#: A word (letters, internal apostrophes) that contains a capital letter and
#: is not glued to digits ("MP3", "G8").
_CAPITALISED = (r"(?<![\p{L}\p{M}\p{N}_])(?=[\p{L}\p{M}'\u2019]*\p{Lu})"
                r"\p{L}[\p{L}\p{M}]*(?:['\u2019]\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_])")
_POSSESSIVE = ("'s", "\u2019s", "'S", "\u2019S")
_ADJACENT = " \t-\"\u201c\u201d"
_compiled = None


def capitalised_re():
    """The compiled word pattern (the ``regex`` module is imported on first use)."""
    global _compiled
    if _compiled is None:
        import regex

        _compiled = regex.compile(_CAPITALISED)
    return _compiled


@dataclass(frozen=True, slots=True)
class Word:
    """A capitalised word: ``text`` is the name without a possessive 's."""

    field: object
    start: int
    end: int
    text: str
    #: True where a capital says nothing: a sentence start or a Title Case headline.
    at_start: bool


def strip_possessive(word: str) -> str:
    return word[:-2] if len(word) > 3 and word.endswith(_POSSESSIVE) else word


def is_title_case(word: str) -> bool:
    """``Nato``, ``Who``: a capital followed by lower case only."""
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _neighbour(text: str, start: int, end: int, left: bool) -> str:
    """The word right next to ``text[start:end]``, across spaces or a hyphen only."""
    if left:
        j = start
        while j > 0 and text[j - 1] in _ADJACENT:
            j -= 1
        if j == start:
            return ""
        k = j
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] in ".'\u2019"):
            k -= 1
        return text[k:j]
    j = end
    while j < len(text) and text[j] in _ADJACENT:
        j += 1
    if j == end:
        return ""
    k = j
    while k < len(text) and (text[k].isalpha() or text[k] in ".'\u2019"):
        k += 1
    return text[j:k]


def _is_shouted_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and word.isupper()


def shouted(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` sits in an ALL-CAPS run ("US TROOPS LEAVE")
    or on a line without lower-case letters (a Reuters title).

    A neighbour counts only when it is separated by spaces or a hyphen:
    "US, UK and EU" is a list of abbreviations, not shouting.
    """
    if _is_shouted_word(_neighbour(text, start, end, True)) or \
            _is_shouted_word(_neighbour(text, start, end, False)):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    return line == line.upper() and len(line.split()) > 1


def starts_sentence(text: str, offset: int) -> bool:
    """Like :func:`corpuslint.text.at_sentence_start`, but a single line break
    after a word or comma (hard-wrapped text) continues the sentence."""
    if not at_sentence_start(text, offset):
        return False
    if offset >= 2 and text[offset - 1] == "-" and text[offset - 2].isalnum():
        return False  # "Taliban-Haqqani", "Nato-led": a compound, not a dash
    i = offset - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] not in "\n\r":
        return True
    i -= 1
    if i >= 0 and text[i] == "\r" and text[i + 1] == "\n":
        i -= 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or not (text[i].isalnum() or text[i] in ",")


def title_case_headline(span) -> bool:
    """True if every word of four letters or more in the headline is capitalised."""
    words = [w for w in span.text.split() if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def capitalised_words(doc):
    """Every capitalised word in the document's prose, shouted ones and ticker
    symbols left out."""
    pattern = capitalised_re()
    title_spans = [(h.field, h.start, h.end) for h in doc.headlines if title_case_headline(h)]
    for field in doc.prose:
        text = field.text
        titles = [(s, e) for f, s, e in title_spans if f is field]
        for m in pattern.finditer(text):
            start, end = m.span()
            if shouted(text, start, end) or (start and text[start - 1] == "<" and m.group().isupper()):
                continue  # shouting, or a ticker symbol: "Kellan Co <KLN>"
            name = strip_possessive(m.group())
            at_start = starts_sentence(text, start) or any(s <= start < e for s, e in titles)
            yield Word(field, start, start + len(name), name, at_start)


def fold_accents(word: str) -> str:
    """``Erdoğan`` -> ``Erdogan``: the word without combining marks."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def english_words() -> frozenset:
    """Lower-case English words: the correct spellings in codespell's dictionary.

    Not a full dictionary (about 18,000 words), but it has the common words
    that also appear capitalised in names ("Board", "General", "Metal").
    """
    import importlib.util

    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = os.path.join(spec.submodule_search_locations[0], "data", "dictionary.txt")
    words = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            _, _, corrections = line.rstrip("\n").partition("->")
            words.update(w.strip().lower() for w in corrections.split(",") if w.strip() and " " not in w.strip())
    return frozenset(words)


def lowercase_use(text: str, word: str) -> bool:
    """True if ``word`` also appears in lower case, as a whole word, in ``text``."""
    lower = word.lower()
    start = text.find(lower)
    while start != -1:
        end = start + len(lower)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalpha() or after.isalpha()):
            return True
        start = text.find(lower, start + 1)
    return False
