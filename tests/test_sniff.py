"""Content that does not match its file's name is one F006 finding (``lint/readers/sniff.py``).

Each case is checked twice: what the sniffer says of the bytes, and what a
whole run reports for the file (exactly one F006, and no other finding, for a
mismatch; no F006 for real articles, records and tables).
"""
import codecs
import gzip
import json
import os
import random
import threading

import pytest

import corpuslint
from corpuslint.readers import ReadProblem, Source, format_of, read
from corpuslint.readers.sniff import HEAD_BYTES, JSON_BYTES, content_mismatch, mismatch

ARTICLE = ("Bridge reopens\n\ndate 2021-08-04\n\nThe swing bridge over Millbrook harbour reopened to traffic "
           "this morning after eleven months of repairs, the council said.\n")
NOISE = random.Random(7).randbytes(20_000)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(16)
RECORDS = [{"id": n, "title": f"Bridge vote {n} delayed", "text": "The council voted to delay the bridge."}
           for n in range(50)]
PRETTY_ARRAY = json.dumps(RECORDS, indent=2).encode()
PRETTY_OBJECTS = "\n".join(json.dumps(record, indent=4) for record in RECORDS).encode()
JSON_LINES = "".join(json.dumps(record) + "\n" for record in RECORDS).encode()
HTML_PAGE = (b"<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Bridge reopens</title></head>\n"
             b"<body><article><p>The bridge reopened.</p></article></body>\n</html>\n")

#: name -> (bytes, what the F006 message says)
MISMATCHED = {
    "noise.txt": (NOISE, "holds binary data (many control bytes), not text"),
    "zeros.txt": (b"Bridge\n\n" + bytes(300) + b"The bridge reopened.\n", "holds binary data (many zero bytes)"),
    "photo.txt": (JPEG, "holds a JPEG image, not text"),
    "scan.md": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "holds a PDF document, not text"),
    "news.txt": (gzip.compress(ARTICLE.encode()), "holds gzip-compressed data: name it news.txt.gz"),
    "article.txt": (json.dumps({"title": "Bridge reopens", "text": "The bridge reopened."}).encode(),
                    "holds JSON, not article text; name it .json or .jsonl to lint its records"),
    "array.txt": (json.dumps([{"title": "A", "text": "a"}, {"title": "B", "text": "b"}], indent=2).encode(),
                  "holds JSON, not article text"),
    "lines.txt": (b'{"title": "A", "text": "a"}\n{"title": "B", "text": "b"}\n', "holds JSON, not article text"),
    "page.txt": (HTML_PAGE, "holds an HTML page; extract the article text first"),
    "page.md": (b"<html><body><p>The bridge reopened.</p></body></html>", "holds an HTML page"),
    "saved.txt": (b"<meta charset=\"utf-8\">\n<title>Bridge</title>\n<body>\n<p>The bridge reopened.</p>\n",
                  "holds an HTML page"),
    "page.txt.gz": (gzip.compress(HTML_PAGE), "holds an HTML page"),
    "feed.txt": (b'<?xml version="1.0"?>\n<rss><channel><title>News</title></channel></rss>\n',
                 "holds an XML document, not article text"),
    "records.jsonl": (NOISE, "holds binary data (many control bytes)"),
    "pretty.jsonl": (PRETTY_ARRAY, "holds a JSON array, not JSON Lines; name it .json to lint its records"),
    "crlf.jsonl": (PRETTY_ARRAY.replace(b"\n", b"\r\n"), "holds a JSON array, not JSON Lines"),
    "pretty.ndjson.gz": (gzip.compress(b"\n\n" + PRETTY_ARRAY), "holds a JSON array, not JSON Lines"),
    "objects.jsonl": (PRETTY_OBJECTS, "holds JSON objects spread over several lines, not JSON Lines; name it .json"),
    "first-key-on-line-1.jsonl": (b'{"title": "A",\n "text": "a"}\n', "holds JSON objects spread over several lines"),
    "export.csv": (PRETTY_ARRAY, "holds JSON, not CSV; name it .json or .jsonl to lint its records"),
    "lines.tsv": (JSON_LINES, "holds JSON, not CSV"),
    "one.csv.gz": (gzip.compress(json.dumps(RECORDS[0]).encode()), "holds JSON, not CSV"),
    "records.csv": (b"PK\x03\x04" + NOISE, "holds a zip archive"),
    "data.csv": (b"PAR1" + NOISE, "holds a Parquet file: name it data.parquet"),
    "plain.txt.gz": (ARTICLE.encode(), "is named .gz but holds text, not gzip-compressed data; rename it without .gz"),
    "x.parquet": (NOISE, "not a Parquet file (it does not start with PAR1): it holds binary data"),
    "text.parquet": (b"id,title,text\n1,Bridge,The bridge reopened.\n", "it holds text; name the file for what"),
    "empty.parquet": (b"", "is empty, not a Parquet file"),
    "cut.parquet": (b"PAR1" + NOISE, "starts as a Parquet file but does not end as one: it is truncated"),
    "x.arrow": (b"The bridge reopened.\n" * 10, "not an Arrow file or stream: it holds text"),
}

