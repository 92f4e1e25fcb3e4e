"""An example corpuslint plugin with one rule."""
from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option


class ShoutedHeadline(DocumentRule):
    """A headline written entirely in capital letters.

    Why it matters: all-caps headlines come from wire feeds and break title
    matching against the same story from other sources.

    Example::

        BRIDGE REOPENS AFTER REPAIRS

    Fix (unsafe): the headline is put in sentence case.
    """

    code = "Z001"
    name = "shouted-headline"
    severity = "info"
    fix = "unsafe"
    options = {"min-words": Option(2, "shortest headline checked, in words", minimum=1)}

    def check(self, doc):
        for span in doc.headlines:
            text = span.text
            if text.isupper() and len(text.split()) >= self.opts.min_words:
                yield self.finding(span.field, span.start, span.end, "headline is in capitals",
                                   fix=Fix(span.start, span.end, text.capitalize(), safe=False))
