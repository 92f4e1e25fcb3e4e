"""Which field of a record plays which role: title, text, date, url, id, ...

A file's roles are decided once, from a sample of its records (up to
:data:`SAMPLE_RECORDS`, not only the first), and then hold for every record
of the file. Each column (record key; nested objects are read as dotted keys,
``article.body``) is scored for each role by what its sampled values look
like; a column whose name is a known one for the role (``FIELD_CANDIDATES``)
gets a bonus, but the name alone never makes it the role:

- **text**: values that are words, not hashes, ids, URLs or numbers. A column
  with no known name must hold prose (at least half its values a dozen words
  or more, with sentences). The column with the most words per record wins;
  a known name counts its words twice.
- **title**: words, and not the text column. A column with no known name must
  look like headlines: most values 3 to 25 words, not ending in a full stop,
  not several sentences, nearly all different.
- **date**: a column with a known name, unless its values are clearly
  something else (hashes, URLs, prose); otherwise a column whose values
  nearly all parse as dates (a bare number only counts in a column named like
  a date or time). Columns named like crawl bookkeeping (``scraped_at``,
  ``date_download``, ``updated_at``, ...) are never the publication date by
  content.
- **url**: a column with a known name, unless its values are prose or
  numbers; otherwise a column whose values nearly all are URLs.
- **id**: a column named like an id (a known name, or ending in ``id``) whose
  sampled values are short, without spaces and unique (for a name ending in
  ``id``, at least two of them: ``category_id`` of a one-article file is not
  its id).
- **dateline** and the per-record suppression field (``corpuslint_ignore``)
  go by name only; the suppression field is read from every record that has
  it, whether or not the sample did.

A file of fewer than :data:`SMALL_SAMPLE` records (a folder of one-article
``.json`` files) is too small a sample to outvote a name: there a column with
a usual name whose values are missing (null, empty, ``"None"``) keeps its
role, so a null ``text`` is reported as a missing text rather than replaced
by the ``summary``.

The configuration (``fields``) overrides all of it. A reported role that no
column passes is absent: the rules that need it stay quiet, and F004 names
the columns the file has and what each holds.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..dates import parse_date_value
from .source import FIELD_CANDIDATES

#: Roles whose absence is reported (F004) and makes the rules that need them stay quiet.
REPORTED_ROLES = ("text", "title", "date")
#: How many records, at most, the roles are detected from.
SAMPLE_RECORDS = 200
#: How many bytes of raw records, at most, are held for the sample.
SAMPLE_BYTES = 4 * 1024 * 1024
#: Nested objects are read as dotted keys this many levels deep (``a.b.c.d``); deeper ones are one value.
NESTED_LEVELS = 4
#: The per-record suppression field looked for in every record when the sample has none.
IGNORE_FIELD = FIELD_CANDIDATES["ignore"][0]
#: The order roles are decided in: a column taken by one role is not considered for the next.
DETECTION_ORDER = ("text", "date", "url", "id", "title")
#: A column with no known name is considered only if at least this share of sampled records has a value in it.
MIN_COVERAGE = 0.3
#: With fewer sampled records than this (a folder of one-article ``.json`` files), a column with a
#: usual name for a role whose values are missing keeps the role: one record is too little
#: evidence against the name (a null ``text`` is a missing text, not a sign that ``summary`` is the text).
SMALL_SAMPLE = 5
#: F004 lists at most this many columns.
LISTED_COLUMNS = 8


def flatten(record: dict) -> dict:
    """``record`` with nested objects read as dotted keys: ``{"a": {"b": 1}}`` -> ``{"a.b": 1}``.

    Lists stay one value, and so do MongoDB wrappers (``{"$date": ...}``) and
    objects nested deeper than :data:`NESTED_LEVELS`. A key that itself holds a
    dot keeps it, and wins over a nested key spelled the same way.
    """
    if not any(isinstance(value, dict) for value in record.values()):
        return record
    return _flattened(record, NESTED_LEVELS)


def _flattened(record: dict, levels: int) -> dict:
    flat = {}
    for key, value in record.items():
        if isinstance(value, dict) and levels > 1 and not _is_wrapper(value):
            for inner, leaf in _flattened(value, levels - 1).items():
                flat.setdefault(f"{key}.{inner}", leaf)
        else:
            flat[key] = value
    return flat


def _is_wrapper(value: dict) -> bool:
    """True for an extended-JSON value such as ``{"$date": ...}`` or ``{"$oid": ...}``."""
    return bool(value) and all(isinstance(key, str) and key.startswith("$") for key in value)


# --- what a value looks like -----------------------------------------------------

_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+\.\S+", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?")
_HEX = re.compile(r"[0-9a-fA-F]+(?:-[0-9a-fA-F]+)*")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s|$)")
_SPACE = re.compile(r"\s")
_NULLS = frozenset({"none", "null", "nan", "n/a", "nat"})
#: Shapes of values that are words (the text and the title are made of them).
WORDY = ("word", "phrase", "prose")
#: How much of a long value is looked at for its shape, and for its share of letters.
_HEAD = 1000
_SHARE_HEAD = 200
#: Parts of column names that say the column holds a date or time.
_DATE_NAME = re.compile(r"date|time|publish|pub_|created|issued", re.IGNORECASE)
#: Parts of column names that say a date is crawl bookkeeping, not the publication date.
_NOT_PUBLICATION = re.compile(r"scrap|crawl|download|fetch|retriev|insert|updat|modif|index|access|expir|"
                              r"collect|harvest", re.IGNORECASE)
#: Column names that say the column is an id: ``id``, ``story_id``, ``story-ID``, ``articleId``.
_ID_NAME = re.compile(r"(?:^|[^A-Za-z])[iI][dD]$|[a-z](?:Id|ID)$")


def is_empty(value) -> bool:
    """True for a missing value: None, blank text, or text such as ``None``/``null``/``NaN``."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value or value.isspace() or (len(value) < 12 and value.strip().lower() in _NULLS)
    return isinstance(value, (list, dict)) and not value


