"""Which field plays which role, found by content: CSV without a header, nested objects, F004's message.

Every corpus here is generated in ``tmp_path``; no third-party text.
"""
import csv
import datetime
import hashlib
import io
import json
import pathlib
import pickle

import pytest
from conftest import shared_path

import corpuslint
from corpuslint.document import Document
from corpuslint.positions import json_value_start
from corpuslint.readers import Source, read
from corpuslint.readers.csvfile import first_row_is_data
from corpuslint.readers.fields import RoleMap, flatten, shape_of
from corpuslint.readers.source import ReadProblem

TOWNS = ["Port Ellery", "Saltmarsh", "Kellan Bay", "Ashford Vale", "Millbrook", "Dunmore", "Harwick", "Elmstead"]
SUBJECTS = ["the ferry service", "the new library", "the harbour wall", "the bus depot", "the school roof",
            "the fishing fleet", "the river bridge", "the market hall"]


def body(i: int) -> str:
    town, subject = TOWNS[i % len(TOWNS)], SUBJECTS[i % len(SUBJECTS)]
    return (f"Officials in {town} said on Tuesday that work on {subject} would start in the spring. "
            f"The council approved a budget of {120 + 7 * i} thousand pounds after a long debate. "
            f"Residents had asked for changes for {3 + i % 5} years, the council said.")


def title(i: int) -> str:
    return f"{TOWNS[i % len(TOWNS)]} council backs plan for {SUBJECTS[i % len(SUBJECTS)][4:]}"


def digest(i: int) -> str:
    return hashlib.sha1(f"cluster {i % 3}".encode()).hexdigest()


def write_csv(path, header, rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def read_all(path, fields=None, columns=None):
    """``(documents, problems)`` of one file."""
    items = list(read(Source(str(path), path.name, path.name), fields or {}, 20 * 1024 * 1024, columns))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, ReadProblem)]


def keys_of(doc) -> dict:
    return {role: key for role, key in doc.roles.keys.items() if key is not None}


def has_roles(doc, **roles) -> bool:
    return roles.items() <= keys_of(doc).items()


# --- text by content --------------------------------------------------------------

def test_a_hash_column_named_story_is_not_the_text(tmp_path):
    rows = [[str(i), digest(i), title(i), body(i), f"2024-03-0{i + 1}"] for i in range(6)]
    path = write_csv(tmp_path / "news.csv", ["id", "story", "headline", "content", "date"], rows)
    docs, problems = read_all(path)
    assert problems == []
    assert keys_of(docs[0])["text"] == "content" and keys_of(docs[0])["title"] == "headline"
    assert docs[0].body.text == body(0)
    report = corpuslint.lint([str(path)])
    assert not [f for f in report.findings if f.code.startswith(("Q", "F"))]


def test_the_longest_prose_wins_and_a_known_name_counts_twice(tmp_path):
    lines = [json.dumps({"summary": body(i), "notes": body(i) + " " + body(i + 1), "title": title(i)})
             for i in range(4)]
    docs, _ = read_all(_write(tmp_path / "a.jsonl", lines))
    assert keys_of(docs[0])["text"] == "notes"
    lines = [json.dumps({"body": body(i), "notes": body(i) + " " + body(i + 1), "title": title(i)})
             for i in range(4)]
    docs, _ = read_all(_write(tmp_path / "b.jsonl", lines))
    assert keys_of(docs[0])["text"] == "body"


def test_a_column_named_title_stays_the_title_even_when_long(tmp_path):
    lines = [json.dumps({"title": body(i), "text": body(i + 1)}) for i in range(3)]
    docs, _ = read_all(_write(tmp_path / "a.jsonl", lines))
    assert (keys_of(docs[0])["title"], keys_of(docs[0])["text"]) == ("title", "text")


def test_a_title_by_content_and_not_a_column_of_labels(tmp_path):
    rows = [[["sport", "news"][i % 2], title(i), body(i)] for i in range(8)]
    path = write_csv(tmp_path / "a.csv", ["label", "heading_text", "words"], rows)
    docs, _ = read_all(path)
    assert keys_of(docs[0])["title"] == "heading_text" and keys_of(docs[0])["text"] == "words"


