"""Readers: structure of plain text, record fields and their positions, decoding."""
import codecs
import gzip
import json
import os

import pytest

from corpuslint.readers import Source, read
from corpuslint.readers.decode import BinaryFile, decode
from corpuslint.readers.plaintext import document_from_text


def doc_of(text):
    return document_from_text(Source("a.txt", "a.txt", "a.txt"), text)


def spans(items):
    return [s.text for s in items]


def test_single_headline_and_paragraphs():
    doc = doc_of("Bridge reopens\n\nThe bridge reopened.\n\nIt was late.\n")
    assert spans(doc.headlines) == ["Bridge reopens"]
    assert spans(doc.paragraphs) == ["The bridge reopened.", "It was late."]
    assert doc.dates == []


def test_stacked_headlines_stop_at_the_first_sentence():
    doc = doc_of("Harbour master: ferry may sail again\n\nCrews vote to end the strike on the Kellan run\n\n"
                 "Ferry Operator Accepts Rosters, Drops Pay Claim\n\nThe union said on Monday it had voted.\n\n"
                 "Short closing line\n")
    assert spans(doc.headlines) == ["Harbour master: ferry may sail again",
                                    "Crews vote to end the strike on the Kellan run",
                                    "Ferry Operator Accepts Rosters, Drops Pay Claim"]
    assert spans(doc.paragraphs)[0] == "The union said on Monday it had voted."


def test_long_first_line_is_a_lead_not_a_headline():
    lead = "The swing bridge over Millbrook harbour reopened to traffic this morning after eleven months " \
           "of repairs that cost the town council almost twice what it had planned to spend on them."
    doc = doc_of(f"{lead}\nIt was the longest closure in the bridge's history.\nNobody came to watch.\n")
    assert doc.headlines == []
    assert spans(doc.paragraphs) == [lead, "It was the longest closure in the bridge's history.",
                                     "Nobody came to watch."]


def test_glued_date_marker_and_the_headline_after_it():
    doc = doc_of(" date 2021-08-04 Ferry crews vote to strike as talks on rosters fail.\n\nBody text.\n")
    (mention,) = doc.dates
    assert (mention.kind, mention.raw, str(mention.value), mention.marker.text) == \
        ("glued", "2021-08-04", "2021-08-04", "date 2021-08-04 ")
    assert spans(doc.headlines) == ["Ferry crews vote to strike as talks on rosters fail."]


@pytest.mark.parametrize("line,value,error", [
    ("date 2021-08-04", "2021-08-04", None),
    ("Published: 4 August 2021", "2021-08-04", None),
    ("Updated: Wednesday, August 4, 2021 10:02 BST", "2021-08-04", None),
    ("Date: 2005-02-30", None, "day is out of range for month"),
    ("Published: sometime last spring", None, "not a date"),
])
def test_metadata_date_lines(line, value, error):
    doc = doc_of(f"{line}\nBridge reopens\n\nBody.\n")
    (mention,) = doc.dates
    assert mention.kind == "metadata"
    assert (str(mention.value) if mention.value else None, mention.error) == (value, error)
    assert spans(doc.headlines) == ["Bridge reopens"]
    assert spans(doc.metadata) == [line]


def test_byline_markdown_heading_and_dateline():
    doc = doc_of("# Bridge reopens\n\nBy Jane Roe and Sam Poe\n\n"
                 "MILLBROOK, Aug 4 (Reuters) - The bridge reopened.\n")
    assert spans(doc.headlines) == ["Bridge reopens"]
    assert spans(doc.metadata) == ["By Jane Roe and Sam Poe"]
    assert doc.dateline.text == "MILLBROOK, Aug 4 (Reuters) -"
    assert [(d.kind, d.raw) for d in doc.dates] == [("dateline", "Aug 4")]


@pytest.mark.parametrize("line,dateline,day", [
    ("KABUL (Reuters) - Text.", "KABUL (Reuters) -", None),
    ("MILLBROOK, Aug 4 - Text.", "MILLBROOK, Aug 4 -", "Aug 4"),
    ("KELLAN, MARCH 27 - Text.", "KELLAN, MARCH 27 -", "MARCH 27"),
    ("Port Ellery, March 27 (Courier) - Text.", "Port Ellery, March 27 (Courier) -", "March 27"),
    ("Officials - who declined to be named - said so.", None, None),
    ("Port Ellery - the town - voted.", None, None),
])
def test_datelines(line, dateline, day):
    doc = doc_of(f"Headline\n\n{line}\n")
    assert (doc.dateline.text if doc.dateline else None) == dateline
    assert [d.raw for d in doc.dates if d.kind == "dateline"] == ([day] if day else [])


