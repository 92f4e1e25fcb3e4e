import os
from collections import Counter

import regex

from corpuslint.finding import Fix
from corpuslint.rule import Option
from corpuslint.text import quote, starts_sentence
from corpuslint.vocabulary import ConsistencyRule, Occurrence, PhraseMatcher
from corpuslint.yamlfile import load_yaml

from .helpers import (
    DOTTED_ABBREVIATION,
    after_number,
    covering,
    follows_with_name,
    in_handle_or_url,
    initials_before_name,
    lowercase_use,
    shouting,
)

FIXED_NAMES = "fixed_names.yaml"
#: Where the titles are ("Senator", "Mr"): they say the next word is a name, not a company.
TITLES = "distinct_names.yaml"
_WORD_AFTER = r"\)?,?[ \t\r\n]+(\w+)"
#: "BBC", "MPs": the shape of an abbreviation written without full stops.
_UNDOTTED = r"(?<![\p{L}\p{N}.])\p{Lu}{2,6}s?(?![\p{L}\p{N}]|\.\p{L})"
#: A direct quotation within one paragraph: the speaker's words are not restyled.
_QUOTATION = r'"(?:[^"\n]|\n(?![ \t\r]*\n)){1,600}?"|\u201c[^\u201d]{1,600}?\u201d'
#: "Daesh (also known as ISIL)", "Kyiv, or Kiev": a form given as an alias.
_ALIAS_GLOSS = (r"(?:\b(?:formerly|previously|(?:also )?known as|(?:also|once|now) called|aka|a\.k\.a\.)"
                r"|[(,][ ]?or)[ \t\r\n]+(?:the[ ])?$")


