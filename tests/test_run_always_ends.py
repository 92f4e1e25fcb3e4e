"""A run always ends: named pipes, dying and hanging workers, looping and broken rules.

Every case lints an ordinary file on each side of the hostile one and checks
that both are still linted, that the hostile one gets its exact F finding, and
that the exit code is the documented one (3: the run is incomplete). The
timeouts of the subprocess calls only guard against a hang; nothing here
measures speed.
"""
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import fake_install

ORDINARY = "Bridge reopens\n\nThe bridge over the harbour reopened on a grey morning.\n"

PLUGIN = textwrap.dedent('''
    import os
    import signal
    import sys

    from corpuslint.rule import CorpusRule, DocumentRule


    class _Trap(DocumentRule):
        """A test double: misbehaves on a document whose text holds its trigger word."""

        severity = "warning"
        trigger = ""

        def check(self, doc):
            if self.trigger in doc.body.text:
                yield from self.misbehave(doc)


    class Exits(_Trap):
        """Ends its process with os._exit."""
        code, name, trigger = "Z951", "exits", "EXIT"

        def misbehave(self, doc):
            os._exit(7)
            yield


    class CallsSysExit(_Trap):
        """Calls sys.exit."""
        code, name, trigger = "Z952", "calls-sys-exit", "SYSEXIT"

        def misbehave(self, doc):
            sys.exit(4)
            yield


    class Loops(_Trap):
        """Loops for ever in Python."""
        code, name, trigger = "Z953", "loops", "LOOP"

        def misbehave(self, doc):
            while True:
                pass
            yield


    class Stuck(_Trap):
        """Loops for ever where no signal handler runs (as a rule stuck in C code would)."""
        code, name, trigger = "Z954", "stuck", "STUCK"

        def misbehave(self, doc):
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
            while True:
                pass
            yield


    class YieldsText(_Trap):
        """Yields a string instead of a finding."""
        code, name, trigger = "Z955", "yields-text", "TEXT"

        def misbehave(self, doc):
            yield "oops"


    class Unpicklable(CorpusRule):
        """Collects a record that cannot be pickled (a local function)."""
        code, name, severity = "Z957", "unpicklable", "warning"

        def collect(self, doc):
            if "UNPICKLABLE" in doc.body.text:
                yield "key", lambda: None

        def finish(self, key, records, corpus):
            return iter(())


    class LateFailure(_Trap):
        """Runs past its budget inside one C call that then raises: the timer fires while
        the engine is catching the failure."""
        code, name, trigger = "Z958", "late-failure", "LATE"

        def misbehave(self, doc):
            import itertools

            yield sum(itertools.chain(itertools.repeat(1, 400_000_000), ["x"]))


    class Chatty(_Trap):
        """One finding per letter x."""
        code, name, trigger = "Z956", "chatty", "x"

        def misbehave(self, doc):
            text = doc.body.text
            for i, char in enumerate(text):
                if char == "x":
                    yield self.finding(doc.body, i, i + 1, "an x")
''')
RULES = {"exits": "traps:Exits", "sys-exit": "traps:CallsSysExit", "loops": "traps:Loops",
         "stuck": "traps:Stuck", "text": "traps:YieldsText", "chatty": "traps:Chatty",
         "unpicklable": "traps:Unpicklable", "late": "traps:LateFailure"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return fake_install(tmp_path_factory.mktemp("site"), "traps", PLUGIN, RULES)


def lint(site, corpus, *args, timeout=120):
    proc = subprocess.run([sys.executable, "-m", "corpuslint", "--no-cache", "--format", "json", *args],
                          cwd=corpus, env=dict(os.environ, PYTHONPATH=site), capture_output=True,
                          text=True, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    found = json.loads(proc.stdout)
    return proc, [(f["path"], f["line"], f["code"], f["message"]) for f in found]


def corpus_with(tmp_path, hostile_text, config="rule-timeout: 1\n"):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ORDINARY)
    (corpus / "b.txt").write_text(hostile_text)
    (corpus / "c.txt").write_text(ORDINARY.rstrip("\n"))
    (corpus / "corpuslint.yaml").write_text(config)
    return corpus


ORDINARY_FINDINGS = [("c.txt", 3, "W003", "no newline at end of file")]
INCOMPLETE = "; the run is incomplete"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_named_pipe_in_a_folder_is_skipped_with_a_finding(tmp_path, site, jobs):
    corpus = corpus_with(tmp_path, ORDINARY)
    os.mkfifo(corpus / "x.txt")  # nobody ever writes to it: reading it would block for ever
    proc, found = lint(site, corpus, "--select", "F,W003", "-j", jobs, ".", timeout=60)
    assert found == [
        ("c.txt", 3, "W003", "no newline at end of file"),
        ("x.txt", 1, "F001", "not linted: a named pipe (FIFO), not a regular file"),
    ]
    assert proc.returncode == 1


def test_a_named_pipe_named_on_the_command_line_is_read_within_the_budget(tmp_path, site):
    corpus = corpus_with(tmp_path, ORDINARY)
    os.mkfifo(corpus / "x.txt")
    proc, found = lint(site, corpus, "--select", "F,W003", "-j", "1", "x.txt", "c.txt", timeout=60)
    assert found == [
        ("c.txt", 3, "W003", "no newline at end of file"),
        ("x.txt", 1, "F900", "reading this file took more than 1 s for one document (rule-timeout) "
                             "and was stopped; what follows line 1 was not checked" + INCOMPLETE),
    ]
    assert proc.returncode == 3


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_looping_rule_is_stopped_and_the_run_goes_on(tmp_path, site, jobs):
    corpus = corpus_with(tmp_path, "Bridge\n\nA LOOP here.\n")
    proc, found = lint(site, corpus, "--select", "Z953,W003", "-j", jobs, ".", timeout=60)
    assert found == [
        ("b.txt", 1, "F900", "rule Z953 (loops) failed in check on document b.txt: it ran for more than 1 s "
                             "(rule-timeout) and was stopped" + INCOMPLETE +
                             " (rerun with --debug for the traceback)"),
        *ORDINARY_FINDINGS,
    ]
    assert proc.returncode == 3
    assert "corpuslint: the run is incomplete" in proc.stderr


def test_a_rule_that_calls_sys_exit_is_reported_and_the_run_goes_on(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nSYSEXIT here.\n")
    for jobs in ("1", "2"):
        proc, found = lint(site, corpus, "--select", "Z952,W003", "-j", jobs, ".")
        assert found == [
            ("b.txt", 1, "F900", "rule Z952 (calls-sys-exit) failed in check on document b.txt: it called "
                                 "sys.exit(4)" + INCOMPLETE + " (rerun with --debug for the traceback)"),
            *ORDINARY_FINDINGS,
        ], jobs
        assert proc.returncode == 3


def test_a_worker_that_dies_is_reported_and_replaced(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nEXIT here.\n")
    # More files than workers, sent in chunks of two: the file checked before b.txt in its chunk
    # was done but not yet sent when the worker died, so the replacement checks it again.
    others = [f"d{i:02}.txt" for i in range(40)]
    for name in others:
        (corpus / name).write_text(ORDINARY.rstrip("\n"))
    proc, found = lint(site, corpus, "--select", "Z951,W003", "-j", "2", ".")
    assert found == [
        ("b.txt", 1, "F900", "this file was not fully checked: its worker process exited with status 7 while "
                             "rule Z951 (exits) was checking the document at line 1" + INCOMPLETE),
        *[(name, 3, "W003", "no newline at end of file") for name in ("c.txt", *others)],
    ]
    assert proc.returncode == 3


def test_a_record_that_cannot_leave_its_worker_is_reported(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nUNPICKLABLE here.\n")
    proc, found = lint(site, corpus, "--select", "Z957,W003", "-j", "2", ".")
    assert [(path, code) for path, _, code, _ in found] == [("b.txt", "F900"), ("c.txt", "W003")]
    assert found[0][3].startswith("the results of this file could not be sent from its worker process "
                                  "(AttributeError: Can't pickle local object")
    assert proc.returncode == 3


def test_a_worker_stuck_where_no_signal_reaches_is_killed(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nSTUCK here.\n")
    proc, found = lint(site, corpus, "--select", "Z954,W003", "-j", "2", ".", timeout=90)
    assert found == [
        ("b.txt", 1, "F900", "this file was not fully checked: its worker process was stopped after 7 s "
                             "without progress while rule Z954 (stuck) was checking the document at line 1"
         + INCOMPLETE),
        *ORDINARY_FINDINGS,
    ]
    assert proc.returncode == 3


def test_a_rule_that_yields_something_else_than_a_finding_is_reported(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nTEXT here.\n")
    proc, found = lint(site, corpus, "--select", "Z955,W003", "-j", "1", ".")
    assert found == [
        ("b.txt", 1, "F900", "rule Z955 (yields-text) failed in check on document b.txt: TypeError: it yielded "
                             "a str ('oops'), not a Finding" + INCOMPLETE + " (rerun with --debug for the traceback)"),
        *ORDINARY_FINDINGS,
    ]
    assert proc.returncode == 3


@pytest.mark.parametrize("config,listed", [("", 20), ("max-findings-per-rule: 3\n", 3)])
def test_findings_per_rule_and_document_are_capped_with_a_count_of_the_rest(tmp_path, site, config, listed):
    corpus = corpus_with(tmp_path, "Bridge\n\n" + "x " * 1000 + "\n", config)
    proc, found = lint(site, corpus, "--select", "Z956", "-j", "1", ".")
    assert [f[:3] for f in found[:listed]] == [("b.txt", 3, "Z956")] * listed
    assert [f[3] for f in found[:listed]] == ["an x"] * listed
    assert found[listed:] == [
        ("b.txt", 3, "Z956", f"{1000 - listed:,} more Z956 findings in this document not listed "
                             f"(at most {listed} per rule and document: max-findings-per-rule)"),
    ]
    assert proc.returncode == 1


def test_300_kb_of_random_bytes_finish_under_every_rule(tmp_path, site):
    import random

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    data = random.Random(9).randbytes(300_000)
    # Zero and control bytes would make it binary (F006, not linted); the rest still tries every rule.
    controls = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
    (corpus / "noise.txt").write_bytes(data.translate(bytes.maketrans(controls, b" " * len(controls))))
    (corpus / "c.txt").write_text(ORDINARY.rstrip("\n"))
    proc = subprocess.run([sys.executable, "-m", "corpuslint", "--no-cache", "--format", "json", "-j", "1", "."],
                          cwd=corpus, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    assert not [f for f in found if f["code"] == "F900"]
    assert ("c.txt", "W003") in {(f["path"], f["code"]) for f in found}
    assert {f["code"] for f in found if f["path"] == "noise.txt"} >= {"U005"}


def test_a_looping_rule_is_stopped_under_fix_too(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nA LOOP here.\n")
    proc, found = lint(site, corpus, "--select", "Z953,W003", "--fix", ".", timeout=60)
    assert [(path, code) for path, _, code, _ in found] == [("b.txt", "F900")]
    assert (corpus / "c.txt").read_text() == ORDINARY  # W003's fix went in, the loop did not stop it
    assert proc.returncode == 3


def test_workers_killed_between_chunks_are_replaced_and_no_file_is_lost(tmp_path):
    """As the kernel's OOM killer would: every worker is killed when the first results arrive,
    so one of them dies idle (its next chunk cannot be sent) and others mid-file."""
    from corpuslint.config import Settings
    from corpuslint.engine import run
    from corpuslint.registry import Selection

    names = [f"{i:02}.txt" for i in range(40)]
    for name in names:
        (tmp_path / name).write_text(ORDINARY.rstrip("\n"))

    class KillOnFirstResult:
        killed = False

        def start(self, total, files):
            pass

        def update(self, result):
            if not self.killed:
                self.killed = True
                for child in multiprocessing.active_children():
                    os.kill(child.pid, signal.SIGKILL)
                time.sleep(0.2)

        def close(self):
            pass

    report = run([str(tmp_path)], Settings(root=str(tmp_path)), Selection(select=["W003"]), jobs=2,
                 progress=KillOnFirstResult())
    by_file = {}
    for f in report.findings:
        by_file.setdefault(os.path.basename(f.path), []).append(f)
    assert sorted(by_file) == names  # every file is reported: checked, or lost with its worker
    for name, found in by_file.items():
        assert [f.code for f in found] in (["W003"], ["F900"]), (name, found)
        if found[0].code == "F900":
            assert "its worker process was killed by signal SIGKILL" in found[0].message


def test_a_failure_caught_after_the_budget_ran_out_blames_the_rule_not_the_reader(tmp_path, site):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "corpuslint.yaml").write_text("rule-timeout: 1\n")
    records = [{"title": "Bridge", "text": "A LATE record."}, {"title": "Ferry", "text": "The ferry sails."},
               {"title": "Pier", "text": "The pier opens."}]
    (corpus / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    proc, found = lint(site, corpus, "--select", "Z958,Q002", "-j", "1", ".", timeout=120)
    assert [(line, code) for _, line, code, _ in found] == [(1, "F900"), (1, "Q002"), (2, "Q002"), (3, "Q002")]
    assert found[0][3].startswith("rule Z958 (late-failure) failed in check on document a.jsonl:1: ")
    assert proc.returncode == 3


def test_failures_are_never_recorded_in_a_baseline_nor_hidden_by_one(tmp_path, site):
    corpus = corpus_with(tmp_path, "Bridge\n\nTEXT here.\n")
    proc = subprocess.run([sys.executable, "-m", "corpuslint", "--no-cache", "--select", "Z955,W003",
                           "--write-baseline", "base.json", "."], cwd=corpus, env=dict(os.environ, PYTHONPATH=site),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3 and "corpuslint: recorded 1 findings in base.json" in proc.stderr
    entries = json.loads((corpus / "base.json").read_text())["fingerprints"].values()
    assert [e["code"] for e in entries] == ["W003"]
    proc, found = lint(site, corpus, "--select", "Z955,W003", "--baseline", "base.json", ".")
    assert [(path, code) for path, _, code, _ in found] == [("b.txt", "F900")]
    assert proc.returncode == 3
