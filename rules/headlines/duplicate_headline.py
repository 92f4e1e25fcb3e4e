import hashlib
import re

from corpuslint.rule import CorpusRule, Option
from corpuslint.rules.duplicates.exact_duplicate import body_fingerprint

_WORD = re.compile(r"\w+")
#: Related locations listed per finding, at most.
MAX_RELATED = 5


def normalise_headline(text: str) -> str:
    """The headline's words in lower case, without punctuation: "U.S. Trade-Gap" -> "u s trade gap"."""
    return " ".join(_WORD.findall(text.lower()))


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
    same headline. Documents whose bodies are the same
    (compared as X001 does) are left to X001. Every document after the first
    with a different body is reported, with the first and up to four other
    documents as related locations. ``allow`` lists headlines that may repeat
    (recurring columns such as "Letters"), compared the same way.

    Cost: a 12-byte key and a record of a 12-byte body hash and the headline
    location per document.

    Fix: if the texts are versions of one story, keep one; otherwise give each
    story a headline of its own.
    """

    code = "H003"
    name = "duplicate-headline"
    severity = "warning"
    options = {"allow": Option([], "headlines that may repeat across documents", item=str)}

    def setup(self):
        self.allowed = {normalise_headline(headline) for headline in self.opts.allow}

    def collect(self, doc):
        if not doc.headlines:
            return
        headline = normalise_headline(doc.headlines[0].text)
        if not headline or headline in self.allowed:
            return
        key = hashlib.blake2b(headline.encode("utf-8"), digest_size=12).digest()
        yield key, (body_fingerprint(doc), doc.headlines[0].location())

    def finish(self, key, records, corpus):
        if len(records) < 2:
            return
        first = records[0][1]
        bodies = {records[0][0]}
        for body, location in records[1:]:
            if body in bodies:
                continue  # the same text again: X001 reports it
            bodies.add(body)
            others = [loc for _, loc in records if loc != location]
            count = len(others)
            yield self.finding_at(
                location,
                f"headline also used by {count} other document{'s' if count > 1 else ''} "
                f"(first: {first.short()}) with a different text; keep one version of the story "
                "or give each story its own headline",
                related=others[:MAX_RELATED])
