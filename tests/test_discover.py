"""Which files a run lints, and the document ids they get."""
import os
import pickle

from corpuslint.config import Settings
from corpuslint.discover import discover, skipped_summary, survey
from corpuslint.finding import Finding, Fix, Location


def _tree(root, paths):
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x\n", encoding="utf-8")


def test_include_and_exclude_by_name_and_by_path(tmp_path, monkeypatch):
    _tree(tmp_path, ["corpus/a.txt", "corpus/B.TXT", "corpus/notes.md", "corpus/data.csv",
                     "corpus/old/c.txt", "corpus/drafts/d.txt", "corpus/keep/drafts.txt", "corpus/e.log"])
    monkeypatch.chdir(tmp_path)
    settings = Settings(include=["*.txt", "*.csv"], exclude=["old", "corpus/drafts/", "data.*"])
    sources, problems = discover(["corpus"], settings)
    assert [(s.display, s.doc_id) for s in sources] == [
        ("corpus/B.TXT", "corpus/B.TXT"),  # patterns ignore case
        ("corpus/a.txt", "corpus/a.txt"),
        ("corpus/keep/drafts.txt", "corpus/keep/drafts.txt"),  # "corpus/drafts/" is a path, not a name
    ]
    assert problems == []
    # a folder excluded by path stays excluded when the walk starts inside it
    assert discover(["corpus/drafts"], settings)[0] == []


def test_document_ids_are_relative_to_the_root_wherever_the_walk_starts(tmp_path, monkeypatch):
    _tree(tmp_path, ["corpus/sub/a.txt", "corpus/b.txt"])
    monkeypatch.chdir(tmp_path / "corpus")
    settings = Settings(root=str(tmp_path))
    by_folder = [s.doc_id for s in discover(["."], settings)[0]]
    by_sub = [s.doc_id for s in discover(["sub"], settings)[0]]
    by_file = [s.doc_id for s in discover(["sub/a.txt"], settings)[0]]
    assert by_folder == ["corpus/b.txt", "corpus/sub/a.txt"]
    assert by_sub == by_file == ["corpus/sub/a.txt"]


def test_a_file_given_twice_is_linted_once(tmp_path, monkeypatch):
    _tree(tmp_path, ["corpus/a.txt"])
    monkeypatch.chdir(tmp_path)
    sources, _ = discover(["corpus", "corpus/a.txt", "./corpus"], Settings())
    assert [s.display for s in sources] == ["corpus/a.txt"]


def test_findings_survive_pickling_unchanged():
    """Findings travel from workers and the cache as pickles (with their own __reduce__)."""
    at = Location("a.txt", "a.txt", None, 3, 5, 3, 9)
    finding = Finding("T002", "article-agreement", "warning", "'a auto' -> 'an auto'", at,
                      fix=Fix(0, 6, "an auto", True, at),
                      related=(Location("b.jsonl", "b.jsonl#2", "text", 2, 1, 2, 4),),
                      snippet="a auto")
    assert pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL)) == finding
    assert pickle.loads(pickle.dumps(Finding("X001", "exact-duplicate", "error", "m", at))) == \
        Finding("X001", "exact-duplicate", "error", "m", at)


def _shown(found):
    """What survey() found: the displays of the sources, and (display, reason, counted) of each skip."""
    return ([s.display for s in found.sources],
            sorted((s.display, s.reason, s.counted) for s in found.skipped))


def test_every_skip_is_recorded_with_its_reason(tmp_path, monkeypatch):
    _tree(tmp_path, ["c/a.txt", "c/notes.pdf", "c/scan.PDF", "c/data.json.gz", "c/Makefile", "c/README.md",
                     "c/drafts/d.txt", "c/drafts/e.txt", "c/.git/HEAD", "c/.DS_Store", "c/.hidden/x.txt"])
    monkeypatch.chdir(tmp_path)
    settings = Settings(include=["*.txt", "*.md"], exclude=[".git", "README*", "drafts", ".hidden"])
    found = survey(["c"], settings)
    assert _shown(found) == (["c/a.txt"], [
        ("c/.DS_Store", "a name with no extension is not included", False),  # hidden: listed, not counted
        ("c/.git/", "matches default exclude pattern '.git'", False),  # a tool folder: listed, not counted
        ("c/.hidden/", "matches exclude pattern '.hidden'", False),
        ("c/Makefile", "a name with no extension is not included", True),
        ("c/README.md", "matches default exclude pattern 'README*'", True),
        ("c/data.json.gz", ".json.gz is not included", True),
        ("c/drafts/", "matches exclude pattern 'drafts'", True),  # one skip: its files are not walked
        ("c/notes.pdf", ".pdf is not included", True),
        ("c/scan.PDF", ".pdf is not included", True),
    ])
    assert skipped_summary(found.skipped) == (
        "5 files and 1 folder skipped: .pdf, a name with no extension and .json.gz are not included (4), "
        "excluded by 'README*' and 'drafts' (2)")
    assert skipped_summary([s for s in found.skipped if s.display.endswith(("pdf", "PDF"))]) == \
        "2 files skipped: .pdf is not included"
    assert skipped_summary([s for s in found.skipped if not s.counted]) == ""


