from corpuslint.readers.codes import OVERSIZED
from corpuslint.rule import ReaderRule


class OversizedDocument(ReaderRule):
    """A file or record too large to be one article, which is not linted.

    Why it matters: a 100 MB "article" is a concatenated dump, a log or a
    binary blob with a text extension; holding it in memory to lint it would
    cost more than it could tell you. corpuslint reads such a document only
    far enough to know its size (never into memory at once) and goes on.

    Example: a 120 MB ``.txt`` file, or a JSONL line of 30 MB, with the default
    limit of 20 MB.

    The limit is the configuration's ``max-document-mb`` (default 20).
    """

    code = OVERSIZED
    name = "oversized-document"
    severity = "warning"
