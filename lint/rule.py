"""The rule plugin API.

A rule is a class with a code (family letter + 3 digits), a kebab-case name,
a default severity, typed options, and a docstring that is its user
documentation. There are three kinds:

``DocumentRule``
    ``check(doc)`` sees one document and yields findings. It must not keep
    state across documents: documents are checked in several processes.

``CorpusRule``
    Map/reduce over the corpus. ``collect(doc)`` yields small, picklable
    ``(key, record)`` pairs for one document; ``finish(key, records, corpus)``
    receives one key with all its records (in corpus order; a sequence that
    a large group reads from disk as it is iterated) and yields findings.
    Records are grouped by key, never compared all-pairs, so the cost stays
    linear and the same rule can run across processes.

``ReaderRule``
    Documentation and selection for findings the readers themselves make
    (unreadable file, malformed JSONL line, bad CSV row, ...).

A minimal plugin::

    from corpuslint.rule import DocumentRule, Option

    class NoShouting(DocumentRule):
        '''Headline written in capitals. ...'''
        code = "Z001"
        name = "no-shouting"
        severity = "warning"
        options = {"min-words": Option(3, "shortest headline to check")}

        def check(self, doc):
            for span in doc.headlines:
                if span.text.isupper() and len(span.text.split()) >= self.opts.min_words:
                    yield self.finding(span.field, span.start, span.end, "headline is all capitals")

and in the plugin's ``pyproject.toml``::

    [project.entry-points."corpuslint.rules"]
    no-shouting = "my_package.rules:NoShouting"
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, ClassVar

from .errors import ConfigError
from .finding import SEVERITIES, Finding, Fix, Location
from .reduce import stable_key  # noqa: F401  (part of the rule API)

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
#: Characters of flagged text kept with a finding (for its fingerprint).
SNIPPET_LIMIT = 200
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string",
               list: "a list", dict: "a mapping"}


class Option:
    """A typed rule option with a default, validated when the config is loaded."""

    def __init__(self, default: Any, help: str = "", *, type: type | None = None,
                 item: type | None = None, choices: Iterable | None = None,
                 minimum: float | None = None, maximum: float | None = None):
        self.default = default
        self.help = help
        self.type = type or builtins_type(default)
        self.item = item
        self.choices = tuple(choices) if choices is not None else None
        self.minimum = minimum
        self.maximum = maximum

    def validate(self, value: Any, where: str) -> Any:
        expected = self.type
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{where} must be {_TYPE_NAMES.get(expected, expected.__name__)}, "
                              f"not {value!r}")
        if self.item is not None and expected is list:
            for entry in value:
                if not isinstance(entry, self.item):
                    raise ConfigError(f"{where} entries must be {_TYPE_NAMES.get(self.item)}, not {entry!r}")
        if self.choices is not None and value not in self.choices:
            raise ConfigError(f"{where} must be one of {', '.join(map(str, self.choices))}, not {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise ConfigError(f"{where} must be at least {self.minimum}, not {value!r}")
        if self.maximum is not None and value > self.maximum:
            raise ConfigError(f"{where} must be at most {self.maximum}, not {value!r}")
        return value

    def describe(self) -> str:
        return f"default {self.default!r}" + (f"; {self.help}" if self.help else "")


def builtins_type(value: Any) -> type:
    for kind in (bool, int, float, str, list, dict):
        if isinstance(value, kind):
            return kind
    return object


@dataclass(frozen=True, slots=True)
class Corpus:
    """What a corpus rule's ``finish`` may know about the whole corpus."""

    documents: int
    files: int


