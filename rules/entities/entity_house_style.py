import re
from collections import Counter
from typing import NamedTuple

import regex

from corpuslint.dates import MONTHS
from corpuslint.rule import CorpusRule, Option, stable_key
from corpuslint.text import quote, starts_sentence

from .helpers import (
    after_number,
    after_single_letter,
    capitalised_words,
    covering,
    english_words,
    follows_with_name,
    in_handle_or_url,
    initials_before_name,
    is_title_case,
    known_words,
    lowercase_use,
    name_of,
    shouting,
)

#: "U.S.", "U.N.", "E.U.": capitals each followed by a full stop.
_DOTTED = regex.compile(r"(?<![\p{L}\p{N}.])(?:\p{Lu}\.){2,6}(?![\p{L}\p{N}])")
#: "O'Brien", "al-Qaeda", "OBrien", "Coca-Cola": one token with a capital and a joint.
_JOINED = re.compile(r"(?<![\w'\u2019-])[^\W\d_]+(?:['\u2019-][^\W\d_]+)+(?![\w'\u2019-])")
_JOINT = str.maketrans("", "", ".'\u2019- ")
_APOSTROPHE = str.maketrans("\u2019", "'")
_APOSTROPHE_SPLIT = regex.compile("['\u2019]")
_JOINTS = regex.compile("['\u2019-]")
#: "MADRID, March 4 -", "LONDON -": a place in capitals opening a paragraph, as a dateline does.
_PLACE_LINE = regex.compile(r"(?m)^[ \t]*\p{Lu}{2,}(?:[ ]\p{Lu}{2,})*(?=,[ ]+" + MONTHS + r"|[ ]+[-\u2013\u2014])")
#: A line of a table, at most 300 characters: figures or several words in capitals, and no word
#: of four lower-case letters ("GABON    nil    7,500", "CANADA / GABON / FIJI", "SHR 1.23 DLRS").
#: (Bounded: on a line of 100,000 capitals the unbounded search took time by the square.)
_TABLE_LINE = regex.compile(
    r"(?m)^(?![^\n]*\p{Ll}{4})(?=[^\n]{0,300}?(?:\p{N}|\p{Lu}{2,}[^\p{L}\n]+\p{Lu}{2,}))[^\n]{1,300}$")
_MONTH = regex.compile(MONTHS, regex.IGNORECASE)


class Form(NamedTuple):
    """One form of an entity in one document."""

    text: str
    uses: int
    location: object


