"""Parquet (``.parquet``) and Arrow (``.arrow``) files: one document per row, read with pyarrow.

Rows are read in small batches, row group after row group, so memory stays
bounded by one row group of the file, whatever the file's size; a large file
is read in parts of rows (see ``chunks.py`` and :class:`RowLayout`), one part
per process at a time. A finding's
location is the row (counted from 1 over the whole file) as its line, the
offset in the value plus 1 as its column, and the column's name as its field.

Arrow files are what a Hugging Face dataset saved with ``save_to_disk`` holds
(``data-00000-of-00001.arrow``: the Arrow streaming format); the Arrow file
format (random access) is read too.

pyarrow is an optional dependency (``pip install 'news-corpuslint[parquet]'``):
without it each such file is one F001 saying so. A file pyarrow cannot read
(not Parquet at all, truncated, corrupt) is one F001, after whatever rows came
before the damage. A value larger than ``max-document-mb`` makes its row an
F005. Fixes are never written into these files.
"""
from __future__ import annotations

import gzip

from .codes import OVERSIZED, UNREADABLE
from .records import RawRecord, RecordFormat, record_documents
from .source import ReadProblem, Source, file_location, size_text

#: Rows: offsets in a value are columns on the row's line; fixes are not written back.
ROWS = RecordFormat("parquet", None, None, None, "column")
#: Rows turned into Python values at a time.
BATCH_ROWS = 256
#: What to run to be able to read these files.
INSTALL_HINT = "pip install 'news-corpuslint[parquet]'"
_NAMES = {"parquet": "Parquet", "arrow": "Arrow"}


def read_columnar_file(source: Source, kind: str, fields: dict, max_bytes: int):
    """Documents and problems from a Parquet or Arrow file (``kind``: ``parquet`` or ``arrow``)."""
    try:
        import pyarrow  # noqa: F401  (only to know whether it is there)
    except ImportError:
        yield ReadProblem(UNREADABLE, file_location(source),
                          f"not read: reading {_NAMES[kind]} needs pyarrow: {INSTALL_HINT}")
        return
    yield from record_documents(source, columnar_rows(source, kind, max_bytes), fields)


def columnar_rows(source: Source, kind: str, max_bytes: int):
    """:class:`RawRecord` values (and F005 for rows with a value over ``max_bytes``), one per row;
    one F001 where pyarrow cannot read on."""
    import pyarrow

    row = source.first_line - 1
    try:
        with _open(source.path) as fh:
            for batch in (_parquet_batches(fh, source) if kind == "parquet" else _arrow_batches(fh)):
                for record in _records(batch):
                    row += 1
                    if isinstance(record, str):
                        yield ReadProblem(UNREADABLE, file_location(source, row, field=record),
                                          f"row not linted: its '{record}' value cannot be read in Python "
                                          "(a date or time outside the years 1 to 9999?)")
                    elif (size := _largest(record)) > max_bytes:
                        yield ReadProblem(OVERSIZED, file_location(source, row),
                                          f"row not linted: a value of {size_text(size)}, over the "
                                          f"{size_text(max_bytes)} limit for one document (max-document-mb)")
                    else:
                        yield RawRecord(row, "", record, ROWS)
    except (pyarrow.ArrowException, OSError, EOFError, ValueError) as err:
        yield ReadProblem(UNREADABLE, file_location(source, max(row, 1)), _unreadable(kind, row, err))


