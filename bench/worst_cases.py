"""Running time of corpuslint on inputs that were once slow (a quadratic search, an unbounded window).

    python bench/worst_cases.py             # each case 3 times, the median printed
    python bench/worst_cases.py --repeat 5

The test suite asserts that the work on these inputs is bounded (a count of
lines of code run, the windows handed to ftfy, the pairs compared), never
how long it takes: that depends on the machine and its load. This script
prints the seconds, to compare machines and versions by eye. Each case is
linted in this process with only its rule selected, after a first run on a
small input (imports and tables are not timed). Everything is built here, in
a temporary folder.

Needs: this package installed (``pip install -e .``).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)

import corpuslint


def _chinese(n: int, seed: int) -> str:
    """``n`` CJK ideographs, an invented sequence (a long line with no spaces)."""
    return "".join(chr(0x4E00 + (seed * 7919 + i * 104729) % 2000) for i in range(n))


def _records(path: str, titles, texts) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i, (title, text) in enumerate(zip(titles, texts)):
            fh.write(json.dumps({"id": f"r{i}", "title": title, "text": text}) + "\n")


def _text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def build(folder: str) -> list[tuple[str, str, str, str]]:
    """``(what, rule, file, small file)`` for each case, written into ``folder``."""
    def at(name):
        return os.path.join(folder, name)

    _text(at("small.txt"), "Ferry\n\nCaf\u00c3\u00a9 reopens, a auto and the the ferry.\n")
    _records(at("small.jsonl"), ["Harbour traffic"] * 2, ["One ship.", "Two ships."])
    _records(at("h003.jsonl"), ["Harbour traffic"] * 3000,
             [f"Ship number {i} called at Millbrook today." for i in range(3000)])
    _records(at("h004.jsonl"), [f"Quarterly sales report for store {i}" for i in range(1000)],
             [f"Store {i} sold more this quarter than last." for i in range(1000)])
    _text(at("q003.txt"), "\u6e21\u8f6e\n\n" + "\u6d77\u6e2f\u9547\u7684\u6e21\u8f6e\u4eca\u5929\u505c\u822a" * 2000
          + " 2021\u5e74\n")
    _text(at("u001-chinese.txt"), "Ferry resumes\n\n" + "\u00c3\u00a9".join(_chinese(80, i) for i in range(300)) + "\n")
    _text(at("u001-latin.txt"), "Ferry resumes\n\n" + "caf\u00c3\u00a9".join(["wendorfkellanlindby" * 4] * 60) + "\n")
    cases = [
        ("3,000 documents under one headline", "H003", "h003.jsonl", "small.jsonl"),
        ("1,000 templated headlines in one block", "H004", "h004.jsonl", "small.jsonl"),
        ("a 20,000-character paragraph without spaces", "Q003", "q003.txt", "small.txt"),
        ("24,000 Chinese characters, 299 stray 'Ã©'", "U001", "u001-chinese.txt", "small.txt"),
        ("4,800 letters without a space, 59 'cafÃ©'", "U001", "u001-latin.txt", "small.txt"),
    ]
    for encoding in ("sloppy-windows-1252", "mac-roman", "sloppy-windows-1251"):
        name = f"u001-{encoding}.txt"
        _text(at(name), f"Ferry resumes\n\n{_chinese(3000, 1)}\n".encode().decode(encoding))
        cases.append((f"3,000 Chinese characters read as {encoding}", "U001", name, "small.txt"))
    text = (("The ferry left the harbour late. " * 299 + "It left the the quay. ") * 1000)[:10_000_000]
    _records(at("t003.jsonl"), ["Long"], [text])
    cases.append(("a 10 MB record text, 1,000 doubled words", "T003", "t003.jsonl", "small.jsonl"))
    return cases


def seconds(path: str, code: str, repeat: int) -> float:
    """Median wall seconds of linting ``path`` with ``code`` selected (every finding kept)."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        corpuslint.lint([path], {"max-findings-per-rule": 100_000}, select=[code])
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="corpuslint-worst-") as folder:
        os.chdir(folder)
        print("| rule | input | seconds |\n|---|---|---:|")
        for what, code, name, small in build(folder):
            corpuslint.lint([small], select=[code])  # imports and tables
            print(f"| {code} | {what} | {seconds(name, code, args.repeat):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
