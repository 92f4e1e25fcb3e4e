"""T family tests that do not fit the case format."""
import corpuslint
from corpuslint.rules.typos.misspelling import read_codespell


def _safe_fixes(tmp_path, text, select):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    report = corpuslint.lint([str(path)], select=select)
    return [f.fix for f in report.findings if f.fix is not None and f.fix.safe]


def _apply_in_passes(tmp_path, text, select, max_passes=6):
    """Apply safe fixes pass by pass, skipping a fix that overlaps one already taken."""
    for _ in range(max_passes):
        fixes = sorted(_safe_fixes(tmp_path, text, select), key=lambda f: (f.start, f.end))
        if not fixes:
            return text
        kept, last_end = [], -1
        for fix in fixes:
            if fix.start >= last_end:
                kept.append(fix)
                last_end = fix.end
        for fix in reversed(kept):
            text = text[:fix.start] + fix.replacement + text[fix.end:]
    raise AssertionError(f"fixes did not converge: {text!r}")


def test_spun_phrase_and_article_fixes_converge(tmp_path):
    text = "Blast in Dunmore\n\nPolice said it was a auto bomb.\n"
    fixed = _apply_in_passes(tmp_path, text, ["T001", "T002"])
    assert fixed == "Blast in Dunmore\n\nPolice said it was a car bomb.\n"


def test_doubled_word_fix_removes_the_second_word(tmp_path):
    text = "Mill closes\n\nThe the mill was sold to to a buyer.\n"
    assert _apply_in_passes(tmp_path, text, ["T003"]) == "Mill closes\n\nThe mill was sold to a buyer.\n"


def test_codespell_lines_are_read_as_codespell_reads_them(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("abandonned->abandoned\n"
                    "abot->about, abort, a bot,\n"
                    "clas->class, disabled because of name clash in c++\n", encoding="utf-8")
    entries = read_codespell(str(path))
    assert entries["abandonned"] == (("abandoned",), True)
    assert entries["abot"] == (("about", "abort", "a bot"), False)
    assert entries["clas"] == (("class",), False)
