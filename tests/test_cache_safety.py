"""Caches that cannot run code and cannot lie: signed entries, a private key, plugin code in the key."""
import os
import pickle
import random
import re
import stat
from pathlib import Path

import pytest
from conftest import fake_install

from corpuslint import cache as result_cache
from corpuslint import signing
from corpuslint.config import Settings
from corpuslint.engine import Checker, run
from corpuslint.formats import OutputOptions, render
from corpuslint.readers import Source
from corpuslint.registry import Selection
from corpuslint.tables import cached_table

STORY = ("Harbour bridge reopens\n\nThe bridge over the harbour reopened on Tuesday after weeks of repairs, "
         "the council said. It was a auto bridge and the the traffic flowed again across the quay.\n")
ENTRIES_FAILED = re.compile(r"corpuslint: (\d+) of (\d+) entries of the result cache (\S+) failed their "
                            r"integrity check: they were dropped and their files are checked again\n")
#: Document rules, and a corpus rule (X001, the duplicate pair); with TABLES, rules that build cached tables.
RULES = "D001,T002,T003,W001,X001"
TABLES = "T004,T006"
FILE_FAILED = ("corpuslint: the result cache {} failed its integrity check (damaged, or not written by "
               "corpuslint for this user): it was dropped and every file is checked again\n")
TABLE_FAILED = ("corpuslint: the table cache {} failed its integrity check (damaged, or not written by "
                "corpuslint for this user): it is built again\n")


class Planted:
    """A pickle that creates ``marker`` when it is unpickled (what an attacker would plant)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")



@pytest.fixture
def corpus(home):
    """Four articles with findings of document rules and of a corpus rule (a duplicate pair)."""
    folder = home / "corpus"
    folder.mkdir()
    (folder / "01.txt").write_text(STORY)
    (folder / "02.txt").write_text(STORY)
    (folder / "03.txt").write_text("Ferry timetable changes\n\nThe ferry will run every hour from Monday, "
                                   "the operator said.\n")
    (folder / "04.txt").write_text("Council vote\n\nThe council voted on the budget on Wednesday.   \n")
    return folder


def _planted_pickle(marker) -> bytes:
    """The attacker's pickle; proven live: unpickling it here creates a marker of its own."""
    proof = f"{marker}.proof"
    pickle.loads(pickle.dumps(Planted(proof)))
    assert os.path.exists(proof)
    os.unlink(proof)
    return pickle.dumps(Planted(marker))


def _results_file(home):
    (path,) = (home / ".corpuslint_cache").glob("results-*.cache")
    return path


def _frames(path):
    """The header (without its MAC), the header's MAC and the (MAC, body) of each entry of a result cache."""
    data = path.read_bytes()
    head_end = result_cache._HEAD.size
    head, head_mac = data[:head_end], data[head_end:head_end + signing.MAC_BYTES]
    offset, entries = head_end + signing.MAC_BYTES, []
    while offset < len(data):
        length, mac = result_cache._FRAME.unpack_from(data, offset)
        offset += result_cache._FRAME.size
        entries.append((mac, data[offset:offset + length]))
        offset += length
    return head, head_mac, entries


def _framed(head, head_mac, entries) -> bytes:
    return head + head_mac + b"".join(result_cache._FRAME.pack(len(body), mac) + body for mac, body in entries)


def _with_payload(body: bytes, payload: bytes) -> bytes:
    """An entry's body with the same file stamp and key but another pickled result."""
    key_length = result_cache._BODY.unpack_from(body)[-1]
    return body[:result_cache._BODY.size + key_length] + payload


def _json_cli(cli, home, *args, env=None):
    return cli("--format", "json", "--no-progress", "--select", RULES, *args, "corpus", cwd=home, env=env)


