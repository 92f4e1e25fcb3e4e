"""A long, coverage-guided fuzzing session with atheris (libFuzzer for Python).

The test suite runs short hypothesis sessions (tests/test_fuzz.py for the
readers and rules, tests/test_fuzz_formats.py for the output formats). For
hours of fuzzing, with coverage guidance and a corpus of interesting inputs
kept between sessions::

    pip install atheris
    mkdir -p fuzz-corpus
    python tests/atheris_fuzz.py fuzz-corpus -max_total_time=3600

Each input picks a file type (.txt, .md, .jsonl, .csv, .tsv, gzipped or not),
is written as such a file, read and checked by every rule, and its findings
are rendered in every output format. Anything that escapes as an exception,
an F900 internal error, or output that is not valid UTF-8 is a crash:
libFuzzer writes the input to ``crash-*`` and stops. Replay one with
``python tests/atheris_fuzz.py crash-<hash>``. Not collected by pytest (its
name does not start with ``test_``).
"""
import gzip
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from corpuslint.config import Settings
    from corpuslint.engine import Checker, Report
    from corpuslint.formats import FORMATS, OutputOptions, render
    from corpuslint.readers import Source
    from corpuslint.registry import Selection

NAMES = ["a.txt", "a.md", "a.jsonl", "a.csv", "a.tsv", "a.txt.gz", "a.jsonl.gz", "a.csv.gz"]
FOLDER = tempfile.mkdtemp(prefix="corpuslint-fuzz-")
CHECKER = Checker(Settings(root=FOLDER), Selection())


def one_input(data: bytes) -> None:
    fuzzed = atheris.FuzzedDataProvider(data)
    name = NAMES[fuzzed.ConsumeIntInRange(0, len(NAMES) - 1)]
    body = fuzzed.ConsumeBytes(fuzzed.remaining_bytes())
    path = os.path.join(FOLDER, name)
    with open(path, "wb") as fh:
        fh.write(gzip.compress(body, mtime=0) if name.endswith(".gz") else body)
    result = CHECKER.check_file(Source(path, name, name))
    internal = [f.message for f in result.findings if f.code == "F900"]
    if internal:
        raise AssertionError(internal[0])
    report = Report(sorted(result.findings, key=lambda f: f.sort_key()), result.documents, 1,
                    CHECKER.rule_classes())
    for fmt in sorted(FORMATS):
        render(report, fmt, OutputOptions()).encode("utf-8")  # a report always encodes as UTF-8


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
