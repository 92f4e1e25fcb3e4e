"""The lint run: read, check, collect, reduce, report.

1. *Map*, per file (in worker processes when ``jobs > 1``): read the file into
   documents, run every document rule on each document, and run every corpus
   rule's ``collect``. A file's result is its findings plus small keyed records.
2. *Reduce*, in the main process: records are grouped by (rule, key) in corpus
   order (see ``reduce.py``) and each group goes to the rule's ``finish``.
3. Findings are filtered (``per-file-ignores``) and sorted by path and position,
   so the output is byte-identical whatever the number of processes.

A rule that raises is isolated: its failure becomes an F900 finding naming the
rule and the document, and the run goes on.
"""
from __future__ import annotations

import fnmatch
import os
import traceback
from dataclasses import dataclass, field
from time import perf_counter, thread_time

from .chunks import split_sources
from .config import Settings
from .discover import discover, document_id
from .finding import Finding
from .readers import ReadProblem, Source, file_location, read
from .reduce import RecordStore
from .registry import Registry, Selection, build_rules
from .rule import Corpus, CorpusRule, DocumentRule

INTERNAL_ERROR = "F900"


@dataclass
class FileResult:
    findings: list = field(default_factory=list)
    #: rule code -> the keyed records its ``collect`` yielded for this file.
    stores: dict = field(default_factory=dict)
    documents: int = 0
    #: document id -> what its record's ignore field suppresses.
    suppressions: dict = field(default_factory=dict)
    #: bytes of the file (or part) read, for progress and throughput.
    size: int = 0
    #: seconds per phase and per rule (see ``Timings``), when measured.
    timings: dict = field(default_factory=dict)
    cached: bool = False


@dataclass
class Report:
    """The outcome of a run: sorted findings and what was read.

    ``rules`` are the classes of the rules that ran; ``fixed`` counts fixes
    applied before the findings were gathered; ``baseline`` says what a
    baseline hid.
    """

    findings: list[Finding]
    documents: int
    files: int
    rules: list = field(default_factory=list)
    fixed: int = 0
    baseline: object = None
    #: seconds per phase and per rule, summed over processes (with ``timings=True``).
    timings: dict = field(default_factory=dict)
    #: files (or parts) whose results came from the cache.
    cached: int = 0

    @property
    def incomplete(self) -> bool:
        """True if a rule failed somewhere (an F900 internal error)."""
        return any(f.code == INTERNAL_ERROR for f in self.findings)


