"""Which rules exist, which are selected, and how they are configured.

Rules come from three places: the built-in list in ``corpuslint.rules``,
third-party packages through the ``corpuslint.rules`` entry-point group, and
the project's own vocabulary files. They are selected by code (``T001``),
prefix or family (``T00``, ``T``), name (``spun-phrase``) or ``ALL``.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from .config import Settings, display_path
from .errors import ConfigError
from .rule import Rule
from .yamlfile import load_yaml

ENTRY_POINT_GROUP = "corpuslint.rules"


def _rule_classes(obj, origin: str) -> list[type]:
    """Rule classes from an entry point's object: a class, a list of them, or a module's ``RULES``."""
    if isinstance(obj, type) and issubclass(obj, Rule):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [c for item in obj for c in _rule_classes(item, origin)]
    rules = getattr(obj, "RULES", None)
    if rules is not None:
        return _rule_classes(list(rules), origin)
    raise ConfigError(f"plugin {origin}: {obj!r} is not a rule class, a list of them, or a module with RULES")


def plugin_rules() -> list[type]:
    if not _plugins_possible():
        return []
    from importlib.metadata import entry_points  # 13 ms to import and 5 ms to scan: see _plugins_possible

    found = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        origin = f"'{ep.name}' ({ep.value})"
        try:
            obj = ep.load()
        except Exception as err:  # a broken plugin must not look like a corpuslint crash
            raise ConfigError(f"plugin {origin} from entry point group {ENTRY_POINT_GROUP} "
                              f"failed to load: {type(err).__name__}: {err}") from None
        for cls in _rule_classes(obj, origin):
            cls.source = getattr(cls, "source", None) or f"plugin {ep.value}"
            found.append(cls)
    return found


def _plugins_possible() -> bool:
    """False only if no installed distribution can declare a ``corpuslint.rules`` entry point.

    The cheap look before :mod:`importlib.metadata` (which would cost every run, one
    small file too, 18 ms): each folder of ``sys.path`` is listed, and the
    ``entry_points.txt`` of each ``.dist-info`` or ``.egg-info`` folder in it searched
    for the group's name. Anything this look cannot see through (a zip file or an
    ``.egg`` on the path, a finder of distributions other than the standard one)
    answers True, and importlib.metadata decides.
    """
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True
    marker = ENTRY_POINT_GROUP.encode()
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:  # a zip file: its distributions are not listed here
            return True
        except OSError:  # a folder that does not exist holds no distribution
            continue
        for name in names:
            low = name.lower()  # as importlib.metadata matches them
            if low.endswith(".egg"):
                return True
            if low.endswith((".dist-info", ".egg-info")) and _declares(os.path.join(folder, name), marker):
                return True
    return False


def _declares(info: str, marker: bytes) -> bool:
    try:
        with open(os.path.join(info, "entry_points.txt"), "rb") as fh:
            return marker in fh.read()
    except OSError:  # no entry points (or a PKG-INFO file named .egg-info)
        return False


def project_rules(settings: Settings) -> tuple[list[type], dict[str, list]]:
    """Rules defined by the project's vocabulary files, and extensions of existing ones."""
    from .vocabulary import parse_vocabulary, rule_from_vocabulary  # 15 ms with regex: see load_registry

    new, extensions = [], {}
    for path in settings.vocabulary:
        shown = display_path(path)
        vocab = parse_vocabulary(load_yaml(path, shown), shown)
        if vocab.extends:
            extensions.setdefault(vocab.extends, []).append(vocab)
        else:
            new.append(rule_from_vocabulary(vocab))
    return new, extensions


@dataclass
class Registry:
    """All known rule classes, by code and by name."""

    classes: list[type]

    def __post_init__(self):
        self.by_code: dict[str, type] = {}
        self.by_name: dict[str, type] = {}
        for cls in self.classes:
            try:
                cls.check_definition()
            except ValueError as err:
                raise ConfigError(str(err)) from None
            for table, key in ((self.by_code, cls.code), (self.by_name, cls.name)):
                other = table.get(key)
                if other is not None and other is not cls:
                    raise ConfigError(f"two rules claim {key!r}: {_origin(other)} and {_origin(cls)}")
                table[key] = cls
        self.classes = sorted(self.by_code.values(), key=lambda c: c.code)

    def lookup(self, code_or_name: str) -> type | None:
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name.lower())

    def resolve(self, selector: str, where: str) -> set[str]:
        """Codes matched by one selector, or a ConfigError naming ``where``."""
        token = selector.strip()
        if token.upper() == "ALL":
            return set(self.by_code)
        cls = self.lookup(token)
        if cls is not None:
            return {cls.code}
        prefix = token.upper()
        is_prefix = 1 <= len(prefix) <= 3 and prefix[0].isalpha() and (prefix[1:] == "" or prefix[1:].isdigit())
        codes = {code for code in self.by_code if code.startswith(prefix)} if is_prefix else set()
        if not codes:
            raise ConfigError(f"{where}: unknown rule code, prefix or name {selector!r} "
                              "(see `corpuslint rules`)")
        return codes

    def resolve_all(self, selectors, where) -> set[str]:
        codes = set()
        for selector in selectors:
            codes |= self.resolve(selector, where)
        return codes


