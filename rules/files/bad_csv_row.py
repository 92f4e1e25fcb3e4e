from corpuslint.readers.codes import BAD_CSV_ROW
from corpuslint.rule import ReaderRule


class BadCsvRow(ReaderRule):
    """A CSV/TSV row that does not fit the header, or an unterminated quoted field.

    Why it matters: a row with more or fewer fields than the header has lost
    its column alignment (an unquoted comma, a stray quote), so its text is
    in the wrong column or cut short. The finding gives the physical line where
    the record starts. The run goes on with the next row.

    Example: header ``id,title,text`` and the row ``7,Port reopens,The port, closed``
    has four fields; quote the text.
    """

    code = BAD_CSV_ROW
    name = "bad-csv-row"
    severity = "error"
