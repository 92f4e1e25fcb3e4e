"""What README.md and docs/*.md show works as written.

Every command of a fenced ```sh or ```console block (and every `corpuslint` line of a
CI recipe in a ```yaml block) runs against a copy of examples/corpus and ends with the
exit code that the exit-code table of docs/safety.md gives it, with no internal error;
the output a ```console block shows is what the command prints; the configuration and
API examples load and take effect; and every relative link between the pages resolves,
file and #anchor.

A block that cannot run as written (a placeholder such as `corpuslint articles/`) is
marked in its page by a line `<!-- not run: why -->` just before its fence.
"""
import contextlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from typing import NamedTuple

import pytest
from conftest import REPO

import corpuslint
from corpuslint.cli import main

DOCS = os.path.join(REPO, "docs")
PAGES = ["README.md"] + sorted(f"docs/{name}" for name in os.listdir(DOCS) if name.endswith(".md"))

#: Commands the docs show that this test does not run, and why (words joined by spaces).
NOT_RUN = {
    "pip install .[test] && corpuslint examples/corpus":
        ".ci/run installs from scratch this way; the lint is run from the README's sample",
    "pip install -e .[test]": "the install the test suite itself runs in",
    "python -m pytest": "the test suite, which runs this test",
    "ruff check .": "the linter for our own code, which .ci/run runs before the tests",
}

#: The exit code of each command the docs show, by the table of docs/safety.md#exit-codes:
#: examples/corpus has findings of every severity, errors among them, and some that no fix
#: repairs; the CI recipes lint `corpus/`, a copy of it, with its baseline committed.
EXIT = {
    "corpuslint examples/corpus": 1,
    "corpuslint examples/corpus --select D,H": 1,
    "corpuslint examples/corpus/wire.jsonl --ignore T004,unanchored-relative-date": 1,
    "corpuslint examples/corpus --format full": 1,
    "corpuslint examples/corpus --diff": 1,  # changes to show
    "corpuslint examples/corpus --diff --unsafe-fixes": 1,
    "corpuslint examples/corpus --fix": 1,  # findings that no fix repairs remain
    "corpuslint rules": 0,
    "corpuslint rule T001": 0,
    "corpuslint rule misspelling": 0,
    "python -m pydoc corpuslint.vocabulary": 0,
    "corpuslint examples/corpus/001_harbour_bridge.txt examples/corpus/wire.jsonl": 1,
    "corpuslint --no-corpus examples/corpus/001_harbour_bridge.txt examples/corpus/wire.jsonl": 1,
    "corpuslint examples/corpus --format json --output-file report.json": 1,
    "corpuslint examples/corpus --statistics": 1,
    "corpuslint examples/corpus --fail-on error": 1,
    "corpuslint examples/corpus --exit-zero": 0,
    "corpuslint examples/corpus --write-baseline .corpuslint-baseline.json": 0,
    "corpuslint examples/corpus --baseline .corpuslint-baseline.json": 0,  # nothing new
    "corpuslint corpus/ --format github --baseline .corpuslint-baseline.json": 0,
    "corpuslint corpus/ --format sarif --output-file corpuslint.sarif --exit-zero": 0,
    "corpuslint corpus/ --format gitlab --output-file gl-code-quality-report.json": 1,
    "corpuslint examples/corpus --jobs 2 --timings": 1,
    "corpuslint examples/corpus --no-cache": 1,
    "corpuslint examples/corpus --show-files": 0,  # lists, lints nothing
    "corpuslint examples/corpus --show-settings": 0,
    "corpuslint examples/corpus --no-respect-gitignore --show-files": 0,
    "corpuslint - --stdin-filename story.txt < examples/corpus/001_harbour_bridge.txt": 0,  # a clean article
    "corpuslint - --stdin-filename story.txt --fix --select T001,T002 < examples/corpus/005_depot_blast.txt": 0,
}

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
NOT_RUN_MARK = re.compile(r"<!-- not run: .+ -->$")
#: `run: corpuslint ...` (GitHub Actions) or `- corpuslint ...` (a GitLab script).
CI_COMMAND = re.compile(r"^\s*(?:-\s+)?(?:run:\s+)?(corpuslint\s.*)$")
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$", re.M)


class Block(NamedTuple):
    page: str
    line: int
    lang: str
    text: str
    runnable: bool


class Step(NamedTuple):
    """One command of a block; for a ```console block, also the output shown after it."""

    words: list
    shown: list | None

    @property
    def command(self):
        return " ".join(self.words)


def read(page):
    with open(os.path.join(REPO, page), encoding="utf-8") as fh:
        return fh.read()


def blocks(page):
    text = read(page)
    for match in FENCE.finditer(text):
        line_before = text[:match.start()].rstrip("\n").rpartition("\n")[2]
        yield Block(page, text.count("\n", 0, match.start()) + 1, match.group(1),
                    match.group(2), not NOT_RUN_MARK.match(line_before))