class EntityAliasMix(ConsistencyRule):
    """One entity named in two ways in one document ("USA", "U.S." and "US"; "ISIS" then "IS").

    Why it matters: readers, search and entity extraction treat each form as
    a different name, and a mix is the typical trace of copy pasted together
    from several sources. An archive should name one country, group or
    person one way per article.

    Example::

        The Islamic State of Iraq and Syria (ISIS) said it sent the drone.
        ... IS fighters were seen near the border on Monday.

    reports ``'IS' and 'ISIS' name the same thing in this document (ISIS 2×,
    IS 1×); use 'ISIS' throughout`` at "IS": the form the document uses less,
    with the one it uses most as the suggestion (a spelled-out name such as
    "Islamic State of Iraq and Syria" counts as its abbreviation).

    The groups are ``entity_aliases.yaml`` next to this module (US/U.S./USA,
    UK/U.K., UN/U.N., EU/E.U., NATO/Nato, ISIS/ISIL/IS/Daesh, al-Qaeda
    spellings, Hezbollah, Kyiv/Kiev, Gaddafi, Taliban/Taleban, Koran/Quran,
    Zelensky, Erdogan, ...); add groups in a vocabulary file with
    ``extends: entity-alias-mix``. Matching is case-sensitive ("us" is not
    "US"); a compound counts ("UN-backed" is a use of UN).

    Without a list, any abbreviation written with and without full stops in
    one document is a mix too ("B.B.C." and "BBC", "M.P.s" and "MPs"): the
    form used less is reported (on a tie, the one met second), quotations
    included, since full stops are the writer's style, not the speaker's word.
    Letters after a figure are a time or a unit ("3 P.M." is no "PM"), and
    dotted letters before a capitalised name are initials ("J.K. Rowling" is
    no "JK"): neither is counted.

    Not counted, because there the form is not the writer's choice of name:

    - capitals in an ALL-CAPS run or on an all-caps line ("WHEAT IS SCARCE",
      "US TROOPS LEAVE", a Reuters title);
    - direct quotations (the speaker's "ISIL" stays) and the dateline;
    - an alias given as an alias ("Daesh (also known as ISIL)", "Kyiv, or
      Kiev");
    - a capital at a sentence start that only differs from another form by
      that capital ("Al Qaeda" starting a sentence in an "al Qaeda" document);
    - an amount ("US$5", "US 4 billion dlrs");
    - company and team names: a country abbreviation after a name or before
      a company suffix ("Esso UK", "Cargill (USA)", "Halvard U.K. Ltd"; a day,
      a month or a title is no name: "by Friday U.S. crews" counts),
      "USA" before another capitalised word or in a fixture ("USA Today",
      "USA Eagles", "Ireland v USA"), and the fixed names in
      ``fixed_names.yaml`` or the ``ignore`` option ("US Open", "Chicken Kiev").

    Options: ``ignore``, more fixed names (case-sensitive) whose forms are
    not counted.

    Fix (unsafe): an abbreviation is replaced by the document's dominant form;
    a spelled-out name is reported without a fix.
    """

    code = "E001"
    name = "entity-alias-mix"
    severity = "warning"
    fix = "unsafe"
    vocabulary = "entity_aliases.yaml"
    options = {"ignore": Option([], "more fixed names whose forms are not counted ('USA Today')",
                                item=str)}

    def setup(self):
        super().setup()
        fixed = load_yaml(os.path.join(os.path.dirname(__file__), FIXED_NAMES))
        names = list(fixed["names"]) + list(self.opts.ignore)
        self.fixed_names = PhraseMatcher({n: n for n in names}, ignorecase=False)
        self.fixed_patterns = [regex.compile(p) for p in fixed["patterns"]]
        self.company_parts = set(fixed["company_parts"])
        self.company_suffixes = set(fixed["company_suffixes"])
        titles = load_yaml(os.path.join(os.path.dirname(__file__), TITLES))["titles"]
        self.not_company = set(fixed["not_company"]) | set(titles)
        self.word_after = regex.compile(_WORD_AFTER)
        self.quotation = regex.compile(_QUOTATION)
        self.alias_gloss = regex.compile(_ALIAS_GLOSS)
        self.dotted = regex.compile(DOTTED_ABBREVIATION)
        self.undotted = regex.compile(_UNDOTTED)
        self.listed_forms = {form for group in self.vocab.groups for form in group["forms"]}
        self.capitalised_variants = {
            form for group in self.vocab.groups for form in group["forms"]
            if form[:1].isupper() and form[:1].lower() + form[1:] in group["forms"]}

    def check(self, doc):
        yield from super().check(doc)
        yield from self.dotted_mix(doc)

    def dotted_mix(self, doc):
        """Findings for abbreviations that no group lists, written with and without full
        stops in one document ("B.B.C." and "BBC", "M.P.s" and "MPs"): the same shape
        as "U.S." and "US", found without a list."""
        keys = {m.group().replace(".", "") for field in doc.prose if "." in field.text
                for m in self.dotted.finditer(field.text) if m.group() not in self.listed_forms}
        if not keys:
            return
        by_key: dict[str, list] = {}
        for field in doc.prose:
            text = field.text
            found = [m for m in self.dotted.finditer(text) if m.group().replace(".", "") in keys]
            found += [m for m in self.undotted.finditer(text) if m.group() in keys]
            uncounted = covering(self.uncounted_spans(doc, field, quotations=False))
            for m in sorted(found, key=lambda m: m.start()):
                start, end = m.span()
                if self.accept(field, start, end) and not uncounted(start, end) and not after_number(text, start) \
                        and not ("." in m.group() and initials_before_name(text, end)):
                    by_key.setdefault(m.group().replace(".", ""), []).append((field, start, end, m.group()))
        for uses in by_key.values():
            counts = Counter(form for _, _, _, form in uses)
            if len(counts) < 2:
                continue
            dominant = counts.most_common(1)[0][0]  # on a tie, the form met first
            summary = ", ".join(f"{form} {n}\u00d7" for form, n in counts.most_common())
            for field, start, end, form in uses:
                if form != dominant:
                    yield self.finding(field, start, end, (self.vocab.message or self.message).format(
                        match=quote(form), dominant=quote(dominant), counts=summary),
                        fix=Fix(start, end, dominant, safe=False))

    def occurrences(self, doc):
        found = self.matches(doc)
        if not self.mixes_forms(found):
            return  # nothing to report: skip the tests on each use
        yield from self.without_name_parts(list(self.counted(doc, found)))

    def matches(self, doc) -> list:
        """``(field, start, end, (group, form, short))`` for every match of a form, in text order."""
        return [(field, start, end, payload) for field in doc.prose
                for start, end, payload in self.matcher.finditer(field)]

    def counted(self, doc, found=None):
        """An :class:`Occurrence` for each use that counts (see the class documentation),
        whether or not the document mixes forms (entity-house-style, E004, counts them
        across the corpus)."""
        uncounted = {}
        for field, start, end, (index, form, short) in self.matches(doc) if found is None else found:
            if not self.accept(field, start, end):
                continue
            if field not in uncounted:
                uncounted[field] = covering(self.uncounted_spans(doc, field))
            if uncounted[field](start, end):
                continue
            text = field.text
            if any(p.match(text, start) for p in self.fixed_patterns) or \
                    self.in_company_name(field, start, end) or \
                    self.alias_gloss.search(text, max(0, start - 40), start):
                continue
            yield Occurrence(field, start, end, index, form, short)

    def without_name_parts(self, uses: list) -> list:
        """``uses`` without a minority form followed by a name ("US Telecom", "UK
        Athletics" in a document that writes "U.S." and "Britain"): a form the writer
        does not otherwise use, before a capitalised word, is part of a proper name.
        A form with full stops is not ("U.S. Department" in a "US" document): names
        seldom carry them. The dominant form is counted on the uses not followed by a name."""
        name_part = [follows_with_name(use.field, use.end) and "." not in use.form for use in uses]
        plain = {}
        for use, before_name in zip(uses, name_part):
            if not before_name:
                plain.setdefault(use.group, Counter())[self.normal(use.form)] += 1
        kept = []
        for use, before_name in zip(uses, name_part):
            counts = plain.get(use.group)
            if before_name and (not counts or self.normal(use.form) not in _most_common(counts)):
                continue
            kept.append(use)
        return kept

    def mixes_forms(self, found) -> bool:
        """True if the matches have two forms of one group: the uses that count are
        some of these, and only a group used in two forms is reported."""
        forms = {}
        for _, _, _, (index, form, _) in found:
            forms.setdefault(index, set()).add(self.normal(form))
        return any(len(group_forms) > 1 for group_forms in forms.values())

    def uncounted_spans(self, doc, field, quotations=True):
        """Fixed names, direct quotations (unless ``quotations`` is False) and the
        dateline: forms there are not counted."""
        spans = [(s, e) for s, e, _ in self.fixed_names.finditer(field)]
        if quotations:
            spans += [m.span() for m in self.quotation.finditer(field.text)]
        if doc.dateline is not None and doc.dateline.field is field:
            spans.append((doc.dateline.start, doc.dateline.end))
        return spans

    def in_company_name(self, field, start, end) -> bool:
        """ "Esso UK", "Cargill (USA)", "Halvard U.K. Ltd": a country form inside a company name."""
        text = field.text
        if text[start:end] not in self.company_parts:
            return False
        after = self.word_after.match(text, end)
        if after and after.group(1) in self.company_suffixes:
            return True
        return self.name_before(field, start)

    def name_before(self, field, start: int) -> bool:
        """True if a name comes right before ``start`` (across one space or line break,
        and an opening bracket: "Cargill (USA)"): a capitalised word that does not start
        a sentence, or that the text never writes in lower case ("In US markets"),
        and is not a day, a month or a title ("by Friday U.S. crews")."""
        text = field.text
        j = start
        if j > 0 and text[j - 1] == "(":
            j -= 1
        if text[max(0, j - 2):j] == "\r\n":
            j -= 2
        elif j > 0 and text[j - 1] in " \t\r\n":
            j -= 1
        if j == start:
            return False
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in ".&-'\u2019"):
            k -= 1
        if j - k < 2 or not text[k].isupper() or text[k:j] in self.not_company:
            return False
        return not starts_sentence(text, k) or not lowercase_use(field, text[k:j])

    def accept(self, field, start, end) -> bool:
        text = field.text
        if shouting(field)(start, end) or _amount_follows(text, end) or in_handle_or_url(text, start, end):
            return False
        return not (text[start:end] in self.capitalised_variants and starts_sentence(text, start))


def _most_common(counts: Counter) -> set:
    """The forms used most (several on a tie)."""
    top = max(counts.values())
    return {form for form, n in counts.items() if n == top}


def _amount_follows(text: str, end: int) -> bool:
    """ "US$5", "US 4 billion dlrs": a currency, not the country."""
    rest = text[end:end + 2]
    return rest[:1] == "$" or rest[:1].isdigit() or (rest[:1] == " " and rest[1:2].isdigit())
