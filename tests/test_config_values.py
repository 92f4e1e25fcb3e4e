"""Configuration values and files that must be refused: each one line naming the file and the key, exit 2.

Numbers must be finite and in range (``.nan`` and ``.inf`` would make every
file fail, or none), booleans are not numbers, and a configuration file that
is not UTF-8, cannot be read, nests without end or is not a regular file is a
configuration error, never a traceback or a crash.
"""
import os

import pytest

from corpuslint.config import Settings, load_settings
from corpuslint.errors import ConfigError

ARTICLE = "Bridge reopens\n\nThe bridge reopened on Wednesday.\n"
MB = "must be a number of megabytes above 0 and at most 4096"
SECONDS = "must be a number of seconds above 0 and at most 86400"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    return tmp_path


def refused(cli, project, *args):
    """The one line of stderr of a run that must stop with exit code 2."""
    proc = cli(*args, "a.txt", cwd=project)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    return proc.stderr


@pytest.mark.parametrize("line,message", [
    ("max-document-mb: .nan", f"'max-document-mb' {MB}, not nan"),
    ("max-document-mb: .inf", f"'max-document-mb' {MB}, not inf"),
    ("max-document-mb: -.inf", f"'max-document-mb' {MB}, not -inf"),
    ("max-document-mb: 1.0e+400", f"'max-document-mb' {MB}, not inf"),
    ("max-document-mb: -1", f"'max-document-mb' {MB}, not -1"),
    ("max-document-mb: 0", f"'max-document-mb' {MB}, not 0"),
    ("max-document-mb: 4096.5", f"'max-document-mb' {MB}, not 4096.5"),
    ("max-document-mb: 10000000000000000000000000000000000000000", f"'max-document-mb' {MB}, "
                                                                   "not 10000000000000000000000000000000000000000"),
    ("max-document-mb: true", f"'max-document-mb' {MB}, not True"),
    ("max-document-mb: '20'", f"'max-document-mb' {MB}, not '20'"),
    ("jobs: 0", "'jobs' must be an integer from 1 to 1024, not 0"),
    ("jobs: -1", "'jobs' must be an integer from 1 to 1024, not -1"),
    ("jobs: 1025", "'jobs' must be an integer from 1 to 1024, not 1025"),
    ("jobs: 99999999999999999999999", "'jobs' must be an integer from 1 to 1024, not 99999999999999999999999"),
    ("jobs: true", "'jobs' must be an integer from 1 to 1024, not True"),
    ("jobs: 2.0", "'jobs' must be an integer from 1 to 1024, not 2.0"),
    ("jobs: .nan", "'jobs' must be an integer from 1 to 1024, not nan"),
    ("rule-timeout: .nan", f"'rule-timeout' {SECONDS}, not nan"),
    ("rule-timeout: .inf", f"'rule-timeout' {SECONDS}, not inf"),
    ("rule-timeout: 0", f"'rule-timeout' {SECONDS}, not 0"),
    ("rule-timeout: -5", f"'rule-timeout' {SECONDS}, not -5"),
    ("rule-timeout: 86401", f"'rule-timeout' {SECONDS}, not 86401"),
    ("rule-timeout: false", f"'rule-timeout' {SECONDS}, not False"),
    ("max-findings-per-rule: 0", "'max-findings-per-rule' must be an integer of at least 1, not 0"),
    ("max-findings-per-rule: -3", "'max-findings-per-rule' must be an integer of at least 1, not -3"),
    ("max-findings-per-rule: true", "'max-findings-per-rule' must be an integer of at least 1, not True"),
    ("max-findings-per-rule: 2.5", "'max-findings-per-rule' must be an integer of at least 1, not 2.5"),
    ("max-findings-per-rule: .inf", "'max-findings-per-rule' must be an integer of at least 1, not inf"),
])
def test_numbers_out_of_range_are_refused_naming_file_and_key(project, line, message):
    (project / "corpuslint.yaml").write_text(line + "\n")
    with pytest.raises(ConfigError) as error:
        load_settings(cwd=str(project))
    assert str(error.value) == f"corpuslint.yaml: {message}"


