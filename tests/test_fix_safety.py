"""``--fix`` under attack and under faults: the lint path's limits, one note per file left alone, no
write through a symbolic link, and the run always goes on with the next file.

Hostile inputs are built at test time; the limits are set small (``max-document-mb``) so that the
files stay small too.
"""
import codecs
import gzip
import os

import pytest

from corpuslint.config import Settings
from corpuslint.engine import Checker
from corpuslint.fixer import Fixer, FixOutcome, fix_sources
from corpuslint.readers import Source
from corpuslint.registry import Selection

BROKEN = b"Bridge\n\nIt was a auto bridge.\n"
FIXED = b"Bridge\n\nIt was an auto bridge.\n"
MB = 1024 * 1024
TRUNCATED_GZIP = ("not fixed: cannot read it: corrupt or truncated gzip data "
                  "(Compressed file ended before the end-of-stream marker was reached)")
LINK_REFUSED = ("not fixed: it is a symbolic link (use --follow-symlinks to fix the file it points to, "
                "if that is inside the linted paths)")
LINK_OUTSIDE = "not fixed: it is a symbolic link that resolves outside the linted tree"


def checker(root, max_document_mb=20.0, debug=False):
    return Checker(Settings(root=str(root), max_document_mb=max_document_mb), Selection(select=["T002"]), debug)


def source(path, root):
    name = os.path.relpath(path, root)
    return Source(str(path), name, name)


def fix(root, *paths, max_document_mb=20.0, **options):
    """Fix ``paths`` (under ``root``) directly, as ``--fix`` does; the outcome."""
    return fix_sources(checker(root, max_document_mb), [source(p, root) for p in paths], **options)


def stderr_notes(proc):
    assert "Traceback" not in proc.stderr, proc.stderr
    return [line for line in proc.stderr.splitlines() if ": not fixed: " in line or ": not written: " in line]


# --- size caps and decompression limits -------------------------------------------------------

def test_dev_zero_named_on_the_command_line_is_not_read_and_the_run_ends(cli, tmp_path):
    (tmp_path / "corpuslint.yaml").write_text("max-document-mb: 1\n")
    (tmp_path / "good.txt").write_bytes(BROKEN)
    proc = cli("--fix", "--select", "T002", "/dev/zero", "good.txt", cwd=tmp_path)  # run_cli: 300 s time-out
    assert proc.returncode in (0, 1), proc.stderr
    assert stderr_notes(proc) == ["corpuslint: /dev/zero: not fixed: it is a character device; "
                                  "only regular files are fixed"]
    assert (tmp_path / "good.txt").read_bytes() == FIXED


def test_special_files_are_never_opened_or_written(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    (tmp_path / "good.txt").write_bytes(BROKEN)
    outcome = fix(tmp_path, tmp_path / "pipe.txt", "/dev/null", tmp_path / "good.txt")
    assert outcome.notes == ["pipe.txt: not fixed: it is a FIFO; only regular files are fixed",
                             f"{os.path.relpath('/dev/null', tmp_path)}: not fixed: it is a character device; "
                             "only regular files are fixed"]
    assert [change.source.display for change in outcome.changes] == ["good.txt"]
    assert (tmp_path / "good.txt").read_bytes() == FIXED
    assert not outcome.incomplete


def test_a_gzip_bomb_is_not_decompressed_past_the_limit(cli, tmp_path):
    (tmp_path / "corpuslint.yaml").write_text("max-document-mb: 1\n")
    bomb = gzip.compress(BROKEN + b"a" * (4 * MB))  # 4 KB on disk, 4 MB inside
    assert len(bomb) < MB
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    (tmp_path / "big.txt").write_bytes(BROKEN + b"b" * (MB + 1))
    proc = cli("--fix", "--select", "T002", "bomb.txt.gz", "big.txt", cwd=tmp_path)
    assert stderr_notes(proc) == [
        "corpuslint: bomb.txt.gz: not fixed: over the 1.0 MB limit for one document (max-document-mb)",
        "corpuslint: big.txt: not fixed: over the 1.0 MB limit for one document (max-document-mb)",
    ]
    assert (tmp_path / "bomb.txt.gz").read_bytes() == bomb


def test_a_file_just_within_the_limit_is_fixed(tmp_path):
    data = BROKEN + b"x" * (MB - len(BROKEN) - 1) + b"\n"
    assert len(data) == MB
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(data))
    outcome = fix(tmp_path, tmp_path / "a.txt", tmp_path / "a.txt.gz", max_document_mb=1)
    assert outcome.notes == []
    assert (tmp_path / "a.txt").read_bytes() == FIXED + data[len(BROKEN):]
    assert gzip.decompress((tmp_path / "a.txt.gz").read_bytes()) == FIXED + data[len(BROKEN):]


