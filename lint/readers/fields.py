"""Which field of a record plays which role: title, text, date, url, id, ...

A file's roles are decided once, from a sample of its first records (see
:data:`SAMPLE_RECORDS`), and then hold for every record of the file; the
configuration (``fields``) overrides what is detected.
"""
from __future__ import annotations

from .source import FIELD_CANDIDATES

#: Roles whose absence is reported (F004) and makes the rules that need them stay quiet.
REPORTED_ROLES = ("text", "title", "date")
#: How many records, at most, the roles are detected from.
SAMPLE_RECORDS = 200
#: How many bytes of raw records, at most, are held for the sample.
SAMPLE_BYTES = 4 * 1024 * 1024


class RoleMap:
    """Role -> record key for one file, and the roles it lacks.

    ``keys[role]`` is the key (``None``: the file has no field for it);
    ``configured`` the roles named in the configuration; ``absent`` the
    reported roles that were not found.
    """

    def __init__(self, keys: dict, configured: dict, absent: frozenset = frozenset()):
        self.keys = keys
        self.configured = configured
        self.absent = absent

    @classmethod
    def detect(cls, samples: list[dict], configured: dict) -> RoleMap:
        """The roles of a file whose first records are ``samples``."""
        configured = {role: name for role, name in configured.items() if name}
        by_lower = {}
        for record in samples:
            for key in record:
                by_lower.setdefault(key.lower(), key)
        keys, absent = {}, []
        for role, candidates in FIELD_CANDIDATES.items():
            if role in configured:
                keys[role] = configured[role]
                continue
            keys[role] = next((by_lower[c] for c in candidates if c in by_lower), None)
            if keys[role] is None and role in REPORTED_ROLES:
                absent.append(role)
        return cls(keys, configured, frozenset(absent))

    def pairs(self) -> tuple:
        """The mapping as a tuple that pickles and compares cheaply (for parts of a file)."""
        return tuple(sorted(self.keys.items())), tuple(sorted(self.configured.items())), tuple(sorted(self.absent))

    @classmethod
    def from_pairs(cls, pairs: tuple) -> RoleMap:
        keys, configured, absent = pairs
        return cls(dict(keys), dict(configured), frozenset(absent))

    def value(self, record: dict, role: str):
        """The value ``record`` has for ``role``, or None."""
        key = self.keys.get(role)
        return record.get(key) if key is not None else None

    def describe(self) -> str:
        """One line: ``title=headline text=body date=(none) ...``, for ``--show-settings``."""
        return " ".join(f"{role}={key if key is not None else '(none)'}" for role, key in self.keys.items())

    def missing_messages(self, samples: list[dict]) -> list[str]:
        """One message per reported role the file lacks (for F004)."""
        return [missing_role_message(role) for role in REPORTED_ROLES if role in self.absent]


def missing_role_message(role: str) -> str:
    names = ", ".join(FIELD_CANDIDATES[role])
    return (f"no {role} field found in this file (looked for: {names}); "
            f"name it with `fields.{role}` in the configuration")