def steps(block):
    """The commands of a block, in order."""
    if block.lang == "sh":
        for line in block.text.splitlines():
            if words := shlex.split(line, comments=True):
                yield Step(words, None)
    elif block.lang == "console":
        for chunk in re.split(r"^\$ ", block.text, flags=re.M)[1:]:
            command, *shown = chunk.splitlines()
            yield Step(shlex.split(command, comments=True), shown)
    elif block.lang == "yaml":
        for line in block.text.splitlines():
            if match := CI_COMMAND.match(line):
                yield Step(shlex.split(match.group(1), comments=True), None)


def make_project(path, ci_recipe=False):
    """examples/ as in the repository, `corpus/` a copy of examples/corpus."""
    shutil.copytree(os.path.join(REPO, "examples"), path / "examples")
    shutil.copytree(path / "examples" / "corpus", path / "corpus")
    if ci_recipe:  # the recipes fail only on new findings: their baseline is committed
        assert run_main(["corpus/", "--write-baseline", ".corpuslint-baseline.json"])[0] == 0


class BytesOut(io.StringIO):
    """A captured stdout that also takes bytes (``--fix -`` writes the fixed text as they are)."""

    def __init__(self):
        super().__init__()
        self.buffer = io.BytesIO()

    def getvalue(self):
        return super().getvalue() + self.buffer.getvalue().decode("utf-8")


@contextlib.contextmanager
def stdin_from(path):
    """Standard input read from the file ``path`` (a command's ``< path``), or left alone if None."""
    if path is None:
        yield
        return
    saved = sys.stdin
    with open(path, "rb") as fh:
        sys.stdin = io.TextIOWrapper(fh, encoding="utf-8")
        try:
            yield
        finally:
            sys.stdin = saved


def run_main(argv, stdin=None):
    """corpuslint's entry point in this process: (exit code, stdout, stderr)."""
    out, err = BytesOut(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), stdin_from(stdin):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def run_step(step):
    words, stdin = step.words, None
    if "<" in words:  # `command < file`: the one redirection the docs use
        words, stdin = words[:words.index("<")], words[words.index("<") + 1]
    if words[0] == "corpuslint":
        return run_main(words[1:], stdin)
    assert words[0] == "python" and stdin is None, f"{step.command!r}: run it here, or say in NOT_RUN why not"
    proc = subprocess.run([sys.executable, *words[1:]], capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def check_shown_output(step, stdout):
    """The lines a console block shows are lines of the output, in order; `...` stands for
    lines left out, and what follows the last `...` is how the output ends."""
    actual = stdout.splitlines()
    if "..." not in step.shown:
        assert actual == step.shown
        return
    tail = step.shown[len(step.shown) - step.shown[::-1].index("..."):]
    assert actual[len(actual) - len(tail):] == tail
    remaining = iter(actual)
    missing = [line for line in step.shown if line != "..." and line not in remaining]
    assert not missing, f"not in the output of {step.command!r}, or out of order: {missing}"


@pytest.fixture
def isolated(tmp_path_factory, monkeypatch):
    """Caches and the cache key of the runs in a folder of their own, shared by the tests."""
    home = tmp_path_factory.getbasetemp() / "doc-commands-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("CORPUSLINT_CACHE_KEY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


RUNNABLE = [block for page in PAGES for block in blocks(page)
            if block.runnable and any(steps(block))]


@pytest.mark.parametrize("block", RUNNABLE, ids=[f"{b.page}:{b.line}" for b in RUNNABLE])
def test_commands_work_as_written(block, tmp_path, monkeypatch, isolated):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, ci_recipe=block.lang == "yaml")
    for step in steps(block):
        if step.command in NOT_RUN:
            continue
        assert step.command in EXIT, f"{block.page}:{block.line}: give {step.command!r} its exit code"
        status, stdout, stderr = run_step(step)
        assert "Traceback" not in stdout + stderr and "internal error" not in stderr, stderr
        assert status == EXIT[step.command], f"{step.command!r} exited {status}: {stderr}"
        if step.shown is not None:
            check_shown_output(step, stdout)


def test_every_command_shown_is_accounted_for():
    commands = {step.command for page in PAGES for block in blocks(page) for step in steps(block)}
    assert set(EXIT) <= commands, f"no longer in the docs: {sorted(set(EXIT) - commands)}"
    assert set(NOT_RUN) <= commands, f"no longer in the docs: {sorted(set(NOT_RUN) - commands)}"
    assert not set(EXIT) & set(NOT_RUN)


def test_the_quick_start_is_two_commands_and_ci_runs_the_second():
    quick_start = read("README.md").split("## Quick start", 1)[1]
    block = next(b for b in blocks("README.md") if b.text in quick_start)
    assert [step.command for step in steps(block)] == [
        "pip install .[test] && corpuslint examples/corpus", "python -m pytest"]
    assert "\npython -m pytest\n" in read(".ci/run")


