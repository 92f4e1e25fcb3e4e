"""CSV files as they come: fields separated by semicolons or pipes, and files without a header row.

The delimiter of a ``.csv`` file is read from its first rows
(``csvfile.delimiter_of``); a headerless file is told from one with a header by
what its first row holds (``csvfile.first_row_is_data``).
"""
import itertools

import pytest

import corpuslint
from corpuslint.readers import ReadProblem, Source, read
from corpuslint.readers.csvfile import delimiter_of, first_row_is_data

BODIES = [
    "The council met on Tuesday evening and voted to delay the harbour bridge project for another year.",
    "Residents of the eastern district complained that the new bus timetable leaves them without a service.",
    "The regional hospital opened a second emergency ward after waiting times grew longer over the winter.",
    "Fishermen in the northern port say the catch has fallen sharply since the storms of early autumn.",
    "A local bakery won the national bread prize for the third time in five years, the judges announced.",
    "The school board approved a plan to rebuild the old gymnasium, which was damaged by a fire in spring.",
]
TITLES = ["Bridge vote delayed", "Bus timetable criticised", "Hospital opens ward", "Catch falls in port",
          "Bakery wins bread prize", "Gymnasium to be rebuilt"]


def _read(path):
    items = list(read(Source(str(path), path.name, path.name)))
    return ([i for i in items if not isinstance(i, ReadProblem)], [i for i in items if isinstance(i, ReadProblem)])


def _lint(path, select):
    return [(f.code, f.location.line, f.location.column, f.location.field)
            for f in corpuslint.lint([str(path)], select=select).findings]


# --- the delimiter of a .csv file ----------------------------------------------------------------

def _table(delimiter, bodies=BODIES, header=("id", "title", "text", "date")):
    rows = [delimiter.join(header)] if header else []
    rows += [delimiter.join([str(i + 1), TITLES[i], f'"{text}"', "2021-08-04"]) for i, text in enumerate(bodies)]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("delimiter", [";", "|"])
def test_a_semicolon_or_pipe_csv_is_read_by_its_columns(tmp_path, delimiter):
    path = tmp_path / "news.csv"
    path.write_text(_table(delimiter))
    docs, problems = _read(path)
    assert problems == [] and [d.line for d in docs] == [2, 3, 4, 5, 6, 7]
    assert list(docs[0].fields) == ["id", "title", "text", "date"]
    assert docs[0].body.text == BODIES[0] and docs[0].fields["title"].text == TITLES[0]
    assert docs[0].roles.describe().endswith(f"; header: first row, fields separated by {delimiter!r}")


def test_a_defect_in_a_semicolon_csv_is_found_at_its_line_and_column_and_fixed(main, tmp_path):
    bodies = list(BODIES)
    bodies[2] = bodies[2].replace("a second emergency", "a auto emergency; a")
    data = _table(";", bodies).replace("3;Hospital opens ward;", '3;"Hospital; ""ward"" opens";', 1)
    path = tmp_path / "news.csv"
    path.write_text(data)
    line = data.split("\n")[3]
    assert line.startswith('3;"Hospital; ""ward"" opens";"The regional hospital opened a auto')
    assert _lint(path, ["T002"]) == [("T002", 4, line.index("a auto") + 1, "text")]
    fixed = main("--fix", "--select", "T002", "news.csv", cwd=tmp_path)
    assert "Fixed 1 problem" in fixed.stdout
    assert path.read_text() == data.replace("a auto emergency", "an auto emergency")
    docs, problems = _read(path)
    assert problems == [] and docs[2].fields["title"].text == 'Hospital; "ward" opens'
    assert docs[2].body.text == bodies[2].replace("a auto", "an auto")


@pytest.mark.parametrize("rows,delimiter", [
    (["id;title;text", "1;A;a", "2;B;b"], ";"),
    (["id|title|text", "1|A|a", "2|B|b"], "|"),
    (['"id";"title";"text"', '1;"A, said; he";a', "2;B;b"], ";"),          # delimiters inside quotes
    (["id,title;text", "1,A;a", "2,B;b"], ","),                              # a comma in the first row
    (['"a,b";title;text', "1;A;a"], ";"),                                    # a comma inside quotes
    (["id;title;text", "1;A;a", "2;B;b;c"], ","),                             # a later row disagrees
    (["title", "A; B"], ","),                                                 # one column
    (["Bridge vote delayed; more later"], ";"),                               # a first row alone decides
    (["id;title|text", "1;A|a"], ";"),                                        # semicolons tried first
    ([], ","),
])
def test_delimiter_of(rows, delimiter):
    assert delimiter_of([row + "\n" for row in rows]) == delimiter


