"""The command line end to end: formats, selection, exit codes."""
import json

import pytest

import corpuslint

CLEAN = "date 2021-08-04\nBridge reopens after repairs\n\nThe bridge over the harbour reopened on Wednesday.\n"
UNDATED = "Bridge reopens after repairs\n\nThe bridge over the harbour reopened."


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "clean.txt").write_text(CLEAN)
    (tmp_path / "news" / "undated.txt").write_text(UNDATED)
    return tmp_path


def test_text_format_lines_and_summary(cli, corpus):
    proc = cli("--select", "D001,W003", "news", cwd=corpus)
    assert proc.returncode == 1
    assert proc.stdout == (
        "news/undated.txt:1:1: D001 [warning] no publication date; add a line such as "
        "'date 2021-08-04' before the headline\n"
        "news/undated.txt:3:38: W003 [warning] [*] no newline at end of file\n"
        "Found 2 problems (2 warnings) in 2 documents (2 files).\n"
        "[*] 1 fixable with `corpuslint --fix`.\n")
    assert proc.stderr == ""


def test_json_format_is_the_documented_contract(cli, corpus):
    proc = cli("--format", "json", "--select", "W003", "news/", cwd=corpus)
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == [{
        "code": "W003", "name": "missing-final-newline", "severity": "warning",
        "message": "no newline at end of file", "path": "news/undated.txt",
        "line": 3, "column": 38, "end_line": 3, "end_column": 38,
        "document": "news/undated.txt", "field": None,
        "fix": {"replacement": "\n", "safe": True, "line": 3, "column": 38, "end_line": 3, "end_column": 38},
        "related": [], "fingerprint": json.loads(proc.stdout)[0]["fingerprint"],
    }]


def test_exit_zero_when_clean(cli, corpus):
    proc = cli("--select", "D001,W003", "news/clean.txt", cwd=corpus)
    assert (proc.returncode, proc.stdout) == (0, "No problems found in 1 document (1 file).\n")
    proc = cli("--format", "json", "--select", "W003", "news/clean.txt", cwd=corpus)
    assert (proc.returncode, json.loads(proc.stdout)) == (0, [])


def test_exit_zero_flag_and_quiet(cli, corpus):
    proc = cli("--select", "W003", "--exit-zero", "--quiet", "news", cwd=corpus)
    assert proc.returncode == 0
    assert proc.stdout == "news/undated.txt:3:38: W003 [warning] [*] no newline at end of file\n"


@pytest.mark.parametrize("args", [
    ("--select", "D", "--ignore", "missing-date"),
    ("--select", "W003", "--ignore", "W0"),
    ("--select", "D001", "--ignore", "ALL"),
])
def test_ignore_by_name_prefix_and_all(cli, corpus, args):
    proc = cli(*args, "news", cwd=corpus)
    assert "D001" not in proc.stdout and "W003" not in proc.stdout


def test_extend_select_adds_to_the_configured_selection(cli, corpus):
    (corpus / "corpuslint.yaml").write_text("select: [D001]\n")
    proc = cli("--extend-select", "W003", "--quiet", "news", cwd=corpus)
    assert [line.split()[1] for line in proc.stdout.splitlines()] == ["D001", "W003"]


@pytest.mark.parametrize("args,message", [
    (("--select", "Q999", "news"), "corpuslint: error: --select: unknown rule code, prefix or name 'Q999'"),
    (("--format", "xml", "news"), "invalid choice: 'xml'"),
    (("missing-folder",), "corpuslint: error: missing-folder: no such file or directory"),
    (("--jobs", "0", "news"), "--jobs: must be at least 1"),
    (("--config", "nope.toml", "news"), "corpuslint: error: nope.toml: configuration file not found"),
])
def test_usage_errors_exit_2_with_one_line(cli, corpus, args, message):
    proc = cli(*args, cwd=corpus)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_config_error_names_file_and_key(cli, corpus):
    (corpus / "pyproject.toml").write_text("[tool.corpuslint]\nselct = ['D']\n")
    proc = cli("news", cwd=corpus)
    assert proc.returncode == 2
    assert proc.stderr == ("corpuslint: error: pyproject.toml: [tool.corpuslint] 'selct': unknown key; "
                           "did you mean 'select'?\n")


def test_version_and_module_entry(cli):
    proc = cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"corpuslint {corpuslint.__version__}\n")


