import os
import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote, starts_sentence
from corpuslint.vocabulary import english_frequencies
from corpuslint.yamlfile import load_yaml

from .helpers import INVISIBLE

DATA = os.path.join(os.path.dirname(__file__), "article_agreement.yaml")

_GAP = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"
#: "a"/"an", a space or one line break, and the next token. The lookaheads keep
#: only pairs that may disagree: "a" before a vowel letter, a number starting
#: with 8, 11 or 18, or a letter said with a vowel sound ("a MP", "a x-ray");
#: "an" before anything but a, i, 8, 11, 18 and e or o that cannot start "eu",
#: "ewe", "one" or "once". The pattern starts with the letter a ("a", "an",
#: "An", "AN"; the character before it is tested after it), so that the
#: search skips every other character at C speed.
CANDIDATE = re.compile(
    rf"(?P<article>[Aa](?<![\w'\u2019&./{INVISIBLE}-][Aa])"
    r"(?:(?=" + _GAP + r"(?:[aeiouAEIOU8]|1[18]|[FHLMNRSX][A-Z0-9.\-]|[fhlmnrsx]-))"
    r"|(?:(?<=a)n|(?<=A)[nN])(?=" + _GAP + r"(?![aiAI8]|1[18]|[eE](?![uUwW])|[oO](?![nN][cCeE])))))"
    r"(?P<gap>" + _GAP + r")"
    r"(?P<word>[^\s\"'\u2018\u2019\u201c\u201d(){}\[\]<>][^\s\"\u201c\u201d(){}\[\]<>]*)"
)
_TRAILING = re.compile(r"(?:['\u2019]s)?[.,;:!?'\u2019\"\u201d)\]}\u2026]*$")
_SHOUTED_NEXT = re.compile(r"[ \t]+[A-Z]+\b")
_ROMAN = re.compile(r"^(?=[MDCLXVI]*[XVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_NUMBER = re.compile(r"\d[\d,]*")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")  # U.S., U.N., e.g.
#: Words after which "a"/"an" is not an article that disagrees but a word
#: missing or left over ("the move was a on a trial basis"): no finding.
FUNCTION_WORDS = frozenset(
    "a about an and another any are as at be between but by each every for from he her his i if in "
    "into is it its of on or our she so than that the their them then there these they this to us "
    "was we were which who with you".split())
VOWEL_LETTERS = "aeiou"
#: Letters whose names start with a vowel sound: "an F", "an MP", "an X-ray".
VOWEL_SOUND_LETTER_NAMES = "aefhilmnorsx"
_SWAP = {"a": "an", "A": "An", "an": "a", "An": "A"}
#: How far either side of an article to look to tell shouted (all-capital) text.
_SHOUT_WINDOW = 60
#: An all-capital token that is also a word this common (Zipf) may be a word in capitals
#: ("A MAN") rather than an acronym said letter by letter ("an MoD").
WORD_ZIPF = 3.5


#: Consonants that can start an English word together; a capital token that starts with
#: another pair ("FBI", "NHS", "MRI") is an acronym said letter by letter, not a word.
_ONSETS = frozenset("bl br ch cl cr dr dw fl fr gl gr kn ph pl pr sc sh sk sl sm sn sp st sw th tr tw wh wr "
                    "sch scr shr sph spl spr squ str thr".split())
_LEADING_CONSONANTS = re.compile(r"[^aeiou]*")


def word_shaped(word: str) -> bool:
    """True if the lower-case ``word`` can be read as an English word: it has a vowel, and
    the consonants before its first vowel can start a word ("man", "art", "street"; not "fbi")."""
    onset = _LEADING_CONSONANTS.match(word).group()
    return len(onset) < len(word) and (len(onset) <= 1 or onset in _ONSETS)


