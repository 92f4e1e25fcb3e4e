import hashlib

from corpuslint.rule import CorpusRule, Option, stable_key


def body_fingerprint(doc, min_words: int = 1) -> bytes | None:
    """A hash of the body text with case and whitespace folded; None below ``min_words`` words."""
    words = doc.body_text().lower().split()
    if len(words) < min_words:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=12).digest()


class ExactDuplicate(CorpusRule):
    """The same article body in more than one document.

    Why it matters: duplicates inflate counts, leak between training and test
    splits, and make one story weigh several times in search and statistics.
    Bodies are compared after folding case and whitespace, so a copy that only
    differs in line wrapping or capitalisation is still a duplicate.

    Example: ``politics/012.txt`` and ``politics/377.txt`` carry the same text.

    Every copy after the first (in path order) is reported, with the first copy
    as the related location. Bodies shorter than ``min-words`` are left out: a
    placeholder such as "Story to come." is Q001's business, not a duplicate
    story. Costs 12 bytes of hash per document.
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
        for location in copies:
            yield self.finding_at(location, f"same text as {first.short()}"
                                            f"{f' and {len(copies) - 1} other documents' if len(copies) > 1 else ''}"
                                            "; keep one copy", related=[first])
