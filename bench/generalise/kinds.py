"""The kinds of defect the harness plants: one function per kind.

A kind is a function registered with :func:`kind`::

    @kind("B", "furniture-tail", codes=("B001", "B003"))
    def furniture_tail(art, rng, ctx):
        line = rng.choice(ctx.vocab("furniture_lines"))
        return art.with_paragraphs([*art.paragraphs, line]), [para(len(art.paragraphs))]

It gets an :class:`Article` (never changed in place), a ``random.Random``
and a :class:`Context` that hands out the vocabulary half to draw from
(``ctx.vocab(name)``), says whether a generated key is in that half
(``ctx.keeps(key)``), gives the clean articles of the same format
(``ctx.sources(art)``) and headlines of articles outside the corpus
(``ctx.spare_titles``). It returns the modified article and where the defect
is (a list of :class:`Target`), or ``None`` when the article does not suit
the kind. Adding a kind is adding one function.

A finding **detects** a planted defect when its code is accepted by the kind
(its family letter, or one of ``codes``) and its location is on a target:

- a text file: same path, and the finding's line is one of the target's lines
  (the title's line, every line of a paragraph, or any line for ``doc``);
- a record: same file and line (the record), and the finding's field is the
  target's field (``title`` or ``text``), or either of them is none (a
  document-level finding, or a ``doc`` target). A ``date`` target accepts
  any field: a rule anchors a record's missing or bad date where it can (the
  title, when the date is empty).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from vocabulary import BEATS, ROLES, half_of

FAMILIES = ("D", "H", "B", "T", "E", "U", "W", "X", "Q", "wire")
#: The codes whose findings a family's precision is computed over, when it is not a rule family letter.
FAMILY_CODES = {"wire": ("B004",)}
KINDS = []

WORD = re.compile(r"[A-Za-z]+")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Article:
    """One article: a ``.txt`` file (``format="text"``) or a JSONL record (``format="jsonl"``).

    A text file is its title line, a blank line and its paragraphs separated by
    ``sep``; ``title=None`` means the file starts with the first paragraph.
    A record's text is its paragraphs joined by ``sep``.
    """

    name: str
    format: str
    title: str | None
    paragraphs: tuple
    sep: str = "\n\n"
    newline: str = "\n"
    date: str | None = None
    dateline: str | None = None

    def with_paragraphs(self, paragraphs):
        return replace(self, paragraphs=tuple(paragraphs))

    def with_(self, **changes):
        return replace(self, **changes)

    @property
    def body(self):
        return self.sep.join(self.paragraphs)


@dataclass(frozen=True)
class Target:
    """Where a defect is: ``part`` is ``"title"``, ``"date"``, ``"doc"`` or a paragraph index;
    ``doc`` is another article's name (a duplicate's source), or ``None`` for the planted article."""

    part: object
    doc: str | None = None


def title(doc=None):
    return Target("title", doc)


def para(index, doc=None):
    return Target(index, doc)


def whole(doc=None):
    return Target("doc", doc)


def date_field():
    return Target("date")


@dataclass(frozen=True)
class Kind:
    family: str
    name: str
    codes: tuple
    formats: tuple
    plant: object

    @property
    def key(self):
        return f"{self.family}/{self.name}"

    def accepts(self, code: str) -> bool:
        """Whether a finding of ``code`` may report this kind."""
        return code in self.codes or (len(self.family) == 1 and code.startswith(self.family))


def kind(family, name, codes=(), formats=("text", "jsonl")):
    """Register a kind of defect of ``family`` reported by the family's codes or by ``codes``."""
    def register(function):
        KINDS.append(Kind(family, name, tuple(codes), tuple(formats), function))
        return function
    return register