def test_a_record_file_bomb_is_refused_before_its_records_are_read(tmp_path):
    line = b'{"title": "Quay", "text": "It was a auto bridge."}\n'
    bomb = gzip.compress(line + b" " * (13 * MB) + b"\n")  # 0.25 MB documents: 12.5 MB for a record file
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    (tmp_path / "fine.jsonl.gz").write_bytes(gzip.compress(line + b" " * (12 * MB) + b"\n"))
    outcome = fix(tmp_path, tmp_path / "bomb.jsonl.gz", tmp_path / "fine.jsonl.gz", max_document_mb=0.25)
    assert outcome.notes == ["bomb.jsonl.gz: not fixed: over the 12.5 MB limit for a JSONL or CSV file to fix "
                             "(50 times max-document-mb)"]
    assert (tmp_path / "bomb.jsonl.gz").read_bytes() == bomb
    fixed = gzip.decompress((tmp_path / "fine.jsonl.gz").read_bytes())
    assert fixed == line.replace(b"a auto", b"an auto") + b" " * (12 * MB) + b"\n"


# --- one file's failure is that file's note; the run goes on ----------------------------------

def test_a_truncated_gzip_among_good_files_is_noted_and_the_others_are_fixed(cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(BROKEN)
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(BROKEN, mtime=0))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(BROKEN * 50)[:40])
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(b'{"title": "Quay", "text": "a auto"}\n' * 50)[:45])
    (tmp_path / "e.jsonl").write_bytes(b'{"title": "Quay", "text": "It was a auto."}\n')
    truncated = {name: (tmp_path / name).read_bytes() for name in ("c.txt.gz", "d.jsonl.gz")}
    proc = cli("--fix", "--select", "T002", "a.txt", "b.txt.gz", "c.txt.gz", "d.jsonl.gz", "e.jsonl", cwd=tmp_path)
    assert stderr_notes(proc) == [f"corpuslint: c.txt.gz: {TRUNCATED_GZIP}",
                                  f"corpuslint: d.jsonl.gz: {TRUNCATED_GZIP}"]
    assert "Fixed 3 problems." in proc.stdout
    assert (tmp_path / "a.txt").read_bytes() == FIXED
    assert (tmp_path / "b.txt.gz").read_bytes() == gzip.compress(FIXED, mtime=0)
    assert (tmp_path / "e.jsonl").read_bytes() == b'{"title": "Quay", "text": "It was an auto."}\n'
    assert {name: (tmp_path / name).read_bytes() for name in truncated} == truncated


def test_binary_and_unreadable_files_are_noted(tmp_path, monkeypatch):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200) + b"a auto")
    (tmp_path / "locked.txt").write_bytes(BROKEN)
    (tmp_path / "good.txt").write_bytes(BROKEN)
    real_open = os.open

    def refusing_open(path, *args, **kwargs):  # we run as root: a chmod would not stop us
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    outcome = fix(tmp_path, tmp_path / "binary.txt", tmp_path / "locked.txt", tmp_path / "good.txt")
    monkeypatch.undo()
    assert outcome.notes == [
        "binary.txt: not fixed: holds a PNG image, not text; extract the article text first, "
        "or leave it out of the linted paths (F006)",
        "locked.txt: not fixed: cannot read it: permission denied",
    ]
    assert (tmp_path / "locked.txt").read_bytes() == BROKEN
    assert (tmp_path / "good.txt").read_bytes() == FIXED
    assert not outcome.incomplete


