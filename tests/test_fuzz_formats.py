"""Fuzzing every output format with hostile findings.

Findings carry arbitrary text (lone surrogates, control characters, NUL,
line breaks, markup), paths with the surrogate escapes of file names that
are not UTF-8, and sometimes thousands of related locations. Every format
must render them as text that encodes as UTF-8 and that its parser reads:
JSON for json, jsonl, gitlab and sarif (which also validates against the
SARIF 2.1.0 schema in ../shared/schemas/, skipped when it is absent), XML for
junit, one line per finding for concise and github.

A short run is part of the test suite. A long one:

    CORPUSLINT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz_formats.py -p no:cacheprovider
"""
import json
import os
from collections import Counter
from dataclasses import replace
from xml.etree import ElementTree

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuslint.baseline import read_baseline, write_baseline
from corpuslint.cli import statistics
from corpuslint.engine import Report
from corpuslint.finding import SEVERITIES, Finding, Fix, Location
from corpuslint.formats import FORMATS, OutputOptions, render
from corpuslint.formats.concise import summary
from corpuslint.registry import Registry
from corpuslint.rules import BUILTIN_RULES

EXAMPLES = int(os.environ.get("CORPUSLINT_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize="CORPUSLINT_FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])

#: Characters that break naive output: line breaks, terminal escapes, markup, JSON and workflow-command syntax.
NASTY = ["\x00", "\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029",
         "\ufffe", "\uffff", "\ufeff", "\u202e", "%", "%0A", ",", ":", "::", "<", "&", "]]>", '"', "\\", "\\x", "'"]
characters = st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr), st.sampled_from(NASTY))
texts = st.lists(characters, max_size=40).map("".join)
#: File names as os.fsdecode gives them: bytes that are not UTF-8 become U+DC80..U+DCFF.
paths = st.one_of(texts, st.binary(max_size=30).map(os.fsdecode),
                  st.tuples(texts, st.binary(min_size=1, max_size=8)).map(
                      lambda parts: f"news/{parts[0]}/" + os.fsdecode(b"caf" + parts[1] + b".txt")))
numbers = st.integers(min_value=1, max_value=2**40)
locations = st.builds(Location, path=paths, document=texts, field=st.none() | texts, line=numbers, column=numbers,
                      end_line=numbers, end_column=numbers)
fixes = st.builds(Fix, start=st.integers(0, 10**6), end=st.integers(0, 10**6), replacement=texts, safe=st.booleans(),
                  location=st.none() | locations)
codes = st.one_of(st.from_regex(r"\A[A-Z][0-9]{3}\Z"), texts)
findings = st.builds(Finding, code=codes, name=st.one_of(st.from_regex(r"\A[a-z]+(-[a-z]+)*\Z"), texts),
                     severity=st.sampled_from(SEVERITIES), message=texts, location=locations,
                     fix=st.none() | fixes, related=st.lists(locations, max_size=3).map(tuple),
                     snippet=st.none() | texts)
#: Some real rule classes, for SARIF's rule descriptors.
RULES = Registry(list(BUILTIN_RULES)).classes[:5]
reports = st.builds(Report, findings=st.lists(findings, max_size=6), documents=st.integers(0, 10**9),
                    files=st.integers(0, 10**9), rules=st.sampled_from([[], RULES]), fixed=st.integers(0, 10**6))
options = st.builds(OutputOptions, quiet=st.booleans(), color=st.booleans(), unsafe_fixes=st.booleans())


@pytest.fixture(scope="module")
def sarif_schema():
    """A validator of the SARIF 2.1.0 schema (the test skips when ../shared is absent)."""
    jsonschema = pytest.importorskip("jsonschema")
    with open(shared_path("schemas", "sarif-schema-2.1.0.json"), encoding="utf-8") as fh:
        return jsonschema.Draft4Validator(json.load(fh))


@pytest.fixture(scope="module", autouse=True)
def empty_folder(tmp_path_factory):
    """``full`` reads the source of each finding's path: let relative paths name nothing."""
    before = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("fuzz-formats"))
    yield
    os.chdir(before)


def _render(report, fmt, opts):
    text = render(report, fmt, opts)
    text.encode("utf-8")  # strict: raises on anything UTF-8 cannot carry
    return text


@SETTINGS
@given(report=reports, opts=options)
def test_every_format_renders_any_finding_as_utf8_its_parser_reads(report, opts):
    _check_every_format(report, opts)


@settings(SETTINGS, max_examples=max(3, EXAMPLES // 10))
@given(finding=findings, count=st.integers(1000, 3000), opts=options)
def test_thousands_of_related_locations(finding, count, opts):
    """A duplicate seen everywhere: one finding with thousands of related locations."""
    report = Report([replace(finding, related=finding.related[:1] * count or (finding.location,) * count)], 1, 1)
    _check_every_format(report, opts)
    assert len(json.loads(render(report, "json"))[0]["related"]) == count


@SETTINGS
@given(report=reports)
def test_sarif_of_any_finding_is_valid(report, sarif_schema):
    sarif_schema.validate(json.loads(_render(report, "sarif", OutputOptions())))


def _check_every_format(report, opts):
    n = len(report.findings)
    for fmt in sorted(set(FORMATS) - {"text"}):
        text = _render(report, fmt, opts)
        if fmt in ("json", "gitlab"):
            assert len(json.loads(text)) == n, fmt
        elif fmt == "jsonl":
            assert len([json.loads(line) for line in text.splitlines()]) == n
        elif fmt == "sarif":
            log = json.loads(text)
            assert len(log["runs"][0]["results"]) == n
        elif fmt == "junit":
            assert len(ElementTree.fromstring(text).findall("testsuite/testcase")) == max(n, 1)
        elif fmt == "github":
            assert text.count("\n") == n, "a finding took more than one line"
        elif fmt == "concise":
            lines = text.splitlines()
            assert lines[n:] == ([] if opts.quiet else summary(report, opts.unsafe_fixes).split("\n")), \
                "a finding took more than one line"
        else:
            assert fmt == "full"


@SETTINGS
@given(report=reports, fmt=st.sampled_from(["concise", "json"]), unsafe=st.booleans())
def test_statistics_render_any_finding(report, fmt, unsafe):
    text = statistics(report, fmt, unsafe)
    text.encode("utf-8")
    if fmt == "json":
        assert sum(row["count"] for row in json.loads(text)) == len(report.findings)
    else:
        assert len(text.splitlines()) == len({(f.code, f.name) for f in report.findings})


@SETTINGS
@given(found=st.lists(findings, max_size=6))
def test_a_baseline_of_any_findings_reads_back_their_fingerprints(tmp_path, found):
    path = str(tmp_path / "baseline.json")
    write_baseline(path, found)
    assert read_baseline(path) == Counter(f.fingerprint() for f in found)
