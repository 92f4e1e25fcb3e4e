from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import line_ending, quote


class GluedDate(DocumentRule):
    """Date metadata glued into the headline or body text.

    Why it matters: a scraper that flattens a page often runs the date marker
    into the next line: ``date 2021-08-04 Ferry crews vote to...``. The
    headline then starts with metadata, headline matching and de-duplication
    fail, and the date may be read as part of the text.

    Example::

         date 2021-08-04 Ferry crews vote to strike as talks on summer rosters fail.

    Fix (unsafe): the marker is moved to a line of its own above the text,
    followed by a blank line (with the file's own line endings).
    """

    code = "D004"
    name = "glued-date"
    severity = "warning"
    fix = "unsafe"

    def check(self, doc):
        for mention in doc.dates:
            if mention.kind != "glued":
                continue
            marker = mention.marker
            label = marker.text.rstrip()
            ending = line_ending(marker.field.text)
            yield self.finding(marker.field, marker.start, marker.end,
                               f"date marker {quote(label)} is glued to the text that follows; "
                               "put it on its own line or in a date field",
                               fix=Fix(marker.start, marker.end, label + ending * 2, safe=False))