def test_hard_wrapped_indented_paragraphs():
    doc = doc_of("COCOA REVIEW\n    Showers continued throughout\nthe week in the zone.\n"
                 "    The dry period means the\ncrop will be late.\n")
    assert spans(doc.paragraphs) == ["Showers continued throughout\nthe week in the zone.",
                                     "The dry period means the\ncrop will be late."]


def test_locations_are_lines_and_character_columns():
    doc = doc_of("Café reopens\r\n\r\nThe café — at last — reopened.\r\n")
    field = doc.body
    start = field.text.index("reopened.")
    loc = field.location(start, start + 8)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 22, 3, 30)


def _records(tmp_path, name, data, **fields):
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_bytes(data.encode("utf-8"))
    return [d for d in read(Source(str(path), name, name), fields) if hasattr(d, "fields")]


def test_jsonl_offsets_map_through_escapes(tmp_path):
    record = {"id": 7, "title": "Caf\u00e9 \"news\"", "text": "Line one\n\U0001F600 then\tthe word"}
    line = json.dumps(record)  # ensure_ascii: \u00e9, \", \n, a surrogate pair, \t
    (doc,) = _records(tmp_path, "a.jsonl", "\n" + line + "\n")
    assert doc.id == "a.jsonl#7" and doc.line == 2
    body = doc.body
    start = body.text.index("word")
    loc = body.location(start, start + 4)
    assert (loc.line, loc.column, loc.end_column, loc.field) == (2, line.index("word") + 1, line.index("word") + 5,
                                                                 "text")
    title = doc.headlines[0]
    assert title.text == 'Café "news"'
    quote = title.field.text.index('"')
    assert title.field.location(quote).column == line.index('\\"') + 1


def test_csv_offsets_map_through_quotes_and_newlines(tmp_path):
    data = 'id,title,text\n1,Bridge,"He said ""yes"",\nthen the word"\n2,Port,plain text\n'
    docs = _records(tmp_path, "a.csv", data)
    assert [d.id for d in docs] == ["a.csv#1", "a.csv#2"]
    body = docs[0].body
    assert body.text == 'He said "yes",\nthen the word'
    start = body.text.index("word")
    loc = body.location(start, start + 4)
    assert (loc.line, loc.column) == (3, 10)
    loc = docs[1].body.location(6)
    assert (loc.line, loc.column) == (4, 14)


def test_gzip_jsonl_and_ids_without_an_id_field(tmp_path):
    docs = _records(tmp_path, "a.jsonl.gz", '{"title": "A", "text": "a"}\n{"title": "B", "text": "b"}\n')
    assert [d.id for d in docs] == ["a.jsonl.gz:1", "a.jsonl.gz:2"]


def test_record_structure_from_fields(tmp_path):
    line = json.dumps({"title": "KELLAN COCOA REVIEW", "date": "14-MAR-1987 09:30:00.00",
                       "dateline": "    MILLBROOK, Mar 14 -", "text": "Rain fell in the hills.\n    Dry spell."})
    (doc,) = _records(tmp_path, "r.jsonl", line + "\n")
    assert spans(doc.headlines) == ["KELLAN COCOA REVIEW"]
    assert [(d.kind, d.raw, str(d.value)) for d in doc.dates] == [
        ("field", "14-MAR-1987 09:30:00.00", "1987-03-14"), ("dateline", "Mar 14", "None")]
    assert spans(doc.paragraphs) == ["Rain fell in the hills.", "Dry spell."]
    assert [f.name for f in doc.prose] == ["title", "text"]


def test_decode_utf8_plain_and_with_bom():
    assert decode("héllo".encode()).issues == []
    bom = decode(b"\xef\xbb\xbfhello")
    assert (bom.text, bom.encoding) == ("hello", "utf-8-sig")
    assert "byte-order mark" in bom.issues[0][2]


def test_decode_latin1_file_falls_back_to_windows_1252():
    result = decode("Café “news”".encode("cp1252"))
    assert (result.text, result.encoding) == ("Café “news”", "windows-1252")
    assert result.issues == [(3, 4, "file is not valid UTF-8; decoded as Windows-1252: convert it to UTF-8")]


