"""The per-user secret that proves a cache file was written by corpuslint.

Both caches hold pickles (the project's result cache and the rule tables in
the user's cache folder), and unpickling can run code: a pickle planted by
anyone who can write to those folders would run with the user's rights on the
next lint. So every pickle corpuslint caches is signed with a keyed BLAKE2b
MAC under a secret only the user can read, and the MAC is checked before a
byte of it is unpickled; data that fails the check is dropped and computed
again.

The secret is 32 random bytes in ``$XDG_CONFIG_HOME/corpuslint/cache-key``
(by default ``~/.config/corpuslint/cache-key``), outside both cache folders,
made on first use with mode 0600. ``CORPUSLINT_CACHE_KEY`` (at least 32
characters) replaces it, so that CI jobs that share a cache can share its
secret through the CI's secret store; without it, a cache restored onto
another machine fails its check and is rebuilt. A key file that belongs to
another user, that other users may read or write, that is not a regular file
of 32 bytes, or that cannot be read or made, is not used: corpuslint says so
in one line on stderr and runs without the caches.
"""
from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
import sys
import tempfile
from typing import BinaryIO

KEY_ENV = "CORPUSLINT_CACHE_KEY"
KEY_BYTES = 32
MAC_BYTES = 32
#: The shortest CORPUSLINT_CACHE_KEY accepted (``secrets.token_hex(32)`` gives 64).
MIN_ENV_KEY = 32

_reported: set[str] = set()


class UntrustedKey(Exception):
    """Why there is no key the caches can be signed with (one line)."""


class Signer:
    """Signs and checks sequences of byte strings with one secret key."""

    def __init__(self, key: bytes):
        self._key = key

    def sign(self, *parts: bytes) -> bytes:
        """The MAC of ``parts``; each is length-prefixed, so no two sequences share one."""
        mac = hashlib.blake2b(key=self._key, digest_size=MAC_BYTES)
        for part in parts:
            mac.update(len(part).to_bytes(8, "big"))
            mac.update(part)
        return mac.digest()

    def verify(self, mac: bytes, *parts: bytes) -> bool:
        """True if ``mac`` is the MAC of ``parts`` (compared in constant time)."""
        return hmac.compare_digest(mac, self.sign(*parts))


def key_path() -> str:
    """Where the user's cache key is kept."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "corpuslint", "cache-key")


def signer() -> Signer | None:
    """The user's signer, or None when there is no key to trust (said once on stderr)."""
    secret = os.environ.get(KEY_ENV)
    try:
        return Signer(_key_from_environment(secret) if secret else _key_from_file(key_path()))
    except UntrustedKey as err:
        message = f"{err}: the caches are not used"
        if message not in _reported:
            _reported.add(message)
            notice(message)
        return None


def notice(message: str) -> None:
    """One line on stderr for the user, ``corpuslint: message``."""
    print(f"corpuslint: {message}", file=sys.stderr)


def open_regular(path: str) -> BinaryIO:
    """``path`` open for reading, or OSError if it is not a regular file.

    A FIFO or a device planted where a cache file belongs must not block or
    flood the run: it is opened without blocking and refused.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", path)
    return os.fdopen(fd, "rb")


def _key_from_environment(secret: str) -> bytes:
    if len(secret) < MIN_ENV_KEY:
        raise UntrustedKey(f"{KEY_ENV} is shorter than {MIN_ENV_KEY} characters")
    return hashlib.blake2b(secret.encode("utf-8", "surrogateescape"), digest_size=KEY_BYTES,
                           person=b"corpuslint-key").digest()


def _key_from_file(path: str) -> bytes:
    key = _read_key(path)
    if key is None:
        _create_key(path)
        key = _read_key(path)
    if key is None:
        raise UntrustedKey(f"the cache key {path} vanished as it was made")
    return key


def _read_key(path: str) -> bytes | None:
    """The key in ``path``, None if there is no such file, or UntrustedKey."""
    remedy = "(delete it: the next run makes a new one)"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise UntrustedKey(f"the cache key {path} is a symbolic link {remedy}") from None
        raise UntrustedKey(f"cannot read the cache key {path} ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        mode = stat.S_IMODE(info.st_mode)
        if not stat.S_ISREG(info.st_mode):
            raise UntrustedKey(f"the cache key {path} is not a regular file {remedy}")
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            raise UntrustedKey(f"the cache key {path} belongs to another user (uid {info.st_uid}) {remedy}")
        if mode & 0o077:
            raise UntrustedKey(f"the cache key {path} is open to other users (mode {mode:04o}) {remedy}")
        key = os.read(fd, KEY_BYTES + 1)
    except OSError as err:
        raise UntrustedKey(f"cannot read the cache key {path} ({err.strerror or err})") from None
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise UntrustedKey(f"the cache key {path} is not {KEY_BYTES} bytes long {remedy}")
    return key


def _create_key(path: str) -> None:
    """Make a new key file, readable by the user only.

    The key is written to a temporary file (mode 0600, made with O_EXCL) and
    linked into place, so no run ever reads half a key, and a key that a
    concurrent run made first is kept.
    """
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".cache-key-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(KEY_BYTES))
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(temp, path)
            except FileExistsError:
                pass  # another run made it first: use that one
        finally:
            os.unlink(temp)
    except OSError as err:
        raise UntrustedKey(f"cannot make the cache key {path} ({err.strerror or err}; set XDG_CONFIG_HOME "
                           f"to a writable folder or {KEY_ENV})") from None
