"""Find the files to lint under the paths given on the command line, and what is left out.

Folders are walked recursively in sorted order; a file is linted if its name
matches an ``include`` pattern, neither it nor a folder above it matches an
``exclude`` pattern, and no ``.gitignore`` ignores it (``respect-gitignore``).
Patterns without a ``/`` match a file or folder name; patterns with one match
the path relative to the project root. Matching is case-insensitive, so
``ARTICLE.TXT`` is linted too. Files named explicitly are always linted.
Symbolic links to folders are not followed (no loops); links to files are.

Everything in a folder that is not linted is *skipped*, with its reason
(:class:`Skipped`): ``--show-files`` lists it and the summary counts it. An
excluded or ignored folder is one skip and is not walked. Folders left out by
the default exclude list (``.git``, ``.venv``, ...) and hidden files and
folders (``.gitignore``, ``.DS_Store``) are listed but not counted.
A file that is not a regular file (a FIFO, a socket, a device) is skipped and
reported as F001.

``.gitignore`` files apply as in git: those of the folders from the top of
the repository (the nearest folder above holding ``.git``; outside a
repository, the project root if the linted folder is inside it) down to each
folder walked, and the repository's ``.git/info/exclude``; a deeper file's
patterns win. A folder named on the command line is walked even if a
``.gitignore`` above it ignores it (corpora are often kept out of git): then
only the ``.gitignore`` files inside it apply.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field

from .config import CONFIG_NAMES, DEFAULT_EXCLUDE, Settings, display_path
from .errors import ConfigError
from .finding import Location
from .readers.codes import UNREADABLE
from .readers.source import ReadProblem, Source, is_dataset_metadata

#: Why a file or folder is skipped (``Skipped.kind``).
NOT_INCLUDED, EXCLUDED, GITIGNORED, SPECIAL, FOLDER_LINK = "include", "exclude", "gitignore", "special", "link"
#: A file that describes a corpus instead of holding it (a Hugging Face dataset's metadata).
METADATA = "metadata"
_DEFAULTS = frozenset(p.lower() for p in DEFAULT_EXCLUDE)
#: The most a ``.gitignore`` file is read (patterns past it are not used).
MAX_GITIGNORE_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder under a linted folder that is not linted.

    ``display`` is the path as the user would name it (a folder's ends with
    ``/``); ``kind`` one of ``include``, ``exclude``, ``gitignore``,
    ``special`` (not a regular file), ``link`` (a symbolic link to a folder),
    ``metadata`` (the metadata of a Hugging Face dataset);
    ``detail`` the extension, the pattern, the ``.gitignore`` file or what the
    file is; ``counted`` is false for the tool folders of the default exclude
    list, for hidden files and folders (``.gitignore``, ``.DS_Store``) and for
    configuration and metadata files, which no summary counts.
    """

    display: str
    kind: str
    detail: str
    counted: bool = True

    @property
    def folder(self) -> bool:
        return self.display.endswith("/")

    @property
    def reason(self) -> str:
        """Why it is skipped, in words: ``.pdf is not included``."""
        if self.kind == NOT_INCLUDED:
            return f"{self.detail} is not included"
        if self.kind == EXCLUDED:
            default = self.detail.lower() in _DEFAULTS
            return f"matches {'default ' if default else ''}exclude pattern '{self.detail}'"
        if self.kind == GITIGNORED:
            return f"ignored by {self.detail}"
        if self.kind == SPECIAL:
            return f"{self.detail}, not a regular file"
        if self.kind == METADATA:
            return self.detail
        return "a symbolic link to a folder, not followed"


@dataclass
class Discovery:
    """What a walk found: the sources to read, problems (F001), and what it skipped."""

    sources: list[Source] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def extension(name: str) -> str:
    """``.pdf``, ``.json.gz``; ``no extension`` for a name without one."""
    stem, dot, ext = name.lower().rpartition(".")
    if not dot or not stem:
        return "a name with no extension"
    if ext == "gz" and "." in stem.lstrip("."):
        return "." + stem.rpartition(".")[2] + ".gz"
    return "." + ext


@functools.cache
def _compiled(patterns: tuple) -> tuple:
    """One regular expression for the name patterns and one for the path patterns
    (None where there are none): one match per file instead of one per pattern."""
    names, paths = [], []
    for pattern in patterns:
        p = pattern.lower().rstrip("/")
        if "/" in p:
            paths += [fnmatch.translate(p), fnmatch.translate(p + "/*")]
        else:
            names.append(fnmatch.translate(p))
    return tuple(re.compile("|".join(group)) if group else None for group in (names, paths))


