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
then ``expect`` lists the findings (empty for a passing case), each naming its ``file``;
``config`` adds configuration keys;
``encoding`` writes the text in another encoding. Every built-in rule must
have at least one ``pass`` and one ``fail`` case.

A case whose findings carry a fix also says what fixing gives, as a whole
document (for ``files``, a mapping of every file to its document)::

        fixed: |                         # after `corpuslint --fix --select <rule>`
          ...
        fixed_unsafe: |                  # after `--fix --unsafe-fixes`, when that differs
          ...

A rule whose fixes are all unsafe leaves the document as it is under
``--fix``: its ``fixed`` is the ``fail`` text again. The fixes are applied in
this process, by the fixer ``--fix`` uses; a second pass must change
nothing, and no finding with a fix may be left.
"""
import os

import pytest
import yaml

import corpuslint
from corpuslint.config import Settings, apply
from corpuslint.engine import Checker
from corpuslint.fixer import Fixer, FixOutcome
from corpuslint.readers import Source
from corpuslint.registry import Registry, Selection
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
    if any(f.fix is not None for f in found):
        _check_fixes(tmp_path, code, case, files)
    else:
        assert "fixed" not in case and "fixed_unsafe" not in case, "no finding has a fix"


def _documents(tmp_path, case, files) -> dict:
    """The text of each of ``files`` as it is on disk now."""
    encoding = case.get("encoding", "utf-8")
    return {name: (tmp_path / name).read_bytes().decode(encoding, errors="surrogateescape") for name in files}


def _fix(tmp_path, code, case, files, unsafe: bool) -> FixOutcome:
    """Fix the files as ``corpuslint --fix --select <code>`` (with ``--unsafe-fixes`` if ``unsafe``) does."""
    settings = Settings(root=str(tmp_path))
    apply(settings, dict(case.get("config", {})))
    fixer = Fixer(Checker(settings, Selection(select=[code])), unsafe)
    outcome = FixOutcome()
    for name in sorted(files):
        fixer.fix_file(Source(str(tmp_path / name), name, name), outcome)
    assert not outcome.notes, outcome.notes
    outcome.changes = [change for change in outcome.changes if fixer.write(change, outcome)]
    return outcome


def _check_fixes(tmp_path, code, case, files):
    """The case's ``fixed`` (and ``fixed_unsafe``) documents are what fixing gives, and fixing is done
    once and for all: a second pass changes nothing and leaves no finding with a fix."""
    assert "fixed" in case, "a case whose findings carry a fix needs `fixed:`, the whole document after --fix"
    original = _documents(tmp_path, case, files)
    single = "files" not in case
    results = {}
    for unsafe in (False, True):
        _fix(tmp_path, code, case, files, unsafe)
        results[unsafe] = _documents(tmp_path, case, files)
        assert not _fix(tmp_path, code, case, files, unsafe).changes, "a second pass changed the fixed text"
        for name, text in original.items():
            (tmp_path / name).write_bytes(text.encode(case.get("encoding", "utf-8"), errors="surrogateescape"))
    if single:
        results = {unsafe: documents[next(iter(files))] for unsafe, documents in results.items()}
    assert results[False] == case["fixed"]
    if "fixed_unsafe" in case:
        assert case["fixed_unsafe"] != case["fixed"], "`fixed_unsafe:` only where --unsafe-fixes gives another text"
    assert results[True] == case.get("fixed_unsafe", case["fixed"])
    _fix(tmp_path, code, case, files, True)
    left = corpuslint.lint(sorted(files), config=dict(case.get("config", {})), select=[code]).findings
    assert not [f for f in left if f.code == code and f.fix is not None], "a fixable finding is left after --fix"


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


def test_every_fixable_rule_shows_what_its_fixes_give():
    with_fixed = {param.values[0] for param in CASES if "fixed" in param.values[1]}
    missing = [f"{cls.code} {cls.name}" for cls in Registry(list(BUILTIN_RULES)).classes
               if cls.fix and cls.code not in with_fixed]
    assert not missing, "fixable rules without a case with `fixed:`:\n" + "\n".join(missing)