@pytest.mark.parametrize("line,message", [
    ("max-document-mb: .nan", f"'max-document-mb' {MB}, not nan"),
    ("jobs: true", "'jobs' must be an integer from 1 to 1024, not True"),
    ("rule-timeout: .inf", f"'rule-timeout' {SECONDS}, not inf"),
])
def test_the_command_exits_2_with_that_one_line(cli, project, line, message):
    (project / "corpuslint.yaml").write_text(line + "\n")
    assert refused(cli, project) == f"corpuslint: error: corpuslint.yaml: {message}\n"


@pytest.mark.parametrize("line,message", [
    ("max-document-mb = nan", f"'max-document-mb' {MB}, not nan"),
    ("max-document-mb = -inf", f"'max-document-mb' {MB}, not -inf"),
    ("rule-timeout = inf", f"'rule-timeout' {SECONDS}, not inf"),
    ("jobs = true", "'jobs' must be an integer from 1 to 1024, not True"),
])
def test_toml_numbers_are_checked_alike(project, line, message):
    (project / "pyproject.toml").write_text(f"[tool.corpuslint]\n{line}\n")
    with pytest.raises(ConfigError) as error:
        load_settings(cwd=str(project))
    assert str(error.value) == f"pyproject.toml: [tool.corpuslint] {message}"


def test_values_at_the_limits_are_accepted(project):
    (project / "corpuslint.yaml").write_text(
        "max-document-mb: 4096\njobs: 1024\nrule-timeout: 86400\nmax-findings-per-rule: 1\n")
    settings = load_settings(cwd=str(project))
    assert (settings.max_document_mb, settings.jobs, settings.rule_timeout, settings.max_findings_per_rule) == \
        (4096.0, 1024, 86400.0, 1)
    assert settings.max_document_bytes == 4096 * 1024 * 1024
    (project / "corpuslint.yaml").write_text("max-document-mb: 0.5\njobs: 1\nrule-timeout: 0.25\n")
    settings = load_settings(cwd=str(project))
    assert (settings.max_document_mb, settings.jobs, settings.rule_timeout) == (0.5, 1, 0.25)
    assert isinstance(settings.rule_timeout, float)


def test_the_new_keys_have_their_defaults(project):
    assert (Settings().rule_timeout, Settings().max_findings_per_rule) == (60.0, 20)
    (project / "corpuslint.yaml").write_text("select: [W003]\n")
    settings = load_settings(cwd=str(project))
    assert (settings.rule_timeout, settings.max_findings_per_rule) == (60.0, 20)
    (project / "corpuslint.yaml").write_text("rule-timeout: 5\nmax-findings-per-rule: 3\n")
    settings = load_settings(cwd=str(project))
    assert (settings.rule_timeout, settings.max_findings_per_rule) == (5.0, 3)


def test_a_config_file_that_is_not_utf8_is_a_config_error(cli, project):
    (project / "corpuslint.yaml").write_bytes(b"select: [W003]\n# caf\xe9 style\n")
    assert refused(cli, project) == \
        "corpuslint: error: corpuslint.yaml:2: not valid UTF-8 (byte 0xE9); save the file as UTF-8\n"
    (project / "corpuslint.yaml").write_bytes("select: [W003]\n".encode("utf-16"))
    assert refused(cli, project) == \
        "corpuslint: error: corpuslint.yaml:1: not valid UTF-8 (byte 0xFF); save the file as UTF-8\n"


def test_a_pyproject_that_is_not_utf8_is_a_config_error(cli, project):
    (project / "pyproject.toml").write_bytes(b"[tool.corpuslint]\nselect = ['W003']\n\n# caf\xe9\n")
    assert refused(cli, project) == \
        "corpuslint: error: pyproject.toml:4: not valid UTF-8 (byte 0xE9); save the file as UTF-8\n"


