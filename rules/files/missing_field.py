from corpuslint.readers.codes import MISSING_FIELD
from corpuslint.rule import ReaderRule


class MissingField(ReaderRule):
    """A record file without a title, text or date field, or a record without a configured field.

    Which field is the title, the text and the date is detected from a sample
    of each file's records, by what the values hold (long prose is text, values
    that parse as dates are a date; a column of hashes is never the text), with
    the usual names only as a tie-breaker (see docs/fields.md). A role that is
    not found is reported once per file, at the first record, with the columns
    the file has and what they look like; the rules that need it stay quiet for
    that file. A field named
    in the configuration (``fields.text = "story"``) that a record lacks is
    reported on that record.

    Example: a scraper export with ``content`` and ``scraped_at`` but no
    publication date gets ``F004 no date field found in this file; columns:
    id (numbers), content (prose, ~420 words), scraped_at (dates), ...``. If the
    field exists under another name, configure it::

        [tool.corpuslint.fields]
        date = "published_time"
    """

    code = MISSING_FIELD
    name = "missing-field"
    severity = "warning"
