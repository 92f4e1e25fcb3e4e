"""Fuzzing the readers and the rule engine, and properties of --fix.

A short run is part of the test suite. A long one:

    CORPUSLINT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py -p no:cacheprovider

(hypothesis keeps the failing examples it finds in .hypothesis/ and replays
them first next time).
"""
import gzip
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuslint.config import Settings
from corpuslint.engine import Checker
from corpuslint.fixer import fix_sources
from corpuslint.readers import Source
from corpuslint.registry import Selection

EXAMPLES = int(os.environ.get("CORPUSLINT_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize="CORPUSLINT_FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])

#: Pieces of news text that the rules react to, and pieces that are hard to read.
FRAGMENTS = [
    "Bridge reopens after repairs", "date 2021-08-04", " date 2021-08-04 Ferry crews vote to strike.",
    "Published: 4 August 2021", "date 2005-02-30", "By Jane Roe", "MILLBROOK, Aug 4 (Reuters) -",
    "The council met on Tuesday.", "It was a auto bomb.", "the the", "an car", "a hour", "an MP",
    "auto bomber", "web-based media", "recieved", "goverment", "government", "soviet", "defence", "defense",
    "US", "U.S.", "USA", "NATO", "Nato", "Fennimore", "Fenimore", "Caf\u00c3\u00a9", "don\u00e2\u20ac\u2122t",
    "&amp;", "&#8217;", "<p>", "</div>", "<b>bold</b>", "\u200b", "\u202e", "\x00", "\x0b", "\ufffd",
    "Latest News", "Brief News from Harbour Daily.", "Read more", "Follow us on Twitter", "Lorem ipsum",
    "404 Not Found", "Subscribe to continue reading", "...", "\u2026", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627", "\u4f60\u597d\u4e16\u754c", "e\u0301", "\U0001F469\u200D\U0001F4BB",
    "\u201cquoted,\u201d she said.", "'single'", "\t", "  ", "-", ",", ".", "?", "!", "Reuter",
]
SEPARATORS = [" ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n\n\n\n", "", "  \n"]

texts = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(f + s for f, s in parts))
values = st.one_of(texts, st.text(max_size=80), st.integers(), st.none(), st.booleans(),
                   st.lists(st.text(max_size=5), max_size=3))
records = st.dictionaries(st.sampled_from(["id", "title", "text", "date", "url", "body", "headline", "x",
                                           "corpuslint_ignore"]), values, max_size=6)


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-root")
    return Checker(Settings(root=str(root)), Selection())


def _check_file(checker, path):
    source = Source(str(path), os.path.basename(path), os.path.basename(path))
    result = checker.check_file(source)
    internal = [f for f in result.findings if f.code == "F900"]
    assert not internal, internal[0].message
    return result


@SETTINGS
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.txt", "a.md", "a.jsonl", "a.csv", "a.tsv",
                                                           "a.txt.gz", "a.jsonl.gz"]),
       compress=st.booleans(), cut=st.integers(min_value=0, max_value=200))
def test_readers_and_rules_survive_any_bytes(checker, tmp_path, data, name, compress, cut):
    if name.endswith(".gz") and compress:
        data = gzip.compress(data)
        data = data[:len(data) - cut] if cut < len(data) else data
    path = tmp_path / name
    path.write_bytes(data)
    _check_file(checker, path)


@SETTINGS
@given(text=texts)
def test_rules_survive_news_like_text(checker, tmp_path, text):
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _check_file(checker, path)


@SETTINGS
@given(rows=st.lists(st.one_of(records.map(json.dumps), st.text(max_size=40)), max_size=8))
def test_rules_survive_any_jsonl(checker, tmp_path, rows):
    path = tmp_path / "doc.jsonl"
    path.write_text("\n".join(rows), encoding="utf-8", errors="surrogatepass")
    _check_file(checker, path)


@SETTINGS
@given(rows=st.lists(st.lists(st.one_of(texts, st.text(max_size=20)), min_size=1, max_size=4), max_size=6),
       quote=st.booleans())
def test_rules_survive_any_csv(checker, tmp_path, rows, quote):
    def cell(value):
        return '"' + value.replace('"', '""') + '"' if quote else value
    lines = ["id,title,text"] + [",".join(cell(v) for v in row) for row in rows]
    path = tmp_path / "doc.csv"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    _check_file(checker, path)


def _fix(checker, path):
    source = Source(str(path), path.name, path.name)
    fix_sources(checker, [source], unsafe=True)
    return path.read_bytes()


def _fixable_lines(checker, path):
    """Lines (1-based) covered by a fixable finding, in the file as it is."""
    result = _check_file(checker, path)
    lines = set()
    for f in result.findings:
        if f.fix is not None:
            loc = f.fix.location
            lines.update(range(loc.line, loc.end_line + 1))
    return lines


def _replay(text, passes):
    """Apply recorded passes of edits with a plain splice, independently of the fixer."""
    for fixes in passes:
        for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
            text = text[:fix.start] + fix.replacement + text[fix.end:]
    return text


@pytest.fixture
def passes(monkeypatch):
    """The fixes of every pass the fixer applies, recorded as they are applied."""
    import corpuslint.fixer as fixer

    recorded = []
    real_apply = fixer._apply

    def recording_apply(text, fixes):
        recorded.append(list(fixes))
        return real_apply(text, fixes)

    monkeypatch.setattr(fixer, "_apply", recording_apply)
    return recorded


@SETTINGS
@given(text=texts)
def test_fix_converges_is_idempotent_and_changes_only_the_fixed_spans(checker, tmp_path, passes, text):
    passes.clear()
    path = tmp_path / "doc.txt"
    original = text.encode("utf-8", errors="surrogatepass")
    path.write_bytes(original)
    once = _fix(checker, path)
    assert not _fixable_lines(checker, path), "a fixable finding is left after --fix"
    if not passes:
        assert once == original
        return
    decoded = original.decode("utf-8", errors="surrogatepass")
    assert once.decode("utf-8", errors="surrogatepass") == _replay(decoded, passes), \
        "the file changed outside the spans of the fixes"
    passes.clear()
    assert _fix(checker, path) == once and not passes, "a second --fix changed the file"


@SETTINGS
@given(rows=st.lists(records, min_size=1, max_size=6))
def test_fixing_records_leaves_the_other_records_byte_identical(checker, tmp_path, rows):
    path = tmp_path / "doc.jsonl"
    lines = [json.dumps(r, ensure_ascii=bool(i % 2)).encode() for i, r in enumerate(rows)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    flagged = _fixable_lines(checker, path)
    fixed = _fix(checker, path).split(b"\n")
    assert len(fixed) == len(lines) + 1
    for number, (old, new) in enumerate(zip(lines, fixed), 1):
        if number not in flagged:
            assert old == new, f"record {number} had nothing to fix but changed"
        else:
            json.loads(new)  # still one valid JSON object per line
    assert _fix(checker, path).split(b"\n") == fixed
