"""How the quality rules count the words of a body (Q002 short-body, Q004 non-article-page)."""
from ..duplicates.words import has_unspaced_script, tokens

#: A text with more characters than this per word it needs has enough words without counting.
MAX_CHARS_PER_WORD = 40


def count_words(text: str, start: int, end: int, enough: int) -> int:
    """The words of ``text[start:end]``, or ``enough`` if it is too long to have fewer.

    Words are whitespace-separated tokens, but in a text with Chinese,
    Japanese, Thai or another script written without spaces each of its
    characters counts as a word, as word processors count them (and as X001
    does): a Chinese article of 300 characters has 300 words, not one. A text
    of more than ``enough * MAX_CHARS_PER_WORD`` characters is not counted: it
    has ``enough``.
    """
    if end - start > enough * MAX_CHARS_PER_WORD:
        return enough
    snippet = text[start:end]
    return len(tokens(snippet)) if has_unspaced_script(snippet) else len(snippet.split())
