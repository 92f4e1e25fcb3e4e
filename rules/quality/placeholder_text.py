import regex

from corpuslint.rule import DocumentRule
from corpuslint.text import quote, strip_span

from .helpers import GatedPatterns, load_data

#: A headline or body longer than this is never a whole-field placeholder.
MAX_WHOLE_CHARS = 120


class PlaceholderText(DocumentRule):
    """Placeholder text ("lorem ipsum", "[insert quote here]", "Blah blah blah.") instead of an article's words.

    Why it matters: a template or an unfinished draft was exported as if it
    were published copy. Its words are not news; they pollute language
    models, counts and search, and the real text is missing.

    Two kinds are reported, from ``placeholders.yaml`` next to this module:
    text that is never real prose, wherever it appears in a headline or body
    (``lorem ipsum``, ``[insert quote here]``, ``headline goes here``, the
    newsroom's ``TK TK``, a capitalised ``PLACEHOLDER``); and words that are
    a placeholder only when they are the whole headline or body (``Test``,
    ``TBD``, ``None``, ``Blah blah blah.``), which a real article may use in
    passing.

    Example::

        Funds rise

        Blah blah blah.

    reports that the body is only placeholder text.

    Fix: write the missing text, or drop the document.
    """

    code = "Q001"
    name = "placeholder-text"
    severity = "error"

    def setup(self):
        data = load_data("placeholders.yaml")
        self.anywhere = GatedPatterns(data["anywhere"], "placeholders.yaml: anywhere")
        whole = "|".join(f"(?:{p})" for p in data["whole"])
        self.whole = regex.compile(rf"[\s\"'\u201c\u2018(\[]*(?:{whole})[\s.!?\u2026\"'\u201d\u2019)\]]*",
                                   regex.IGNORECASE | regex.VERSION1)

    def whole_spans(self, doc):
        """The headline lines and the body, each as ``(field, start, end, what)``."""
        for span in doc.headlines:
            yield span.field, span.start, span.end, "headline"
        if doc.paragraphs:
            first, last = doc.paragraphs[0], doc.paragraphs[-1]
            if first.field is last.field:
                yield first.field, first.start, last.end, "body"

    def whole_placeholders(self, doc):
        """``(field, start, end, what)`` of each headline or body that is only a placeholder."""
        for field, start, end, what in self.whole_spans(doc):
            start, end = strip_span(field.text, start, end)
            if 0 < end - start <= MAX_WHOLE_CHARS and self.whole.fullmatch(field.text, start, end):
                yield field, start, end, what

    def check(self, doc):
        reported = []
        for field, start, end, what in self.whole_placeholders(doc):
            reported.append((field, start, end))
            yield self.finding(field, start, end, f"the {what} is only placeholder text "
                                                  f"{quote(field.text[start:end])}; write the real {what} "
                                                  "or drop the document")
        for field in doc.prose:
            for m in self.anywhere.finditer(field):
                if any(f is field and s <= m.start() < e for f, s, e in reported):
                    continue
                yield self.finding(field, m.start(), m.end(), f"placeholder {quote(m.group())} instead of "
                                                              "the article's text; replace it with the real text")