#: name -> bytes that are what the name says (or are decoded and linted as such)
MATCHED = {
    "article.txt": ARTICLE.encode(),
    "inline-tags.txt": b"Bridge reopens\n\nThe <b>swing bridge</b> reopened <i>today</i> after repairs.<br>\n",
    "fenced.md": b'# Bridge reopens\n\n```json\n{"title": "Bridge", "text": "a"}\n```\n\nThe bridge reopened.\n',
    "html-in-markdown.md": b'<p align="center"><img src="bridge.png"></p>\n\n# Bridge reopens\n\nThe bridge.\n',
    "front-matter.md": b'{"title": "Bridge reopens"}\n\nThe bridge reopened to traffic this morning.\n',
    "footnote.txt": b"[1] Bridge reopens\n\nThe bridge reopened.\n",
    "braces.txt": b"{Updated} Bridge reopens\n\nThe bridge reopened.\n",
    "tag-talk.txt": b"Why <body> matters\n\nThe <head> and <body> tags of a page were the subject.\n",
    "utf16-bom.txt": ARTICLE.encode("utf-16"),
    "utf16-le.txt": ARTICLE.encode("utf-16-le"),
    "utf16-be.txt": ARTICLE.encode("utf-16-be"),
    "utf32.txt": ARTICLE.encode("utf-32"),
    "utf8-bom.txt": codecs.BOM_UTF8 + ARTICLE.encode(),
    "latin1.txt": "Café reopens\n\nThe café reopened.\n".encode("latin-1"),
    "one-zero.txt": b"Bridge\n\nThe bridge\x00 reopened today after a long wait for everyone.\n",
    "empty.txt": b"",
    "one-byte.txt": b"x",
    "article.txt.gz": gzip.compress(ARTICLE.encode()),
    "records.jsonl": b'{"title": "A", "text": "a"}\n',
    "utf16.jsonl": '{"title": "A", "text": "a"}\n'.encode("utf-16-le"),
    "records.csv": b"id,title,text\n1,A,a\n",
    "lines.jsonl": JSON_LINES,
    "long-first-line.jsonl": json.dumps({"title": "A", "text": "word " * HEAD_BYTES}).encode() + b"\n" + JSON_LINES,
    "bracketed-header.csv": b"[id],title,text\n1,A,a\n",
    "brace-cell.tsv": b'{"a": 1}\tBridge\tThe bridge reopened.\n{"a": 2}\tQuay\tThe quay reopened.\n',
}


def _lint(tmp_path, monkeypatch, name, data, select=("ALL",)):
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    return corpuslint.lint([name], select=list(select)).findings


@pytest.mark.parametrize("name", MISMATCHED)
def test_a_mismatch_is_one_finding_and_nothing_else(tmp_path, monkeypatch, name):
    data, message = MISMATCHED[name]
    found = _lint(tmp_path, monkeypatch, name, data)
    assert [(f.code, f.path, f.location.line, f.location.column) for f in found] == [("F006", name, 1, 1)]
    assert found[0].message.startswith("not linted: ") and message in found[0].message, found[0].message
    assert found[0].severity == "error"


@pytest.mark.parametrize("name", MATCHED)
def test_content_that_matches_its_name_is_read(tmp_path, monkeypatch, name):
    found = _lint(tmp_path, monkeypatch, name, MATCHED[name])
    assert "F006" not in {f.code for f in found}, [f.message for f in found if f.code == "F006"]
    assert mismatch(Source(str(tmp_path / name), name, name), format_of(name)) is None


def test_inline_tags_are_left_to_the_unicode_rules(tmp_path, monkeypatch):
    found = _lint(tmp_path, monkeypatch, "a.txt", MATCHED["inline-tags.txt"], select=["F006", "U003"])
    assert [f.code for f in found] == ["U003"] * 5


