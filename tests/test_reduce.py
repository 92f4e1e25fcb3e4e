"""The record store behind corpus rules: compact keys, grouping, order."""
import pickle

from corpuslint.reduce import RecordStore, stable_key


def test_stable_key_is_a_signed_64_bit_integer_that_separates_parts():
    assert stable_key("tail", "Sign up") == stable_key("tail", "Sign up")
    assert stable_key("tail", "Sign up") != stable_key("tailSign", " up")
    assert stable_key(b"x") != stable_key("x", "")
    assert all(-(2**63) <= stable_key(str(i)) < 2**63 for i in range(100))


def _store(pairs):
    store = RecordStore()
    for key, record in pairs:
        store.add(key, record)
    return store


def test_groups_keep_corpus_order_and_skip_small_groups():
    shared = ("doc-2",)
    store = _store([(5, ("doc-1",)), ("k", ("doc-1b",)), (5, shared), (9, shared), (7, ("doc-3",)),
                    (5, ("doc-4",)), ("k", ("doc-5",)), (2**70, ("big",))])
    assert store.records.count(shared) == 1  # one record for two keys
    assert list(store.groups(2)) == [(5, [("doc-1",), shared, ("doc-4",)]), ("k", [("doc-1b",), ("doc-5",)])]
    assert [key for key, _ in store.groups(1)] == [5, 7, 9, "k", 2**70]


def test_stores_from_files_merge_in_file_order_and_survive_pickling():
    first = _store([(1, "a"), (2, "b"), ("x", "c")])
    second = pickle.loads(pickle.dumps(_store([(2, "d"), (1, "e"), ("x", "f")])))
    merged = RecordStore()
    merged.extend(first)
    merged.extend(second)
    assert list(merged.groups(2)) == [(1, ["a", "e"]), (2, ["b", "d"]), ("x", ["c", "f"])]


def test_past_the_spill_limit_records_go_to_a_file_and_group_the_same(monkeypatch):
    from corpuslint import reduce

    parts = [_store([(i % 7, ("doc", i)), (f"k{i % 3}", ("doc", i))]) for i in range(40)]
    in_memory = RecordStore(spill=True)
    for part in parts:
        in_memory.extend(part)
    monkeypatch.setattr(reduce, "SPILL_AFTER", 10)
    spilled = RecordStore(spill=True)
    for part in parts:
        spilled.extend(part)
    assert type(in_memory.records) is list
    assert isinstance(spilled.records, reduce.SpilledRecords) and len(spilled.records) == 80
    assert list(spilled.groups(2)) == list(in_memory.groups(2))
    assert spilled.records[79] == ("doc", 39)
    spilled.extend(_store([(0, ("late", 1))]))  # written after a read: still read back right
    assert spilled.records[80] == ("late", 1) and spilled.records[0] == ("doc", 0)
    assert list(pickle.loads(pickle.dumps(spilled)).groups(2)) == list(spilled.groups(2))


def test_a_large_group_of_spilled_records_is_read_from_the_file_as_it_is_iterated(monkeypatch):
    from corpuslint import reduce

    monkeypatch.setattr(reduce, "SPILL_AFTER", 10)
    monkeypatch.setattr(reduce, "GROUP_IN_MEMORY", 20)
    store = RecordStore(spill=True)
    for part in range(5):  # 50 records under one key, 5 under another
        store.extend(_store([(1, ("doc", part, i)) for i in range(10)] + [(2, ("other", part))]))
    groups = dict(store.groups(2))
    big, small = groups[1], groups[2]
    assert isinstance(big, reduce.RecordView) and type(small) is list
    expected = [("doc", part, i) for part in range(5) for i in range(10)]
    assert len(big) == 50 and list(big) == expected and list(big) == expected  # iterated twice
    assert big[0] == ("doc", 0, 0) and big[-1] == ("doc", 4, 9) and big[10:12] == expected[10:12]
    assert big == expected and big != expected[:-1]
    first, *rest = big
    assert first == expected[0] and rest == expected[1:]


def test_past_the_key_limit_keys_go_to_partition_files_and_group_the_same(monkeypatch):
    import random

    from corpuslint import reduce

    rng = random.Random(5)
    parts = []
    for file in range(30):
        pairs = []
        for doc in range(rng.randint(0, 6)):
            record = ("doc", file, doc)
            pairs += [(rng.choice([rng.randint(-2**63, 2**63 - 1), rng.randint(0, 40)]), record)
                      for _ in range(rng.randint(1, 4))]
            if doc % 3 == 0:
                pairs.append((f"other{doc}", record))
        parts.append(_store(pairs))
    in_memory = RecordStore(spill=True)
    for part in parts:
        in_memory.extend(part)
    monkeypatch.setattr(reduce, "KEYS_IN_MEMORY", 5)
    monkeypatch.setattr(reduce, "SPILL_AFTER", 7)
    spilled = RecordStore(spill=True)
    for part in parts:
        spilled.extend(part)
    assert spilled.spilled_keys is not None and len(spilled.int_keys) <= 5 + max(len(p.int_keys) for p in parts)
    expected = list(in_memory.groups(1))
    assert [key for key, _ in expected] == sorted(k for k, _ in expected if type(k) is int) + \
        [k for k, _ in expected if type(k) is str]
    assert list(spilled.groups(1)) == expected
    assert list(spilled.groups(2)) == list(in_memory.groups(2))  # grouping again reads the files again


def test_groups_match_a_plain_grouping_on_random_keys():
    import random

    rng = random.Random(5)
    for trial in range(200):
        pairs = []
        for doc in range(rng.randint(0, 30)):
            record = ("doc", doc)
            for _ in range(rng.randint(0, 4)):  # a record yields several keys in a row, as band keys do
                pairs.append((rng.choice([rng.randint(-3, 3), rng.randint(-(2**63), 2**63 - 1), "s", 2**64]),
                              record))
        for min_records in (1, 2, 3):
            expected = {}
            for key, record in pairs:
                expected.setdefault(key, []).append(record)
            found = dict(_store(pairs).groups(min_records))
            wanted = {k: v for k, v in expected.items() if len(v) >= min_records}
            assert found == wanted, (trial, min_records)