@pytest.fixture
def fixing_ferries_fails(tmp_path, monkeypatch):
    """a.txt and b.txt need the same fix; corpuslint fails (a simulated bug) on b.txt, the ferry story."""
    (tmp_path / "a.txt").write_bytes(BROKEN)
    (tmp_path / "b.txt").write_bytes(BROKEN.replace(b"Bridge", b"Ferry"))
    original = Fixer.fix_document

    def failing_on_ferries(self, doc):
        if doc.body.text.startswith("Ferry"):
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(Fixer, "fix_document", failing_on_ferries)
    return tmp_path


def test_corpuslint_failing_on_one_file_leaves_it_alone_and_marks_the_run_incomplete(fixing_ferries_fails):
    tmp_path = fixing_ferries_fails
    outcome = fix(tmp_path, tmp_path / "b.txt", tmp_path / "a.txt")
    assert outcome.notes == ["b.txt: not fixed: corpuslint failed on it (RuntimeError: boom); the file is left "
                             "as it was and the run is incomplete (rerun with --debug for the traceback)"]
    assert outcome.incomplete
    assert (tmp_path / "b.txt").read_bytes() == BROKEN.replace(b"Bridge", b"Ferry")
    assert (tmp_path / "a.txt").read_bytes() == FIXED
    debug = fix_sources(checker(tmp_path, debug=True), [source(tmp_path / "b.txt", tmp_path)])
    assert debug.notes[0].startswith("b.txt: not fixed: corpuslint failed on it (Traceback (most recent call last):")
    assert "RuntimeError: boom" in debug.notes[0]


# --- symbolic links -----------------------------------------------------------------------------