def _origin(cls) -> str:
    return getattr(cls, "source", None) or f"{cls.__module__}.{cls.__qualname__}"


def load_registry(settings: Settings) -> tuple[Registry, dict[str, list]]:
    # The built-in rules (70 ms) are imported when a registry is built, not with this
    # module: the command line imports the engine, and with it this module, for --version.
    from .rules import BUILTIN_RULES

    new, extensions = project_rules(settings)
    registry = Registry(list(BUILTIN_RULES) + plugin_rules() + new)
    resolved = {}
    for target, vocabularies in extensions.items():
        cls = registry.lookup(target)
        if cls is None or not hasattr(cls, "vocabulary_keys"):
            raise ConfigError(f"{vocabularies[0].path}: 'extends: {target}' names no vocabulary rule "
                              "(see `corpuslint rules`)")
        for vocab in vocabularies:
            wrong = vocab.entry_keys() - cls.vocabulary_keys
            if wrong:
                raise ConfigError(f"{vocab.path}: rule {cls.code} ({cls.name}) takes "
                                  f"{', '.join(sorted(cls.vocabulary_keys))}, not {', '.join(sorted(wrong))}")
        resolved.setdefault(cls.code, []).extend(vocabularies)
    return registry, resolved


@dataclass
class Selection:
    """The selectors from the command line; ``corpus=False`` leaves out corpus rules."""

    select: list[str] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    corpus: bool = True


def selected_codes(registry: Registry, settings: Settings, cli: Selection) -> set[str]:
    if cli.select is not None:
        codes = registry.resolve_all(cli.select, "--select")
    elif settings.select is not None:
        codes = registry.resolve_all(settings.select, settings.where("select"))
    else:
        codes = set(registry.by_code)
    codes |= registry.resolve_all(settings.extend_select, settings.where("extend-select"))
    codes |= registry.resolve_all(cli.extend_select, "--extend-select")
    codes -= registry.resolve_all(settings.ignore, settings.where("ignore"))
    codes -= registry.resolve_all(cli.ignore, "--ignore")
    return codes


class Peers:
    """Rule instances of one run, each built once with its configuration, on demand.

    A rule's ``requires`` are built first (selected or not) and passed to it as ``peers``.
    """

    def __init__(self, registry: Registry, settings: Settings | None = None,
                 options: dict | None = None, severities: dict | None = None,
                 extensions: dict | None = None):
        self.registry = registry
        self.settings = settings or Settings()
        self.options = options or {}
        self.severities = severities or {}
        self.extensions = extensions or {}
        self.built: dict[str, Rule] = {}
        self.building: set[str] = set()

    def get(self, code: str) -> Rule:
        if code in self.built:
            return self.built[code]
        cls = self.registry.by_code.get(code)
        if cls is None:
            raise ConfigError(f"a rule asked for rule {code}, which does not exist")
        if code in self.building:
            raise ConfigError(f"rule {code} depends on itself through other rules")
        self.building.add(code)
        try:
            peers = {required: self.get(required) for required in cls.requires}
            kwargs = {"extensions": self.extensions[code]} if code in self.extensions else {}
            try:
                rule = cls(self.options.get(code), self.severities.get(code), self.settings.root,
                           peers=peers, **kwargs)
            except ConfigError as err:
                raise ConfigError(f"{self.settings.where('rules')}: {err}") from None
        finally:
            self.building.discard(code)
        self.built[code] = rule
        return rule


def standalone_rule(cls: type, options: dict | None = None, severity: str | None = None) -> Rule:
    """A rule made outside a run (tests, notebooks): the built-in rules it
    requires are built with their default options and passed in."""
    from .rules import BUILTIN_RULES  # see load_registry

    peers = Peers(Registry(list(BUILTIN_RULES)))
    return cls(options, severity, peers={code: peers.get(code) for code in cls.requires})


def build_rules(settings: Settings, cli: Selection) -> tuple[Registry, list[Rule]]:
    """Instantiate every selected rule with its configured options and severity."""
    registry, extensions = load_registry(settings)
    options, severities = {}, {}
    for key, value in settings.rules.items():
        cls = registry.lookup(key)
        if cls is None:
            raise ConfigError(f"{settings.where('rules')}: unknown rule {key!r} (see `corpuslint rules`)")
        options[cls.code] = value
    for key, level in settings.severity.items():
        for code in registry.resolve(key, settings.where("severity")):
            severities[code] = level
    for pattern, selectors in settings.per_file_ignores.items():
        registry.resolve_all(selectors, settings.where("per-file-ignores") + f" entry '{pattern}'")
    codes = selected_codes(registry, settings, cli)
    peers = Peers(registry, settings, options, severities, extensions)
    return registry, [peers.get(cls.code) for cls in registry.classes if cls.code in codes]
