from corpuslint.rule import DocumentRule, Option

from .helpers import count_words


class ShortBody(DocumentRule):
    """A body too short to be an article: empty, or fewer than ``min-words`` words.

    Why it matters: a stub, a teaser, a headline-only flash or a failed
    extraction is not an article. It skews length statistics, gives models
    nothing to learn from, and often means the real text was lost.

    Words are whitespace-separated tokens of the body (not the headline);
    each character of Chinese, Japanese, Thai and other scripts written
    without spaces counts as a word, as word processors count them. The
    default of 25 is far below the shortest of the 2,225 articles of the BBC
    News corpus (84 words); it catches a scraped page whose body is only a
    teaser or another story's headline, and a wire's one-sentence brief or
    dividend notice. A body that is only a placeholder (Q001) or an error page
    (Q004) is left to those rules. A record whose text field is missing or
    null is reported too, unless the whole file has no text field (F004
    reports that once).

    Example::

        Ferry strike

        Ferries stopped at noon.

    reports that the body has only 4 words.

    Options: ``min-words`` (default 25).

    Fix: restore the full text from the source, or drop the document.
    """

    code = "Q002"
    name = "short-body"
    severity = "warning"
    requires = ("Q001", "Q004")
    options = {"min-words": Option(25, "fewest words a body needs to count as an article", minimum=1)}

    def setup(self):
        self.placeholders = self.peer("Q001")
        self.pages = self.peer("Q004")

    def check(self, doc):
        body = doc.body
        if body is None:
            if "text" not in doc.absent_roles:  # a file without a text field is F004's
                yield self.finding_at(doc.start_location(), "the record has no text (its text field is missing "
                                                            "or null); restore the article's text or drop the "
                                                            "record")
            return
        if not doc.paragraphs:
            yield self._no_body(doc, body)
            return
        first, last = doc.paragraphs[0], doc.paragraphs[-1]
        words = count_words(body.text, first.start, last.end, self.opts.min_words)
        if words >= self.opts.min_words or self._reported_elsewhere(doc):
            return
        yield self.finding(body, first.start, last.end,
                           f"the body has only {words} word{'s' if words != 1 else ''} (an article has at least "
                           f"{self.opts.min_words}): a stub or a failed extraction; restore the full text or "
                           "drop the document")

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
