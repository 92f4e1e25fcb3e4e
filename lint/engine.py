"""The lint run: read, check, collect, reduce, report.

1. *Map*, per file (in worker processes when ``jobs > 1``): read the file into
   documents, run every document rule on each document, and run every corpus
   rule's ``collect``. A file's result is its findings plus small keyed records.
2. *Reduce*, in the main process: records are grouped by (rule, key) in corpus
   order (see ``reduce.py``) and each group goes to the rule's ``finish``.
3. Findings are filtered (``per-file-ignores``), a rule's findings that nearly
   every document has are said once for the corpus (``noise.py``), and the
   findings are sorted by path and position, so the output is byte-identical
   whatever the number of processes.

A rule that raises, yields something that is not a finding, or runs past its
time budget (``rule-timeout``, see ``budget.py``) is isolated: its failure
becomes an F900 finding naming the rule and the document, and the run goes
on. A worker process that dies or hangs costs the file it was checking
(``workers.py``). One rule reports at most ``max-findings-per-rule``
findings on one document, then one finding that counts the rest.
"""
from __future__ import annotations

import fnmatch
import os
import traceback
from dataclasses import dataclass, field
from time import perf_counter, thread_time

from .budget import IDLE, READING, Heartbeat, Overtime, time_limit
from .chunks import split_sources
from .config import Settings
from .discover import Discovery, document_id, skipped_summary, special_kind, survey
from .finding import Finding, Location
from .noise import summarise
from .readers import ReadProblem, Source, file_location, read
from .readers.codes import INTERNAL_ERROR, UNREADABLE
from .reduce import TRIM_AFTER_BYTES, RecordStore, release_free_memory
from .registry import Selection, build_rules
from .rule import Corpus, CorpusRule, DocumentRule


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
    #: what the folders held that was not linted, and why (see ``discover.Skipped``).
    skipped: list = field(default_factory=list)
    #: the paths that were linted, as given.
    paths: list = field(default_factory=list)
    #: display path -> the file that holds its text, where they differ (standard input).
    texts: dict = field(default_factory=dict)

    @property
    def incomplete(self) -> bool:
        """True if a rule failed somewhere (an F900 internal error)."""
        return any(f.code == INTERNAL_ERROR for f in self.findings)

    @property
    def skipped_count(self) -> int:
        """Files and folders skipped in the linted folders, tool folders (``.git``...) aside."""
        return sum(skip.counted for skip in self.skipped)

    @property
    def nothing_read(self) -> bool:
        """True if not one document was read: a run that checked nothing (exit code 2)."""
        return self.documents == 0

    def nothing_read_reason(self) -> str:
        """Why nothing was read, in one line: ``nothing to lint in pdfs/: 12 files skipped:
        .pdf is not included (see --show-files)``."""
        skipped = skipped_summary(self.skipped)
        if self.files:
            what = f"0 documents in {self.files} file{'s' if self.files != 1 else ''}"
            what += f"; {skipped}" if skipped else ""
        else:
            what = skipped or "no files"
        hint = " (see --show-files)" if skipped else ""
        return f"nothing to lint in {shown_paths(self.paths)}: {what}{hint}"


def shown_paths(paths: list[str], limit: int = 3) -> str:
    """``a, b and c``, or ``a, b, c and 4 more paths``, for messages."""
    paths = list(paths) or ["."]
    if len(paths) > limit:
        return f"{', '.join(paths[:limit])} and {len(paths) - limit} more paths"
    return paths[0] if len(paths) == 1 else f"{', '.join(paths[:-1])} and {paths[-1]}"


