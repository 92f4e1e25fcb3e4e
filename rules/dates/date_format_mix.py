import os
import re
from typing import NamedTuple
from urllib.parse import urlsplit

from corpuslint.finding import Location
from corpuslint.rule import CorpusRule, Option, stable_key
from corpuslint.text import quote

#: Record fields that name a document's source, tried in this order before the URL's domain.
SOURCE_FIELDS = ("source_domain", "domain", "source", "site", "publisher", "source_name", "outlet")
#: Record formats whose files hold many records: a file is a source. Text and JSON files are
#: grouped by their top folder instead.
_MANY_RECORDS = ("jsonl", "csv", "parquet")
#: The key of every document grouped by folder.
_BY_FOLDER = stable_key("D006", "folder")
_KINDS = ("metadata", "field", "glued")

_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_MONTH_NAMES = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december".split())
_WEEKDAY_NAMES = frozenset(
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday".split())
_ORDINALS = frozenset(("st", "nd", "rd", "th"))
#: Between a date and its time of day: dropped with the time.
_BEFORE_TIME = frozenset(("t", "at", ",", "-", "@", "|", "\u2013", "\u2014"))
#: Numbers in a day and month pair whose order cannot be told (both 12 or less).
AMBIGUOUS = "nn"


class DateRecord(NamedTuple):
    """What D006 keeps of a dated document: its date's pattern, the date and where it is."""

    #: The date's written pattern (see :func:`date_pattern`), e.g. ``yyyy-mm-dd``.
    pattern: str
    #: The source's name for records (a domain, a source field, the file); ``None`` for documents
    #: grouped by folder.
    source: str | None
    #: The date as written (at most 40 characters).
    raw: str
    location: Location


def date_pattern(raw: str) -> str:
    """How ``raw`` is written, with the values masked: ``2021-08-04T10:00Z`` -> ``yyyy-mm-dd``,
    ``Wed, 4 Aug 2021`` -> ``Weekday d Month yyyy``, ``04/13/2021`` -> ``mm/dd/yyyy``.

    The time of day and anything after it are left out, and so are commas, a full stop after a
    month name and ordinal suffixes (``4th``); month names count as one whether abbreviated or
    not. A day and month in numbers are told apart when one of them is over 12 (``dd/mm/yyyy``,
    ``mm/dd/yyyy``); when both are 12 or less the pattern says ``nn/nn/yyyy``.
    """
    text = raw.strip()
    if _NUMBER.fullmatch(text):
        return "yyyymmdd" if len(text) in (8, 14) and text.isdigit() else "Unix timestamp"
    tokens = [(m.group(), m.start() > 0 and text[m.start() - 1].isspace()) for m in _TOKEN.finditer(text)]
    for i in range(len(tokens) - 1):
        if tokens[i][0].isdigit() and tokens[i + 1][0] == ":":  # the time of day starts here
            tokens = tokens[:i]
            break
    while tokens and tokens[-1][0].lower() in _BEFORE_TIME:
        tokens.pop()
    shape = []  # [part, spaced]
    for i, (token, spaced) in enumerate(tokens):
        low = token.lower()
        after_number = i > 0 and tokens[i - 1][0].isdigit()
        if (low in _ORDINALS and after_number) or token == "," or (token == "." and not after_number):
            continue  # "4th", "August 4, 2021", "Aug."
        if token.isdigit():
            part = "yyyy" if len(token) == 4 else token
        else:
            part = "Month" if low in _MONTH_NAMES else "Weekday" if low in _WEEKDAY_NAMES else low
        shape.append([part, spaced])
    _name_numbers(shape)
    return "".join((" " if spaced and i else "") + part for i, (part, spaced) in enumerate(shape))


def _name_numbers(shape: list) -> None:
    """Name the day and month numbers of ``shape`` (``[part, spaced]`` pairs) by their place and size."""
    numbers = [i for i, (part, _) in enumerate(shape) if part.isdigit()]
    has_month_name = any(part == "Month" for part, _ in shape)
    if has_month_name or len(numbers) != 2:
        for i in numbers:
            shape[i][0] = "d" if has_month_name and len(shape[i][0]) <= 2 else "n"
        return
    if shape[0][0] == "yyyy":  # year first: year, month, day
        names = ("mm", "dd")
    else:
        first, second = (int(shape[i][0]) for i in numbers)
        names = ("dd", "mm") if first > 12 >= second else ("mm", "dd") if second > 12 >= first \
            else (AMBIGUOUS, AMBIGUOUS)
    shape[numbers[0]][0], shape[numbers[1]][0] = names


def compatible(pattern: str, other: str) -> bool:
    """True if a date written ``pattern`` may be written the same way as one written ``other``:
    the same pattern, or one of them has a day and month whose order cannot be told."""
    if pattern == other:
        return True
    for vague, clear in ((pattern, other), (other, pattern)):
        if AMBIGUOUS in vague and clear in (vague.replace(AMBIGUOUS, "dd", 1).replace(AMBIGUOUS, "mm", 1),
                                            vague.replace(AMBIGUOUS, "mm", 1).replace(AMBIGUOUS, "dd", 1)):
            return True
    return False


def _supports(pattern: str, usual: str) -> bool:
    """True if a date written ``pattern`` counts for ``usual`` as a source's format: the same
    pattern, or ``pattern``'s order cannot be told and ``usual``'s can."""
    return pattern == usual or (AMBIGUOUS in pattern and AMBIGUOUS not in usual and compatible(pattern, usual))


class DateFormatMix(CorpusRule):
    """A document whose date is written in another format than most documents from the same source.

    Why it matters: one source (a site, a feed, a scraper's output) writes its
    dates one way. A document from it whose date is written another way
    (``4 August 2021`` among ``2021-08-04``, ``13/04/2021`` among
    ``04/13/2021``) was dated by another path: a date taken from the page's
    text instead of its metadata, an update time instead of the publication
    time, a second scraper, or a loader that swapped day and month. Parsers
    configured for the source's format misread it or drop it.

    Example: 47 of 48 records from ``www.example.com`` have a date like
    ``2021-08-04T10:12:00``; the one dated ``08/04/2021`` is reported.

    A source is a record's ``source_domain``, ``domain``, ``source``,
    ``site``, ``publisher``, ``source_name`` or ``outlet`` field, else the
    domain of its URL field, else its file (JSONL, CSV, Parquet). Text files
    and JSON files without one are grouped by their top folder under the
    folder that holds every such file of the run (``site-a/2021/x.txt`` is
    from ``site-a``). Only dates from metadata lines and date fields are read
    (not datelines, not dates in the text), and only dates that can be
    parsed: D002 reports the others.

    A date's format is its pattern with the values masked: ``yyyy-mm-dd``,
    ``d Month yyyy``, ``Month d yyyy``, ``Weekday d Month yyyy``,
    ``dd/mm/yyyy``... The time of day is left out (``2021-08-04`` and
    ``2021-08-04T10:00:00Z`` are written alike), so are commas and ordinal
    suffixes, and ``Aug`` and ``August`` are both a month name. A day and
    month in numbers whose order cannot be told (``04/08/2021``, written
    ``nn/nn/yyyy``) agree with both ``dd/mm/yyyy`` and ``mm/dd/yyyy``, and
    count for the order that the source's other dates show.

    The source's format is the one most of its dated documents follow;
    documents are reported when at least ``min-documents`` documents from the
    source are dated and at least ``min-share`` of them follow it. The message
    names the format, how many follow it and the first document that does.

    Costs one record per dated document: its pattern, the date as written,
    the source's name for records and the date's location (about 150 bytes).
    """

    code = "D006"
    name = "date-format-mix"
    severity = "warning"
    options = {
        "min-documents": Option(10, "fewest dated documents from one source before it has a format",
                                minimum=2),
        "min-share": Option(0.9, "smallest share of those documents that must write dates the same way",
                            minimum=0.5, maximum=1.0),
    }

    def collect(self, doc):
        mention = next((d for d in doc.dates if d.kind in _KINDS and d.value is not None), None)
        if mention is None:
            return
        source = _record_source(doc) if doc.is_record else None
        record = DateRecord(date_pattern(mention.raw), source, mention.raw[:40], mention.span.location())
        yield (_BY_FOLDER if source is None else stable_key("D006", source)), record

    def finish(self, key, records, corpus):
        top = _top_folders({os.path.dirname(r.location.path) for r in records}) if key == _BY_FOLDER else None

        def source_of(record):
            return record.source if top is None else top[os.path.dirname(record.location.path)]

        tallies = {}  # source -> pattern -> [count, first record]
        for record in records:
            tally = tallies.setdefault(source_of(record), {})
            if record.pattern in tally:
                tally[record.pattern][0] += 1
            else:
                tally[record.pattern] = [1, record]
        usual = {source: self._usual(tally) for source, tally in tallies.items()}
        for record in records:
            source = source_of(record)
            if usual[source] is None or compatible(record.pattern, usual[source][0]):
                continue
            pattern, followers, total, example = usual[source]
            yield self.finding_at(
                record.location,
                f"date {quote(record.raw)} is written {record.pattern}, but {followers:,} of {total:,} dated "
                f"documents from {source} write {pattern} (first: {example.location.short()} "
                f"{quote(example.raw)}); write this source's dates one way",
                related=[example.location])

    def _usual(self, tally: dict):
        """``(pattern, documents that follow it, dated documents, first that follows it)`` of one
        source's format, or ``None`` if it has none or every document follows it."""
        total = sum(count for count, _ in tally.values())
        if total < self.opts.min_documents:
            return None
        support = {pattern: sum(count for other, (count, _) in tally.items() if _supports(other, pattern))
                   for pattern in tally}
        usual = max(tally, key=lambda p: (support[p], tally[p][0]))
        followers = support[usual]
        if followers < self.opts.min_share * total or followers == total:
            return None
        return usual, followers, total, tally[usual][1]


def _record_source(doc) -> str:
    """The source of a record: a source field, else its URL's domain, else its file (or ``None``:
    group it by folder)."""
    for name in SOURCE_FIELDS:
        field = doc.fields.get(name)
        if field is not None and field.text.strip():
            return field.text.strip()
    url_key = doc.roles.keys.get("url") if doc.roles is not None else None
    url = doc.fields.get(url_key) if url_key else None
    if url is not None:
        try:
            host = urlsplit(url.text.strip()).hostname
        except ValueError:  # not a URL after all
            host = None
        if host:
            return host
    return doc.path if doc.format in _MANY_RECORDS else None


def _top_folders(folders: set[str]) -> dict[str, str]:
    """For each folder, its top folder under the folder that holds all of them (that folder
    itself for the folder itself)."""
    try:
        common = os.path.commonpath(list(folders))
    except ValueError:  # absolute and relative paths mixed, or a file in the current folder
        return {folder: folder or "." for folder in folders}
    tops = {}
    for folder in folders:
        top = os.path.relpath(folder, common).split(os.sep)[0] if common else (folder or ".").split(os.sep)[0]
        tops[folder] = (common or ".") if top == "." else os.path.join(common, top)
    return tops
