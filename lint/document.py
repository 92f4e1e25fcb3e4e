"""The document model every rule sees.

A :class:`Document` is one article: a whole ``.txt``/``.md`` file, or one
record of a JSONL/CSV file. It knows its id and source file, its headline
line(s), its date(s), its body paragraphs and, for records, its structured
fields. All text lives in :class:`Field` objects, and every offset a rule
reports is an offset into one field; the field maps it back to the file's
physical ``line:column``.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from dataclasses import field as _field

from .finding import Location
from .positions import Origin
from .text import WORD_RE, lower_preserving_length


class Field:
    """A run of text from the source file.

    ``name`` is the record field name (``"title"``, ``"text"``, ...) or
    ``None`` for a plain-text file, whose single field is the whole file.
    """

    __slots__ = ("_lower", "_memo", "_words", "doc_id", "name", "origin", "path", "text")

    def __init__(self, name: str | None, text: str, origin: Origin, doc_id: str, path: str):
        self.name = name
        self.text = text
        self.origin = origin
        self.doc_id = doc_id
        self.path = path
        self._lower = None
        self._words = None
        self._memo = None

    @property
    def lower(self) -> str:
        """The text in lower case, with the same length (offsets stay valid)."""
        if self._lower is None:
            self._lower = lower_preserving_length(self.text)
        return self._lower

    @property
    def word_set(self) -> frozenset:
        """Every distinct lower-case word in the field, for cheap pre-filtering."""
        if self._words is None:
            self._words = frozenset(WORD_RE.findall(self.lower))
        return self._words

    def memo(self, key, compute):
        """``compute()``, once per field and ``key``: analyses that several rules share."""
        if self._memo is None:
            self._memo = {}
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def location(self, start: int, end: int | None = None) -> Location:
        """The file location of ``text[start:end]``."""
        if end is None or end < start:
            end = start
        line, column = self.origin.locate(start)
        end_line, end_column = self.origin.locate(end) if end != start else (line, column)
        return Location(self.path, self.doc_id, self.name, line, column, end_line, end_column)

    def __repr__(self):
        return f"Field({self.name!r}, {self.text[:40]!r}...)"


@dataclass(frozen=True, slots=True)
class Span:
    """``field.text[start:end]``."""

    field: Field
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.field.text[self.start:self.end]

    def location(self) -> Location:
        return self.field.location(self.start, self.end)


@dataclass(slots=True)
class DateMention:
    """A date the document carries: a metadata line, a record field or a dateline.

    ``kind`` is ``"metadata"`` (its own line, e.g. ``date 2021-08-04``),
    ``"glued"`` (a metadata marker running into the headline or body text),
    ``"field"`` (a record's date field) or ``"dateline"`` (``SALVADOR, Feb 26 -``,
    which has no year). ``value`` is the parsed date, or ``None`` with ``error``
    saying why it could not be parsed. For ``"glued"`` dates, ``marker`` spans
    the whole marker (label, date and the space after it).
    """

    span: Span
    kind: str
    value: _dt.date | None = None
    error: str | None = None
    marker: Span | None = None

    @property
    def raw(self) -> str:
        return self.span.text

    @property
    def has_year(self) -> bool:
        return self.kind != "dateline"


@dataclass(slots=True)
class DecodeIssue:
    """Bytes that were not valid UTF-8: where, and what was done about them.

    In a text file ``start``/``end`` are offsets in ``field``. In a record
    they are offsets in the raw record (``field`` is ``None``), already
    resolved to ``location``: the bytes may sit anywhere in the record.
    """

    field: Field | None
    start: int
    end: int
    message: str
    location: Location | None = None

    def where(self) -> Location:
        return self.location if self.location is not None else self.field.location(self.start, self.end)


@dataclass(slots=True)
class Document:
    """One article.

    ``format`` is ``"text"`` for a plain-text file, ``"jsonl"`` or ``"csv"``
    for a record. ``fields`` holds every text field (for a plain-text file, one
    field ``"text"`` that is the whole file). ``prose`` lists the fields with
    running text that language rules read (the whole file, or a record's title
    and body). ``headlines``, ``paragraphs``, ``dates`` and ``dateline`` are
    the parsed structure; ``decode_issues`` says what was not valid UTF-8.
    """

    id: str
    path: str
    format: str
    fields: dict[str, Field]
    prose: list[Field]
    body: Field | None
    headlines: list[Span] = _field(default_factory=list)
    paragraphs: list[Span] = _field(default_factory=list)
    dates: list[DateMention] = _field(default_factory=list)
    dateline: Span | None = None
    metadata: list[Span] = _field(default_factory=list)
    encoding: str = "utf-8"
    decode_issues: list[DecodeIssue] = _field(default_factory=list)
    line: int = 1
    #: Roles (``title``, ``date``, ...) that this document's file has no field for.
    absent_roles: frozenset = frozenset()
    #: Rule codes, prefixes or names (or ``"ALL"``) a record asks not to report on it.
    suppressed: frozenset = frozenset()
    #: Writes changed field values back into the document's raw text (for fixes).
    editor: object = _field(default=None, repr=False)
    #: For a record: which field plays which role in its file (a ``readers.fields.RoleMap``).
    roles: object = _field(default=None, repr=False)
    _memo: dict = _field(default_factory=dict, repr=False)

    def memo(self, key, compute):
        """``compute()``, once per document and ``key``: analyses that several rules share."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def is_record(self) -> bool:
        return self.format != "text"

    @property
    def publication_dates(self) -> list[DateMention]:
        """Dates that can date the article (not a year-less dateline)."""
        return [d for d in self.dates if d.has_year]

    def start_location(self) -> Location:
        """Where to report a finding about the document as a whole."""
        if self.headlines:
            return self.headlines[0].location()
        if self.body is not None:
            return self.body.location(0, 0)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            return first.location(0, 0)
        return Location(self.path, self.id, None, self.line, 1, self.line, 1)

    def body_text(self) -> str:
        """The body paragraphs joined by blank lines (for fingerprints and counts)."""
        return "\n\n".join(p.text for p in self.paragraphs)
