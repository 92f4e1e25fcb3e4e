from corpuslint.readers.codes import MALFORMED_JSON
from corpuslint.rule import ReaderRule


class MalformedJson(ReaderRule):
    """A JSONL line that is not one JSON object.

    Why it matters: most loaders stop at the first bad line, or skip it
    silently and lose a record. The finding points at the line and column where
    the JSON breaks; a last line cut short (the file ends inside a value) is
    called a truncated record.

    Example::

        {"id": 7, "title": "Port reopens", "text": "The port...
        ["not", "an", "object"]

    Both lines are reported. The run goes on with the next line.
    """

    code = MALFORMED_JSON
    name = "malformed-json"
    severity = "error"
