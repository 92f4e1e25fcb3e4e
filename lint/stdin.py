"""Standard input as a file to lint: ``corpuslint - --stdin-filename NAME``.

Standard input is copied to a temporary file named like NAME (so NAME's
ending decides the format: ``.txt`` by default), within the size limit, and
linted as NAME: findings show NAME as their path. The copy is removed at the
end of the run, and never cached.
"""
from __future__ import annotations

import contextlib
import os
import sys

from .errors import ConfigError


def stdin_name(args) -> str | None:
    """The name standard input is linted as (``--stdin-filename``, else ``-``), or None
    when the paths do not name ``-``."""
    if "-" not in args.paths:
        if args.stdin_filename is not None:
            raise ConfigError("--stdin-filename names standard input: give `-` as the only path")
        return None
    if len(args.paths) > 1:
        raise ConfigError("`-` (standard input) cannot be linted together with other paths")
    return args.stdin_filename or "-"


def _spool_name(name: str) -> str:
    """The name of the file standard input is copied to: the last part of ``name``, whose
    ending gives the format."""
    base = os.path.basename(name.rstrip("/" + os.sep))
    return base if base not in ("", ".", "..", "-") else "stdin.txt"


@contextlib.contextmanager
def spooled_stdin(name: str, settings):
    """A :class:`Source` for standard input, shown as ``name``: it is copied to a temporary
    file named like ``name`` (so its format is the one ``name`` says), within the size
    limit, and the file is removed at the end of the run."""
    import tempfile

    from .discover import document_id
    from .fixer import RECORD_FILE_DOCUMENTS
    from .readers import Source, format_of, size_text

    if (format_of(name) or "text") == "text":
        limit, what = settings.max_document_bytes, "one document (max-document-mb)"
    else:
        limit = settings.max_document_bytes * RECORD_FILE_DOCUMENTS
        what = f"a record file ({RECORD_FILE_DOCUMENTS} times max-document-mb)"
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ConfigError("standard input cannot be read: it is closed")
    with tempfile.TemporaryDirectory(prefix="corpuslint-stdin-") as folder:
        path = os.path.join(folder, _spool_name(name))
        if _copy(stream, path, limit) > limit:
            raise ConfigError(f"standard input is larger than {size_text(limit)}, the most read for {what}; "
                              "save it to a file and lint the file")
        yield Source(path, name, document_id(name, settings.root), named=True)


def _copy(stream, path: str, limit: int) -> int:
    """Copy ``stream`` to the new file ``path``, stopping past ``limit`` bytes; the bytes copied."""
    copied = 0
    with open(path, "xb") as out:
        while copied <= limit:
            try:
                chunk = stream.read(min(1024 * 1024, limit + 1 - copied))
            except OSError as err:
                raise ConfigError(f"standard input cannot be read: {err.strerror or err}") from None
            if not chunk:
                break
            out.write(chunk)
            copied += len(chunk)
    return copied
