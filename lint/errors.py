"""Errors that stop a run before it starts (exit code 2)."""


class ConfigError(Exception):
    """A problem with the configuration, a vocabulary file or the command line.

    The message is one line that names the file, the key and the problem.
    """