class Context:
    """What a kind draws from: one half of the vocabularies, the clean articles (sources of
    duplicates) and ``spare_titles``, headlines of articles that are not in the corpus."""

    def __init__(self, half, vocabularies, sources, spare_titles, today):
        self.half = half
        self._vocab = vocabularies
        self._sources = sources
        self.spare_titles = spare_titles
        self._claimed = set()
        self.today = today
        self.nth = 0

    def vocab(self, name):
        """The items of vocabulary ``name`` in this half."""
        return self._vocab(name, self.half)

    def keeps(self, key) -> bool:
        """Whether a generated key (a word, a surname) is in this half."""
        return half_of("generated", key) == self.half

    def sources(self, art):
        """Clean articles of the same format as ``art``, not yet copied by another plant."""
        return [o for o in self._sources.get(art.format, ()) if o.name != art.name and o.name not in self._claimed]

    def claim(self, source):
        """Mark ``source`` as copied (each clean article is copied once) and return it."""
        self._claimed.add(source.name)
        return source


# --- helpers ---------------------------------------------------------------------------------


def _zipf(word):
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def _render_date(fmt, year, month, day, rng):
    hour, minute, second = rng.randrange(24), rng.randrange(60), rng.randrange(60)
    month_name = MONTHS[(month - 1) % 12]
    weekday = WEEKDAYS[rng.randrange(7)]
    return fmt.format(Y=year, m=month, d=day, H=hour, M=minute, S=second, Month=month_name,
                      Mon=month_name[:3], MON=month_name[:3].upper(), Weekday=weekday)


def _replace_once(text, old, new, rng, pattern=None):
    """``text`` with one occurrence of ``old`` (or of regex ``pattern``) chosen at random replaced by ``new``."""
    spots = [m.start() for m in re.finditer(pattern or re.escape(old), text)]
    if not spots:
        return None
    at = rng.choice(spots)
    length = len(old) if pattern is None else len(re.match(pattern, text[at:]).group(0))
    return text[:at] + new + text[at + length:]


def _pick_paragraph(art, rng, test):
    """A random paragraph index whose text passes ``test``, or None."""
    choices = [i for i in range(len(art.paragraphs)) if test(art.paragraphs[i])]
    return rng.choice(choices) if choices else None


def _set_paragraph(art, index, text):
    paragraphs = list(art.paragraphs)
    paragraphs[index] = text
    return art.with_paragraphs(paragraphs)


def _substitute(art, rng, old, new, pattern=None):
    """Replace one ``old`` (or match of ``pattern``) in one paragraph that holds it; (article, [target]) or None."""
    index = _pick_paragraph(art, rng, lambda p: (re.search(pattern, p) if pattern else old in p))
    if index is None:
        return None
    return _set_paragraph(art, index, _replace_once(art.paragraphs[index], old, new, rng, pattern)), [para(index)]


def _is_prose(text):
    return len(text.split()) >= 12


def _fill(template, rng, ctx, **values):
    """``template`` with names, roles, places, agencies and dates drawn from this half."""
    first, second = rng.sample(ctx.vocab("first_names"), 2)
    surname, surname2 = rng.sample(ctx.vocab("surnames"), 2)
    city = rng.choice(ctx.vocab("cities"))
    role = rng.choice(ROLES)
    month = MONTHS[rng.randrange(12)]
    name, name2 = f"{first} {surname}", f"{second} {surname2}"
    fields = {"name": name, "NAME": name.upper(), "name2": name2, "handle": f"{first.lower()}.{surname.lower()}",
              "role": role, "ROLE": role.upper(), "beat": rng.choice(BEATS), "city": city, "City": city,
              "CITY": city.upper(), "AGENCY": rng.choice(ctx.vocab("agencies")), "org": rng.choice(ctx.vocab("orgs")),
              "year": ctx.today.year - rng.randrange(3), "Mon": month[:3], "Month": month, "d": rng.randrange(1, 29)}
    fields.update(values)
    return template.format(**fields)


def _last_prose(art):
    index = len(art.paragraphs) - 1
    return index if index >= 1 and _is_prose(art.paragraphs[index]) else None


