"""Regular expressions from a YAML list, each tried only on fields that hold its words."""
import os

from corpuslint.errors import ConfigError
from corpuslint.vocabulary import load_yaml


class GatedPatterns:
    """Entries ``{pattern: REGEX, words: [w, ...]}`` from the list ``key`` of a YAML file.

    A pattern runs (with the ``regex`` module, ignoring case unless it says
    ``(?-i:...)``) only on a field whose ``word_set`` holds all its words, so a
    field without them costs one set comparison instead of a regex pass.
    """

    def __init__(self, path: str, key: str):
        import regex

        entries = load_yaml(path).get(key) or []
        self.entries = []
        for entry in entries:
            if not isinstance(entry, dict) or "pattern" not in entry:
                raise ConfigError(f"{path}: each '{key}' entry needs a 'pattern' (and optional 'words')")
            try:
                compiled = regex.compile(entry["pattern"], regex.IGNORECASE | regex.VERSION1)
            except regex.error as err:
                raise ConfigError(f"{path}: pattern {entry['pattern']!r} is not valid: {err}") from None
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


def data_path(module_file: str, name: str) -> str:
    return os.path.join(os.path.dirname(module_file), name)
