"""Q behaviour that the case files cannot show: long unspaced text, documented examples.

That Q003's cost grows linearly on such text is checked by tests/test_rule_cost.py
(the "unspaced" shape); its running time is measured by bench/worst_cases.py.
"""
import re
import textwrap

import pytest

import corpuslint


def test_truncated_text_finds_the_last_word_after_a_long_paragraph_without_spaces(tmp_path, monkeypatch):
    # 20,000 Chinese characters, then a space and the last words: a regex search for
    # the last word ('\\S+\\s*$') took about 4 s here.
    paragraph = "海港镇的渡轮今天停航" * 2000 + " 2021年 and"
    (tmp_path / "doc.txt").write_text(f"渡轮\n\n渡轮今天停航。\n\n{paragraph}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (finding,) = corpuslint.lint(["doc.txt"], select=["Q003"]).findings
    assert (finding.location.line, finding.location.column, finding.location.end_column) == (5, 20_008, 20_011)
    assert finding.message.startswith("the last paragraph stops mid-sentence at 'and' ('\u20262021年 and'): ")


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
