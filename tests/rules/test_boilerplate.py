"""B001 behaviour that the case files cannot show: fixes applied, project extensions, shared work."""
import re
import textwrap

import pytest

import corpuslint


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + column - 1


def _fixed(tmp_path, monkeypatch, text: str, config=None) -> str:
    """``text`` (a .txt file) with every B001 fix applied."""
    (tmp_path / "doc.txt").write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["doc.txt"], config=config or {}, select=["B001"])
    fixes = sorted((f.fix.location for f in report.findings), key=lambda loc: (loc.line, loc.column),
                   reverse=True)
    for loc in fixes:
        start, end = _offset(text, loc.line, loc.column), _offset(text, loc.end_line, loc.end_column)
        text = text[:start] + text[end:]
    return text


@pytest.mark.parametrize("before,after", [
    ("Bridge reopens\n\nThey left. Brief News from Harbour Daily.",
     "Bridge reopens\n\nThey left."),
    ("Bridge reopens\n\nThey left. Brief News from Harbour Daily.\n",
     "Bridge reopens\n\nThey left.\n"),
    ("Bridge reopens\n\nThey left.\n\nLatest News",
     "Bridge reopens\n\nThey left."),
    ("Bridge reopens\r\n\r\nThey left.\r\n\r\nShare this article  \r\n\r\nLatest News\r\n",
     "Bridge reopens\r\n\r\nThey left.\r\n"),
    ("Bridge reopens\n\nAdvertisement\n\nThey left. Read more \u00bb\n",
     "Bridge reopens\n\nThey left.\n"),
])
def test_fixes_remove_the_furniture_and_keep_the_final_newline_state(tmp_path, monkeypatch, before, after):
    assert _fixed(tmp_path, monkeypatch, before) == after


def test_a_project_adds_patterns_with_extends(tmp_path, monkeypatch):
    (tmp_path / "extra.yaml").write_text(
        "extends: boilerplate-phrase\n"
        "tokens: [Harbour Daily wishes you a good day]\n"
        "patterns: ['Tip line: \\+?[0-9 ]{6,20}']\n", encoding="utf-8")
    text = "Bridge reopens\n\nThey left. Harbour Daily wishes you a good day!\n\nTip line: 0123 456 789\n"
    fixed = _fixed(tmp_path, monkeypatch, text, config={"vocabulary": ["extra.yaml"]})
    assert fixed == "Bridge reopens\n\nThey left.\n"


def test_a_slow_project_pattern_is_reported_once_and_skipped(tmp_path, monkeypatch):
    (tmp_path / "slow.yaml").write_text(
        "extends: boilerplate-phrase\npatterns: ['(?:(?:a|a)+)+b']\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Bridge reopens\n\nThey left.\n\n" + "a" * 40 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["a.txt", "b.txt"], config={"vocabulary": ["slow.yaml"]}, select=["B001"])
    errors = [f for f in report.findings if f.code == "F900"]
    assert len(errors) == 1 and "'(?:(?:a|a)+)+b'" in errors[0].message


def test_b002_and_q003_share_the_furniture_b001_finds_once_per_document(tmp_path, monkeypatch):
    from corpuslint.rules.boilerplate.boilerplate_phrase import BoilerplatePhrase

    calls = []
    find = BoilerplatePhrase._find_segments
    monkeypatch.setattr(BoilerplatePhrase, "_find_segments",
                        lambda self, doc, field: calls.append(doc.id) or find(self, doc, field))
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Bridge reopens\n\nThey left at noon.\n\nThey came back,\n\nLatest News\n",
                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["a.txt", "b.txt"], select=["B001", "B002", "Q003"])
    assert sorted(f.code for f in report.findings) == ["B001", "B001", "Q003", "Q003"]
    assert sorted(calls) == ["a.txt", "b.txt"]


def test_the_documented_example_is_reported_as_documented(tmp_path, monkeypatch):
    from corpuslint.rules.boilerplate.boilerplate_phrase import BoilerplatePhrase

    block = re.search(r"Example::\n\n((?:(?: {4}.*)?\n)+)", BoilerplatePhrase.documentation()).group(1)
    (tmp_path / "doc.txt").write_text(textwrap.dedent(block).strip("\n") + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    messages = [f.message for f in corpuslint.lint(["doc.txt"], select=["B001"]).findings]
    assert messages == ["site furniture 'Brief News from Harbour Daily.' is glued to the end of the last "
                        "paragraph; remove it"]