def test_decode_stray_invalid_bytes_become_replacement_characters():
    result = decode("naïve ".encode() + b"\xff\xfe" + b" end")
    assert result.text == "naïve \ufffd\ufffd end"
    assert result.issues == [(6, 8, "invalid UTF-8 (0xFF 0xFE) replaced by U+FFFD; the original character is lost")]


def test_decode_utf16_with_and_without_bom():
    assert decode("hello".encode("utf-16")).text == "hello"
    no_bom = decode("hello world, this is text".encode("utf-16-le"))
    assert (no_bom.text, no_bom.encoding) == ("hello world, this is text", "utf-16-le")


def test_decode_rejects_binary():
    with pytest.raises(BinaryFile):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(64) + bytes(range(256)))


RECORDS = {
    "jsonl": ('{"id": "a", "title": "Quay", "text": "First record, caf\u00e9 \u2014 \U0001F600."}\r\n'
              '{"id": "b", "title": "Port", "text": "Second record."}\n'),
    "csv": 'id,title,text\na,Quay,"First record, caf\u00e9 \u2014 \U0001F600."\nb,Port,"Second\nrecord."\n',
}
FIRST_TEXT = "First record, caf\u00e9 \u2014 \U0001F600."
ENCODED = {
    "utf-8-bom": (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
                  "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"),
    "utf-16-le-bom": (lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
                      "file is UTF-16, not UTF-8; convert it to UTF-8"),
    "utf-16-be-bom": (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
                      "file is UTF-16, not UTF-8; convert it to UTF-8"),
    "utf-16-le": (lambda text: text.encode("utf-16-le"),
                  "file is UTF-16-LE without a byte-order mark, not UTF-8; convert it to UTF-8"),
    "utf-16-be": (lambda text: text.encode("utf-16-be"),
                  "file is UTF-16-BE without a byte-order mark, not UTF-8; convert it to UTF-8"),
    "utf-32-le-bom": (lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
                      "file is UTF-32, not UTF-8; convert it to UTF-8"),
    "utf-32-be-bom": (lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
                      "file is UTF-32, not UTF-8; convert it to UTF-8"),
}


def _read_all(path, name, **source):
    items = list(read(Source(str(path), name, name, **source)))
    problems = [(p.code, p.location.line, p.location.column, p.message) for p in items if not hasattr(p, "fields")]
    docs = [(d.id, d.line, d.fields["title"].text, d.fields["text"].text, d.decode_issues)
            for d in items if hasattr(d, "fields")]
    return problems, docs


@pytest.mark.parametrize("encoding", list(ENCODED))
@pytest.mark.parametrize("name", ["a.jsonl", "a.csv", "a.jsonl.gz", "a.csv.gz"])
def test_record_files_in_other_encodings_keep_their_first_record(tmp_path, name, encoding):
    kind = "csv" if ".csv" in name else "jsonl"
    encode, notice = ENCODED[encoding]
    data = encode(RECORDS[kind])
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    problems, docs = _read_all(tmp_path / name, name)
    assert [p for p in problems if p[0] != "F004"] == [("U005", 1, 1, notice)]  # once, on line 1
    if kind == "jsonl":
        expected = [(f"{name}#a", 1, "Quay", FIRST_TEXT, []), (f"{name}#b", 2, "Port", "Second record.", [])]
    else:
        expected = [(f"{name}#a", 2, "Quay", FIRST_TEXT, []), (f"{name}#b", 3, "Port", "Second\nrecord.", [])]
    assert docs == expected


def test_plain_utf8_record_files_get_no_encoding_notice(tmp_path):
    for kind, text in RECORDS.items():
        (tmp_path / f"a.{kind}").write_text(text, encoding="utf-8", newline="")
        problems, docs = _read_all(tmp_path / f"a.{kind}", f"a.{kind}")
        assert [p for p in problems if p[0] == "U005"] == []
        assert next(d[3] for d in docs) == FIRST_TEXT


def test_a_utf16_file_is_read_whole_by_its_first_part(tmp_path):
    """A part boundary found at a newline byte may fall inside a UTF-16 character."""
    (tmp_path / "a.jsonl").write_bytes(RECORDS["jsonl"].encode("utf-16"))
    _, whole = _read_all(tmp_path / "a.jsonl", "a.jsonl")
    _, first = _read_all(tmp_path / "a.jsonl", "a.jsonl", end=41)
    _, later = _read_all(tmp_path / "a.jsonl", "a.jsonl", start=41, first_line=2)
    assert len(whole) == 2 and first == whole and later == []


