"""Tables kept between runs: rebuilt when their data changes, never trusted blindly."""
import os

from corpuslint.tables import cached_table


def test_a_table_is_built_once_and_rebuilt_when_its_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CORPUSLINT_NO_TABLE_CACHE", raising=False)
    data = tmp_path / "words.txt"
    data.write_text("alpha\nbeta\n")
    builds = []

    def build():
        builds.append(1)
        return frozenset(data.read_text().split())

    assert cached_table("words", [str(data)], build) == {"alpha", "beta"}
    assert cached_table("words", [str(data)], build) == {"alpha", "beta"}
    assert len(builds) == 1
    data.write_text("alpha\nbeta\ngamma\n")
    os.utime(data, ns=(1, 1))
    assert cached_table("words", [str(data)], build) == {"alpha", "beta", "gamma"}
    assert len(builds) == 2
    assert len(list((tmp_path / "cache" / "corpuslint").glob("words-*.pickle"))) == 1


def test_an_unreadable_table_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CORPUSLINT_NO_TABLE_CACHE", raising=False)
    cached_table("t", [], lambda: [1, 2])
    (path,) = (tmp_path / "cache" / "corpuslint").glob("t-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cached_table("t", [], lambda: [3]) == [3]


def test_a_table_is_rebuilt_when_the_code_that_builds_it_changes(tmp_path, monkeypatch):
    import importlib.util

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CORPUSLINT_NO_TABLE_CACHE", raising=False)
    module_path = tmp_path / "builder.py"
    module_path.write_text("builds = []\ndef build():\n    builds.append(1)\n    return 'table'\n")
    spec = importlib.util.spec_from_file_location("builder", module_path)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert cached_table("code", [], builder.build) == "table"
    assert cached_table("code", [], builder.build) == "table"
    assert len(builder.builds) == 1
    os.utime(module_path, ns=(1, 1))  # the rule's code was edited
    assert cached_table("code", [], builder.build) == "table"
    assert len(builder.builds) == 2
