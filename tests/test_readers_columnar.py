"""Parquet and Arrow files: rows as records, located by row and column, read with pyarrow.

The tables are generated here; every test but the one without pyarrow skips
when pyarrow (the ``parquet`` extra) is not installed.
"""
import datetime as dt
import json
import sys

import pytest

import corpuslint
from corpuslint.readers import ReadProblem, Source, columnar

PLANTED = "a auto bomb"


def _pyarrow():
    return pytest.importorskip("pyarrow", reason="pyarrow (the parquet extra) is not installed")


def _rows(count: int) -> list[dict]:
    """Generated articles; every third one carries the planted phrase at a known offset."""
    rows = []
    for i in range(count):
        extra = f"Police said {PLANTED} was found. " if i % 3 == 0 else ""
        rows.append({"id": f"r{i + 1}", "title": f"Council backs plan number {i + 1} for the harbour",
                     "date": f"2024-03-{1 + i % 28:02d}",
                     "text": f"Officials said on Tuesday that work would start soon. {extra}"
                             f"The council met {i + 2} times before the vote on the harbour."})
    return rows


def _parquet(path, rows, **columns):
    pa = _pyarrow()
    import pyarrow.parquet as pq

    table = pa.table({key: [row[key] for row in rows] for key in rows[0]})
    for name, column in columns.items():
        table = table.append_column(name, column)
    pq.write_table(table, path, row_group_size=4)
    return path


def _items(path, kind="parquet", max_bytes=20 * 1024 * 1024):
    return list(columnar.read_columnar_file(Source(str(path), path.name, path.name), kind, {}, max_bytes))


def _problems(items):
    return [(p.code, p.location.line, p.location.column, p.message) for p in items if isinstance(p, ReadProblem)]


def _docs(items):
    return [item for item in items if not isinstance(item, ReadProblem)]


def test_rows_across_row_groups_are_numbered_over_the_file(tmp_path):
    import pyarrow.parquet as pq

    rows = _rows(11)
    path = _parquet(tmp_path / "news.parquet", rows)
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    report = corpuslint.lint([str(path)], select=["T002"])
    expected = [(i + 1, row["text"].index(PLANTED) + 1, "text") for i, row in enumerate(rows) if PLANTED in row["text"]]
    assert [(f.location.line, f.location.column, f.location.field) for f in report.findings] == expected
    assert [f.location.document.rsplit("/", 1)[-1] for f in report.findings] == [
        f"news.parquet#r{line}" for line, _, _ in expected]
    assert report.documents == 11


def test_a_timestamp_column_is_the_date(tmp_path):
    pa = _pyarrow()
    rows = _rows(3)
    stamps = pa.array([dt.datetime(2024, 3, 1, 9, 30), None, dt.datetime(2023, 12, 24)], pa.timestamp("ms", tz="UTC"))
    path = _parquet(tmp_path / "news.parquet", rows, published=stamps)
    report = corpuslint.lint([str(path)], select=["D001", "D002"], config={"fields": {"date": "published"}})
    assert [(f.code, f.location.line) for f in report.findings] == [("D001", 2)]


def test_a_struct_column_is_read_as_nested_fields(tmp_path):
    pa = _pyarrow()
    rows = _rows(2)
    meta = pa.array([{"url": "https://example.org/a", "section": "local"}, None],
                    pa.struct([("url", pa.string()), ("section", pa.string())]))
    path = _parquet(tmp_path / "news.parquet", rows, meta=meta)
    first, second = _docs(_items(path))
    assert first.fields["meta.url"].text == "https://example.org/a"
    assert first.fields["text"].text == rows[0]["text"] and "meta.url" not in second.fields


def _hf_dataset(folder, rows, stream=True):
    """A folder like the one ``datasets.Dataset.save_to_disk`` writes (without needing ``datasets``)."""
    pa = _pyarrow()
    folder.mkdir()
    table = pa.table({key: [row[key] for row in rows] for key in rows[0]})
    sink = folder / "data-00000-of-00001.arrow"
    writer = pa.ipc.new_stream if stream else pa.ipc.new_file
    with writer(str(sink), table.schema) as out:
        for batch in table.to_batches(max_chunksize=4):
            out.write_batch(batch)
    (folder / "dataset_info.json").write_text(json.dumps({"features": {"text": {"dtype": "string"}}}))
    (folder / "state.json").write_text(json.dumps({"_data_files": [{"filename": sink.name}]}))
    return folder


@pytest.mark.parametrize("stream", [True, False])
def test_a_saved_hugging_face_dataset_is_read_from_its_arrow_files(tmp_path, stream):
    rows = _rows(10)
    folder = _hf_dataset(tmp_path / "train", rows, stream)
    report = corpuslint.lint([str(folder)], select=["T002", "F"])
    assert (report.documents, report.files) == (10, 1)  # the metadata files are skipped
    assert [(f.location.path.rsplit("/", 1)[-1], f.location.line) for f in report.findings] == [
        ("data-00000-of-00001.arrow", i + 1) for i, row in enumerate(rows) if PLANTED in row["text"]]


