from corpuslint.readers.codes import UNREADABLE
from corpuslint.rule import ReaderRule


class UnreadableFile(ReaderRule):
    """A file or folder that could not be read, so nothing in it was linted.

    Why it matters: a file the linter cannot read is a file your pipeline
    cannot read either, and every defect in it goes unseen. Causes: permission
    denied, a broken symbolic link, a file deleted during the run, corrupt or
    truncated gzip data, a binary file with a text extension.

    Example: ``photo.txt`` that is really a JPEG is reported as
    ``F001 not linted: contains many zero bytes: this looks like a binary file``.

    The run goes on with the other files.
    """

    code = UNREADABLE
    name = "unreadable-file"
    severity = "error"