@pytest.mark.parametrize("value,shape", [
    ("da39a3ee5e6b4b0d3255bfef95601890afd80709", "token"), ("https://example.org/a", "url"), ("1,250", "number"),
    (12, "number"), ("Bridge reopens", "phrase"), (body(0), "prose"), ("sport", "word"), ({"$date": 1}, "object"),
    (datetime.datetime(2020, 1, 2), "date"), (["a"], "list"), ("--- ** ---", "other"),
])
def test_shapes_of_values(value, shape):
    assert shape_of(value) == shape


# --- dates, urls, ids by content ----------------------------------------------------

def test_a_date_column_found_by_content_under_an_unknown_name(tmp_path):
    lines = [json.dumps({"headline": title(i), "text": body(i), "views": 1520000000 + i,
                         "scraped_at": "2024-05-01T10:00:00", "went_out": f"Mar {i + 1}, 2018"}) for i in range(5)]
    docs, problems = read_all(_write(tmp_path / "a.jsonl", lines))
    assert problems == []
    assert keys_of(docs[0])["date"] == "went_out"
    assert [(d.kind, str(d.value)) for d in docs[0].dates] == [("field", "2018-03-01")]


def test_crawl_dates_and_numbers_are_not_the_publication_date(tmp_path):
    lines = [json.dumps({"headline": title(i), "text": body(i), "views": 1520000000 + i,
                         "scraped_at": "2024-05-01T10:00:00"}) for i in range(5)]
    docs, problems = read_all(_write(tmp_path / "a.jsonl", lines))
    assert "date" in docs[0].roles.absent
    assert [p.message.split(";")[0] for p in problems] == ["no date field found in this file"]
    assert "scraped_at (dates)" in problems[0].message and "views (numbers)" in problems[0].message


def test_dates_of_any_type_are_parsed_from_the_original_value(tmp_path):
    lines = [json.dumps({"title": title(0), "text": body(0), "date": {"$date": 1520000000000}}),
             json.dumps({"title": title(1), "text": body(1), "date": 1520000000}),
             json.dumps({"title": title(2), "text": body(2), "date": {"$date": "2018-03-02T14:13:20Z"}})]
    docs, problems = read_all(_write(tmp_path / "a.jsonl", lines))
    assert problems == []
    assert [doc.fields["date"].text for doc in docs] == [
        '{"$date": 1520000000000}', "1520000000", '{"$date": "2018-03-02T14:13:20Z"}']
    assert [str(doc.dates[0].value) for doc in docs] == ["2018-03-02"] * 3
    assert docs[0].dates[0].span.field.location(0).column == lines[0].index("{", 1) + 1


def test_a_named_date_column_of_bad_dates_is_kept_for_d002(tmp_path):
    lines = [json.dumps({"title": title(i), "text": body(i), "date": "sometime soon"}) for i in range(3)]
    docs, _ = read_all(_write(tmp_path / "a.jsonl", lines))
    assert keys_of(docs[0])["date"] == "date" and docs[0].dates[0].error


def test_urls_by_content_and_ids_need_an_id_name_and_unique_values(tmp_path):
    lines = [json.dumps({"ref": f"x-{i}", "code": f"k{i}", "story_id": f"s-{i}", "cluster_id": "c-1",
                         "where": f"https://news.example/{i}", "title": title(i), "text": body(i)})
             for i in range(5)]
    docs, _ = read_all(_write(tmp_path / "a.jsonl", lines))
    assert keys_of(docs[0])["url"] == "where" and keys_of(docs[0])["id"] == "story_id"
    assert docs[0].id == "a.jsonl#s-0"


# --- many records, not the first ----------------------------------------------------

def test_roles_come_from_many_records_when_the_first_lacks_a_field(tmp_path):
    lines = [json.dumps({"text": body(0)})] + [json.dumps({"headline": title(i), "text": body(i),
                                                          "pubdate": "2021-08-04"}) for i in range(1, 4)]
    docs, problems = read_all(_write(tmp_path / "a.jsonl", lines))
    assert problems == []
    assert has_roles(docs[0], title="headline", date="pubdate", text="text")
    assert docs[0].headlines == [] and [s.text for s in docs[1].headlines] == [title(1)]


