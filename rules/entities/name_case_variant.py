from collections import Counter

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.text import quote

from .helpers import alias_words, capitalised_words, distinct_capitalised, is_title_case, lowercase_use


class NameCaseVariant(DocumentRule):
    """A name written with different capitals in one document ("WorldCom" and "Worldcom", "eBay" and "Ebay").

    Why it matters: a name that changes case is a copy-editing slip or the
    seam between two sources pasted together; search, deduplication and
    entity extraction see two names.

    Example::

        Shares in McDonald's rose, and analysts said Mcdonald's had a good year.

    reports ``'Mcdonald' and 'McDonald' differ only in capitals in this
    document (McDonald 1×, Mcdonald 1×); write 'McDonald' throughout`` at
    "Mcdonald": the form the document uses less, with the form it uses most
    as the suggestion (on a tie, the form that is not a shift-key slip like
    "APril", then an acronym's plural with a small s, "RPGs", then the one
    with more capitals, then the first one).

    Automatic, with no list. A word counts when it has a capital letter and
    at least ``min-length`` letters. Not counted: a Title-case word at a
    sentence start or in a Title Case headline ("Who" may be "who", not the
    WHO), an all-caps word at a sentence start (a lead-in: "WENDORF start
    the season at home..."), capitals in an ALL-CAPS run or an all-caps line
    (shouted headlines, Reuters titles), and a capital at a sentence start
    that only changes the first letter ("EBay" starting a sentence in an
    "eBay" document). A word the document also writes in lower case is an ordinary
    word, not a name ("Us" and "US" when "us" appears), and is left alone;
    names that entity-alias-mix (E001) knows ("NATO", "Nato") are its
    business.

    Options: ``min-length``, the shortest word compared (default 3);
    ``ignore``, words never counted (case-sensitive).

    Fix (unsafe): the minority form is replaced by the dominant one.
    """

    code = "E002"
    name = "name-case-variant"
    severity = "warning"
    fix = "unsafe"
    requires = ("E001",)
    options = {
        "min-length": Option(3, "shortest word compared, in letters", minimum=2),
        "ignore": Option(["FREE", "REAL", "NEW", "LIVE", "WATCH", "BREAKING", "EXCLUSIVE", "UPDATE", "VIDEO"],
                         "words never counted (capitals for emphasis, not a name)", item=str),
    }

    def setup(self):
        self.alias_words = alias_words(self.peer("E001"))
        self.ignored = set(self.opts.ignore)

    def check(self, doc):
        if not self.may_vary(doc):
            return
        uses = self.collect(doc)
        for key, words in uses.items():
            counts = Counter(w.text for w in words)
            if len(counts) < 2 or any(lowercase_use(field, key) for field in doc.prose):
                continue
            order = {}
            for i, w in enumerate(words):
                order.setdefault(w.text, i)
            dominant = max(counts, key=lambda form: (counts[form], _tie_preference(form), -order[form]))
            summary = ", ".join(f"{form} {n}\u00d7" for form, n in counts.most_common())
            for w in words:
                if w.text != dominant:
                    yield self.finding(
                        w.field, w.start, w.end,
                        f"{quote(w.text)} and {quote(dominant)} differ only in capitals in this document "
                        f"({summary}); write {quote(dominant)} throughout",
                        fix=Fix(w.start, w.end, dominant, safe=False))

    def may_vary(self, doc) -> bool:
        """False if no name can vary: no two counted forms of the document's capitalised
        words share a lower-case key that the text never writes in lower case (a cheap
        test on the distinct words, before the analysis of every word)."""
        words = distinct_capitalised(doc)
        if len({word.lower() for word in words}) == len(words):
            return False  # no two words differ in case only: the usual case
        forms: dict[str, set] = {}
        for word in words:
            key = word.lower()
            if len(word) >= self.opts.min_length and key not in self.alias_words and word not in self.ignored:
                forms.setdefault(key, set()).add(word)
        return any(len(variants) > 1 and not any(lowercase_use(field, key) for field in doc.prose)
                   for key, variants in forms.items())

    def collect(self, doc) -> dict:
        """Lower-cased name -> its counted uses, in document order."""
        uses: dict[str, list] = {}
        at_start = []
        for word in capitalised_words(doc):
            if len(word.text) < self.opts.min_length or word.text.lower() in self.alias_words \
                    or word.text in self.ignored or _label(word):
                continue
            if word.at_start:
                if not is_title_case(word.text) and not word.text.isupper():
                    at_start.append(word)
                continue
            uses.setdefault(word.text.lower(), []).append(word)
        for word in at_start:
            words = uses.get(word.text.lower())
            lowered = word.text[0].lower() + word.text[1:]
            if words and not any(w.text == lowered for w in words):
                words.append(word)
        position = {id(field): i for i, field in enumerate(doc.prose)}
        for words in uses.values():
            words.sort(key=lambda w: (position[id(w.field)], w.start))
        return uses


def _label(word) -> bool:
    """An all-caps word ending a dateline or naming a list ("CORVEL, ARDANIA -", "WENDORF:")."""
    if not word.text.isupper():
        return False
    rest = word.field.text[word.end:word.end + 3]
    return rest.startswith(":") or rest[:2] in (" -", " \u2013", " \u2014")


def _tie_preference(word: str) -> tuple:
    """On a tie: not a shift-key slip ("APril", "INc"), then an acronym's plural
    with a small s ("RPGs", not "RPGS"), then more capitals (a dropped capital,
    "Worldcom", is the usual slip)."""
    slip = len(word) >= 3 and word[:2].isupper() and word[2:].islower() and word[2:] != "s"
    acronym_plural = len(word) >= 3 and word[:-1].isupper() and word[-1] == "s"
    return not slip, acronym_plural, sum(c.isupper() for c in word)
