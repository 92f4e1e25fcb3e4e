import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option


class RepeatedBlankLines(DocumentRule):
    """More consecutive blank lines than ``max-blank-lines`` in a text file.

    Why it matters: runs of blank lines are usually the holes left by removed
    images, embeds or ads; they make paragraph splitting unreliable.

    Example: two paragraphs separated by three empty lines.

    Fix (safe): the extra blank lines are removed.
    """

    code = "W005"
    name = "repeated-blank-lines"
    severity = "info"
    fix = "safe"
    options = {"max-blank-lines": Option(1, "blank lines allowed in a row", minimum=1)}

    def setup(self):
        self.runs = re.compile(r"\n((?:[ \t]*\r?\n){%d,})" % (self.opts.max_blank_lines + 1))

    def check(self, doc):
        if doc.is_record:
            return
        field = doc.body
        allowed = self.opts.max_blank_lines
        for m in self.runs.finditer(field.text):
            blank_lines = m.group(1).count("\n")
            if m.end() == len(field.text):
                continue  # trailing blank lines at the end of the file: W001/W003 territory
            keep = m.start(1)
            for _ in range(allowed):
                keep = field.text.index("\n", keep) + 1
            yield self.finding(field, keep, m.end(1) - 1,
                               f"{blank_lines} blank lines in a row (at most {allowed})",
                               fix=Fix(keep, m.end(1), ""))