class EntityHouseStyle(CorpusRule):
    """An entity written in a form the rest of the corpus does not use ("Nato" where 1,204 documents write "NATO").

    Why it matters: a corpus, like a newspaper, has a house style: "US" or
    "U.S.", "NATO" or "Nato", "al-Qaeda" or "al-Qaida". A document that
    breaks it usually comes from another source or was pasted in, and search,
    counting and entity extraction see two names for one thing. Within one
    document entity-alias-mix (E001) and name-case-variant (E002) report a
    mix; this rule finds the document that is consistent with itself but not
    with the corpus.

    Example: 1,204 documents write "NATO" and one writes "Nato" throughout;
    that one is reported, at its first "Nato": ``'Nato' here; 1,204
    documents write 'NATO', 1 writes 'Nato'; follow the corpus's style``.

    The forms of one entity are found by their shape, not from a list:

    - an abbreviation with and without full stops ("U.N." and "UN");
    - an all-caps abbreviation and the same letters capitalised ("NATO" and
      "Nato", "UEFA" and "Uefa"), counted only mid-sentence for the
      capitalised form, and only when that is not an English word ("Nice" is
      a word, not NICE) that the document also writes in lower case;
    - a name with or without its apostrophe or hyphen ("O'Brien", "OBrien",
      "O Brien"; "Jean-Marie" and "Jeanmarie");
    - the groups of entity-alias-mix (E001): "Kyiv" and "Kiev", "al-Qaeda"
      and "al-Qaida" (counted as E001 counts them: not in quotations, fixed
      names, company names).

    Each document counts once, under the form it uses most. A form is
    reported when one form of the entity is the clear house style: used by
    ``min-documents`` documents or more and by at least ``min-share`` of the
    documents that name the entity. A document that also uses the house
    style is left to E001 and E002, which report a mix within a document. Capitals in shouted text, hashtags,
    handles and web addresses are not forms.

    Cost per document: one integer key per abbreviation or capitalised word
    of three to seven letters, with a record of its forms, their counts and
    the first location (about 100 bytes).

    Fix: write the entity as the rest of the corpus does, or configure the
    form your style wants and fix the majority.
    """

    code = "E004"
    name = "entity-house-style"
    severity = "info"
    requires = ("E001",)
    options = {
        "min-documents": Option(5, "documents that must use the majority form", minimum=2),
        "min-share": Option(0.8, "share of the entity's documents the majority form must have",
                            minimum=0.5, maximum=1.0),
    }

    def setup(self):
        self.aliases = self.peer("E001")
        self.words = english_words()
        self.known = known_words()

    # -- map ----------------------------------------------------------------------

    def collect(self, doc):
        forms: dict[str, dict[str, list]] = {}

        layout = {}

        def add(key, text, field, start, end, votes=True):
            if field not in layout:
                layout[field] = covering(_layout_spans(doc, field))
            if layout[field](start, end):
                return
            entry = forms.setdefault(key, {}).setdefault(text, [0, None])
            entry[0] += votes
            if entry[1] is None:
                entry[1] = field.location(start, end)

        found = self.aliases.matches(doc)
        matched = {(id(field), start) for field, start, _, _ in found}
        for use in self.aliases.without_name_parts(list(self.aliases.counted(doc, found))):
            add(f"alias {use.group}", use.form, use.field, use.start, use.end)
        for field in doc.prose:
            self.shapes(field, matched, add)
        for word in capitalised_words(doc):
            form, votes = self.word_form(word, matched)
            if form is not None:
                add(form.translate(_JOINT).lower(), form, word.field, word.start - (len(form) - len(word.text)),
                    word.end, votes)
        for key, by_form in forms.items():
            if any(uses for uses, _ in by_form.values()):  # else the document neither votes nor is reported
                yield stable_key(f"E004 {key}"), tuple(Form(text, uses, location)
                                                       for text, (uses, location) in by_form.items())

    def shapes(self, field, matched: set, add) -> None:
        """Dotted abbreviations ("U.N.") and names with a joint ("O'Brien", "Wal-Mart") in ``field``."""
        text = field.text
        shouted = shouting(field)
        found = list(_DOTTED.finditer(text)) if "." in text else []
        found += [m for m in _JOINED.finditer(text)
                  if _joined_name(m.group()) and not starts_sentence(text, m.start())]
        for m in found:
            start, end = m.span()
            if (id(field), start) in matched or shouted(start, end) or in_handle_or_url(text, start, end) \
                    or ("." in m.group() and (initials_before_name(text, end) or after_number(text, start))):
                continue
            form = name_of(m.group()).translate(_APOSTROPHE)
            add(form.translate(_JOINT).lower(), form, field, start, start + len(form))

    def word_form(self, word, matched: set) -> tuple:
        """``(form, votes)``: the form a capitalised word gives its entity, if it may be
        an abbreviation or part of a joined name, and whether it counts towards the
        document's form. All capitals (2-7 letters); a name glued after one letter
        ("OBrien"); a name after a lone letter ("O Brien": the form is both words);
        capitalised, 3-7 letters and no ordinary word ("Nato"), which counts only
        mid-sentence and not next to another capitalised word ("Tim Berners-Lee",
        "Big Brother", "Uefa Cup" only say the document knows the form).
        ``(None, False)`` for any other word."""
        form, votes = self.shape_of(word)
        if form is None or (id(word.field), word.start) in matched \
                or in_handle_or_url(word.field.text, word.start, word.end):
            return None, False
        return form, votes

    def shape_of(self, word) -> tuple:
        """:meth:`word_form` by the word and its neighbours alone (the cheap tests)."""
        text = word.text
        field = word.field
        if len(text) > 7 or not text.isalpha():
            return None, False
        if text.isupper():
            return (text, True) if len(text) >= 2 and not _label(word) and not self.word_in_capitals(word) \
                else (None, False)
        if after_single_letter(field.text, word.start):
            return (field.text[word.start - 2] + " " + text, True) if field.text[word.start - 1] == " " \
                else (None, False)
        if len(text) >= 4 and text[:2].isupper() and text[2:].islower():
            return (None, False) if self.ordinary(text) or lowercase_use(field, text) else (text, True)
        if len(text) < 3 or not is_title_case(text) or text.lower() in self.words or lowercase_use(field, text):
            return None, False
        return text, not (word.at_start or _in_name(field.text, word.start, word.end))

    def word_in_capitals(self, word) -> bool:
        """True if an all-caps word is an ordinary word or part of a name, not an
        abbreviation: a common English word ("PHOTOS"), a month ("OCT"), a word the
        text also writes in lower case ("DAY" beside "day"), or a word before a
        capitalised name or a figure ("FIFA Street", "FIFA 2005")."""
        field = word.field
        return self.ordinary(word.text) or lowercase_use(field, word.text) \
            or follows_with_name(field, word.end) or _number_follows(field.text, word.end)

    def ordinary(self, text: str) -> bool:
        """True for a common English word or a month in odd capitals ("PHOTOS", "APril", "OCT")."""
        return text.lower() in self.known or _MONTH.fullmatch(text) is not None

    # -- reduce -------------------------------------------------------------------

    def finish(self, key, records, corpus):
        own = [max(record, key=lambda form: form.uses) for record in records]
        documents = Counter(form.text for form in own if form.uses)
        if len(documents) < 2:
            return
        house, count = documents.most_common(1)[0]
        if count < self.opts.min_documents or count < self.opts.min_share * documents.total():
            return
        tally = "; ".join([f"{_documents(count)} write {quote(house)}"] + [
            f"{n:,} write{'s' if n == 1 else ''} {quote(text)}" for text, n in documents.most_common()[1:]])
        for record, form in zip(records, own):
            if form.uses and all(other.text != house for other in record):
                yield self.finding_at(form.location,
                                      f"{quote(form.text)} here; {tally}; follow the corpus's style")


