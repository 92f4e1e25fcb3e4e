from corpuslint.readers.codes import CONTENT_MISMATCH
from corpuslint.rule import ReaderRule


class ContentMismatch(ReaderRule):
    """A file whose content is not what its name says, so it was not linted.

    Why it matters: a PDF, an image or gzip data saved as ``.txt``, a JSON
    export or a saved web page named like an article, or a ``.parquet`` file
    that is not Parquet would otherwise be read as prose and bury the corpus in
    hundreds of meaningless findings, or look clean. The file gets this one
    finding instead, saying what it holds and what to do:

    - binary data (many zero or control bytes), or a known binary format
      (gzip, zip, PDF, PNG/JPEG/GIF/WebP, Parquet, Arrow, SQLite...), in a
      ``.txt``, ``.md``, ``.jsonl``, ``.csv`` or ``.json`` file; a ``.gz``
      file that holds no gzip data;
    - JSON or JSON Lines, a whole HTML page (``<!DOCTYPE html>``, ``<html>``,
      or ``<head>``/``<body>`` at the start) or an XML document in a ``.txt``
      or ``.md`` file; JSON or JSON Lines in a ``.csv`` or ``.tsv`` file; JSON
      spread over several lines (a pretty-printed array, or objects) in a
      ``.jsonl`` file, which holds one object per line;
    - a ``.parquet`` file without the Parquet magic number ``PAR1`` at its
      start and end, an ``.arrow`` file that is neither an Arrow file nor an
      Arrow stream.

    UTF-16 and UTF-32 text is text (see U005). An article with a few inline
    tags, a Markdown file with some HTML or a fenced code block, and JSON
    front matter followed by prose are read as articles.

    Example: ``story.txt`` holding ``{"title": "Port reopens", "text": "..."}``
    is reported as
    ``F006 not linted: holds JSON, not article text; name it .json or .jsonl to lint its records``.

    The run goes on with the other files; ``--fix`` leaves the file alone.
    """

    code = CONTENT_MISMATCH
    name = "content-mismatch"
    severity = "error"
