import functools
import itertools
import os
from dataclasses import dataclass
from dataclasses import field as _field

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.text import quote
from corpuslint.yamlfile import load_yaml

from .helpers import (
    after_single_letter,
    alias_words,
    capitalised_words,
    distinct_capitalised,
    english_words,
    fold_accents,
    inflection,
    known_words,
    lowercase_use,
    typing_slip,
)

DATA = "distinct_names.yaml"
#: Spellings that share one deletion variant (``"kellan"`` of Kellana, Kellanb, ...) above
#: which none of them is paired through it: the pairs would grow with the square of their number.
MAX_SHARING = 16
#: Uses of the dominant spelling from which one use of an unknown spelling one edit away is a slip.
MIN_DOMINANT = 2
#: What may stand between two parts of one name.
_ONE_SPACE = frozenset({" ", "\n", "\r\n", "\u00a0"})


@dataclass
class Spelling:
    """One spelling of a name in a document: its mid-sentence uses and neighbours."""

    key: str
    order: int
    words: list = _field(default_factory=list)
    #: True if a use follows a first name or a title ("Phil Vickery", "Ms Ensler").
    introduced: bool = False
    #: Capitalised words right before / after it: ``(text, starts a sentence)``.
    before: set = _field(default_factory=set)
    after: set = _field(default_factory=set)


