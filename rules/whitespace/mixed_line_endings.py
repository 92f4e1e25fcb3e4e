import re

from corpuslint.rule import DocumentRule

_ENDINGS = re.compile(r"\r\n|\n|\r(?!\n)")
_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


class MixedLineEndings(DocumentRule):
    """A text file that mixes line endings (CRLF, LF, lone CR).

    Why it matters: mixed endings usually mean the file was stitched together
    from several sources; line-based tools split it inconsistently and
    trailing ``\\r`` characters end up inside the text.

    Example: lines 1-40 end in LF and line 41 ends in CRLF.

    Reported once per file, at the first line whose ending differs from the
    file's most common ending.
    """

    code = "W004"
    name = "mixed-line-endings"
    severity = "warning"

    def check(self, doc):
        if doc.is_record:
            return
        field = doc.body
        endings = [(m.start(), m.group()) for m in _ENDINGS.finditer(field.text)]
        counts = {}
        for _, ending in endings:
            counts[ending] = counts.get(ending, 0) + 1
        if len(counts) < 2:
            return
        usual = max(counts, key=lambda e: (counts[e], e == "\n"))
        start, ending = next((s, e) for s, e in endings if e != usual)
        others = ", ".join(f"{n} {_NAMES[e]}" for e, n in sorted(counts.items(), key=lambda i: -i[1]))
        yield self.finding(field, start, start + len(ending),
                           f"line ends with {_NAMES[ending]} but most end with {_NAMES[usual]} ({others}); "
                           f"convert every line ending to {_NAMES[usual]}")
