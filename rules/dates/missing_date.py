from corpuslint.noise import OPTION as CORPUS_RELATIVE_OPTION
from corpuslint.noise import CorpusRelative
from corpuslint.rule import DocumentRule


class MissingDate(DocumentRule):
    """An article with no publication date.

    Why it matters: an undated article cannot be placed on a timeline, filtered
    by period, or de-duplicated against later versions of the same story, and
    every relative time in it ("on Tuesday", "last week") becomes meaningless.

    A date is found on a metadata line before the body (``date 2021-08-04``,
    ``Published: 4 August 2021``), glued to the headline (also reported by
    D004), or in a record's date field. A wire dateline without a year
    (``SALVADOR, Feb 26 -``) does not date an article.

    Example::

        Ferry crews vote to strike

        Crews on the Millbrook ferry voted on Tuesday to strike over rosters...

    Records of a file that has no date field at all are not reported one by
    one: F004 reports the missing field once for the file. A document with
    no text at all (an empty file or record) is not reported either: Q002
    reports the missing text, which is the problem to fix first.

    A corpus that carries no dates at all is said once, not once per
    document: when at least 90% of the documents of the run, of a folder or
    of a record file (20 documents or more) are undated, one finding at the
    first of them gives the count and a few examples ("2,225 of 2,225
    documents (100%) have no publication date, e.g. ..."). Option
    ``corpus-relative = false`` reports every document instead.
    """

    code = "D001"
    name = "missing-date"
    severity = "warning"
    options = {"corpus-relative": CORPUS_RELATIVE_OPTION}
    corpus_relative = CorpusRelative(
        "have no publication date",
        "set fields.date to the records' date field or add date lines, or ignore D001 for an undated corpus")

    def check(self, doc):
        if doc.publication_dates or "date" in doc.absent_roles:
            return
        if not any(field.text.strip() for field in doc.prose):
            return  # empty: Q002 reports that
        if doc.is_record:
            message = "record has no publication date; fill in its date field"
        else:
            message = "no publication date; add a line such as 'date 2021-08-04' before the headline"
        location = doc.start_location()
        yield self.finding_at(location, message)
