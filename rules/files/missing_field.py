from corpuslint.readers.codes import MISSING_FIELD
from corpuslint.rule import ReaderRule


class MissingField(ReaderRule):
    """A record file without a title, text or date field, or a record without a configured field.

    Field names are detected from the first record of each file (title/headline;
    text/body/content/maintext; date/publish_date/date_publish/published/pubdate;
    url; id). A role that is not found is reported once per file, at the first
    record, and the rules that need it stay quiet for that file. A field named
    in the configuration (``fields.text = "story"``) that a record lacks is
    reported on that record.

    Example: a scraper export with ``content`` and ``scraped_at`` but no
    publication date gets ``F004 no date field found in this file``. If the
    field exists under another name, configure it::

        [tool.corpuslint.fields]
        date = "published_time"
    """

    code = MISSING_FIELD
    name = "missing-field"
    severity = "warning"
