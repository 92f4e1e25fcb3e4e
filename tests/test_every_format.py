"""One corpus written in every format gives the same findings, apart from locations.

The articles are generated here (title, date, one paragraph of body) with
planted defects, then written as plain-text files, JSON Lines, one JSON object
per file, a JSON array, CSV, TSV and Parquet, and gzipped where the format
allows. Each copy is linted on its own; the (article, rule) pairs must be the
same for every copy: a reader that loses a field, a record or a date shows up
as a difference.
"""
import csv
import gzip
import json

import pytest

import corpuslint

TOWNS = ["Port Ellery", "Saltmarsh", "Kellan Bay", "Ashford Vale", "Millbrook", "Dunmore", "Harwick",
         "Elmstead", "Corran", "Beckley", "Tolworth", "Wrayfield", "Oxley", "Pennock"]
SUBJECTS = ["the ferry service", "the new library", "the harbour wall", "the bus depot", "the school roof",
            "the fishing fleet", "the river bridge", "the market hall", "the water works", "the cycle path",
            "the sports centre", "the town museum", "the night clinic", "the tram line"]


def _body(i: int, extra: str = "") -> str:
    town, subject = TOWNS[i], SUBJECTS[i]
    return (f"Officials in {town} said on Tuesday that work on {subject} would start in the spring. "
            f"The council approved a budget of {120 + 7 * i} thousand pounds after a long debate. "
            f"Residents of {town} had asked for changes to {subject} for {3 + i % 5} years. "
            f"{extra}A final report is due before the summer recess, the council said.")


def _articles() -> list[dict]:
    """Fourteen articles; most carry one planted defect (see the comments)."""
    rows = [{"id": f"a{i + 1:02d}", "title": f"{TOWNS[i]} council backs plan for {SUBJECTS[i][4:]}",
             "date": f"2024-0{1 + i % 9}-1{i % 9}", "text": _body(i)} for i in range(len(TOWNS))]
    rows[2]["date"] = ""                                                 # no date
    rows[3]["date"] = "2019-02-30"                                       # no such day
    rows[4]["date"] = "2031-05-01"                                       # in the future
    rows[5]["text"] = _body(5, "The the mayor welcomed the decision. ")  # doubled word
    rows[6]["text"] = _body(6, "Critics called it a absurd waste of money. ")  # a/an
    rows[7]["text"] = _body(7, "The caf\u00c3\u00a9 on the quay will stay open. ")  # mojibake
    rows[9]["text"] = rows[0]["text"]                                    # exact duplicate of a01
    rows[10]["title"] = rows[1]["title"]                                 # headline of a02 on another story
    rows[11]["text"] = "Lorem ipsum dolor sit amet, consectetur adipiscing elit."  # placeholder
    rows[12]["text"] = _body(12, "Police said a auto bomb had been found near the depot. ")  # spun phrase
    rows[13]["text"] = _body(13, "Tickets cost &pound;5 for adults. ")  # HTML entity
    return rows


def _text_file(row: dict) -> str:
    date = f"date {row['date']}\n" if row["date"] else ""
    return f"{date}{row['title']}\n\n{row['text']}\n"


def _write_text(folder, rows, compressed=False):
    folder.mkdir()
    for row in rows:
        data = _text_file(row).encode("utf-8")
        if compressed:
            (folder / f"{row['id']}.txt.gz").write_bytes(gzip.compress(data, mtime=0))
        else:
            (folder / f"{row['id']}.txt").write_bytes(data)


def _jsonl(rows) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode("utf-8")


def _csv(rows, delimiter=",") -> bytes:
    import io

    out = io.StringIO()
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    writer = csv.DictWriter(out, ["id", "title", "date", "text"], delimiter=delimiter, quoting=quoting,
                            escapechar=None, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _parquet(rows, path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow (the parquet extra) is not installed")
    import pyarrow.parquet as pq

    table = pa.table({key: [row[key] or None for row in rows] for key in ("id", "title", "date", "text")})
    pq.write_table(table, path, row_group_size=5)


def _write(fmt: str, root, rows):
    """Write ``rows`` in format ``fmt`` under ``root``; return the path to lint."""
    target = root / fmt
    if fmt == "txt":
        _write_text(target, rows)
    elif fmt == "txt.gz":
        _write_text(target, rows, compressed=True)
    elif fmt == "json":
        target.mkdir()
        for row in rows:
            (target / f"{row['id']}.json").write_text(json.dumps(row, indent=2), encoding="utf-8")
    else:
        target.mkdir()
        name = target / f"corpus.{fmt}"
        if fmt == "jsonl":
            name.write_bytes(_jsonl(rows))
        elif fmt == "jsonl.gz":
            name.write_bytes(gzip.compress(_jsonl(rows), mtime=0))
        elif fmt == "array.json":
            name.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        elif fmt == "csv":
            name.write_bytes(_csv(rows))
        elif fmt == "csv.gz":
            name.write_bytes(gzip.compress(_csv(rows), mtime=0))
        elif fmt == "tsv":
            name.write_bytes(_csv(rows, "\t"))
        elif fmt == "parquet":
            _parquet(rows, name)
    return str(target)


def _article(document: str) -> str:
    """The article id of a finding's document: ``a07.txt`` or ``corpus.jsonl#a07`` -> ``a07``."""
    name = document.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return name.split(".", 1)[0]


def _pairs(path: str) -> set:
    report = corpuslint.lint([path], jobs=1)
    return {(_article(f.location.document), f.code) for f in report.findings}, report.documents


FORMATS = ["txt", "txt.gz", "jsonl", "jsonl.gz", "json", "array.json", "csv", "csv.gz", "tsv", "parquet"]


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    root = tmp_path_factory.mktemp("reference")
    return _pairs(_write("jsonl", root, _articles()))


def test_the_reference_copy_finds_the_planted_defects(expected):
    pairs, documents = expected
    assert documents == 14
    for article, code in [("a03", "D001"), ("a04", "D002"), ("a05", "D003"), ("a06", "T003"),
                          ("a07", "T002"), ("a08", "U001"), ("a10", "X001"), ("a11", "H003"),
                          ("a12", "Q001"), ("a13", "T001"), ("a14", "U002")]:
        assert (article, code) in pairs, (article, code, sorted(pairs))
    assert not [pair for pair in pairs if pair[0] == "a01" and pair[1][0] not in "XH"]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "jsonl"])
def test_every_format_gives_the_same_findings(fmt, tmp_path, expected):
    pairs, documents = _pairs(_write(fmt, tmp_path, _articles()))
    assert documents == expected[1]
    assert sorted(pairs) == sorted(expected[0])
