"""T family tests that do not fit the case format."""
from corpuslint.rules.typos.misspelling import read_codespell


def _fixed(cli, tmp_path, text, select, *extra):
    """``text`` after ``corpuslint --fix`` with the selected rules."""
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    cli("--fix", "--select", ",".join(select), *extra, "doc.txt", cwd=tmp_path)
    return path.read_text(encoding="utf-8")


def test_spun_phrase_and_article_fixes_converge(cli, tmp_path):
    text = "Blast in Dunmore\n\nPolice said it was a auto bomb.\n"
    fixed = _fixed(cli, tmp_path, text, ["T001", "T002"])
    assert fixed == "Blast in Dunmore\n\nPolice said it was a car bomb.\n"


def test_doubled_word_fix_removes_the_second_word(cli, tmp_path):
    text = "Mill closes\n\nThe the mill was sold to to a buyer.\n"
    assert _fixed(cli, tmp_path, text, ["T003"]) == text  # an unsafe fix
    fixed = _fixed(cli, tmp_path, text, ["T003"], "--unsafe-fixes")
    assert fixed == "Mill closes\n\nThe mill was sold to a buyer.\n"


def test_codespell_lines_are_read_as_codespell_reads_them(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("abandonned->abandoned\n"
                    "abot->about, abort, a bot,\n"
                    "clas->class, disabled because of name clash in c++\n", encoding="utf-8")
    entries = read_codespell(str(path))
    assert entries["abandonned"] == (("abandoned",), True)
    assert entries["abot"] == (("about", "abort", "a bot"), False)
    assert entries["clas"] == (("class",), False)
