"""Corpus-relative noise control: a finding nearly every document has is said once.

A corpus whose documents carry no dates at all would get one D001 per
document: 20,000 findings that say one thing, burying the rest. A rule that
opts in (its class attribute ``corpus_relative`` is a :class:`CorpusRelative`)
has its findings replaced by one finding for the corpus when at least
``share`` of the documents of a *scope* have them: the whole run first, then
each folder and each record file, the widest first. The finding names the
count and a few sample documents (also its ``related`` locations), and
stands at the first affected document in corpus order. Scopes of fewer than
:data:`MIN_DOCUMENTS` documents keep their findings one by one.

This runs in the main process on the run's final findings (after the cache,
``per-file-ignores`` and record ignores), so the output is the same for any
number of processes and with a warm cache. Rules with fixes must not opt in:
``--fix`` needs each finding. A rule that opts in declares the option
``corpus-relative`` (:data:`OPTION`); ``corpus-relative = false`` in its
options keeps its findings one per document.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

from .finding import Finding
from .rule import Option

#: Scopes with fewer documents keep per-document findings: a share of a handful means little.
MIN_DOCUMENTS = 20
#: Sample documents named in the message, and locations listed as ``related``.
NAMED, RELATED = 3, 5
#: The scope of the whole run (it holds every document, whatever paths were given).
RUN = ""


@dataclass(frozen=True)
class CorpusRelative:
    """How a rule's findings are said once for a scope where nearly every document has them.

    ``what`` follows "N of M documents" in the message ("have no publication
    date"); ``advice`` says what to do about the whole corpus; ``share`` (0-1)
    is the fraction of a scope's documents with a finding at or above which
    the findings are summed up.
    """

    what: str
    advice: str
    share: float = 0.9


#: The option a rule that opts in declares: ``options = {"corpus-relative": OPTION, ...}``.
OPTION = Option(True, "say once for the corpus what nearly every document has (false: once per document)")


def summarise(findings: list[Finding], rules, sizes: dict[str, int], documents: int) -> list[Finding]:
    """``findings`` with the findings of opted-in ``rules`` summed up per scope where nearly
    every document has them. ``sizes`` maps each linted path (as findings show it) to its
    number of documents; ``documents`` is the run's total. The order is not kept: sort after."""
    relative = {rule.code: rule for rule in rules
                if rule.corpus_relative is not None and getattr(rule.opts, "corpus_relative", True)}
    if not relative or documents < MIN_DOCUMENTS:
        return findings
    kept, own = [], defaultdict(list)
    for finding in findings:
        rule = relative.get(finding.code)
        (own[finding.code] if rule is not None and finding.fix is None else kept).append(finding)
    if not own:
        return findings
    scopes = Scopes(sizes, documents)
    for code in sorted(own):
        kept.extend(_summarised(relative[code].corpus_relative, own[code], scopes))
    return kept


class Scopes:
    """The run, its folders and its record files, with their numbers of documents."""

    def __init__(self, sizes: dict[str, int], documents: int):
        self._chains: dict[str, tuple[str, ...]] = {}
        self.size = defaultdict(int)
        self.size[RUN] = documents
        for path, count in sizes.items():
            for scope in self.chain(path)[1:]:
                self.size[scope] += count

    def chain(self, path: str) -> tuple[str, ...]:
        """The scopes that hold ``path``, widest first: the run, each folder down, the file."""
        if path == RUN:
            return (RUN,)
        chain = self._chains.get(path)
        if chain is None:
            folders, current = [], path
            while True:
                parent = os.path.dirname(current)
                if not parent or parent == current:
                    break
                folders.append(parent)
                current = parent
            chain = self._chains[path] = (RUN, *reversed(folders), path)
        return chain


def _summarised(spec: CorpusRelative, findings: list[Finding], scopes: Scopes) -> list[Finding]:
    """One rule's findings: those in a scope where nearly every document has one, summed up."""
    findings.sort(key=Finding.sort_key)
    affected = defaultdict(set)
    for finding in findings:
        for scope in scopes.chain(finding.location.path):
            affected[scope].add(finding.location.document)
    chosen = set()
    for scope in sorted(affected, key=lambda s: (len(scopes.chain(s)), s)):  # the widest first
        size = scopes.size.get(scope, 0)
        if size >= MIN_DOCUMENTS and len(affected[scope]) >= spec.share * size \
                and not chosen.intersection(scopes.chain(scope)[:-1]):
            chosen.add(scope)
    if not chosen:
        return findings
    out, groups = [], defaultdict(list)
    for finding in findings:
        scope = next((s for s in scopes.chain(finding.location.path) if s in chosen), None)
        (out if scope is None else groups[scope]).append(finding)
    for scope in sorted(groups):
        out.append(_summary(spec, scope, groups[scope], scopes))
    return out


def _summary(spec: CorpusRelative, scope: str, findings: list[Finding], scopes: Scopes) -> Finding:
    """The one finding that stands for ``findings`` (sorted) of ``scope``."""
    firsts, seen = [], set()
    for finding in findings:
        if finding.location.document not in seen:
            seen.add(finding.location.document)
            firsts.append(finding.location)
    count = len(firsts)
    size = scopes.size[scope]
    named = ", ".join(location.short() if scopes.size.get(location.path, 0) > 1 else location.path
                      for location in firsts[:NAMED]) + (", ..." if count > NAMED else "")
    where = f" in {scope}" if scope else ""
    first = findings[0]
    message = (f"{count:,} of {size:,} documents{where} ({100 * count // size}%) {spec.what}, e.g. {named}; "
               f"{spec.advice} (option corpus-relative = false lists each)")
    return Finding(first.code, first.name, first.severity, message, first.location, None,
                   tuple(firsts[:RELATED]))