def shape_of(value) -> str:
    """What one non-empty value looks like.

    ``prose`` (a dozen words or more, with a sentence end; or 25 words),
    ``phrase`` (a few words), ``word``, ``url``, ``number``, ``token`` (one
    string without spaces, with digits: a hash or an id), ``date`` (a date or
    time object), ``object``, ``list`` or ``other`` (mostly not letters).
    """
    if isinstance(value, bool):
        return "other"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if not isinstance(value, str):
        return "other"
    text = value.strip()[:_HEAD]
    if _URL.fullmatch(text):
        return "url"
    if _NUMBER.fullmatch(text):
        return "number"
    if not _SPACE.search(text):
        if (len(text) >= 8 and any(c.isdigit() for c in text)) or (len(text) >= 16 and _HEX.fullmatch(text)):
            return "token"
        return "word" if _letter_share(text) >= 0.5 else "other"
    if _letter_share(text) < 0.5:
        return "other"
    words = len(value.split())
    if words >= 25 or (words >= 12 and _SENTENCE_END.search(text)):
        return "prose"
    return "phrase"


def _letter_share(text: str) -> float:
    """The share of letters among the characters (not spaces) of the start of ``text``."""
    visible = "".join(text[:_SHARE_HEAD].split())
    return sum(map(str.isalpha, visible)) / len(visible) if visible else 0.0


def _is_hash(value) -> bool:
    return isinstance(value, str) and len(value.strip()) >= 16 and bool(_HEX.fullmatch(value.strip()))