class Checker:
    """The rules of one run, ready to check files (one per process)."""

    def __init__(self, settings: Settings, selection: Selection, debug: bool = False,
                 cache_dir: str | None = None, timings: bool = False):
        self.settings = settings
        self.selection = selection
        self.debug = debug
        self.measure = timings
        self.registry, rules = build_rules(settings, selection)
        if not selection.corpus:
            rules = [r for r in rules if not isinstance(r, CorpusRule)]
        self.selected = {rule.code for rule in rules}
        self.document_rules = [r for r in rules if isinstance(r, DocumentRule)]
        self.corpus_rules = [r for r in rules if isinstance(r, CorpusRule)]
        self.internal = self.registry.by_code[INTERNAL_ERROR]()
        self.cache = None
        if cache_dir is not None:
            from .cache import Cache, config_key

            self.cache = Cache(cache_dir, config_key(settings, rules))

    def rule_classes(self) -> list:
        """The classes of the rules that run, internal errors included (for SARIF)."""
        return [cls for cls in self.registry.classes if cls.code in self.selected or cls.code == INTERNAL_ERROR]

    def problem_finding(self, problem: ReadProblem) -> Finding | None:
        if problem.code not in self.selected:
            return None
        cls = self.registry.by_code[problem.code]
        return Finding(cls.code, cls.name, cls.severity, problem.message, problem.location)

    def failure(self, rule, stage: str, doc_or_location, err: BaseException) -> Finding:
        where = doc_or_location.start_location() if hasattr(doc_or_location, "start_location") \
            else doc_or_location
        detail = "".join(traceback.format_exception(err)).rstrip() if self.debug \
            else f"{type(err).__name__}: {err}"
        message = (f"rule {rule.code} ({rule.name}) failed in {stage} on document {where.document}: "
                   f"{detail}; the run is incomplete (rerun with --debug for the traceback)")
        return self.internal.finding_at(where, message)

    def check_file(self, source: Source) -> FileResult:
        """The map step for one file or part: read it, check its documents, collect records."""
        result = FileResult(size=_size(source))
        timings = result.timings if self.measure else None
        try:
            items = read(source, self.settings.fields, self.settings.max_document_bytes)
            while True:
                started = thread_time()
                item = next(items, None)
                _charge(timings, "read", started)
                if item is None:
                    break
                if isinstance(item, ReadProblem):
                    finding = self.problem_finding(item)
                    if finding is not None:
                        result.findings.append(finding)
                    continue
                result.documents += 1
                if item.suppressed:
                    result.suppressions[item.id] = item.suppressed
                self.check_document(item, result, timings)
        except Exception as err:  # a reader bug: report it, keep the rest of the corpus
            detail = "".join(traceback.format_exception(err)).rstrip() if self.debug \
                else f"{type(err).__name__}: {err}"
            result.findings.append(self.internal.finding_at(
                file_location(source), f"reading this file failed: {detail}; the run is incomplete"))
        return result

    def document_findings(self, doc, timings: dict | None = None) -> list[Finding]:
        """The document rules' findings on ``doc`` (failures become F900 findings)."""
        findings = []
        for rule in self.document_rules:
            started = thread_time() if timings is not None else 0.0
            try:
                findings.extend(rule.check(doc))
            except Exception as err:
                findings.append(self.failure(rule, "check", doc, err))
            _charge(timings, f"check {rule.code}", started)
        return findings

    def check_document(self, doc, result: FileResult, timings: dict | None = None) -> None:
        result.findings.extend(self.document_findings(doc, timings))
        for rule in self.corpus_rules:
            store = result.stores.get(rule.code)
            if store is None:
                store = result.stores[rule.code] = RecordStore()
            started = thread_time() if timings is not None else 0.0
            try:
                for key, record in rule.collect(doc):
                    store.add(key, record)
            except Exception as err:
                result.findings.append(self.failure(rule, "collect", doc, err))
            _charge(timings, f"collect {rule.code}", started)

    def reduce(self, stores: dict, corpus: Corpus, timings: dict | None = None) -> list[Finding]:
        findings = []
        for rule in self.corpus_rules:
            store = stores.get(rule.code)
            if store is None:
                continue
            started = thread_time()
            for key, records in store.groups(rule.min_records):
                try:
                    findings.extend(rule.finish(key, records, corpus))
                except Exception as err:
                    location = _record_location(records)
                    findings.append(self.failure(rule, "finish", location, err))
            if timings is not None:
                timings[f"finish {rule.code}"] = thread_time() - started
        return findings


def _charge(timings: dict | None, key: str, started: float) -> None:
    """Add the CPU time since ``started`` to ``timings[key]`` (when timings are measured)."""
    if timings is not None:
        timings[key] = timings.get(key, 0.0) + thread_time() - started


def _size(source: Source) -> int:
    if source.end is not None:
        return source.end - source.start
    try:
        return os.path.getsize(source.path) - source.start
    except OSError:
        return 0


def _record_location(records):
    for record in records:
        for value in (record if isinstance(record, tuple) else (record,)):
            if hasattr(value, "document") and hasattr(value, "line"):
                return value
    from .finding import Location
    return Location("<corpus>", "<corpus>", None, 1, 1, 1, 1)


_CHECKER: Checker | None = None


