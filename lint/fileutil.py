"""Writing files without ever leaving a half-written one behind, and only where it is safe.

``write_output`` is for what the user names on the command line (the report
of ``-o``, the baseline of ``--write-baseline``): ``check_output_path`` checks
the path up front, before any linting, and again just before the rename, and
never lets corpuslint replace or write through anything but a regular file.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from typing import BinaryIO


class OutputError(Exception):
    """A report or baseline cannot be written where asked (exit code 2).

    The message is one line that names the path and the problem.
    """


#: What a path that is not a regular file is, for messages.
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """What a file of ``st_mode`` ``mode`` is, for messages: "a folder", "a FIFO"..."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def check_output_path(path: str, what: str) -> None:
    """Raise :class:`OutputError` unless ``path`` can be written as the ``what`` ("report").

    The path must be absent or a regular file (not a folder, a symbolic link, a
    device, a FIFO or a socket), in a folder that exists and can be written.
    """
    problem = f"{path}: cannot write the {what}"
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # the folder is checked below
        mode = None
    except OSError as err:
        raise OutputError(f"{problem}: {err.strerror or err}") from None
    if mode is not None and not stat.S_ISREG(mode):
        detail = " (corpuslint never writes through a link; name its target)" if stat.S_ISLNK(mode) else \
            "; corpuslint writes only regular files"
        raise OutputError(f"{problem}: it is {file_kind(mode)}{detail}")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        there = f"the folder {folder} does not exist" if not os.path.lexists(folder) else f"{folder} is not a folder"
        raise OutputError(f"{problem}: {there}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{problem}: no permission to write in {folder}")


def write_output(path: str, data: bytes, what: str) -> None:
    """Write ``data`` to ``path`` (see :func:`atomic_write`) as the ``what`` ("report").

    Any problem, a path :func:`check_output_path` refuses or a failed write
    (a full disk, an I/O error), is an :class:`OutputError`; the old file is
    then left as it was.
    """
    check_output_path(path, what)
    try:
        atomic_write(path, data, before_replace=lambda: check_output_path(path, what))
    except OSError as err:
        raise OutputError(f"{path}: cannot write the {what}: {err.strerror or err}") from None


def atomic_write(path: str, data: bytes | Callable[[BinaryIO], object], *,
                 mode_from: str | None = None, before_replace: Callable[[], object] | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``data`` is the bytes, or a function that writes them to the open file
    (so that a large pickle is not held in memory a second time).

    A reader sees the old content or the new one, never a mix. ``mode_from``
    names a file whose permission bits the new file gets (the file being
    replaced, for fixes); otherwise it gets the usual mode for a new file
    (0666 less the umask), not the private mode of a temporary file.
    ``before_replace`` is called just before the rename; if it raises, the
    temporary file is removed and ``path`` is left alone.
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
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