def test_the_suppression_field_is_read_from_any_record(tmp_path):
    lines = [json.dumps({"title": title(i), "text": body(i) + " The the end.", "date": "2021-08-04"})
             for i in range(4)]
    lines.append(json.dumps({"title": title(4), "text": body(4) + " The the end.", "date": "2021-08-04",
                             "corpuslint_ignore": "T003"}))
    path = _write(tmp_path / "a.jsonl", lines)
    docs, _ = read_all(path)
    assert [doc.suppressed for doc in docs] == [frozenset()] * 4 + [frozenset({"T003"})]
    report = corpuslint.lint([str(path)], select=["T003"])
    assert sorted(f.location.line for f in report.findings) == [1, 2, 3, 4]


# --- nested objects ---------------------------------------------------------------------

def test_flatten_reads_nested_objects_as_dotted_keys():
    record = {"a.b": 1, "a": {"b": 2, "c": {"d": [1]}}, "when": {"$date": 5}, "deep": {"1": {"2": {"3": {"4": 0}}}}}
    assert flatten(record) == {"a.b": 1, "a.c.d": [1], "when": {"$date": 5}, "deep.1.2.3": {"4": 0}}
    assert flatten({"x": 1}) == {"x": 1}


@pytest.mark.parametrize("raw,key,value", [
    ('{"article": {"title": "T", "body": "B"}}', "article.body", '"B"'),
    ('{"article.body": "top", "article": {"body": "nested"}}', "article.body", '"top"'),
    ('{"article": {"body": "nested"}, "article.body": "top"}', "article.body", '"top"'),
    ('{"a": {"b": {"c": 7}}, "c": 1}', "a.b.c", "7"),
    ('{"a": {"b.c": 8, "b": {"c": 9}}}', "a.b.c", "8"),
    ('{"a": {"x": 1}, "a": {"b": "last"}}', "a.b", '"last"'),
    ('{"body": {"text": "x"}, "text": "top"}', "text", '"top"'),
])
def test_json_value_start_follows_dotted_paths(raw, key, value):
    assert raw[json_value_start(raw, key):].startswith(value)


def test_json_value_start_reports_a_missing_path():
    with pytest.raises(KeyError):
        json_value_start('{"a": {"b": 1}}', "a.c")


def test_nested_fields_detected_located_and_fixed(tmp_path, main):
    records = [{"meta": {"id": f"n{i}", "published": "2021-08-04"},
                "article": {"headline": title(i), "body": body(i)}} for i in range(3)]
    records[1]["article"]["body"] = "Police said a auto bomb was found.\n" + body(1)
    lines = [json.dumps(r) for r in records]
    path = _write(tmp_path / "n.jsonl", lines)
    docs, problems = read_all(path)
    assert problems == []
    assert has_roles(docs[0], title="article.headline", text="article.body", date="meta.published", id="meta.id")
    assert docs[1].id == "n.jsonl#n1"
    proc = main("--no-cache", "--select", "T001", "--format", "json", str(path))
    (finding,) = json.loads(proc.stdout)
    assert (finding["line"], finding["column"], finding["field"]) == (2, lines[1].index("auto bomb") + 1,
                                                                      "article.body")
    proc = main("--no-cache", "--select", "T001", "--fix", str(path))
    fixed = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(fixed[1])["article"]["body"].startswith("Police said a car bomb was found.")
    assert fixed[0] == lines[0] and fixed[2] == lines[2]


