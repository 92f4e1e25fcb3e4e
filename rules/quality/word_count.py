"""How the quality rules count the words of a body (Q002 short-body, Q004 non-article-page)."""
import re

#: A text with more characters than this per word it needs has enough words without counting.
MAX_CHARS_PER_WORD = 40
#: Scripts written without spaces between words: Thai, Lao, Burmese, Khmer, kana and CJK
#: ideographs (with extension A, compatibility ideographs, half-width katakana and the
#: supplementary planes).
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
             "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
#: An unspaced-script character or CJK punctuation ("。", "、", "！", full-width brackets).
_UNSPACED_OR_CJK_PUNCTUATION = re.compile(f"[{_UNSPACED}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"
                                          "\uff3b-\uff40\uff5b-\uff65]")


def count_words(text: str, start: int, end: int, enough: int) -> int:
    """The words of ``text[start:end]``, or ``enough`` if it is too long to have fewer.

    Words are whitespace-separated tokens, but each character of a script
    written without spaces (Chinese, Japanese, Thai...) counts as a word, as
    word processors count them: a Chinese article of 300 characters has 300
    words, not one. A text of more than ``enough * MAX_CHARS_PER_WORD``
    characters is not counted: it has ``enough``.
    """
    if end - start > enough * MAX_CHARS_PER_WORD:
        return enough
    snippet = text[start:end]
    if snippet.isascii():
        return len(snippet.split())
    unspaced = len(_UNSPACED_CHAR.findall(snippet))
    return unspaced + len(_UNSPACED_OR_CJK_PUNCTUATION.sub(" ", snippet).split())
