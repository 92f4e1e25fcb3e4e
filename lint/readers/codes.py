"""The codes of the findings that readers and the engine make themselves.

One table: the readers, discovery, the engine, the fixer and the rules that
document these findings (the F family, U005) take the codes from here.
"""

#: A file or folder that could not be read (F001 unreadable-file).
UNREADABLE = "F001"
#: A JSONL line that is not a JSON object (F002 malformed-json).
MALFORMED_JSON = "F002"
#: A CSV row that cannot be read as a record (F003 bad-csv-row).
BAD_CSV_ROW = "F003"
#: A record without a field its role needs (F004 missing-field).
MISSING_FIELD = "F004"
#: A document larger than max-document-mb (F005 oversized-document).
OVERSIZED = "F005"
#: Text that is not valid UTF-8, or a file in UTF-16/32 (U005 encoding).
ENCODING = "U005"
#: A file whose content is not what its name says (F006 content-mismatch): JSON or
#: HTML in a .txt file, bytes that are not Parquet in a .parquet file.
CONTENT_MISMATCH = "F006"
#: A record file that holds no record at all (F007 empty-record-file).
NO_RECORDS = "F007"
#: A rule or reader that failed (F900 internal-error).
INTERNAL_ERROR = "F900"
