"""No rule's cost grows faster than its document (issue 9: "no rule is super-linear").

Every registered document rule's ``check``, every corpus rule's ``collect``
(with ``finish`` on the groups of records the one document makes) and the
reader that builds the document are run on documents of several sizes and
shapes, all made here at test time:

- random bytes, decoded as the reader decodes a file;
- news-like text, and a list of thousands of names in two cases and two spellings;
- one line without a newline, many very short lines, one hard-wrapped paragraph,
  Chinese without a space before a last word, thousands of stacked headlines;
- long runs of one character;
- a JSONL record with a huge title.

Every document holds the same paragraph (at its start, or after the headlines
or in the record's text), in which almost every rule finds something. Rules
skip a document cheaply when it cannot concern them (no capitalised word in
two cases, no U+FFFD): without that paragraph a rule could skip the 100 KB
document and analyse the 300 KB one, and look super-linear.

What is measured is the CPU time of this thread (``time.thread_time``: other
processes on the machine do not inflate it), the best of two runs (five when
the growth looks too fast: a hiccup does not fail the test), each on a
document whose memoised analyses were forgotten. A deterministic
count of work (Python calls or bytecodes traced) would cost far more than the
rules themselves and would not see the work done inside regular expressions
and other C code, where a quadratic scan is as likely.

The assertion: from one size to the next (``ratio`` times larger) the cost
grows at most ``ratio ** 1.5`` times, half way between linear (``ratio``) and
quadratic (``ratio ** 2``) on a log scale. A cost below ``FLOOR_PER_CHAR`` per
character of the smaller document counts as that floor, so that microseconds
of noise on a rule that does nothing cannot fail the test.

A run that takes twice the time its growth allows (and at least a second) is
stopped there and fails, so a quadratic rule costs seconds, not hours.

The sizes are 10 KB, 100 KB and 300 KB; ``CORPUSLINT_SLOW_TESTS=1`` adds 1 MB
(about three times as long).
"""
import contextlib
import dataclasses
import gc
import itertools
import json
import math
import os
import random
import signal
import time

import pytest

from corpuslint.config import Settings
from corpuslint.document import Document, Field
from corpuslint.positions import Origin
from corpuslint.readers import Source, read
from corpuslint.readers.decode import decode
from corpuslint.readers.plaintext import document_from_text
from corpuslint.reduce import RecordStore
from corpuslint.registry import Selection, build_rules
from corpuslint.rule import Corpus, CorpusRule, DocumentRule

SLOW = os.environ.get("CORPUSLINT_SLOW_TESTS") == "1"
SIZES = (10_000, 100_000, 300_000) + ((1_000_000,) if SLOW else ())
#: Growth allowed from one size to the next, as a power of the size ratio.
EXPONENT = 1.5
#: Seconds per character below which a cost is counted as this much (noise, not work).
FLOOR_PER_CHAR = 1e-8
#: Runs of one measurement at most (and when a growth looks too fast), and the CPU
#: seconds after which no more are made.
REPEAT, CONFIRM, ENOUGH = 2, 5, 1.0
#: CPU seconds after which a run is stopped: at the first size (a hang), and at least at the others.
FIRST_LIMIT, MIN_LIMIT = 60.0, 1.0

#: Every rule with a cheap way out of a document finds something here (invented text).
SEED_PARAGRAPH = (
    "date 2031-04-01\n"
    "Bridge reopens\n\n"
    "Town Council Approves Final Repairs, Sets Opening Day\n\n"
    " KABUL (Reuters) - Shares in McDonald's rose on Monday, and analysts said Mcdonald's had a good year.  \n"
    "Andy Roddick won in straight sets. Fans cheered Roddick, and Rodick said he was pleased.\n"
    "USA trawlers left the bay, a U.S. official said, and US crews stayed home.\n"
    "Police blamed a auto bomb for the damage; the ferry left the the harbour late.\r\n"
    "The bank published its research. Analysts said the reseach was thin. The old soviet ferry left on friday.\n"
    "The centre reopened and the center was busy. The caf\u00c3\u00a9 charges \u00c2\u00a33 a cup.\n"
    "Lee &amp; Park said the caf&#233; reopened.<br/> He was im\u00adprisoned with Mu\ufffdoz.\n"
    "Lorem ipsum dolor sit amet. The bridge reopened this morning after repairs that began last week.\n\n\n\n"
)