class Rule:
    """Base class of every rule; see the module documentation."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    options: ClassVar[dict[str, Option]] = {}
    #: ``"safe"``, ``"unsafe"`` or ``None``: the kind of fix the rule offers.
    fix: ClassVar[str | None] = None
    kind: ClassVar[str] = "rule"
    #: Codes of the rules this rule builds on (``("B001",)``): a run builds them with
    #: the project's configuration, selected or not, and passes them in as ``peers``.
    requires: ClassVar[tuple[str, ...]] = ()
    #: A :class:`corpuslint.noise.CorpusRelative` to have the rule's findings said once for a
    #: corpus (or folder, or record file) where nearly every document has one, or ``None``.
    #: Only for rules without fixes; declare the ``corpus-relative`` option too (``noise.OPTION``).
    corpus_relative: ClassVar[Any] = None

    def __init__(self, options: dict | None = None, severity: str | None = None,
                 base_dir: str = ".", *, peers: Mapping[str, Rule] | None = None):
        self.severity = severity or type(self).severity
        self.base_dir = base_dir
        self._peers = dict(peers or {})
        missing = [code for code in self.requires if code not in self._peers]
        if missing:
            raise TypeError(f"rule {self.code} ({self.name}) requires {', '.join(missing)}: pass "
                            f"peers={{code: rule}}, or build it with "
                            f"corpuslint.registry.standalone_rule({type(self).__name__})")
        values = {key: opt.default for key, opt in self.options.items()}
        for key, value in (options or {}).items():
            if key not in self.options:
                known = ", ".join(self.options) or "none"
                raise ConfigError(f"unknown option '{key}' for rule {self.code} ({self.name}); "
                                  f"its options are: {known}")
            values[key] = self.options[key].validate(value, f"rule {self.code} ({self.name}) option '{key}'")
        self.opts = SimpleNamespace(**{key.replace("-", "_"): value for key, value in values.items()})
        self.setup()

    def setup(self) -> None:
        """Build matchers and tables from ``self.opts`` (and the peers); called once per process."""

    def peer(self, code: str) -> Rule:
        """The run's instance of another rule, configured as the project configures it.

        For a rule that builds on another one's knowledge (B002 skips what
        B001 knows); ``code`` must be one of the class's ``requires``. The peer
        exists even when it is not selected.
        """
        if code not in self.requires:
            raise ConfigError(f"rule {self.code} ({self.name}) asks for rule {code} without naming it "
                              "in its requires")
        return self._peers[code]

    # -- reporting --------------------------------------------------------------

    def finding(self, field, start: int, end: int, message: str, *,
                fix: Fix | None = None, related: Iterable[Location] = ()) -> Finding:
        """A finding on ``field.text[start:end]``."""
        if fix is not None and fix.location is None:
            fix = Fix(fix.start, fix.end, fix.replacement, fix.safe, field.location(fix.start, fix.end))
        return Finding(self.code, self.name, self.severity, message, field.location(start, end),
                       fix, tuple(related), field.text[start:end][:SNIPPET_LIMIT])

    def finding_at(self, location: Location, message: str, *,
                   related: Iterable[Location] = ()) -> Finding:
        """A finding at an already resolved location (corpus rules, readers)."""
        return Finding(self.code, self.name, self.severity, message, location, None, tuple(related))

    # -- documentation ----------------------------------------------------------

    @classmethod
    def family(cls) -> str:
        return cls.code[:1]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").strip()

    @classmethod
    def summary(cls) -> str:
        doc = cls.documentation()
        return doc.split("\n\n")[0].replace("\n", " ") if doc else ""

    @classmethod
    def check_definition(cls) -> None:
        """Raise ``ValueError`` if the class does not define a usable rule."""
        where = f"rule {cls.__module__}.{cls.__qualname__}"
        if not CODE_RE.match(cls.code or ""):
            raise ValueError(f"{where}: code {cls.code!r} is not a letter and three digits")
        if not NAME_RE.match(cls.name or ""):
            raise ValueError(f"{where}: name {cls.name!r} is not kebab-case")
        if cls.severity not in SEVERITIES:
            raise ValueError(f"{where}: severity {cls.severity!r} is not one of {SEVERITIES}")
        if cls.fix not in (None, "safe", "unsafe"):
            raise ValueError(f"{where}: fix must be 'safe', 'unsafe' or None")
        if not isinstance(cls.requires, tuple) or not all(CODE_RE.match(str(c)) for c in cls.requires):
            raise ValueError(f"{where}: requires must be a tuple of rule codes, not {cls.requires!r}")
        if not cls.documentation():
            raise ValueError(f"{where}: the docstring (its documentation) is empty")


class DocumentRule(Rule):
    kind = "document"

    def check(self, doc) -> Iterator[Finding]:
        raise NotImplementedError


class CorpusRule(Rule):
    """See the module documentation. Keys that a rule yields many of per
    document (LSH bands) should be integers, e.g. from :func:`stable_key`:
    the engine stores those in flat arrays, 16 bytes per key."""

    kind = "corpus"
    #: ``finish`` is called only for keys with at least this many records.
    min_records: int = 2
    #: False for a rule whose findings still hold on a part of the corpus (Q002 learns the
    #: typical body length, and falls back to a fixed threshold on a few files): it runs
    #: under ``--no-corpus`` too, where the part is the files given.
    whole_corpus: bool = True

    def collect(self, doc) -> Iterator[tuple[Hashable, Any]]:
        raise NotImplementedError

    def finish(self, key: Hashable, records: Sequence, corpus: Corpus) -> Iterator[Finding]:
        raise NotImplementedError


class ReaderRule(Rule):
    kind = "reader"
