"""Writing files without ever leaving a half-written one behind."""
from __future__ import annotations

import os
import shutil
import tempfile
from typing import BinaryIO, Callable


def atomic_write(path: str, data: bytes | Callable[[BinaryIO], object], *,
                 mode_from: str | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``data`` is the bytes, or a function that writes them to the open file
    (so that a large pickle is not held in memory a second time).

    A reader sees the old content or the new one, never a mix. ``mode_from``
    names a file whose permission bits the new file gets (the file being
    replaced, for fixes); otherwise it gets the usual mode for a new file
    (0666 less the umask), not the private mode of a temporary file.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".corpuslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            data(fh) if callable(data) else fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode_from is not None:
            shutil.copymode(mode_from, temp)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