def test_a_planted_results_cache_in_the_old_format_runs_no_code(cli, home, corpus):
    cold = _json_cli(cli, home)  # no cache yet: a cold run, which writes the cache
    assert cold.returncode == 1 and cold.stderr == ""
    current = _results_file(home)
    marker = home / "pwned"
    planted = pickle.dumps({"config": "x", "entries": Planted(marker)})
    current.write_bytes(planted)
    legacy = current.with_suffix(".pickle")  # where corpuslint 0.1 kept its unsigned pickle
    legacy.write_bytes(planted)
    warm = _json_cli(cli, home, "--timings")
    assert not marker.exists()
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert warm.stderr.startswith(FILE_FAILED.format(current))
    assert "came from the cache" not in warm.stderr and "Traceback" not in warm.stderr
    assert not legacy.exists()
    again = _json_cli(cli, home, "--timings")  # the cache was rewritten, signed
    assert (again.returncode, again.stdout) == (cold.returncode, cold.stdout)
    assert "\n4 files or parts came from the cache\n" in again.stderr
    assert "integrity" not in again.stderr


def test_a_planted_results_cache_in_the_new_format_runs_no_code(cli, home, corpus):
    cold = _json_cli(cli, home)
    path = _results_file(home)
    head, head_mac, entries = _frames(path)
    assert len(entries) == 4
    marker = home / "pwned"
    planted = _planted_pickle(marker)

    # one entry's result replaced, its MAC left as it was: only that entry is dropped
    entries[1] = (entries[1][0], _with_payload(entries[1][1], planted))
    path.write_bytes(_framed(head, head_mac, entries))
    one = _json_cli(cli, home, "--timings")
    assert not marker.exists()
    assert (one.returncode, one.stdout) == (cold.returncode, cold.stdout)
    assert ENTRIES_FAILED.match(one.stderr).groups() == ("1", "4", str(path))
    assert "\n3 files or parts came from the cache\n" in one.stderr

    # the whole file well formed, but signed with a key that is not the user's
    forger = signing.Signer(os.urandom(32))
    head, head_mac, entries = _frames(path)
    bodies = [_with_payload(body, planted) for _, body in entries]
    path.write_bytes(_framed(head, forger.sign(b"header", b"x", head),
                             [(forger.sign(b"entry", b"x", body), body) for body in bodies]))
    forged = _json_cli(cli, home, "--timings")
    assert not marker.exists()
    assert (forged.returncode, forged.stdout) == (cold.returncode, cold.stdout)
    assert forged.stderr.startswith(FILE_FAILED.format(path))
    assert "came from the cache" not in forged.stderr and "Traceback" not in forged.stderr


def _saved_cache(home, corpus, config):
    """A result cache of ``config`` holding 03.txt and 04.txt (W001 only), and the two sources."""
    checker = Checker(Settings(root=str(home)), Selection(select=["W001"]))
    sources = [Source(str(corpus / name), name, name) for name in ("03.txt", "04.txt")]
    cache = result_cache.Cache(str(home / config[0]), config)
    for source in sources:
        assert cache.lookup(source) is None  # as the engine does: the file's stamp before it is read
        cache.put(source, checker.check_file(source))
    cache.save()
    return cache, sources


def test_a_file_edited_while_it_was_checked_is_not_cached(home, corpus):
    checker = Checker(Settings(root=str(home)), Selection(select=["W001"]))
    edited, kept = (Source(str(corpus / name), name, name) for name in ("03.txt", "04.txt"))
    cache = result_cache.Cache(str(home / "c"), "c" * 32)
    for source in (edited, kept):
        assert cache.lookup(source) is None
    result = checker.check_file(edited)
    with open(edited.path, "a") as fh:  # saved by someone else before the result is kept
        fh.write("A new line.\n")
    cache.put(edited, result)
    cache.put(kept, checker.check_file(kept))
    assert list(cache.seen) == [result_cache.Cache._key(kept)]


def test_an_entry_cannot_move_to_another_configuration_or_file(home, corpus, capsys):
    first, sources = _saved_cache(home, corpus, "a" * 32)
    second, _ = _saved_cache(home, corpus, "b" * 32)
    _, _, moved = _frames(Path(first.path))
    head, head_mac, entries = _frames(Path(second.path))
    Path(second.path).write_bytes(_framed(head, head_mac, moved))  # the other configuration's entries
    second.load()
    assert second.entries == {} and second.lookup(sources[0]) is None
    assert ENTRIES_FAILED.fullmatch(capsys.readouterr().err).groups() == ("2", "2", second.path)

    (mac, body), other = entries
    renamed = body.replace(b"/03.txt|", b"/05.txt|", 1)  # the key comes before the pickled result
    assert renamed != body
    Path(second.path).write_bytes(_framed(head, head_mac, [(mac, renamed), other]))  # an entry under another key
    third = result_cache.Cache(second.directory, second.config)
    third.load()
    assert list(third.entries) == [result_cache.Cache._key(sources[1])]
    assert third.lookup(sources[1]) is not None and third.lookup(sources[0]) is None
    assert ENTRIES_FAILED.fullmatch(capsys.readouterr().err).groups() == ("1", "2", second.path)