def test_a_truncated_parquet_file_is_one_finding(tmp_path):
    path = _parquet(tmp_path / "news.parquet", _rows(11))
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    report = corpuslint.lint([str(path)])
    assert len(report.findings) == 1 and report.findings[0].code in ("F001", "F006")
    assert _problems(_items(path)) == [
        ("F001", 1, 1, "cannot read Parquet data at all: not a valid Parquet file, or a corrupt or truncated one; "
                       "check that the file was written completely")]


def test_an_arrow_stream_cut_short_keeps_the_rows_before(tmp_path):
    folder = _hf_dataset(tmp_path / "train", _rows(10))
    path = folder / "data-00000-of-00001.arrow"
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - 200])
    items = _items(path, "arrow")
    assert [d.line for d in _docs(items)] == list(range(1, 9))
    assert _problems(items) == [
        ("F001", 8, 1, "cannot read Arrow data after row 8: not a valid Arrow file, or a corrupt or truncated one; "
                       "check that the file was written completely")]


def test_without_pyarrow_a_parquet_file_is_one_f001_with_the_install_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    path = tmp_path / "news.parquet"
    path.write_bytes(b"PAR1" + b"\0" * 64 + b"PAR1")
    assert _problems(_items(path)) == [
        ("F001", 1, 1, "not read: reading Parquet needs pyarrow: pip install 'news-corpuslint[parquet]'")]


def test_a_value_over_the_size_limit_makes_its_row_f005(tmp_path):
    rows = _rows(3)
    rows[1]["text"] = "word " * 1000
    items = _items(_parquet(tmp_path / "news.parquet", rows), max_bytes=4000)
    assert [d.line for d in _docs(items)] == [1, 3]
    assert _problems(items) == [("F005", 2, 1, "row not linted: a value of 5000 bytes, over the 4000 bytes limit "
                                               "for one document (max-document-mb)")]


def test_a_timestamp_python_cannot_hold_costs_only_its_row(tmp_path):
    pa = _pyarrow()
    far = pa.array([0, 400_000_000_000_000_000, 0], pa.timestamp("us"))  # the middle one is in the year 14646
    items = _items(_parquet(tmp_path / "news.parquet", _rows(3), published=far))
    assert [d.line for d in _docs(items)] == [1, 3]
    assert [(code, line) for code, line, _, _ in _problems(items)] == [("F001", 2)]
    assert "its 'published' value cannot be read" in _problems(items)[0][3]


def test_fixing_a_parquet_file_leaves_it_alone_and_says_so(tmp_path, main):
    path = _parquet(tmp_path / "news.parquet", _rows(4))
    before = path.read_bytes()
    result = main("--fix", "--no-cache", "--select", "T001,T002", str(path))
    assert path.read_bytes() == before
    assert (f"{path}: not fixed: fixes are not written into Parquet files; fix the data where it is made, "
            "or export it to JSON Lines and fix that") in result.stderr
    assert result.returncode == 1


def test_no_note_when_nothing_in_a_parquet_file_is_fixable(tmp_path, main):
    rows = [dict(row, text=row["text"].replace(PLANTED, "a car bomb")) for row in _rows(4)]
    path = _parquet(tmp_path / "news.parquet", rows)
    result = main("--fix", "--no-cache", "--select", "T001,T002", str(path))
    assert "not fixed" not in result.stderr and result.returncode == 0


@pytest.mark.parametrize("row_group", [4, 1000])
def test_a_large_file_is_read_in_parts_of_rows_with_the_same_findings(tmp_path, monkeypatch, row_group):
    """Parts of whole row groups (4 rows each) or of one row group (1000: the file has one)."""
    import pyarrow.parquet as pq

    from corpuslint import chunks
    from corpuslint.config import Settings

    rows = _rows(23)
    rows[17]["title"], rows[17]["date"] = rows[2]["title"], rows[2]["date"]  # one headline on two stories
    rows[17]["text"] = ("Fire crews were called to a warehouse near the station late on Friday night. Nobody "
                        "was hurt, the fire service said, and officers are looking into the cause.")
    _pyarrow()
    path = tmp_path / "news.parquet"
    pq.write_table(_pyarrow().Table.from_pylist(rows), path, row_group_size=row_group)
    monkeypatch.chdir(tmp_path)
    whole = corpuslint.lint("news.parquet", jobs=1)
    monkeypatch.setattr(chunks, "PART_ROWS", 5)
    parts = chunks.split_sources([Source(str(path), "news.parquet", "news.parquet")], Settings())
    assert [(p.first_line, p.roles is not None) for p in parts] == [(1, False)] + [(n, True) for n in (6, 11, 16, 21)]
    assert parts[0].start == 4 and parts[-1].end is None  # after the magic bytes; the last part runs to the end
    read = [[d.line for d in _docs(columnar.read_columnar_file(part, "parquet", {}, 1 << 20))] for part in parts]
    assert read == [list(range(n, min(n + 5, 24))) for n in (1, 6, 11, 16, 21)]
    split = corpuslint.lint("news.parquet", jobs=2)
    assert [f.as_dict() for f in split.findings] == [f.as_dict() for f in whole.findings]
    assert (split.documents, split.files) == (whole.documents, whole.files) == (23, 1)
    assert {(f.code, f.location.line) for f in split.findings} >= {("T001", 1), ("T001", 22), ("H003", 18)}