def looks_like_title(value) -> bool:
    """A headline: 3 to 25 words, mostly letters, not ending in a full stop, at most two sentences."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not 3 <= len(text.split()) <= 25 or _letter_share(text) < 0.6:
        return False
    if text.endswith(".") and not text.endswith("..."):
        return False
    return len(_SENTENCE_END.findall(text[:-1])) <= 1


def parses_as_date(value) -> bool:
    """True if ``value`` is a date (:func:`corpuslint.dates.parse_date_value` reads it)."""
    if isinstance(value, str) and (len(value) > 64 or not any(c.isdigit() for c in value)):
        return False  # no date string is that long; every date form carries a digit
    return parse_date_value(value)[0] is not None


class Column:
    """What the sampled values of one column look like: the evidence the roles are scored on.

    Every score is a share of the column's non-empty sampled values that pass
    a test, or a mean, so that it can be explained.
    """

    #: Dates are parsed from this many values of a column, at most.
    DATE_SAMPLE = 50

    def __init__(self, name: str, order: int, values: list, records: int):
        self.name, self.order, self.records = name, order, records
        self.values = [value for value in values if not is_empty(value)]
        self.kinds = [shape_of(value) for value in self.values]
        self.shapes = Counter(self.kinds)
        self.words = sum(len(value.split()) for value in self.values if isinstance(value, str))
        self.depth = name.count(".")
        self._dates = {}

    @property
    def coverage(self) -> float:
        """The share of sampled records with a value in this column."""
        return len(self.values) / self.records if self.records else 0.0

    def share(self, *shapes: str) -> float:
        """The share of values of these shapes (0 for a column with no values)."""
        return sum(self.shapes[s] for s in shapes) / len(self.values) if self.values else 0.0

    @property
    def words_per_record(self) -> float:
        return self.words / self.records if self.records else 0.0

    @property
    def mean_words(self) -> float:
        strings = sum(isinstance(value, str) for value in self.values)
        return self.words / strings if strings else 0.0

    def date_share(self, numbers: bool) -> float:
        """The share of values (of the first :attr:`DATE_SAMPLE`) that parse as dates.

        A bare number counts only if ``numbers`` (the column is named like a date).
        """
        if numbers not in self._dates:
            tested = self.values[:self.DATE_SAMPLE]
            hits = sum(parses_as_date(value) for value, kind in zip(tested, self.kinds)
                       if kind not in ("url", "prose") and (numbers or kind != "number"))
            self._dates[numbers] = hits / len(tested) if tested else 0.0
        return self._dates[numbers]

    def hash_share(self) -> float:
        """The share of values that are hashes: 16 hexadecimal digits or more."""
        return sum(_is_hash(value) for value in self.values) / len(self.values) if self.values else 0.0

    def title_share(self) -> float:
        return sum(looks_like_title(value) for value in self.values) / len(self.values) if self.values else 0.0

    def unique_share(self) -> float:
        keys = [repr(value) for value in self.values]
        return len(set(keys)) / len(keys) if keys else 0.0

    def describe(self) -> str:
        """What the column holds, in a few words: ``prose, ~35 words``, ``hashes, 40 chars``, ``dates``."""
        if not self.values:
            return "empty"
        if self.date_share(numbers=bool(_DATE_NAME.search(self.name))) >= 0.8:
            return "dates"
        shape, count = self.shapes.most_common(1)[0]
        if count * 2 < len(self.values):
            return "mixed values"
        if shape == "token":
            width = round(sum(len(str(v).strip()) for v in self.values) / len(self.values))
            hashes = all(_is_hash(v) for v, kind in zip(self.values, self.kinds) if kind == "token")
            return f"{'hashes' if hashes else 'ids'}, {width} chars"
        words = round(self.mean_words)
        return {"prose": f"prose, ~{words} words", "phrase": f"short text, ~{words} words",
                "word": "single words", "url": "URLs", "number": "numbers", "date": "dates",
                "object": "objects", "list": "lists"}.get(shape, "other values")


def columns_of(samples: list[dict]) -> list[Column]:
    """One :class:`Column` per key of the (flattened) sampled records, in the order keys first appear."""
    values = {}
    for record in samples:
        for key, value in flatten(record).items():
            values.setdefault(key, []).append(value)
    return [Column(name, order, found, len(samples)) for order, (name, found) in enumerate(values.items())]


# --- scoring each role --------------------------------------------------------

def _text_score(column: Column, named: bool) -> float | None:
    if column.values and column.share(*WORDY) < 0.5:
        return None  # hashes, ids, URLs, numbers: never the text, whatever the column is called
    if not named and (column.share("prose") < 0.5 or column.coverage < MIN_COVERAGE):
        return None
    return column.words_per_record * (2 if named else 1)


def _title_score(column: Column, named: bool) -> float | None:
    if column.values and column.share(*WORDY) < 0.5:
        return None
    if named:
        return 2.0
    if column.coverage < MIN_COVERAGE or column.title_share() < 0.6 or \
            (len(column.values) >= 5 and column.unique_share() < 0.8):
        return None
    return column.title_share()


def _date_score(column: Column, named: bool) -> float | None:
    dateish = named or bool(_DATE_NAME.search(column.name))
    share = column.date_share(numbers=dateish)
    if named:
        clearly_other = column.share("url", "prose", "object", "list") + column.hash_share() >= 0.5
        return None if share < 0.5 and clearly_other else 2.0
    if _NOT_PUBLICATION.search(column.name) or column.coverage < MIN_COVERAGE or share < 0.8:
        return None
    return share + (0.5 if dateish else 0.0)


def _url_score(column: Column, named: bool) -> float | None:
    if named:
        return None if column.share("prose", "phrase", "number", "object", "list") >= 0.5 else 2.0
    share = column.share("url")
    return share if share >= 0.8 and column.coverage >= MIN_COVERAGE else None


def _id_score(column: Column, named: bool) -> float | None:
    if not (named or _ID_NAME.search(column.name.rsplit(".", 1)[-1])):
        return None
    if not all(_short_id(value) for value in column.values):
        return None
    if column.unique_share() < 0.95 or (not named and len(column.values) < 2):
        return None  # one value is unique in any column: an unknown name needs more evidence
    return 2.0 if named else 1.0


def _short_id(value) -> bool:
    """An id: a whole number, or text of at most 64 characters without spaces."""
    if isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and len(value) <= 64 and not _SPACE.search(value.strip())


_SCORES = {"text": _text_score, "title": _title_score, "date": _date_score, "url": _url_score, "id": _id_score}


def _candidate_rank(role: str, name: str) -> int | None:
    """The position of ``name``'s last part among the role's known names, or None."""
    last = name.rsplit(".", 1)[-1].lower()
    candidates = FIELD_CANDIDATES[role]
    return candidates.index(last) if last in candidates else None


def _named_for_another(role: str, name: str) -> bool:
    """True if ``name`` is a known name of a role other than ``role`` (``title`` is never the text)."""
    return any(_candidate_rank(other, name) is not None for other in FIELD_CANDIDATES if other != role)


def _best(role: str, columns: list[Column], taken: set, small: bool = False) -> str | None:
    """The column that plays ``role`` best, or None if none passes.

    A column named for another role is left to that role. In a ``small``
    sample (see :data:`SMALL_SAMPLE`), a column with a usual name whose values
    are all missing keeps the role: the record lacks the value, and another
    column does not stand in for it.
    """
    if small:
        missing = [(rank, column.depth, column.order, column.name) for column in columns
                   if not column.values and column.name not in taken
                   and (rank := _candidate_rank(role, column.name)) is not None]
        if missing:
            return min(missing)[3]
    best, best_key = None, None
    for column in columns:
        if column.name in taken or _named_for_another(role, column.name):
            continue
        rank = _candidate_rank(role, column.name)
        score = _SCORES[role](column, rank is not None)
        if score is None:
            continue
        key = (score, rank is not None, -(rank or 0), -column.depth, -column.order)
        if best_key is None or key > best_key:
            best, best_key = column.name, key
    return best


def _by_name(role: str, columns: list[Column]) -> str | None:
    """The column with a known name for ``role`` (shallowest, then first), for roles found by name only."""
    named = [(rank, column.depth, column.order, column.name) for column in columns
             if (rank := _candidate_rank(role, column.name)) is not None]
    return min(named)[3] if named else None


class RoleMap:
    """Role -> record key for one file, and the roles it lacks.

    ``keys[role]`` is the key (``None``: the file has no field for it);
    ``configured`` the roles named in the configuration; ``absent`` the
    reported roles that were not found; ``header`` how a table's columns were
    named (``None`` for files that are not tables); ``columns`` the file's
    columns with what each holds, for the F004 message (not carried to parts).
    """

    def __init__(self, keys: dict, configured: dict, absent: frozenset = frozenset(), header: str | None = None,
                 columns: tuple = ()):
        self.keys = keys
        self.configured = configured
        self.absent = absent
        self.header = header
        self.columns = columns

    @classmethod
    def detect(cls, samples: list[dict], configured: dict, header: str | None = None) -> RoleMap:
        """The roles of a file whose sampled records are ``samples`` (see the module's documentation).

        ``header`` says how a table's columns were named (``first row``, ``none (detected)``, ...).
        """
        configured = {role: name for role, name in configured.items() if name}
        columns = columns_of(samples)
        keys = dict.fromkeys(FIELD_CANDIDATES)
        keys.update((role, name) for role, name in configured.items() if role in keys)
        taken = set(configured.values())
        small = len(samples) < SMALL_SAMPLE
        for role in DETECTION_ORDER:
            if keys[role] is None:
                keys[role] = _best(role, columns, taken, small)
                taken.add(keys[role])
        for role in ("dateline", "ignore"):
            if keys[role] is None:
                keys[role] = _by_name(role, columns)
        if keys["ignore"] is None:
            keys["ignore"] = IGNORE_FIELD
        absent = frozenset(role for role in REPORTED_ROLES if keys[role] is None)
        listed = tuple((column.name, column.describe()) for column in columns) if absent else ()
        return cls(keys, configured, absent, header, listed)

    def pairs(self) -> tuple:
        """The mapping as a tuple that pickles and compares cheaply (for parts of a file)."""
        return (tuple(sorted(self.keys.items())), tuple(sorted(self.configured.items())), tuple(sorted(self.absent)),
                self.header)

    @classmethod
    def from_pairs(cls, pairs: tuple) -> RoleMap:
        keys, configured, absent, header = pairs
        return cls(dict(keys), dict(configured), frozenset(absent), header)

    def value(self, record: dict, role: str):
        """The value ``record`` has for ``role`` (a dotted key reads into nested objects), or None."""
        key = self.keys.get(role)
        return flatten(record).get(key) if key is not None else None

    def describe(self) -> str:
        """One line, for ``--show-settings``: ``title=headline text=body (configured) date=(none) ...``.

        Files that are tables end with how their columns were named: ``; header: none (detected)``.
        """
        parts = []
        for role, key in self.keys.items():
            if role == "ignore":
                continue
            shown = "(none)" if key is None else key
            parts.append(f"{role}={shown}{' (configured)' if role in self.configured else ''}")
        return " ".join(parts) + (f"; header: {self.header}" if self.header else "")

    def missing_messages(self) -> list[str]:
        """One message per reported role the file lacks (for F004), naming the file's columns."""
        return [missing_role_message(role, self.columns) for role in REPORTED_ROLES if role in self.absent]


def missing_role_message(role: str, columns: tuple) -> str:
    """``no text field found in this file; columns: id (numbers), story (hashes, 40 chars), ...; name it ...``."""
    return (f"no {role} field found in this file; {columns_text(columns)}; "
            f"name it with `fields.{role}` in the configuration")


def columns_text(columns: tuple) -> str:
    """``columns: a (numbers), b (prose, ~35 words)``, at most :data:`LISTED_COLUMNS` of them."""
    if not columns:
        return "the records have no fields"
    shown = [f"{_short(name)} ({what})" for name, what in columns[:LISTED_COLUMNS]]
    more = len(columns) - LISTED_COLUMNS
    return "columns: " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _short(name: str, width: int = 30) -> str:
    if not name:
        return '""'
    name = " ".join(name.split())
    return name if len(name) <= width else name[:width - 1] + "\u2026"