def _lint(home, corpus, cache_dir):
    settings = Settings(root=str(home))
    selection = Selection(select=RULES.split(","))
    checker = Checker(settings, selection, cache_dir=cache_dir)
    report = run([str(corpus)], settings, selection, jobs=1, checker=checker)
    return render(report, "json", OutputOptions()), report


def test_flipped_bytes_in_the_results_cache_never_change_the_report(home, corpus, capsys):
    cold, cold_report = _lint(home, corpus, None)
    cache_dir = str(home / ".corpuslint_cache")
    _lint(home, corpus, cache_dir)
    path = _results_file(home)
    valid = path.read_bytes()
    warm, warm_report = _lint(home, corpus, cache_dir)
    assert (warm, warm_report.cached) == (cold, 4)
    capsys.readouterr()
    for trial in range(20):
        rng = random.Random(trial)
        data = bytearray(valid)
        for _ in range(3):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        path.write_bytes(bytes(data))
        output, report = _lint(home, corpus, cache_dir)
        assert output == cold, f"trial {trial}"
        assert report.incomplete == cold_report.incomplete is False
        err = capsys.readouterr().err
        assert err == FILE_FAILED.format(path) or ENTRIES_FAILED.fullmatch(err), f"trial {trial}: {err!r}"
        assert path.read_bytes() != bytes(data), "a damaged cache is written again"


def test_flipped_bytes_through_the_cli(cli, home, corpus):
    cold = _json_cli(cli, home)
    path = _results_file(home)
    data = bytearray(path.read_bytes())
    for position in (60, len(data) // 2, len(data) - 5):
        data[position] ^= 0x55
    path.write_bytes(bytes(data))
    warm = _json_cli(cli, home)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert ENTRIES_FAILED.fullmatch(warm.stderr) or warm.stderr == FILE_FAILED.format(path)


def test_absurd_lengths_are_bounded_by_the_file(home, capsys):
    cache = result_cache.Cache(str(home), "c" * 32)
    keys = signing.signer()
    head = result_cache._HEAD.pack(result_cache._MAGIC, result_cache._FORMAT, 2 ** 60)
    frame = result_cache._FRAME.pack(2 ** 62, b"\0" * 32)
    (home / f"results-{'c' * 20}.cache").write_bytes(head + keys.sign(b"header", b"c" * 32, head) + frame)
    cache.load()
    assert cache.entries == {}
    assert ENTRIES_FAILED.fullmatch(capsys.readouterr().err).groups() == (str(2 ** 60), str(2 ** 60), cache.path)


def test_a_fifo_in_place_of_the_cache_does_not_block(home, capsys):
    cache = result_cache.Cache(str(home), "d" * 32)
    os.mkfifo(cache.path)
    cache.load()
    assert cache.entries == {} and capsys.readouterr().err == ""


def test_a_planted_table_runs_no_code_and_is_built_again(cli, home, corpus):
    cold = _json_cli(cli, home, "--no-cache", "--extend-select", TABLES)
    by_name = {p.name.rsplit("-", 1)[0]: p for p in (home / "cache" / "corpuslint").glob("*.pickle")}
    assert {"misspellings", "uk-us-spellings"} <= set(by_name)  # with the word-frequency tables
    tables = [by_name["misspellings"], by_name["uk-us-spellings"]]
    marker = home / "pwned"
    planted = _planted_pickle(marker)
    tables[0].write_bytes(planted)  # the old format: a bare pickle
    tables[1].write_bytes(b"CLTABLE\n" + os.urandom(32) + planted)  # the new format, a MAC not by the key
    warm = _json_cli(cli, home, "--no-cache", "--extend-select", TABLES)
    assert not marker.exists()
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert warm.stderr == TABLE_FAILED.format(tables[0]) + TABLE_FAILED.format(tables[1])
    again = _json_cli(cli, home, "--no-cache", "--extend-select", TABLES)
    assert (again.returncode, again.stdout, again.stderr) == (cold.returncode, cold.stdout, "")
    assert tables[1].read_bytes().startswith(b"CLTABLE\n") and planted not in tables[1].read_bytes()


def test_a_table_signed_for_another_name_is_not_used(home, capsys):
    assert cached_table("first", [], lambda: "one") == "one"
    (first,) = (home / "cache" / "corpuslint").glob("first-*.pickle")
    assert cached_table("second", [], lambda: "two") == "two"
    (second,) = (home / "cache" / "corpuslint").glob("second-*.pickle")
    second.write_bytes(first.read_bytes())
    assert cached_table("second", [], lambda: "two") == "two"
    assert capsys.readouterr().err == TABLE_FAILED.format(second)


PLUGIN = '''
from corpuslint.rule import DocumentRule


class Harbour(DocumentRule):
    """Mentions the harbour (a test double)."""

    code = "Z801"
    name = "harbour-mention"

    def check(self, doc):
        start = doc.body.text.find("harbour") if doc.body is not None else -1
        if start >= 0:
            yield self.finding(doc.body, start, start + 7, "message one")
'''


def test_an_edited_plugin_rule_is_not_answered_from_the_cache(cli, home, corpus):
    site = fake_install(home / "site", "harbour_rules", PLUGIN, {"harbour": "harbour_rules:Harbour"})
    env = {"PYTHONPATH": site, "PYTHONDONTWRITEBYTECODE": "1"}
    args = ("--select", "Z801,T003", "--timings", "--no-progress", "corpus")
    first = cli(*args, cwd=home, env=env)
    assert first.returncode == 1, first.stderr
    assert "corpus/01.txt:3:21: Z801 [warning] message one" in first.stdout
    warm = cli(*args, cwd=home, env=env)
    assert "\n4 files or parts came from the cache\n" in warm.stderr
    assert warm.stdout == first.stdout
    module = home / "site" / "harbour_rules.py"
    before = module.stat()
    module.write_text(PLUGIN.replace("message one", "message two"))  # same size...
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))  # ...and same time: only the content differs
    edited = cli(*args, cwd=home, env=env)
    assert "corpus/01.txt:3:21: Z801 [warning] message two" in edited.stdout
    assert "message one" not in edited.stdout
    assert "came from the cache" not in edited.stderr