def test_a_real_parquet_file_and_arrow_files_are_not_mismatched(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow has no Parquet support here")
    table = pa.table({"title": ["Bridge reopens"], "text": ["The bridge reopened."]})
    pq.write_table(table, tmp_path / "a.parquet")
    with pa.ipc.new_file(tmp_path / "file.arrow", table.schema) as writer:
        writer.write_table(table)
    with pa.ipc.new_stream(tmp_path / "stream.arrow", table.schema) as writer:
        writer.write_table(table)
    legacy = pa.ipc.IpcWriteOptions(use_legacy_format=True)
    with pa.ipc.new_stream(tmp_path / "legacy.arrow", table.schema, options=legacy) as writer:
        writer.write_table(table)
    for name, kind in [("a.parquet", "parquet"), ("file.arrow", "arrow"), ("stream.arrow", "arrow"),
                       ("legacy.arrow", "arrow")]:
        assert mismatch(Source(str(tmp_path / name), name, name), kind) is None, name


def test_json_longer_than_what_is_parsed_is_still_json():
    value = json.dumps([{"title": "Bridge", "text": "word " * 100_000}] * 5).encode()
    assert len(value) > JSON_BYTES
    assert "holds JSON" in content_mismatch(value[:JSON_BYTES], "text", "a.txt", complete=False)
    prose = b"[" + b"Updated] Bridge reopens " * 50_000
    assert content_mismatch(prose[:JSON_BYTES], "text", "a.txt", complete=False) is None


def test_a_json_value_cut_short_counts_only_when_the_file_goes_on():
    cut = b'{"title": "Bridge", "text": "The bridge'
    assert content_mismatch(cut, "text", "a.txt", complete=True) is None
    assert "holds JSON" in content_mismatch(cut, "text", "a.txt", complete=False)


def test_binary_past_the_head_is_still_one_f006(tmp_path, monkeypatch):
    data = b"Bridge reopens\n\n" + b"The bridge reopened. " * (HEAD_BYTES // 20) + bytes(4000)
    assert content_mismatch(data[:HEAD_BYTES], "text", "a.txt", complete=False) is None
    found = _lint(tmp_path, monkeypatch, "late.txt", data)
    assert [(f.code, f.message) for f in found] == [
        ("F006", "not linted: contains many zero bytes: this looks like a binary file, not text")]


def test_only_the_first_part_of_a_split_file_reports_it(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(NOISE * 3)
    first = list(read(Source(str(path), "big.jsonl", "big.jsonl", 0, 20_000)))
    later = list(read(Source(str(path), "big.jsonl", "big.jsonl", 20_000, None, 100)))
    assert [(p.code, p.location.line) for p in first] == [("F006", 1)]
    assert isinstance(first[0], ReadProblem) and later == []


def test_a_named_pipe_is_not_read_by_the_sniffer(tmp_path):
    """The pipe's bytes all reach its reader: the sniffer never opens it."""
    os.mkfifo(tmp_path / "pipe.txt")
    data = ARTICLE.encode() * 10

    def write():
        with open(tmp_path / "pipe.txt", "wb") as fh:
            fh.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert mismatch(Source(str(tmp_path / "pipe.txt"), "pipe.txt", "pipe.txt", named=True), "text") is None
    finally:
        with open(tmp_path / "pipe.txt", "rb") as fh:  # lets the writer finish whatever happened
            received = fh.read()
        writer.join()
    assert received == data


def test_an_unreadable_or_missing_file_is_left_to_its_reader(tmp_path):
    assert mismatch(Source(str(tmp_path / "gone.txt"), "gone.txt", "gone.txt"), "text") is None
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(JPEG * 100)[:30])
    assert mismatch(Source(str(tmp_path / "cut.txt.gz"), "cut.txt.gz", "cut.txt.gz"), "text") is None


def test_a_one_line_array_in_json_lines_is_one_malformed_line(tmp_path, monkeypatch):
    data = json.dumps(RECORDS[:2]).encode() + b"\n" + JSON_LINES
    assert content_mismatch(data, "jsonl", "a.jsonl", complete=True) is None
    found = _lint(tmp_path, monkeypatch, "a.jsonl", data, select=["F002", "F006"])
    assert [(f.code, f.location.line) for f in found] == [("F002", 1)]
    assert "record is a JSON list, not an object" in found[0].message


def test_json_lines_with_a_broken_first_line_is_read_as_json_lines(tmp_path, monkeypatch):
    data = b'{"title": "A", "text": "a"\n' + JSON_LINES
    found = _lint(tmp_path, monkeypatch, "a.jsonl", data, select=["F002", "F006"])
    assert [(f.code, f.location.line) for f in found] == [("F002", 1)]
    spread = b"[\n" + JSON_LINES  # an opening bracket, then lines that are no array's items
    assert content_mismatch(spread, "jsonl", "a.jsonl", complete=True) is None


def test_a_pretty_array_longer_than_what_is_parsed_is_still_one_f006(tmp_path, monkeypatch):
    data = json.dumps(RECORDS * 600, indent=2).encode()
    assert len(data) > JSON_BYTES
    found = _lint(tmp_path, monkeypatch, "big.jsonl", data)
    assert [(f.code, f.location.line) for f in found] == [("F006", 1)]
    assert "holds a JSON array, not JSON Lines" in found[0].message
    assert content_mismatch(data[:HEAD_BYTES], "jsonl", "big.jsonl", complete=False) is not None


def test_brackets_nested_deep_and_huge_integers_do_not_break_the_sniffer():
    deep = b"[" * 100_000 + b"\n" + JSON_LINES
    for kind, name in [("text", "a.txt"), ("jsonl", "a.jsonl"), ("csv", "a.csv")]:
        assert content_mismatch(deep, kind, name, complete=True) is None
    huge = b'[\n  {"id": ' + b"1" * 5000 + b', "text": "a"}\n]\n'
    assert "holds JSON" in content_mismatch(huge, "text", "a.txt", complete=True)
    assert "holds a JSON array" in content_mismatch(huge, "jsonl", "a.jsonl", complete=True)