def _open(path: str):
    """The file, decompressed as it is read if its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _parquet_batches(fh, source: Source):
    """The rows of the file, or of the part ``source`` is (the rows whose :class:`RowLayout`
    position is in bytes ``[start, end)``, see ``chunks.py``), in batches."""
    import pyarrow.parquet

    # Read the column chunks as a stream, not each whole: about 20 MB less for a 50 MB row group.
    parquet = pyarrow.parquet.ParquetFile(fh, buffer_size=1 << 20, pre_buffer=False)
    if not source.start and source.end is None:
        yield from parquet.iter_batches(batch_size=BATCH_ROWS)
        return
    for group, low, high in RowLayout(parquet.metadata).ranges(source.start, source.end):
        at = 0  # rows of the group passed so far
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
            begin, stop = max(low - at, 0), min(high - at, batch.num_rows)
            if begin < stop:
                yield batch.slice(begin, stop - begin)
            at += batch.num_rows
            if at >= high:
                break


class RowLayout:
    """Where each row of a Parquet file sits, as a byte position, so that a part of the file
    can be a byte range as a part of a JSONL file is.

    Row ``r`` of a row group is at ``first_byte + size * r // rows``: the group's
    bytes shared out evenly among its rows. A byte range ``[start, end)`` holds
    the rows whose position falls in it: whole row groups, or a run of rows
    inside one (a file written with one huge row group is still read in parts;
    the group is decoded again for each part, which costs little next to linting).
    """

    def __init__(self, metadata):
        #: per row group: (first byte, bytes, first row, rows)
        self.groups = []
        row = 0
        for index in range(metadata.num_row_groups):
            group = metadata.row_group(index)
            size = max(1, sum(group.column(i).total_compressed_size for i in range(group.num_columns)))
            self.groups.append((row_group_start(group), size, row, group.num_rows))
            row += group.num_rows
        self.rows = row

    @property
    def ordered(self) -> bool:
        """True if the row groups lie one after another in the file (what writers do)."""
        return all(a[0] + a[1] <= b[0] for a, b in zip(self.groups, self.groups[1:])) \
            and all(rows for _, _, _, rows in self.groups)

    def position(self, row: int) -> int:
        """The byte position of ``row`` (counted from 0 over the file)."""
        for first_byte, size, first_row, rows in self.groups:
            if row < first_row + rows:
                return first_byte + size * (row - first_row) // rows
        raise IndexError(row)

    def first_row_at(self, byte: int) -> int:
        """The first row whose position is at or after ``byte`` (``self.rows`` if none is)."""
        for first_byte, size, first_row, rows in self.groups:
            if byte <= first_byte:
                return first_row
            if byte < first_byte + size:  # the least r with size * r // rows >= byte - first_byte
                local = -(-(byte - first_byte) * rows // size)
                if local < rows:
                    return first_row + local
        return self.rows

    def ranges(self, start: int, end: int | None):
        """``(row group, first row, row after the last)`` in the group, for the rows in ``[start, end)``."""
        first = self.first_row_at(start)
        last = self.rows if end is None else self.first_row_at(end)
        for index, (_, _, first_row, rows) in enumerate(self.groups):
            low, high = max(first, first_row) - first_row, min(last, first_row + rows) - first_row
            if low < high:
                yield index, low, high


def row_group_start(group) -> int:
    """The byte offset where a Parquet row group's data starts (its first column chunk's first page)."""
    return min(column.dictionary_page_offset if column.has_dictionary_page else column.data_page_offset
               for column in (group.column(i) for i in range(group.num_columns)))


def _arrow_batches(fh):
    """The record batches of an Arrow stream (what ``save_to_disk`` writes) or Arrow file, in small slices."""
    import pyarrow

    start = fh.tell()
    try:
        reader = pyarrow.ipc.open_stream(fh)
    except pyarrow.ArrowInvalid:
        fh.seek(start)
        reader = pyarrow.ipc.open_file(fh)
        batches = (reader.get_batch(i) for i in range(reader.num_record_batches))
    else:
        batches = iter(reader)
    for batch in batches:
        for offset in range(0, batch.num_rows, BATCH_ROWS):
            yield batch.slice(offset, BATCH_ROWS)


def _records(batch):
    """The rows of ``batch`` as dicts; a row with a value Python cannot hold (a timestamp in
    the year 20000) is the name of that column instead."""
    try:
        return batch.to_pylist()
    except (OverflowError, ValueError):
        return [_record(batch.slice(i, 1)) for i in range(batch.num_rows)]


def _record(row):
    record = {}
    for name, column in zip(row.schema.names, row.columns):
        try:
            record[name] = column[0].as_py()
        except (OverflowError, ValueError):
            return name
    return record


def _largest(value) -> int:
    """The length of the longest string or bytes value in ``value`` (a row, possibly nested)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, dict):
        return max((_largest(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max((_largest(v) for v in value), default=0)
    return 0


def _unreadable(kind: str, row: int, err: BaseException) -> str:
    """What to say about a file pyarrow stopped reading (its own words are not for users)."""
    name = _NAMES[kind]
    if isinstance(err, PermissionError):
        why = "permission denied"
    elif isinstance(err, FileNotFoundError):
        why = "file not found (deleted, or a broken symbolic link)"
    elif isinstance(err, gzip.BadGzipFile | EOFError):
        why = "corrupt or truncated gzip data"
    else:
        why = f"not a valid {name} file, or a corrupt or truncated one"
    where = f"after row {row}" if row else "at all"
    return f"cannot read {name} data {where}: {why}; check that the file was written completely"
