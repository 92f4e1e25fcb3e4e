from corpuslint.readers.codes import NO_RECORDS
from corpuslint.rule import ReaderRule


class EmptyRecordFile(ReaderRule):
    """A JSONL, CSV, JSON, Parquet or Arrow file that holds no record at all.

    Why it matters: an export shard that came out empty (a scraper that
    failed, a query that matched nothing, a CSV with only its header row)
    looks like a file of the corpus but adds nothing to it, and a linter
    that says nothing about it would call the corpus clean. The file is
    reported once; whatever else the folder holds is linted as usual (a run
    that reads no document at all exits with code 2).

    Example: ``shard-0007.jsonl`` of 0 bytes, ``export.csv`` holding only
    ``id,title,text``, or ``articles.json`` holding ``[]`` is reported as
    ``F007 no records: the file is empty, or holds only blank lines, a header
    row or an empty array``.
    """

    code = NO_RECORDS
    name = "empty-record-file"
    severity = "error"
