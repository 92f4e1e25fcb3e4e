"""Words of a body as the duplicate (X001, X002), headline (H003, H004) and quality (Q002, Q004) rules count them.

Scripts written without spaces between words (Chinese, Japanese kana,
Thai, Lao, Khmer, Burmese) have no word boundaries a regex can find, so each
of their characters counts as a word: a Chinese article of 600 characters is
600 words here, not the handful of ``\\w+`` runs between its punctuation.
"""
import re

#: Spelled-out numbers, which wire copy uses as figures ("six pct", "twenty ships").
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion".split())

#: Thai, Lao, Burmese, Khmer, kana, CJK ideographs (with extension A, compatibility
#: ideographs, half-width katakana and the supplementary planes).
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
             "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_WORD = re.compile(r"\w+")
#: The same words in ASCII text, found faster.
_ASCII_WORD = re.compile(r"\w+", re.ASCII)
_WORD_OR_UNSPACED_CHAR = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")


def has_unspaced_script(text: str) -> bool:
    """True if ``text`` has a character of a script written without spaces."""
    return not text.isascii() and _UNSPACED_CHAR.search(text) is not None


def tokens(text: str) -> list[str]:
    """The words of ``text`` (``\\w+`` runs), with each character of an unspaced script a word of its own."""
    if text.isascii():
        return _ASCII_WORD.findall(text)
    if _UNSPACED_CHAR.search(text):
        return _WORD_OR_UNSPACED_CHAR.findall(text)
    return _WORD.findall(text)


def body_lower(doc) -> str:
    """The document's body text in lower case, built once per document for every rule that asks."""
    return doc.memo("duplicates.body_lower", lambda: doc.body_text().lower())
