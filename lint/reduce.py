"""Where corpus rules' ``(key, record)`` pairs wait for the reduce step.

Memory is the constraint: a near-duplicate rule yields a key per LSH band,
a dozen or more per document, and almost every key is seen once. So:

- a record yielded for several keys in a row is stored once;
- integer keys (signed 64-bit) are kept in flat arrays, 8 bytes for the key
  and 8 for the record's index, with no Python object per key; any other
  hashable key goes in a dict;
- at the end, keys are grouped by sorting, and ``finish`` only sees keys with
  at least ``rule.min_records`` records.

Records keep corpus order within a key (files in the order they were found,
documents in file order), and keys come out sorted (integers) or in first-seen
order (others), so the reduce does not depend on the number of processes.
"""
from __future__ import annotations

import hashlib
from array import array

_INT64 = (-(1 << 63), (1 << 63) - 1)


def stable_key(*parts) -> int:
    """A signed 64-bit integer key from ``str``/``bytes``/``int`` parts.

    The same in every process and every run (unlike ``hash()``), and stored
    compactly by the engine: use it for keys a rule yields many of.
    """
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8")
        elif isinstance(part, int):
            part = part.to_bytes(16, "big", signed=True)
        digest.update(len(part).to_bytes(4, "big"))
        digest.update(part)
    return int.from_bytes(digest.digest(), "big", signed=True)


class RecordStore:
    """The keyed records of one corpus rule, from one file or the whole corpus."""

    __slots__ = ("_last", "int_keys", "int_refs", "other", "records")

    def __init__(self):
        self.records: list = []
        self.int_keys = array("q")
        self.int_refs = array("q")
        self.other: dict = {}
        self._last = None

    def add(self, key, record) -> None:
        if record is not self._last:
            self.records.append(record)
            self._last = record
        index = len(self.records) - 1
        if type(key) is int and _INT64[0] <= key <= _INT64[1]:
            self.int_keys.append(key)
            self.int_refs.append(index)
        else:
            self.other.setdefault(key, []).append(index)

    def extend(self, part: RecordStore) -> None:
        """Append another store's records (from the next file) after these."""
        offset = len(self.records)
        self.records.extend(part.records)
        self.int_keys.extend(part.int_keys)
        self.int_refs.extend(i + offset for i in part.int_refs)
        for key, refs in part.other.items():
            self.other.setdefault(key, []).extend(i + offset for i in refs)
        self._last = None

    def __getstate__(self):
        return self.records, self.int_keys, self.int_refs, self.other

    def __setstate__(self, state):
        self.records, self.int_keys, self.int_refs, self.other = state
        self._last = None

    def groups(self, min_records: int = 1):
        """``(key, records)`` for every key with at least ``min_records`` records."""
        records = self.records
        if self.int_keys:
            import numpy  # 65 ms to import: paid only by a run with integer keys

            keys = numpy.frombuffer(self.int_keys, dtype=numpy.int64)
            refs = numpy.frombuffer(self.int_refs, dtype=numpy.int64)
            order = numpy.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = numpy.flatnonzero(numpy.diff(sorted_keys)) + 1
            bounds = numpy.concatenate(([0], starts, [len(sorted_keys)]))
            sizes = numpy.diff(bounds)
            for group in numpy.flatnonzero(sizes >= min_records):
                start, end = bounds[group], bounds[group + 1]
                yield int(sorted_keys[start]), [records[i] for i in refs[order[start:end]].tolist()]
        for key, refs in self.other.items():
            if len(refs) >= min_records:
                yield key, [records[i] for i in refs]
