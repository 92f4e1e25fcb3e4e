"""Rules as data: vocabulary files in YAML, Vale-style.

Three rule types read vocabulary instead of code:

``existence``
    Phrases (``tokens``) or regular expressions (``patterns``) that should
    not appear at all.
``substitution``
    ``swap``: a phrase and what to write instead (one suggestion, or a list).
``consistency``
    ``groups`` of forms that name one thing; a document that mixes forms of a
    group is reported at the forms it uses less, with the form it uses most
    as the suggestion.

A project adds its own files with ``vocabulary = ["style/terms.yaml"]`` in its
configuration. A file either defines a new rule::

    code: V101                 # a letter and three digits not used by another rule
    name: house-style          # kebab-case
    type: substitution
    severity: warning          # error, warning or info (default warning)
    ignorecase: true           # default: true, except for consistency
    description: |
      Our house style. The first paragraph is the summary in `corpuslint rules`.
    swap:
      per cent: percent
      Kiev: Kyiv

or adds entries to a built-in data rule of the same type::

    extends: spun-phrase       # a rule code or name
    swap:
      security powers: security forces

Matching is on whole words, whitespace inside a phrase matches any single
whitespace character (so a phrase wrapped across lines is still found), and
when phrases overlap the longest wins. Regular expressions run with the
``regex`` module and a time limit; a pattern that exceeds it is reported once
(as an internal error) and skipped.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.util
import inspect
import math
import os
from array import array
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, NamedTuple

import ahocorasick
import regex

from .errors import ConfigError
from .finding import Fix
from .rule import CODE_RE, NAME_RE, DocumentRule
from .text import quote, word_bounded
from .yamlfile import load_yaml

TYPES = ("existence", "substitution", "consistency")
RULE_KEYS = {"code", "name", "type", "severity", "message", "ignorecase", "description"}
ENTRY_KEYS = {"tokens", "patterns", "swap", "groups"}
ENTRY_KEYS_BY_TYPE = {"existence": {"tokens", "patterns"}, "substitution": {"swap"},
                      "consistency": {"groups"}}
REGEX_TIMEOUT = 1.0
#: The characters a ``PhraseMatcher`` reads as a space (tab, line breaks, vertical tab, form feed).
_FLATTENED = ("\t", "\n", "\r", "\x0b", "\x0c")


@dataclass
class Vocabulary:
    """The validated content of one vocabulary file."""

    path: str
    code: str | None = None
    name: str | None = None
    type: str | None = None
    extends: str | None = None
    severity: str = "warning"
    message: str | None = None
    ignorecase: bool | None = None
    description: str = ""
    tokens: list = _field(default_factory=list)
    patterns: list = _field(default_factory=list)
    swap: dict = _field(default_factory=dict)
    groups: list = _field(default_factory=list)

    def entry_keys(self) -> set[str]:
        """The entry keys this file fills in (tokens, patterns, swap, groups)."""
        return {key for key in ENTRY_KEYS if getattr(self, key)}


def _expect(path, key, value, kind, what):
    if not isinstance(value, kind):
        raise ConfigError(f"{path}: '{key}' must be {what}, not {type(value).__name__}")


def parse_vocabulary(data: Any, path: str, *, builtin: bool = False) -> Vocabulary:
    """Validate a vocabulary mapping loaded from ``path``."""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a vocabulary file must be a YAML mapping")
    allowed = RULE_KEYS | ENTRY_KEYS | {"extends"}
    for key in data:
        if key not in allowed:
            raise ConfigError(f"{path}: unknown key '{key}' (expected: {', '.join(sorted(allowed))})")
    vocab = Vocabulary(path=path)
    if "extends" in data:
        extra = set(data) & (RULE_KEYS - {"description"})
        if extra:
            raise ConfigError(f"{path}: a file with 'extends' adds entries only; remove {', '.join(sorted(extra))}")
        _expect(path, "extends", data["extends"], str, "a rule code or name")
        vocab.extends = data["extends"]
    elif not builtin:
        for key in ("code", "name", "type"):
            if key not in data:
                raise ConfigError(f"{path}: missing '{key}' (or 'extends' to add to a built-in rule)")
        if not CODE_RE.match(str(data["code"])):
            raise ConfigError(f"{path}: 'code' must be a capital letter and three digits, like V101")
        if not NAME_RE.match(str(data["name"])):
            raise ConfigError(f"{path}: 'name' must be kebab-case, like house-style")
        if data["type"] not in TYPES:
            raise ConfigError(f"{path}: 'type' must be one of {', '.join(TYPES)}, not {data['type']!r}")
        if data.get("severity", "warning") not in ("error", "warning", "info"):
            raise ConfigError(f"{path}: 'severity' must be error, warning or info")
        vocab.code, vocab.name, vocab.type = data["code"], data["name"], data["type"]
        vocab.severity = data.get("severity", "warning")
        if vocab.type and set(data) & ENTRY_KEYS - ENTRY_KEYS_BY_TYPE[vocab.type]:
            wrong = ", ".join(sorted(set(data) & ENTRY_KEYS - ENTRY_KEYS_BY_TYPE[vocab.type]))
            raise ConfigError(f"{path}: '{wrong}' does not belong in a {vocab.type} rule "
                              f"(it takes {', '.join(sorted(ENTRY_KEYS_BY_TYPE[vocab.type]))})")
    for key in ("message", "description"):
        if key in data:
            _expect(path, key, data[key], str, "a string")
            setattr(vocab, key, data[key])
    if "ignorecase" in data:
        _expect(path, "ignorecase", data["ignorecase"], bool, "true or false")
        vocab.ignorecase = data["ignorecase"]
    for key in ("tokens", "patterns"):
        if key in data:
            _expect(path, key, data[key], list, "a list")
            for entry in data[key]:
                _expect(path, key + " entry", entry, str, "a string")
            setattr(vocab, key, list(data[key]))
    if "swap" in data:
        _expect(path, "swap", data["swap"], dict, "a mapping of phrase: suggestion")
        for phrase, suggestion in data["swap"].items():
            if isinstance(suggestion, str):
                suggestion = [suggestion]
            if not isinstance(phrase, str) or not isinstance(suggestion, list) or \
                    not all(isinstance(s, str) for s in suggestion):
                raise ConfigError(f"{path}: swap entry {phrase!r} must map a phrase to a suggestion "
                                  "or a list of suggestions")
            vocab.swap[phrase] = suggestion
    if "groups" in data:
        _expect(path, "groups", data["groups"], list, "a list of groups")
        vocab.groups = [_parse_group(path, i, g) for i, g in enumerate(data["groups"], 1)]
    for pattern in vocab.patterns:
        _compile(pattern, vocab.ignorecase is not False, path)
    return vocab


def _parse_group(path, number, group):
    where = f"{path}: group {number}"
    if not isinstance(group, dict) or "forms" not in group:
        raise ConfigError(f"{where} must be a mapping with 'forms' (and optional 'preferred', 'long')")
    unknown = set(group) - {"forms", "preferred", "long"}
    if unknown:
        raise ConfigError(f"{where}: unknown key '{sorted(unknown)[0]}' (expected forms, preferred, long)")
    forms = group["forms"]
    if not isinstance(forms, list) or len(forms) < 2 or not all(isinstance(f, str) for f in forms):
        raise ConfigError(f"{where}: 'forms' must list at least two strings")
    long_forms = group.get("long", {}) or {}
    if not isinstance(long_forms, dict) or not all(v in forms for v in long_forms.values()):
        raise ConfigError(f"{where}: 'long' must map a long name to one of the group's forms")
    preferred = group.get("preferred", forms[0])
    if preferred not in forms:
        raise ConfigError(f"{where}: 'preferred' must be one of the group's forms")
    return {"forms": list(forms), "preferred": preferred, "long": dict(long_forms)}


def _compile(pattern: str, ignorecase: bool, path: str):
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.VERSION1 if ignorecase else regex.VERSION1)
    except regex.error as err:
        raise ConfigError(f"{path}: pattern {pattern!r} is not a valid regular expression: {err}") from None


def merge(base: Vocabulary, extra: Vocabulary) -> None:
    """Add ``extra``'s entries (from an ``extends`` file) to ``base``."""
    base.tokens.extend(extra.tokens)
    base.patterns.extend(extra.patterns)
    base.swap.update(extra.swap)
    base.groups.extend(extra.groups)