def test_a_tsv_file_stays_tab_separated(tmp_path):
    path = tmp_path / "news.tsv"
    rows = [f"{i};x\t{TITLES[i]}\t{text}" for i, text in enumerate(BODIES)]
    path.write_text("id\ttitle\ttext;more\n" + "\n".join(rows) + "\n")
    docs, _ = _read(path)
    assert len(docs) == 6 and list(docs[0].fields) == ["id", "title", "text;more"]
    assert docs[0].fields["id"].text == "0;x"


def test_a_comma_csv_with_semicolons_in_its_text_stays_comma_separated(tmp_path):
    path = tmp_path / "news.csv"
    rows = [f'{i + 1},{TITLES[i]},"{text[:-1]}; officials said."' for i, text in enumerate(BODIES)]
    path.write_text("id,title,text\n" + "\n".join(rows) + "\n")
    docs, _ = _read(path)
    assert len(docs) == 6 and list(docs[0].fields) == ["id", "title", "text"]
    assert docs[0].roles.describe().endswith("; header: first row")


def test_a_utf16_semicolon_csv_is_read_by_its_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(_table(";").encode("utf-16"))
    docs, problems = _read(path)
    assert [p.code for p in problems] == ["U005"] and len(docs) == 6 and docs[0].body.text == BODIES[0]


# --- a header row, or none ------------------------------------------------------------------------

def _stub_first(tmp_path):
    """A headerless CSV whose first row is a stub article (``pos,Bridge vote delayed,Vote delayed again.``)."""
    rows = ["pos,Bridge vote delayed,Vote delayed again."]
    rows += [f'{"pos" if i % 2 else "neg"},{TITLES[i % 6]} {i},"{BODIES[i % 6]}"' for i in range(49)]
    path = tmp_path / "labelled.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_a_stub_article_in_the_first_row_is_data_not_a_header(tmp_path):
    docs, problems = _read(_stub_first(tmp_path))
    assert len(docs) == 50 and docs[0].line == 1 and docs[0].body.text == "Vote delayed again."
    assert list(docs[0].fields) == ["column_1", "column_2", "column_3"]
    assert docs[0].roles.describe().endswith("; header: none (detected)")
    assert [p.message.split(";")[0] for p in problems] == ["no date field found in this file"]


@pytest.mark.parametrize("header", [("id", "title", "text", "date"),
                                    ("Publication Date", "Headline", "Story Text", "Source Name"),
                                    ("No.", "Title of the article", "Text", "Date")])
def test_a_real_header_row_stays_the_header(tmp_path, header):
    path = tmp_path / "news.csv"
    rows = [",".join(header)] + [f'{i + 1},{TITLES[i]},"{text}",2021-08-0{i + 1}' for i, text in enumerate(BODIES)]
    path.write_text("\n".join(rows) + "\n")
    docs, problems = _read(path)
    assert problems == [] and [d.line for d in docs] == [2, 3, 4, 5, 6, 7]
    assert list(docs[0].fields) == list(header)
    assert docs[0].roles.describe().endswith("; header: first row")


@pytest.mark.parametrize("first,later,data", [
    (["pos", "Bridge vote delayed", "Vote delayed again."], [["neg", "Bus timetable criticised", BODIES[1]]], True),
    (["x", "Is it over?"], [], True),
    (["x", "Stop the vote!"], [], True),
    (["No.", "Headline", "Story"], [["1", "Bridge vote delayed", BODIES[0]]], False),     # one word, an abbreviation
    (["Publication Date", "Headline", "Story Text"], [["2021-08-04", TITLES[0], BODIES[0]]], False),
    # two cells that are headlines above columns of headlines
    (["Bridge vote delayed", "Bus timetable criticised"], [list(pair) for pair in itertools.pairwise(TITLES)], True),
    # one such cell is not enough: a long column name above headlines
    (["id", "Title of article"], [[str(i), t] for i, t in enumerate(TITLES)], False),
    # phrases above single words or prose are names
    (["Name of source", "Story text body"], [["Reuters", BODIES[0]], ["AP", BODIES[1]]], False),
])
def test_first_row_is_data_when_it_reads_as_text(first, later, data):
    assert first_row_is_data(first, later) is data
