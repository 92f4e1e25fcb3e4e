"""Which files a run lints, and the document ids they get."""
import pickle

from corpuslint.config import Settings
from corpuslint.discover import discover
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