class Checker:
    """The rules of one run, ready to check files (one per process)."""

    def __init__(self, settings: Settings, selection: Selection, debug: bool = False,
                 cache_dir: str | None = None, timings: bool = False):
        self.settings = settings
        self.selection = selection
        self.debug = debug
        self.measure = timings
        self.registry, rules = build_rules(settings, selection)
        if not selection.corpus:  # only rules whose findings hold on a part of the corpus
            rules = [r for r in rules if not (isinstance(r, CorpusRule) and r.whole_corpus)]
        self.selected = {rule.code for rule in rules}
        self.document_rules = [r for r in rules if isinstance(r, DocumentRule)]
        self.corpus_rules = [r for r in rules if isinstance(r, CorpusRule)]
        #: heartbeat step -> rule: the document rules, then the corpus rules.
        self.steps = self.document_rules + self.corpus_rules
        self.internal = self.registry.by_code[INTERNAL_ERROR]()
        self.budget = settings.rule_timeout
        self.cap = settings.max_findings_per_rule
        self.heartbeat = Heartbeat()
        self.cache = None
        if cache_dir is not None:
            # Imported when used (cache 18 ms, workers 5 ms): the command line imports this
            # module before it parses its arguments, for --version too.
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
        if isinstance(err, Overtime):
            detail = f"it ran for more than {self.budget:g} s (rule-timeout) and was stopped"
        elif isinstance(err, SystemExit):
            detail = f"it called sys.exit({err.code!r})"
        else:
            detail = f"{type(err).__name__}: {err}"
        if self.debug:  # where it failed, or where it was when it was stopped
            detail += "\n" + "".join(traceback.format_exception(err)).rstrip()
        message = (f"rule {rule.code} ({rule.name}) failed in {stage} on document {where.document}: "
                   f"{detail}; the run is incomplete (rerun with --debug for the traceback)")
        return self.internal.finding_at(where, message)

    def check_file(self, source: Source) -> FileResult:
        """The map step for one file or part: read it, check its documents, collect records."""
        result = FileResult(size=_size(source))
        timings = result.timings if self.measure else None
        beat = self.heartbeat
        line = source.first_line
        try:
            special = None if source.named else _special_kind(source.path)
            if special is not None:
                finding = self.problem_finding(ReadProblem(
                    UNREADABLE, file_location(source), f"not linted: {special}, not a regular file"))
                result.findings.extend([finding] if finding is not None else [])
                return result
            items = read(source, self.settings.fields, self.settings.max_document_bytes, self.settings.columns)
            while True:
                started = thread_time()
                beat.begin(READING, line)
                try:
                    item = next(items, None)
                finally:
                    beat.cells[0] = IDLE  # not a call: see _run_step
                _charge(timings, "read", started)
                if item is None:
                    break
                if isinstance(item, ReadProblem):
                    finding = self.problem_finding(item)
                    if finding is not None:
                        result.findings.append(finding)
                    continue
                line = item.line
                result.documents += 1
                if item.suppressed:
                    result.suppressions[item.id] = item.suppressed
                self.check_document(item, result, timings)
        except Overtime:
            result.findings.append(self.internal.finding_at(
                file_location(source, line),
                f"reading this file took more than {self.budget:g} s for one document (rule-timeout) "
                f"and was stopped; what follows line {line} was not checked; the run is incomplete"))
        except Exception as err:  # a reader bug: report it, keep the rest of the corpus
            detail = "".join(traceback.format_exception(err)).rstrip() if self.debug \
                else f"{type(err).__name__}: {err}"
            result.findings.append(self.internal.finding_at(
                file_location(source), f"reading this file failed: {detail}; the run is incomplete"))
        return result

    def lost_file(self, source: Source, what: str, line: int) -> FileResult:
        """The result of a file whose worker process died or hung (``what`` says how)."""
        finding = self.internal.finding_at(
            file_location(source, max(line, 1)),
            f"this file was not fully checked: {what}; the run is incomplete")
        return FileResult(findings=[finding], size=_size(source))

    def unsendable(self, source: Source, err: Exception) -> FileResult:
        """The result of a file whose findings or records could not be sent from a worker."""
        finding = self.internal.finding_at(
            file_location(source),
            f"the results of this file could not be sent from its worker process "
            f"({type(err).__name__}: {err}); a rule made a finding or record that cannot be "
            "pickled; the run is incomplete")
        return FileResult(findings=[finding], size=_size(source))

    def document_findings(self, doc, timings: dict | None = None, cap: int | None = None) -> list[Finding]:
        """The document rules' findings on ``doc`` (failures become F900 findings).

        With ``cap``, a rule's findings past the first ``cap`` are counted in one
        more finding instead of listed (``--fix`` wants them all).
        """
        findings = []
        beat = self.heartbeat
        for step, rule in enumerate(self.document_rules):
            started = thread_time() if timings is not None else 0.0
            error = _run_step(beat, step, doc.line, _check, rule, doc, findings, cap)
            if error is not None:
                findings.append(self.failure(rule, "check", doc, error))
            _charge(timings, f"check {rule.code}", started)
        return findings

    def check_document(self, doc, result: FileResult, timings: dict | None = None) -> None:
        result.findings.extend(self.document_findings(doc, timings, self.cap))
        beat = self.heartbeat
        first = len(self.document_rules)
        for step, rule in enumerate(self.corpus_rules, first):
            store = result.stores.get(rule.code)
            if store is None:
                store = result.stores[rule.code] = RecordStore()
            started = thread_time() if timings is not None else 0.0
            error = _run_step(beat, step, doc.line, _collect, rule, doc, store)
            if error is not None:
                result.findings.append(self.failure(rule, "collect", doc, error))
            _charge(timings, f"collect {rule.code}", started)

    def reduce(self, stores: dict, corpus: Corpus, timings: dict | None = None) -> list[Finding]:
        """The corpus rules' findings from their records; each rule's records are let go
        (taken out of ``stores``) once its groups are done, so the next rule has their memory."""
        findings = []
        beat = self.heartbeat
        first = len(self.document_rules)
        for step, rule in enumerate(self.corpus_rules, first):
            store = stores.pop(rule.code, None)
            if store is None:
                continue
            started = thread_time()
            for key, records in store.groups(rule.min_records):
                error = _run_step(beat, step, 0, _finish, rule, key, records, corpus, findings)
                if error is not None:
                    findings.append(self.failure(rule, "finish", _record_location(records), error))
            if timings is not None:
                timings[f"finish {rule.code}"] = thread_time() - started
            del store
            release_free_memory()
        return findings


