import os
from typing import NamedTuple

from corpuslint.rule import CorpusRule, Option, stable_key
from corpuslint.text import quote
from corpuslint.yamlfile import load_yaml

from .helpers import (
    after_single_letter,
    alias_words,
    capitalised_words,
    english_words,
    fold_accents,
    inflection,
    known_words,
    typing_slip,
)

DATA = "distinct_names.yaml"
#: Length from which one changed letter inside a name is a slip without other evidence.
LONG_NAME = 8
#: Neighbouring names kept per name and document.
MAX_NEIGHBOURS = 2
_VOWELS = frozenset("aeiouy")


class NameRecord(NamedTuple):
    """One name in one document."""

    text: str
    uses: int
    #: Capitalised words right before / after it (first names, following names).
    before: tuple
    after: tuple
    location: object


class CorpusNameVariant(CorpusRule):
    """A name one letter away from a name the corpus uses far more often ("Sediqqi" once, "Sediqi" in 40 documents).

    Why it matters: a misspelt name splits one person, place or company in
    two for search and entity extraction. Within one document
    name-spelling-variant (E003) compares the spellings; a name written once
    in a document, or as often as its variant, needs the corpus to say which
    spelling is right.

    Example: 41 documents write "Sediqi", one writes "Sediqqi"; that one is
    reported: ``'Sediqqi' looks like a misspelling of 'Sediqi' (the corpus
    writes 'Sediqi' in 41 documents, 'Sediqqi' in 1)``.

    Names are mid-sentence capitalised words of ``min-length`` letters or
    more (not all capitals, not the second part of a name after a lone
    letter: "Brien" in "O Brien"). Two names are compared when they start
    with the same letter and are one edit apart (a letter added, dropped,
    changed, or two letters swapped). The rare one is reported when the
    frequent one is in ``min-documents`` documents or more and in at least
    ``ratio`` times as many documents as the rare one. Left alone:

    - both frequent, or the rare one a word or a name of general English
      (wordfreq: "Braun" next to "Brown", "Anastasia" next to "Anastacia"),
      or an English word;
    - an inflection or demonym (Iraq/Iraqi), a known pair of distinct names
      (``distinct_names.yaml`` of E003), or endings that differ in one vowel
      (Hansen/Hanson, Jordan/Jordon: name families, not slips);
    - different first names or following names ("Des Browne", "Gordon
      Brown": two people);
    - a document that uses both spellings and the frequent one more often:
      E003 reports that one.

    What remains is reported with evidence of a slip: two swapped letters
    ("Nicoals"), a letter added or dropped inside the name ("Campell",
    "Landsdowne"), a letter changed inside a name of 8 letters or more, or a
    first name or following name that the frequent spelling has too ("Gordon
    Brawn", "Gordon Brown"). One changed letter in a short name with nothing
    shared ("Myrio", "Mario") may well be another name.

    Cost per document: four integer keys per distinct name, sharing one
    record (the name, its count, two neighbours each side, its first
    location: about 100 bytes).

    Fix: correct the spelling if it is a slip; add the pair to E003's
    ``distinct`` option otherwise.
    """

    code = "E005"
    name = "corpus-name-variant"
    severity = "warning"
    requires = ("E001",)
    options = {
        "min-length": Option(5, "shortest name compared, in letters", minimum=4),
        "min-documents": Option(5, "documents that must use the frequent spelling", minimum=2),
        "ratio": Option(10, "how many times as many documents the frequent spelling needs", minimum=2),
    }

    def setup(self):
        from rapidfuzz.distance import OSA  # 12 ms to import: paid only by a run with E005

        self.distance = OSA.distance
        data = load_yaml(os.path.join(os.path.dirname(__file__), DATA))
        self.suffixes = set(data["suffixes"])
        self.swaps = [tuple(pair) for pair in data["swaps"]]
        self.titles = set(data["titles"])
        self.distinct = {frozenset(fold_accents(name.lower()) for name in pair) for pair in data["distinct"]}
        self.alias_words = alias_words(self.peer("E001"))

    # -- map ----------------------------------------------------------------------

    def collect(self, doc):
        words = capitalised_words(doc)
        names: dict[str, list] = {}
        for i, word in enumerate(words):
            text = word.text
            key = fold_accents(text.lower())
            if word.at_start or text.isupper() or len(key) < self.opts.min_length or not key.isalpha() \
                    or key in self.alias_words or after_single_letter(word.field.text, word.start):
                continue
            entry = names.get(key)
            if entry is None:
                entry = names[key] = [text, 0, [], [], word.field.location(word.start, word.end)]
            entry[1] += 1
            self.neighbour(entry[2], words, i - 1, i)
            self.neighbour(entry[3], words, i + 1, i)
        for key, (text, uses, before, after, location) in names.items():
            record = NameRecord(text, uses, tuple(before), tuple(after), location)
            for block in _blocks(key, self.opts.min_length):
                yield stable_key(block), record

    def neighbour(self, found: list, words: list, j: int, i: int) -> None:
        """Add ``words[j]`` to ``found`` if it is a name right next to ``words[i]``."""
        if len(found) >= MAX_NEIGHBOURS or not 0 <= j < len(words):
            return
        first, second = (words[j], words[i]) if j < i else (words[i], words[j])
        other = words[j]
        if first.field is second.field and first.field.text[first.end:second.start] == " " \
                and not other.at_start and other.text not in self.titles and other.text not in found:
            found.append(other.text)

    # -- reduce -------------------------------------------------------------------

    def finish(self, key, records, corpus):
        by_name: dict[str, list] = {}
        for record in records:
            by_name.setdefault(fold_accents(record.text.lower()), []).append(record)
        if len(by_name) < 2:
            return
        frequent = [name for name, found in by_name.items() if len(found) >= self.opts.min_documents]
        for rare, rare_records in by_name.items():
            for common in frequent:
                if len(by_name[common]) >= self.opts.ratio * len(rare_records) and rare[0] == common[0] \
                        and self.distance(rare, common) == 1 and self.first_block(rare, common) == key \
                        and self.variant(rare, common):
                    yield from self.report(rare, common, rare_records, by_name[common])

    def first_block(self, a: str, b: str):
        """The key under which the pair is judged (they may share several)."""
        shared = set(_blocks(a, self.opts.min_length)) & set(_blocks(b, self.opts.min_length))
        return min((stable_key(block) for block in shared), default=None)

    def variant(self, rare: str, common: str) -> bool:
        """True if ``rare``, one edit from ``common``, may be it misspelt (by the spellings alone)."""
        if inflection(rare, common, self.suffixes, self.swaps) or frozenset((rare, common)) in self.distinct \
                or _ending_vowel(rare, common):
            return False
        return rare not in english_words() and rare not in known_words()

    def report(self, rare: str, common: str, rare_records: list, common_records: list):
        before = {name for record in common_records for name in record.before}
        after = {name for record in common_records for name in record.after}
        common_in = {record.location.path + "\0" + record.location.document: record.uses
                     for record in common_records}
        shown = _most_used(common_records)
        slip = typing_slip(rare, common, LONG_NAME) or (len(rare) != len(common) and _edit_at(rare, common) > 0)
        for record in rare_records:
            if (record.before and before and not before & set(record.before)) or \
                    (record.after and after and not after & set(record.after)):
                continue  # other first names or following names: another person
            if not (slip or before & set(record.before) or after & set(record.after)):
                continue  # a letter changed in a short name, with nothing shared: maybe another name
            if common_in.get(record.location.path + "\0" + record.location.document, 0) > record.uses:
                continue  # the document uses the frequent spelling more: E003's business
            yield self.finding_at(
                record.location,
                f"{quote(record.text)} looks like a misspelling of {quote(shown)} (the corpus writes "
                f"{quote(shown)} in {len(common_records):,} documents, {quote(record.text)} in "
                f"{len(rare_records):,})")


