import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option

_CONTENT = re.compile(r"[^ \t\r\n]")


class RepeatedBlankLines(DocumentRule):
    """More consecutive blank lines than ``max-blank-lines`` in a text file, or blank lines at its start or end.

    Why it matters: runs of blank lines are usually the holes left by removed
    images, embeds or ads; they make paragraph splitting unreliable. Blank
    lines before the first line or after the last one are left over from
    cutting a page down to its article: tools that take the first line as the
    headline, or concatenate files, trip over them.

    Example: two paragraphs separated by three empty lines, or a file that
    ends in five empty lines.

    Blank lines hold only spaces and tabs (W001 reports those). A file with
    no text at all is left to Q002.

    Fix (safe): the extra blank lines are removed; at the start of the file
    all of them, at the end all of them, so that the file ends with its last
    line and a single newline.
    """

    code = "W005"
    name = "repeated-blank-lines"
    severity = "info"
    fix = "safe"
    options = {"max-blank-lines": Option(1, "blank lines allowed in a row", minimum=1)}

    def setup(self):
        self.runs = re.compile(rf"\n((?:[ \t]*\r?\n){{{self.opts.max_blank_lines + 1},}})")

    def check(self, doc):
        if doc.is_record:
            return
        field = doc.body
        text = field.text
        content = _CONTENT.search(text)
        if content is None:
            return  # no text at all: Q002 reports the empty file
        first_line = text.rfind("\n", 0, content.start()) + 1
        if first_line:
            yield self.edge_finding(field, 0, first_line, "start")
        after_last_line = _after_last_line(text)
        allowed = self.opts.max_blank_lines
        for m in self.runs.finditer(text, first_line, after_last_line):
            keep = m.start(1)
            for _ in range(allowed):
                keep = text.index("\n", keep) + 1
            blank_lines = m.group(1).count("\n")
            yield self.finding(field, keep, _line_break_at(text, m.end(1)),
                               f"{blank_lines} blank lines in a row (at most {allowed}); remove the extra ones",
                               fix=Fix(keep, m.end(1), ""))
        if after_last_line < len(text):
            yield self.edge_finding(field, after_last_line, len(text), "end")

    def edge_finding(self, field, start: int, end: int, where: str):
        """Blank lines ``field.text[start:end]`` at the start or end of the file, removed by the fix."""
        text = field.text
        blank = text[start:end]
        count = blank.count("\n") + (not blank.endswith("\n"))
        what = f"{count} blank line{'s' if count > 1 else ''} at the {where} of the file"
        action = "remove them" if count > 1 else "remove it"
        if where == "end":
            action += " so that the file ends with its last line"
        return self.finding(field, start, _line_break_at(text, end), f"{what}; {action}", fix=Fix(start, end, ""))


def _line_break_at(text: str, end: int) -> int:
    """Where the line break that ends ``text[:end]`` starts (``end`` itself if it does not end with one)."""
    if text.endswith("\r\n", 0, end):
        return end - 2
    return end - 1 if text.endswith("\n", 0, end) else end


def _after_last_line(text: str) -> int:
    """Where the line after the last line with text starts (the text's length if none follows)."""
    line_break = text.find("\n", len(text.rstrip(" \t\r\n")))
    return len(text) if line_break == -1 else line_break + 1