# --- D: dates --------------------------------------------------------------------------------


@kind("D", "missing", formats=("jsonl",))
def date_missing(art, rng, ctx):
    if not art.date or not ctx.keeps(art.name):
        return None
    return art.with_(date=None), [date_field(), whole()]


@kind("D", "blank", formats=("jsonl",))
def date_blank(art, rng, ctx):
    values = ctx.vocab("blank_dates")
    if not art.date or not values:
        return None
    return art.with_(date=rng.choice(values)), [date_field()]


@kind("D", "impossible", formats=("jsonl",))
def date_impossible(art, rng, ctx):
    formats = ctx.vocab("date_formats")
    if not art.date or not formats:
        return None
    fmt = rng.choice(formats)
    day, month = rng.choice([(30, 2), (31, 4), (31, 6), (31, 9), (31, 11), (32, 1), (0, 5), (29, 2)])
    if fmt.startswith("{Y}") and "Mon" not in fmt and rng.random() < 0.3:  # month 13 only where it cannot be a day
        day, month = rng.randrange(1, 28), 13
    year = 1987 if (day, month) != (29, 2) else 1987 - rng.randrange(3)  # 1985-1987 have no 29 February
    return art.with_(date=_render_date(fmt, year, month, day, rng)), [date_field()]


@kind("D", "future", formats=("jsonl",))
def date_future(art, rng, ctx):
    formats = ctx.vocab("date_formats")
    if not art.date or not formats:
        return None
    year = ctx.today.year + rng.randrange(2, 12)
    value = _render_date(rng.choice(formats), year, rng.randrange(1, 13), rng.randrange(1, 29), rng)
    return art.with_(date=value), [date_field()]


@kind("D", "not-a-date", formats=("jsonl",))
def date_not_a_date(art, rng, ctx):
    values = ctx.vocab("not_dates")
    if not art.date or not values:
        return None
    return art.with_(date=rng.choice(values)), [date_field()]


@kind("D", "glued-into-title")
def date_glued_title(art, rng, ctx):
    templates, formats = ctx.vocab("glued_dates"), ctx.vocab("date_formats")
    if not art.title or not templates or not formats:
        return None
    value = _render_date(rng.choice(formats), 2005 if art.format == "text" else 1987, rng.randrange(1, 13),
                         rng.randrange(1, 29), rng)
    return art.with_(title=rng.choice(templates).format(title=art.title, date=value)), [title()]


# --- H: headlines ----------------------------------------------------------------------------


def _other_titles(art, ctx):
    return [other for other in ctx.sources(art) if other.title and other.title != art.title]


@kind("H", "duplicate")
def headline_duplicate(art, rng, ctx):
    others = [o for o in _other_titles(art, ctx) if ctx.keeps(o.title)]
    if not art.title or not others:
        return None
    source = ctx.claim(rng.choice(others))
    return art.with_(title=source.title), [title(), title(source.name)]


@kind("H", "near-duplicate")
def headline_near_duplicate(art, rng, ctx):
    fillers, others = ctx.vocab("headline_fillers"), [o for o in _other_titles(art, ctx) if len(o.title.split()) >= 4]
    if not art.title or not fillers or not others:
        return None
    source = ctx.claim(rng.choice(others))
    words = source.title.split()
    at = rng.randrange(1, len(words))
    filler = rng.choice(fillers)
    words.insert(at, filler.upper() if source.title.isupper() else filler)
    return art.with_(title=" ".join(words)), [title(), title(source.name)]


@kind("H", "stacked", formats=("text",))
def headline_stacked(art, rng, ctx):
    """A kicker line above the headline, or one or two other headlines (of articles outside the
    corpus) below it."""
    others, kickers = [t for t in ctx.spare_titles if ctx.keeps(t)], ctx.vocab("kickers")
    if not art.title or len(others) < 2:
        return None
    if kickers and rng.random() < 0.4:
        return art.with_(title=rng.choice(kickers), paragraphs=(art.title, *art.paragraphs)), [title(), para(0)]
    chosen = rng.sample(others, rng.choice((1, 2)))
    targets = [title()] + [para(i) for i in range(len(chosen))]
    return art.with_paragraphs(chosen + list(art.paragraphs)), targets