def _init_worker(settings: Settings, selection: Selection, debug: bool, timings: bool) -> None:
    """Set up a worker process; Ctrl-C is the main process's to handle."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = Checker(settings, selection, debug, timings=timings)  # the cache is the main process's


def _check_in_worker(source: Source) -> FileResult:
    return _CHECKER.check_file(source)


def _results(checker: Checker, sources: list[Source], jobs: int):
    """File results in source order: from the cache, from this process, or from a pool of workers."""
    cache = checker.cache
    if cache is None:
        yield from _computed(checker, sources, jobs)
        return
    cache.load()
    cached = [cache.lookup(source) for source in sources]
    missing = [source for source, hit in zip(sources, cached) if hit is None]
    computed = _computed(checker, missing, min(jobs, len(missing)))
    for source, hit in zip(sources, cached):
        if hit is not None:  # unpickled one at a time: the whole corpus's results would take gigabytes
            result = cache.restore(hit)
            result.cached = True
            yield result
            continue
        result = next(computed)
        if not any(f.code == INTERNAL_ERROR for f in result.findings):
            timings, result.timings = result.timings, {}
            cache.put(source, result)
            result.timings = timings
        yield result
    cache.save()


def _computed(checker: Checker, sources: list[Source], jobs: int):
    """File results in source order, from this process or a pool of workers."""
    if jobs <= 1 or len(sources) < 2:
        for source in sources:
            yield checker.check_file(source)
        return
    import multiprocessing

    global _CHECKER
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _CHECKER = checker  # inherited by forked workers; spawned ones build their own
    try:
        with context.Pool(jobs, _init_worker, (checker.settings, checker.selection, checker.debug,
                                               checker.measure)) as pool:
            chunk = max(1, min(64, len(sources) // (jobs * 8)))
            yield from pool.imap(_check_in_worker, sources, chunksize=chunk)
    finally:
        _CHECKER = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(paths: list[str], settings: Settings, selection: Selection | None = None,
        jobs: int | None = None, debug: bool = False, checker: Checker | None = None,
        progress=None) -> Report:
    """Lint ``paths`` and return the sorted findings.

    ``checker`` carries the rules (and the cache and timing choices) when the
    caller built them already; ``progress`` (a :class:`~corpuslint.progress.Progress`)
    is told the total size, then each file's result.
    """
    selection = selection or Selection()
    checker = checker or Checker(settings, selection, debug)
    timings = {} if checker.measure else None
    started = perf_counter()
    found, problems = discover(paths or settings.paths or ["."], settings)
    sources = split_sources(found)
    findings = [f for f in map(checker.problem_finding, problems) if f is not None]
    stores: dict[str, RecordStore] = {}
    suppressions: dict = {}
    documents = cached = 0
    jobs = jobs or settings.jobs or default_jobs()
    if progress is not None:
        progress.start(sum(_size(s) for s in sources), len(found))
    for result in _results(checker, sources, min(jobs, len(sources))):
        findings.extend(result.findings)
        documents += result.documents
        cached += result.cached
        suppressions.update(result.suppressions)
        for code, part in result.stores.items():
            stores.setdefault(code, RecordStore()).extend(part)
        if timings is not None:
            for key, seconds in result.timings.items():
                timings[key] = timings.get(key, 0.0) + seconds
        if progress is not None:
            progress.update(result)
    if progress is not None:
        progress.close()
    if timings is not None:
        timings["wall map"] = perf_counter() - started
        started = perf_counter()
    findings.extend(checker.reduce(stores, Corpus(documents, len(found)), timings))
    findings = [f for f in findings if not suppressed(f, settings, suppressions)]
    findings.sort(key=Finding.sort_key)
    if timings is not None:
        timings["wall reduce"] = perf_counter() - started
    return Report(findings, documents, len(found), checker.rule_classes(), timings=timings or {},
                  cached=cached)


def selected_by(finding: Finding, selectors) -> bool:
    """True if any of ``selectors`` (codes, prefixes, names, ALL) names ``finding``'s rule."""
    for selector in selectors:
        s = selector.strip().upper()
        if s == "ALL" or (s and finding.code.startswith(s)) or selector.strip().lower() == finding.name:
            return True
    return False


def suppressed(finding: Finding, settings: Settings, suppressions: dict | None = None) -> bool:
    """True if ``per-file-ignores`` or the record's ignore field suppresses ``finding``.

    Internal errors (F900) are never suppressed: they say the run is incomplete.
    """
    if finding.code == INTERNAL_ERROR:
        return False
    if suppressions and finding.location.document in suppressions \
            and selected_by(finding, suppressions[finding.location.document]):
        return True
    if not settings.per_file_ignores:
        return False
    path = finding.location.path
    rel = document_id(path, os.path.abspath(settings.root))
    name = os.path.basename(path)
    for pattern, selectors in settings.per_file_ignores.items():
        target = rel if "/" in pattern else name
        if (fnmatch.fnmatchcase(target, pattern) or fnmatch.fnmatchcase(rel, pattern)) \
                and selected_by(finding, selectors):
            return True
    return False
