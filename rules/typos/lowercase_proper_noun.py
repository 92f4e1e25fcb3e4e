import os
import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote
from corpuslint.vocabulary import PhraseMatcher
from corpuslint.yamlfile import load_yaml

from .helpers import in_address, with_possessives

DATA = os.path.join(os.path.dirname(__file__), "lowercase_proper_noun.yaml")

#: Everything but capitals, and everything but letters: what is left once they are removed is counted.
_NOT_UPPER = re.compile(r"[^A-Z]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_LOWER_START = re.compile(r"(?:\A|[.!?]\s+)[a-z]")
_UPPER_START = re.compile(r"(?:\A|[.!?]\s+)[A-Z]")
#: Below this share of capital letters a text is case-folded as a whole
#: (edited English prose has about 3-5 %).
MIN_CAPITALS = 0.02


def case_folded(text: str) -> bool:
    """True for text written (mostly) in lower case, where every name is lower case.

    That is one problem of the whole text, not one per word.
    """
    letters = len(_NOT_LETTER.sub("", text))
    if letters and len(_NOT_UPPER.sub("", text)) < MIN_CAPITALS * letters:
        return True
    return 2 * len(_LOWER_START.findall(text)) > len(_UPPER_START.findall(text))


class LowercaseProperNoun(DocumentRule):
    """A proper noun or adjective written in lower case ("soviet", "european", "friday").

    Why it matters: names of peoples, places, languages, religions, days and
    months are capitalised in English. A lower-case one is a typing slip or a
    sign of case-folded scraping, and it hides the name from case-sensitive
    search and entity tools.

    Example::

        The old soviet ferry was sold to a Kellan scrapyard in 1994.

    reports ``'soviet' is a proper noun or adjective: write 'Soviet'``. The
    list is ``lowercase_proper_noun.yaml`` next to this module; it leaves out
    words with a common lower-case meaning (may, march, august, china,
    turkey, polish, afghan, danish, ...) and accepts fixed phrases such as
    "french fries" and "swiss roll". A text written mostly in lower case
    (where every name is lower case: one problem of the whole text, not one
    per word), and words inside web addresses, hashtags and file names, are
    not reported.

    Fix (unsafe, ``--unsafe-fixes``): the word is capitalised; a lower-case
    word can be meant ("a soviet" is also a council).
    """

    code = "T005"
    name = "lowercase-proper-noun"
    severity = "warning"
    fix = "unsafe"

    def setup(self):
        data = load_yaml(DATA)
        self.words = with_possessives(data["words"])
        self.listed = frozenset(self.words)  # set & set: twice as fast as dict keys & set
        phrases = {word: word[:1].upper() + word[1:] for word in data["words"]}
        phrases.update(dict.fromkeys(data["lowercase_phrases"]))
        self.matcher = PhraseMatcher(phrases, ignorecase=False)

    def check(self, doc):
        for field in doc.prose:
            if not any(self.words[word] in field.text for word in field.word_set & self.listed):
                continue  # every listed word here is capitalised
            hits = [(start, end, proper) for start, end, proper in self.matcher.finditer(field)
                    if proper is not None and not in_address(field.text, start, end)]
            if not hits or case_folded(field.text):
                continue
            for start, end, proper in hits:
                found = quote(field.text[start:end])
                yield self.finding(field, start, end,
                                   f"{found} is a proper noun or adjective: write {quote(proper)}",
                                   fix=Fix(start, end, proper, safe=False))