def test_the_content_of_a_plugin_module_is_part_of_the_key(home, tmp_path, monkeypatch):
    site = fake_install(tmp_path / "site", "keyed_rules", PLUGIN, {"harbour": "keyed_rules:Harbour"})
    monkeypatch.syspath_prepend(site)
    import keyed_rules

    settings = Settings(root=str(home))
    rules = [keyed_rules.Harbour()]
    assert result_cache._module_files("keyed_rules") == [os.path.join(site, "keyed_rules.py")]
    before = result_cache.config_key(settings, rules)
    assert result_cache.config_key(settings, rules) == before
    (tmp_path / "site" / "keyed_rules.py").write_text(PLUGIN.replace("one", "two"))
    assert result_cache.config_key(settings, rules) != before


# --- the key ---------------------------------------------------------------------------

def test_the_key_is_made_private_and_kept(home):
    first = signing.signer()
    path = home / "config" / "corpuslint" / "cache-key"
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_size == 32
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert signing.signer().sign(b"x") == first.sign(b"x")
    assert [p.name for p in path.parent.iterdir()] == ["cache-key"]  # no temporary file left


def _untrusted(path, problem):
    return (f"corpuslint: the cache key {path} {problem} (delete it: the next run makes a new one): "
            "the caches are not used\n")


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620], ids=["group-read", "other-read", "group-write"])
def test_a_key_open_to_others_is_not_trusted(home, capsys, mode):
    signing.signer()
    path = home / "config" / "corpuslint" / "cache-key"
    path.chmod(mode)
    assert signing.signer() is None
    assert signing.signer() is None
    assert capsys.readouterr().err == _untrusted(path, f"is open to other users (mode {mode:04o})")
    path.chmod(0o600)
    assert signing.signer() is not None


