"""Readers: structure of plain text, record fields and their positions, decoding."""
import gzip
import json

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
    result = decode("naïve ".encode() + b"\xff\xfe" + " end".encode())
    assert result.text == "naïve \ufffd\ufffd end"
    assert result.issues == [(6, 8, "invalid UTF-8 (0xFF 0xFE) replaced by U+FFFD; the original character is lost")]


def test_decode_utf16_with_and_without_bom():
    assert decode("hello".encode("utf-16")).text == "hello"
    no_bom = decode("hello world, this is text".encode("utf-16-le"))
    assert (no_bom.text, no_bom.encoding) == ("hello world, this is text", "utf-16-le")


def test_decode_rejects_binary():
    with pytest.raises(BinaryFile):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(64) + bytes(range(256)))


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_json_positions_agree_with_the_decoder(ensure_ascii):
    from hypothesis import given, settings, strategies as st

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