def test_a_configured_dotted_path(tmp_path):
    lines = [json.dumps({"article": {"body": "Short.", "summary": body(i)}, "title": title(i)}) for i in range(3)]
    docs, _ = read_all(_write(tmp_path / "a.jsonl", lines))
    assert keys_of(docs[0])["text"] == "article.summary"
    docs, problems = read_all(tmp_path / "a.jsonl", fields={"text": "article.body"})
    assert keys_of(docs[0])["text"] == "article.body" and docs[0].body.text == "Short."
    assert "text=article.body (configured)" in docs[0].roles.describe()
    docs, problems = read_all(tmp_path / "a.jsonl", fields={"text": "article.lede"})
    assert [p.message.split(";")[0] for p in problems][:2] == [
        "no date field found in this file", "record has no 'article.lede' field (configured as fields.text)"]


# --- CSV without a header row ---------------------------------------------------------------

def test_a_headerless_csv_is_detected_and_its_first_row_is_a_record(tmp_path):
    rows = [[str(1 + i % 4), title(i), body(i)] for i in range(6)]
    path = write_csv(tmp_path / "a.csv", None, rows)
    docs, problems = read_all(path)
    assert [p.message.split(";")[0] for p in problems] == ["no date field found in this file"]
    assert [d.line for d in docs] == [1, 2, 3, 4, 5, 6]
    assert has_roles(docs[0], title="column_2", text="column_3")
    assert docs[0].body.text == body(0)
    assert docs[0].roles.describe().endswith("; header: none (detected)")
    assert docs[0].body.location(0).line == 1


def test_a_headerless_tsv_with_a_typo_in_its_first_row_gives_a_finding_on_line_1(tmp_path):
    rows = [[title(i), body(i).replace("said on", "said said on") if i == 0 else body(i)] for i in range(4)]
    path = write_csv(tmp_path / "a.tsv", None, rows, delimiter="\t")
    report = corpuslint.lint([str(path)], select=["T003"])
    assert [(f.location.line, f.location.field) for f in report.findings] == [(1, "column_2")]


def test_a_file_with_a_header_keeps_it(tmp_path):
    rows = [[str(i), title(i), body(i), "2021-08-04"] for i in range(4)]
    path = write_csv(tmp_path / "a.csv", ["id", "title", "text", "date"], rows)
    docs, problems = read_all(path)
    assert problems == [] and [d.line for d in docs] == [2, 3, 4, 5]
    assert docs[0].roles.describe() == ("title=title text=text date=date url=(none) id=id dateline=(none); "
                                        "header: first row")


