"""Configuration: discovery, validation, per-rule options, ignores, vocabularies."""
import json

import pytest

ARTICLE = "Bridge reopens after repairs\n\nThe bridge reopened on Wednesday.\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "corpus" / "sub").mkdir(parents=True)
    (tmp_path / "corpus" / "a.txt").write_text(ARTICLE)
    (tmp_path / "corpus" / "sub" / "b.txt").write_text(ARTICLE.rstrip("\n"))
    return tmp_path


def codes(proc):
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["code"]) for f in json.loads(proc.stdout)]


def test_config_is_found_walking_up_from_the_working_directory(cli, project):
    (project / "pyproject.toml").write_text("[tool.corpuslint]\nselect = ['W003']\n")
    assert codes(cli("--format", "json", ".", cwd=project / "corpus")) == [("sub/b.txt", "W003")]


def test_config_is_found_from_the_linted_path_not_the_working_directory(cli, project, tmp_path_factory):
    (project / "corpus" / "corpuslint.yaml").write_text("select: [W003]\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "corpuslint.yaml").write_text("select: [D001]\n")  # where the command runs: not used
    corpus = str(project / "corpus")
    assert codes(cli("--format", "json", corpus, cwd=elsewhere)) == [(f"{corpus}/sub/b.txt", "W003")]
    # a file is searched from its folder; several paths from the folder that holds them all
    assert codes(cli("--format", "json", f"{corpus}/sub/b.txt", cwd=elsewhere)) == \
        [(f"{corpus}/sub/b.txt", "W003")]
    assert codes(cli("--format", "json", f"{corpus}/a.txt", f"{corpus}/sub", cwd=elsewhere)) == \
        [(f"{corpus}/sub/b.txt", "W003")]
    # --config still wins
    found = codes(cli("--format", "json", "--config", "corpuslint.yaml", corpus, cwd=elsewhere))
    assert found == [(f"{corpus}/a.txt", "D001"), (f"{corpus}/sub/b.txt", "D001")]


def test_the_config_of_the_linted_folder_is_its_project_root(tmp_path):
    from corpuslint.config import load_settings, search_start

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.corpuslint]\nignore = ['D001']\n")
    (tmp_path / "a" / "b" / "x.txt").write_text(ARTICLE)
    start = search_start(["a/b/x.txt", "a/b"], cwd=str(tmp_path))
    assert start == str(tmp_path / "a" / "b")
    settings = load_settings(cwd=str(tmp_path), start=start)
    assert (settings.source, settings.root, settings.ignore) == ("a/pyproject.toml", str(tmp_path / "a"), ["D001"])
    assert search_start([], cwd=str(tmp_path)) == str(tmp_path)


