from corpuslint.readers.codes import UNREADABLE
from corpuslint.rule import ReaderRule


class UnreadableFile(ReaderRule):
    """A file or folder that could not be read, so nothing in it was linted.

    Why it matters: a file the linter cannot read is a file your pipeline
    cannot read either, and every defect in it goes unseen. Causes: permission
    denied, a broken symbolic link, a file deleted during the run, corrupt or
    truncated gzip data, a Parquet file when pyarrow is not installed. (A file
    whose content is not what its name says, such as a JPEG named ``.txt``, is
    F006 content-mismatch.)

    Example: ``news.txt.gz`` cut short in a download is reported as
    ``F001 cannot read file: corrupt or truncated gzip data``.

    The run goes on with the other files.
    """

    code = UNREADABLE
    name = "unreadable-file"
    severity = "error"