@kind("H", "missing-headline")
def headline_missing(art, rng, ctx):
    if not art.title or not ctx.keeps(art.name):
        return None
    if art.format == "jsonl":
        return art.with_(title=rng.choice(("", None))), [title(), whole()]
    lead = art.paragraphs[0]
    if not 20 <= len(lead.split()) <= 45 or not lead.rstrip().endswith("."):
        return None
    return art.with_(title=None), [para(0), whole()]


# --- B: boilerplate --------------------------------------------------------------------------


@kind("B", "learned-site-sentence", codes=("B001", "B002", "B003"))
def boilerplate_site_sentence(art, rng, ctx):
    sentences = ctx.vocab("site_sentences")
    if not sentences or _last_prose(art) is None:
        return None
    sentence = sentences[(ctx.nth // 4) % len(sentences)]  # four documents share each sentence
    return art.with_paragraphs(list(art.paragraphs) + [sentence]), [para(len(art.paragraphs))]


@kind("B", "furniture-tail", codes=("B001", "B003"))
def boilerplate_furniture_tail(art, rng, ctx):
    lines = ctx.vocab("furniture_lines")
    if not lines or _last_prose(art) is None:
        return None
    return art.with_paragraphs(list(art.paragraphs) + [rng.choice(lines)]), [para(len(art.paragraphs))]


@kind("B", "furniture-glued", codes=("B001", "B003"))
def boilerplate_furniture_glued(art, rng, ctx):
    lines, index = ctx.vocab("glued_furniture"), _last_prose(art)
    if not lines or index is None or not art.paragraphs[index].rstrip().endswith((".", '"')):
        return None
    glued = art.paragraphs[index].rstrip() + " " + rng.choice(lines)
    return _set_paragraph(art, index, glued), [para(index)]


@kind("B", "byline-tail", codes=("B001", "B003"))
def boilerplate_byline(art, rng, ctx):
    templates = ctx.vocab("bylines")
    if not templates or _last_prose(art) is None:
        return None
    line = _fill(rng.choice(templates), rng, ctx)
    return art.with_paragraphs(list(art.paragraphs) + [line]), [para(len(art.paragraphs))]


@kind("B", "copyright", codes=("B001", "B003"))
def boilerplate_copyright(art, rng, ctx):
    templates = ctx.vocab("copyrights")
    if not templates or _last_prose(art) is None:
        return None
    line = _fill(rng.choice(templates), rng, ctx)
    return art.with_paragraphs(list(art.paragraphs) + [line]), [para(len(art.paragraphs))]


# --- T: typos --------------------------------------------------------------------------------


@kind("T", "a-an")
def typo_article(art, rng, ctx):
    pattern = r"\b(a|an) ([a-z][a-z]+)\b"
    spots = [(i, m) for i, p in enumerate(art.paragraphs) for m in re.finditer(pattern, p) if ctx.keeps(m.group(2))]
    if not spots:
        return None
    index, match = rng.choice(spots)
    flipped = "an" if match.group(1) == "a" else "a"
    text = art.paragraphs[index]
    return _set_paragraph(art, index, text[:match.start(1)] + flipped + text[match.end(1):]), [para(index)]


@kind("T", "doubled-word")
def typo_doubled(art, rng, ctx):
    spots = [(i, m) for i, p in enumerate(art.paragraphs) for m in re.finditer(r"(?<= )([a-z]{2,}) ", p)
             if m.group(1) not in ("had", "that") and ctx.keeps(m.group(1))]
    if not spots:
        return None
    index, match = rng.choice(spots)
    text = art.paragraphs[index]
    return _set_paragraph(art, index, text[:match.end()] + match.group(0) + text[match.end():]), [para(index)]


def _one_edit(word, rng):
    at = rng.randrange(1, len(word) - 1)
    how = rng.choice(("drop", "double", "swap", "replace"))
    if how == "drop":
        return word[:at] + word[at + 1:]
    if how == "double":
        return word[:at] + word[at] + word[at:]
    if how == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2:]
    return word[:at] + rng.choice("aeioustnrl".replace(word[at], "")) + word[at + 1:]


@kind("T", "misspelling")
def typo_misspelling(art, rng, ctx):
    words = sorted({w for p in art.paragraphs for w in WORD.findall(p) if w.islower() and len(w) >= 5})
    words = [w for w in words if ctx.keeps(w) and _zipf(w) >= 4.0]
    rng.shuffle(words)
    for word in words[:10]:
        typo = _one_edit(word, rng)
        if typo != word and _zipf(typo) < 1.5:
            return _substitute(art, rng, word, typo, pattern=rf"\b{word}\b")
    return None


def _match_case(original, replacement):
    if original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split())
    return replacement


