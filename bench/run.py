"""The corpuslint benchmark: corpuslint against codespell and typos on the same files.

    python bench/run.py                      # 1x, 4x and 16x corpora, 3 runs each where affordable
    python bench/run.py --sizes 1 --repeat 5 # a quick look

It builds its corpora at run time from ../shared/corpora (nothing third-party
is committed): unique articles made by recombining headlines and paragraphs
of the BBC and Reuters texts, at 10,000 documents times each size, once as
one .txt file per article and once as a single JSONL file. Then, on the same
files and alternating between tools, it times:

- corpuslint with all default rules: cold cache, warm cache, --jobs 1 and
  the default jobs (all cores);
- codespell and typos (from PyPI), the spelling checkers people already run;

and prints wall seconds (median of the runs), MB/s, documents/s, peak RSS
(the whole process tree) and the ratio of each wall time to codespell's. It
also times ``corpuslint --version`` and linting one small file, prints the
per-document cost of the corpus rules at each size (they should stay flat),
and the cost of each rule family from ``--timings``. The table is printed and
saved under bench/results/ with the date and the machine.

Needs: this package installed (``pip install -e .``), ``pip install typos``
(codespell is already a dependency), and ../shared/corpora.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "corpora"))
BASE_DOCUMENTS = 10_000


# --- building the corpora ------------------------------------------------------

def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n|\n(?=[ \t]+\S)", text)
    out = []
    for part in parts:
        part = " ".join(part.split())
        if len(part) > 40 and not re.fullmatch(r"(?i)reuter\W*", part):
            out.append(part)
    return out


def load_sources() -> tuple[list[str], list[str]]:
    """Headlines and paragraphs of the BBC and Reuters texts."""
    headlines, paragraphs = [], []
    bbc = os.path.join(SHARED, "bbc")
    for folder, _, files in sorted(os.walk(bbc)):
        for name in sorted(files):
            if not name.endswith(".txt") or name.upper().startswith("README"):
                continue
            with open(os.path.join(folder, name), "rb") as fh:
                text = fh.read().decode("utf-8", errors="replace")
            head, _, body = text.partition("\n")
            headlines.append(head.strip())
            paragraphs.extend(_paragraphs(body))
    with open(os.path.join(SHARED, "reuters21578.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("title"):
                headlines.append(record["title"].strip().title())
            paragraphs.extend(_paragraphs(record.get("text") or ""))
    return headlines, paragraphs


def build_corpus(directory: str, documents: int, headlines, paragraphs, seed: int = 1987) -> dict:
    """Write ``documents`` recombined articles as .txt files and as one JSONL file."""
    rng = random.Random(seed)
    txt_dir = os.path.join(directory, "txt")
    os.makedirs(txt_dir, exist_ok=True)
    jsonl = os.path.join(directory, "corpus.jsonl")
    size = 0
    start = dt.date(2020, 1, 1)
    with open(jsonl, "w", encoding="utf-8") as out:
        for i in range(documents):
            headline = f"{rng.choice(headlines)} ({i})"
            body = rng.sample(paragraphs, rng.randint(3, 8))
            date = (start + dt.timedelta(days=rng.randrange(1500))).isoformat()
            text = f"date {date}\n{headline}\n\n" + "\n\n".join(body) + "\n"
            folder = os.path.join(txt_dir, f"{i // 1000:03}")
            if i % 1000 == 0:
                os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{i:06}.txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
            size += len(text.encode("utf-8"))
            out.write(json.dumps({"id": i, "date": date, "title": headline, "text": "\n\n".join(body)},
                                 ensure_ascii=False) + "\n")
    return {"txt": txt_dir, "jsonl": jsonl, "documents": documents, "bytes": size,
            "jsonl_bytes": os.path.getsize(jsonl)}


# --- measuring -----------------------------------------------------------------

def _tree_memory_kb(root: int, proportional: bool = False) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc.

    ``proportional``: the proportional set size (PSS), where a page shared by
    forked workers counts once, split among them, instead of once per process.
    """
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(_process_memory_kb(pid, proportional) for pid in tree)


def _process_memory_kb(pid: int, proportional: bool) -> int:
    try:
        if proportional:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                return next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:  # the process ended
        return 0


def timed(command: list[str], cwd: str | None = None) -> tuple[float, float, int]:
    """``(wall seconds, peak RSS of the process tree in MB, exit code)``."""
    run = timed_memory(command, cwd)
    return run["wall"], run["rss"], run["code"]


