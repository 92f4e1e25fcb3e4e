"""Peak memory of linting a large Parquet file, against the same rows as JSON Lines.

    python bench/parquet_memory.py                 # 200,000 rows
    python bench/parquet_memory.py --rows 20000    # a quick look
    python bench/parquet_memory.py --only parquet --jobs 1
    python bench/parquet_memory.py --same-headlines   # headlines from ~16,000 templates

It writes a Parquet file of generated articles (title, date, url, id, a body
of a few paragraphs; several row groups) and the same rows as one JSONL file
into a temporary folder, then runs ``python -m corpuslint --no-cache
--no-progress`` on each, with ``-j1`` and with the default jobs, in a
subprocess. For each run it prints the wall time and the peak resident
memory of the whole process tree (the parent and its workers, sampled from
/proc as bench/run.py does). The target for 200,000 rows is a peak under 300 MB.
The tree's RSS counts a page the forked workers still share with the parent
(the interpreter, the rule tables, pyarrow's code) once per process; the peak
PSS, also printed, counts it once: it is the memory the run takes from the
machine.

Headlines nearly all differ, as in a real corpus. With ``--same-headlines``
they come from about 16,000 templates, so that tens of thousands of
documents share one and H003/H004 report most of them: the findings, and
H004's groups of thousands of near-identical headlines, then cost memory of
their own (a worst case, not a typical corpus).

Needs: this package installed with the parquet extra
(``pip install -e '.[parquet]'``). Nothing third-party is read.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile

from run import timed_memory  # bench/run.py: wall time and peak RSS/PSS of a process tree

TARGET_MB = 300
WORDS = ("council harbour ferry bridge budget minister police station market school hospital river "
         "museum library festival storm flood rail strike union farmers shipping port village road "
         "tram clinic airport court judge election mayor vote plan report inquiry contract fleet").split()
TOWNS = ["Port Ellery", "Saltmarsh", "Kellan Bay", "Ashford Vale", "Millbrook", "Dunmore", "Harwick", "Corran"]


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 18))  # no word twice: a doubled word is a finding (T003)
    return f"{rng.choice(TOWNS)} {' '.join(words)}."


def _title(i: int, rng: random.Random) -> str:
    """A headline; as in a real corpus, nearly all differ (``--same-headlines``: 16,000 templates)."""
    if SAME_HEADLINES[0]:
        return f"{rng.choice(TOWNS)} {' '.join(rng.sample(WORDS, 2))} plan approved"
    return f"{rng.choice(TOWNS)} {' '.join(rng.sample(WORDS, 5))} plan {i} approved"


#: Whether headlines come from a few templates (set by --same-headlines).
SAME_HEADLINES = [False]


def _row(i: int, rng: random.Random) -> dict:
    paragraphs = ["\n".join([" ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))])
                  for _ in range(rng.randint(2, 5))]
    return {"id": f"n{i:07d}", "url": f"https://news.example.org/{i}",
            "title": _title(i, rng),
            "date": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": "\n\n".join(paragraphs)}


def write_corpora(folder: str, rows: int, row_group: int) -> tuple[str, str]:
    """A Parquet file and a JSONL file of the same ``rows`` generated articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(11)
    parquet, jsonl = os.path.join(folder, "news.parquet"), os.path.join(folder, "news.jsonl")
    with open(jsonl, "w", encoding="utf-8") as out:
        writer = None
        for start in range(0, rows, row_group):
            batch = [_row(i, rng) for i in range(start, min(rows, start + row_group))]
            out.writelines(json.dumps(row) + "\n" for row in batch)
            table = pa.Table.from_pylist(batch)
            writer = writer or pq.ParquetWriter(parquet, table.schema)
            writer.write_table(table, row_group_size=row_group)
        writer.close()
    return parquet, jsonl


def measure(path: str, jobs: str | None) -> dict:
    command = [sys.executable, "-m", "corpuslint", "--no-cache", "--no-progress", "--exit-zero", "-q", path]
    if jobs:
        command.insert(3, f"-j{jobs}")
    return timed_memory(command, proportional=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--row-group", type=int, default=50_000, help="rows per Parquet row group")
    parser.add_argument("--same-headlines", action="store_true",
                        help="headlines from about 16,000 templates: tens of thousands of duplicate and near-duplicate "
                             "headline findings, and H004 groups of thousands of records")
    parser.add_argument("--only", choices=("parquet", "jsonl"), help="measure one of the two files")
    parser.add_argument("--jobs", choices=("1", "default"), help="measure one of -j1 and the default jobs")
    args = parser.parse_args(argv)
    SAME_HEADLINES[0] = args.same_headlines
    with tempfile.TemporaryDirectory() as folder:
        parquet, jsonl = write_corpora(folder, args.rows, args.row_group)
        sizes = {path: os.path.getsize(path) / 2**20 for path in (parquet, jsonl)}
        print(f"{args.rows:,} rows; Parquet {sizes[parquet]:.0f} MB, JSONL {sizes[jsonl]:.0f} MB\n")
        print("| file | jobs | wall s | peak RSS of the process tree, MB | peak PSS of the tree, MB | exit |")
        print("|---|---|---|---|---|---|")
        worst = 0.0
        for path in [p for p in (parquet, jsonl) if not args.only or p.endswith(args.only)]:
            for jobs in [j for j in ("1", None) if not args.jobs or (j or "default") == args.jobs]:
                row = measure(path, jobs)
                worst = max(worst, row["rss"]) if path == parquet else worst
                print(f"| {os.path.basename(path)} | {jobs or 'default'} | {row['wall']:.1f} | {row['rss']:.0f} | "
                      f"{row['pss']:.0f} | {row['code']} |", flush=True)
    verdict = "met" if worst < TARGET_MB else "missed"
    print(f"\nParquet peak {worst:.0f} MB: target of {TARGET_MB} MB {verdict}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
