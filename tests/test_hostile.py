"""Hostile and broken corpora: corpuslint never crashes, says what it could not read, goes on.

The corpus is written at test time (nothing large is committed). Every case
has its expected finding (or documented behaviour), and every run must still
lint the ordinary file next to the hostile ones, exit with the documented
code, and print no traceback.
"""
import codecs
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import time

import pytest
from conftest import fake_install

import corpuslint

ORDINARY = "Bridge reopens\n\nThe bridge over the harbour reopened on a grey morning."


def findings(cli, cwd, *args):
    proc = cli("--format", "json", *args, cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return proc, json.loads(proc.stdout)


def by_file(found):
    out = {}
    for f in found:
        out.setdefault(os.path.basename(f["path"]), []).append((f["code"], f["message"]))
    return out


def _codes(result, name):
    return {code for code, _ in result.get(name, [])}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    files = {
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(200) + bytes(range(256)),
        "nul.txt": b"Bridge\n\nThe bridge\x00 reopened today after a long wait for everyone in town.\n",
        "invalid.txt": "Café bridge\n\nThe café reopened ".encode() + b"\xff\xfe" + b" today.\n",
        "utf16-bom.txt": "Bridge\n\nThe bridge reopened.\n".encode("utf-16"),
        "utf16-nobom.txt": "Bridge\n\nThe bridge reopened on Monday morning.\n".encode("utf-16-le"),
        "latin1.txt": "Café reopens\n\nThe café reopened.\n".encode("latin-1"),
        "utf8-bom.txt": codecs.BOM_UTF8 + b"Bridge\n\nThe bridge reopened.\n",
        "empty.txt": b"",
        "one-byte.txt": b"x",
        "truncated.txt.gz": gzip.compress(ORDINARY.encode() * 50)[:40],
        "not-objects.jsonl": b'[1, 2]\n"text"\n42\nnull\n{"title": "Fine", "text": "A real record here."}\n',
        "truncated.jsonl": b'{"title": "A", "text": "First record."}\n{"title": "B", "text": "cut o',
        "ragged.csv": (b'id,title,text\n1,Bridge,"multi\nline text, with ""quotes"""\n2,Ferry,too,many,fields\n'
                       b'3,Pier,' + b'"' + b"x" * 1_000_000 + b'"\n'),
        "scripts.txt": ("\u05d2\u05e9\u05e8 \u05e0\u05e4\u05ea\u05d7\n\n"
                        "\u05d4\u05d2\u05e9\u05e8 \u05e0\u05e4\u05ea\u05d7 \u0645\u0631\u062d\u0628\u0627 "
                        "e\u0301te\u0301 \U0001F469\u200D\U0001F4BB \U0001F1EC\U0001F1E7.\n").encode(),
        "with space é.txt": b"Bridge\n\nThe bridge reopened.\n",
        "ordinary.txt": ORDINARY.encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    deep = root
    for i in range(100):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_bytes(ORDINARY.encode())
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to("..")  # a folder loop: not followed
    (root / "self-a.txt").symlink_to("self-b.txt")
    (root / "self-b.txt").symlink_to("self-a.txt")
    (root / "broken.txt").symlink_to("nowhere.txt")
    return root


@pytest.fixture(scope="module")
def result(hostile):
    from conftest import run_cli

    proc, found = findings(run_cli, hostile, ".")
    assert proc.returncode == 1
    return by_file(found)


@pytest.mark.parametrize("name,code,message", [
    ("binary.txt", "F006", "not linted: holds a PNG image, not text"),
    ("nul.txt", "U004", "U+0000"),
    ("invalid.txt", "U005", "invalid UTF-8 (0xFF 0xFE) replaced by U+FFFD"),
    ("utf16-bom.txt", "U005", "file is UTF-16, not UTF-8"),
    ("utf16-nobom.txt", "U005", "without a byte-order mark"),
    ("latin1.txt", "U005", "decoded as Windows-1252"),
    ("utf8-bom.txt", "U005", "UTF-8 byte-order mark"),
    ("truncated.txt.gz", "F001", "corrupt or truncated gzip data"),
    ("not-objects.jsonl", "F002", "record is a JSON list, not an object"),
    ("truncated.jsonl", "F002", "truncated record"),
    ("ragged.csv", "F003", "row has 5 fields but the header has 3"),
    ("self-a.txt", "F001", "cannot read file"),
    ("broken.txt", "F001", "broken symbolic link"),
    ("ordinary.txt", "W003", "no newline at end of file"),
    ("deep.txt", "W003", "no newline at end of file"),
    ("with space é.txt", "D001", "no publication date"),
])
def test_each_hostile_file_gets_its_finding(result, name, code, message):
    assert any(c == code and message in m for c, m in result.get(name, [])), result.get(name)


def test_not_objects_lines_are_each_reported_and_the_good_record_linted(result):
    assert [m for c, m in result["not-objects.jsonl"] if c == "F002"] == [
        "record is a JSON list, not an object; each line must be one JSON object",
        "record is a JSON str, not an object; each line must be one JSON object",
        "record is a JSON int, not an object; each line must be one JSON object",
        "record is a JSON NoneType, not an object; each line must be one JSON object",
    ]
    assert "Q002" in _codes(result, "not-objects.jsonl")  # the good record was read (and is short)


def test_quiet_inputs_do_not_crash_or_raise_false_unicode_alarms(result):
    assert not _codes(result, "scripts.txt") & {"U001", "U003", "U004", "U005", "U006", "F001"}
    assert "F900" not in {c for items in result.values() for c, _ in items}
    assert result["empty.txt"], "an empty file says it is empty"
    assert any("empty" in m for _, m in result["empty.txt"])


def test_the_symlink_loop_folder_is_not_followed(hostile, cli):
    proc = cli("--select", "W003", "--quiet", ".", cwd=hostile)
    assert proc.stdout.count("deep.txt") == 1
    assert "loop/back" not in proc.stdout


def test_an_unreadable_file_is_reported_and_the_rest_linted(tmp_path, monkeypatch):
    """As root every file is readable, so the permission error is simulated."""
    from corpuslint.readers import plaintext

    (tmp_path / "secret.txt").write_text(ORDINARY)
    (tmp_path / "ordinary.txt").write_text(ORDINARY)
    real = plaintext.read_bytes

    def read_bytes(path, max_bytes=None):
        if path.endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real(path, max_bytes)

    monkeypatch.setattr(plaintext, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(".", select=["F001", "W003"])
    assert [(f.path, f.code, f.message) for f in report.findings] == [
        ("ordinary.txt", "W003", "no newline at end of file"),
        ("secret.txt", "F001", "cannot read file: permission denied"),
    ]


def test_a_file_deleted_during_the_run_is_reported(tmp_path, monkeypatch):
    from corpuslint import engine

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ORDINARY)
    real_read = engine.read

    def read(source, *args):
        if source.path.endswith("b.txt"):
            os.unlink(source.path)  # gone between discovery and reading
        return real_read(source, *args)

    monkeypatch.setattr(engine, "read", read)
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(".", select=["F001", "W003"])
    assert [(f.path, f.code) for f in report.findings] == [("a.txt", "W003"), ("b.txt", "F001"), ("c.txt", "W003")]
    assert "deleted, or a broken symbolic link" in report.findings[1].message


def _peak_rss_mb(args, cwd):
    """Run the CLI as a child and return (process, the child's peak RSS in MB)."""
    code = ("import resource, subprocess, sys; "
            "p = subprocess.run([sys.executable, '-m', 'corpuslint', *sys.argv[1:]], capture_output=True, text=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(p.returncode); "
            "sys.stderr.write(p.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True)
    rss_kb, returncode = proc.stdout.split()
    return int(returncode), proc.stderr, int(rss_kb) / 1024


def test_a_100_mb_single_line_file_is_reported_with_bounded_memory(tmp_path):
    with open(tmp_path / "dump.txt", "wb") as fh:
        chunk = b"word " * 200_000
        for _ in range(100):
            fh.write(chunk)  # 100 MB, one line
    (tmp_path / "ordinary.txt").write_text(ORDINARY)
    (tmp_path / "records.jsonl").write_bytes(b'{"title": "Big", "text": "' + b"x" * 25_000_000 + b'"}\n'
                                             b'{"title": "Small", "text": "A small record."}\n')
    returncode, stderr, rss = _peak_rss_mb(["--select", "F005,W003,F004", "--format", "json", "-j", "1",
                                            "--output-file", "out.json", "."], tmp_path)
    assert returncode == 1 and "Traceback" not in stderr
    found = {(os.path.basename(f["path"]), f["code"], f["line"])
             for f in json.loads((tmp_path / "out.json").read_text())}
    assert {("dump.txt", "F005", 1), ("records.jsonl", "F005", 1), ("ordinary.txt", "W003", 3),
            ("records.jsonl", "F004", 2)} <= found  # the record after the huge one is read
    assert rss < 200, f"peak RSS {rss:.0f} MB on a 100 MB file"


def test_10_mb_lines_are_linted(tmp_path, main):
    text = (("The ferry left the harbour late. " * 299 + "It left the the quay. ") * 1000)[:10_000_000]
    (tmp_path / "big.jsonl").write_text(json.dumps({"title": "Long", "text": text}) + "\n")
    _, found = findings(main, tmp_path, "--select", "T003,F005", "big.jsonl")
    assert len([f for f in found if f["code"] == "T003"]) == 20 + 1  # the cap, then the count of the rest
    assert found[-1]["message"] == ("980 more T003 findings in this document not listed "
                                    "(at most 20 per rule and document: max-findings-per-rule)")
    (tmp_path / "corpuslint.yaml").write_text("max-findings-per-rule: 5000\n")
    _proc, found = findings(main, tmp_path, "--select", "T003,F005", "--no-cache", "big.jsonl")
    assert len([f for f in found if f["code"] == "T003"]) == 1000


#: Open files allowed to the run over many files: far fewer than the files, so that a
#: descriptor kept open per file (or per folder, per worker task) fails the run.
FEW_DESCRIPTORS = 256


def test_ten_thousand_tiny_files_with_few_descriptors(tmp_path):
    for group in range(10):
        folder = tmp_path / f"g{group:02}"
        folder.mkdir()
        for i in range(1000):
            (folder / f"{i:04}.txt").write_bytes(b"T\n\nx" if i % 500 else b"T\n\nx\n")
    proc = subprocess.run([sys.executable, "-m", "corpuslint", "--format", "json", "--select", "W003", "-j", "2",
                           "."], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE,
                                                                (FEW_DESCRIPTORS, FEW_DESCRIPTORS)))
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    assert len(found) == 10_000 - 20
    assert {f["code"] for f in found} == {"W003"}


SLOW_PLUGIN = '''
import time
from corpuslint.rule import DocumentRule


class Slow(DocumentRule):
    """Sleeps on every document (a test double for a long run)."""

    code = "Z950"
    name = "slow"

    def check(self, doc):
        time.sleep(0.05)
        return iter(())
'''


@pytest.mark.parametrize("fix", [False, True])
def test_ctrl_c_stops_cleanly_with_exit_130(tmp_path, fix):
    site = fake_install(tmp_path / "site", "slow_rules", SLOW_PLUGIN, {"slow": "slow_rules:Slow"})
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"{i:03}.txt").write_text("Bridge\n\nIt was a auto bridge.")
    args = ["--select", "Z950,T002,W003", "-j", "2", "."] + (["--fix"] if fix else [])
    proc = subprocess.Popen([sys.executable, "-m", "corpuslint", *args], cwd=corpus,
                            env=dict(os.environ, PYTHONPATH=site), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().endswith("corpuslint: interrupted")
    assert not list(corpus.rglob(".corpuslint-*.tmp")), "a temporary file was left (files or cache)"
    for path in corpus.glob("*.txt"):
        assert path.read_text() in ("Bridge\n\nIt was a auto bridge.", "Bridge\n\nIt was an auto bridge.\n")
    if not fix:  # what the cache holds can still be read: a second run answers from it
        again = subprocess.run([sys.executable, "-m", "corpuslint", "--select", "T002,W003", "--timings", "."],
                               cwd=corpus, capture_output=True, text=True)
        assert again.returncode == 1 and "Traceback" not in again.stderr


def test_a_catastrophic_user_pattern_is_reported_on_each_document_whatever_the_jobs(tmp_path, cli):
    (tmp_path / "slow.yaml").write_text("code: V900\nname: slow-pattern\ntype: existence\n"
                                        "patterns: ['(a|aa)+$']\n")
    (tmp_path / "corpuslint.yaml").write_text("vocabulary: [slow.yaml]\nselect: [V900, W003]\n")
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("Title\n\n" + "a" * 60 + "!")
    outputs = []
    for jobs in ("1", "2"):
        proc = cli("--no-cache", "--format", "json", "-j", jobs, ".", cwd=tmp_path)
        assert proc.returncode == 3  # incomplete
        found = json.loads(proc.stdout)
        assert [(f["path"], f["code"]) for f in found] == [
            (f"{i}.txt", code) for i in range(3) for code in ("F900", "W003")]
        assert all("took over 1s on this document" in f["message"] for f in found if f["code"] == "F900")
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]


def test_peak_memory_helper_measures_the_child(tmp_path):
    (tmp_path / "a.txt").write_text(ORDINARY)
    returncode, _, rss = _peak_rss_mb(["--version"], tmp_path)
    assert returncode == 0 and 5 < rss < 200
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


def test_lone_surrogate_escapes_in_a_record_are_reported_and_read_as_replacement_characters(tmp_path, cli):
    record = ('{"title": "Lone \\ud800 title", "text": "Nine men \\udc00 went to the harbour. '
              'A pair \\ud83d\\ude00 is fine, and \\\\ud800 is only text."}')
    (tmp_path / "a.jsonl").write_text(record + "\n")
    proc, found = findings(cli, tmp_path, "--no-cache", "--select", "ALL", ".")
    assert proc.returncode == 1
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in found if f["code"] in ("U005", "F900")] == [
        ("U005", 1, 17, "the JSON escape '\\ud800' is half of a UTF-16 surrogate pair, not a character; "
                        "read as U+FFFD"),
        ("U005", 1, 50, "the JSON escape '\\udc00' is half of a UTF-16 surrogate pair, not a character; "
                        "read as U+FFFD"),
    ]
    fixed = cli("--no-cache", "--fix", "--select", "ALL", ".", cwd=tmp_path)
    assert "Traceback" not in fixed.stderr and fixed.returncode == 1
    assert (tmp_path / "a.jsonl").read_text() == record + "\n"  # a record read with U+FFFD is never rewritten
