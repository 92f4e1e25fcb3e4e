import re

from corpuslint.rule import DocumentRule, Option
from corpuslint.text import quote, starts_sentence, strip_span

from .helpers import MAX_CHARS_PER_WORD, GatedPatterns, count_words, load_data

#: A site name after the page's own title: "Page not found | Harbour Daily".
_SITE_SUFFIX = re.compile(r"\s+(?:[|\u2013\u2014-]|::)\s+(?:\S+\s+){0,4}\S+$")


class NonArticlePage(DocumentRule):
    """An error, block or maintenance page saved as an article ("404 Not Found", "Access Denied").

    Why it matters: the scraper got the server's error page, a bot check or a
    paywall instead of the story, and stored it as if it were the story. The
    article is missing and the page's text pollutes the corpus.

    A page text is reported when it is the whole headline (possibly followed
    by a site name of up to five words: ``Page not found | Harbour Daily``),
    or when it starts a sentence or line of a body of at most ``max-words``
    words (counted as Q002 counts them): a real article that mentions "access
    denied" in passing is long. The list is ``non_article_pages.yaml`` next
    to this module.

    Example::

        Harbour Daily

        Please enable JavaScript to view this site.

    reports the body's ``'Please enable JavaScript'``.

    Fix: fetch the page again (or from an archive), or drop the document.
    """

    code = "Q004"
    name = "non-article-page"
    severity = "error"
    options = {"max-words": Option(150, "longest body, in words, that is checked for page texts", minimum=1)}

    def setup(self):
        self.pages = GatedPatterns(load_data("non_article_pages.yaml")["pages"], "non_article_pages.yaml: pages")

    def page_texts(self, doc):
        """``(field, start, end, where)`` of the error-page text in the headline and in a short body."""
        for span in doc.headlines:
            found = self._whole_headline(span)
            if found:
                yield span.field, found[0], found[1], "headline"
        if not doc.paragraphs:
            return
        field, start, end = doc.paragraphs[0].field, doc.paragraphs[0].start, doc.paragraphs[-1].end
        if end - start > self.opts.max_words * MAX_CHARS_PER_WORD:
            return
        for m in self.pages.finditer(field, start, end):
            if starts_sentence(field.text, m.start()):
                if count_words(field.text, start, end, self.opts.max_words + 1) <= self.opts.max_words:
                    yield field, m.start(), m.end(), "body"
                return

    def _whole_headline(self, span):
        """``(start, end)`` of a page text that is the whole headline, but for a site name after it."""
        text = span.field.text
        start, end = strip_span(text, span.start, span.end)
        suffix = _SITE_SUFFIX.search(text, start, end)
        ends = {_without_punctuation(text, start, end)}
        if suffix:
            ends.add(_without_punctuation(text, start, suffix.start()))
        for m in self.pages.finditer(span.field, start, end):
            if m.start() == start and _without_punctuation(text, start, m.end()) in ends:
                return m.start(), m.end()
        return None

    def check(self, doc):
        for field, start, end, where in self.page_texts(doc):
            yield self.finding(field, start, end, f"{where} {quote(field.text[start:end])} is from an error or "
                                                  "block page, not an article; fetch the page again or drop "
                                                  "the document")


def _without_punctuation(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing spaces and punctuation."""
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return end