@kind("T", "spun-phrase", codes=("T001", "T007"))
def typo_spun(art, rng, ctx):
    pairs = [(c, s) for c, s in ctx.vocab("spun_pairs") if c in art.body.lower()]
    rng.shuffle(pairs)
    for collocation, spun in pairs:
        spots = [(i, m) for i, p in enumerate(art.paragraphs)
                 for m in re.finditer(rf"\b{re.escape(collocation)}\b", p, re.I)]
        if spots:
            index, match = rng.choice(spots)
            text = art.paragraphs[index]
            new = text[:match.start()] + _match_case(match.group(0), spun) + text[match.end():]
            return _set_paragraph(art, index, new), [para(index)]
    return None


# --- E: entities -----------------------------------------------------------------------------


@kind("E", "acronym-form", codes=("E001", "E002", "E004", "E005"))
def entity_acronym(art, rng, ctx):
    forms = ctx.vocab("acronym_forms")
    rng.shuffle(forms)
    for form, variant in forms:
        pattern = rf"(?<![\w.]){re.escape(form)}(?![\w.])"
        spots = [(i, m) for i, p in enumerate(art.paragraphs) for m in re.finditer(pattern, p)]
        if len(spots) >= 2:
            index, match = rng.choice(spots[1:])
            text = art.paragraphs[index]
            mentions = [para(i) for i in sorted({i for i, _ in spots})]  # a finding may name any mention
            return _set_paragraph(art, index, text[:match.start()] + variant + text[match.end():]), mentions
    return None


def _surnames(art):
    """Capitalised names used twice or more, not common words, first met after another capitalised word."""
    text = art.body
    counts = {}
    for match in re.finditer(r"\b[A-Z][a-z]+ (?=([A-Z][a-z]{3,})\b)", text):
        counts.setdefault(match.group(1), 0)
    for name in counts:
        counts[name] = len(re.findall(rf"\b{name}\b", text))
    return sorted(n for n, c in counts.items() if c >= 2 and _zipf(n.lower()) < 3.0)


@kind("E", "surname-variant", codes=("E003", "E005"))
def entity_surname_variant(art, rng, ctx):
    names = [n for n in _surnames(art) if ctx.keeps(n)]
    rng.shuffle(names)
    for name in names:
        variant = _one_edit(name, rng)
        if variant == name or not variant[1:].islower() or variant in art.body or _zipf(variant.lower()) >= 1.5:
            continue
        spots = [(i, m) for i, p in enumerate(art.paragraphs) for m in re.finditer(rf"\b{name}\b", p)]
        index, match = spots[-1]
        text = art.paragraphs[index]
        mentions = [para(i) for i in sorted({i for i, _ in spots})]  # a finding may name any mention
        return _set_paragraph(art, index, text[:match.start()] + variant + text[match.end():]), mentions
    return None