def _run_step(beat: Heartbeat, step: int, line: int, work, *args) -> BaseException | None:
    """Run ``work(*args)`` as heartbeat ``step``: the error it raised (a rule's failure,
    ``sys.exit`` or :class:`Overtime`), or None.

    The timer can fire while a failure is being caught (a rule over its budget
    inside a C call that then raises): that late Overtime is the step's error
    too, never let out into the engine.
    """
    beat.begin(step, line)
    try:
        try:
            work(*args)
        except (Exception, SystemExit, Overtime) as err:
            return err
    except Overtime as late:
        return late
    finally:
        # A store, not a call: a call is where a pending timer signal runs its handler,
        # which would raise here, out of the finally, while the step still looks busy.
        beat.cells[0] = IDLE
    return None


def _check(rule, doc, out: list, cap: int | None) -> None:
    """A document rule's findings on ``doc`` into ``out`` (see :func:`_take_findings`)."""
    _take_findings(rule, rule.check(doc), out, cap)


def _finish(rule, key, records, corpus: Corpus, out: list) -> None:
    """A corpus rule's findings on one group of records into ``out``."""
    _take_findings(rule, rule.finish(key, records, corpus), out, None)


def _collect(rule, doc, store: RecordStore) -> None:
    """A corpus rule's ``(key, record)`` pairs for ``doc`` into ``store``."""
    for item in rule.collect(doc):
        if type(item) is not tuple or len(item) != 2:
            raise TypeError(f"collect yielded {_shown(item)}, not a (key, record) pair")
        store.add(*item)


def _take_findings(rule, items, out: list, cap: int | None) -> None:
    """Append the findings ``items`` yields to ``out``: at most ``cap`` of them,
    then one finding that counts the rest. Anything else than a finding is a rule bug."""
    count, first_extra = 0, None
    for finding in items:
        if not isinstance(finding, Finding):
            raise TypeError(f"it yielded {_shown(finding)}, not a Finding")
        count += 1
        if cap is None or count <= cap:
            out.append(finding)
        elif first_extra is None:
            first_extra = finding
    if first_extra is not None:
        extra = count - cap
        out.append(Finding(rule.code, rule.name, first_extra.severity,
                           f"{extra:,} more {rule.code} finding{'s' if extra != 1 else ''} in this document "
                           f"not listed (at most {cap} per rule and document: max-findings-per-rule)",
                           first_extra.location))


def _shown(value) -> str:
    text = repr(value)
    return f"a {type(value).__name__} ({text[:60] + '...' if len(text) > 60 else text})"


