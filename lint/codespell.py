"""codespell's dictionaries, read once per process: the typo rules (T) and the entity rules (E) use them."""
from __future__ import annotations

import functools
import importlib.util
import os
from types import MappingProxyType

from .errors import ConfigError


def codespell_dictionary(name: str) -> str:
    """The path of ``codespell_lib/data/<name>`` in the installed codespell package."""
    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the T rules need the codespell package (pip install codespell)")
    path = os.path.join(spec.submodule_search_locations[0], "data", name)
    if not os.path.isfile(path):
        raise ConfigError(f"codespell has no {name} (found {spec.submodule_search_locations[0]})")
    return path


def read_codespell(path: str) -> dict[str, tuple[tuple[str, ...], bool]]:
    """``typo -> (suggestions, fixable)`` from a codespell dictionary file.

    A line is ``typo->fix`` or ``typo->fix1, fix2,``; as in codespell's
    ``build_dict``, a comma means no automatic fix, and the text after the last
    comma is a reason (empty after a trailing comma). Unlike codespell, which
    lower-cases the whole line, only the typo is lower-cased: the suggestions
    keep their capitals ("afganistan" -> "Afghanistan").
    """
    entries = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            typo, _, data = line.strip().partition("->")
            if not data:
                continue
            fixable = "," not in data
            if not fixable:
                data = data.rsplit(",", 1)[0]
            suggestions = tuple(s.strip() for s in data.split(",") if s.strip())
            entries[typo.lower()] = (suggestions, fixable)
    return entries


@functools.cache
def codespell_entries(name: str):
    """:func:`read_codespell` of ``codespell_lib/data/<name>``, read once per process
    for every rule that asks (a read-only mapping)."""
    return MappingProxyType(read_codespell(codespell_dictionary(name)))
