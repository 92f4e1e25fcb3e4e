"""The generalisation harness: plant defects into real text and measure what corpuslint finds.

    python bench/generalise/run.py                    # every family, both vocabulary halves
    python bench/generalise/run.py --family B --misses 5

It reads ~1,000 BBC articles (one ``.txt`` each) and ~300 Reuters-21578
records (written back as one JSONL file) from ``../shared/corpora``, leaves
30% of the documents clean, and plants one defect of one kind (``kinds.py``)
into each of the others, drawing words from one half of the vocabularies
(``vocabulary.py``). It runs corpuslint (``--format json``, the selected
families' codes) on the unplanted corpus and on the planted corpus of each
half, and prints a markdown table per family and per kind.

**The unseen half is for measuring only: never tune a rule on it.** A leak
check says whether any unseen item occurs in a rule's YAML file and marks
the table when one does.

Definitions (one run per half, compared with the unplanted run):

- A finding is **new** when the unplanted run has no finding with the same
  document, code and snippet (the source text the finding points at), counted
  with multiplicity. A document whose text was copied from another (a
  duplicate) also inherits that document's unplanted findings.
- A planted defect is **detected** when a new finding matches it: its code is
  accepted by the kind (the kind's family letter, or a code the kind lists)
  and its location is on one of the kind's targets (see ``kinds.py``).
- **recall** of a kind or family = detected plants / plants.
- **precision** of a family = new findings of the family's codes that match a
  plant / new findings of the family's codes (all documents, clean ones
  included). For ``wire``, the family's codes are B004.
- **precision** of a kind = new findings that match a plant of the kind /
  those plus the new findings of codes the kind accepts that match no plant
  in the documents planted with the kind.
- **unplanted** = findings of the family's codes on the unplanted corpus:
  the false-alarm pressure on real text.

Deterministic for a seed. Needs corpuslint installed and ``wordfreq``.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPORA = os.path.normpath(os.path.join(REPO, "..", "shared", "corpora"))
sys.path.insert(0, HERE)

import kinds as K  # noqa: E402
import vocabulary as V  # noqa: E402

RECORDS_FILE = "reuters.jsonl"
#: Planted documents are judged one by one, so the rules that say once what nearly every
#: document of a corpus has (corpus-relative, see lint/noise.py) list each document here.
CONFIG = ("fields:\n  title: title\n  text: text\n  date: date\n"
          "rules:\n" + "".join(f"  {code}:\n    corpus-relative: false\n" for code in ("D001", "D005", "Q002")))


# --- the corpus ------------------------------------------------------------------------------


def load_bbc(count, rng):
    """``count`` BBC articles chosen at random, in path order."""
    root = os.path.join(CORPORA, "bbc")
    paths = sorted(os.path.relpath(os.path.join(d, f), CORPORA) for d, _, files in os.walk(root)
                   for f in files if f.endswith(".txt"))
    articles, titles, bodies = [], set(), set()
    for rel in paths:
        with open(os.path.join(CORPORA, rel), "rb") as handle:
            raw = handle.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        lines = [line.strip() for line in text.splitlines()]
        paragraphs = tuple(line for line in lines[1:] if line)
        if lines and lines[0] and len(paragraphs) >= 2 and lines[0] not in titles and paragraphs not in bodies:
            titles.add(lines[0])  # the BBC set repeats some stories: keep the first of each
            bodies.add(paragraphs)
            articles.append(K.Article(rel.replace(os.sep, "/"), "text", lines[0], paragraphs))
    chosen = set(rng.sample(range(len(articles)), min(count, len(articles))))
    spare = [art.title for i, art in enumerate(articles) if i not in chosen]
    return [art for i, art in enumerate(articles) if i in chosen], spare


def load_reuters(count, rng):
    """``count`` Reuters records with a title, a date, a dateline and 80 words or more."""
    candidates = []
    with open(os.path.join(CORPORA, "reuters21578.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record.get("text") or ""
            if record.get("title") and record.get("date") and record.get("dateline") and len(text.split()) >= 80:
                candidates.append(record)
    chosen = sorted(rng.sample(range(len(candidates)), min(count, len(candidates))))
    articles = []
    for index in chosen:
        record = candidates[index]
        paragraphs = tuple(record["text"].strip("\n").split("\n    "))
        articles.append(K.Article(record["id"], "jsonl", record["title"], paragraphs, sep="\n    ",
                                  date=record["date"], dateline=record["dateline"].strip()))
    return articles


def render_text(art):
    """The file's text and the lines (1-based) of its title and of each paragraph."""
    lines, parts = [], {}
    if art.title is not None:
        parts["title"] = {1}
        lines += [art.title, ""]
    for index, paragraph in enumerate(art.paragraphs):
        own = paragraph.split("\n")
        parts[index] = set(range(len(lines) + 1, len(lines) + 1 + len(own)))
        lines += own + [""]
    text = "\n".join(lines[:-1]) + "\n"
    if "title" not in parts:
        parts["title"] = {1}
    return text.replace("\n", art.newline), parts