PEOPLE = ["Ana Mu\u00f1oz", "John Smith", "Li Wei", "Maria Schmidt", "Pedro \u00c1lvarez", "Sarah O'Donnell"]
PLACES = ["Kabul", "Salvador", "London", "Caracas", "Nairobi", "Lisbon"]
MONTHS = ["January", "March", "May", "August", "October", "December"]
SYLLABLES = ["kel", "lan", "dor", "ma", "ri", "son", "vik", "ta", "bre", "nor", "zu", "fen", "gal", "hu",
             "ost", "pa", "quin", "rod", "sel", "wen"]


def sentence(rng: random.Random, end: str = ".") -> str:
    """One invented news sentence: a name, a place, a date, now and then a quotation."""
    name, place = rng.choice(PEOPLE), rng.choice(PLACES)
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1990, 2024)}"
    return rng.choice([
        f'"We will not back down," {name} said in {place} on {date}{end}',
        f"{name}, the mayor of {place}, said on Tuesday that the bridge would reopen by {date}{end}",
        f"Officials in {place} said {rng.randint(2, 900)} people had been affected since last week{end}",
        f"The council met on {date} and voted {rng.randint(5, 12)} to {rng.randint(0, 4)}; {name} abstained{end}",
        f"Critics, including {name}, called the plan \u201ca costly mistake\u201d in the "
        f"government\u2019s words{end}",
        f"A U.S. envoy met {name} in {place}, and US officials said the talks went well{end}",
        f'"The U.S. will help," {name} told US reporters in {place}{end}',
    ])


def news(n: int) -> str:
    """Paragraphs of news sentences (about ``n`` characters: the text generators end
    where a sentence or line ends, the same way at every size)."""
    rng, parts, size = random.Random(n), [], 0
    while size < n:
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 5))) + "\n\n"
        parts.append(text)
        size += len(text)
    return "".join(parts)


def names(n: int) -> str:
    """Thousands of invented names, many also written in other capitals or one letter off."""
    rng, parts, size = random.Random(n), [], 0
    while size < n:
        name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        first = rng.choice(["Ana", "Tony", "Li", "Omar", "Jane"])
        other = rng.choice([name.upper(), name[:2] + name[2:].capitalize(), name[:3] + name[4:],
                            name[:3] + name[3] + name[3:], name])
        text = f"{first} {name} met {rng.choice(PEOPLE)}. Later {first} {other} spoke, and {other} left. "
        parts.append(text)
        size += len(text)
    return "".join(parts)