def shouted(text: str, start: int, end: int) -> bool:
    """True if the line around ``text[start:end]`` is written in capitals: at least three
    letters either side on the line, and none of them lower-case."""
    line_start = max(text.rfind("\n", max(0, start - _SHOUT_WINDOW), start) + 1, start - _SHOUT_WINDOW)
    line_end = text.find("\n", end, end + _SHOUT_WINDOW)
    around = text[line_start:start] + " " + text[end:line_end if line_end != -1 else end + _SHOUT_WINDOW]
    letters = [c for c in around if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def article_like(article: str, wanted: str, capitals: bool) -> str:
    """``wanted`` ("a" or "an") written like ``article``: "AN" in shouted text, "An" at a sentence start."""
    if capitals:
        return wanted.upper()
    return wanted.capitalize() if article[0].isupper() else wanted


def number_article(token: str) -> str | None:
    """The article a number takes when read aloud: "an 8", "an 11", "an 18,000", "a 180"."""
    digits = _NUMBER.match(token).group().rstrip(",")
    groups = digits.split(",")
    if digits.startswith("8"):
        return "an"
    lead = groups[0]
    if len(groups) == 1:
        if len(lead) == 4 and lead[:2] in ("11", "18"):
            return None  # "an 1800s house" (eighteen hundreds) or "a 1,800"
        lead = lead[:len(lead) % 3 or 3]
    return "an" if lead in ("11", "18") else "a"


def letter_article(letter: str) -> str:
    return "an" if letter.lower() in VOWEL_SOUND_LETTER_NAMES else "a"


class WordList:
    """Whole words and prefixes (entries ending in ``*``) from the data file."""

    def __init__(self, entries):
        self.words = {e for e in entries if not e.endswith("*")}
        self.prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))

    def __contains__(self, word: str) -> bool:
        return word in self.words or word.startswith(self.prefixes)


