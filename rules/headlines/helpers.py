"""Helpers of the H rules: headlines compared as words, documents as publication days, and the
shapes of first lines (H002, H005, H006) learned from the corpus."""
from __future__ import annotations

import math
import os
import re
from typing import NamedTuple

from corpuslint.rule import stable_key
from corpuslint.text import ends_sentence

_WORD = re.compile(r"\w+")
#: Articles and auxiliary verbs: headlinese drops them, a lead sentence keeps them.
SENTENCE_WORDS = re.compile(r"\b(?:the|a|an|is|are|was|were|has|have|had|will|would)\b")
#: A lead has at least this many words: a shorter stacked line (H002) or first line (H005) is never taken for one.
LEAD_MIN_WORDS = 10


def normalise_headline(text: str) -> str:
    """The headline's words in lower case, without punctuation: "U.S. Trade-Gap" -> "u s trade gap"."""
    return " ".join(_WORD.findall(text.lower()))


def publication_day(doc) -> int | None:
    """The publication date as a day number, if the document has one."""
    return next((d.value.toordinal() for d in doc.publication_dates if d.value is not None), None)


# -- stacked headline lines (H002, and H006 leaves H002's documents to it) ----------------------

def title_case(words: list[str]) -> bool:
    """True if most words that start with a letter are capitalised ("Council Approves Final Repairs")."""
    lettered = [w for w in words if w[:1].isalpha()]
    capitalised = sum(1 for w in lettered if w[0].isupper())
    return capitalised * 4 >= len(lettered) * 3


def reads_like_lead(line: str) -> bool:
    """True for a long sentence-case line with articles or auxiliaries: a lead without its full stop."""
    words = line.split()
    if len(words) < LEAD_MIN_WORDS or title_case(words):
        return False
    return bool(SENTENCE_WORDS.search(line.lower()))


def stacked_headlines(doc) -> list:
    """The headline spans H002 counts as stacked: the first, and the later ones that are not a lead."""
    return [span for i, span in enumerate(doc.headlines) if i == 0 or not reads_like_lead(span.text)]


# -- line shapes -----------------------------------------------------------------------------------
#
# A shape packs what H005 and H006 compare of a line into one small integer:
# its word count, whether it ends like a sentence, its case (sentence case, Title
# Case, CAPITALS) and whether it has articles or auxiliaries. 0 means "no line".

SENTENCE_CASE, TITLE_CASE, CAPITALS = 0, 1, 2
CASE_NAMES = {SENTENCE_CASE: "in sentence case", TITLE_CASE: "in Title Case", CAPITALS: "in capitals"}
_MAX_WORDS = 4095
_SAMPLE_WORDS = 40


def shape(line: str) -> int:
    """The shape of a non-empty ``line`` (see above); 0 if it has no words. Case and articles are
    judged on the first :data:`_SAMPLE_WORDS` words: a long paragraph has no headline's case."""
    words = line.split()
    if not words:
        return 0
    sample = words[:_SAMPLE_WORDS]
    opening = " ".join(sample)
    if opening.isupper() and sum(c.isalpha() for c in opening) >= 2:
        case = CAPITALS
    elif len(sample) >= 2 and title_case(sample):
        case = TITLE_CASE
    else:
        case = SENTENCE_CASE
    prose = bool(SENTENCE_WORDS.search(opening.lower()))
    return min(len(words), _MAX_WORDS) << 4 | ends_sentence(line) << 3 | case << 1 | prose


def shape_words(packed: int) -> int:
    return packed >> 4


def shape_ends(packed: int) -> bool:
    return bool(packed >> 3 & 1)


def shape_case(packed: int) -> int:
    return packed >> 1 & 3


def _features(packed: int) -> tuple[int, int, int]:
    """The categorical features of a shape: sentence end, case, articles/auxiliaries."""
    return packed >> 3 & 1, packed >> 1 & 3, packed & 1


_SIZES = (2, 3, 2)
#: The most evidence (natural log of a likelihood ratio) one feature may give, per feature: the word
#: count, the sentence end, the case, articles/auxiliaries. Capped, so that no single feature decides
#: against all the others; the last counts least, since some headlines have articles too.
EVIDENCE_CAPS = (4.0, 4.0, 4.0, 1.5)
#: The share of lines of a kind whose word count is anything at all (a flat density over 1-100 words,
#: in log words): far outside both kinds' usual lengths, the word count is evidence of nothing.
_STRAY, _FLAT = 0.02, 1 / math.log(100)
_SQRT_TAU = math.sqrt(2 * math.pi)
#: The narrowest spread (in log words) a kind of line is given: a source whose headlines all have
#: 5 or 6 words does not make a 9-word headline impossible.
_MIN_SPREAD = 0.15