def _joined_name(token: str) -> bool:
    """True for a name with a joint: a capital after a joint, and after each
    apostrophe once a possessive is cut ("O'Brien", "Wal-Mart", "al-Qaeda",
    "O'Neill's"; not "Don't", "Blair's", "Hip-hop", nor initials: "J-P")."""
    parts = _JOINTS.split(name_of(token))
    return len(parts) > 1 and any(p[:1].isupper() for p in parts[1:]) and max(map(len, parts)) >= 3 \
        and all(p[:1].isupper() for p in _APOSTROPHE_SPLIT.split(name_of(token))[1:])


def _documents(n: int) -> str:
    return f"{n:,} document{'s' if n != 1 else ''}"


def _in_name(text: str, start: int, end: int) -> bool:
    """True if a capitalised word stands right before or after ``text[start:end]``
    across one space: the word is part of a longer name."""
    after = text[end + 1:end + 2] if text[end:end + 1] == " " else ""
    before = start >= 2 and text[start - 1] == " " and text[start - 2].isalpha()
    if before:
        k = start - 2
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        before = text[k].isupper()
    return after.isupper() or before


def _label(word) -> bool:
    """An all-caps word ending a dateline or naming a speaker ("WENDORF:", "BLAIR -")."""
    rest = word.field.text[word.end:word.end + 3]
    return rest.startswith(":") or rest[:2] in (" -", " \u2013", " \u2014")


def _number_follows(text: str, end: int) -> bool:
    """True if a figure follows ``end`` across one space ("FIFA 2005"): a product or an edition."""
    return text[end:end + 1] == " " and text[end + 1:end + 2].isdigit()


def _layout_spans(doc, field) -> list:
    """Spans of ``field`` that are layout, not prose: the dateline, a place in capitals
    opening a paragraph like a dateline, and the lines of a table."""
    spans = [m.span() for m in _PLACE_LINE.finditer(field.text)]
    spans += [m.span() for m in _TABLE_LINE.finditer(field.text)]
    if doc.dateline is not None and doc.dateline.field is field:
        spans.append((doc.dateline.start, doc.dateline.end))
    return spans