def render_record(art):
    return json.dumps({"id": art.name, "date": art.date, "title": art.title, "dateline": art.dateline,
                       "text": art.body}, ensure_ascii=False)


@dataclass
class Written:
    """Where each article went: text files by path, records by line of the JSONL file."""

    files: dict      # path -> list of its lines (for snippets)
    text_parts: dict  # article name -> {part: lines}
    record_line: dict  # article name -> line
    by_location: dict  # path or (path, line) -> article name


def write_corpus(folder, articles):
    os.makedirs(folder, exist_ok=True)
    written = Written({}, {}, {}, {})
    records = []
    for art in articles:
        if art.format == "jsonl":
            records.append(art)
            continue
        text, parts = render_text(art)
        path = os.path.join(folder, art.name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        written.files[art.name] = text.split("\n")
        written.text_parts[art.name] = parts
        written.by_location[art.name] = art.name
    lines = [render_record(art) for art in records]
    with open(os.path.join(folder, RECORDS_FILE), "w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
    written.files[RECORDS_FILE] = lines
    for number, art in enumerate(records, 1):
        written.record_line[art.name] = number
        written.by_location[(RECORDS_FILE, number)] = art.name
    return written


# --- planting --------------------------------------------------------------------------------


@dataclass
class Plant:
    kind: K.Kind
    article: str
    targets: list
    before: K.Article
    after: K.Article
    detected: bool = False


def plant_corpus(articles, clean, kinds, half, seed, sources, spare_titles):
    """The planted articles and the plants, one per document outside ``clean``, kinds in turn."""
    ctx = K.Context(half, lambda name, h: list(V.items(name, h)), sources, spare_titles, dt.date.today())
    order = random.Random(f"{seed}:assign:{half}")
    queue = [art for art in articles if art.name not in clean]
    order.shuffle(queue)
    used, plants, planted, made = set(), {}, {}, collections.Counter()
    active = list(kinds)
    while active and len(used) < len(queue):
        for kind in list(active):
            if not _plant_one(kind, queue, used, plants, planted, made, ctx, seed, half):
                active.remove(kind)
    final = [planted.get(art.name, art) for art in articles]
    return final, plants


def _plant_one(kind, queue, used, plants, planted, made, ctx, seed, half, tries=150):
    for art in queue:
        if art.name in used or art.format not in kind.formats:
            continue
        tries -= 1
        if tries < 0:
            return False
        ctx.nth = made[kind.key]
        result = kind.plant(art, random.Random(f"{seed}:{half}:{kind.key}:{art.name}"), ctx)
        if result:
            new, targets = result
            used.add(art.name)
            planted[art.name] = new
            plants[art.name] = Plant(kind, art.name, targets, art, new)
            made[kind.key] += 1
            return True
    return False


# --- running corpuslint ----------------------------------------------------------------------


def known_codes():
    out = subprocess.run([sys.executable, "-m", "corpuslint", "rules", "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return {rule["code"] for rule in json.loads(out)}


def selection(kinds, codes):
    """The --select list: the families' letters, and the other codes the kinds accept that exist."""
    chosen = {k.family for k in kinds if len(k.family) == 1}
    chosen |= {code for k in kinds for code in k.codes if code in codes and code[0] not in chosen}
    return ",".join(sorted(chosen))


def lint(folder, select, config):
    started = time.monotonic()
    command = [sys.executable, "-m", "corpuslint", "--no-cache", "--no-progress", "--format", "json",
               "--exit-zero", "--config", config, "--select", select, "bbc", RECORDS_FILE]
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"corpuslint failed ({proc.returncode}): {proc.stderr.strip()[:2000]}")
    return json.loads(proc.stdout or "[]"), time.monotonic() - started


# --- scoring ---------------------------------------------------------------------------------


def article_of(finding, written):
    path = finding["path"].replace(os.sep, "/")
    if path.endswith(RECORDS_FILE):
        return written.by_location.get((RECORDS_FILE, finding["line"]))
    return written.by_location.get(path)


def snippet(finding, written):
    path = finding["path"].replace(os.sep, "/")
    lines = written.files.get(RECORDS_FILE if path.endswith(RECORDS_FILE) else path, [])
    if not 1 <= finding["line"] <= len(lines):
        return ""
    line = lines[finding["line"] - 1]
    end = finding.get("end_column") if finding.get("end_line") == finding["line"] else None
    return line[finding["column"] - 1:(end - 1) if end else None].rstrip("\r")


def on_target(finding, name, target, written):
    """Whether ``finding`` (on article ``name``) lies on ``target``."""
    if name in written.record_line:
        field = {"title": "title", "date": None, "doc": None}.get(target.part, "text")
        return field is None or finding.get("field") in (None, field)
    if target.part == "doc":
        return True
    return finding["line"] in written.text_parts[name].get(target.part, ())


def matches(finding, plants_on, written):
    """The plants that ``finding`` detects."""
    name = article_of(finding, written)
    return [plant for plant, target in plants_on.get(name, ())
            if plant.kind.accepts(finding["code"]) and on_target(finding, name, target, written)]


def new_findings(planted, clean, plants, written_planted, written_clean, plants_on):
    """The planted run's findings that the unplanted run does not have, each with the plants it detects.

    A planted-run finding is old when an unplanted-run finding of the same document and code has the
    same snippet, or else (a document-level finding whose anchor line changed) the same message with
    its numbers masked, or else, when it detects no plant, when an unplanted finding of the same
    document and code is left over (the plant moved it: a replaced paragraph held the first of several
    relative dates). Each unplanted finding absorbs one planted finding; findings that detect no plant
    are absorbed first.
    """
    before = collections.defaultdict(list)
    for finding in clean:
        name = article_of(finding, written_clean)
        before[name].append((finding["code"], snippet(finding, written_clean), _mask(finding["message"])))
    for plant in plants.values():  # a copy inherits its source's findings
        for source in {t.doc for t in plant.targets if t.doc}:
            before[plant.article] = before[plant.article] + before.get(source, [])
    exact, loose = collections.Counter(), collections.Counter()
    for name, found in before.items():
        for code, text, message in found:
            exact[(name, code, text)] += 1
            loose[(name, code, message)] += 1
    pairs = [(finding, article_of(finding, written_planted), matches(finding, plants_on, written_planted))
             for finding in planted]
    pairs.sort(key=lambda pair: bool(pair[2]))
    pending = []
    for finding, name, hits in pairs:
        key = (name, finding["code"], snippet(finding, written_planted))
        if exact[key]:
            exact[key] -= 1
            loose[(name, finding["code"], _mask(finding["message"]))] -= 1
        else:
            pending.append((finding, name, hits))
    moved = collections.Counter()
    for key, count in loose.items():
        moved[key[:2]] += max(0, count)
    new = []
    for finding, name, hits in pending:
        key = (name, finding["code"], _mask(finding["message"]))
        if loose[key] > 0:
            loose[key] -= 1
            moved[key[:2]] -= 1
        elif not hits and moved[key[:2]] > 0:
            moved[key[:2]] -= 1  # the same rule's finding, moved by a plant in the same document
        else:
            new.append((finding, hits))
    return new


def _mask(message):
    return re.sub(r"\d+", "#", message)


def family_codes(family):
    return lambda code: code in K.FAMILY_CODES[family] if family in K.FAMILY_CODES else code.startswith(family)


@dataclass
class Score:
    planted: int = 0
    detected: int = 0
    matched: int = 0
    findings: int = 0

    @property
    def recall(self):
        return self.detected / self.planted if self.planted else None

    @property
    def precision(self):
        return self.matched / self.findings if self.findings else None


def score(plants, new, families, written):
    """Per-kind and per-family scores, and the false findings per kind and family (for --misses)."""
    kinds, fams = collections.defaultdict(Score), collections.defaultdict(Score)
    falses = collections.defaultdict(list)
    for plant in plants.values():
        kinds[plant.kind.key].planted += 1
        fams[plant.kind.family].planted += 1
    for finding, hits in new:
        for plant in hits:
            plant.detected = True
        for hit_kind in {plant.kind.key for plant in hits}:
            kinds[hit_kind].matched += 1
            kinds[hit_kind].findings += 1
        own = plants.get(article_of(finding, written))
        if not hits and own and own.kind.accepts(finding["code"]):
            kinds[own.kind.key].findings += 1
            falses[own.kind.key].append(finding)
        for family in families:
            if family_codes(family)(finding["code"]):
                fams[family].findings += 1
                fams[family].matched += bool(hits)
                if not hits:
                    falses[family].append(finding)
    for plant in plants.values():
        kinds[plant.kind.key].detected += plant.detected
        fams[plant.kind.family].detected += plant.detected
    return kinds, fams, falses


# --- output ----------------------------------------------------------------------------------


def fmt(value):
    return "-" if value is None else f"{value:.2f}"


def print_tables(results, kinds, families, unplanted, halves):
    heads = [f"{h} {col}" for h in halves for col in ("n", "recall", "precision")]
    print("| family | kind | " + " | ".join(heads) + " | unplanted |")
    print("|---|---|" + "---|" * len(heads) + "---|")
    total = {h: Score() for h in halves}
    for family in families:
        cells = []
        for h in halves:
            s = results[h]["families"][family]
            cells += [str(s.planted), fmt(s.recall), fmt(s.precision)]
            for attr in ("planted", "detected", "matched", "findings"):
                setattr(total[h], attr, getattr(total[h], attr) + getattr(s, attr))
        print(f"| **{family}** | all | " + " | ".join(cells) + f" | {unplanted[family]} |")
        for k in (k for k in kinds if k.family == family):
            cells = []
            for h in halves:
                s = results[h]["kinds"][k.key]
                cells += [str(s.planted), fmt(s.recall), fmt(s.precision)]
            print(f"| {family} | {k.name} | " + " | ".join(cells) + " | |")
    cells = [c for h in halves for c in (str(total[h].planted), fmt(total[h].recall), fmt(total[h].precision))]
    print("| **all** | | " + " | ".join(cells) + f" | {sum(unplanted.values())} |")


def line_of(finding, written):
    path = finding["path"].replace(os.sep, "/")
    lines = written.files.get(RECORDS_FILE if path.endswith(RECORDS_FILE) else path, [])
    text = lines[finding["line"] - 1] if 1 <= finding["line"] <= len(lines) else ""
    if path.endswith(RECORDS_FILE):
        text = text[max(0, finding["column"] - 60):finding["column"] + 100]
    return text.rstrip("\r")[:160]


def planted_text(plant, width=70):
    """The planted change in context: the first stretch where the article's text differs."""
    before, after = _flat(plant.before), _flat(plant.after)
    start = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    tail = 0
    while tail < min(len(before), len(after)) - start and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return after[max(0, start - width):len(after) - tail + width]


def _flat(art):
    return "\n".join([repr(art.date), repr(art.title), art.sep.join(art.paragraphs).replace("\n", art.newline)])


def print_misses(half, plants, falses, new, written, count, kinds, families):
    print(f"\n### Misses and false findings, {half} half (at most {count} each)\n")
    by_article = collections.defaultdict(list)
    for finding, _ in new:
        by_article[article_of(finding, written)].append(finding["code"])
    for k in kinds:
        missed = [p for p in plants.values() if p.kind is k and not p.detected][:count]
        for plant in missed:
            codes = ",".join(sorted(set(by_article.get(plant.article, ())))) or "nothing new"
            print(f"- MISS {k.family}/{k.name} {plant.article} (found: {codes}): {planted_text(plant)!r}")
        for finding in falses.get(k.key, [])[:count]:
            print(f"- FALSE {k.family}/{k.name} {finding['path']}:{finding['line']}:{finding['column']} "
                  f"{finding['code']} {finding['message'][:140]!r} in {line_of(finding, written)!r}")
    for family in families:
        for finding in falses.get(family, [])[:count]:
            print(f"- FALSE {family} {finding['path']}:{finding['line']}:{finding['column']} {finding['code']} "
                  f"{finding['message'][:140]!r} in {line_of(finding, written)!r}")


# --- main ------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", action="append", choices=K.FAMILIES,
                        help="only the kinds of this family (repeatable; default: all)")
    parser.add_argument("--docs", type=int, default=1300, help="documents: 10 BBC articles to 3 records (1300)")
    parser.add_argument("--seed", type=int, default=12, help="random seed (12)")
    parser.add_argument("--half", choices=("unseen", "seen", "both"), default="both",
                        help="which vocabulary half to plant from (both)")
    parser.add_argument("--clean", type=float, default=0.3, help="share of documents left clean (0.3)")
    parser.add_argument("--keep", metavar="DIR", help="keep the corpora (and plants.json) in DIR")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="print N missed plants and N false findings per kind and family")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if not os.path.isdir(os.path.join(CORPORA, "bbc")) or not os.path.isfile(
            os.path.join(CORPORA, "reuters21578.jsonl")):
        print(f"skipped: {CORPORA} (bbc/ and reuters21578.jsonl) is absent", file=sys.stderr)
        return 0
    families = tuple(f for f in K.FAMILIES if not args.family or f in args.family)
    kinds = [k for k in K.KINDS if k.family in families]
    halves = ("unseen", "seen") if args.half == "both" else (args.half,)
    corpus = Corpus(args.docs, args.clean, args.seed)
    select = selection(kinds, known_codes())
    work = tempfile.mkdtemp(prefix="corpuslint-generalise-")
    try:
        config = os.path.join(work, "corpuslint.yaml")
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(CONFIG)
        written_clean = write_corpus(os.path.join(work, "unplanted"), corpus.articles)
        clean_findings, seconds = lint(os.path.join(work, "unplanted"), select, config)
        status(f"unplanted: {len(corpus.articles)} documents, {len(clean_findings)} findings ({seconds:.1f} s); "
               f"--select {select}")
        unplanted = {f: sum(family_codes(f)(x["code"]) for x in clean_findings) for f in families}
        results = {half: run_half(half, args, corpus, kinds, families, work, select, config,
                                  (clean_findings, written_clean)) for half in halves}
        if args.keep:
            shutil.copytree(os.path.join(work, "unplanted"), os.path.join(args.keep, "unplanted"), dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(args, corpus, results, kinds, families, unplanted, halves)
    return 0


class Corpus:
    """The unplanted articles (BBC files, then Reuters records), which of them stay clean, and the
    clean ones by format (the sources of duplicates)."""

    def __init__(self, docs, clean_share, seed):
        rng = random.Random(seed)
        bbc, self.spare_titles = load_bbc(round(docs * 10 / 13), rng)
        self.articles = bbc + load_reuters(round(docs * 3 / 13), rng)
        self.clean = {art.name for art in rng.sample(self.articles, round(len(self.articles) * clean_share))}
        self.sources = collections.defaultdict(list)
        for art in self.articles:
            if art.name in self.clean:
                self.sources[art.format].append(art)


def run_half(half, args, corpus, kinds, families, work, select, config, unplanted_run):
    """Plant from one vocabulary half, lint, and score against the unplanted run."""
    clean_findings, written_clean = unplanted_run
    final, plants = plant_corpus(corpus.articles, corpus.clean, kinds, half, args.seed, corpus.sources,
                                 corpus.spare_titles)
    written = write_corpus(os.path.join(work, half), final)
    findings, seconds = lint(os.path.join(work, half), select, config)
    plants_on = collections.defaultdict(list)
    for plant in plants.values():
        for target in plant.targets:
            plants_on[target.doc or plant.article].append((plant, target))
    new = new_findings(findings, clean_findings, plants, written, written_clean, plants_on)
    kind_scores, family_scores, falses = score(plants, new, families, written)
    status(f"{half}: {len(plants)} planted in {len(final)} documents, {len(findings)} findings, "
           f"{len(new)} new ({seconds:.1f} s)")
    if args.misses:
        print_misses(half, plants, falses, new, written, args.misses, kinds, families)
    if args.keep:
        keep(args.keep, work, half, plants)
    return {"kinds": kind_scores, "families": family_scores}


def report(args, corpus, results, kinds, families, unplanted, halves):
    leaks = V.leak_check(os.path.join(REPO, "rules"))
    print(f"\n## Planted-defect recall and precision (seed {args.seed}, {len(corpus.articles)} documents, "
          f"{len(corpus.clean)} left clean)\n")
    if leaks:
        print(f"**LEAK: {len(leaks)} unseen vocabulary item(s) occur in the rules' YAML; the unseen figures "
              "are not blind.**\n")
    print_tables(results, kinds, families, unplanted, halves)
    print("\nrecall = planted defects found by a new finding of an accepted code on the planted line(s) / "
          "planted; precision = new findings of the family's codes that match a plant / new findings of "
          "those codes; unplanted = the family's findings on the corpus before planting.")
    print("\nLeak check (unseen items in rules/**/*.yaml): " + ("none" if not leaks else ""))
    for name, probe, path in leaks:
        print(f"- {name}: {probe!r} in {path}")


def status(message):
    print(message, file=sys.stderr, flush=True)


def keep(folder, work, half, plants):
    shutil.copytree(os.path.join(work, half), os.path.join(folder, half), dirs_exist_ok=True)
    manifest = [{"article": p.article, "family": p.kind.family, "kind": p.kind.name,
                 "targets": [{"part": t.part, "doc": t.doc} for t in p.targets]} for p in plants.values()]
    with open(os.path.join(folder, half, "plants.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)


if __name__ == "__main__":
    sys.exit(main())