def test_a_key_open_to_others_disables_both_caches_and_the_run_still_works(cli, home, corpus):
    cold = _json_cli(cli, home, "--extend-select", TABLES)
    results, tables = _results_file(home), sorted((home / "cache" / "corpuslint").glob("*.pickle"))
    written = results.read_bytes(), [t.read_bytes() for t in tables]
    key = home / "config" / "corpuslint" / "cache-key"
    key.chmod(0o644)
    untrusted = _json_cli(cli, home, "--timings", "--extend-select", TABLES)
    assert (untrusted.returncode, untrusted.stdout) == (cold.returncode, cold.stdout)
    assert untrusted.stderr.startswith(_untrusted(key, "is open to other users (mode 0644)"))
    assert untrusted.stderr.count("the caches are not used") == 1
    assert "came from the cache" not in untrusted.stderr
    assert (results.read_bytes(), [t.read_bytes() for t in tables]) == written  # neither read nor written


def test_a_key_of_another_user_is_not_trusted(home, capsys, monkeypatch):
    signing.signer()
    path = home / "config" / "corpuslint" / "cache-key"
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(path).st_uid + 1)
    assert signing.signer() is None
    assert capsys.readouterr().err == _untrusted(path, f"belongs to another user (uid {os.stat(path).st_uid})")


def test_a_key_of_the_wrong_size_a_link_or_a_folder_is_not_trusted(home, capsys):
    folder = home / "config" / "corpuslint"
    folder.mkdir(parents=True)
    path = folder / "cache-key"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"short")
    os.close(fd)
    assert signing.signer() is None
    path.unlink()
    real = folder / "real-key"
    real.write_bytes(os.urandom(32))
    real.chmod(0o600)
    path.symlink_to(real)
    assert signing.signer() is None
    path.unlink()
    path.mkdir()
    assert signing.signer() is None
    assert capsys.readouterr().err == (_untrusted(path, "is not 32 bytes long")
                                       + _untrusted(path, "is a symbolic link")
                                       + _untrusted(path, "is not a regular file"))


def test_an_unreadable_key_is_not_trusted(home, capsys, monkeypatch):
    signing.signer()
    path = str(home / "config" / "corpuslint" / "cache-key")
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if name == path:
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert signing.signer() is None
    assert capsys.readouterr().err == (f"corpuslint: cannot read the cache key {path} (Permission denied): "
                                       "the caches are not used\n")


def test_no_writable_config_folder_means_no_caches_and_a_working_run(cli, home, corpus):
    cold = _json_cli(cli, home, "--no-cache")
    (home / "blocked").write_text("a file, not a folder")
    proc = _json_cli(cli, home, env={"XDG_CONFIG_HOME": str(home / "blocked" / "config")})
    assert (proc.returncode, proc.stdout) == (cold.returncode, cold.stdout)
    path = home / "blocked" / "config" / "corpuslint" / "cache-key"
    assert proc.stderr == (f"corpuslint: cannot make the cache key {path} (Not a directory; set "
                           "XDG_CONFIG_HOME to a writable folder or CORPUSLINT_CACHE_KEY): the caches are not used\n")
    assert not list((home / ".corpuslint_cache").glob("results-*"))


def test_a_key_from_the_environment_shares_a_cache_and_another_key_rebuilds_it(cli, home, corpus):
    secret = {"CORPUSLINT_CACHE_KEY": "a" * 64}
    cold = _json_cli(cli, home, "--timings", env=secret)
    assert not (home / "config" / "corpuslint" / "cache-key").exists()
    warm = _json_cli(cli, home, "--timings", env=secret)
    assert "\n4 files or parts came from the cache\n" in warm.stderr
    other = _json_cli(cli, home, "--timings", env={"CORPUSLINT_CACHE_KEY": "b" * 64})
    assert (other.returncode, other.stdout) == (cold.returncode, cold.stdout)
    assert other.stderr.startswith(FILE_FAILED.format(_results_file(home)))
    assert "came from the cache" not in other.stderr
    short = _json_cli(cli, home, env={"CORPUSLINT_CACHE_KEY": "c" * 31})
    assert (short.returncode, short.stdout) == (cold.returncode, cold.stdout)
    assert short.stderr == ("corpuslint: CORPUSLINT_CACHE_KEY is shorter than 32 characters: "
                            "the caches are not used\n")