def one_line(n: int) -> str:
    rng = random.Random(n)
    return " ".join(sentence(rng) for _ in range(n // 80 + 1))


def short_lines(n: int) -> str:
    rng = random.Random(n)
    return "\n".join(rng.choice(["a", "Ok.", "He", "THE", "x", "\u2014", "1", "", "Li", "said"])
                     for _ in range(n // 3 + 1))


def one_paragraph(n: int) -> str:
    """Sentences run together and hard-wrapped mid-sentence: one paragraph of many lines."""
    rng = random.Random(n)
    words = " and ".join(sentence(rng, end="") for _ in range(n // 80 + 1)).split(" ")
    lines, line = [], []
    for word in words:
        line.append(word)
        if len(line) == 11:
            lines.append(" ".join(line))
            line = []
    return "\n".join(lines + [" ".join(line)])


def unspaced(n: int) -> str:
    """Chinese characters without a space, then a last word: a regex search for the last
    word (``\\S+\\s*$``) backtracks over the whole run at every position of it."""
    rng = random.Random(n)
    return "".join(chr(0x4E00 + rng.randrange(2000)) for _ in range(n)) + " 2021\u5e74 and"


def stacked_headlines(n: int) -> str:
    """Title Case lines, each on its own between blank lines: all read as headlines."""
    rng, words = random.Random(n), ["Council", "Approves", "Final", "Repairs", "Harbour", "Mayor", "Ferry"]
    return "".join(" ".join(rng.choice(words) for _ in range(5)) + "\n\n" for _ in range(n // 40 + 1))


TEXTS = {"news": news, "names": names, "one line": one_line, "short lines": short_lines,
         "one paragraph": one_paragraph, "unspaced": unspaced}
RUNS = ["a", "A", " ", "\n", ".", "<", "&", "\ufffd", "\u00e9"]


def text_document(text: str, issues=()) -> Document:
    return document_from_text(Source("doc.txt", "doc.txt", "doc.txt"), text, "utf-8", issues)


def bytes_document(data: bytes) -> Document:
    """The document of a text file of ``data``, decoded as the reader decodes it."""
    decoded = decode(data)
    return text_document(decoded.text, decoded.issues)


def huge_title_file(n: int, folder) -> str:
    """A JSONL file of one record whose title is one line of ``n`` characters."""
    path = folder / f"title-{n}.jsonl"
    record = {"id": "1", "date": "2021-08-04", "title": one_line(n), "text": SEED_PARAGRAPH + news(2000)}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(path)


def record_document(path: str) -> Document:
    """The one document of a JSONL file, as the reader reads it."""
    (doc,) = [item for item in read(Source(path, "doc.jsonl", "doc.jsonl")) if isinstance(item, Document)]
    return doc


def forget(doc) -> None:
    """Drop what rules memoised on ``doc``: each measurement pays for its own analyses."""
    doc._memo.clear()
    for field in doc.fields.values():
        field._memo = field._lower = field._words = None
        field.origin._index = field.origin._mapper = None


def test_forget_knows_every_memo():
    """A new cache on a document, field or origin must be added to :func:`forget`."""
    assert [f.name for f in dataclasses.fields(Document) if f.name.startswith("_")] == ["_memo"]
    assert set(Field.__slots__) == {"name", "text", "origin", "doc_id", "path", "_lower", "_words", "_memo"}
    assert set(Origin.__slots__) == {"raw", "first_line", "_index", "_mapper", "_mapper_builder"}


@pytest.fixture(scope="module")
def rules():
    """Every registered document and corpus rule (plugins included), as a run builds them."""
    _, built = build_rules(Settings(), Selection(select=["ALL"]))
    measured = [rule for rule in built if isinstance(rule, (DocumentRule, CorpusRule))]
    warm_up = text_document(SEED_PARAGRAPH + news(2000))  # imports, tables and patterns are loaded once
    for rule in measured:
        run(rule, warm_up)
    return measured


def run(rule, doc) -> None:
    """``rule`` on ``doc`` as the engine runs it: ``check``; or ``collect``, then ``finish``
    on each key the document's records fill (one document that repeats itself fills some)."""
    if isinstance(rule, DocumentRule):
        for _ in rule.check(doc):
            pass
        return
    store = RecordStore()
    for key, record in rule.collect(doc):
        store.add(key, record)
    for key, records in store.groups(rule.min_records):
        for _ in rule.finish(key, records, Corpus(1, 1)):
            pass


class TooSlow(BaseException):
    """Raised inside a measured run that used up its CPU time (not an Exception: rules catch those)."""


@contextlib.contextmanager
def cpu_limit(seconds: float):
    """Interrupt the block with :class:`TooSlow` after ``seconds`` of CPU time."""
    def stop(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def cost(work, limit: float, repeat: int = REPEAT) -> float:
    """CPU seconds of ``work()``: the best of ``repeat`` runs (fewer when they add up to
    ``ENOUGH`` seconds). Infinity if a run takes more than ``limit`` seconds: it is stopped there."""
    best, spent = math.inf, 0.0
    for _ in range(repeat):
        gc.disable()
        started = time.thread_time()
        try:
            with cpu_limit(limit):
                work()
        except TooSlow:
            return math.inf
        finally:
            elapsed = time.thread_time() - started
            gc.enable()
        best, spent = min(best, elapsed), spent + elapsed
        if spent > ENOUGH:
            break
    return best


def limit_after(cost_so_far: float, size: int, next_size: int) -> float:
    """CPU seconds after which a run at ``next_size`` is stopped: twice what its growth
    allows, and at least ``MIN_LIMIT``, so that a quadratic rule fails in seconds, not hours."""
    return max(MIN_LIMIT, 2 * (next_size / size) ** EXPONENT * max(cost_so_far, FLOOR_PER_CHAR * size))


def too_fast_growth(costs: dict) -> str | None:
    """Why the costs by size grow faster than ``size ** EXPONENT``, or None."""
    sizes = sorted(costs)
    for small, large in itertools.pairwise(sizes):
        ratio = large / small
        allowed = ratio ** EXPONENT * max(costs[small], FLOOR_PER_CHAR * small)
        if costs[large] > allowed:
            shown = ", ".join(f"{costs[size] * 1000:.1f} ms at {size // 1000} KB" if costs[size] < math.inf
                              else f"stopped at {size // 1000} KB" for size in sizes)
            grew = "over twice" if costs[large] == math.inf \
                else f"{costs[large] / max(costs[small], 1e-9):.3g} times"
            return f"{shown}: {grew} the cost for {ratio:.3g} times the size (at most {ratio ** EXPONENT:.3g} allowed)"
    return None


def measure(inputs: dict, build, works: dict, repeat: int) -> dict:
    """``{what: {size: CPU seconds}}`` of each of ``works`` on the input of each size
    (``work(raw, doc)``, with ``doc = build(raw)``)."""
    costs = {what: {} for what in works}
    previous = None
    for size, raw in inputs.items():
        doc = build(raw)
        for what, work in works.items():
            by_size = costs[what]
            if previous is not None and by_size[previous] == math.inf:
                continue  # stopped at the size before
            limit = FIRST_LIMIT if previous is None else limit_after(by_size[previous], previous, size)
            by_size[size] = cost(lambda work=work, raw=raw, doc=doc: work(raw, doc), limit, repeat)
        previous = size
    return costs


def check_growth(make_input, build, rules) -> None:
    """Measure the reader (``build``, on the input ``make_input(size)``) and every rule on
    the document it builds, at every size; assert none grows too fast.

    What looks too fast is measured again, with more runs: a real super-linear
    cost shows again, a hiccup of the machine does not."""
    inputs = {size: make_input(size) for size in SIZES}
    works = {"reader": lambda raw, doc: build(raw)}
    for rule in rules:
        works[rule.code] = lambda raw, doc, rule=rule: (forget(doc), run(rule, doc))
    costs = measure(inputs, build, works, REPEAT)
    suspects = {what: works[what] for what, by_size in costs.items() if too_fast_growth(by_size)}
    if suspects:
        costs.update(measure(inputs, build, suspects, CONFIRM))
    failures = [f"{what}: {why}" for what, by_size in costs.items()
                if (why := too_fast_growth(by_size)) is not None]
    assert not failures, "cost grows faster than the document:\n" + "\n".join(failures)


def test_random_bytes(rules):
    check_growth(lambda n: SEED_PARAGRAPH.encode("utf-8") + random.Random(n).randbytes(n), bytes_document, rules)


@pytest.mark.parametrize("shape", TEXTS)
def test_text(rules, shape):
    check_growth(lambda n: SEED_PARAGRAPH + TEXTS[shape](n), text_document, rules)


def test_stacked_headlines(rules):
    check_growth(lambda n: stacked_headlines(n) + SEED_PARAGRAPH, text_document, rules)


@pytest.mark.parametrize("char", RUNS, ids=[f"U+{ord(c):04X}" for c in RUNS])
def test_run_of_one_character(rules, char):
    check_growth(lambda n: SEED_PARAGRAPH + char * n, text_document, rules)


def test_record_with_a_huge_title(rules, tmp_path):
    check_growth(lambda n: huge_title_file(n, tmp_path), record_document, rules)


def test_growth_check_tells_quadratic_from_linear():
    linear = {10_000: 0.001, 100_000: 0.010, 300_000: 0.031}
    quadratic = {10_000: 0.001, 100_000: 0.100, 300_000: 0.900}
    assert too_fast_growth(linear) is None
    assert "100 times the cost for 10 times the size" in too_fast_growth(quadratic)
    # Noise on a rule that does nothing: under the floor, both sizes count as the floor.
    assert too_fast_growth({10_000: 1e-6, 100_000: 4e-4, 300_000: 1e-3}) is None
    assert too_fast_growth({10_000: 1e-6, 100_000: 4e-3, 300_000: 1e-2}) is not None
    assert "stopped at 300 KB" in too_fast_growth({10_000: 0.001, 100_000: 0.010, 300_000: math.inf})


def test_a_run_past_its_limit_is_stopped():
    def forever():
        while True:
            pass

    assert cost(forever, 0.2) == math.inf
    assert cost(lambda: sum(range(1000)), 0.2) < 0.2
    assert limit_after(0.5, 100_000, 300_000) == pytest.approx(2 * 3 ** 1.5 * 0.5)
    assert limit_after(0.0, 100_000, 300_000) == MIN_LIMIT
