"""Output that cannot crash and exit codes CI can trust (issue 9).

Text UTF-8 cannot carry (a lone surrogate from a JSON escape, a file name
byte that is not UTF-8) is escaped the same way in every format; output paths
are checked before any linting and only regular files are ever replaced;
write errors exit 2 with one line; anything unexpected exits 3 with one line;
SARIF keeps at most 25,000 results. Inputs are built at test time.
"""
import errno
import json
import os
import socket
import stat
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from conftest import REPO, SHARED, fake_install

import corpuslint.cli
import corpuslint.engine
import corpuslint.fixer
from corpuslint.engine import Report
from corpuslint.finding import Finding, Location
from corpuslint.formats import OutputOptions, one_line, printable, render, sarif

#: The reader reads a lone surrogate escape in a record as U+FFFD (U005), so the
#: surrogate comes from a plugin rule's message, the other way one reaches a report.
RECORD = '{"title": "Bridge", "text": "Lorem ipsum dolor. The ferry sails at nine"}\n'
PLUGIN = """
from corpuslint.rule import DocumentRule


class Quotes(DocumentRule):
    \"\"\"Quotes the end of the text with a lone surrogate after it (a test double).\"\"\"

    code = "Q903"
    name = "quotes-odd-text"
    severity = "warning"

    def check(self, doc):
        text = doc.body.text
        yield self.finding(doc.body, len(text) - 6, len(text), f"quoted ('\u2026{text[-30:]} \\ud800')")
"""
MESSAGE = "quoted ('\u2026dolor. The ferry sails at nine \\ud800')"
#: A file whose name is not UTF-8: b"caf\xe9.txt".
NAME = os.fsdecode(b"caf\xe9.txt")
SHOWN_PATH = "news/caf\\xe9.txt"
DOUBLED = "'The the': word written twice; remove one"
LINT = ("--no-cache", "--no-progress", "-j", "1")
#: A device every write to fails with ENOSPC.
FULL = "/dev/full"
needs_dev_full = pytest.mark.skipif(not os.path.exists(FULL), reason=f"{FULL} is absent on this system")


def run_bytes(*args, cwd, stdout=subprocess.PIPE):
    """Run the CLI; stdout must be UTF-8 (decoded strictly), stderr is returned as text."""
    proc = subprocess.run([sys.executable, "-m", "corpuslint", *args], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120)
    out = proc.stdout.decode("utf-8") if proc.stdout is not None else None
    return proc.returncode, out, proc.stderr.decode("utf-8")


