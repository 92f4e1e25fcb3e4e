"""--fix, --unsafe-fixes and --diff: what changes, what must not, and that a second run is a no-op.

What each rule's fixes give, document by document, is in the rule cases
(``fixed:`` in tests/rules/cases/*.yaml). These tests run the command in
this process (the ``main`` fixture); the last ones start it as a program,
for its exit status and messages.
"""
import os
import shutil

from conftest import shared_path


def _lines(path):
    with open(path, "rb") as fh:
        return fh.read().split(b"\n")


def test_fix_on_the_seeds_changes_exactly_the_expected_lines(main, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(shared_path("seeds"), seeds)
    for path in seeds.iterdir():
        path.chmod(0o644)
    before = {p.name: _lines(p) for p in seeds.iterdir()}
    diff = main("--diff", "seeds", cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith("--- seeds/000_")
    assert {p.name: _lines(p) for p in seeds.iterdir()} == before, "--diff must not write"
    fixed = main("--fix", "seeds", cwd=tmp_path)
    assert "Fixed 10 problems." in fixed.stdout  # 'a auto bomb' takes three passes: an auto, an car, a car
    after = {p.name: _lines(p) for p in seeds.iterdir()}
    changed = {name: [(i + 1, old, new) for i, (old, new) in enumerate(zip(before[name], after[name])) if old != new]
               for name in before}
    a = "000_b69fd0fab81b4be5.txt"
    assert [(n, new) for n, _, new in changed[a]] == [
        (19, before[a][18].replace(b"was a auto bomb", b"was a car bomb")),
        (21, before[a][20].replace(b"suicide auto bomber", b"suicide car bomber")),
    ]
    # 'Latest News' and the blank line before it are gone; the last line ends with a newline
    assert after[a][:41] == before[a][:18] + [after[a][18]] + before[a][19:20] + [after[a][20]] + before[a][21:41]
    assert after[a][41:] == [b""]
    b = "002_7e41e48dee4073a3.txt"
    assert [n for n, _, _ in changed[b]] == [1, 33]
    assert after[b][0] == before[b][0][1:]  # the leading space
    assert after[b][32] == before[b][32].replace(b" Brief News from Washington Newsday.", b"")
    assert after[b][-1] == b""  # a final newline
    c = "003_32f1a7140ce5850f.txt"
    assert changed[c] == [] and after[c][:19] == before[c] and after[c][19:] == [b""]
    again = main("--fix", "seeds", cwd=tmp_path)
    assert "Fixed" not in again.stdout
    assert {p.name: _lines(p) for p in seeds.iterdir()} == after
    assert main("--diff", "seeds", cwd=tmp_path).stdout == ""


def test_records_outside_the_fix_stay_byte_identical(main, tmp_path):
    jsonl = (b'{"id": 1, "title": "Quay", "text": "A stray &amp; entity and a auto here."}\r\n'
             b'{"id": 2, "title": "Port", "text": "Odd  spacing and caf\\u00e9 \\u2014 untouched."}\r\n'
             b'{"id": 3, "title": "Pier", "text": "Caf\xc3\xa9 owners met a auto dealer."}\r\n')
    (tmp_path / "news.jsonl").write_bytes(jsonl)
    csv = (b'id,title,text\n1,Quay,"He said ""hi"", then a auto\nleft."\n'
           b'2,Pier,"untouched, ""quoted"" text"\n3,Port,plain text a auto\n')
    (tmp_path / "news.csv").write_bytes(csv)
    main("--fix", "--select", "T002,U002", "news.jsonl", "news.csv", cwd=tmp_path)
    lines = (tmp_path / "news.jsonl").read_bytes().split(b"\r\n")
    assert lines[0] == b'{"id": 1, "title": "Quay", "text": "A stray & entity and an auto here."}'
    assert lines[1] == jsonl.split(b"\r\n")[1]
    assert lines[2] == '{"id": 3, "title": "Pier", "text": "Café owners met an auto dealer."}'.encode()
    assert (tmp_path / "news.csv").read_bytes() == csv.replace(b"then a auto", b"then an auto").replace(
        b"plain text a auto", b"plain text an auto")


def test_encoding_byte_order_mark_line_endings_and_mode_are_kept(main, tmp_path):
    (tmp_path / "latin.txt").write_bytes("Café reopens\r\n\r\nThe café saw a auto crash.".encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfBridge\n\nIt was a auto bridge.\n")
    os.chmod(tmp_path / "latin.txt", 0o640)
    main("--fix", "--select", "T002,W003", "latin.txt", "bom.txt", cwd=tmp_path)
    assert (tmp_path / "latin.txt").read_bytes() == \
        "Café reopens\r\n\r\nThe café saw an auto crash.\r\n".encode("cp1252")
    assert (tmp_path / "bom.txt").read_bytes() == b"\xef\xbb\xbfBridge\n\nIt was an auto bridge.\n"
    assert os.stat(tmp_path / "latin.txt").st_mode & 0o777 == 0o640


def test_a_file_changed_while_fixing_is_not_overwritten(tmp_path, monkeypatch):
    from corpuslint.config import Settings
    from corpuslint.engine import Checker
    from corpuslint.fixer import Fixer, FixOutcome
    from corpuslint.readers import Source
    from corpuslint.registry import Selection

    path = tmp_path / "a.txt"
    path.write_text("Bridge\n\nIt was a auto bridge.\n")
    fixer = Fixer(Checker(Settings(root=str(tmp_path)), Selection(select=["T002"])))
    outcome = FixOutcome()
    fixer.fix_file(Source(str(path), "a.txt", "a.txt"), outcome)
    (change,) = outcome.changes
    path.write_text("Bridge\n\nSomeone else edited this.\n")
    assert not fixer.write(change, outcome)
    assert path.read_text() == "Bridge\n\nSomeone else edited this.\n"
    assert outcome.notes == ["a.txt: not written: it changed on disk while corpuslint was fixing it; run again"]


def test_unsafe_fixes_need_the_flag(main, tmp_path):
    (tmp_path / "a.txt").write_text("Bridge\n\nThe the soviet bridge.\n")
    safe = main("--fix", "--select", "T003,T005", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "Bridge\n\nThe the soviet bridge.\n"
    assert "2 fixable with `corpuslint --fix --unsafe-fixes`." in safe.stdout
    main("--fix", "--unsafe-fixes", "--select", "T003,T005", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "Bridge\n\nThe Soviet bridge.\n"


def test_files_with_lost_bytes_are_not_fixed(cli, tmp_path):
    data = b"Caf\xc3\xa9 bridge\n\nIt was a auto \xff bridge.\n"  # UTF-8, with one invalid byte
    (tmp_path / "bad.txt").write_bytes(data)
    proc = cli("--fix", "--select", "T002", "bad.txt", cwd=tmp_path)
    assert proc.returncode == 1  # the finding is still there
    assert (tmp_path / "bad.txt").read_bytes() == data
    assert "bad.txt: not fixed: it has invalid UTF-8 bytes" in proc.stderr


def test_a_symlinked_file_is_fixed_through_the_link_only_when_asked(cli, tmp_path):
    (tmp_path / "real.txt").write_text("Bridge\n\nIt was a auto bridge.\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    refused = cli("--fix", "--select", "T002", "link.txt", cwd=tmp_path)
    assert refused.returncode == 1
    assert (tmp_path / "real.txt").read_text() == "Bridge\n\nIt was a auto bridge.\n"
    assert "corpuslint: link.txt: not fixed: it is a symbolic link (use --follow-symlinks" in refused.stderr
    followed = cli("--fix", "--follow-symlinks", "--select", "T002", "link.txt", cwd=tmp_path)
    assert followed.returncode == 0 and followed.stderr == "" and "Fixed 1 problem" in followed.stdout
    assert os.path.islink(tmp_path / "link.txt")
    assert (tmp_path / "real.txt").read_text() == "Bridge\n\nIt was an auto bridge.\n"