def _matches(patterns, name: str, relpath: str) -> bool:
    names, paths = _compiled(tuple(patterns))
    return bool(names and names.match(name.lower())) or bool(paths and paths.match(relpath.lower()))


def _first_match(patterns, name: str, relpath: str) -> str | None:
    """The first of ``patterns`` that matches (for the reason of a skip), or None."""
    return next((p for p in patterns if _matches((p,), name, relpath)), None)


def document_id(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def discover(paths: list[str], settings: Settings) -> tuple[list[Source], list[ReadProblem]]:
    """The sources under ``paths`` and the problems met listing them (see :func:`survey`)."""
    found = survey(paths, settings)
    return found.sources, found.problems


def survey(paths: list[str], settings: Settings) -> Discovery:
    """The sources under ``paths``, in order, the problems met and what was skipped.

    A path that does not exist is a :class:`ConfigError`.
    """
    found, seen, skipped_seen = Discovery(), set(), set()
    root = os.path.abspath(settings.root)
    for given in paths:
        if os.path.isdir(given):
            walk = _Walk(given, settings, root, found)
            for path, display, key, doc_id in walk.files():
                if key not in seen:
                    seen.add(key)
                    found.sources.append(Source(path, display, doc_id))
            for skip in walk.skipped:
                if skip.display not in skipped_seen:
                    skipped_seen.add(skip.display)
                    found.skipped.append(skip)
        elif os.path.lexists(given):
            key = os.path.abspath(given)
            if key not in seen:
                seen.add(key)
                found.sources.append(Source(given, given, document_id(given, root), named=True))
        else:
            raise ConfigError(f"{given}: no such file or directory")
    # a file named on the command line is linted, also when a folder given with it skips it
    found.skipped = [skip for skip in found.skipped if os.path.abspath(skip.display) not in seen]
    return found


def special_kind(mode: int) -> str | None:
    """What a file of ``st_mode`` ``mode`` that is not a regular file is (a FIFO would
    block a read for ever, a device never ends), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a directory" if stat.S_ISDIR(mode) else "a special file"


class _Walk:
    """One folder named on the command line, walked: its files, and what it skips."""

    def __init__(self, top: str, settings: Settings, root: str, found: Discovery):
        self.top = top
        self.settings = settings
        self.root = root
        self.found = found
        self.skipped: list[Skipped] = []

    def files(self):
        """``(path, display, absolute path, document id)`` of each file to lint, in walk order."""
        ignores = _ignores_above(self.top, self.root) if self.settings.respect_gitignore else ()
        stack = [(self.top, ignores)]
        while stack:
            folder, ignores = stack.pop()
            entries = self._entries(folder)
            if entries is None:
                continue
            if self.settings.respect_gitignore and ".gitignore" in entries:
                ignores = ignores + _gitignore_in(folder, entries[".gitignore"])
            absolute = os.path.abspath(folder)
            rel_folder = os.path.relpath(absolute, self.root)
            id_prefix = "" if rel_folder == os.curdir else rel_folder.replace(os.sep, "/") + "/"
            bases = _bases(ignores, absolute)
            subfolders = []
            for name in sorted(entries):
                entry = entries[name]
                path, rel = os.path.join(folder, name), os.path.join(rel_folder, name)
                if _is_folder(entry):
                    if not self._keep_folder(path, name, rel, bases):
                        continue
                    if entry.is_symlink():  # not followed: no loops
                        self._skip(path, FOLDER_LINK, "", folder=True)
                    else:
                        subfolders.append(path)
                elif self._keep_file(entry, path, name, rel, bases, id_prefix):
                    yield path, os.path.normpath(path), os.path.join(absolute, name), id_prefix + name
            stack.extend((sub, ignores) for sub in reversed(subfolders))

    def _entries(self, folder: str) -> dict | None:
        """The entries of ``folder`` by name, or None (and an F001 problem) if it cannot be listed."""
        try:
            with os.scandir(folder) as it:
                return {entry.name: entry for entry in it}
        except OSError as err:
            where = err.filename or folder
            self.found.problems.append(ReadProblem(
                UNREADABLE, Location(where, document_id(where, self.root), None, 1, 1, 1, 1),
                f"cannot list folder: {err.strerror or err}"))
            return None

    def _skip(self, path: str, kind: str, detail: str, folder: bool = False, counted: bool = True) -> None:
        """Record a skip; hidden files and folders (``.gitignore``, ``.DS_Store``) are not counted."""
        display = os.path.normpath(path) + ("/" if folder else "")
        counted = counted and not os.path.basename(path).startswith(".")
        self.skipped.append(Skipped(display, kind, detail, counted))

    def _keep_folder(self, path: str, name: str, rel: str, bases: tuple) -> bool:
        pattern = _first_match(self.settings.exclude, name, rel) \
            if _matches(self.settings.exclude, name, rel) else None
        if pattern is not None:
            self._skip(path, EXCLUDED, pattern, folder=True, counted=pattern.lower() not in _DEFAULTS)
            return False
        by = _ignored_by(bases, name, folder=True)
        if by is not None:
            self._skip(path, GITIGNORED, by, folder=True)
            return False
        return True

    def _keep_file(self, entry, path: str, name: str, rel: str, bases: tuple, id_prefix: str) -> bool:
        if _matches(self.settings.exclude, name, rel):
            self._skip(path, EXCLUDED, _first_match(self.settings.exclude, name, rel))
            return False
        if not _matches(self.settings.include, name, rel):
            self._skip(path, NOT_INCLUDED, extension(name), counted=name not in CONFIG_NAMES)
            return False
        by = _ignored_by(bases, name, folder=False)
        if by is not None:
            self._skip(path, GITIGNORED, by)
            return False
        if is_dataset_metadata(path):
            self._skip(path, METADATA, "the metadata of a Hugging Face dataset saved with save_to_disk",
                       counted=False)
            return False
        if entry.is_symlink():
            return True  # a link to a file is read; a broken link is F001 from the reader
        kind = _entry_special_kind(entry)
        if kind is not None:
            self._skip(path, SPECIAL, kind)
            where = Location(os.path.normpath(path), id_prefix + name, None, 1, 1, 1, 1)
            self.found.problems.append(ReadProblem(UNREADABLE, where, f"not linted: {kind}, not a regular file"))
            return False
        return True


def _is_folder(entry) -> bool:
    """True for a folder, or a symbolic link to one."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entry_special_kind(entry) -> str | None:
    try:
        if entry.is_file(follow_symlinks=False):  # from the folder listing: no system call
            return None
        return special_kind(entry.stat(follow_symlinks=False).st_mode)
    except OSError:  # gone since it was listed: the reader reports it
        return None


# .gitignore --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Ignore:
    """The patterns of one ignore file, which apply below ``folder`` (absolute).

    ``quick`` is one regular expression that matches wherever any pattern does
    (None if it cannot be built): most files match none, and one search is much
    cheaper than asking every pattern in turn.
    """

    folder: str
    spec: object
    shown: str
    quick: re.Pattern | None


def _bases(ignores: tuple, folder: str) -> tuple:
    """``(ignore, prefix)`` for each of ``ignores``: ``folder`` (absolute) relative to the ignore
    file's folder, as the start of the paths its patterns are matched against."""
    out = []
    for ignore in ignores:
        rel = os.path.relpath(folder, ignore.folder).replace(os.sep, "/")
        out.append((ignore, "" if rel == "." else rel + "/"))
    return tuple(out)


def _ignored_by(bases: tuple, name: str, folder: bool) -> str | None:
    """``.gitignore ('pattern')`` if the ignore files of ``bases`` (see :func:`_bases`) ignore
    the file or folder ``name``, else None: as in git, the last pattern that matches
    decides, deeper files after shallower ones."""
    decided = None
    for ignore, prefix in bases:
        rel = prefix + name + ("/" if folder else "")
        if ignore.quick is not None and not ignore.quick.search(rel):
            continue
        result = ignore.spec.check_file(rel)
        if result.include is not None:
            decided = (result.include, ignore, result.index)
    if decided is None or not decided[0]:
        return None
    _, ignore, index = decided
    return f"{ignore.shown} ('{ignore.spec.patterns[index].pattern}')"


def _ignores_above(top: str, root: str) -> tuple:
    """The ignore files that apply inside ``top`` from the folders above it (see the module
    docstring); none if they ignore ``top`` itself, which the user named."""
    absolute = os.path.abspath(top)
    boundary = _repository_top(absolute)
    if boundary is None:
        inside = os.path.commonpath([absolute, root]) == root
        boundary = root if inside else absolute
    folders = []
    folder = absolute
    while folder != boundary:
        folder = os.path.dirname(folder)
        folders.append(folder)
        if folder == os.path.dirname(folder):
            break
    ignores = _info_exclude(boundary)
    for folder in reversed(folders):
        ignores += _gitignore_at(folder)
    if ignores and _ignored_by(_bases(ignores, os.path.dirname(absolute)), os.path.basename(absolute),
                               folder=True) is not None:
        return ()
    return ignores


def _repository_top(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` that holds ``.git``, or None."""
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _info_exclude(repository: str) -> tuple:
    path = os.path.join(repository, ".git", "info", "exclude")
    return _load(path, repository) if os.path.isfile(path) else ()


def _gitignore_at(folder: str) -> tuple:
    path = os.path.join(folder, ".gitignore")
    return _load(path, folder) if os.path.isfile(path) else ()


def _gitignore_in(folder: str, entry) -> tuple:
    try:
        regular = entry.is_file()
    except OSError:
        regular = False
    return _load(os.path.join(folder, ".gitignore"), os.path.abspath(folder)) if regular else ()


def _load(path: str, folder: str) -> tuple:
    """``(_Ignore,)`` for the ignore file ``path``, or ``()`` if it cannot be read or holds
    no pattern: an ignore file that cannot be read leaves files in, never out."""
    import pathspec  # 25 ms: only when there is an ignore file

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return ()
            data = fh.read(MAX_GITIGNORE_BYTES)
    except OSError:
        return ()
    lines = data.decode("utf-8", "surrogateescape").splitlines()
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # a malformed pattern (pathspec's own error or ValueError): git skips it, so do we
        spec = pathspec.GitIgnoreSpec.from_lines([line for line in lines if _valid_pattern(pathspec, line)])
    if not any(pattern.include is not None for pattern in spec.patterns):
        return ()
    return (_Ignore(os.path.abspath(folder), spec, display_path(path), _any_pattern(spec)),)


def _any_pattern(spec) -> re.Pattern | None:
    """One expression that matches where any of ``spec``'s patterns matches (ignoring or
    re-including), their named groups made plain; None if a pattern has no expression."""
    parts = []
    for pattern in spec.patterns:
        if pattern.include is None:
            continue
        regex = getattr(pattern, "regex", None)
        if not isinstance(regex, re.Pattern) or regex.flags & ~re.UNICODE:
            return None
        parts.append("(?:" + re.sub(r"\(\?P<\w+>", "(?:", regex.pattern) + ")")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def _valid_pattern(pathspec, line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:  # see _load
        return False
    return True


# What was skipped, in words ---------------------------------------------------------------------------------------

def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _listed(items: list[str], limit: int = 3) -> str:
    """``a``, ``a and b``, ``a, b, c and 2 more``."""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def skipped_summary(skipped: list[Skipped]) -> str:
    """``12 files skipped: .pdf is not included``: the counted skips and their reasons,
    most frequent first; empty if none counts."""
    counted = [s for s in skipped if s.counted]
    if not counted:
        return ""
    folders = sum(s.folder for s in counted)
    what = " and ".join(_plural(n, word) for n, word in ((len(counted) - folders, "file"), (folders, "folder"))
                        if n)
    kinds = Counter(s.kind for s in counted)
    parts = []
    for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        reason = _kind_reason(kind, [s for s in counted if s.kind == kind])
        parts.append(reason if len(kinds) == 1 else f"{reason} ({count})")
    return f"{what} skipped: {', '.join(parts)}"


def _kind_reason(kind: str, skips: list[Skipped]) -> str:
    if kind == NOT_INCLUDED:
        extensions = [ext for ext, _ in Counter(s.detail for s in skips).most_common()]
        return f"{_listed(extensions)} {'is' if len(extensions) == 1 else 'are'} not included"
    if kind == EXCLUDED:
        patterns = [f"'{p}'" for p, _ in Counter(s.detail for s in skips).most_common()]
        return f"excluded by {_listed(patterns)}"
    if kind == GITIGNORED:
        return "ignored by .gitignore"
    if kind == SPECIAL:
        return "not a regular file"
    return "a symbolic link to a folder"


def files_listing(found: Discovery) -> str:
    """What ``--show-files`` prints: each file to lint, then each skipped file or folder
    with ``: skipped: <reason>``; each group sorted."""
    lines = sorted(source.display for source in found.sources)
    lines += sorted(f"{skip.display}: skipped: {skip.reason}" for skip in found.skipped)
    return "".join(line + "\n" for line in lines)