class NameSpellingVariant(DocumentRule):
    """A name spelt two ways in one document ("Roddick" and "Rodick", "Kellander" and "Kelander").

    Why it matters: a misspelt name splits one person, place or company into
    two for search, entity extraction and the reader, and is the kind of
    slip an archive is expected to correct.

    Example::

        Andy Roddick won in straight sets. Fans cheered Roddick, and
        Rodick said he was pleased.

    reports ``'Rodick' looks like a misspelling of 'Roddick' (Roddick 2×,
    Rodick 1×); use one spelling`` at "Rodick": the spelling the document
    uses less, with the one it uses more as the suggestion. On a tie (one
    use each), a spelling that is no word or name of general English
    (wordfreq) and starts with the same letter is the variant when it shares
    a first name with the other ("Avril Lavigne", "Avril Lavignne"), or when
    it never follows a first name and the other follows a first name or a
    title ("Phil Vickery" ... "Vickkery sidelined"). Any other tie is not
    reported: nothing in the document says which spelling is right.

    Capitalised words of ``min-length`` letters or more count as names, but
    not all-caps acronyms, nor a word starting a sentence unless it is no
    English word and the document never writes it in lower case ("Rodick
    said" counts; "There" and "Shares" do not). Two spellings are compared when they are at most
    ``max-distance`` edits apart (optimal string alignment: a letter added,
    dropped, changed, or two letters swapped) or differ only in accents
    ("Erdoğan", "Erdogan"). Candidate pairs come from a deletion
    neighbourhood index, so the cost grows with the number of names, not its
    square; spellings that more than 16 others are as close to (a list of
    codes or of names that all differ in one letter) are not compared: such a
    crowd says nothing about one misspelt name.

    Real, distinct names must not be merged ("Tamar" and "Tamarri" are two
    edits apart and stay two names), so a pair is left alone when:

    - one is the other with an inflection or demonym ending (Afghan/Afghans,
      Iraq/Iraqi, Korea/Korean, Congressman/Congressmen: ``suffixes`` and
      ``swaps`` in ``distinct_names.yaml``);
    - it is a known pair of distinct names (Iran/Iraq, Brown/Browne,
      David/Davis: ``distinct`` there, or the ``distinct`` option);
    - the document also writes either word in lower case ("Summit"/"Sumit"
      with "summit"), or the less used one is an English word (codespell's
      list of correct spellings: "Metal" next to the union "Metall");
    - the two stand side by side ("David Davis");
    - their neighbours say they are two people: different first names
      ("Gordon Brown", "Des Browne"), or one always a first name and the
      other always a surname ("Karin Holm", "Per Karlin"). Titles
      ("Mr", "President") say nothing either way;
    - entity-alias-mix (E001) knows them ("Taliban"/"Taleban").

    What remains is reported only with evidence of a slip: a shared first
    name or following name ("Tony Blair"/"Tony Blaire"), accents only, two
    swapped letters ("Wendrof"), a doubled or undoubled letter ("Rodick"),
    a letter changed, added or dropped inside a name of ``long-name``
    letters or more ("Marlobridge"), or a spelling used once next to one
    used twice or more that is no word or name of general English (wordfreq:
    "Sediqqi" once, "Sediqi" three times; not "Braun" beside "Brown").

    A word after a lone capital letter ("Brien" in "O Brien", an "O'Brien"
    that lost its apostrophe) is part of a name, not a name of its own.

    Options: ``max-distance`` (1 or 2), ``min-length``, ``long-name``, and
    ``distinct`` (more pairs of distinct names, as two-item lists).

    Fix (unsafe): the minority spelling is replaced by the dominant one.
    """

    code = "E003"
    name = "name-spelling-variant"
    severity = "warning"
    fix = "unsafe"
    requires = ("E001",)
    options = {
        "max-distance": Option(1, "largest edit distance between two spellings of one name",
                               minimum=1, maximum=2),
        "min-length": Option(5, "shortest name compared, in letters", minimum=3),
        "long-name": Option(8, "length from which one changed letter inside a name counts as a slip",
                            minimum=5),
        "distinct": Option([], "more pairs of distinct names, e.g. [[Mario, Maria]]", item=list),
    }

    def setup(self):
        from rapidfuzz.distance import OSA  # 12 ms to import: paid only by a run with E003

        self.distance = OSA.distance
        data = load_yaml(os.path.join(os.path.dirname(__file__), DATA))
        self.suffixes = set(data["suffixes"])
        self.swaps = [tuple(pair) for pair in data["swaps"]]
        self.words = english_words()
        self.titles = set(data["titles"])
        self.distinct = {frozenset(fold_accents(name.lower()) for name in pair)
                         for pair in list(data["distinct"]) + list(self.opts.distinct)}
        self.alias_words = alias_words(self.peer("E001"))

    def check(self, doc):
        fields = doc.prose
        if not self.may_misspell(doc, fields):
            return
        spellings = self.collect(doc)
        reported = set()
        for a, b in self.candidate_pairs(spellings):
            pair = self.misspelling(spellings[a], spellings[b], fields)
            if pair is None or pair[1].key in reported:
                continue
            dominant, minority = pair
            reported.add(minority.key)
            shown = dominant.words[0].text
            counts = f"{shown} {len(dominant.words)}\u00d7, {minority.words[0].text} {len(minority.words)}\u00d7"
            for word in minority.words:
                yield self.finding(
                    word.field, word.start, word.end,
                    f"{quote(word.text)} looks like a misspelling of {quote(shown)} ({counts}); "
                    "use one spelling", fix=Fix(word.start, word.end, shown, safe=False))

    # -- names in the document ------------------------------------------------------

    def may_misspell(self, doc, fields) -> bool:
        """False if no two names can be one name misspelt: no pair of the document's
        distinct capitalised words (sentence starts included) passes the tests on the
        two spellings alone (a cheap test, before the analysis of every word)."""
        min_length = self.opts.min_length
        keys = {word.lower() for word in distinct_capitalised(doc)
                if len(word) >= min_length and not word.isupper()} - self.alias_words
        return any(self.may_be_misspelling(a, b, fields) for a, b in self.candidate_pairs(keys))

    def collect(self, doc) -> dict:
        """Lower-cased name -> its :class:`Spelling`, for mid-sentence capitalised words."""
        words = list(capitalised_words(doc))
        spellings = {}
        for i, word in enumerate(words):
            key = word.text.lower()
            if word.text.isupper() or len(key) < self.opts.min_length or key in self.alias_words \
                    or after_single_letter(word.field.text, word.start) \
                    or (word.at_start and not self.name_at_start(key, doc.prose)):
                continue
            after_capital = i and _adjacent(words[i - 1], word)
            spelling = spellings.get(key)
            if spelling is None:
                spelling = spellings[key] = Spelling(key, len(spellings))
            spelling.words.append(word)
            if after_capital and not spelling.introduced:
                spelling.introduced = self.introduces(words[i - 1], doc.prose)
            if after_capital and words[i - 1].text not in self.titles:
                spelling.before.add((words[i - 1].text, words[i - 1].at_start))
            if i + 1 < len(words) and _adjacent(word, words[i + 1]) and words[i + 1].text not in self.titles:
                spelling.after.add((words[i + 1].text, words[i + 1].at_start))
        return spellings

    def candidate_pairs(self, keys) -> list:
        """Pairs of ``keys`` (in their order) that may be within ``max-distance``: they
        share a deletion variant (that at most ``MAX_SHARING`` keys have)."""
        keys = list(keys)
        variants = list(map(_neighbourhood, keys, itertools.repeat(self.opts.max_distance)))
        if len(frozenset().union(*variants)) == sum(map(len, variants)):
            return []  # no variant shared: the usual case
        sharing = {}  # variant -> the indices of the keys that have it, in order
        for i, neighbourhood in enumerate(variants):
            for variant in neighbourhood:
                sharing.setdefault(variant, []).append(i)
        pairs = set()
        for indices in sharing.values():
            if 1 < len(indices) <= MAX_SHARING:
                pairs.update(itertools.combinations(indices, 2))
        return [(keys[i], keys[j]) for i, j in sorted(pairs)]

    def name_at_start(self, key: str, fields) -> bool:
        """True if a capitalised word starting a sentence is a name all the same: no
        English word (codespell's list) and never written in lower case in the document
        ("Sheearer said ...", not "There" or "Shares")."""
        return key not in self.words and not any(lowercase_use(field, key) for field in fields)

    def introduces(self, previous, fields) -> bool:
        """True if ``previous``, the capitalised word right before a name, is a title or a
        first name (not an ordinary word starting a sentence: "With Vickery ...")."""
        return previous.text in self.titles or bool(self.names({(previous.text, previous.at_start)}, fields))

    # -- one pair -------------------------------------------------------------------

    def misspelling(self, a: Spelling, b: Spelling, fields):
        """``(dominant, minority)`` if ``a`` and ``b`` look like one name misspelt, else None."""
        if not self.may_be_misspelling(a.key, b.key, fields):
            return None
        shared = self.shared_neighbour(a, b, fields)
        if shared is None:
            return None
        if len(a.words) == len(b.words):
            return self.tie_variant(a, b, shared, fields)
        dominant, minority = (a, b) if len(a.words) > len(b.words) else (b, a)
        if minority.key in self.words:
            return None  # "Metal" next to the union "Metall": a word, not a slip
        fa, fb = fold_accents(a.key), fold_accents(b.key)
        if not (fa == fb or shared or typing_slip(fa, fb, self.opts.long_name)
                or self.outnumbered_unknown(dominant, minority)):
            return None
        return dominant, minority

    def tie_variant(self, a: Spelling, b: Spelling, shared: bool, fields):
        """On a tie, ``(reference, variant)`` when the document says which spelling is
        right, else None. The variant starts with the same letter, is no word or name
        of general English (wordfreq), and either shares a first name with the
        reference ("Avril Lavigne", "Avril Lavignne") or never follows one while the
        reference does, or follows a title ("Phil Vickery" ... "Vickkery"). The
        spelling met first is tried first as the reference."""
        if a.key[0] != b.key[0]:
            return None
        for reference, variant in sorted(((a, b), (b, a)), key=lambda pair: pair[0].order):
            if variant.key in self.words or fold_accents(variant.key) in known_words():
                continue
            if shared or (reference.introduced and not self.names(variant.before, fields)):
                return reference, variant
        return None

    def outnumbered_unknown(self, dominant: Spelling, minority: Spelling) -> bool:
        """True if the minority spelling is used once, the dominant one ``MIN_DOMINANT``
        times or more, and the minority is no word or name of general English (wordfreq:
        "Sediqqi" next to "Sediqi" 3×, not "Braun" next to "Brown")."""
        return len(minority.words) == 1 and len(dominant.words) >= MIN_DOMINANT \
            and fold_accents(minority.key) not in known_words()

    def may_be_misspelling(self, a: str, b: str, fields) -> bool:
        """What the two lower-cased spellings alone say: they differ in accents only, or
        may be one name (:meth:`may_be_one_name`), and neither is an ordinary word."""
        fa, fb = fold_accents(a), fold_accents(b)
        if fa != fb and not self.may_be_one_name(fa, fb):
            return False
        return not any(lowercase_use(field, key) for field in fields for key in (a, b))

    def may_be_one_name(self, a: str, b: str) -> bool:
        """Close enough, and neither an inflection nor a known pair of distinct names."""
        return self.distance(a, b) <= self.opts.max_distance and not self.inflection(a, b) \
            and frozenset((a, b)) not in self.distinct

    def shared_neighbour(self, a: Spelling, b: Spelling, fields):
        """True if both follow the same first name or precede the same name,
        False if the neighbours say nothing, None if they say two names."""
        before_a, after_a = self.names(a.before, fields), self.names(a.after, fields)
        before_b, after_b = self.names(b.before, fields), self.names(b.after, fields)
        if a.key in {n.lower() for n in before_b | after_b} or b.key in {n.lower() for n in before_a | after_a}:
            return None  # "David Davis": two parts of one name
        if (before_a and before_b and not before_a & before_b) or (after_a and after_b and not after_a & after_b):
            return None  # different first names or following names: two people
        if (_only(after_a, before_a) and _only(before_b, after_b)) or \
                (_only(after_b, before_b) and _only(before_a, after_a)):
            return None  # one is a first name, the other a surname
        return bool(before_a & before_b or after_a & after_b)

    def inflection(self, a: str, b: str) -> bool:
        """Afghan/Afghans, Iraq/Iraqi, Congressman/Congressmen: endings, not slips."""
        return inflection(a, b, self.suffixes, self.swaps)

    def names(self, neighbours: set, fields) -> set:
        """The neighbours that are names: not an ordinary word starting a sentence ("But")."""
        return {text for text, at_start in neighbours
                if not (at_start and any(lowercase_use(field, text) for field in fields))}


def _adjacent(first, second) -> bool:
    """True if ``second`` follows ``first`` across one space (or line break)."""
    return first.field is second.field and first.field.text[first.end:second.start] in _ONE_SPACE


def _only(present: set, absent: set) -> bool:
    return bool(present) and not absent


@functools.lru_cache(maxsize=16384)
def _neighbourhood(key: str, depth: int) -> frozenset:
    """The deletion variants of ``key`` without accents (kept for the names that recur
    from one document to the next)."""
    return frozenset(_deletions(fold_accents(key), depth))


def _deletions(word: str, depth: int) -> set:
    """``word`` and every string made from it by deleting up to ``depth`` letters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
