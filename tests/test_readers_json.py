"""The ``.json`` reader: one object per file, arrays of objects, JSON Lines in a ``.json`` file.

Articles are generated here; each carries the spun phrase "a auto bomb", whose
T002 ('a auto') and T001 ('auto bomb') findings let the tests check lines and
columns against the text of the file.
"""
import codecs
import gzip
import json
import os

import pytest

import corpuslint
from corpuslint.readers import ReadProblem, Source, jsonfile, read

TOWNS = ["Port Ellery", "Saltmarsh", "Kellan Bay", "Ashford Vale", "Millbrook"]
PLANTED = "a auto bomb"


def _article(i: int) -> dict:
    town = TOWNS[i % len(TOWNS)]
    return {"id": f"a{i + 1}", "title": f"{town} council backs harbour plan",
            "date": f"2024-03-1{i % 9}",
            "text": f"Officials in {town} said on Tuesday that work would start in spring. "
                    f"Police said {PLANTED} had been found near the depot. The council met {3 + i} times."}


def _items(path, max_bytes=20 * 1024 * 1024):
    return list(read(Source(str(path), path.name, path.name), {}, max_bytes))


def _docs(items):
    return [item for item in items if not isinstance(item, ReadProblem)]


def _problems(items):
    return [(p.code, p.location.line, p.location.column, p.message) for p in items if isinstance(p, ReadProblem)]