# --- U: unicode ------------------------------------------------------------------------------


@kind("U", "entity")
def unicode_entity(art, rng, ctx):
    pairs = [pair for pair in ctx.vocab("entities") if pair[0] in art.body]
    if not pairs:
        return None
    char, entity = rng.choice(pairs)
    return _substitute(art, rng, char, entity)


@kind("U", "entity-lost-ampersand", codes=("U002", "U007"))
def unicode_lost_ampersand(art, rng, ctx):
    pairs = [(c, e.replace("&", "")) for c, e in ctx.vocab("entities") if c != "&" and c in art.body]
    if not pairs:
        return None
    char, fragment = rng.choice(pairs)
    return _substitute(art, rng, char, fragment)


@kind("U", "literal-escape", codes=("U008",))
def unicode_literal_escape(art, rng, ctx):
    pairs = [pair for pair in ctx.vocab("escapes") if pair[0] in art.body]
    if not pairs:
        return None
    char, escape = rng.choice(pairs)
    return _substitute(art, rng, char, escape)


@kind("U", "invisible")
def unicode_invisible(art, rng, ctx):
    chars = ctx.vocab("invisible")
    spots = [(i, m) for i, p in enumerate(art.paragraphs) for m in re.finditer(r"[a-z]{6,}", p)]
    if not chars or not spots:
        return None
    index, match = rng.choice(spots)
    at = rng.randrange(match.start() + 1, match.end() - 1)
    text = art.paragraphs[index]
    return _set_paragraph(art, index, text[:at] + rng.choice(chars) + text[at:]), [para(index)]


def _garble(char, how):
    once = char.encode("utf-8").decode("cp1252" if how != "latin1" else "latin-1", errors="replace")
    return once.encode("utf-8").decode("cp1252", errors="replace") if how == "double" else once


@kind("U", "mojibake")
def unicode_mojibake(art, rng, ctx):
    items = [item for item in ctx.vocab("mojibake") if item[1] in art.body]
    if not items:
        return None
    char, plain, how = rng.choice(items)
    replacement = _garble(char, how)
    if plain.startswith(" "):
        replacement = f" {replacement} "
    return _substitute(art, rng, plain, replacement)


@kind("U", "tag")
def unicode_tag(art, rng, ctx):
    tags, index = ctx.vocab("tags"), _pick_paragraph(art, rng, lambda p: ". " in p)
    if not tags or index is None:
        return None
    return _set_paragraph(art, index, _replace_once(art.paragraphs[index], ". ", ". " + rng.choice(tags), rng)), [
        para(index)]


# --- W: whitespace ---------------------------------------------------------------------------


@kind("W", "leading")
def whitespace_leading(art, rng, ctx):
    spaces = ctx.vocab("whitespace")
    if not spaces:
        return None
    if art.format == "jsonl":
        return (art.with_(title=rng.choice(spaces) + art.title), [title()]) if art.title else None
    index = rng.randrange(len(art.paragraphs))
    return _set_paragraph(art, index, rng.choice(spaces) + art.paragraphs[index]), [para(index)]


@kind("W", "trailing")
def whitespace_trailing(art, rng, ctx):
    spaces = ctx.vocab("whitespace")
    if not spaces:
        return None
    if art.format == "jsonl":
        return (art.with_(title=art.title + rng.choice(spaces)), [title()]) if art.title else None
    index = rng.randrange(len(art.paragraphs))
    return _set_paragraph(art, index, art.paragraphs[index] + rng.choice(spaces)), [para(index)]


@kind("W", "crlf-file", formats=("text",))
def whitespace_crlf(art, rng, ctx):
    if not ctx.keeps(art.name):
        return None
    return art.with_(newline="\r\n"), [whole()]