class ArticleAgreement(DocumentRule):
    """"a" before a vowel sound or "an" before a consonant sound ("a auto", "an car").

    Why it matters: a wrong article is a visible slip that readers notice at
    once; in scraped or machine-rewritten text it often marks a word that was
    swapped after the article was written ("a car" spun into "a auto").

    Example::

        ...the fire started in a auto repair shop near the quay.

    reports ``'a auto' should be 'an auto'``. The choice follows the sound,
    not the letter: "a European", "a one-off", "a unit", "an hour", "an
    honest", "an MP", "an FBI agent", "a UN envoy", "a NATO summit", "an 8",
    "an 11-year-old". Both "a historic" and "an historic" (and "hotel",
    "herb", ...) are accepted. Unknown all-capital tokens of four or more
    letters and Roman numerals get no finding, nor does an all-capital
    token that is also a common word ("A MAN", "AN ART show": a word in
    capitals, or an acronym said letter by letter?). In shouted
    (all-capital) text, capital tokens are read as the words they spell
    and the article follows the case of the text: ``'AN MAN' should be 'A MAN'``.
    The word lists are ``article_agreement.yaml`` next to this module.

    Fix (safe): the article is replaced. The finding and its fix cover the
    article and the next word, so that they overlap a fix of that word (T001
    on "a auto bomb"): fix passes skip overlapping edits, and "a auto bomb"
    ends as "a car bomb".
    """

    code = "T002"
    name = "article-agreement"
    severity = "warning"
    fix = "safe"

    def setup(self):
        data = load_yaml(DATA)
        self.consonant_sound = WordList(data["consonant_sound"])
        self.vowel_sound = WordList(data["vowel_sound"])
        self.either = WordList(data["either"])
        self.said_as_word = dict(data["said_as_word"])
        self.letter_by_letter = set(data["letter_by_letter"])
        self.frequencies = None  # English word frequencies, loaded at the first capital word that needs them

    def zipf(self, word: str) -> float:
        """How common the lower-case ``word`` is in English (Zipf, 0 below 3); the frequency
        table is loaded at the first call, so a run that never meets a word in capitals
        after an article does not pay for it."""
        if self.frequencies is None:
            self.frequencies = english_frequencies().common
        return self.frequencies.get(word, 0)

    def check(self, doc):
        for field in doc.prose:
            text = field.text
            for m in CANDIDATE.finditer(text):
                article, gap = m.group("article"), m.group("gap")
                word = self.word_of(m.group("word"))
                end = m.start("word") + len(word)
                capitals = article.isupper() and shouted(text, m.start(), end)
                if capitals and gap != " ":
                    continue  # table columns ("A    OFF")
                if capitals:
                    wanted = self.shouted_article(word)
                elif self.is_article(text, m.start(), article, end):
                    wanted = self.expected_article(word)
                else:
                    continue
                if wanted is None or wanted == article.lower():
                    continue
                found = text[m.start():end]
                fixed = article_like(article, wanted, capitals) + gap + word
                sound = "vowel" if wanted == "an" else "consonant"
                yield self.finding(field, m.start(), end,
                                   f"{quote(found)} should be {quote(fixed)}: "
                                   f"'{wanted}' goes before a {sound} sound",
                                   fix=Fix(m.start(), end, fixed))

    @staticmethod
    def word_of(token: str) -> str:
        """The token without trailing punctuation or possessive ("U.S." keeps its dots)."""
        initials = _INITIALS.match(token)
        if initials and not token[initials.end():initials.end() + 1].isalnum():
            return initials.group()
        return _TRAILING.sub("", token) or token

    @staticmethod
    def is_article(text: str, start: int, article: str, word_end: int) -> bool:
        """False for a capital "A" that is a letter ("Plan A") and for shouted text."""
        if article == "AN" or (article == "A" and _SHOUTED_NEXT.match(text, word_end)):
            return False
        return article[0] == "a" or starts_sentence(text, start)

    def shouted_article(self, token: str) -> str | None:
        """ "a" or "an" for a token of shouted text: a capital token of three letters or more
        that is a common word is read as that word ("A MAN"); None for any other token."""
        key = token.split("-")[0]
        lower = key.lower()
        if key.isalpha() and len(key) >= 3 and word_shaped(lower) and self.zipf(lower) >= WORD_ZIPF:
            return self.word_article(lower, False)
        return None  # an abbreviation ("CTS A SHR"), a name or an acronym: in capitals, it cannot be told

    def expected_article(self, token: str) -> str | None:
        """ "a" or "an" for the token, or None when its sound cannot be told."""
        if token[0].isdigit():
            return number_article(token)
        key = token.split("-")[0]
        if "." in key:
            if not _INITIALS.fullmatch(key):
                return None  # "fbi.gov", "Bungie.Org"
            key = key.replace(".", "")
        if not key or not key[0].isascii() or not key[0].isalpha():
            return None
        if len(key) == 1:
            return letter_article(key) if len(token) > 1 else None  # "an X-ray", not a lone "A"
        if key.isupper():
            if self.word_in_capitals(key):
                return None  # "A MAN" or "an MAN" (letters): which was meant cannot be told
            return self.acronym_article(key)
        if len(key) > 2 and key[:-1].isupper() and key.endswith("s"):
            return self.acronym_article(key[:-1])  # "an MPs' vote"
        if key[0].isupper() and not key[1:].islower():
            return None  # "MoD", "McCartney"
        return self.word_article(key.lower(), key[0].isupper())

    def word_in_capitals(self, key: str) -> bool:
        """True for a capital token that may be a common word in capitals ("MAN", "ART") and
        whose article differs when it is read as letters; not for a known acronym."""
        lower = key.lower()
        if len(key) < 3 or key in self.said_as_word or key in self.letter_by_letter \
                or lower in FUNCTION_WORDS or not word_shaped(lower) or self.zipf(lower) < WORD_ZIPF:
            return False
        return self.word_article(lower, False) != letter_article(key[0])

    def acronym_article(self, acronym: str) -> str | None:
        letters = re.match(r"[A-Z]*", acronym).group()
        if letters in self.said_as_word:
            return self.said_as_word[letters]  # None: either article
        if _ROMAN.match(letters):
            return None  # "a XV" (fifteen) or "an XV"
        if len(letters) <= 3 or letters in self.letter_by_letter:
            return letter_article(letters[0])
        return None

    def word_article(self, word: str, capitalised: bool) -> str | None:
        if word in FUNCTION_WORDS or not any(c in "aeiouy" for c in word) or word in self.either:
            return None
        if word in self.consonant_sound:
            return "a"
        if word in self.vowel_sound:
            return "an"
        if word[0] in "xy" and capitalised:
            return None  # "an Xbox", "a Xinhua", "an Yves", "a Yemeni"
        return "an" if word[0] in VOWEL_LETTERS else "a"