def _special_kind(path: str) -> str | None:
    """What a file that is not a regular file is (see :func:`special_kind`), or None for
    a regular file or one that cannot be examined (the reader reports that). Discovery
    skips such files in folders; this catches one that took a file's place since, or a
    link to one."""
    try:
        return special_kind(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


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
    return Location("<corpus>", "<corpus>", None, 1, 1, 1, 1)


def _results(checker: Checker, sources: list[Source], jobs: int):
    """File results in source order: from the cache, from this process, or from a pool of workers.

    The cache writes each result as it comes; a run that stops early keeps what it finished.
    """
    cache = checker.cache
    if cache is None:
        yield from _computed(checker, sources, jobs)
        return
    cache.load()
    cached = [cache.lookup(source) for source in sources]
    missing = [source for source, hit in zip(sources, cached) if hit is None]
    computed = _computed(checker, missing, min(jobs, len(missing)))
    try:
        for source, hit in zip(sources, cached):
            # unpickled one at a time: the whole corpus's results would take gigabytes
            result = None if hit is None else cache.restore(source, hit)
            if result is not None:
                result.cached = True
                yield result
                continue
            # a failed restore (changed since, or written by code that has changed since): check again
            result = next(computed) if hit is None else checker.check_file(source)
            if not any(f.code == INTERNAL_ERROR for f in result.findings):
                timings, result.timings = result.timings, {}
                cache.put(source, result)
                result.timings = timings
            yield result
    finally:
        computed.close()
        cache.save()


def _computed(checker: Checker, sources: list[Source], jobs: int):
    """File results in source order, from this process or from supervised workers."""
    if jobs <= 1 or len(sources) < 2:
        for source in sources:
            yield checker.check_file(source)
        return
    from .workers import supervised_results  # see Checker.__init__

    yield from supervised_results(checker, sources, jobs)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(paths: list[str], settings: Settings, selection: Selection | None = None,
        jobs: int | None = None, debug: bool = False, checker: Checker | None = None,
        progress=None, discovery: Discovery | None = None) -> Report:
    """Lint ``paths`` and return the sorted findings.

    ``checker`` carries the rules (and the cache and timing choices) when the
    caller built them already; ``progress`` (a :class:`~corpuslint.progress.Progress`)
    is told the total size, then each file's result; ``discovery`` is what
    ``discover.survey`` found in ``paths``, when the caller has it already.
    """
    selection = selection or Selection()
    checker = checker or Checker(settings, selection, debug)
    timings = {} if checker.measure else None
    started = perf_counter()
    paths = paths or settings.paths or ["."]
    discovery = discovery or survey(paths, settings)
    found = discovery.sources
    sources = split_sources(found, settings)
    findings = [f for f in map(checker.problem_finding, discovery.problems) if f is not None]
    stores: dict[str, RecordStore] = {}
    suppressions: dict = {}
    documents = cached = 0
    sizes: dict[str, int] = {}  # linted path -> its documents, for noise.summarise
    jobs = jobs or settings.jobs or default_jobs()
    if progress is not None:
        progress.start(sum(_size(s) for s in sources), len(found))
    with time_limit(checker.heartbeat, checker.budget):
        for result, source in zip(_results(checker, sources, min(jobs, len(sources))), sources):
            findings.extend(result.findings)
            sizes[source.display] = sizes.get(source.display, 0) + result.documents
            documents += result.documents
            cached += result.cached
            suppressions.update(result.suppressions)
            for code, part in result.stores.items():
                stores.setdefault(code, RecordStore(spill=True)).extend(part)
            result.stores = {}  # merged: the part's records are let go before the next part is read
            if timings is not None:
                for key, seconds in result.timings.items():
                    timings[key] = timings.get(key, 0.0) + seconds
            if progress is not None:
                progress.update(result)
            if result.size >= TRIM_AFTER_BYTES:  # a trim costs ~0.4 ms: not after every small file
                release_free_memory()
        if progress is not None:
            progress.close()
        if timings is not None:
            timings["wall map"] = perf_counter() - started
            started = perf_counter()
        findings.extend(checker.reduce(stores, Corpus(documents, len(found)), timings))
    findings = [f for f in findings if not suppressed(f, settings, suppressions)]
    findings = summarise(findings, checker.document_rules + checker.corpus_rules, sizes, documents)
    findings.sort(key=Finding.sort_key)
    if timings is not None:
        timings["wall reduce"] = perf_counter() - started
    return Report(findings, documents, len(found), checker.rule_classes(), timings=timings or {},
                  cached=cached, skipped=discovery.skipped, paths=list(paths))


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