def _blocks(key: str, min_length: int):
    """Blocking keys of a lower-case name: any two names one edit apart share one.

    For the shorter length ``m`` of a pair, the edit is either after the first
    ``m // 2`` letters (they share that prefix) or before the last ``m - m // 2 - 1``
    (they share that suffix, and their first letter). A name gives the keys for
    ``m`` its length and its length less one."""
    for m in (len(key), len(key) - 1):
        if m < min_length:
            continue
        yield f"E005 {m} {key[:m // 2]}"
        yield f"E005 {m} {key[0]}-{key[m // 2 + 1 - m:]}"


def _edit_at(a: str, b: str) -> int:
    """Where ``a`` and ``b`` first differ; -1 if that is the last letter of the longer one."""
    short, long = sorted((a, b), key=len)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return -1 if i == len(long) - 1 else i


def _ending_vowel(a: str, b: str) -> bool:
    """Hansen/Hanson, Jordan/Jordon: one vowel changed before the last letter, a consonant."""
    return len(a) == len(b) and a[:-2] == b[:-2] and a[-1] == b[-1] and a[-1] not in _VOWELS \
        and a[-2] in _VOWELS and b[-2] in _VOWELS


def _most_used(records: list) -> str:
    counts: dict[str, int] = {}
    for record in records:
        counts[record.text] = counts.get(record.text, 0) + record.uses
    return max(counts, key=counts.get)
