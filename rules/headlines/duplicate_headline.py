import re

from corpuslint.rule import CorpusRule, Option, stable_key
from corpuslint.rules.duplicates.exact_duplicate import body_fingerprint

_WORD = re.compile(r"\w+")
#: Related locations listed per finding, at most.
MAX_RELATED = 5


def normalise_headline(text: str) -> str:
    """The headline's words in lower case, without punctuation: "U.S. Trade-Gap" -> "u s trade gap"."""
    return " ".join(_WORD.findall(text.lower()))


def publication_day(doc) -> int | None:
    """The publication date as a day number, if the document has one."""
    return next((d.value.toordinal() for d in doc.publication_dates if d.value is not None), None)


class DuplicateHeadline(CorpusRule):
    """The same headline on documents whose texts differ.

    Why it matters: a headline should identify one story. When two different
    texts carry it, the corpus usually holds two versions of one story (an
    update, a rewrite, a re-sent correction), or a recurring column whose
    headline says nothing about its content. Either way, search results,
    headline-based de-duplication and headline-to-text training pairs are
    confused.

    Example: ``local/012.txt`` and ``local/377.txt`` are both headed
    "Harbour bridge reopens", with different texts.

    Headlines are compared in lower case with punctuation dropped and
    whitespace folded, so "Bridge re-opens!" and "BRIDGE RE OPENS" are the
    same headline. Documents whose bodies are the same (compared as X001
    does) are left to X001. A document is reported when an earlier one has
    the headline with a different text and is dated at most ``max-days``
    apart: a wire headline that recurs every week ("Weekly grain stocks")
    heads a series, not versions of one story. An undated document is
    compared with every earlier one; a dated one only with dated ones. The message names that earlier document; the related
    locations list it and up to four others with the headline. ``allow``
    lists headlines that may repeat (recurring columns such as "Letters"),
    compared the same way.

    Cost: a 12-byte key and a record of a 12-byte body hash, the date and the
    headline location per document.

    Fix: if the texts are versions of one story, keep one; otherwise give each
    story a headline of its own.
    """

    code = "H003"
    name = "duplicate-headline"
    severity = "warning"
    options = {
        "allow": Option([], "headlines that may repeat across documents", item=str),
        "max-days": Option(2, "dated documents further apart than this many days are not compared", minimum=0),
    }

    def setup(self):
        self.allowed = {normalise_headline(headline) for headline in self.opts.allow}

    def collect(self, doc):
        if not doc.headlines:
            return
        headline = normalise_headline(doc.headlines[0].text)
        if not headline or headline in self.allowed:
            return
        yield stable_key(headline), (body_fingerprint(doc), publication_day(doc), doc.headlines[0].location())

    def finish(self, key, records, corpus):
        bodies = set()
        earliest = {}  # day (None: undated) -> (corpus index, location) of its first new text
        for index, (body, day, location) in enumerate(records):
            if body in bodies:
                continue  # the same text again: X001 reports it
            bodies.add(body)
            first = self.earlier_text(earliest, day)
            earliest.setdefault(day, (index, location))
            if first is None:
                continue
            others = [loc for _, _, loc in records if loc != location and loc != first]
            count = len(others) + 1
            yield self.finding_at(
                location,
                f"headline also used by {count} other document{'s' if count > 1 else ''} "
                f"(first: {first.short()}) with a different text; keep one version of the story "
                "or give each story its own headline",
                related=[first, *others[:MAX_RELATED - 1]])

    def earlier_text(self, earliest: dict, day: int | None):
        """The first earlier text dated within ``max-days`` of ``day``; any earlier text if undated."""
        max_days = self.opts.max_days
        if day is None:
            candidates = list(earliest.values())
        elif 2 * max_days + 1 <= len(earliest):
            candidates = [earliest[d] for d in range(day - max_days, day + max_days + 1) if d in earliest]
        else:
            candidates = [value for d, value in earliest.items() if d is not None and abs(d - day) <= max_days]
        return min(candidates, key=lambda value: value[0], default=(None, None))[1]