def timed_memory(command: list[str], cwd: str | None = None, proportional: bool = False) -> dict:
    """Wall seconds (``wall``), peak RSS of the process tree in MB (``rss``), exit code
    (``code``) and, if ``proportional``, the peak PSS of the tree in MB (``pss``)."""
    peak = {"rss": 0, "pss": 0}
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], _tree_memory_kb(proc.pid))
            if proportional:
                peak["pss"] = max(peak["pss"], _tree_memory_kb(proc.pid, proportional=True))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    return {"wall": wall, "rss": peak["rss"] / 1024, "pss": peak["pss"] / 1024, "code": proc.returncode}


def tool(name: str) -> str | None:
    """A command installed next to this Python (the same virtual environment), or on PATH."""
    beside = os.path.join(os.path.dirname(sys.executable), name)
    return beside if os.access(beside, os.X_OK) else shutil.which(name)


def tool_commands(target: str, cache: str) -> dict:
    corpuslint = [sys.executable, "-m", "corpuslint", "--quiet", "--no-progress", "--format", "concise"]
    return {
        "corpuslint cold": corpuslint + ["--cache-dir", cache, target],
        "corpuslint warm": corpuslint + ["--cache-dir", cache, target],
        "corpuslint -j1": corpuslint + ["--no-cache", "-j", "1", target],
        "corpuslint": corpuslint + ["--no-cache", target],
        "codespell": [tool("codespell"), target],
        "typos": [tool("typos"), "--format", "brief", target],
    }


def measure(target: str, megabytes: float, documents: int, repeat: int, work: str) -> dict:
    cache = os.path.join(work, "cache")
    commands = tool_commands(target, cache)
    walls = {name: [] for name in commands}
    peaks = dict.fromkeys(commands, 0.0)
    for _ in range(repeat):
        for name, command in commands.items():  # alternate tools within each round
            if name == "corpuslint cold":
                shutil.rmtree(cache, ignore_errors=True)
            wall, rss, _ = timed(command)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], rss)
    rows = {}
    for name in commands:
        wall = statistics.median(walls[name])
        rows[name] = {"wall": wall, "mb_s": megabytes / wall, "docs_s": documents / wall, "rss": peaks[name]}
    for row in rows.values():
        row["vs_codespell"] = row["wall"] / rows["codespell"]["wall"]
        row["vs_typos"] = row["wall"] / rows["typos"]["wall"]
    return rows


def corpus_rule_costs(target: str) -> dict:
    """CPU µs per document of each corpus rule (collect + finish), from --timings."""
    proc = subprocess.run([sys.executable, "-m", "corpuslint", "--quiet", "--no-progress", "--no-cache",
                           "--timings", "--select", "X,H003,H004,B002", target],
                          capture_output=True, text=True)
    costs = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"(collect|finish) (\w\d{3}) \S+\s+([\d.]+)\s+\S+\s+([\d.]+)", line)
        if m:
            costs[m.group(2)] = costs.get(m.group(2), 0.0) + float(m.group(4))
    return costs


def family_costs(target: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "corpuslint", "--quiet", "--no-progress", "--no-cache",
                           "--timings", target], capture_output=True, text=True)
    costs = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"(read|check|collect|finish) ?(\w\d{3})?.*?\s([\d.]+)\s+\S+%\s+([\d.]+)$", line)
        if m:
            family = m.group(2)[0] if m.group(2) else "read"
            costs[family] = costs.get(family, 0.0) + float(m.group(4))
    return costs


