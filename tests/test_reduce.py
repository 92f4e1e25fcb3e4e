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
