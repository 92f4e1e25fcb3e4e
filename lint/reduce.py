"""Where corpus rules' ``(key, record)`` pairs wait for the reduce step.

Memory is the constraint: a near-duplicate rule yields a key per LSH band,
a dozen or more per document, and almost every key is seen once. So:

- a record yielded for several keys in a row is stored once;
- integer keys (signed 64-bit) are kept in flat arrays, 8 bytes for the key
  and 8 for the record's index, with no Python object per key; any other
  hashable key goes in a dict, with its record numbers in a flat array (a
  constant key of a corpus statistic has one per document);
- at the end, keys are grouped by sorting, and ``finish`` only sees keys with
  at least ``rule.min_records`` records;
- in the main process, once a rule has more than :data:`SPILL_AFTER` records,
  they move to an unnamed temporary file (:class:`SpilledRecords`), each
  pickled on its own: memory then holds 8 bytes per record, and a record is
  read back only if its key is shared (most are not);
- a group of more than :data:`GROUP_IN_MEMORY` spilled records reaches
  ``finish`` as a :class:`RecordView`, a sequence that reads its records
  from the file as it is iterated, so a rule that learns a statistic under one
  key from every document does not hold the corpus's records at once;
- in the main process, past :data:`KEYS_IN_MEMORY` integer keys, keys and
  their record numbers go to :data:`PARTITIONS` temporary files
  (:class:`SpilledKeys`), each holding one range of key values; the grouping
  then sorts one partition at a time, so memory holds a partition, not the
  corpus's keys (7 million keys for 200,000 documents of the built-in rules).

Records keep corpus order within a key (files in the order they were found,
documents in file order), and keys come out sorted (integers) or in first-seen
order (others), so the reduce does not depend on the number of processes.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import os
import pickle
import tempfile
from array import array
from collections.abc import Sequence

_INT64 = (-(1 << 63), (1 << 63) - 1)
#: Records of one rule kept as Python objects in the main process; more go to a temporary file.
SPILL_AFTER = 10_000
#: Integer keys of one rule kept in the main process's memory; more go to :class:`SpilledKeys`
#: (moving them takes about 48 bytes a key for a moment: 12 MB at this size).
KEYS_IN_MEMORY = 1 << 18
#: A group of more spilled records than this is read from the file as ``finish`` iterates it.
GROUP_IN_MEMORY = 4096
#: How many key ranges (temporary files) spilled keys are split into: a power of two.
PARTITIONS = 32
#: The run gives free memory back (:func:`release_free_memory`) after a file or part this large.
TRIM_AFTER_BYTES = 1 << 20


def release_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    Reading a part of a large file (10,000 Parquet rows through pyarrow)
    frees tens of megabytes that glibc keeps in its heap, fragmented, and the
    next part then grows the process further. The run trims after each file
    or part of :data:`TRIM_AFTER_BYTES` or more (a trim takes about 0.4 ms
    on a 200 MB heap) and after each corpus rule's reduce
    (``bench/parquet_memory.py`` measures the peak).
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


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


class SpilledRecords:
    """A list of records kept in an unnamed temporary file, each pickled on its own.

    Memory holds 8 bytes per record (where it ends in the file); ``records[i]``
    reads and unpickles record ``i`` (with ``pread``: the file is never mapped
    into memory). The file has no name (it is unlinked as it is created), so
    only this process writes what it later unpickles.
    """

    __slots__ = ("_ends", "_file", "_flushed")

    def __init__(self, records=()):
        self._file = tempfile.TemporaryFile(prefix="corpuslint-records-")  # noqa: SIM115 (lives with the store)
        self._ends = array("q")
        self._flushed = True
        self.extend(records)

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, record) -> None:
        data = pickle.dumps(record, pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._flushed = False
        self._ends.append((self._ends[-1] if self._ends else 0) + len(data))

    def extend(self, records) -> None:
        for record in records:
            self.append(record)

    def __getitem__(self, index: int):
        if not self._flushed:
            self._file.flush()
            self._flushed = True
        start = self._ends[index - 1] if index else 0
        return pickle.loads(os.pread(self._file.fileno(), self._ends[index] - start, start))

    def __iter__(self):
        return (self[i] for i in range(len(self)))


class RecordView(Sequence):
    """Records ``indices`` of a :class:`SpilledRecords` file, as a read-only sequence.

    Iterating reads each record from the file when it is reached, so only the
    record in hand is in memory; iterating again reads the file again. Indexing
    and ``len`` work as on a list; a slice is a list.
    """

    __slots__ = ("_indices", "_records")

    def __init__(self, records: SpilledRecords, indices: array):
        self._records = records
        self._indices = indices

    def __len__(self) -> int:
        return len(self._indices)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._records[i] for i in self._indices[index]]
        return self._records[self._indices[index]]

    def __iter__(self):
        return map(self._records.__getitem__, self._indices)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"RecordView({len(self)} records)"


class SpilledKeys:
    """Integer keys and the numbers of their records, in :data:`PARTITIONS` unnamed files.

    Partition ``p`` holds the keys whose top bits (of the key as an unsigned
    number, sign bit flipped) are ``p``, so the partitions in order hold the key
    values in order; within a partition, pairs keep the order they came in.
    :meth:`groups` reads one partition at a time.
    """

    __slots__ = ("_files", "_shift")

    def __init__(self):
        self._files = [None] * PARTITIONS
        self._shift = 64 - (PARTITIONS.bit_length() - 1)

    def write(self, numpy, keys, owners) -> None:
        """Append ``keys`` (int64) with their record numbers ``owners`` (int64)."""
        partition = (keys.view(numpy.uint64) ^ numpy.uint64(1 << 63)) >> numpy.uint64(self._shift)
        order = numpy.argsort(partition, kind="stable")
        bounds = numpy.searchsorted(partition[order], numpy.arange(PARTITIONS + 1)).tolist()
        for p, (start, end) in enumerate(itertools.pairwise(bounds)):
            if start == end:
                continue
            if self._files[p] is None:
                self._files[p] = tempfile.TemporaryFile(prefix="corpuslint-keys-")  # noqa: SIM115 (lives with the store)
            chosen = order[start:end]
            pairs = numpy.empty((end - start, 2), dtype=numpy.int64)
            pairs[:, 0], pairs[:, 1] = keys[chosen], owners[chosen]
            self._files[p].write(pairs.tobytes())

    def partitions(self, numpy):
        """``(keys, owners)`` arrays of each partition in key order, read one at a time."""
        for handle in self._files:
            if handle is None:
                continue
            handle.flush()
            size = handle.seek(0, os.SEEK_END)
            pairs = numpy.frombuffer(os.pread(handle.fileno(), size, 0), dtype=numpy.int64).reshape(-1, 2)
            yield pairs[:, 0], pairs[:, 1]


class RecordStore:
    """The keyed records of one corpus rule, from one file or the whole corpus.

    ``spill`` (for the main process's corpus-wide stores): past
    :data:`SPILL_AFTER` records, keep them in a :class:`SpilledRecords` file,
    and past :data:`KEYS_IN_MEMORY` integer keys, keep those in
    :class:`SpilledKeys` files.
    """

    __slots__ = ("_counted", "_last", "int_counts", "int_keys", "other", "records", "spill", "spilled_keys")

    def __init__(self, spill: bool = False):
        self.spill = spill
        self.records: list = []
        #: the integer keys in memory, in the order they came
        self.int_keys = array("q")
        #: per record from record ``_counted`` on, how many of ``int_keys`` (the next ones) are its keys
        self.int_counts = array("I")
        self.other: dict = {}
        #: the integer keys of records before ``_counted``, once spilled
        self.spilled_keys: SpilledKeys | None = None
        self._counted = 0
        self._last = None

    def add(self, key, record) -> None:
        if record is not self._last:
            self.records.append(record)
            self.int_counts.append(0)
            self._last = record
        if type(key) is int and _INT64[0] <= key <= _INT64[1]:
            self.int_keys.append(key)
            self.int_counts[-1] += 1
        else:
            refs = self.other.get(key)
            if refs is None:
                refs = self.other[key] = array("q")
            refs.append(len(self.records) - 1)

    def extend(self, part: RecordStore) -> None:
        """Append another store's records (from the next file) after these."""
        offset = len(self.records)
        if self.spill and type(self.records) is list and offset + len(part.records) > SPILL_AFTER:
            self.records = SpilledRecords(self.records)
        self.records.extend(part.records)
        self.int_keys.extend(part.int_keys)
        self.int_counts.extend(part.int_counts)
        for key, refs in part.other.items():
            mine = self.other.get(key)
            if mine is None:
                mine = self.other[key] = array("q")
            mine.extend(refs if not offset else array("q", [i + offset for i in refs]))
        self._last = None
        if self.spill and len(self.int_keys) > KEYS_IN_MEMORY:
            self._spill_keys()

    def _spill_keys(self) -> None:
        """Move the integer keys in memory, with their record numbers, to :class:`SpilledKeys`."""
        import numpy

        counts = numpy.frombuffer(self.int_counts, dtype=numpy.uint32)
        owners = numpy.repeat(numpy.arange(self._counted, self._counted + len(counts), dtype=numpy.int64), counts)
        if self.spilled_keys is None:
            self.spilled_keys = SpilledKeys()
        self.spilled_keys.write(numpy, numpy.frombuffer(self.int_keys, dtype=numpy.int64), owners)
        self._counted += len(counts)
        self.int_keys, self.int_counts = array("q"), array("I")

    def __getstate__(self):
        if self.spilled_keys is not None:
            raise TypeError("a store with spilled keys stays in the process that spilled them")
        return list(self.records), self.int_keys, self.int_counts, self.other

    def __setstate__(self, state):
        self.records, self.int_keys, self.int_counts, self.other = state
        self._last, self.spill, self.spilled_keys, self._counted = None, False, None, 0

    def groups(self, min_records: int = 1):
        """``(key, records)`` for every key with at least ``min_records`` records.

        Integer keys are sorted (stably: records keep corpus order) with numpy;
        the memory this takes is 12 bytes per key, for one rule (and, once keys
        are spilled, one partition) at a time, and no array per distinct key
        when groups need two records or more.
        """
        records = self.records
        if self.int_keys or self.spilled_keys is not None:
            import numpy  # 65 ms to import: paid only by a run with integer keys

            for keys, owner_of in self._key_batches(numpy):
                order = numpy.argsort(keys, kind="stable")
                if len(order) < 2**32:  # half the memory, for the rest of the grouping
                    order = order.astype(numpy.uint32)
                sorted_keys = keys[order]
                for start, end in _runs(numpy, sorted_keys, min_records):
                    yield int(sorted_keys[start]), _group(records, owner_of(order[start:end]))
        for key, refs in self.other.items():
            if len(refs) >= min_records:
                yield key, _group(records, refs)

    def _key_batches(self, numpy):
        """``(keys, owner_of)`` batches in key order: ``owner_of(positions)`` gives the
        record numbers of the keys at those positions of the batch."""
        if self.spilled_keys is not None:
            if self.int_keys:
                self._spill_keys()
            for keys, owners in self.spilled_keys.partitions(numpy):
                yield keys, owners.__getitem__
            return
        # key position -> record: the records' last key positions, searched
        ends = numpy.cumsum(numpy.frombuffer(self.int_counts, dtype=numpy.uint32), dtype=numpy.int64)
        yield (numpy.frombuffer(self.int_keys, dtype=numpy.int64),
               lambda positions: numpy.searchsorted(ends, positions, side="right") + self._counted)


def _group(records, indices):
    """The records at ``indices`` (a flat array of record numbers, numpy's or the
    standard library's): a list, or a :class:`RecordView` for a large group of
    spilled records."""
    if len(indices) > GROUP_IN_MEMORY and isinstance(records, SpilledRecords):
        if not isinstance(indices, array):
            indices = array("q", indices.astype("int64").tobytes())
        return RecordView(records, indices)
    return [records[i] for i in indices.tolist()]


def _runs(numpy, sorted_keys, min_records: int):
    """``(start, end)`` of each run of equal keys of at least ``min_records`` in ``sorted_keys``."""
    if min_records <= 1:
        starts = numpy.flatnonzero(numpy.diff(sorted_keys)) + 1
        bounds = numpy.concatenate(([0], starts, [len(sorted_keys)])).tolist()
        yield from itertools.pairwise(bounds)
        return
    # Only keys shared by two records or more: positions equal to the next one, in runs.
    same = numpy.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
    if not len(same):
        return
    breaks = numpy.flatnonzero(numpy.diff(same) != 1) + 1
    for run in numpy.split(same, breaks):
        start, end = int(run[0]), int(run[-1]) + 2
        if end - start >= min_records:
            yield start, end
