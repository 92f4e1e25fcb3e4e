import os
import re
from collections import Counter

from corpuslint.codespell import codespell_dictionary, codespell_entries
from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.tables import cached_table
from corpuslint.text import quote, starts_sentence
from corpuslint.vocabulary import PhraseMatcher, match_case
from corpuslint.yamlfile import load_yaml

from .helpers import with_possessives

DATA = os.path.join(os.path.dirname(__file__), "uk_us_spelling.yaml")
_INFLECTION = re.compile(r"(?:ing|ed|es|s|e)$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
VARIETY_NAMES = {"uk": "British", "us": "American"}


def family(uk_form: str) -> str:
    """The family of a British form, shared by its inflections: centre, centres, centred -> centr."""
    return _INFLECTION.sub("", uk_form)


class UkUsSpellingMix(DocumentRule):
    """British and American spellings of one word in one document ("defence" and "defense").

    Why it matters: an article keeps to one spelling. A mix shows text pasted
    from another source or edited by two hands, splits search and counts
    between two forms, and looks careless to readers.

    Example::

        ...the defense minister visited the Millbrook shipyard on Monday...
        ...Defence Minister Ana Roe said the new frigates would be built there...

    reports ``'Defence'`` with ``'Defense'`` as the suggestion. Inflections
    count together (centre, centres, centred). The form used less in the
    document is reported, every time it is used, with its counterpart in the
    spelling used more (on a tie, the spelling that came second is reported).

    The pairs are codespell's ``dictionary_en-GB_to_en-US.txt`` (read from the
    installed package), minus words that differ in meaning in British English
    (licence/license, practise/practice, programme/program, storey/story,
    metre/meter, judgement/judgment, ...), plus news words it lacks (offence,
    travelled, rumour, ...): see ``uk_us_spelling.yaml``. A form written with a
    capital inside a sentence is part of a name with its own spelling ("World
    Trade Center", "Alcan Aluminium", "Labour") and is not counted, unless a
    title follows ("Defence Minister").

    Fix (unsafe): the reported form is replaced by its counterpart, keeping
    capitals; check quotations and names before applying it.
    """

    code = "T006"
    name = "uk-us-spelling-mix"
    severity = "warning"
    fix = "unsafe"

    def setup(self):
        sources = [codespell_dictionary("dictionary_en-GB_to_en-US.txt"), DATA]
        self.forms, self.words, self.title_words, self.matcher = cached_table("uk-us-spellings", sources, self.tables)
        self.listed = frozenset(self.words)  # set & set: twice as fast as dict keys & set

    @staticmethod
    def tables():
        """Each listed spelling -> (family, variety, counterpart), the same keyed by
        each form of the word, the title words, and the matcher of the spellings."""
        data = load_yaml(DATA)
        # British -> American: the entries with one suggestion (no comma)
        pairs = {uk: suggestions[0].lower() for uk, (suggestions, fixable)
                 in codespell_entries("dictionary_en-GB_to_en-US.txt").items() if fixable}
        pairs.update(data["extra"])
        excluded = set(data["exclude"])
        forms = {}
        for uk, us in pairs.items():
            if uk in excluded:
                continue
            key = family(uk)
            forms[uk] = (key, "uk", us)
            forms[us] = (key, "us", uk)
        return forms, with_possessives(forms), frozenset(data["title_words"]), \
            PhraseMatcher(forms, ignorecase=True)

    def check(self, doc):
        if not self.may_mix(doc):
            return
        uses = list(self.uses(doc))
        by_family = {}
        for use in uses:
            by_family.setdefault(use[3], []).append(use)
        for family_uses in by_family.values():
            counts = Counter(use[4] for use in family_uses)
            if len(counts) < 2:
                continue
            minority = self.minority(family_uses, counts)
            majority = "us" if minority == "uk" else "uk"
            shown = next(use[2] for use in family_uses if use[4] == majority)
            shown = shown if shown.isupper() else shown.lower()
            tally = (f"{VARIETY_NAMES['uk']} {counts['uk']}\u00d7, "
                     f"{VARIETY_NAMES['us']} {counts['us']}\u00d7")
            for field, start, found, _, variety, counterpart in family_uses:
                if variety != minority:
                    continue
                suggestion = match_case(found, counterpart)
                end = start + len(found)
                yield self.finding(
                    field, start, end,
                    f"{quote(found)} is the {VARIETY_NAMES[variety]} spelling, but this document "
                    f"also writes {VARIETY_NAMES[majority]} {quote(shown)} ({tally}); "
                    f"write {quote(suggestion)} to keep one spelling",
                    fix=Fix(start, end, suggestion, safe=False))

    def may_mix(self, doc) -> bool:
        """True if some family has both spellings among the document's words (cheap pre-check)."""
        seen = set()
        for field in doc.prose:
            for word in field.word_set & self.listed:
                key, variety, _ = self.forms[self.words[word]]
                seen.add((key, variety))
        return any((key, "us") in seen for key, variety in seen if variety == "uk")

    def uses(self, doc):
        """``(field, start, text, family, variety, counterpart)`` for each counted form."""
        for field in doc.prose:
            text = field.text
            for start, end, (key, variety, counterpart) in self.matcher.finditer(field):
                found = text[start:end]
                if not self.in_name(text, start, end):
                    yield field, start, found, key, variety, counterpart

    def in_name(self, text: str, start: int, end: int) -> bool:
        """True for a capitalised form inside a sentence that is not followed by a title."""
        word = text[start:end]
        if not word[0].isupper() or word.isupper() or starts_sentence(text, start):
            return False
        following = _NEXT_WORD.match(text, end)
        return not (following and following.group(1) in self.title_words)

    @staticmethod
    def minority(uses, counts) -> str:
        """The spelling used less; on a tie, the one that appears second."""
        if counts["uk"] != counts["us"]:
            return "uk" if counts["uk"] < counts["us"] else "us"
        return "us" if uses[0][4] == "uk" else "uk"
