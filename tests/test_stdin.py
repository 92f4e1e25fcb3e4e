"""`corpuslint -`: one file read from standard input, shown as --stdin-filename NAME."""
import json

import pytest

ARTICLE = ("Bridge reopens\n\nThe bridge over the harbour reopened after a auto bomb damaged it.\n"
           "Latest News")
RECORD = json.dumps({"title": "Bridge reopens", "text": "The bridge reopened after a auto bomb damaged it.",
                     "date": "2021-08-04"}) + "\n"


def _lines(proc, folder=""):
    """Findings as `path:line:col: CODE`, the path relative to ``folder``."""
    return [line.split(" [")[0].removeprefix(folder) for line in proc.stdout.splitlines() if ": " in line]


def test_a_text_article_on_stdin_gets_the_findings_of_the_file(cli, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(ARTICLE)
    from_file = cli("--no-cache", "news/story.txt", cwd=tmp_path)
    from_stdin = cli("-", "--stdin-filename", "news/story.txt", cwd=tmp_path, input=ARTICLE)
    assert from_stdin.returncode == from_file.returncode == 1, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout
    assert _lines(from_stdin)[0].startswith("news/story.txt:") and len(_lines(from_stdin)) >= 3
    assert not (tmp_path / ".corpuslint_cache").exists()  # no cache for standard input
    # without a name, stdin is one text article shown as `-`
    bare = cli("-", cwd=tmp_path, input=ARTICLE)
    assert [line.replace("-:", "news/story.txt:", 1) for line in bare.stdout.splitlines()] == \
        from_file.stdout.splitlines()


def test_a_jsonl_file_on_stdin_is_read_as_records(cli, tmp_path):
    proc = cli("--select", "T001,T002,F002", "--format", "json", "--stdin-filename", "export.jsonl", "-",
               cwd=tmp_path, input=RECORD + "{broken\n")
    assert proc.returncode == 1, proc.stderr
    found = [(f["path"], f["line"], f["code"], f["field"]) for f in json.loads(proc.stdout)]
    assert found == [("export.jsonl", 1, "T002", "text"), ("export.jsonl", 1, "T001", "text"),
                     ("export.jsonl", 2, "F002", None)]


def test_fix_on_stdin_prints_the_fixed_text_and_the_report_on_stderr(cli, tmp_path):
    proc = cli("--fix", "--select", "T001,T002,B001", "-", "--stdin-filename", "story.txt",
               cwd=tmp_path, input=ARTICLE)
    assert proc.stdout == "Bridge reopens\n\nThe bridge over the harbour reopened after a car bomb damaged it."
    assert proc.stderr == "Fixed 4 problems.\nNo problems found in 1 document (1 file).\n"
    assert proc.returncode == 0
    assert list(tmp_path.iterdir()) == []  # nothing written to disk
    records = cli("--fix", "--select", "T001,T002", "--stdin-filename", "x.jsonl", "-", cwd=tmp_path, input=RECORD)
    assert json.loads(records.stdout)["text"] == "The bridge reopened after a car bomb damaged it."
    unchanged = cli("--fix", "--select", "D001", "-", cwd=tmp_path, input=ARTICLE)
    assert (unchanged.returncode, unchanged.stdout) == (1, ARTICLE)
    assert unchanged.stderr.startswith("-:1:1: D001 [warning] no publication date")


def test_the_name_decides_the_configuration_and_the_per_file_ignores(cli, tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "corpuslint.yaml").write_text(
        "select: [T001, T002]\nper-file-ignores:\n  'wire/*': [T002]\n")
    proc = cli("-", "--stdin-filename", "corpus/wire/story.txt", cwd=tmp_path, input=ARTICLE)
    assert _lines(proc) == ["corpus/wire/story.txt:3:46: T001"]


def test_an_empty_record_file_on_stdin_is_nothing_read(cli, tmp_path):
    proc = cli("-", "--stdin-filename", "x.jsonl", cwd=tmp_path, input="")
    assert proc.returncode == 2
    assert proc.stderr == "corpuslint: error: nothing to lint in x.jsonl: 0 documents in 1 file\n"


@pytest.mark.parametrize("args,message", [
    (("-", "other.txt"), "`-` (standard input) cannot be linted together with other paths"),
    (("--stdin-filename", "x.txt", "other.txt"), "--stdin-filename names standard input: give `-` as the only path"),
])
def test_stdin_mixed_with_paths_is_a_usage_error(cli, tmp_path, args, message):
    (tmp_path / "other.txt").write_text(ARTICLE)
    proc = cli(*args, cwd=tmp_path, input=ARTICLE)
    assert (proc.returncode, proc.stderr, proc.stdout) == (2, f"corpuslint: error: {message}\n", "")


def test_stdin_over_the_size_limit_is_refused(cli, tmp_path):
    (tmp_path / "corpuslint.yaml").write_text("max-document-mb: 0.001\n")
    proc = cli("-", "--stdin-filename", "big.txt", cwd=tmp_path, input="word " * 1000)
    assert proc.returncode == 2
    assert proc.stderr == ("corpuslint: error: standard input is larger than 1048 bytes, the most read for one "
                           "document (max-document-mb); save it to a file and lint the file\n")