@kind("W", "joined-paragraphs", formats=("text",))
def whitespace_joined(art, rng, ctx):
    choices = [i for i in range(len(art.paragraphs) - 1) if art.paragraphs[i].rstrip().endswith((".", '"'))]
    if not choices or not ctx.keeps(art.name):
        return None
    index = rng.choice(choices)
    paragraphs = list(art.paragraphs)
    paragraphs[index:index + 2] = [paragraphs[index] + "\n" + paragraphs[index + 1]]
    return art.with_paragraphs(paragraphs), [para(index)]


# --- X: duplicates ---------------------------------------------------------------------------


def _source(art, rng, ctx):
    sources = [o for o in ctx.sources(art) if ctx.keeps(o.name) and len(o.body.split()) >= 80]
    return ctx.claim(rng.choice(sources)) if sources else None


@kind("X", "exact")
def duplicate_exact(art, rng, ctx):
    source = _source(art, rng, ctx)
    if source is None:
        return None
    return art.with_paragraphs(source.paragraphs), [whole(), whole(source.name)]


@kind("X", "near-duplicate")
def duplicate_near(art, rng, ctx):
    """A clean article's body with about 3% of its words revised as an editor would (word swaps,
    dropped adverbs, changed figures)."""
    source = _source(art, rng, ctx)
    if source is None:
        return None
    revisions = dict(ctx.vocab("revisions"))
    paragraphs = [p.split(" ") for p in source.paragraphs]
    spots = [(i, j) for i, words in enumerate(paragraphs) for j, word in enumerate(words)
             if (word in revisions or re.fullmatch(r"\d+", word))
             and (j == 0 or words[j - 1].lower() not in ("a", "an"))  # "a" stays right before the new word
             and revisions.get(word) not in words[max(0, j - 1):j + 2]]  # and no word is doubled
    wanted = max(1, round(sum(map(len, paragraphs)) * 0.03))
    if len(spots) < wanted:
        return None
    for i, j in rng.sample(spots, wanted):
        word = paragraphs[i][j]
        paragraphs[i][j] = revisions[word] if word in revisions else str(int(word) + rng.randrange(1, 9))
    revised = [" ".join(w for w in words if w) for words in paragraphs]
    return art.with_paragraphs(revised), [whole(), whole(source.name)]


# --- Q: quality ------------------------------------------------------------------------------


@kind("Q", "placeholder")
def quality_placeholder(art, rng, ctx):
    texts = ctx.vocab("placeholders")
    if not texts or len(art.paragraphs) < 3:
        return None
    index = rng.randrange(1, len(art.paragraphs))
    return _set_paragraph(art, index, rng.choice(texts)), [para(index)]


@kind("Q", "truncated")
def quality_truncated(art, rng, ctx):
    index = _last_prose(art)
    if index is None:
        return None
    words = art.paragraphs[index].split(" ")
    cuts = [k for k in range(len(words) * 2 // 5, len(words) - 2) if words[k - 1].isalpha() and words[k - 1].islower()]
    cuts = [k for k in cuts if ctx.keeps(words[k - 1])]
    if not cuts:
        return None
    paragraphs = list(art.paragraphs[:index]) + [" ".join(words[:rng.choice(cuts)])]
    return art.with_paragraphs(paragraphs), [para(index)]


# --- wire metadata ---------------------------------------------------------------------------


@kind("wire", "dateline-in-body", codes=("B004", "D004", "B001", "B003"))
def wire_dateline(art, rng, ctx):
    templates = ctx.vocab("datelines")
    if not templates or not _is_prose(art.paragraphs[0]):
        return None
    tag = _fill(rng.choice(templates), rng, ctx)
    return _set_paragraph(art, 0, tag + art.paragraphs[0]), [para(0)]


@kind("wire", "agency-in-title", codes=("B004", "D004", "B001", "B003", "H005", "H006"))
def wire_title_tag(art, rng, ctx):
    templates = ctx.vocab("title_tags")
    if not templates or not art.title:
        return None
    return art.with_(title=_fill(rng.choice(templates), rng, ctx, title=art.title)), [title()]