def test_rules_listing_and_rule_documentation(cli):
    listing = json.loads(cli("rules", "--format", "json").stdout)
    codes = [r["code"] for r in listing]
    assert codes == sorted(codes) and "D001" in codes and "F900" in codes
    assert all(r["name"] and r["summary"] for r in listing)
    text = cli("rules").stdout.splitlines()
    assert text[0].split() == ["CODE", "NAME", "FAMILY", "SEVERITY", "FIX", "SUMMARY"]
    doc = cli("rule", "missing-date")
    assert doc.returncode == 0
    assert doc.stdout.startswith("D001 missing-date\n\nFamily: dates (D).  Severity: warning.")
    assert "Defined in: rules/dates/missing_date.py" in doc.stdout
    unknown = cli("rule", "nope")
    assert unknown.returncode == 2 and "unknown rule 'nope'" in unknown.stderr


def test_python_api_returns_findings(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    report = corpuslint.lint("news", config={"select": ["W003", "D001"]})
    assert [(f.code, f.path, f.location.line) for f in report.findings] == [
        ("D001", "news/undated.txt", 1), ("W003", "news/undated.txt", 3)]
    assert (report.documents, report.files) == (2, 2)


def test_a_rule_names_the_rules_it_requires(cli):
    doc = cli("rule", "H003").stdout
    assert "\nRequires: X001 (exact-duplicate); set up with the project's options even when not selected.\n" in doc
    assert "Requires:" not in cli("rule", "T002").stdout
    listing = {r["code"]: r for r in json.loads(cli("rules", "--format", "json").stdout)}
    assert listing["H003"]["requires"] == ["X001"]
    assert listing["T002"]["requires"] == []


def test_a_rule_built_without_its_peers_says_how_to_build_it():
    from corpuslint.registry import standalone_rule
    from corpuslint.rules.headlines.duplicate_headline import DuplicateHeadline

    with pytest.raises(TypeError, match=r"rule H003 \(duplicate-headline\) requires X001"):
        DuplicateHeadline()
    assert standalone_rule(DuplicateHeadline).peer("X001").code == "X001"


def test_nothing_to_lint_in_an_empty_folder_exits_2(main, tmp_path):
    (tmp_path / "empty_folder").mkdir()
    proc = main("empty_folder/", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == "Nothing was linted: 0 documents (0 files).\n"
    assert proc.stderr == "corpuslint: error: nothing to lint in empty_folder/: no files\n"
    # --exit-zero silences findings, not a run that read nothing
    assert main("--exit-zero", "empty_folder/", cwd=tmp_path).returncode == 2


def test_a_folder_of_files_that_are_not_included_exits_2_naming_them(main, tmp_path):
    (tmp_path / "pdfs" / ".git").mkdir(parents=True)
    for i in range(12):
        (tmp_path / "pdfs" / f"{i}.pdf").write_bytes(b"%PDF-1.4")
    proc = main("--format", "json", "pdfs", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "[]\n")
    assert proc.stderr == ("corpuslint: error: nothing to lint in pdfs: 12 files skipped: .pdf is not included "
                           "(see --show-files)\n")


def test_files_that_all_fail_to_read_exit_2_after_the_report(main, tmp_path):
    (tmp_path / "broken.jsonl").write_text("{not json\n")
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "cut.txt.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xf3H")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    proc = main("--select", "F", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "broken.jsonl:1:2: F002 [error] " in proc.stdout and "cut.txt.gz:1:1: F001 [error] " in proc.stdout
    assert proc.stdout.endswith(" in 0 documents (3 files, 1 skipped).\n")
    assert proc.stderr == ("corpuslint: error: nothing to lint in .: 0 documents in 3 files; 1 file skipped: "
                           ".pdf is not included (see --show-files)\n")


def test_a_run_that_reads_one_document_is_not_an_error(main, tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "a.txt").write_text(CLEAN)
    proc = main("--select", "W003", "empty.jsonl", "a.txt", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_the_python_api_tells_what_was_skipped(tmp_path, monkeypatch):
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "a.pdf").write_bytes(b"%PDF")
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["pdfs"])
    assert (report.documents, report.files, report.skipped_count, report.nothing_read) == (0, 0, 1, True)
    assert [(s.display, s.reason) for s in report.skipped] == [("pdfs/a.pdf", ".pdf is not included")]
    assert report.nothing_read_reason() == \
        "nothing to lint in pdfs: 1 file skipped: .pdf is not included (see --show-files)"
