"""Start-up: what a run that needs little must not import or scan."""
import subprocess
import sys
import zipfile

from corpuslint import registry


def _dist(site, name: str, entry_points: str | None):
    info = site / f"{name}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_no_plugin_possible_without_the_group(tmp_path, monkeypatch):
    _dist(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    _dist(tmp_path, "plain", None)
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    assert registry._plugins_possible() is False
    assert registry.plugin_rules() == []


def test_a_distribution_declaring_the_group_makes_plugins_possible(tmp_path, monkeypatch):
    _dist(tmp_path, "Shouting", "[corpuslint.rules]\nshouting = shouting:RULES\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert registry._plugins_possible() is True


def test_what_the_look_cannot_see_through_makes_plugins_possible(tmp_path, monkeypatch):
    archive = tmp_path / "packages.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert registry._plugins_possible() is True
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.egg").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site")])
    assert registry._plugins_possible() is True

    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "path", [])
    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert registry._plugins_possible() is True


def test_version_and_one_file_import_nothing_they_do_not_need(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date 2021-08-04\nBridge reopens\n\nThe bridge reopened on Tuesday after repairs.\n")
    probe = ("import sys, contextlib, io\n"
             "from corpuslint.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    try:\n"
             "        main(sys.argv[1:])\n"
             "    except SystemExit:\n"
             "        pass\n"
             "print(' '.join(sorted(m for m in ('importlib.metadata', 'corpuslint.rules', 'corpuslint.readers',"
             " 'traceback') if m in sys.modules)))\n")
    version = subprocess.run([sys.executable, "-c", probe, "--version"], capture_output=True, text=True,
                             cwd=tmp_path, check=True)
    assert version.stdout.split() == []
    lint = subprocess.run([sys.executable, "-c", probe, "--no-cache", "--no-corpus", str(article)],
                          capture_output=True, text=True, cwd=tmp_path, check=True)
    assert "corpuslint.rules" in lint.stdout.split()
    if not registry._plugins_possible():  # an installed plugin is looked up with importlib.metadata
        assert "importlib.metadata" not in lint.stdout.split()
