"""--show-files and --show-settings: what a run would read, and with what settings; nothing is linted."""
import os

import pytest

ARTICLE = "Bridge reopens\n\nThe bridge over the harbour reopened on Wednesday.\n"
WIRE = ('{"headline": "Bridge reopens", "body": "The bridge over the harbour reopened.", '
        '"published": "2021-08-04", "link": "https://example.org/1"}\n')


@pytest.fixture
def project(tmp_path):
    for name, text in {"corpus/b.txt": ARTICLE, "corpus/a.txt": ARTICLE, "corpus/wire.jsonl": WIRE,
                       "corpus/scan.pdf": "%PDF", "corpus/drafts/d.txt": ARTICLE, "corpus/old/x.txt": ARTICLE,
                       "corpus/sub/c.txt": ARTICLE, "corpus/sub/tmp.txt": ARTICLE, "corpus/README.md": "Notes",
                       "corpus/.git/HEAD": "ref"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "corpus" / ".gitignore").write_text("old/\n")
    (tmp_path / "corpus" / "sub" / ".gitignore").write_text("tmp.txt\n")
    (tmp_path / "corpuslint.yaml").write_text("extend-exclude: [drafts]\nignore: [D005]\n")
    return tmp_path


def test_show_files_lists_what_is_linted_then_what_is_skipped_and_why(main, project):
    proc = main("--show-files", "corpus", "corpus/sub/tmp.txt", cwd=project)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == (
        "corpus/a.txt\n"
        "corpus/b.txt\n"
        "corpus/sub/c.txt\n"
        "corpus/sub/tmp.txt\n"  # named on the command line: always linted
        "corpus/wire.jsonl\n"
        "corpus/.git/: skipped: matches default exclude pattern '.git'\n"
        "corpus/.gitignore: skipped: a name with no extension is not included\n"
        "corpus/README.md: skipped: matches default exclude pattern 'README*'\n"
        "corpus/drafts/: skipped: matches exclude pattern 'drafts'\n"
        "corpus/old/: skipped: ignored by corpus/.gitignore ('old/')\n"
        "corpus/scan.pdf: skipped: .pdf is not included\n"
        "corpus/sub/.gitignore: skipped: a name with no extension is not included\n")
    assert not os.path.exists(project / ".corpuslint_cache")  # nothing was linted


def test_show_files_without_gitignore(main, project):
    shown = main("--show-files", "--no-respect-gitignore", "corpus", cwd=project).stdout.splitlines()
    assert "corpus/old/x.txt" in shown and "corpus/sub/tmp.txt" in shown
    assert not [line for line in shown if "ignored by" in line]


def test_the_summary_counts_what_was_skipped(main, project):
    proc = main("--select", "W003", "corpus", cwd=project)
    # README.md, drafts/, old/, scan.pdf and sub/tmp.txt; not .git/ nor the hidden .gitignore files
    assert proc.stdout == "No problems found in 4 documents (4 files, 5 skipped).\n"
    proc = main("--select", "W003", "--no-respect-gitignore", "corpus", cwd=project)
    assert proc.stdout == "No problems found in 6 documents (6 files, 3 skipped).\n"


def test_show_settings_shows_the_configuration_and_the_fields_of_each_record_file(main, project):
    proc = main("--show-settings", "--select", "D,W003", "corpus", cwd=project)
    assert (proc.returncode, proc.stderr) == (0, "")
    lines = proc.stdout.splitlines()
    assert lines[:3] == ["config file = corpuslint.yaml", "project root = .", 'linted paths = ["corpus"]']
    assert 'exclude = [".git", ".hg"' in proc.stdout and '"drafts"]\n' in proc.stdout
    assert 'ignore = ["D005"]' in lines and 'select = null' in lines and "respect-gitignore = true" in lines
    assert "max-document-mb = 20.0" in lines
    assert lines[lines.index("selected rules (6) =") + 1] == "  D001, D002, D003, D004, D006, W003"
    fields = lines[lines.index("fields detected =") + 1:]
    assert len(fields) == 1 and fields[0].startswith("  corpus/wire.jsonl: ")
    mapping = dict(pair.split("=", 1) for pair in fields[0].split(": ", 1)[1].split())
    assert (mapping["title"], mapping["text"], mapping["date"], mapping["url"]) == \
        ("headline", "body", "published", "link")
    assert not os.path.exists(project / ".corpuslint_cache")


def test_show_settings_says_when_a_record_file_has_no_record(main, project):
    (project / "corpus" / "empty.jsonl").write_text("")
    (project / "corpus" / "broken.jsonl").write_text("{not json\n")
    lines = main("--show-settings", "corpus", cwd=project).stdout.splitlines()
    empty = next(line for line in lines if line.startswith("  corpus/empty.jsonl: "))
    assert empty.startswith("  corpus/empty.jsonl: no record read: F007 no records: the file is empty")
    broken = next(line for line in lines if line.startswith("  corpus/broken.jsonl: "))
    assert broken.startswith("  corpus/broken.jsonl: no record read: F002 ")


def test_show_settings_without_a_configuration_file(main, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    proc = main("--show-settings", "--no-respect-gitignore", "a.txt", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert lines[0] == "config file = (none: the defaults)"
    assert "respect-gitignore = false" in lines
    assert "fields detected =" not in lines  # a text file has no fields