def startup(work: str) -> dict:
    """Medians of 7 runs, wall and CPU (user + system) seconds: ``--version``, one small file
    cold with every default rule, as the pre-commit hook lints it (``--no-corpus``), and the
    hook again with the file's result in the cache. Python keeps its bytecode in a folder
    of ``work`` (as an installed corpuslint has it), whatever PYTHONDONTWRITEBYTECODE says."""
    small = os.path.join(work, "small.txt")
    with open(small, "w") as fh:
        fh.write("date 2021-08-04\nBridge reopens\n\nThe bridge reopened on Tuesday after repairs.\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(work, "pycache")
    command = [sys.executable, "-m", "corpuslint"]
    runs = {"version": command + ["--version"], "one_file": command + ["--no-cache", small],
            "hook": command + ["--no-corpus", "--no-cache", small],
            "hook_warm": command + ["--no-corpus", "--cache-dir", os.path.join(work, "hook-cache"), small]}
    subprocess.run(runs["hook_warm"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = {}
    for name, argv in runs.items():
        measured = [cpu_timed(argv, env) for _ in range(7)]
        times[name] = statistics.median(wall for wall, _ in measured)
        times[name + "_cpu"] = statistics.median(cpu for _, cpu in measured)
    return times


def cpu_timed(command: list[str], env: dict) -> tuple[float, float]:
    """``(wall seconds, CPU seconds of the process and its children)`` of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# --- reporting -----------------------------------------------------------------

def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{platform.node()}, {cpus} cores, Python {platform.python_version()}, {platform.platform()}"


def table(results: dict, starts: dict, corpus_costs: dict, families: dict, repeat: int) -> str:
    lines = [f"# corpuslint benchmark, {dt.date.today().isoformat()}", "", f"Machine: {machine()}", "",
             f"Wall time is the median of {repeat} run(s) per size (1 run at 16x); tools alternate "
             "within each round. MB are of article text.", ""]
    lines += ["| corpus | form | tool | wall s | MB/s | docs/s | peak RSS MB | vs codespell | vs typos |",
              "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for (size, form), rows in results.items():
        for name, row in rows.items():
            lines.append(f"| {size} | {form} | {name} | {row['wall']:.2f} | {row['mb_s']:.1f} | "
                         f"{row['docs_s']:.0f} | {row['rss']:.0f} | {row['vs_codespell']:.2f} | "
                         f"{row['vs_typos']:.2f} |")
    lines += ["", "Start-up, wall ms (CPU ms), medians of 7: " + "; ".join(
        f"{label} {starts[name] * 1000:.0f} ({starts[name + '_cpu'] * 1000:.0f})" for name, label in (
            ("version", "`corpuslint --version`"), ("one_file", "one small file, all default rules"),
            ("hook", "the same as the pre-commit hook lints it (--no-corpus)"),
            ("hook_warm", "the hook again, its result cached"))) + ".", ""]
    lines += ["Corpus rules, CPU µs per document (collect + finish), .txt form:", "",
              "| corpus | " + " | ".join(sorted({c for costs in corpus_costs.values() for c in costs})) + " |",
              "|---|" + "---:|" * len({c for costs in corpus_costs.values() for c in costs})]
    codes = sorted({c for costs in corpus_costs.values() for c in costs})
    for size, costs in corpus_costs.items():
        lines.append(f"| {size} | " + " | ".join(f"{costs.get(c, 0):.0f}" for c in codes) + " |")
    lines += ["", "CPU µs per document by family (1x, .txt, from --timings):", "",
              "| " + " | ".join(sorted(families)) + " |", "|" + "---:|" * len(families),
              "| " + " | ".join(f"{families[f]:.0f}" for f in sorted(families)) + " |", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16", help="multiples of 10,000 documents (default 1,4,16)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool, below 16x (default 3)")
    parser.add_argument("--work", default=os.path.join(HERE, ".work"), help="where the corpora are built")
    args = parser.parse_args()
    if not os.path.isdir(SHARED):
        print(f"{SHARED} is absent: the benchmark builds its corpora from it", file=sys.stderr)
        return 2
    for name in ("codespell", "typos"):
        if tool(name) is None:
            print(f"{name} is not installed: pip install {name}", file=sys.stderr)
            return 2
    headlines, paragraphs = load_sources()
    results, corpus_costs = {}, {}
    families = {}
    for size in (int(s) for s in args.sizes.split(",")):
        work = os.path.join(args.work, f"{size}x")
        shutil.rmtree(work, ignore_errors=True)
        corpus = build_corpus(work, BASE_DOCUMENTS * size, headlines, paragraphs)
        repeat = 1 if size >= 16 else args.repeat
        label = f"{size}x ({corpus['documents']:,} docs)"
        print(f"{label}: {corpus['bytes'] / 1e6:.0f} MB", file=sys.stderr)
        results[(label, "txt")] = measure(corpus["txt"], corpus["bytes"] / 1e6, corpus["documents"], repeat, work)
        results[(label, "jsonl")] = measure(corpus["jsonl"], corpus["jsonl_bytes"] / 1e6, corpus["documents"],
                                            repeat, work)
        corpus_costs[label] = corpus_rule_costs(corpus["txt"])
        if size == 1:
            families = family_costs(corpus["txt"])
    report = table(results, startup(args.work), corpus_costs, families, args.repeat)
    print(report)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    name = f"{dt.date.today().isoformat()}-{platform.node() or 'machine'}.md"
    with open(os.path.join(HERE, "results", name), "w", encoding="utf-8") as fh:
        fh.write(report)
    print(f"saved bench/results/{name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