def _planted_positions(text: str) -> list[tuple[int, int]]:
    """``(line, column)`` of each planted 'a auto' in the file's text."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        at = line.find(PLANTED)
        while at != -1:
            found.append((number, at + 1))
            at = line.find(PLANTED, at + 1)
    return found


def _t002(path) -> list[tuple[int, int]]:
    report = corpuslint.lint([str(path)], select=["T002"])
    return [(f.location.line, f.location.column) for f in report.findings]


def test_a_folder_of_single_object_files_is_linted(tmp_path):
    for i in range(3):
        (tmp_path / f"story{i}.json").write_text(json.dumps(_article(i), indent=2), encoding="utf-8")
    report = corpuslint.lint([str(tmp_path)], select=["T001", "T002"])
    assert (report.documents, report.files) == (3, 3)
    assert sorted((f.location.path.rsplit("/", 1)[-1], f.code) for f in report.findings) == [
        (f"story{i}.json", code) for i in range(3) for code in ("T001", "T002")]


def test_a_single_object_is_one_fixable_record_on_line_1(tmp_path):
    path = tmp_path / "story.json"
    text = json.dumps(_article(0), indent=4) + "\n"
    path.write_text(text, encoding="utf-8")
    (doc,) = _docs(_items(path))
    assert (doc.id, doc.line, doc.format) == ("story.json#a1", 1, "json")
    assert doc.editor is not None
    assert _t002(path) == _planted_positions(text)


@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_array_elements_are_records_located_where_they_start(tmp_path, indent):
    path = tmp_path / "stories.json"
    text = json.dumps([_article(i) for i in range(4)], indent=indent)
    path.write_text(text, encoding="utf-8")
    docs = _docs(_items(path))
    assert [d.id for d in docs] == [f"stories.json#a{i}" for i in range(1, 5)]
    assert all(d.editor is None for d in docs)  # fixes are not written into arrays
    if indent is None:
        assert [d.line for d in docs] == [1, 1, 1, 1]
    else:
        assert [d.line for d in docs] == [line for line, part in enumerate(text.split("\n"), 1)
                                          if part.strip() == "{"]
    positions = _planted_positions(text)
    assert len(positions) == 4 and _t002(path) == positions


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_reading_in_small_chunks_changes_nothing(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(jsonfile, "CHUNK_CHARS", chunk)
    rows = [_article(i) for i in range(5)]
    rows[2]["text"] = "Esc\\aped \"quotes\" and \u00e9 \\\\ " + rows[2]["text"]
    path = tmp_path / "stories.json"
    text = json.dumps(rows, indent=1, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    docs = _docs(_items(path))
    assert [d.fields["text"].text for d in docs] == [r["text"] for r in rows]
    assert _t002(path) == _planted_positions(text)


def test_json_lines_in_a_json_file_read_as_json_lines(tmp_path):
    path = tmp_path / "wire.json"
    lines = [json.dumps(_article(i)) for i in range(3)]
    path.write_text(lines[0] + "\n" + '{"title": "broken",\n' + lines[1] + "\n\n" + lines[2] + "\n", encoding="utf-8")
    items = _items(path)
    assert [(d.id, d.line) for d in _docs(items)] == [("wire.json#a1", 1), ("wire.json#a2", 3), ("wire.json#a3", 5)]
    assert all(d.editor is not None for d in _docs(items))
    assert [(code, line) for code, line, _, _ in _problems(items)] == [("F002", 2)]


def test_objects_one_after_another_over_several_lines_are_records(tmp_path):
    path = tmp_path / "jq.json"  # what `jq '.[]'` prints
    text = "".join(json.dumps(_article(i), indent=2) + "\n" for i in range(3))
    path.write_text(text, encoding="utf-8")
    docs = _docs(_items(path))
    assert [d.line for d in docs] == [1, 7, 13]
    assert _t002(path) == _planted_positions(text)


@pytest.mark.parametrize(("content", "found", "column"), [
    ('"just a string"\n', "a JSON string", 1),
    ("  42", "a JSON number", 3),
    ("null", "null", 1),
    ('[1, 2, 3, "a", "b"]', "an array of numbers", 2),
    ('[["a"], ["b"]]', "an array of arrays", 2),
    ("<html><body>Not found</body></html>", "text that is not JSON", 1),
])
def test_a_file_that_holds_no_object_is_one_f002(tmp_path, content, found, column):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    items = _items(path)
    assert _problems(items) == [("F002", 1, column, "expected a JSON object, an array of objects or JSON Lines; "
                                                     f"found {found}")]
    assert not _docs(items)


def test_broken_json_is_one_f002_where_it_breaks(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{\n  "title": "A",\n  "text": "B",,\n}\n', encoding="utf-8")
    assert _problems(_items(path)) == [("F002", 3, 15, "malformed JSON: Expecting property name enclosed in "
                                                       "double quotes")]


def test_a_bad_element_is_reported_and_the_next_one_read(tmp_path):
    path = tmp_path / "x.json"
    good = json.dumps(_article(0))
    path.write_text(f'[\n{good},\n{{"title": nope}},\n7,\n{good.replace("a1", "a3")}\n]\n', encoding="utf-8")
    items = _items(path)
    assert [(d.id, d.line) for d in _docs(items)] == [("x.json#a1", 2), ("x.json#a3", 5)]
    assert _problems(items) == [
        ("F002", 3, 11, "malformed JSON: Expecting value"),
        ("F002", 4, 1, "element is a JSON number, not an object; each element of the array must be one JSON object")]


@pytest.mark.parametrize(("tail", "expected"), [
    ('{"title": "B", "text": "cut sho', ("F002", 1, "truncated record: the file ends inside a JSON value")),
    ('{"title": "B"}', ("F002", 1, "truncated record: the file ends inside a JSON value")),
    ('{"title": "B"} {"title": "C"}]', ("F002", 1, "malformed JSON: expected ',' or ']' after an element of the "
                                                   "array; the rest of the file is not read")),
    ('{"title": "B"}] trailing', ("F002", 1, "malformed JSON: expected nothing after the array; the rest of the "
                                             "file is not read")),
])
def test_an_array_cut_short_or_followed_by_more_is_one_f002(tmp_path, tail, expected):
    path = tmp_path / "x.json"
    path.write_text('[{"title": "A", "text": "a"}, ' + tail, encoding="utf-8")
    items = _items(path)
    assert [(code, line, message) for code, line, _, message in _problems(items) if code != "F004"] == [expected]
    assert _docs(items)[0].fields["title"].text == "A"


def test_gzipped_json(tmp_path):
    path = tmp_path / "stories.json.gz"
    path.write_bytes(gzip.compress(json.dumps([_article(0), _article(1)]).encode("utf-8")))
    assert [d.id for d in _docs(_items(path))] == ["stories.json.gz#a1", "stories.json.gz#a2"]


@pytest.mark.parametrize("shape", ["object", "array", "lines"])
def test_a_utf8_byte_order_mark_is_read_and_reported_once(tmp_path, shape):
    rows = [_article(0), _article(1)]
    text = {"object": json.dumps(rows[0], indent=2), "array": json.dumps(rows, indent=2),
            "lines": "".join(json.dumps(r) + "\n" for r in rows)}[shape]
    path = tmp_path / "x.json"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    items = _items(path)
    assert _problems(items) == [("U005", 1, 1, "file starts with a UTF-8 byte-order mark; "
                                               "save it as UTF-8 without BOM")]
    assert len(_docs(items)) == (1 if shape == "object" else 2)
    assert _t002(path) == _planted_positions(text)


def test_utf16_json_is_decoded_and_reported(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(codecs.BOM_UTF16_LE + json.dumps([_article(0)], indent=2).encode("utf-16-le"))
    items = _items(path)
    assert _problems(items) == [("U005", 1, 1, "file is UTF-16, not UTF-8; convert it to UTF-8")]
    assert _docs(items)[0].fields["title"].text == _article(0)["title"]


def test_bytes_that_are_not_utf8_are_reported_in_their_element(tmp_path):
    path = tmp_path / "x.json"
    first = json.dumps(_article(0)).encode("utf-8")
    second = '{"title": "Caf\u00e9 reopens", "text": "The caf\u00e9 \u2014 at last."}'.encode("utf-8")
    path.write_bytes(b"[\n" + first + b",\n  " + second.replace("\u2014".encode("utf-8"), b"\x97") + b"\n]\n")
    docs = _docs(_items(path))
    assert docs[1].fields["text"].text == "The caf\u00e9 \ufffd at last."
    (issue,) = docs[1].decode_issues
    assert (issue.location.line, issue.location.column) == (3, second.decode("utf-8").index("\u2014") + 3)
    assert not docs[0].decode_issues


def test_an_element_over_the_size_limit_is_f005_and_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonfile, "CHUNK_CHARS", 256)
    big = dict(_article(1), text="word " * 2000)
    path = tmp_path / "x.json"
    text = json.dumps([_article(0), big, _article(2)], indent=2)
    path.write_text(text, encoding="utf-8")
    items = _items(path, max_bytes=4000)
    assert [(d.id, d.line) for d in _docs(items)] == [("x.json#a1", 2), ("x.json#a3", 14)]
    ((code, line, _, message),) = _problems(items)
    assert (code, line) == ("F005", 8)
    assert message.startswith("record not linted: ") and "over the 4000 bytes limit" in message


def test_a_single_object_over_the_size_limit_is_f005(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(dict(_article(0), text="word " * 2000)), encoding="utf-8")
    items = _items(path, max_bytes=4000)
    assert [code for code, *_ in _problems(items)] == ["F005"] and not _docs(items)


def test_hugging_face_metadata_next_to_arrow_files_is_not_an_article(tmp_path):
    info = {"description": "", "features": {"text": {"dtype": "string", "_type": "Value"}}}
    (tmp_path / "dataset_info.json").write_text(json.dumps(info), encoding="utf-8")
    (tmp_path / "state.json").write_text(json.dumps({"_data_files": [{"filename": "data-00000-of-00001.arrow"}]}),
                                         encoding="utf-8")
    assert _items(tmp_path / "dataset_info.json")  # without the data files it is just a JSON file
    (tmp_path / "data-00000-of-00001.arrow").write_bytes(b"")
    assert _items(tmp_path / "dataset_info.json") == [] and _items(tmp_path / "state.json") == []
    (tmp_path.parent / "dataset_dict.json").write_text('{"splits": ["train"]}', encoding="utf-8")
    assert jsonfile.is_dataset_metadata(str(tmp_path.parent / "dataset_dict.json"))


def test_fixing_a_single_object_file_writes_the_fix(tmp_path, main):
    path = tmp_path / "story.json"
    text = json.dumps(_article(0), indent=2).replace("\n", "\r\n") + "  \r\n\r\n"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    result = main("--fix", "--no-cache", "--select", "T001,T002", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == codecs.BOM_UTF8 + text.replace(PLANTED, "a car bomb").encode("utf-8")


def test_fixing_an_array_leaves_it_alone_and_says_so(tmp_path, main):
    path = tmp_path / "stories.json"
    text = json.dumps([_article(0), _article(1)], indent=2)
    path.write_text(text, encoding="utf-8")
    result = main("--fix", "--no-cache", "--select", "T001,T002", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert (f"{path}: not fixed: 2 record(s) with fixes are elements of a JSON array, and fixes are not written "
            "into JSON arrays; convert the file to JSON Lines (one object per line) to fix them") in result.stderr
    assert result.returncode == 1


def test_a_null_text_in_a_one_article_file_is_a_missing_text_not_the_summary(tmp_path):
    summary = ("The council approved the budget on Tuesday after a long debate about the harbour, the "
               "ferries and the new library that residents have asked for since the last election.")
    for i, text in enumerate(["Officials said the council approved the budget after a debate. " * 3, None, "None"]):
        record = {"title": f"Council approves budget plan {i}", "date": "2024-03-01", "summary": summary,
                  "text": text}
        (tmp_path / f"a{i}.json").write_text(json.dumps(record), encoding="utf-8")
    report = corpuslint.lint([str(tmp_path)], jobs=1, select=["Q001", "Q002", "F004"])
    assert sorted((os.path.basename(f.path), f.code, f.message.split(" (")[0]) for f in report.findings) == [
        ("a1.json", "Q002", "the record has no text"),
        ("a2.json", "Q001", "the body is only placeholder text 'None'; write the real body or drop the document")]


@pytest.mark.parametrize("name", ["huge.jsonl", "huge.json"])
def test_an_integer_of_5000_digits_is_a_value_not_a_reader_failure(tmp_path, name):
    digits = "9" * 5000
    (tmp_path / name).write_text('{"title": "Big number day", "n": ' + digits + ', "date": ' + digits
                                 + ', "text": "The council said the number was very large indeed."}\n')
    report = corpuslint.lint([str(tmp_path / name)], jobs=1)
    codes = {f.code for f in report.findings}
    assert "F900" not in codes and report.documents == 1
    assert "D002" in codes  # the date field holds a number no date can be
