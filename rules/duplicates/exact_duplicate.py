from corpuslint.fingerprints import body_fingerprint
from corpuslint.rule import CorpusRule, Option, stable_key


class ExactDuplicate(CorpusRule):
    """The same article body in more than one document.

    Why it matters: duplicates inflate counts, leak between training and test
    splits, and make one story weigh several times in search and statistics.
    Bodies are compared after folding case and whitespace, so a copy that only
    differs in line wrapping or capitalisation is still a duplicate.

    Example: ``politics/012.txt`` and ``politics/377.txt`` carry the same text.

    A cluster of copies is reported once per copy: every copy after the first
    (in corpus order) is reported, with the first copy as the related
    location, as X002 reports the versions of one story. Bodies shorter than ``min-words`` are left out: a
    placeholder such as "Story to come." is Q001's business, not a duplicate
    story (H003 still reports short copies that share a headline). In
    Chinese, Japanese, Thai and other scripts written without spaces, each
    character counts as a word.

    Cost per document: one integer key (the body hash; 16 bytes in the
    engine) and a record of the document's start location (path, id, field
    name and four numbers: about 150 bytes).
    """

    code = "X001"
    name = "exact-duplicate"
    severity = "warning"
    options = {"min-words": Option(8, "shortest body, in words, compared", minimum=1)}

    def collect(self, doc):
        fingerprint = body_fingerprint(doc, self.opts.min_words)
        if fingerprint is not None:
            yield stable_key(fingerprint), doc.start_location()

    def finish(self, key, records, corpus):
        first, *copies = records
        others = len(copies) - 1
        also = f" and {others} other document{'s' if others > 1 else ''}" if others else ""
        for location in copies:
            yield self.finding_at(location, f"same text as {first.short()}{also}; keep one copy", related=[first])
