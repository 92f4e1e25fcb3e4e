from corpuslint.readers.structure import headline_like
from corpuslint.rule import DocumentRule
from corpuslint.text import ends_sentence, quote

from .helpers import first_line_span


class MissingHeadline(DocumentRule):
    """An article without a headline: the text starts with the lead paragraph, or the title is empty.

    Why it matters: the headline is how an archive lists, searches and
    de-duplicates stories. Without it the article cannot be told apart from
    others in a listing, and tools that split headline from body take the
    first paragraph for the headline.

    Example (a text file whose first line is already the lead: longer than a
    headline can be, 150 characters or 30 words)::

        The bridge over Millbrook harbour reopened to traffic on a grey Tuesday morning after eleven months of repairs that cost the town council far more than it had planned.
        Traffic was light and nobody came to watch.

    The finding is on the first line of the body. A record is reported when
    its title field is empty or missing; when the file has no title field at
    all, F004 reports that once for the file instead. When the record's text
    starts with a short line that reads like a headline, the message quotes
    it: it probably belongs in the title field.

    A shorter lead in the headline's place is found by H005, which compares
    each first line with the corpus's own headlines and leads.

    Fix: add a headline line (followed by a blank line) before the body, or
    fill in the record's title.
    """

    code = "H001"
    name = "missing-headline"
    severity = "warning"

    def check(self, doc):
        if doc.headlines or "title" in doc.absent_roles:
            return
        if not doc.paragraphs:
            return  # an empty document has no body to put a headline over
        field, start, end = first_line_span(doc)
        if doc.is_record:
            whole_paragraph = end == doc.paragraphs[0].end
            message = "record has no title" + _hint(field.text[start:end], whole_paragraph)
        else:
            words = len(doc.paragraphs[0].text.split())
            message = (f"no headline: the first line is the lead paragraph ({words} words); "
                       "add a short headline line followed by a blank line")
        yield self.finding(field, start, end, message)


def _hint(first_line: str, whole_paragraph: bool) -> str:
    """What to do, naming the text's first line when it stands alone and reads like a headline."""
    line = first_line.strip()
    if whole_paragraph and headline_like(line, first=True) and not ends_sentence(line):
        return f"; the text starts with {quote(line)}, which reads like the headline: move it to the title"
    return "; fill in its title field"
