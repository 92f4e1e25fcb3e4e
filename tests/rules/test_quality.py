"""Q behaviour that the case files cannot show: running time on long unspaced text."""
import time

import corpuslint


def _lint_seconds(tmp_path, monkeypatch, text: str, code: str) -> float:
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    began = time.perf_counter()
    corpuslint.lint(["doc.txt"], select=[code])
    return time.perf_counter() - began


def test_truncated_text_is_linear_on_a_long_paragraph_without_spaces(tmp_path, monkeypatch):
    # 20,000 Chinese characters, then a space and a last word: a regex search for
    # the last word ('\S+\s*$') took about 4 s here.
    paragraph = "海港镇的渡轮今天停航" * 2000 + " 2021年"
    _lint_seconds(tmp_path, monkeypatch, "渡轮\n\n短文。\n", "Q003")  # setup and imports
    assert _lint_seconds(tmp_path, monkeypatch, f"渡轮\n\n{paragraph}\n", "Q003") < 0.5
