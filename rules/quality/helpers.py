"""Helpers of the Q rules: their data files, regular expressions gated by words, and word counts."""
import os

import regex

from corpuslint.errors import ConfigError
from corpuslint.words import has_unspaced_script, tokens
from corpuslint.yamlfile import load_yaml

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


def load_data(name: str) -> dict:
    """The YAML file ``name`` next to the quality rules."""
    return load_yaml(os.path.join(os.path.dirname(__file__), name))


class GatedPatterns:
    """Entries ``{pattern: REGEX, words: [w, ...]}`` of a data file's list (``where`` names it in errors).

    A pattern runs (with the ``regex`` module, ignoring case unless it says
    ``(?-i:...)``) only on a field whose ``word_set`` holds all its words, so a
    field without them costs one set comparison instead of a regex pass.
    """

    def __init__(self, entries: list, where: str):
        self.entries = []
        for entry in entries:
            if not isinstance(entry, dict) or "pattern" not in entry:
                raise ConfigError(f"{where}: each entry needs a 'pattern' (and optional 'words')")
            try:
                compiled = regex.compile(entry["pattern"], regex.IGNORECASE | regex.VERSION1)
            except regex.error as err:
                raise ConfigError(f"{where}: pattern {entry['pattern']!r} is not valid: {err}") from None
            self.entries.append((compiled, frozenset(w.lower() for w in entry.get("words", []))))

    def finditer(self, field, start: int = 0, end: int | None = None):
        """Matches in ``field.text[start:end]``, in text order."""
        end = len(field.text) if end is None else end
        words = field.word_set
        found = []
        for pattern, needed in self.entries:
            if needed <= words:
                found.extend(m for m in pattern.finditer(field.text, start, end) if m.end() > m.start())
        return sorted(found, key=lambda m: m.start())
