from typing import NamedTuple

from corpuslint.finding import Location
from corpuslint.rule import CorpusRule, Option, stable_key

from .helpers import ENDING_NAMES, count_endings, first_ending

#: The one key: every text file's record meets every other one.
_KEY = stable_key("W006", "line endings")


class EndingRecord(NamedTuple):
    """What W006 keeps of a text file: its line ending and where that ending first occurs."""

    #: ``"\\n"``, ``"\\r\\n"`` or ``"\\r"``: the ending most of the file's lines use.
    ending: str
    #: The first line ending of that kind in the file.
    location: Location


class LineEndingConvention(CorpusRule):
    """A text file whose line endings differ from those of nearly every other text file in the corpus.

    Why it matters: a corpus gathered by one pipeline has one line-ending
    convention. A file with CRLF endings among LF files was written by another
    tool (an editor on Windows, a second scraper, a copy made by hand): its
    lines carry a stray ``\\r`` for every tool that splits on ``\\n``, its
    hashes differ from a copy with LF endings, and it is often the sign of a
    file that did not go through the same cleaning as the rest. W004 finds
    endings mixed inside one file; this rule finds the file that is
    consistent with itself but not with its corpus.

    Example: 1,203 of 1,204 text files end their lines with LF and
    ``politics/077.txt`` ends its lines with CRLF.

    The corpus's convention is the line ending that most text files use
    (each file counts once, by the ending most of its lines use). Files are
    reported only when that majority is clear: at least ``min-files`` text
    files have line endings and at least ``min-share`` of them use the same
    one. A file with no line ending at all (one line and no final newline)
    has no convention and is not counted; records in JSONL, CSV and JSON
    files carry no line endings of their own and are left out. Each
    differing file is reported once, at its first line ending of its own
    kind.

    Costs one record per text file: its ending and the location of that
    ending (about 100 bytes).
    """

    code = "W006"
    name = "line-ending-convention"
    severity = "warning"
    options = {
        "min-files": Option(10, "fewest text files with line endings before the corpus has a convention",
                            minimum=2),
        "min-share": Option(0.8, "smallest share of those files that must use the same line ending",
                            minimum=0.5, maximum=1.0),
    }

    def collect(self, doc):
        if doc.is_record:
            return
        field = doc.body
        counts = count_endings(field.text)
        if not counts:
            return
        ending = max(counts, key=lambda e: (counts[e], e == "\n"))
        start = first_ending(field.text, ending)
        yield _KEY, EndingRecord(ending, field.location(start, start + len(ending)))

    def finish(self, key, records, corpus):
        counts = {}
        for record in records:
            counts[record.ending] = counts.get(record.ending, 0) + 1
        total = sum(counts.values())
        usual = max(counts, key=lambda e: (counts[e], e == "\n"))
        if total < self.opts.min_files or counts[usual] < self.opts.min_share * total:
            return
        name = ENDING_NAMES[usual]
        for record in records:
            if record.ending != usual:
                yield self.finding_at(
                    record.location,
                    f"{ENDING_NAMES[record.ending]} line endings; {counts[usual]:,} of {total:,} text files "
                    f"in this corpus use {name}; convert this file's line endings to {name}")
