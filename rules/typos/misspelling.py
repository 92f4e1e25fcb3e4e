import os
import re

from corpuslint.codespell import codespell_dictionary, codespell_entries
from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.tables import cached_table
from corpuslint.text import quote, starts_sentence
from corpuslint.vocabulary import english_frequencies, match_case
from corpuslint.yamlfile import load_yaml

from .helpers import INVISIBLE, POSSESSIVES, formed_from_words, in_address, one_edit, with_possessives

IGNORE = os.path.join(os.path.dirname(__file__), "misspelling_ignore.yaml")
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z]")
#: What joins a word to its neighbour into a longer one: a checked word is not part
#: of "2nd", "add-ons", "rock'n'roll", or a word split by an invisible character, an
#: HTML entity or a tag ("n&#127;earby", "ne<b>twork"; a possessive 's may follow).
_JOINED_BEFORE = re.compile(rf"[\w'\u2019;>{INVISIBLE}-]")
_JOINED_AFTER = re.compile(rf"[\w&<{INVISIBLE}-]|['\u2019](?!s\b)\w")
#: The same for a rare word (one no list holds), which may also be one part of a hyphenated
#: word ("eneryg-efficient"), but not a part broken off at the end of a line ("accom-").
_PART_BEFORE = re.compile(rf"[\w'\u2019;>{INVISIBLE}]|(?<=-)\s|(?<=-\r)\n")
_PART_AFTER = re.compile(rf"[\w&<{INVISIBLE}]|['\u2019](?!s\b)\w|-\s")
_WORD_CHARACTER = re.compile(r"\w")
_HYPHENATED_END = re.compile(r"[a-z-]*")
#: Frequencies on the Zipf scale (log10 of uses per billion words; see ``english_frequencies``).
#: A word rarer than RARE_ZIPF is not taken for an English word: wordfreq's list, built from
#: billions of words of web text, holds common misspellings too ("reseach" 1.6, "goverment" 2.7).
RARE_ZIPF = 2.0
#: A suggestion must be at least this common ("research" 4.6; "harbour" 4.0).
COMMON_ZIPF = 3.5
#: The other parts of a hyphenated word with a rare part must be at least this common ("eneryg-efficient").
COMPOUND_PART_ZIPF = 3.0
#: Shorter words have too many neighbours one letter away to tell which was meant.
MIN_LENGTH = 5
#: Longer runs of letters are not a misspelt word (English words that wordfreq knows as
#: common stop near 20 letters), and their one-edit neighbours would take memory by the
#: square of their length.
MAX_LENGTH = 30
#: A field in which more of the distinct words than this are rare and written in lower case is
#: not English prose (foreign text, code, tables): its rare words are not checked.
RARE_SHARE = 0.1
#: ... unless it has no more than this many (a short field with a slip or two).
RARE_ALWAYS = 2
#: A field with more rare words than this share is not English prose, whatever their case.
LOWER_CASE_CHECK = 0.4
#: A suggestion this much more frequent (Zipf) than every other one is the fix.
CLEAR_LEAD = 1.0
#: Vowels: a "word" without one is an abbreviation ("shrs", "mlns").
_VOWELS = frozenset("aeiouy")


def contraction_fragment(typo: str, suggestions) -> bool:
    """True for the part of a contraction before its apostrophe ("couldn" from "couldn't")."""
    return any(s.lower().startswith(typo + "'") for s in suggestions)


def _rare(words, zipf, common) -> dict[str, float]:
    """The rare words among ``words`` (of letters only), with their Zipf frequency."""
    rare = {word: zipf(word) for word in words if word not in common and word.isascii() and word.isalpha()}
    return {word: value for word, value in rare.items() if value < RARE_ZIPF}


def _foreign_compound(text: str, start: int, end: int, zipf) -> bool:
    """True if the word at ``text[start:end]`` is part of a hyphenated word another part of which
    is not a common English word either ("boias-frias"): foreign words, not a slip."""
    if text[start - 1:start] != "-" and text[end:end + 1] != "-":
        return False
    left = start
    while left > 0 and (text[left - 1] == "-" or text[left - 1].isalpha()):
        left -= 1
    right = _HYPHENATED_END.match(text, end).end()
    parts = text[left:right].split("-")
    return any(part != text[start:end] and part.isalpha() and zipf(part) < COMPOUND_PART_ZIPF for part in parts)


def _without_possessive(word: str) -> str:
    """The word without its possessive ending: "womrn's" -> "womrn"."""
    return word[:-2] if word[-2:] in POSSESSIVES else word


def whole_words(text: str, word: str, joined_before, joined_after):
    """Each start of ``word`` in ``text`` (found with ``str.find``) where the character
    before it does not match ``joined_before`` and the text after it does not match
    ``joined_after``."""
    start = text.find(word)
    while start != -1:
        joined = (start and joined_before.match(text, start - 1)) or joined_after.match(text, start + len(word))
        if not joined:
            yield start
        start = text.find(word, start + 1)