def match_case(found: str, suggestion: str) -> str:
    """Give ``suggestion`` the capitalisation of ``found`` (``Auto bomb`` -> ``Car bomb``)."""
    if found.isupper() and len(found) > 1 and not suggestion.isupper():
        return suggestion.upper()
    if found[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class PhraseMatcher:
    """Find whole-word phrases in one pass (Aho-Corasick), longest match first."""

    def __init__(self, phrases: dict[str, Any], ignorecase: bool):
        self.ignorecase = ignorecase
        self.automaton = ahocorasick.Automaton()
        for phrase, payload in phrases.items():
            key = " ".join(phrase.split())
            if ignorecase:
                key = key.lower()
            if key:
                self.automaton.add_word(key, (len(key), payload))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def finditer(self, field):
        """``(start, end, payload)`` for each match in ``field``, in text order."""
        if self.empty:
            return []
        haystack = field.lower if self.ignorecase else field.text
        for character in _FLATTENED:  # five str.replace: 1 µs on 4 KB, str.translate 30 µs
            haystack = haystack.replace(character, " ")
        candidates = []
        for end, (length, payload) in self.automaton.iter(haystack):
            start = end - length + 1
            if word_bounded(haystack, start, end + 1):
                candidates.append((start, -length, payload))
        candidates.sort(key=lambda c: (c[0], c[1]))
        found, last_end = [], -1
        for start, neg_length, payload in candidates:
            if start >= last_end:
                found.append((start, start - neg_length, payload))
                last_end = start - neg_length
        return found


class VocabularyRule(DocumentRule):
    """Base of rules whose entries come from a vocabulary file.

    A built-in subclass names its data file in ``vocabulary`` (relative to the
    subclass's module); projects add entries with ``extends`` files.
    """

    vocabulary: str = ""
    #: The entry keys an ``extends`` file may add to this rule.
    vocabulary_keys: frozenset = frozenset()
    #: Set on classes made from a project's vocabulary file.
    vocabulary_data: Vocabulary | None = None
    ignorecase = True
    message = ""

    def __init__(self, options=None, severity=None, base_dir=".", extensions=(), *, peers=None):
        self.vocab = self.load_vocabulary()
        for extra in extensions:
            merge(self.vocab, extra)
        super().__init__(options, severity, base_dir, peers=peers)

    @classmethod
    def data_path(cls) -> str:
        return os.path.join(os.path.dirname(inspect.getfile(cls)), cls.vocabulary)

    @classmethod
    def load_vocabulary(cls) -> Vocabulary:
        if cls.vocabulary_data is not None:
            data = cls.vocabulary_data
            return Vocabulary(path=data.path, tokens=list(data.tokens), patterns=list(data.patterns),
                              swap=dict(data.swap), groups=list(data.groups), message=data.message,
                              ignorecase=data.ignorecase)
        path = cls.data_path()
        return parse_vocabulary(load_yaml(path), path, builtin=True)

    @property
    def use_ignorecase(self) -> bool:
        return self.vocab.ignorecase if self.vocab.ignorecase is not None else self.ignorecase


class ExistenceRule(VocabularyRule):
    """Phrases or patterns that should not appear."""

    vocabulary_keys = frozenset({"tokens", "patterns"})
    message = "{match} should not be here"

    def setup(self):
        self.matcher = PhraseMatcher({t: t for t in self.vocab.tokens}, self.use_ignorecase)
        self.patterns = [_compile(p, self.use_ignorecase, self.vocab.path) for p in self.vocab.patterns]

    def fields(self, doc):
        return doc.prose

    def check(self, doc):
        template = self.vocab.message or self.message
        for field in self.fields(doc):
            for start, end, _ in self.matcher.finditer(field):
                yield self.finding(field, start, end, template.format(match=quote(field.text[start:end])))
            for pattern in self.patterns:
                try:
                    for m in pattern.finditer(field.text, timeout=REGEX_TIMEOUT):
                        if m.end() > m.start():
                            yield self.finding(field, m.start(), m.end(),
                                               template.format(match=quote(m.group())))
                except TimeoutError:
                    # Reported on every document it times out on, not skipped for the rest of the
                    # run: which documents a process skips would depend on the number of processes.
                    raise RuntimeError(f"pattern {pattern.pattern!r} from {self.vocab.path} took over "
                                       f"{REGEX_TIMEOUT:g}s on this document; simplify it (no nested "
                                       "repeats such as '(a+)+')") from None


class SubstitutionRule(VocabularyRule):
    """Phrases with a better replacement."""

    vocabulary_keys = frozenset({"swap"})
    message = "{match} -> {suggestion}"

    def setup(self):
        self.matcher = PhraseMatcher(self.vocab.swap, self.use_ignorecase)

    def check(self, doc):
        template = self.vocab.message or self.message
        for field in doc.prose:
            for start, end, suggestions in self.matcher.finditer(field):
                found = field.text[start:end]
                options = [match_case(found, s) for s in suggestions]
                fix = Fix(start, end, options[0], safe=self.fix == "safe") if len(options) == 1 and self.fix \
                    else None
                suggestion = " or ".join(quote(s) for s in options)
                yield self.finding(field, start, end,
                                   template.format(match=quote(found), suggestion=suggestion), fix=fix)


class Occurrence(NamedTuple):
    """One use of a form of a consistency group in a document field."""

    field: Any
    start: int
    end: int
    #: The index of the group in the vocabulary's ``groups``.
    group: int
    #: The form used, or for a long name the form it stands for.
    form: str
    #: False for a long name ("North Atlantic Treaty Organization") standing for a form.
    short: bool


class ConsistencyRule(VocabularyRule):
    """Groups of forms that name one thing; a document should use one form."""

    vocabulary_keys = frozenset({"groups"})
    ignorecase = False
    message = ("{match} and {dominant} name the same thing in this document ({counts}); "
               "use {dominant} throughout")

    def setup(self):
        phrases = {}
        for index, group in enumerate(self.vocab.groups):
            for form in group["forms"]:
                phrases[form] = (index, form, True)
            for long_form, short in group["long"].items():
                phrases[long_form] = (index, short, False)
        self.matcher = PhraseMatcher(phrases, self.use_ignorecase)

    def occurrences(self, doc):
        """An :class:`Occurrence` for each use of a group's form, in text order."""
        for field in doc.prose:
            for start, end, (index, form, short) in self.matcher.finditer(field):
                if self.accept(field, start, end):
                    yield Occurrence(field, start, end, index, form, short)

    def accept(self, field, start, end) -> bool:
        """Hook for subclasses to drop a match (e.g. capitals in a shouted headline)."""
        return True

    def check(self, doc):
        by_group: dict[int, list] = {}
        for occurrence in self.occurrences(doc):
            by_group.setdefault(occurrence.group, []).append(occurrence)
        template = self.vocab.message or self.message
        for index, uses in sorted(by_group.items()):
            counts = Counter(self.normal(use.form) for use in uses)
            if len(counts) < 2:
                continue
            group = self.vocab.groups[index]
            first_seen = {}
            for order, use in enumerate(uses):
                first_seen.setdefault(self.normal(use.form), order)
            dominant = max(counts, key=lambda f: (counts[f], self.normal(group["preferred"]) == f,
                                                  -first_seen[f]))
            shown = self.display(uses, dominant)
            summary = ", ".join(f"{self.display(uses, f)} {n}\u00d7" for f, n in counts.most_common())
            for field, start, end, _, form, short in uses:
                if self.normal(form) == dominant:
                    continue
                found = field.text[start:end]
                # A case-sensitive group's forms differ in case ("NATO"/"Nato"): write the form as it is.
                replacement = match_case(found, shown) if self.use_ignorecase else shown
                fix = Fix(start, end, replacement, safe=False) if short and self.fix else None
                yield self.finding(field, start, end, template.format(
                    match=quote(found), dominant=quote(shown), counts=summary), fix=fix)

    def normal(self, form: str) -> str:
        return form.lower() if self.use_ignorecase else form

    def display(self, uses, normal_form: str) -> str:
        """How the document writes ``normal_form`` (its first short-form use)."""
        for field, start, end, _, form, short in uses:
            if self.normal(form) == normal_form and short:
                return field.text[start:end] if not self.use_ignorecase else form
        return normal_form


def rule_from_vocabulary(vocab: Vocabulary) -> type:
    """A rule class for a project vocabulary file that defines its own rule."""
    base = {"existence": ExistenceRule, "substitution": SubstitutionRule,
            "consistency": ConsistencyRule}[vocab.type]
    doc = vocab.description or f"{vocab.type.title()} rule from {vocab.path}."
    return type(_class_name(vocab.name), (base,), {
        "__doc__": doc,
        "__module__": "corpuslint.vocabulary.project",
        "code": vocab.code,
        "name": vocab.name,
        "severity": vocab.severity,
        "fix": "unsafe" if vocab.type != "existence" else None,
        "vocabulary_data": vocab,
        "source": vocab.path,
        "options": {},
    })


def _class_name(name: str) -> str:
    return "".join(part.title() for part in name.split("-"))


__all__ = ["ConsistencyRule", "ExistenceRule", "Occurrence", "PhraseMatcher", "SubstitutionRule",
           "Vocabulary", "VocabularyRule", "WordFrequencies", "english_frequencies", "match_case",
           "parse_vocabulary", "rule_from_vocabulary"]


# -- English word frequencies ---------------------------------------------------------------------

#: Words at least this frequent (Zipf scale: 3 is once per million words) are kept by name in
#: :class:`WordFrequencies`; rarer ones only as 64-bit hashes.
NAMED_ZIPF = 3.0


def _word_hash(word: str) -> int:
    """A 64-bit hash of ``word`` that is the same in every process and run."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


class WordFrequencies:
    """How often English words are written, from ``wordfreq`` (its large English list,
    321,000 words down to once in 100 million), kept compact: the words of Zipf 3 or
    more (about 28,000) by name, the rest as sorted 64-bit hashes with their Zipf value
    (about 2.6 MB in all, against wordfreq's 35 MB).

    ``zipf(word)`` is the word's frequency on the Zipf scale (log10 of uses per
    billion words: "the" 7.7, "harbour" 4.0, "reseach" 1.6) or 0 for a word the
    list does not have; ``common`` maps each lower-case word of Zipf 3 or more to
    its Zipf value. Words are looked up in lower case, as wordfreq stores them.
    """

    def __init__(self, common: dict[str, float], hashes: array, zipfs: bytes):
        self.common = common
        self._hashes = hashes
        self._zipfs = zipfs

    def zipf(self, word: str) -> float:
        value = self.common.get(word)
        if value is not None:
            return value
        key = _word_hash(word)
        index = bisect.bisect_left(self._hashes, key)
        if index < len(self._hashes) and self._hashes[index] == key:
            return self._zipfs[index] / 10
        return 0.0


def _build_word_frequencies() -> WordFrequencies:
    from wordfreq import get_frequency_dict  # 0.1 s and 35 MB while the table is built

    common, rare = {}, []
    for word, frequency in get_frequency_dict("en", "large").items():
        zipf = round(math.log10(frequency) + 9, 2)
        if zipf >= NAMED_ZIPF:
            common[word] = zipf
        else:
            rare.append((_word_hash(word), max(0, min(255, round(zipf * 10)))))
    rare.sort()
    return WordFrequencies(common, array("Q", (h for h, _ in rare)), bytes(z for _, z in rare))


def wordfreq_data() -> str:
    """The path of wordfreq's large English table, found without importing wordfreq (0.1 s)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the T rules need the wordfreq package (pip install wordfreq)")
    return os.path.join(spec.submodule_search_locations[0], "data", "large_en.msgpack.gz")


@functools.cache
def english_frequencies() -> WordFrequencies:
    """The :class:`WordFrequencies` of English, built once per process for every rule that
    asks, and kept between runs by :func:`corpuslint.tables.cached_table`."""
    from .tables import cached_table

    return cached_table("english-frequencies", [wordfreq_data()], _build_word_frequencies)