def run_in_process(capsys, *args):
    """``main()`` in this process (so that a test can monkeypatch it); exit code, stdout, stderr."""
    status = corpuslint.cli.main([*LINT, *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def surrogate_corpus(tmp_path, monkeypatch):
    (tmp_path / "one.jsonl").write_text(RECORD)
    monkeypatch.setenv("PYTHONPATH", fake_install(tmp_path / "site", "quotes", PLUGIN, {"quotes": "quotes:Quotes"}))
    return tmp_path


@pytest.fixture
def bytes_corpus(tmp_path):
    (tmp_path / "news").mkdir()
    with open(os.path.join(os.fsencode(tmp_path), b"news", b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"Bridge reopens\n\nThe the bridge reopened.\n")
    return tmp_path


def _concise(out):
    return out.splitlines()[0]


def _full(out):
    return out.splitlines()[:2]


def _json(out):
    return json.loads(out)[0]


def _jsonl(out):
    return json.loads(out.splitlines()[0])


def _sarif(out):
    result = json.loads(out)["runs"][0]["results"][0]
    return result["message"]["text"], result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def _github(out):
    return out


def _junit(out):
    failure = ElementTree.fromstring(out).find("testsuite/testcase/failure")
    return ElementTree.fromstring(out).find("testsuite").get("name"), failure.get("message"), failure.text


def _gitlab(out):
    issue = json.loads(out)[0]
    return issue["description"], issue["location"]["path"]


SURROGATE_EXPECTED = {
    "concise": (_concise, f"one.jsonl:1:66: Q903 [warning] {MESSAGE}"),
    "full": (_full, ["one.jsonl", f"  1:66  Q903 [warning] {MESSAGE}"]),
    "json": (lambda out: _json(out)["message"], MESSAGE),
    "jsonl": (lambda out: _jsonl(out)["message"], MESSAGE),
    "sarif": (_sarif, (MESSAGE, "one.jsonl")),
    "github": (_github, "::warning file=one.jsonl,line=1,col=66,endLine=1,endColumn=72,"
                        f"title=Q903 quotes-odd-text::{MESSAGE}\n"),
    "junit": (_junit, ("one.jsonl", MESSAGE, f"one.jsonl:1:66: Q903 [warning] {MESSAGE}")),
    "gitlab": (_gitlab, (f"Q903 {MESSAGE}", "one.jsonl")),
}


@pytest.mark.parametrize("fmt", sorted(SURROGATE_EXPECTED))
def test_a_lone_surrogate_is_escaped_in_every_format(surrogate_corpus, fmt):
    status, out, err = run_bytes("--no-cache", "--select", "Q903", "--format", fmt, "one.jsonl",
                                 cwd=surrogate_corpus)
    assert (status, err) == (1, "")
    extract, expected = SURROGATE_EXPECTED[fmt]
    assert extract(out) == expected


BYTES_EXPECTED = {
    "concise": (_concise, f"{SHOWN_PATH}:3:1: T003 [warning] {DOUBLED}"),
    "full": (_full, [SHOWN_PATH, f"  3:1  T003 [warning] {DOUBLED}"]),
    "json": (lambda out: (_json(out)["path"], _json(out)["document"]), (SHOWN_PATH, SHOWN_PATH)),
    "jsonl": (lambda out: (_jsonl(out)["path"], _jsonl(out)["document"]), (SHOWN_PATH, SHOWN_PATH)),
    "sarif": (_sarif, (DOUBLED, "news/caf%5Cxe9.txt")),  # the URI of the path as shown
    "github": (_github, f"::warning file={SHOWN_PATH},line=3,col=1,endLine=3,endColumn=8,"
                        f"title=T003 doubled-word::{DOUBLED}\n"),
    "junit": (_junit, (SHOWN_PATH, DOUBLED, f"{SHOWN_PATH}:3:1: T003 [warning] {DOUBLED}")),
    "gitlab": (_gitlab, (f"T003 {DOUBLED}", SHOWN_PATH)),
}


@pytest.mark.parametrize("fmt", sorted(BYTES_EXPECTED))
def test_a_file_name_that_is_not_utf8_is_escaped_in_every_format(bytes_corpus, fmt):
    status, out, err = run_bytes("--no-cache", "--select", "T003", "--format", fmt, "news", cwd=bytes_corpus)
    assert (status, err) == (1, "")
    extract, expected = BYTES_EXPECTED[fmt]
    assert extract(out) == expected


def test_escaped_text_goes_to_the_output_file_and_the_statistics(surrogate_corpus, bytes_corpus):
    status, out, err = run_bytes("--no-cache", "--select", "Q903", "--format", "jsonl", "-o", "report.jsonl",
                                 "one.jsonl", cwd=surrogate_corpus)
    assert (status, out, err) == (1, "", "")
    assert json.loads((surrogate_corpus / "report.jsonl").read_bytes().decode("utf-8"))["message"] == MESSAGE
    status, out, err = run_bytes("--no-cache", "--select", "T003", "-o", "report.txt", "news", cwd=bytes_corpus)
    assert (status, out, err) == (1, "", "")
    assert (bytes_corpus / "report.txt").read_bytes().decode("utf-8").splitlines()[0] == \
        f"{SHOWN_PATH}:3:1: T003 [warning] {DOUBLED}"
    status, out, err = run_bytes("--no-cache", "--select", "Q903", "--statistics", "--format", "json",
                                 "one.jsonl", cwd=surrogate_corpus)
    assert status == 1
    assert json.loads(out) == [{"code": "Q903", "name": "quotes-odd-text", "count": 1, "fixable": 0}]


def test_a_baseline_records_escaped_names_and_hides_their_findings(bytes_corpus):
    status, out, err = run_bytes("--no-cache", "--select", "T003", "--write-baseline", "base.json", "news",
                                 cwd=bytes_corpus)
    assert (status, out, err) == (0, "", "corpuslint: recorded 1 findings in base.json\n")
    entries = json.loads((bytes_corpus / "base.json").read_bytes().decode("utf-8"))["fingerprints"]
    assert [(e["code"], e["document"], e["text"]) for e in entries.values()] == [("T003", SHOWN_PATH, "The the")]
    status, out, err = run_bytes("--no-cache", "--select", "T003", "--baseline", "base.json", "news",
                                 cwd=bytes_corpus)
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "Baseline: 1 known finding not shown; 0 baseline entries no longer occur."


def test_the_escaping_rule():
    assert printable("caf\udce9.txt") == "caf\\xe9.txt"  # a byte that is not UTF-8, from os.fsdecode
    assert printable("nine \ud800 and \udbff\udc00") == "nine \\ud800 and \\udbff\\udc00"
    assert printable("a\\b\n\x00 \u00e9 \U0001F469") == "a\\b\n\x00 \u00e9 \U0001F469"  # UTF-8 can carry these
    assert one_line("a\nb\rc\x1b[31m\x85\u2028\td\udce9") == "a\\nb\\rc\\x1b[31m\\x85\\u2028\td\\xe9"


def _finding(path, document, message="m", snippet=None, related=()):
    location = Location(path, document, None, 1, 1, 1, 2)
    return Finding("T003", "doubled-word", "warning", message, location, related=related, snippet=snippet)


def test_fingerprints_hash_the_text_as_the_output_shows_it():
    raw = _finding(NAME, NAME, snippet="nine \ud800")
    shown = _finding("caf\\xe9.txt", "caf\\xe9.txt", snippet="nine \\ud800")
    assert raw.fingerprint() == shown.fingerprint()
    assert raw.fingerprint() != _finding("cafe.txt", "cafe.txt", snippet="nine \\ud800").fingerprint()
    # ...and unchanged for text UTF-8 can carry: existing baselines stay valid
    assert _finding("a.txt", "a.txt", snippet="the the").fingerprint() == "48d2ac6f65455405d45b"


# Output paths, checked before any linting


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge reopens\n\nThe the bridge reopened.\n")
    return tmp_path


def _special_paths(tmp_path):
    """Paths that are not regular files, and the kind each message names."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "target.txt").write_text("the link's target\n")
    (tmp_path / "link.json").symlink_to("target.txt")
    os.mkfifo(tmp_path / "fifo")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    kinds = {"folder": "a folder; corpuslint writes only regular files",
             "link.json": "a symbolic link (corpuslint never writes through a link; name its target)",
             "fifo": "a FIFO; corpuslint writes only regular files",
             "sock": "a socket; corpuslint writes only regular files"}
    if os.path.exists(FULL):  # as root, corpuslint once replaced it with a regular file
        kinds[FULL] = "a character device; corpuslint writes only regular files"
    return server, kinds


def _state(path):
    info = os.lstat(path)
    return stat.S_IFMT(info.st_mode), info.st_ino, info.st_rdev, info.st_mtime_ns


@pytest.mark.parametrize("option,what", [("--output-file", "report"), ("--write-baseline", "baseline")])
def test_an_output_path_that_is_not_a_regular_file_is_refused_and_left_alone(corpus, option, what):
    server, kinds = _special_paths(corpus)
    try:
        for path, kind in kinds.items():
            before = _state(corpus / path)
            status, out, err = run_bytes(option, path, "a.txt", cwd=corpus)
            assert (status, out, err) == (2, "", f"corpuslint: error: {path}: cannot write the {what}: it is {kind}\n")
            assert _state(corpus / path) == before, f"{path} was changed"
    finally:
        server.close()
    assert (corpus / "target.txt").read_text() == "the link's target\n"
    assert not (corpus / ".corpuslint_cache").exists(), "the run linted before checking the output path"
    assert not list(corpus.rglob(".corpuslint-*.tmp"))


@pytest.mark.parametrize("option,what", [("-o", "report"), ("--write-baseline", "baseline")])
def test_an_output_path_in_a_missing_folder_or_under_a_file_is_refused(corpus, option, what):
    status, out, err = run_bytes(option, "missing/out.json", "a.txt", cwd=corpus)
    assert (status, out, err) == (2, "", f"corpuslint: error: missing/out.json: cannot write the {what}: "
                                         "the folder missing does not exist\n")
    status, out, err = run_bytes(option, "a.txt/out.json", "a.txt", cwd=corpus)
    assert (status, out, err) == (2, "", f"corpuslint: error: a.txt/out.json: cannot write the {what}: "
                                         "a.txt is not a folder\n")
    assert not (corpus / "missing").exists() and not (corpus / ".corpuslint_cache").exists()


def test_a_regular_output_file_is_replaced_and_a_folder_without_permission_refused(corpus, capsys, monkeypatch):
    monkeypatch.chdir(corpus)
    (corpus / "report.txt").write_text("old report\n")
    status, out, err = run_in_process(capsys, "--select", "T003", "--quiet", "-o", "report.txt", "a.txt")
    assert (status, out, err) == (1, "", "")
    assert (corpus / "report.txt").read_text() == f"a.txt:3:1: T003 [warning] {DOUBLED}\n"
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if path == "." else real_access(path, mode))
    status, out, err = run_in_process(capsys, "--select", "T003", "-o", "report.txt", "a.txt")
    assert (status, out, err) == (2, "", "corpuslint: error: report.txt: cannot write the report: "
                                         "no permission to write in .\n")
    assert (corpus / "report.txt").read_text() == f"a.txt:3:1: T003 [warning] {DOUBLED}\n"


# Write errors


@pytest.mark.parametrize("option,what,code", [("-o", "report", errno.ENOSPC),
                                              ("--write-baseline", "baseline", errno.EIO)])
def test_a_failed_write_exits_2_and_keeps_the_old_file(corpus, capsys, monkeypatch, option, what, code):
    monkeypatch.chdir(corpus)
    (corpus / "out.json").write_text("the old one\n")

    def failing_fsync(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    status, out, err = run_in_process(capsys, "--select", "T003", option, "out.json", "a.txt")
    assert (status, out) == (2, "")
    assert err == f"corpuslint: error: out.json: cannot write the {what}: {os.strerror(code)}\n"
    assert (corpus / "out.json").read_text() == "the old one\n"
    assert not list(corpus.glob(".corpuslint-*.tmp"))


@needs_dev_full
def test_stdout_on_a_full_disk_exits_2_with_one_line(corpus):
    with open(FULL, "wb") as full:
        status, _, err = run_bytes("--select", "T003", "--format", "json", "a.txt", cwd=corpus, stdout=full)
    assert (status, err) == (2, "corpuslint: error: cannot write to standard output: No space left on device\n")


def test_stdout_on_a_closed_pipe_exits_2_with_one_line(corpus):
    reader, writer = os.pipe()
    os.close(reader)
    try:
        status, _, err = run_bytes("--select", "T003", "a.txt", cwd=corpus, stdout=writer)
    finally:
        os.close(writer)
    assert (status, err) == (2, "corpuslint: error: cannot write to standard output: Broken pipe\n")


@needs_dev_full
def test_stdout_is_not_written_with_an_output_file(corpus):
    with open(FULL, "wb") as full:
        status, _, err = run_bytes("--select", "T003", "-o", "report.txt", "a.txt", cwd=corpus, stdout=full)
    assert (status, err) == (1, "")


# Baselines that are not


@pytest.mark.parametrize("content,problem", [
    ("[" * 100_000 + "]" * 100_000, "not a corpuslint baseline (JSON nested too deeply)"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "not a corpuslint baseline (JSON nested too deeply)"),
    ("9" * 5000, "not a corpuslint baseline (not JSON: Exceeds the limit (4300 digits) for integer string "
                 "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)"),
    ("\udcff", "not a corpuslint baseline (not JSON: 'utf-8' codec can't decode byte 0xff in position 0: "
               "invalid start byte)"),
], ids=["nested-lists", "nested-objects", "long-number", "not-utf8"])
def test_a_hostile_baseline_is_a_config_error_before_any_linting(corpus, content, problem):
    (corpus / "base.json").write_bytes(content.encode("utf-8", errors="surrogateescape"))
    status, out, err = run_bytes("--baseline", "base.json", "a.txt", cwd=corpus)
    assert (status, out, err) == (2, "", f"corpuslint: error: base.json: {problem}\n")
    assert not (corpus / ".corpuslint_cache").exists()


def test_a_baseline_that_is_a_fifo_or_a_device_is_refused_not_read(corpus):
    os.mkfifo(corpus / "fifo")  # opening it to read would wait for a writer for ever
    for path, kind in (("fifo", "a FIFO"), ("/dev/zero", "a character device")):
        status, out, err = run_bytes("--baseline", path, "a.txt", cwd=corpus)
        assert (status, out, err) == (2, "", f"corpuslint: error: {path}: cannot read the baseline: "
                                             f"it is {kind}, not a regular file\n")


# Internal errors


def _raiser(error):
    def run(*args, **kwargs):
        raise error
    return run


@pytest.mark.parametrize("error,line", [
    (RuntimeError("boom\non two lines"), "RuntimeError: boom on two lines"),
    (MemoryError(), "MemoryError"),
    (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum recursion depth exceeded"),
    (OSError(errno.EIO, "Input/output error"), "OSError: [Errno 5] Input/output error"),
    (ValueError("x" * 600), "ValueError: " + "x" * 500 + "\u2026"),
])
def test_an_unexpected_exception_exits_3_with_one_line(corpus, capsys, monkeypatch, error, line):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(corpuslint.engine, "run", _raiser(error))
    status, out, err = run_in_process(capsys, "a.txt")
    assert (status, out) == (3, "")
    assert err == f"corpuslint: internal error: {line} (rerun with --debug for the traceback)\n"


def test_with_debug_the_traceback_is_shown_too(corpus, capsys, monkeypatch):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(corpuslint.engine, "run", _raiser(RuntimeError("boom")))
    status, out, err = run_in_process(capsys, "a.txt", "--debug")
    assert (status, out) == (3, "")
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.endswith("RuntimeError: boom\ncorpuslint: internal error: RuntimeError: boom\n")


@pytest.mark.parametrize("error,status,line", [
    (KeyboardInterrupt(), 130, "corpuslint: interrupted"),
    (corpuslint.cli.ConfigError("x.yaml: bad"), 2, "corpuslint: error: x.yaml: bad"),
])
def test_interrupts_and_config_errors_keep_their_codes(corpus, capsys, monkeypatch, error, status, line):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(corpuslint.engine, "run", _raiser(error))
    assert run_in_process(capsys, "a.txt") == (status, "", line + "\n")


def test_a_crash_in_a_real_process_exits_3_not_1(corpus):
    code = ("import sys, corpuslint.engine, corpuslint.cli\n"
            "def run(*args, **kwargs):\n"
            "    raise RecursionError('maximum recursion depth exceeded')\n"
            "corpuslint.engine.run = run\n"
            "sys.exit(corpuslint.cli.main(sys.argv[1:]))\n")
    proc = subprocess.run([sys.executable, "-c", code, "a.txt"], cwd=corpus, capture_output=True, text=True,
                          timeout=120)
    assert (proc.returncode, proc.stdout) == (3, "")
    assert proc.stderr == ("corpuslint: internal error: RecursionError: maximum recursion depth exceeded "
                           "(rerun with --debug for the traceback)\n")


# SARIF keeps at most 25,000 results


@pytest.fixture
def mixed_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge reopens\n\nIt was a auto bridge. It opened this morning.\n")
    (tmp_path / "b.txt").write_text("Ferry sails\n\nLorem ipsum dolor sit amet. It was a auto ferry. "
                                    "It sailed this morning.\n")
    return tmp_path


def test_sarif_keeps_the_most_severe_results_and_says_so(mixed_corpus, capsys, monkeypatch):
    monkeypatch.chdir(mixed_corpus)
    monkeypatch.setattr(sarif, "MAX_RESULTS", 4)
    status, out, err = run_in_process(capsys, "--select", "Q001,T002,D001,D005", "--format", "sarif", ".")
    assert status == 1
    notice = ("the SARIF log holds the 4 most severe of 7 findings (3 left out: GitHub code scanning accepts "
              "4 results per run); see --format json for all of them")
    assert err == f"corpuslint: warning: {notice}\n"
    run = json.loads(out)["runs"][0]
    kept = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run["results"]]
    # the error, then the warnings in report order; the info findings (one of them in a.txt) go
    assert kept == [("D001", "a.txt"), ("T002", "a.txt"), ("D001", "b.txt"), ("Q001", "b.txt")]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "warning", "message": {"text": notice}, "descriptor": {"id": "results-capped"}}]}]
    _sarif_schema().validate(json.loads(out))
    status, out, err = run_in_process(capsys, "--select", "Q001,T002,D001,D005", "--format", "json", ".")
    assert (status, len(json.loads(out)), err) == (1, 7, "")


def _sarif_schema():
    jsonschema = pytest.importorskip("jsonschema")
    path = os.path.join(SHARED, "schemas", "sarif-schema-2.1.0.json")
    if not os.path.exists(path):
        path = os.path.join(REPO, "tests", "schemas", "sarif-schema-2.1.0.json")
    with open(path, encoding="utf-8") as fh:
        return jsonschema.Draft4Validator(json.load(fh))


def test_sarif_of_more_than_25000_findings_keeps_the_25000_most_severe():
    findings = [_finding(f"{i:05}.txt", f"{i:05}.txt") for i in range(sarif.MAX_RESULTS)]
    findings.insert(7, Finding("F900", "internal-error", "error", "boom", Location("z.txt", "z.txt", None,
                                                                                  1, 1, 1, 2)))
    findings.insert(3, Finding("D005", "relative-date", "info", "i", Location("a.txt", "a.txt", None, 1, 1, 1, 2)))
    report = Report(findings, documents=len(findings), files=len(findings))
    log = json.loads(render(report, "sarif", OutputOptions()))
    results = log["runs"][0]["results"]
    assert len(results) == sarif.MAX_RESULTS == 25_000
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[:9] == ["00000.txt", "00001.txt", "00002.txt", "00003.txt", "00004.txt", "00005.txt", "00006.txt",
                        "z.txt", "00007.txt"]
    assert uris[-1] == "24998.txt"  # left out: the one info finding and the last warning
    assert sarif.warnings(report) == ["the SARIF log holds the 25,000 most severe of 25,002 findings (2 left out: "
                                      "GitHub code scanning accepts 25,000 results per run); see --format json for "
                                      "all of them"]
    assert sarif.warnings(Report(findings[:10], 10, 10)) == []


# --follow-symlinks


def test_follow_symlinks_is_passed_to_the_fixer(corpus, capsys, monkeypatch):
    monkeypatch.chdir(corpus)
    calls = []

    class Outcome:
        notes, changes, fixes, incomplete = [], [], 0, False

    def fix_sources(checker, sources, **options):
        calls.append(options)
        return Outcome()

    monkeypatch.setattr(corpuslint.fixer, "fix_sources", fix_sources)
    for extra, follow in (((), False), (("--follow-symlinks",), True)):
        status, _out, err = run_in_process(capsys, "--fix", "--select", "T003", *extra, "a.txt")
        assert (status, err) == (1, "")
        assert calls.pop() == {"unsafe": False, "write": True, "follow_symlinks": follow, "roots": ["a.txt"]}
    help_text = " ".join(corpuslint.cli.lint_parser().format_help().split())
    assert ("--follow-symlinks with --fix, also fix files reached through a symbolic link, if the link resolves "
            "inside the linted paths") in help_text
