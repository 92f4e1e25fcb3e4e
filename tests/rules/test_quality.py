"""Q behaviour that the case files cannot show: running time on long unspaced text, documented examples."""
import re
import textwrap
import time

import pytest

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


@pytest.mark.parametrize("code,reported", [
    ("Q001", "the body is only placeholder text"),
    ("Q002", "the body has only 4 words"),
    ("Q003", "the last paragraph stops at a ','"),
    ("Q004", "body 'Please enable JavaScript'"),
])
def test_the_documented_example_is_reported_as_documented(tmp_path, monkeypatch, code, reported):
    from corpuslint.registry import Registry
    from corpuslint.rules import BUILTIN_RULES

    documentation = Registry(list(BUILTIN_RULES)).by_code[code].documentation()
    block = re.search(r"Example::\n\n((?:(?: {4}.*)?\n)+)", documentation).group(1)
    (tmp_path / "doc.txt").write_text(textwrap.dedent(block).strip("\n") + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    messages = [f.message for f in corpuslint.lint(["doc.txt"], select=[code]).findings]
    assert len(messages) == 1 and reported in messages[0], messages
