"""The result cache across partial runs: other rules, some of the files, a run that stops, a size bound."""
import datetime as dt
import json
import os
import pickle
import time

import pytest

from corpuslint import cache as result_cache
from corpuslint.config import Settings
from corpuslint.engine import Checker, run
from corpuslint.readers import Source
from corpuslint.registry import Selection

RULES = ["D001", "T002", "T003", "W001", "X001"]



@pytest.fixture
def corpus(home):
    """Six articles; two are the same story (X001), some have a doubled word or trailing spaces."""
    folder = home / "corpus"
    folder.mkdir()
    for i in range(6):
        tail = "   " if i % 2 else ""
        (folder / f"{i:02}.txt").write_text(f"Harbour story {i}\n\nThe ferry ran on time on Tuesday, the the "
                                            f"operator said of crossing {i}.{tail}\n")
    (folder / "06.txt").write_text((folder / "02.txt").read_text())
    return folder


def _from_cache(stderr: str) -> int:
    """How many files the run took from the cache (from --timings), 0 if it does not say."""
    for line in stderr.splitlines():
        if line.endswith("files or parts came from the cache"):
            return int(line.split()[0])
    return 0


def _full(cli, home, *args):
    return cli("--format", "json", "--no-progress", "--timings", *args, "corpus", cwd=home)


def test_a_select_run_leaves_the_full_runs_entries(cli, home, corpus):
    cold = _full(cli, home)
    assert _from_cache(cold.stderr) == 0
    selected = _full(cli, home, "--select", "T003")
    assert _from_cache(selected.stderr) == 0  # another configuration: its own file
    assert {f["code"] for f in json.loads(selected.stdout)} == {"T003"}
    assert len(list((home / ".corpuslint_cache").glob("results-*.cache"))) == 2
    warm = _full(cli, home)
    assert _from_cache(warm.stderr) == 7
    assert warm.stdout == cold.stdout
    again = _full(cli, home, "--select", "T003")
    assert (_from_cache(again.stderr), again.stdout) == (7, selected.stdout)


def test_a_one_file_run_keeps_the_other_files_entries(cli, home, corpus):
    cold = _full(cli, home)
    one = cli("--format", "json", "--no-progress", "--timings", "corpus/03.txt", cwd=home)
    assert _from_cache(one.stderr) == 1
    (corpus / "04.txt").write_text("Harbour story 4\n\nThe ferry ran late on Tuesday.\n")
    edited = cli("--format", "json", "--no-progress", "--timings", "corpus/04.txt", cwd=home)
    assert _from_cache(edited.stderr) == 0  # checked again; the new file keeps the six others
    warm = _full(cli, home)
    assert _from_cache(warm.stderr) == 7
    fresh = _full(cli, home, "--no-cache")
    assert warm.stdout == fresh.stdout != cold.stdout
    assert len(list((home / ".corpuslint_cache").glob("results-*.cache"))) == 1


def _checker(home, cache_dir, max_bytes=result_cache.DEFAULT_MAX_BYTES, rules=RULES):
    settings = Settings(root=str(home))
    selection = Selection(select=rules)
    checker = Checker(settings, selection, cache_dir=str(cache_dir))
    checker.cache.max_bytes = max_bytes
    return checker, settings, selection


def _lint(home, corpus, checker, settings, selection, progress=None):
    return run([str(corpus)], settings, selection, jobs=1, checker=checker, progress=progress)


class StopAfter:
    """A progress display that stops the run after ``count`` files, noting the cache folder's files."""

    def __init__(self, count, folder):
        self.count, self.folder, self.seen = count, folder, []

    def start(self, total_bytes, files):
        pass

    def update(self, result):
        self.seen.append(sorted((p.name.startswith(".corpuslint-"), p.stat().st_size)
                                for p in self.folder.glob("*.*") if p.name != ".gitignore"))
        if len(self.seen) == self.count:
            raise KeyboardInterrupt

    def close(self):
        pass


def test_results_are_written_as_they_come_and_a_stopped_run_keeps_them(home, corpus):
    folder = home / ".corpuslint_cache"
    checker, settings, selection = _checker(home, folder)
    stop = StopAfter(3, folder)
    with pytest.raises(KeyboardInterrupt):
        _lint(home, corpus, checker, settings, selection, progress=stop)
    # a temporary file that grows with each result: nothing waits in memory for the end
    sizes = [[size for temporary, size in files if temporary] for files in stop.seen]
    assert [len(s) for s in sizes] == [1, 1, 1] and sizes[0][0] < sizes[1][0] < sizes[2][0]
    assert [p.name.startswith("results-") for p in folder.glob("*.*") if p.name != ".gitignore"] == [True]
    checker, _, _ = _checker(home, folder)
    assert _lint(home, corpus, checker, settings, selection).cached == 3
    checker, _, _ = _checker(home, folder)
    warm = _lint(home, corpus, checker, settings, selection)
    cold = _lint(home, corpus, Checker(settings, selection), settings, selection)
    assert warm.cached == 7 and [f.as_dict() for f in warm.findings] == [f.as_dict() for f in cold.findings]