def test_invalid_utf16_becomes_replacement_characters(tmp_path):
    data = codecs.BOM_UTF16_LE + '{"title": "Quay", "text": "lone '.encode("utf-16-le") + b"\x00\xd8" + \
        ' surrogate"}\n'.encode("utf-16-le")
    (tmp_path / "a.jsonl").write_bytes(data)
    _, docs = _read_all(tmp_path / "a.jsonl", "a.jsonl")
    assert [d[3] for d in docs] == ["lone \ufffd surrogate"]


def test_a_device_named_as_a_record_file_is_read_only_to_the_limit(tmp_path):
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")  # never ends, and has no line break
    items = list(read(Source(str(tmp_path / "zero.jsonl"), "zero.jsonl", "zero.jsonl"), {}, 1000))
    assert [(p.code, p.location.line, p.message) for p in items] == [
        ("F002", 1, "record not linted: contains many zero bytes: this looks like a binary file, not text"),
        ("F005", 1, "not read past its first 1000 bytes: it is not a regular file and may never end, "
                    "so the limit for one document (max-document-mb) holds for all of it"),
    ]


def test_a_pipe_within_the_limit_is_read_whole(tmp_path):
    import threading

    os.mkfifo(tmp_path / "pipe.jsonl")
    data = RECORDS["jsonl"].encode("utf-16")

    def write():
        with open(tmp_path / "pipe.jsonl", "wb") as fh:
            fh.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    problems, docs = _read_all(tmp_path / "pipe.jsonl", "pipe.jsonl")
    writer.join()
    notice = "file is UTF-16, not UTF-8; convert it to UTF-8"
    assert [p for p in problems if p[0] != "F004"] == [("U005", 1, 1, notice)]
    assert [(d[0], d[1], d[3]) for d in docs] == [("pipe.jsonl#a", 1, FIRST_TEXT),
                                                  ("pipe.jsonl#b", 2, "Second record.")]


@pytest.mark.parametrize("head,codec,bom", [
    (codecs.BOM_UTF32_LE + "{}".encode("utf-32-le"), "utf-32-le", codecs.BOM_UTF32_LE),
    (codecs.BOM_UTF16_LE + "{}".encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
    ('{"a": 1}'.encode("utf-16-be"), "utf-16-be", b""),
    (b'{"a": "\xc3\xa9"}', "utf-8", b""),
    (b"", "utf-8", b""),
])
def test_file_encoding_from_the_first_bytes(head, codec, bom):
    from corpuslint.readers.lines import file_encoding

    found = file_encoding(head)
    assert (found.codec, found.bom, found.wide) == (codec, bom, codec != "utf-8")


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_json_positions_agree_with_the_decoder(ensure_ascii):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from corpuslint.positions import json_string_mapper, json_value_start

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list('ab é"\\\n\t/\u2028\U0001F600\ud800')), max_size=30))
    def check(value):
        raw = json.dumps({"id": 1, "text": value}, ensure_ascii=ensure_ascii)
        start = json_value_start(raw, "text")
        to_raw = json_string_mapper(raw, start)
        for k in range(len(value) + 1):
            assert json.loads(raw[start:to_raw(k)] + '"') == value[:k]

    check()


@pytest.mark.parametrize("raw,expected", [
    ('{"title": "Real", "text": "x"}', 10),
    ('{"meta": {"title": "nested"}, "title": "Real"}', 39),
    ('{"text": "a \\"title\\": trap", "title": "Real"}', 39),
    ('{"title": "first", "title": "Real"}', 28),
    ('{ "title" :\t"Real"}', 12),
])
def test_json_value_start_finds_the_top_level_key(raw, expected):
    from corpuslint.positions import json_value_start

    assert raw[json_value_start(raw, "title"):].startswith('"Real"')
    assert json_value_start(raw, "title") == expected


@pytest.mark.parametrize("raw,expected", [
    ("14-MAR-1987 09:30:00.00", "1987-03-14"),
    ("Wed, 04 Aug 2021 10:02:00 +0000", "2021-08-04"),
    ("August 4, 2021", "2021-08-04"),
    ("4th August 2021", "2021-08-04"),
])
def test_common_dates_do_not_need_dateutil(raw, expected):
    from corpuslint.dates import _common_format

    assert str(_common_format(raw)[0]) == expected
