"""Errors that stop a run before it starts (exit code 2)."""


class ConfigError(Exception):
    """A problem with the configuration, a vocabulary file or the command line.

    The message is one line that names the file, the key and the problem.
    """


def not_utf8(shown: str, data: bytes, err: UnicodeDecodeError) -> ConfigError:
    """The error for a configuration or vocabulary file ``data`` that is not UTF-8,
    at the line of ``err``."""
    line = data.count(b"\n", 0, err.start) + 1
    return ConfigError(f"{shown}:{line}: not valid UTF-8 (byte 0x{data[err.start]:02X}); save the file as UTF-8")