@pytest.mark.parametrize("first,later,data", [
    (["id", "title", "text"], [["1", "A title here", "Some text"]], False),
    (["", "published date", "url"], [["0", "2021-08-04", "https://a.example/1"]], False),
    (["2019", "title"], [["A bridge reopened today", "B"]], False),      # a year as a column name
    (["3", "Wall St. bears claw back", "Text"], [["1", "b", "c"]], True),  # a number over numbers
    (["https://a.example/1", "x"], [["https://a.example/2", "y"]], True),
    (["2021-08-04", "x"], [["2021-08-05", "y"]], True),
    (["x", body(0)], [], True),                                         # prose is never a name
    (["one two three four five six", "x"], [], True),
    (["id", "published_2019", "column12"], [["1", "2021-08-04", "a1b2c3d4e5f6a7b8"]], False),  # names with digits
    (["da39a3ee5e6b4b0d3255bfef95601890afd80709", "x"], [["2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "y"]], True),
])
def test_first_row_is_data(first, later, data):
    assert first_row_is_data(first, later) is data


def test_columns_from_the_configuration_name_a_headerless_file(tmp_path):
    rows = [["sport", title(i), body(i), "extra"] for i in range(3)]
    path = write_csv(tmp_path / "a.csv", None, rows)
    docs, problems = read_all(path, columns=["label", "headline", "story"])
    assert [p.code for p in problems] == ["F004"] and [d.line for d in docs] == [1, 2, 3]
    assert list(docs[0].fields) == ["label", "headline", "story", "column_4"]
    assert has_roles(docs[0], title="headline", text="story")
    assert docs[0].roles.describe().endswith("; header: none (`columns` configured)")


def test_columns_configured_make_a_header_row_data(tmp_path):
    path = write_csv(tmp_path / "a.csv", ["label", "title", "text"], [["sport", title(0), body(0)]])
    docs, _ = read_all(path, columns=["label", "title", "text"])
    assert [d.line for d in docs] == [1, 2] and docs[0].body.text == "text"


def test_columns_configured_by_the_config_file(tmp_path, main):
    rows = [["sport", title(i), body(i).replace("said on", "said said on")] for i in range(2)]
    path = write_csv(tmp_path / "a.csv", None, rows)
    config = tmp_path / "corpuslint.yaml"
    config.write_text("columns: [label, headline, story]\n", encoding="utf-8")
    proc = main("--no-cache", "--config", str(config), "--select", "T003,F", "--format", "json", str(path))
    assert [(f["line"], f["code"], f["field"]) for f in json.loads(proc.stdout)] == [
        (1, "F004", None), (1, "T003", "story"), (2, "T003", "story")]


def test_a_headerless_row_of_another_width_is_f003(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f'1,"{title(0)}","{body(0)}"\n2,"{title(1)}"\n', encoding="utf-8")
    docs, problems = read_all(path)
    assert [d.line for d in docs] == [1]
    assert [(p.code, p.location.line, p.message.split(";")[0]) for p in problems] == [
        ("F004", 1, "no date field found in this file"), ("F003", 2, "row has 2 fields but the first row has 3")]


# --- F004 says what the file has -------------------------------------------------------------

def test_f004_lists_the_columns_and_what_they_hold(tmp_path):
    lines = [json.dumps({"id": i, "story": digest(i), "summary": body(i), "date": "2021-08-04",
                         "link": f"https://a.example/{i}"}) for i in range(4)]
    docs, problems = read_all(_write(tmp_path / "a.jsonl", lines))
    assert keys_of(docs[0])["text"] == "summary"
    assert [p.message for p in problems] == [
        "no title field found in this file; columns: id (numbers), story (hashes, 40 chars), "
        "summary (prose, ~42 words), date (dates), link (URLs); name it with `fields.title` in the configuration"]
    assert problems[0].location.line == 1


def test_f004_for_a_file_whose_text_is_hashes(tmp_path):
    rows = [[digest(i), "2021-08-04"] for i in range(3)]
    path = write_csv(tmp_path / "a.csv", ["story", "date"], rows)
    _, problems = read_all(path)
    assert [p.message.split(";")[0] for p in problems] == ["no text field found in this file",
                                                          "no title field found in this file"]
    assert "columns: story (hashes, 40 chars), date (dates)" in problems[0].message


def test_f004_lists_at_most_eight_columns(tmp_path):
    lines = [json.dumps({f"c{k}": k * i for k in range(11)}) for i in range(3)]
    _, problems = read_all(_write(tmp_path / "a.jsonl", lines))
    assert problems[0].message.count("(numbers)") == 8 and "and 3 more;" in problems[0].message


# --- RoleMap ----------------------------------------------------------------------------------

def test_role_maps_travel_to_parts_of_a_file():
    samples = [{"headline": title(i), "body": body(i), "date": "2021-08-04"} for i in range(3)]
    roles = RoleMap.detect(samples, {"title": "headline"}, header=None)
    again = RoleMap.from_pairs(pickle.loads(pickle.dumps(roles.pairs())))
    assert again.pairs() == roles.pairs() and again.keys == roles.keys and again.configured == {"title": "headline"}
    assert roles.value({"body": "x"}, "text") == "x"


def test_detection_keeps_the_mapping_of_the_shared_corpora():
    csv_path = shared_path("corpora", "fakenewscorpus_sample.csv")
    docs, problems = read_all(pathlib.Path(csv_path))
    assert has_roles(docs[0], title="title", text="content", url="url", id="id")
    assert [p.message.split(";")[0] for p in problems] == ["no date field found in this file"]
    jsonl = shared_path("corpora", "reuters21578.jsonl")
    docs = []
    for item in read(Source(jsonl, "r.jsonl", "r.jsonl"), {}):
        docs.append(item)
        if isinstance(item, Document):
            break
    assert has_roles(docs[-1], title="title", text="text", date="date", id="id", dateline="dateline")


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