class LineStats:
    """How one kind of line (headlines, lead paragraphs) looks across a set of documents.

    The word count is modelled as log-normal, from the median and the median absolute
    deviation (so that a few odd lines do not move it), mixed with a small flat share; the
    other features by their shares.
    """

    def __init__(self, shapes: list[int]):
        self.count = len(shapes)
        self.words = sorted(shape_words(s) for s in shapes)
        logs = [math.log(words) for words in self.words]
        self.centre = logs[len(logs) // 2]
        deviations = sorted(abs(value - self.centre) for value in logs)
        self.spread = max(_MIN_SPREAD, 1.4826 * deviations[len(deviations) // 2])
        self.counts = [[0] * size for size in _SIZES]
        for packed in shapes:
            for counts, value in zip(self.counts, _features(packed)):
                counts[value] += 1

    def quantile(self, share: float) -> int:
        return self.words[min(self.count - 1, int(share * self.count))]

    def robust_max(self) -> int:
        """The most words a line of this kind has, outliers aside (upper quartile + 3 interquartile ranges)."""
        upper = self.quantile(0.75)
        return upper + 3 * max(1, upper - self.quantile(0.25))

    def share_ending(self) -> float:
        return self.counts[0][1] / self.count

    def share_in_case(self, case: int) -> float:
        return self.counts[1][case] / self.count

    def log_likelihood(self, packed: int) -> list[float]:
        """Per feature, the log likelihood of ``packed``'s value among these lines (shares smoothed)."""
        z = (math.log(shape_words(packed)) - self.centre) / self.spread
        density = math.exp(-z * z / 2) / (self.spread * _SQRT_TAU)
        return [math.log((1 - _STRAY) * density + _STRAY * _FLAT)] + [
            math.log((counts[value] + 0.5) / (self.count + 0.5 * len(counts)))
            for counts, value in zip(self.counts, _features(packed))]


class Evidence(NamedTuple):
    """How much more a line looks like one kind than another, feature by feature (natural logs)."""

    words: float
    ending: float
    case: float
    prose: float

    @property
    def total(self) -> float:
        return sum(self)


def evidence(packed: int, like: LineStats, unlike: LineStats) -> Evidence:
    """The log-likelihood ratio of ``packed`` being a ``like`` line rather than an ``unlike`` one
    (naive Bayes over its features, each capped by :data:`EVIDENCE_CAPS`)."""
    pairs = zip(like.log_likelihood(packed), unlike.log_likelihood(packed), EVIDENCE_CAPS)
    return Evidence(*(max(-cap, min(cap, a - b)) for a, b, cap in pairs))


# -- documents grouped by where they come from ---------------------------------------------------

#: Formats whose files hold many records: a file is a source of its own.
_MULTI_RECORD = frozenset(("jsonl", "csv", "parquet", "arrow"))
#: What a group is: the text files of a folder, the records of one file, the record files of a folder.
TEXT_FOLDER, RECORD_FILE, RECORD_FOLDER = 0, 1, 2


def source_group(doc) -> tuple[int, int]:
    """``(group, kind)``: documents from one folder of text files, or one record file, or one folder
    of single-record files share a group (see the kinds above)."""
    if not doc.is_record:
        kind = TEXT_FOLDER
    else:
        kind = RECORD_FILE if doc.format in _MULTI_RECORD else RECORD_FOLDER
    return stable_key(kind, source_label(doc.path, kind)), kind


def source_label(path: str, kind: int) -> str:
    """What a group is named in messages: the record file, or the folder."""
    return path if kind == RECORD_FILE else os.path.join(os.path.dirname(path), "")


class Model(NamedTuple):
    """The two kinds of line a corpus rule compares, learned from one group (or pool)."""

    headlines: LineStats
    leads: LineStats
    #: Where the documents come from, for messages ("bbc/business/", "news.jsonl", "this corpus's records").
    label: str


def learn(records: list, min_documents: int, others_names: tuple[str, ...]) -> dict:
    """Models learned from records with ``group``, ``kind``, ``head`` and the shapes named by
    ``others_names`` (the lines compared with headlines), per group and per pool (text files,
    records): a group with fewer than ``min_documents`` headlines or other lines falls back to its
    pool, and a pool that small has no model."""
    heads, others = {}, {}
    for record in records:
        for key in (record.group, ("pool", record.kind > TEXT_FOLDER)):
            if record.head:
                heads.setdefault(key, []).append(record.head)
            for name in others_names:
                line = getattr(record, name)
                if line:
                    others.setdefault(key, []).append(line)
    return {key: (LineStats(shapes), LineStats(others[key])) for key, shapes in heads.items()
            if len(shapes) >= min_documents and len(others.get(key, ())) >= min_documents}


def model_for(models: dict, record, path: str) -> Model | None:
    """The record's group model, or its pool's when the group is too small, labelled for messages."""
    if record.group in models:
        return Model(*models[record.group], source_label(path, record.kind))
    pool = record.kind > TEXT_FOLDER
    if ("pool", pool) in models:
        return Model(*models["pool", pool], "this corpus's records" if pool else "this corpus's text files")
    return None


def modelled(records, min_documents: int, others_names: tuple[str, ...]):
    """``(record, model)`` for each record with a location whose group or pool has a model
    (see :func:`learn`); records is iterated twice (learning, then judging)."""
    models = learn(records, min_documents, others_names)
    for record in records:
        if record.location is not None:
            model = model_for(models, record, record.location.path)
            if model is not None:
                yield record, model


class Profile(NamedTuple):
    """The shapes of a document's first lines (0: the document has no such line)."""

    #: The headline (a record's title).
    head: int
    #: The first body paragraph, whole.
    lead: int
    #: The first line of the first body paragraph, if more body text follows it.
    first: int
    #: The first line of the second body paragraph: what a line of body text looks like.
    second: int


def profile(doc) -> Profile:
    """The document's :class:`Profile`, computed once for H005 and H006."""
    return doc.memo("headlines.profile", lambda: _profile(doc))


def _profile(doc) -> Profile:
    head = shape(doc.headlines[0].text) if doc.headlines else 0
    if not doc.paragraphs:
        return Profile(head, 0, 0, 0)
    text = doc.paragraphs[0].text
    first_line = text.split("\n", 1)[0]
    more = len(first_line) < len(text) or len(doc.paragraphs) > 1
    second = shape(doc.paragraphs[1].text.split("\n", 1)[0]) if len(doc.paragraphs) > 1 else 0
    return Profile(head, shape(text), shape(first_line) if more else 0, second)


def first_line_span(doc):
    """``(field, start, end)`` of the first line of the first body paragraph."""
    paragraph = doc.paragraphs[0]
    text = paragraph.field.text
    newline = text.find("\n", paragraph.start, paragraph.end)
    end = paragraph.end if newline == -1 else newline
    while end > paragraph.start and text[end - 1].isspace():
        end -= 1
    return paragraph.field, paragraph.start, end


def line_after(field, end: int) -> str:
    """The next non-blank line of ``field.text`` after offset ``end`` (stripped; "" at the end)."""
    text = field.text
    newline = text.find("\n", end)
    while newline != -1:
        following = text.find("\n", newline + 1)
        line = text[newline + 1:following if following != -1 else len(text)].strip()
        if line:
            return line
        newline = following
    return ""


def percent(share: float) -> str:
    """A share for a message: "0%", "1%", "99%", "100%" (never rounded to 0% or 100% unless it is)."""
    value = round(share * 100)
    if value == 0 and share > 0:
        return "under 1%"
    if value == 100 and share < 1:
        return "over 99%"
    return f"{value}%"


def join_words(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def describe_line(packed: int, seen, stats) -> tuple[list[str], list[str]]:
    """What a reported line looks like (``["has 31 words", "ends with a full stop"]``) and, for
    each feature that counted as evidence in ``seen``, how often the corpus's lines of
    ``stats`` share it (``["4% of them end like a sentence"]``)."""
    line, usual = [f"has {shape_words(packed)} words"], []
    if seen.ending > 0:
        line.append("ends with a full stop" if shape_ends(packed) else "does not end like a sentence")
        usual.append(f"{percent(stats.share_ending())} of them end like a sentence")
    case = shape_case(packed)
    if seen.case > 0:
        line.append(f"is {CASE_NAMES[case]}")
        usual.append(f"{percent(stats.share_in_case(case))} of them {CASE_NAMES[case]}")
    return line, usual
