"""Rule test cases as data: ``tests/rules/cases/<CODE>_<name>.yaml``.

Each file holds the cases of one rule::

    rule: D001
    cases:
      - name: undated article            # what the case shows
        fail: |                          # one document (a .txt file unless `file` says otherwise)
          Ferry crews vote to strike
          ...
        expect:                          # exactly these findings of the rule, in order
          - {line: 1, column: 1}         # optional: end_line, end_column, message (substring), fix
      - name: dated article
        pass: |                          # no finding of the rule
          date 2021-08-04
          ...

``file: story.jsonl`` names the document file (its extension picks the reader);
``files: {a.txt: ..., b.txt: ...}`` gives several documents (corpus rules), and
then ``expect`` lists the findings (empty for a passing case), each naming its ``file``; ``config`` adds configuration keys;
``encoding`` writes the text in another encoding. Every built-in rule must
have at least one ``pass`` and one ``fail`` case.
"""
import os

import pytest
import yaml

import corpuslint
from corpuslint.registry import Registry
from corpuslint.rules import BUILTIN_RULES

CASES_DIR = os.path.join(os.path.dirname(__file__), "cases")
#: Rules whose cases live in dedicated tests (they need a failing rule or special files).
SPECIAL = {"F900": "tests/test_engine.py::test_failing_rule_is_isolated"}


def _load_cases():
    for name in sorted(os.listdir(CASES_DIR)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(CASES_DIR, name), encoding="utf-8") as fh:
            spec = yaml.safe_load(fh)
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


CASES = list(_load_cases())


def _write(tmp_path, case):
    if "files" in case:
        files = case["files"]
    else:
        files = {case.get("file", "doc.txt"): case["fail"] if "fail" in case else case["pass"]}
    encoding = case.get("encoding", "utf-8")
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode(encoding, errors="surrogateescape"))
        else:
            path.write_bytes(bytes(content))
    return files


@pytest.mark.parametrize("code,case", CASES)
def test_rule_case(tmp_path, monkeypatch, code, case):
    assert ("pass" in case) + ("fail" in case) + ("files" in case) == 1, "a case has one of pass/fail/files"
    assert ("expect" in case) != ("pass" in case), "fail and files cases need expect; pass cases have none"
    files = _write(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    config = dict(case.get("config", {}))
    report = corpuslint.lint(sorted(files), config=config, select=[code])
    found = [f for f in report.findings if f.code == code]
    expected = [] if "pass" in case else case["expect"]
    single = len(files) == 1
    got = []
    for finding, want in zip(found, expected):
        loc = finding.location
        item = {"line": loc.line, "column": loc.column}
        if not single or "file" in want:
            item["file"] = os.path.relpath(finding.path, tmp_path) if os.path.isabs(finding.path) \
                else finding.path
        for key in ("end_line", "end_column"):
            if key in want:
                item[key] = getattr(loc, key)
        if "message" in want:
            item["message"] = want["message"] if want["message"] in finding.message else finding.message
        if "field" in want:
            item["field"] = loc.field
        if "fix" in want:
            item["fix"] = finding.fix.replacement if finding.fix else None
        if "related" in want:
            item["related"] = [f"{os.path.basename(r.path)}:{r.line}" for r in finding.related]
        got.append(item)
    messages = [f"{f.path}:{f.location.line}:{f.location.column}: {f.code} {f.message}" for f in found]
    assert len(found) == len(expected), "\n".join(messages) or "no findings"
    assert got == expected, "\n".join(messages)


def test_every_builtin_rule_has_pass_and_fail_cases():
    kinds = {}
    for param in CASES:
        code, case = param.values
        kinds.setdefault(code, set()).add("pass" if "pass" in case else
                                          "fail" if "fail" in case or case.get("expect") else "pass")
    missing = [f"{cls.code} {cls.name}: has {sorted(kinds.get(cls.code, []))}"
               for cls in Registry(list(BUILTIN_RULES)).classes
               if cls.code not in SPECIAL and kinds.get(cls.code, set()) != {"pass", "fail"}]
    assert not missing, "rules without both pass and fail cases:\n" + "\n".join(missing)
