"""Helpers of the T rules: web addresses to leave alone, and possessive forms of words."""
from __future__ import annotations

import re

#: Characters right before a word that make it part of an address, a hashtag or a path.
_ADDRESS_BEFORE = "./@#_\\"
_ADDRESS_AFTER = ("@", "_", "/")
#: A whitespace-delimited chunk that is a web address, an e-mail or a path:
#: "https://site.com/over-american-cities/", "www.site.org", "a@b.com".
_ADDRESS = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|co|uk|html?|php)\b|/[^/\s]*/")
_WHITESPACE = re.compile(r"\s")


def in_address(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is part of a web or e-mail address, a hashtag or a file name."""
    chunk_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    chunk_end = _WHITESPACE.search(text, end)
    chunk = text[chunk_start:chunk_end.start() if chunk_end else len(text)]
    if _ADDRESS.search(chunk):
        return True
    before, after = text[start - 1:start] if start else "", text[end:end + 2]
    return (before != "" and before in _ADDRESS_BEFORE) or after[:1] in _ADDRESS_AFTER \
        or (after[:1] == "." and after[1:2].isalnum())


#: Characters that do not end a word when they sit inside one: the format characters
#: (Unicode category Cf: soft hyphen, zero-width spaces and joiners, direction marks and
#: isolates, the word joiner, a stray byte-order mark), control characters other than
#: tab and line breaks (Cc) and the line and paragraph separators (Zl, Zp), all of the
#: Basic Multilingual Plane. "in\u00addustry" is "industry", not "in" and "dustry".
INVISIBLE = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
             "\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb")

#: The endings of a lower-case possessive ("london's", "london’s").
POSSESSIVES = ("'s", "\u2019s")


def with_possessives(words) -> dict[str, str]:
    """Each word, and its possessive forms ("london's"), mapped to the word.

    ``field.word_set`` keeps "london's" as one word; intersecting it with these
    keys finds the word in either form.
    """
    lookup = {}
    for word in words:
        lookup[word] = word
        for ending in POSSESSIVES:
            lookup[word + ending] = word
    return lookup


#: Closed word classes (articles, pronouns, prepositions, conjunctions, auxiliaries and
#: modal verbs, determiners): the words whose doubling is nearly always a slip.
FUNCTION_WORDS = frozenset("""
a an the this that these those my your his her its our their whose which what who whom
i me you he him she it we us they them myself yourself himself herself itself ourselves themselves
of to in on at by for from with about into onto over under after before between through during
without within against among across along around behind beyond than as like upon via per
and or but nor so yet if because while although though unless until whether since then
is am are was were be been being do does did done have has had having
will would shall should can could may might must ought
not no any some each every all both either neither such own other another same
""".split())

#: Interjections and sung syllables common enough in English (Zipf 4.5 or more) to be taken
#: for ordinary words: a closed class, like the function words, doubled on purpose ("hey hey",
#: "ooh la la", "oh oh"). Rarer sounds ("ooh", "bye", "tut") are told by their frequency.
INTERJECTIONS = frozenset("hey hi oh ah ha la da ya wow yeah".split())

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str):
    """Every string one edit from ``word``: a letter dropped, added, replaced, or two
    neighbours swapped (about 54 for each letter of the word)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for head, tail in splits:
        if tail:
            yield head + tail[1:]
            for letter in _ALPHABET:
                if letter != tail[0]:
                    yield head + letter + tail[1:]
        if len(tail) > 1 and tail[0] != tail[1]:
            yield head + tail[1] + tail[0] + tail[2:]
        for letter in _ALPHABET:
            yield head + letter + tail


#: Regular endings: a rare word made of a known word and one of these is a word
#: ("costings", "blighting", "tamely", "liberalise"), not a misspelling.
_ENDINGS = ("s", "es", "ed", "d", "ing", "ings", "er", "ers", "ly", "ness", "less", "ful", "able", "ise", "ize",
            "ised", "ized", "ism", "ist", "ment")
#: Prefixes that make new words of known ones ("demerge", "uprate", "miscounted").
_PREFIXES = ("re", "de", "un", "mis", "pre", "over", "under", "out", "up", "non", "anti", "co",
             "sub", "super", "inter", "semi", "multi", "dis", "counter", "mid", "post")
#: How frequent (Zipf) a stem must be to make a formation a word, and each part of a compound.
STEM_ZIPF = 2.5
COMPOUND_ZIPF = 3.5
_VOWEL_LETTERS = frozenset("aeiou")


def _doubled_consonant(stem: str) -> bool:
    """True if ``stem`` ends in a consonant doubled after a single vowel ("stopp", "yodell")."""
    return len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWEL_LETTERS \
        and stem[-3] in _VOWEL_LETTERS and stem[-4] not in _VOWEL_LETTERS


def formed_from_words(word: str, zipf) -> bool:
    """True if ``word`` is a regular formation of known words (``zipf(w)`` gives a word's
    frequency): a word with an ending ("costings", "travelling" from "travel",
    "issuing" from "issue", "buries" from "bury", "securitise" from
    "security"), a prefix ("demerge") or
    two frequent words of four letters or more joined ("wholescale").

    The spelling changes an ending brings are English's, not any change: a silent e
    drops and a final consonant doubles only before an ending that starts with a vowel
    ("issuing", "travelling"; not "issud" from "issue" or "centts" from "cent"), only a
    consonant after a single vowel doubles ("stopped"; not "headded" from "head"), and a
    vowel never doubles ("leaaer" is not "lea" + "er")."""
    def known(stem):
        return zipf(stem) >= STEM_ZIPF

    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[:-len(ending)]
            vowel_ending = ending[0] in _VOWEL_LETTERS
            if known(stem) or (vowel_ending and known(stem + "e")) \
                    or (vowel_ending and _doubled_consonant(stem) and known(stem[:-1])) \
                    or (stem.endswith("i") and known(stem[:-1] + "y")) \
                    or (ending.startswith(("is", "iz")) and known(stem + "y")):
                return True
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4 and known(word[len(prefix):]):
            return True
    return any(zipf(word[:cut]) >= COMPOUND_ZIPF and zipf(word[cut:]) >= COMPOUND_ZIPF
               for cut in range(4, len(word) - 3))
