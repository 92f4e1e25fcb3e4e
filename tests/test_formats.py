"""Every output format, produced by the CLI and read back by a parser."""
import json
import os
import pty
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from conftest import REPO

SCHEMA = os.path.join(REPO, "tests", "schemas", "sarif-schema-2.1.0.json")
DOCS = {
    "news/a.txt": "Bridge reopens\n\nThe bridge, which had closed, reopened on a auto route.\n\nLatest News",
    "news/b.txt": "date 2021-08-04\nFerry sails\n\nThe ferry sailed at nine.\n",
}


@pytest.fixture
def corpus(tmp_path):
    for name, text in DOCS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def run(cli, corpus, fmt, *extra):
    proc = cli("--format", fmt, "--select", "T002,B001,W003,D001", *extra, "news", cwd=corpus)
    assert proc.returncode == 1, proc.stderr
    return proc.stdout


def test_concise_marks_fixable_findings_and_counts_them(cli, corpus):
    assert run(cli, corpus, "concise").splitlines() == [
        "news/a.txt:1:1: D001 [warning] no publication date; add a line such as 'date 2021-08-04' before the headline",
        "news/a.txt:3:43: T002 [warning] [*] 'a auto' should be 'an auto': 'an' goes before a vowel sound",
        "news/a.txt:5:1: B001 [warning] [*] site furniture 'Latest News' ends the document; remove it",
        "news/a.txt:5:12: W003 [warning] [*] no newline at end of file",
        "Found 4 problems (4 warnings) in 2 documents (2 files).",
        "[*] 3 fixable with `corpuslint --fix`.",
    ]
    assert run(cli, corpus, "text") == run(cli, corpus, "concise")


def test_full_shows_the_source_line_with_the_span_underlined(cli, corpus):
    out = cli("--format", "full", "--select", "T002", "news", cwd=corpus).stdout
    assert out.splitlines()[:4] == [
        "news/a.txt",
        "  3:43  T002 [warning] [*] 'a auto' should be 'an auto': 'an' goes before a vowel sound",
        "  3 | The bridge, which had closed, reopened on a auto route.",
        "    |                                           ^^^^^^",
    ]
    assert "\x1b[" not in out  # not a terminal: no colour


def _in_terminal(args, cwd, env):
    """Run the CLI with stdout on a pseudo-terminal; return what it printed."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "corpuslint", *args], cwd=cwd, env=env,
                            stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(controller)
    return b"".join(chunks).decode()


def test_full_uses_colour_on_a_terminal_unless_no_color(corpus):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _in_terminal(["--format", "full", "--select", "T002", "news"], corpus, env)
    assert "\x1b[1;33mT002\x1b[0m" in coloured
    plain = _in_terminal(["--format", "full", "--select", "T002", "news"], corpus, dict(env, NO_COLOR="1"))
    assert "T002" in plain and "\x1b[" not in plain


def test_json_and_jsonl_carry_the_same_objects(cli, corpus):
    array = json.loads(run(cli, corpus, "json"))
    lines = [json.loads(line) for line in run(cli, corpus, "jsonl").splitlines()]
    assert array == lines
    assert [(f["code"], f["line"], f["column"]) for f in array] == [
        ("D001", 1, 1), ("T002", 3, 43), ("B001", 5, 1), ("W003", 5, 12)]
    assert array[1]["fix"] == {"replacement": "an auto", "safe": True, "line": 3, "column": 43,
                               "end_line": 3, "end_column": 49}
    assert len(array[1]["fingerprint"]) == 20


def test_sarif_is_valid_and_carries_rules_and_fingerprints(cli, corpus):
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(run(cli, corpus, "sarif"))
    with open(SCHEMA, encoding="utf-8") as fh:
        jsonschema.validate(log, json.load(fh))
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["B001", "D001", "F900", "T002", "W003"]
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
               for r in rules)
    result = run_["results"][1]
    assert result["ruleId"] == "T002" and rules[result["ruleIndex"]]["id"] == "T002"
    assert result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "news/a.txt"},
        "region": {"startLine": 3, "startColumn": 43, "endLine": 3, "endColumn": 49}}
    assert set(result["partialFingerprints"]) == {"corpuslint/v1"}


def test_github_annotations_are_escaped(cli, tmp_path):
    (tmp_path / "a,b:c.txt").write_text("Bridge reopens\n\nIt is 100% a auto route.\n")
    out = cli("--format", "github", "--select", "T002", "a,b:c.txt", cwd=tmp_path).stdout
    assert out == ("::warning file=a%2Cb%3Ac.txt,line=3,col=12,endLine=3,endColumn=18,"
                   "title=T002 article-agreement::'a auto' should be 'an auto': 'an' goes before a vowel sound\n")
    info = cli("--format", "github", "--select", "D005", "a,b:c.txt", cwd=tmp_path).stdout
    assert info == ""  # nothing relative in the text
    (tmp_path / "b.txt").write_text("Bridge\n\nIt opened this morning.\n")
    assert cli("--format", "github", "--select", "D005", "b.txt", cwd=tmp_path).stdout.startswith("::notice ")


def test_junit_parses_with_one_failing_case_per_finding(cli, corpus):
    root = ElementTree.fromstring(run(cli, corpus, "junit"))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "4", "4")
    suite = root.find("testsuite")
    assert suite.get("name") == "news/a.txt"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["D001 at 1:1", "T002 at 3:43", "B001 at 5:1", "W003 at 5:12"]
    assert cases[1].find("failure").get("type") == "T002 article-agreement"
    clean = ElementTree.fromstring(cli("--format", "junit", "--select", "W003", "news/b.txt", cwd=corpus).stdout)
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")


def test_gitlab_code_quality_issues(cli, corpus):
    issues = json.loads(run(cli, corpus, "gitlab"))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues][1] == (
        "T002 article-agreement", "minor", {"path": "news/a.txt", "lines": {"begin": 3, "end": 3}})
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(i["description"] for i in issues)


def test_output_file_statistics_and_fail_on(cli, corpus):
    proc = cli("--select", "T002,B001,W003,D001,D005", "--output-file", "report.json", "--format", "json",
               "news", cwd=corpus)
    assert proc.returncode == 1 and proc.stdout == ""
    assert len(json.loads((corpus / "report.json").read_text())) == 4
    stats = cli("--statistics", "--select", "T002,B001,W003,D001", "news", cwd=corpus).stdout
    assert stats.splitlines() == ["      1  B001  [*]  boilerplate-phrase", "      1  D001       missing-date",
                                  "      1  T002  [*]  article-agreement", "      1  W003  [*]  missing-final-newline"]
    assert cli("--fail-on", "error", "--select", "T002,B001,W003,D001", "news", cwd=corpus).returncode == 0
    assert cli("--fail-on", "warning", "--select", "T002", "news", cwd=corpus).returncode == 1


def test_output_file_gets_the_usual_permissions(cli, corpus):
    cli("--select", "W003", "--output-file", "report.txt", "news", cwd=corpus)
    mode = (corpus / "report.txt").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