def test_the_readme_sample_is_checked_against_real_output():
    samples = [step for block in blocks("README.md") for step in steps(block) if step.shown]
    assert [step.command for step in samples] == ["corpuslint examples/corpus"]
    assert len(samples[0].shown) > 5 and "..." in samples[0].shown


def test_shown_output_check_fails_on_a_stale_sample():
    step = Step(["corpuslint"], ["a", "c", "...", "z"])
    check_shown_output(step, "a\nb\nc\ny\nz\n")
    for stale in ("c\na\nz\n", "a\nc\nz\nsummary\n", "a\nb\nz\n"):
        with pytest.raises(AssertionError):
            check_shown_output(step, stale)


def code_blocks_removed(text):
    return INLINE_CODE.sub("", FENCE.sub("", text))


def github_anchor(heading):
    """The anchor GitHub gives a heading: lower case, punctuation but `-` and `_` dropped,
    spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page):
    seen = {}
    for heading in HEADING.findall(FENCE.sub("", read(page))):
        anchor = github_anchor(heading)
        seen[anchor] = seen.get(anchor, -1) + 1
        yield anchor if seen[anchor] == 0 else f"{anchor}-{seen[anchor]}"


def broken_links(page, text=None):
    for target in LINK.findall(code_blocks_removed(read(page) if text is None else text)):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        linked = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        if not os.path.exists(os.path.join(REPO, linked)) or linked.startswith(".."):
            yield f"{page}: {target}: no file {linked}"
        elif anchor and linked.endswith(".md") and anchor not in set(anchors(linked)):
            yield f"{page}: {target}: no heading with the anchor #{anchor} in {linked}"


@pytest.mark.parametrize("page", PAGES)
def test_links_resolve(page):
    assert list(broken_links(page)) == []


def test_link_check_finds_a_broken_file_or_anchor():
    assert github_anchor("`--fix` safety, configuration values") == "--fix-safety-configuration-values"
    text = ("[ok](../README.md#options) [ok](safety.md#exit-codes) [web](https://example.org/x.md)"
            " [a](safety.md#no-such-heading) [b](no-such-page.md) `[code](not-a-link.md)`")
    assert list(broken_links("docs/x.md", text)) == [
        "docs/x.md: safety.md#no-such-heading: no heading with the anchor #no-such-heading in docs/safety.md",
        "docs/x.md: no-such-page.md: no file docs/no-such-page.md"]


def test_every_page_is_linked_from_the_readme():
    linked = {target.partition("#")[0] for target in LINK.findall(read("README.md"))}
    assert {page for page in PAGES if page != "README.md"} <= linked


def block_named(page, first_line):
    return next(b.text for b in blocks(page) if b.text.startswith(first_line))


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_configuration_examples_take_effect(tmp_path, monkeypatch, isolated):
    """The TOML and YAML examples of docs/configuration.md, with their vocabulary files."""
    for name in ("style/house.yaml", "style/more-spun.yaml"):
        write(tmp_path / "toml" / name, block_named("docs/configuration.md", f"# {name}"))
    write(tmp_path / "toml" / "pyproject.toml", block_named("docs/configuration.md", "[tool.corpuslint]"))
    write(tmp_path / "yaml" / "corpuslint.yaml", block_named("docs/configuration.md", "paths:"))
    for project in ("toml", "yaml"):
        shutil.copytree(os.path.join(REPO, "examples", "corpus"), tmp_path / project / "corpus")
        monkeypatch.chdir(tmp_path / project)
        status, stdout, stderr = run_main(["--format", "json"])  # lints `paths`
        assert status == 1, stderr
        findings = json.loads(stdout)
        assert {f["path"].split("/")[0] for f in findings} == {"corpus"}
        assert "D005" not in {f["code"] for f in findings}
        t004 = {f["severity"] for f in findings if f["code"] == "T004"}
        assert t004 == ({"info"} if project == "toml" else {"warning"})


def test_vocabulary_examples_define_and_extend_rules(tmp_path, monkeypatch, isolated):
    for name in ("style/house.yaml", "style/more-spun.yaml"):
        write(tmp_path / name, block_named("docs/configuration.md", f"# {name}"))
    write(tmp_path / "story.txt", "date 2021-08-04\n\nKiev talks\n\nPrices rose five per cent "
          "in Kiev after the fear monger assault on the port.\n")
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["story.txt"], config={
        "vocabulary": ["style/house.yaml", "style/more-spun.yaml"], "select": ["V101", "T001"]})
    found = sorted((f.code, f.message) for f in report.findings)
    assert [code for code, _ in found] == ["T001", "V101", "V101", "V101"]
    assert "'terrorist attack'" in found[0][1]


def test_the_api_example_runs(tmp_path, monkeypatch, capsys, isolated):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    (example,) = [b.text for b in blocks("docs/api.md") if b.lang == "python"]
    exec(compile(example, "docs/api.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "19 documents, 15 files"
    assert lines[0].startswith("corpus/") and len(lines) > 20
    assert not [line for line in lines if " D005 " in line]