def test_pyproject_without_a_table_is_skipped_and_yaml_wins(cli, project):
    (project / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    (project / "corpus" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (project / ".corpuslint.yaml").write_text("select: [D001]\n")
    found = codes(cli("--format", "json", ".", cwd=project / "corpus"))
    assert found == [("a.txt", "D001"), ("sub/b.txt", "D001")]


def test_explicit_config_file(cli, project):
    (project / "strict.yaml").write_text("select: [W003]\n")
    found = codes(cli("--format", "json", "--config", "../strict.yaml", ".", cwd=project / "corpus"))
    assert found == [("sub/b.txt", "W003")]


def test_per_file_ignores_and_severity(cli, project):
    (project / "corpuslint.yaml").write_text(
        "select: [D001, W003]\nper-file-ignores:\n  'corpus/sub/*': [W]\n  'a.txt': [missing-date]\n"
        "severity:\n  D001: error\n")
    findings = json.loads(cli("--format", "json", "corpus", cwd=project).stdout)
    assert [(f["path"], f["code"], f["severity"]) for f in findings] == [("corpus/sub/b.txt", "D001", "error")]


def test_exclude_patterns_and_default_excludes(cli, project):
    (project / "corpus" / "README.md").write_text("How this corpus was made")
    (project / "corpus" / ".venv").mkdir()
    (project / "corpus" / ".venv" / "x.txt").write_text("x")
    (project / "corpuslint.yaml").write_text("select: [W003]\nextend-exclude: ['sub']\n")
    proc = cli("--format", "json", "corpus", cwd=project)
    assert codes(proc) == []
    # README.md and the excluded folder sub/ are counted as skipped; .venv, a tool folder, is not
    assert cli("corpus", cwd=project).stdout.endswith("in 1 document (1 file, 2 skipped).\n")


def test_rule_options_are_validated(cli, project):
    (project / "corpuslint.yaml").write_text("rules:\n  repeated-blank-lines:\n    max-blank-lines: two\n")
    proc = cli("corpus", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr == ("corpuslint: error: corpuslint.yaml: 'rules': rule W005 (repeated-blank-lines) "
                           "option 'max-blank-lines' must be an integer, not 'two'\n")


@pytest.mark.parametrize("config,message", [
    ("select: [W003]\nignore: D9\n", "corpuslint.yaml: 'ignore': unknown rule code, prefix or name 'D9'"),
    ("rules:\n  Q998: {}\n", "corpuslint.yaml: 'rules': unknown rule 'Q998'"),
    ("rules:\n  W005:\n    max-lines: 3\n", "unknown option 'max-lines' for rule W005 (repeated-blank-lines)"),
    ("jobs: -1\n", "corpuslint.yaml: 'jobs' must be an integer from 1 to 1024, not -1"),
    ("select: 3\n", "corpuslint.yaml: 'select' must be a list of strings, not 3"),
    ("fields:\n  headline: h\n", "corpuslint.yaml: 'fields': unknown role 'headline'"),
    ("severity:\n  D001: fatal\n", "entry 'D001' must be error, warning or info"),
    ("select: [W003\n", "corpuslint.yaml:2:1: not valid YAML"),
    ("vocabulary: [missing.yaml]\n", "missing.yaml: cannot read"),
])
def test_config_errors_exit_2_naming_file_and_key(cli, project, config, message):
    (project / "corpuslint.yaml").write_text(config)
    proc = cli("corpus", cwd=project)
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


def test_record_fields_can_be_named(cli, tmp_path):
    (tmp_path / "export.jsonl").write_text(
        '{"headline_text": "Bridge reopens", "story": "It reopened.", "when": "2031-01-01"}\n')
    (tmp_path / "corpuslint.yaml").write_text(
        "select: [D003, F004]\nfields:\n  title: headline_text\n  text: story\n  date: when\n"
        "rules:\n  future-date:\n    reference-date: '2026-11-22'\n")
    findings = json.loads(cli("--format", "json", "export.jsonl", cwd=tmp_path).stdout)
    assert [(f["code"], f["field"], f["column"]) for f in findings] == [("D003", "when", 71)]


def test_project_vocabulary_defines_a_rule_and_extends_a_builtin(cli, tmp_path):
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.yaml").write_text(
        "code: V101\nname: house-style\ntype: substitution\nseverity: info\n"
        "description: Our house style.\nswap:\n  per cent: percent\n")
    (tmp_path / "style" / "spun.yaml").write_text(
        "extends: spun-phrase\nswap:\n  fear monger assault: terrorist attack\n")
    (tmp_path / "corpuslint.yaml").write_text(
        "vocabulary: [style/house.yaml, style/spun.yaml]\nselect: [V101, T001]\n")
    (tmp_path / "a.txt").write_text("Prices up\n\nPrices rose 5 per cent after a fear monger assault.\n")
    proc = cli("a.txt", cwd=tmp_path)
    assert proc.stdout.splitlines()[:2] == [
        "a.txt:3:15: V101 [info] 'per cent' -> 'percent'",
        "a.txt:3:32: T001 [warning] [*] spun phrase 'fear monger assault' -> 'terrorist attack'",
    ]
    doc = cli("rule", "V101", cwd=tmp_path)
    assert "Our house style." in doc.stdout and "Defined in: style/house.yaml" in doc.stdout


@pytest.mark.parametrize("vocabulary,message", [
    ("code: V1\nname: x\ntype: existence\n", "style/v.yaml: 'code' must be a capital letter and three digits"),
    ("code: V101\nname: x\ntype: magic\n", "style/v.yaml: 'type' must be one of existence, substitution"),
    ("code: V101\nname: x\ntype: existence\npatterns: ['(']\n", "pattern '(' is not a valid regular expression"),
    ("extends: spun-phrase\ngroups: [{forms: [a, b]}]\n", "rule T001 (spun-phrase) takes swap, not groups"),
    ("extends: no-such-rule\nswap: {a: b}\n", "'extends: no-such-rule' names no vocabulary rule"),
    ("code: D001\nname: clash\ntype: existence\ntokens: [x]\n", "two rules claim 'D001'"),
])
def test_vocabulary_errors(cli, tmp_path, vocabulary, message):
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "v.yaml").write_text(vocabulary)
    (tmp_path / "corpuslint.yaml").write_text("vocabulary: [style/v.yaml]\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    proc = cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr, proc.stderr


def test_rules_that_build_on_another_rule_see_its_project_configuration(cli, tmp_path):
    """B002 skips what B001 knows, including what the project added to B001."""
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(
            f"Story {i}\n\nThe harbour story number {i} ran long into the night.\n\nJoin the Quay Club today.\n")
    learned = cli("--select", "B001,B002", "--format", "json", "0.txt", "1.txt", "2.txt", cwd=tmp_path)
    assert {f["code"] for f in json.loads(learned.stdout)} == {"B002"}
    (tmp_path / "furniture.yaml").write_text("extends: boilerplate-phrase\ntokens: ['Join the Quay Club today.']\n")
    (tmp_path / "corpuslint.yaml").write_text("vocabulary: [furniture.yaml]\n")
    known = cli("--select", "B001,B002", "--format", "json", "0.txt", "1.txt", "2.txt", cwd=tmp_path)
    assert [(f["code"], f["line"]) for f in json.loads(known.stdout)] == [("B001", 5)] * 3
