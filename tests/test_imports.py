"""The import graph of the engine (lint/) and the built-in rules (rules/).

Every module is parsed with ``ast``; imports at any depth (inside functions
too) count, relative imports are resolved. Three properties hold:

- no rule module imports another rule module. A *rule module* is a module
  under ``rules/<family>/`` other than the family's ``__init__`` and
  ``helpers``; a family's ``helpers`` serves its own family only. What
  several families share lives in ``lint/``;
- no cycle among the modules (lint/ and rules/ together): the graph is a
  DAG from ``cli`` down to the leaves;
- the reader codes (F001 ... F005, U005 as the readers use it, F900) are
  written as literals in ``lint/readers/codes.py`` only.

The checks are plain functions of a module graph, so the tests below also
feed them small made-up graphs to show that each one can fail.
"""
from __future__ import annotations

import ast
import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: Folder in the repository -> the package it installs as.
PACKAGES = {"lint": "corpuslint", "rules": "corpuslint.rules"}
CODES_MODULE = "corpuslint.readers.codes"
READER_CODES = frozenset({"F001", "F002", "F003", "F004", "F005", "F006", "F007", "F900", "U005"})


def module_files() -> dict[str, str]:
    """Module name -> file, for every module of lint/ and rules/."""
    found = {}
    for folder, package in PACKAGES.items():
        top = os.path.join(REPO, folder)
        for directory, subfolders, files in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                relative = os.path.relpath(os.path.join(directory, name), top)[:-3].split(os.sep)
                if relative[-1] == "__init__":
                    relative = relative[:-1]
                found[".".join([package, *relative])] = os.path.join(directory, name)
    return found


def imported_names(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """The absolute names ``tree`` imports, at any depth: ``from .x import y`` in
    ``corpuslint.rule`` gives ``corpuslint.x`` and ``corpuslint.x.y``."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[:len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph(files: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the modules of ``files`` it imports."""
    graph = {}
    for module, path in files.items():
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        names = imported_names(tree, module, path.endswith("__init__.py"))
        graph[module] = {name for name in names if name in files and name != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def rule_family(module: str) -> tuple[str, str] | None:
    """``(family, module's own name)`` for a module in a rule family's package, else None."""
    prefix = PACKAGES["rules"] + "."
    if not module.startswith(prefix):
        return None
    parts = module[len(prefix):].split(".")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def is_rule_module(module: str) -> bool:
    family = rule_family(module)
    return family is not None and family[1] != "helpers"


def forbidden_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports from a rule module into another rule module, or of a family's
    helpers from outside the family."""
    problems = []
    for module in sorted(graph):
        for target in sorted(graph[module]):
            target_family = rule_family(target)
            if target_family is None:
                continue
            own = rule_family(module)
            if is_rule_module(module) and is_rule_module(target):
                problems.append(f"{module} imports the rule module {target}")
            elif target_family[1] == "helpers" and (own is None or own[0] != target_family[0]):
                problems.append(f"{module} imports {target}, the helpers of another family")
    return problems


def code_literals(files: dict[str, str], codes=READER_CODES, home: str = CODES_MODULE) -> list[str]:
    """Where a string literal that is exactly one of ``codes`` appears outside ``home``."""
    found = []
    for module, path in sorted(files.items()):
        if module == home:
            continue
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in codes:
                found.append(f"{os.path.relpath(path, REPO)}:{node.lineno}: {node.value!r}")
    return found


@pytest.fixture(scope="module")
def files():
    return module_files()


@pytest.fixture(scope="module")
def graph(files):
    return import_graph(files)


def test_every_package_is_found(files):
    assert "corpuslint" in files and "corpuslint.cli" in files and "corpuslint.readers.records" in files
    assert "corpuslint.rules.typos.misspelling" in files and "corpuslint.rules" in files


def test_no_rule_module_imports_another(graph):
    assert forbidden_imports(graph) == []


def test_the_import_graph_has_no_cycle(graph):
    assert cycles(graph) == []


def test_reader_codes_are_literals_in_one_module_only(files):
    assert code_literals(files) == []
    assert CODES_MODULE in files


# -- the checks themselves fail on a bad graph ------------------------------------

def test_a_cycle_is_found_also_through_an_import_inside_a_function(tmp_path):
    (tmp_path / "a.py").write_text("from . import b\n")
    (tmp_path / "b.py").write_text("def late():\n    from .c import thing\n")
    (tmp_path / "c.py").write_text("from .a import x\n")
    (tmp_path / "d.py").write_text("from . import a\n")
    fake = {f"corpuslint.{name}": str(tmp_path / f"{name}.py") for name in "abcd"}
    graph = import_graph(fake)
    assert graph["corpuslint.b"] == {"corpuslint.c"}
    assert cycles(graph) == [["corpuslint.a", "corpuslint.b", "corpuslint.c"]]
    del fake["corpuslint.c"]
    assert cycles(import_graph(fake)) == []


def test_a_two_module_cycle_and_a_tree_are_told_apart():
    assert cycles({"x": {"y"}, "y": {"x"}, "z": {"x"}}) == [["x", "y"]]
    assert cycles({"x": {"y", "z"}, "y": {"z"}, "z": set()}) == []


def test_relative_imports_resolve_from_modules_and_packages():
    tree = ast.parse("from ..duplicates.words import tokens\nfrom . import helpers\nimport regex\n")
    assert imported_names(tree, "corpuslint.rules.quality.word_count", False) == {
        "corpuslint.rules.duplicates.words", "corpuslint.rules.duplicates.words.tokens",
        "corpuslint.rules.quality", "corpuslint.rules.quality.helpers", "regex"}
    assert "corpuslint.readers.codes" in imported_names(
        ast.parse("from .codes import UNREADABLE"), "corpuslint.readers", True)


def test_imports_between_rule_modules_and_foreign_helpers_are_refused():
    rules = "corpuslint.rules"
    graph = {
        f"{rules}.headlines.duplicate_headline": {f"{rules}.duplicates.exact_duplicate", "corpuslint.text"},
        f"{rules}.headlines.near_duplicate_headline": {f"{rules}.headlines.helpers"},
        f"{rules}.entities.names": {f"{rules}.typos.helpers"},
        f"{rules}.typos.misspelling": {f"{rules}.typos.helpers"},
        f"{rules}.typos": {f"{rules}.typos.misspelling"},
        "corpuslint.engine": {f"{rules}.whitespace.helpers"},
    }
    assert forbidden_imports(graph) == [
        "corpuslint.engine imports corpuslint.rules.whitespace.helpers, the helpers of another family",
        f"{rules}.entities.names imports {rules}.typos.helpers, the helpers of another family",
        f"{rules}.headlines.duplicate_headline imports the rule module {rules}.duplicates.exact_duplicate",
    ]


def test_a_reader_code_written_elsewhere_is_found(tmp_path):
    (tmp_path / "engine.py").write_text('INTERNAL_ERROR = "F900"\nNOTE = "see F900 findings"\n')
    (tmp_path / "codes.py").write_text('UNREADABLE = "F001"\n')
    fake = {"corpuslint.engine": str(tmp_path / "engine.py"), CODES_MODULE: str(tmp_path / "codes.py")}
    found = code_literals(fake)
    assert len(found) == 1 and found[0].endswith("engine.py:1: 'F900'")