def test_gitignore_files_apply_to_their_folders_as_in_git(tmp_path, monkeypatch):
    _tree(tmp_path, ["repo/corpus/a.txt", "repo/corpus/b.bak.txt", "repo/corpus/keep.bak.txt",
                     "repo/corpus/sub/c.txt", "repo/corpus/sub/d.txt", "repo/corpus/raw/e.txt",
                     "repo/corpus/sub/deep/f.txt"])
    (tmp_path / "repo" / ".git" / "info").mkdir(parents=True)
    (tmp_path / "repo" / ".git" / "info" / "exclude").write_text("f.txt\n")
    (tmp_path / "repo" / ".gitignore").write_text("# the corpus' own rules\n*.bak.txt\n!keep.bak.txt\nraw/\n")
    (tmp_path / "repo" / "corpus" / "sub" / ".gitignore").write_text("c.txt\n!/deep/f.txt\n")
    monkeypatch.chdir(tmp_path)
    found = survey(["repo/corpus"], Settings())
    assert _shown(found) == (
        ["repo/corpus/a.txt", "repo/corpus/keep.bak.txt", "repo/corpus/sub/d.txt", "repo/corpus/sub/deep/f.txt"],
        [("repo/corpus/b.bak.txt", "ignored by repo/.gitignore ('*.bak.txt')", True),
         ("repo/corpus/raw/", "ignored by repo/.gitignore ('raw/')", True),
         ("repo/corpus/sub/.gitignore", "a name with no extension is not included", False),
         ("repo/corpus/sub/c.txt", "ignored by repo/corpus/sub/.gitignore ('c.txt')", True)])
    # .git/info/exclude applies too, below a deeper file's negation
    (tmp_path / "repo" / "corpus" / "sub" / ".gitignore").write_text("c.txt\n")
    assert "repo/corpus/sub/deep/f.txt" not in _shown(survey(["repo/corpus"], Settings()))[0]
    # respect-gitignore: false lints them all; a file named on the command line is always linted
    assert len(survey(["repo/corpus"], Settings(respect_gitignore=False)).sources) == 7
    named = survey(["repo/corpus/sub/c.txt", "repo/corpus/b.bak.txt"], Settings())
    assert [s.display for s in named.sources] == ["repo/corpus/sub/c.txt", "repo/corpus/b.bak.txt"]


def test_a_folder_named_on_the_command_line_is_walked_even_if_ignored(tmp_path, monkeypatch):
    """Corpora are often kept out of git: `corpuslint data/` lints data/ although .gitignore names it."""
    _tree(tmp_path, ["data/a.txt", "data/tmp/b.txt", "data/c.txt"])
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("data/\n")
    (tmp_path / "data" / ".gitignore").write_text("tmp/\n")
    monkeypatch.chdir(tmp_path)
    assert _shown(survey(["data"], Settings())) == (
        ["data/a.txt", "data/c.txt"],
        [("data/.gitignore", "a name with no extension is not included", False),
         ("data/tmp/", "ignored by data/.gitignore ('tmp/')", True)])
    assert ("data/", "ignored by .gitignore ('data/')", True) in _shown(survey(["."], Settings()))[1]


def test_an_unreadable_or_malformed_gitignore_leaves_files_in(tmp_path, monkeypatch):
    _tree(tmp_path, ["c/a.txt", "c/b.txt"])
    (tmp_path / "c" / ".gitignore").write_bytes(b"!\n\\\nb.txt\n\xff\xfe\n")  # two patterns git rejects
    monkeypatch.chdir(tmp_path)
    assert _shown(survey(["c"], Settings()))[0] == ["c/a.txt"]
    (tmp_path / "c" / ".gitignore").unlink()
    os.mkfifo(tmp_path / "c" / ".gitignore")  # never opened for a blocking read
    assert _shown(survey(["c"], Settings(include=["*.txt"])))[0] == ["c/a.txt", "c/b.txt"]


def test_special_files_and_links_to_folders_are_skipped(tmp_path, monkeypatch):
    _tree(tmp_path, ["c/a.txt", "elsewhere/b.txt"])
    os.mkfifo(tmp_path / "c" / "pipe.txt")
    os.symlink(tmp_path / "elsewhere", tmp_path / "c" / "link")
    os.symlink(tmp_path / "c" / "a.txt", tmp_path / "c" / "alias.txt")
    monkeypatch.chdir(tmp_path)
    found = survey(["c"], Settings())
    assert _shown(found) == (["c/a.txt", "c/alias.txt"], [
        ("c/link/", "a symbolic link to a folder, not followed", True),
        ("c/pipe.txt", "a named pipe (FIFO), not a regular file", True)])
    assert [(p.code, p.location.path, p.message) for p in found.problems] == [
        ("F001", "c/pipe.txt", "not linted: a named pipe (FIFO), not a regular file")]