@pytest.fixture
def linked(tmp_path):
    """A project whose corpus holds links: one to a file outside the project, one to a file in the corpus
    (named ``.dat``, so that it is not linted itself), one to a file in the project outside the corpus."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "corpus").mkdir(parents=True)
    (project / "notes").mkdir()
    outside.mkdir()
    (project / "corpuslint.yaml").write_text("select: [T002]\n")
    for target in (outside / "secret.txt", project / "corpus" / "real.dat", project / "notes" / "draft.txt"):
        target.write_bytes(BROKEN)
    (project / "corpus" / "out.txt").symlink_to(outside / "secret.txt")
    (project / "corpus" / "in.txt").symlink_to("real.dat")
    (project / "corpus" / "notes.txt").symlink_to("../notes/draft.txt")
    return project


def test_a_link_to_a_file_outside_the_tree_is_never_written_through(cli, linked):
    secret = linked.parent / "outside" / "secret.txt"
    plain = cli("--fix", "corpus/out.txt", cwd=linked)
    assert stderr_notes(plain) == [f"corpuslint: corpus/out.txt: {LINK_REFUSED}"]
    assert secret.read_bytes() == BROKEN
    followed = cli("--fix", "--follow-symlinks", "corpus", cwd=linked)
    assert f"corpuslint: corpus/out.txt: {LINK_OUTSIDE}" in stderr_notes(followed)
    assert secret.read_bytes() == BROKEN
    assert os.path.islink(linked / "corpus" / "out.txt")


def test_a_link_inside_the_tree_is_fixed_only_with_follow_symlinks(cli, linked):
    real = linked / "corpus" / "real.dat"
    plain = cli("--fix", "corpus/in.txt", cwd=linked)
    assert stderr_notes(plain) == [f"corpuslint: corpus/in.txt: {LINK_REFUSED}"]
    assert real.read_bytes() == BROKEN
    cli("--fix", "--follow-symlinks", "corpus/in.txt", cwd=linked)
    assert real.read_bytes() == FIXED
    assert os.readlink(linked / "corpus" / "in.txt") == "real.dat"


def test_the_linted_tree_is_the_paths_named(linked):
    corpus = linked / "corpus"
    named = fix(linked, corpus / "notes.txt", corpus / "in.txt", follow_symlinks=True, roots=[str(corpus)])
    assert named.notes == [f"corpus/notes.txt: {LINK_OUTSIDE}"]
    assert (linked / "notes" / "draft.txt").read_bytes() == BROKEN
    assert (corpus / "real.dat").read_bytes() == FIXED
    # without roots, the project root is the tree
    default = fix(linked, corpus / "notes.txt", corpus / "out.txt", follow_symlinks=True)
    assert default.notes == [f"corpus/out.txt: {LINK_OUTSIDE}"]
    assert (linked / "notes" / "draft.txt").read_bytes() == FIXED
    assert (linked.parent / "outside" / "secret.txt").read_bytes() == BROKEN


def test_a_file_replaced_by_a_link_before_the_write_is_not_written_through(tmp_path):
    (tmp_path / "a.txt").write_bytes(BROKEN)
    (tmp_path / "elsewhere.txt").write_bytes(BROKEN)
    fixer = Fixer(checker(tmp_path))
    outcome = FixOutcome()
    fixer.fix_file(source(tmp_path / "a.txt", tmp_path), outcome)
    (change,) = outcome.changes
    (tmp_path / "a.txt").unlink()
    (tmp_path / "a.txt").symlink_to("elsewhere.txt")
    assert not fixer.write(change, outcome)
    assert outcome.notes == [f"a.txt: not written: {LINK_REFUSED.removeprefix('not fixed: ')}"]
    assert (tmp_path / "elsewhere.txt").read_bytes() == BROKEN
    assert os.path.islink(tmp_path / "a.txt")


def test_a_file_changed_during_the_write_is_not_replaced(tmp_path, monkeypatch):
    import corpuslint.fixer

    (tmp_path / "a.txt").write_bytes(BROKEN)
    real_write = corpuslint.fixer.atomic_write

    def someone_else_writes_first(path, data, **kwargs):
        (tmp_path / "a.txt").write_bytes(b"Someone else's edit\n")
        return real_write(path, data, **kwargs)

    monkeypatch.setattr(corpuslint.fixer, "atomic_write", someone_else_writes_first)
    outcome = fix(tmp_path, tmp_path / "a.txt")
    assert outcome.notes == ["a.txt: not written: it changed on disk while corpuslint was fixing it; run again"]
    assert (tmp_path / "a.txt").read_bytes() == b"Someone else's edit\n"
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]  # no temporary file left behind


# --- encodings of record files ------------------------------------------------------------------

def test_a_utf16_record_file_is_not_rewritten_as_utf8(tmp_path):
    data = '{"title": "Quay", "text": "It was a auto bridge."}\n'.encode("utf-16")
    (tmp_path / "a.jsonl").write_bytes(data)
    outcome = fix(tmp_path, tmp_path / "a.jsonl")
    assert outcome.notes == ["a.jsonl: not fixed: it is UTF-16-LE; fixes are written only into UTF-8 "
                             "JSONL and CSV files (see U005)"]
    assert (tmp_path / "a.jsonl").read_bytes() == data


def test_the_first_record_of_a_file_with_a_byte_order_mark_is_fixed_and_the_mark_kept(tmp_path):
    jsonl = b'{"title": "Quay", "text": "It was a auto bridge."}\r\n{"title": "Port", "text": "A auto."}\r\n'
    csv = b'title,text\r\nQuay,It was a auto bridge.\r\n'
    (tmp_path / "a.jsonl").write_bytes(codecs.BOM_UTF8 + jsonl)
    (tmp_path / "a.csv").write_bytes(codecs.BOM_UTF8 + csv)
    outcome = fix(tmp_path, tmp_path / "a.jsonl", tmp_path / "a.csv")
    assert outcome.notes == [] and outcome.fixes == 3
    assert (tmp_path / "a.jsonl").read_bytes() == codecs.BOM_UTF8 + jsonl.replace(b"a auto", b"an auto").replace(
        b"A auto", b"An auto")
    assert (tmp_path / "a.csv").read_bytes() == codecs.BOM_UTF8 + csv.replace(b"a auto", b"an auto")


def test_the_command_exits_3_when_fixing_a_file_failed(fixing_ferries_fails, monkeypatch, capsys):
    from corpuslint.cli import main

    tmp_path = fixing_ferries_fails
    monkeypatch.chdir(tmp_path)
    assert main(["--fix", "--no-progress", "-j", "1", "--select", "T002", "."]) == 3
    err = capsys.readouterr().err
    assert "b.txt: not fixed: corpuslint failed on it (RuntimeError: boom)" in err
    assert err.rstrip().endswith("corpuslint: the run is incomplete: corpuslint failed while fixing a file "
                                 "(see the notes above)")
    assert (tmp_path / "a.txt").read_bytes() == FIXED
    assert main(["--diff", "--no-progress", "-j", "1", "--select", "T002", "."]) == 3