def _entries(cache_dir, config, max_bytes=result_cache.DEFAULT_MAX_BYTES):
    cache = result_cache.Cache(str(cache_dir), config, max_bytes)
    cache.load()
    return list(cache.entries)


def _save(home, corpus, cache_dir, config, names, max_bytes=result_cache.DEFAULT_MAX_BYTES):
    """Lint ``names`` (W001 only) with the result cache of ``config`` in ``cache_dir``; their keys."""
    checker = Checker(Settings(root=str(home)), Selection(select=["W001"]))
    cache = result_cache.Cache(str(cache_dir), config, max_bytes)
    cache.load()
    sources = [Source(str(corpus / name), name, name) for name in names]
    for source in sources:
        if cache.lookup(source) is None:
            cache.put(source, checker.check_file(source))
    cache.save()
    return [result_cache.Cache._key(s) for s in sources]


def _entry_size(home, corpus, name):
    """The bytes that the entry of file ``name`` takes in a result cache."""
    folder = home / f"measure-{name}"
    _save(home, corpus, folder, "m" * 32, [name])
    return (folder / f"results-{'m' * 20}.cache").stat().st_size - result_cache._START


def test_a_tiny_bound_keeps_the_first_entries_and_drops_other_configurations(home, corpus):
    folder = home / "c"
    keys = _save(home, corpus, folder, "a" * 32, ["00.txt", "01.txt", "02.txt"])
    assert _entries(folder, "a" * 32) == keys
    bound = result_cache._START + _entry_size(home, corpus, "00.txt")
    _save(home, corpus, folder, "b" * 32, ["00.txt", "01.txt", "02.txt"], max_bytes=bound)
    assert _entries(folder, "b" * 32) == keys[:1]  # the run's first result: the others pass the bound
    assert (folder / f"results-{'b' * 20}.cache").stat().st_size == bound
    assert sorted(p.name for p in folder.glob("results-*")) == [f"results-{'b' * 20}.cache"]


def test_entries_of_files_not_in_the_run_go_first_when_the_bound_is_reached(home, corpus):
    folder = home / "c"
    old = _save(home, corpus, folder, "a" * 32, ["00.txt", "01.txt", "02.txt"])
    bound = result_cache._START + sum(_entry_size(home, corpus, name) for name in ("03.txt", "00.txt", "01.txt"))
    new = _save(home, corpus, folder, "a" * 32, ["03.txt"], max_bytes=bound)
    assert _entries(folder, "a" * 32) == new + old[:2]  # 02.txt, the least recently used, is dropped


def test_other_configurations_last_used_on_an_earlier_day_are_dropped(home, corpus):
    folder = home / "c"
    _save(home, corpus, folder, "a" * 32, ["00.txt"])
    _save(home, corpus, folder, "b" * 32, ["00.txt"])
    yesterday = time.mktime((dt.date.today() - dt.timedelta(days=1)).timetuple()) + 3600
    os.utime(folder / f"results-{'a' * 20}.cache", (yesterday, yesterday))
    stale = folder / ".corpuslint-killed.tmp"
    stale.write_bytes(b"a run that was killed")
    os.utime(stale, (yesterday - 2 * result_cache.STALE_TEMP_SECONDS,) * 2)
    running = folder / ".corpuslint-running.tmp"
    running.write_bytes(b"a run at work")
    _save(home, corpus, folder, "c" * 32, ["00.txt"])
    assert sorted(p.name for p in folder.glob("*.*")) == [".corpuslint-running.tmp", ".gitignore",
                                                          f"results-{'b' * 20}.cache", f"results-{'c' * 20}.cache"]


class Planted:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


def test_an_entry_changed_after_the_cache_was_loaded_is_not_unpickled(home, corpus):
    folder = home / "c"
    _save(home, corpus, folder, "a" * 32, ["00.txt", "01.txt"])
    cache = result_cache.Cache(str(folder), "a" * 32)
    cache.load()
    source = Source(str(corpus / "01.txt"), "01.txt", "01.txt")
    position = cache.lookup(source)
    assert position is not None
    marker = home / "pwned"
    payload = pickle.dumps(Planted(marker))
    path = folder / f"results-{'a' * 20}.cache"
    with open(path, "r+b") as fh:  # in place, after the MACs were checked: the same inode
        fh.seek(-len(payload), os.SEEK_END)
        fh.write(payload)
    assert cache.restore(source, position) is None
    assert not marker.exists() and cache.before == {result_cache.Cache._key(source): result_cache._stamp(source)}
