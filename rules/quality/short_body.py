from dataclasses import replace

from corpuslint.noise import OPTION as CORPUS_RELATIVE_OPTION
from corpuslint.noise import CorpusRelative
from corpuslint.rule import CorpusRule, Option, stable_key

from .helpers import count_words

#: The one key: the rule learns the corpus's body lengths from every document.
KEY = stable_key("Q002", "lengths")
#: Words counted at most per body: enough for a median, cheap on a huge document.
COUNT_LIMIT = 100_000
#: A corpus with fewer documents keeps the fixed ``min-words``: its median says little.
MIN_CORPUS = 20


class ShortBody(CorpusRule):
    """A body too short to be an article: empty, or far shorter than the corpus's bodies.

    Why it matters: a stub, a teaser, a headline-only flash or a failed
    extraction is not an article. It skews length statistics, gives models
    nothing to learn from, and often means the real text was lost.

    Words are whitespace-separated tokens of the body (not the headline);
    each character of Chinese, Japanese, Thai and other scripts written
    without spaces counts as a word, as word processors count them. A body
    of fewer than ``min-words`` words is reported. The default of 25 is far
    below the shortest of the 2,225 articles of the BBC News corpus (84
    words); it catches a scraped page whose body is only a teaser or another
    story's headline, and a wire's one-sentence brief or dividend notice.

    The threshold follows the corpus: in a run of 20 documents or more whose
    median body is short (a set of abstracts, summaries or headlines), a body
    is reported only under ``share-of-median`` of that median (a quarter: 20
    words in a corpus of 80-word abstracts), so a corpus of abstracts is not
    a corpus of stubs, while a stub among full articles still is. The message
    gives the corpus's median. An empty body is always reported, and when
    nearly every document of a corpus has one (a headline-only export), it
    is said once for the corpus; option ``corpus-relative = false`` reports
    every document instead. The rule learns the lengths in the corpus pass,
    so it does not run with ``--no-corpus``.

    A body that is only a placeholder (Q001) or an error page (Q004) is left
    to those rules. A record whose text field is missing or null is reported
    too, unless the whole file has no text field (F004 reports that once).
    Memory: a word count per document (about 40 bytes) and the finding of
    each short one.

    Example::

        Ferry strike

        Ferries stopped at noon.

    reports that the body has only 4 words.

    Options: ``min-words`` (default 25), ``share-of-median`` (default 0.25).

    Fix: restore the full text from the source, or drop the document.
    """

    code = "Q002"
    name = "short-body"
    severity = "warning"
    requires = ("Q001", "Q004")
    min_records = 1
    whole_corpus = False  # the files of a pre-commit run give their own median, or min-words
    options = {
        "min-words": Option(25, "fewest words a body needs to count as an article", minimum=1),
        "share-of-median": Option(0.25, "in a corpus of short bodies, the share of its median body length "
                                        "under which a body is a stub", minimum=0.0, maximum=1.0),
        "corpus-relative": CORPUS_RELATIVE_OPTION,
    }
    corpus_relative = CorpusRelative("have no body text",
                                           "restore the texts, or check fields.text names the text field")

    def setup(self):
        self.placeholders = self.peer("Q001")
        self.pages = self.peer("Q004")

    def collect(self, doc):
        """One record per document: ``(words, finding)``; words is None for a document with no
        body text, and the finding (with the message of a small corpus) is None for a long body."""
        body = doc.body
        if body is None:
            if "text" not in doc.absent_roles:  # a file without a text field is F004's
                yield KEY, (None, self.finding_at(doc.start_location(), "the record has no text (its text field "
                                                                        "is missing or null); restore the "
                                                                        "article's text or drop the record"))
            return
        if not doc.paragraphs:
            yield KEY, (None, self._no_body(doc, body))
            return
        first, last = doc.paragraphs[0], doc.paragraphs[-1]
        words = count_words(body.text, first.start, last.end, COUNT_LIMIT)
        if words >= self.opts.min_words or self._reported_elsewhere(doc):
            yield KEY, (words, None)
            return
        yield KEY, (words, self.finding(body, first.start, last.end,
                                        f"the body has only {_words(words)} (an article has at least "
                                        f"{self.opts.min_words}): a stub or a failed extraction; restore the "
                                        "full text or drop the document"))

    def finish(self, key, records, corpus):
        lengths = sorted(words for words, _ in records if words)
        median = lengths[len(lengths) // 2] if len(records) >= MIN_CORPUS and lengths else None
        limit = self.opts.min_words if median is None else min(self.opts.min_words,
                                                                self.opts.share_of_median * median)
        for words, finding in records:
            if finding is None:
                continue
            if words is None or median is None:
                yield finding
            elif words < limit:
                yield replace(finding, message=self._relative_message(words, median, limit))

    def _relative_message(self, words: int, median: int, limit: float) -> str:
        """What a short body is, measured against the corpus's median body."""
        if limit < self.opts.min_words:
            measure = f"under {self.opts.share_of_median:.0%} of the corpus's median of {_words(median)}"
        else:
            measure = f"where the corpus's median body has {_words(median)} (an article has at least " \
                      f"{self.opts.min_words})"
        return f"the body has only {_words(words)}, {measure}: a stub or a failed extraction; restore the " \
               "full text or drop the document"

    def _no_body(self, doc, body):
        """The finding for a document without body paragraphs, saying what it has instead."""
        if doc.is_record:
            return self.finding(body, 0, len(body.text), "the body is empty; restore the article's text or "
                                                         "drop the record")
        if doc.headlines:
            what = "no body text after the headline"
        elif doc.metadata:
            what = "no body text, only date or byline lines"
        else:
            what = "the document is empty"
        return self.finding_at(doc.start_location(), f"{what}; restore the article's text or drop the document")

    def _reported_elsewhere(self, doc) -> bool:
        """True if Q001 or Q004 explains the short body (a placeholder or an error page)."""
        return any(True for _ in self.placeholders.whole_placeholders(doc)) or \
            any(where == "body" for *_, where in self.pages.page_texts(doc))


def _words(count: int) -> str:
    return f"{count:,} word{'s' if count != 1 else ''}"