class Misspelling(DocumentRule):
    """A common misspelling of an English word ("goverment", "recieve", "accomodate").

    Why it matters: misspellings make copy look unedited, break search for the
    word and spread into every model trained on the text.

    Example::

        ...the harbour board published reseach showing that...
        ...its research team said the survey would go on...

    reports ``'reseach' is a misspelling of 'research'`` (by default only
    because the document also spells "research" right). The misspellings
    are codespell's ``dictionary.txt`` (read from the installed codespell
    package), minus contraction fragments ("couldn") and the words listed in
    ``misspelling_ignore.yaml``: names and words that are valid in news
    ("despatch", "instal"). Only words in lower case are checked, and
    capitalised ones at the start of a sentence that do not recur in the
    document or run into another capitalised word (those are names).
    Parts of hyphenated words, of web addresses and of words with digits
    ("2nd") are not checked.

    Beyond the list, a lower-case word of five letters or more that English
    does not use (rarer than once in 10 million words in ``wordfreq``'s
    list, or used that rarely and the document has the word it is one
    letter from) and that is one edit (a letter dropped, added, replaced, or
    two swapped) from a common word is reported with that word as the
    suggestion: ``'analsyts' looks like a misspelling of 'analysts'``. Not
    reported this way: words used twice or more in the document (a term,
    not a slip), regular formations of known words ("costings",
    "demerge", "tieless"), words without a vowel (abbreviations: "shrs"),
    parts of a hyphenated word whose other part is not a common word either
    ("boias-frias"), and the rare words of a field where more than one
    distinct word in ten (and more than two) is a rare word written in lower
    case: foreign text, tables, code (names in capitals do not count). A
    part of a hyphenated word ("eneryg-efficient") and a possessive
    ("womrn's") are checked like a word.

    Options: ``scope``. With ``"slips"`` (the default) a misspelling is
    reported only when the document also spells the word correctly
    somewhere: the writer knows the word, so this is certainly a slip, and
    the correction certainly fits the document. With ``"all"`` every
    misspelling in the list is reported: on professionally edited copy,
    about three times as many findings, nearly all real but many in
    readers' comments and quoted e-mails.

    ``frequency``: set it to false to report only the words of codespell's list.

    Fix: the word is replaced (a safe fix) when codespell gives exactly one
    correction and does not disable the fix. Beyond the list, the word is
    replaced when one common word is one edit away, or one is ten times as
    frequent as any other (for a word in the frequency list, only the
    suggestions the document uses count); the fix is safe only when the
    document itself uses the replacement elsewhere, and unsafe otherwise: a
    word no list knows may be a rare word, a fragment or another misspelling
    ("convenent" may be "covenant", not "convenient").
    """

    code = "T004"
    name = "misspelling"
    severity = "warning"
    fix = "safe"
    options = {"scope": Option("slips", "'slips': only misspellings of a word the document also spells "
                                        "correctly; 'all': every misspelling", choices=("slips", "all")),
               "frequency": Option(True, "also report rare lower-case words one letter from a common word")}

    def setup(self):
        sources = [codespell_dictionary("dictionary.txt"), IGNORE]
        self.typo_words = cached_table("misspellings", sources, self.checked_typos)
        self.english = english_frequencies() if self.opts.frequency else None

    @staticmethod
    def checked_typos() -> frozenset:
        """The checked misspellings and their possessives ("goverment's"): a set,
        since set & set is twice as fast as dict keys & set, and loads in
        milliseconds where the whole dictionary takes a tenth of a second."""
        ignored = set(load_yaml(IGNORE)["words"])
        return frozenset(with_possessives(
            typo for typo, (suggestions, _) in codespell_entries("dictionary.txt").items()
            if typo not in ignored and not contraction_fragment(typo, suggestions)))

    @property
    def entries(self):
        """codespell's ``typo -> (suggestions, fixable)``, read when a document has a hit."""
        return codespell_entries("dictionary.txt")

    def typo_of(self, word: str) -> str:
        """The misspelling a hit stands for: "goverment's" -> "goverment"."""
        stem = word[:-2]
        return stem if word[-2:] in POSSESSIVES and stem in self.typo_words else word

    def check(self, doc):
        for field in doc.prose:
            hits = {self.typo_of(word) for word in field.word_set & self.typo_words}
            if hits and self.opts.scope == "slips":
                hits = {typo for typo in hits if self.spelt_right(doc, typo)}
            for start, end in self.locate(field, hits):
                found = field.text[start:end]
                if self.checked(doc, field.text, start, end):
                    yield self.report(field, start, end, found)
            if self.english is not None:
                yield from self.rare_words(doc, field, hits)

    def spelt_right(self, doc, typo: str) -> bool:
        """True if the document also has one of the typo's (one-word) corrections,
        or its possessive ("government's", "government’s")."""
        forms = with_possessives(s.lower() for s in self.entries[typo][0] if " " not in s)
        return any(not forms.keys().isdisjoint(field.word_set) for field in doc.prose)

    @staticmethod
    def locate(field, hits):
        """``(start, end)`` of each whole-word use of a hit (not part of "2nd" or "add-ons")."""
        return sorted((start, start + len(hit)) for hit in hits
                      for start in whole_words(field.lower, hit, _JOINED_BEFORE, _JOINED_AFTER))

    @staticmethod
    def checked(doc, text: str, start: int, end: int) -> bool:
        """True for a lower-case word, or a capitalised one that is not a name."""
        word = text[start:end]
        if in_address(text, start, end) or text[end:end + 1] == "&":
            return False
        if word.islower():
            return True
        if not (word[0].isupper() and word[1:].islower()) or not starts_sentence(text, start, strict=True):
            return False
        if _NEXT_CAPITALISED.match(text, end):
            return False  # a name: "Brane Corp", "Gard Ellison"
        uses = sum(1 for field in doc.prose
                   for _ in whole_words(field.text, word, _WORD_CHARACTER, _WORD_CHARACTER))
        return uses == 1  # a capitalised word that recurs is a name

    def rare_words(self, doc, field, listed):
        """Findings for the field's rare lower-case words one edit from a common word
        (those not already reported from codespell's list)."""
        zipf, common = self.english.zipf, self.english.common
        rare = _rare(field.word_set, zipf, common)
        if not rare or not self.english_prose(field, rare):
            return
        rare.update(_rare({_without_possessive(word) for word in field.word_set if word[-2:] in POSSESSIVES},
                          zipf, common))
        for word, value in sorted(rare.items()):
            if not MIN_LENGTH <= len(word) <= MAX_LENGTH or word in listed or _VOWELS.isdisjoint(word):
                continue
            places = list(whole_words(field.lower, word, _PART_BEFORE, _PART_AFTER))
            if len(places) != 1 or self.used_elsewhere(doc, field, word):
                continue  # a term the writer uses on purpose, or part of a longer word
            start = places[0]
            end = start + len(word)
            if not field.text[start:end].islower() or in_address(field.text, start, end) \
                    or formed_from_words(word, zipf) or _foreign_compound(field.lower, start, end, zipf):
                continue
            suggestions, used = self.suggestions(doc, word, value > 0)
            if suggestions:
                yield self.suggest(field, start, end, suggestions, used)

    @staticmethod
    def english_prose(field, rare) -> bool:
        """False if too many of the field's distinct words are rare: foreign text, tables, code.
        Counted are the rare words written in lower case (names and abbreviations in capitals
        are part of English prose) that have a vowel ("mln", "dlrs" are wire abbreviations)."""
        considered = sum(1 for word in field.word_set if len(word) >= 3)
        limit = max(RARE_ALWAYS, RARE_SHARE * considered)
        if len(rare) <= limit:
            return True
        if len(rare) > LOWER_CASE_CHECK * considered:
            return False  # mostly rare words: not worth looking for their case
        foreign = sum(1 for word in rare if not _VOWELS.isdisjoint(word)
                      and next(whole_words(field.text, word, _WORD_CHARACTER, _WORD_CHARACTER), None) is not None)
        return foreign <= limit

    def suggestions(self, doc, word: str, seen: bool) -> tuple[list[str], set[str]]:
        """The common words one edit from ``word``, the one to use first (those the document
        uses come first), and the set of those the document uses. The list is empty if
        there is none, or if ``seen`` (the word is in the frequency list, however rarely)
        and the document uses none of them."""
        common = self.english.common
        found = sorted({c for c in one_edit(word) if common.get(c, 0) >= COMMON_ZIPF},
                       key=lambda c: (-common[c], c))
        used = [c for c in found if any(c in f.word_set for f in doc.prose)]
        others = [] if seen else [c for c in found if c not in used]
        return used + others, set(used)

    @staticmethod
    def used_elsewhere(doc, field, word: str) -> bool:
        """True if another prose field of the document also has ``word``."""
        return any(word in other.word_set for other in doc.prose if other is not field)

    def suggest(self, field, start, end, suggestions: list[str], used: set[str]):
        """The finding for a rare word; fixed when one suggestion is clearly meant (the only
        one, or far more frequent than the others), and fixed safely only when the document
        uses that suggestion itself."""
        found = field.text[start:end]
        common = self.english.common
        best = suggestions[0]
        clear = len(suggestions) == 1 or common[best] >= common[suggestions[1]] + CLEAR_LEAD
        if clear:
            return self.finding(field, start, end, f"{quote(found)} looks like a misspelling of {quote(best)}",
                                fix=Fix(start, end, best, safe=best in used))
        shown = " or ".join(quote(s) for s in suggestions[:3])
        return self.finding(field, start, end, f"{quote(found)} looks misspelt: {shown}?")

    def report(self, field, start, end, found):
        suggestions, fixable = self.entries[found.lower()]
        options = [match_case(found, s) for s in suggestions]
        if len(options) == 1:
            message = f"{quote(found)} is a misspelling of {quote(options[0])}"
        else:
            message = f"{quote(found)} looks misspelt: {' or '.join(quote(o) for o in options)}?"
        fix = Fix(start, end, options[0]) if fixable and len(options) == 1 else None
        return self.finding(field, start, end, message, fix=fix)