def test_a_utf8_byte_order_mark_is_accepted(cli, project):
    (project / "corpuslint.yaml").write_bytes(b"\xef\xbb\xbfselect: [W003]\n")
    assert load_settings(cwd=str(project)).select == ["W003"]
    proc = cli("a.txt", cwd=project)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_a_vocabulary_file_that_is_not_utf8_is_a_config_error(cli, project):
    (project / "terms.yaml").write_bytes(b"code: V101\nname: house\ntype: existence\ntokens: [caf\xe9]\n")
    (project / "corpuslint.yaml").write_text("vocabulary: [terms.yaml]\n")
    assert refused(cli, project) == \
        "corpuslint: error: terms.yaml:4: not valid UTF-8 (byte 0xE9); save the file as UTF-8\n"


def test_a_folder_named_like_the_config_is_a_config_error(cli, project):
    (project / "corpuslint.yaml").mkdir()
    assert refused(cli, project) == "corpuslint: error: corpuslint.yaml: is a folder, not a configuration file\n"
    assert refused(cli, project, "--config", "corpuslint.yaml") == \
        "corpuslint: error: corpuslint.yaml: is a folder, not a configuration file\n"


def test_a_fifo_named_like_the_config_is_refused_unread(cli, project):
    os.mkfifo(project / ".corpuslint.yaml")  # opening it for reading would wait for a writer forever
    assert refused(cli, project) == "corpuslint: error: .corpuslint.yaml: is a FIFO, not a configuration file\n"


def test_a_broken_link_named_like_the_config_is_a_config_error(cli, project):
    (project / "corpuslint.yaml").symlink_to("gone.yaml")
    assert refused(cli, project) == "corpuslint: error: corpuslint.yaml: is a broken symbolic link\n"


def test_a_missing_or_odd_pyproject_is_someone_elses(cli, project):
    (project / "pyproject.toml").mkdir()  # not ours to judge: it is skipped, as one without our table
    proc = cli("--select", "W003", "a.txt", cwd=project)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert refused(cli, project, "--config", "missing.yaml") == \
        "corpuslint: error: missing.yaml: configuration file not found\n"


def test_a_config_file_that_cannot_be_read_is_a_config_error(project, monkeypatch):
    (project / "corpuslint.yaml").write_text("select: [W003]\n")
    (project / "pyproject.toml").write_text("[tool.corpuslint]\nselect = ['W003']\n")
    real_open = open

    def refusing_open(path, *args, **kwargs):  # we run as root: a chmod would not stop us
        if os.path.basename(str(path)) in ("corpuslint.yaml", "pyproject.toml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    monkeypatch.chdir(project)
    with pytest.raises(ConfigError) as yaml_error:
        load_settings(cwd=str(project))
    assert str(yaml_error.value) == "corpuslint.yaml: cannot read: Permission denied"
    with pytest.raises(ConfigError) as toml_error:
        load_settings("pyproject.toml", cwd=str(project))
    assert str(toml_error.value) == "pyproject.toml: cannot read: Permission denied"


def test_deep_nesting_is_a_config_error_not_a_crash(cli, project):
    # libyaml builds nested lists recursively in C: 100,000 levels overflowed the stack (SIGSEGV)
    (project / "corpuslint.yaml").write_text("select: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert refused(cli, project) == \
        "corpuslint: error: corpuslint.yaml:1: not valid YAML: nested more than 64 levels deep\n"
    (project / "corpuslint.yaml").write_text("select:\n" + "  - " * 65 + "W003\n")
    assert refused(cli, project) == \
        "corpuslint: error: corpuslint.yaml:2: not valid YAML: nested more than 64 levels deep\n"
    (project / "corpuslint.yaml").unlink()
    (project / "pyproject.toml").write_text("[tool.corpuslint]\nselect = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert refused(cli, project) == "corpuslint: error: pyproject.toml: not valid TOML: nested too deeply\n"


def test_nesting_within_the_limit_is_read(project):
    (project / "corpuslint.yaml").write_text("rules: " + "{a: " * 63 + "1" + "}" * 63 + "\n")
    rules = load_settings(cwd=str(project)).rules
    assert list(rules) == ["a"] and list(rules["a"]) == ["a"]


def test_a_value_yaml_cannot_build_is_a_config_error(cli, project):
    (project / "corpuslint.yaml").write_text("select: [W003]\nwhen: 2024-02-30\n")
    assert refused(cli, project) == \
        "corpuslint: error: corpuslint.yaml: not valid YAML: day is out of range for month\n"
