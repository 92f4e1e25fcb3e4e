import regex

from corpuslint.rule import DocumentRule
from corpuslint.text import WORD_RE, lines, quote, strip_span

from .helpers import GatedPatterns, load_data

#: A headline or body longer than this is never a whole-field placeholder.
MAX_WHOLE_CHARS = 120
#: A paragraph longer than this (characters, words) is never an editorial note.
MAX_NOTE_CHARS = 100
MAX_NOTE_WORDS = 12
#: Words that may stand between an instruction verb and the part of the story it names ("edit this paragraph").
_DETERMINERS = frozenset("the this these that a an your our my some".split())
#: A paragraph with a quotation mark or a label ("Update: ...", "Video source:") is not an editorial note.
_NOT_IN_NOTES = "\"\u201c\u201d:"
#: Words an instruction may follow at the start of a paragraph ("Please add ...", "Click here to edit ...").
_BEFORE_INSTRUCTION = frozenset("please click tap here to".split())

#: Text in brackets, braces, double asterisks or double parentheses, on one line.
_BRACKETED = regex.compile(r"\[([^\[\]\n]{1,80})\]|\{([^{}\n]{1,80})\}|<([^<>\n]{1,80})>"
                           r"|\*\*([^*\n]{1,80})\*\*|\(\(([^()\n]{1,80})\)\)")
#: Where a bracketed placeholder may be: the opening of each kind of bracket.
_OPENINGS = ("[", "{", "<", "**", "((")

#: A line that is one short phrase said three times or more ("asdf asdf asdf", "Test test test").
#: Words apart by one space (after a comma or full stop, say), not table columns; not a row of codes ("LONG SHRT").
_REPEATED = regex.compile(r"[\W_]*(\w+(?:[,.!?;:]?[ ]\w+){0,5}?)(?:[,.!?;:]?[ ]\1){2,}[\W_]*",
                          regex.IGNORECASE | regex.VERSION1)
_LOWER_WITHOUT_DIGITS = regex.compile(r"[^\d]*[a-z][^\d]*")
#: The longest line that is checked for a repeated phrase.
MAX_REPEATED_CHARS = 200
_QUOTES = "\"\u201c\u201d"

#: A run of five or more plain (unaccented) words, capitalised at most at its start.
_RUN = regex.compile(r"(?<![\w'\u2019-])[A-Za-z][a-z]*(?:[ ,;]+[a-z]+){4,}(?![\w'\u2019-])")
#: Endings of Latin word forms (dolor, ipsum, amet, elit, consectetur, natus, vitae, sunt).
LATIN_ENDINGS = ("um", "us", "is", "it", "at", "et", "ur", "nt", "ae", "em", "am", "or", "ex")
#: A run with an English word this frequent ("the", "and", "of"; Latin shares only "in") is English.
ENGLISH_GLUE_ZIPF = 6.5
#: Words that are not common English must be at least this share of a pseudo-Latin run ...
FOREIGN_SHARE = 0.6
#: ... and at least this share of them must have a Latin ending (Italian or Spanish words mostly do not).
LATIN_SHARE = 0.3


class PlaceholderText(DocumentRule):
    """Placeholder text ("lorem ipsum", "[insert quote here]", "{{ headline }}", "TK") instead of an article's words.

    Why it matters: a template or an unfinished draft was exported as if it
    were published copy. Its words are not news; they pollute language
    models, counts and search, and the real text is missing.

    Placeholders are recognised by their shape, so that ones no list names
    are found too (the lists are in ``placeholders.yaml`` next to this module):

    - an editorial instruction in brackets, braces or asterisks: a word that is
      never bracketed in published copy (``[TK]``, ``**TBC**``, ``[TODO]``), an
      instruction verb and a part of a story (``[insert quote from the mayor]``,
      ``{add link}``), a part of a story followed by "here"
      (``[photo caption here]``), or capitalised parts of a story alone
      (``[HEADLINE]``, ``<NAME>``). An insertion into a quotation
      (``[the minister]``, ``[sic]``) is none of these;
    - the syntax of a template variable, whatever it is called:
      ``{{ article.body }}``, ``${title}``, ``$STORY_BODY``, ``%s``,
      ``%HEADLINE%``, ``{name}``, ``__BODY__``, ``<AUTHOR_NAME>``;
    - instructions and slots in plain text: ``headline goes here``, ``your text
      here``, ``add figures before publication``, ``sample article text``, the
      newsroom's ``TK TK``, ``TK:`` and ``Photo TK``, masked text such as
      ``XXXXX``;
    - filler Latin: a run of five or more words that are mostly not English
      and mostly end as Latin words do (``Duis aute irure dolor in
      reprehenderit``), whichever passage a generator took them from;
    - a line that is one short phrase said three times or more (``asdf asdf
      asdf``, ``Test test test``), outside quotation marks;
    - an editorial note as a paragraph of its own: a short paragraph that
      names a part of a story and says it is still to come (``Quote TBC``,
      ``Caption needed``, ``Copy to come``), tells someone to write it
      (``Edit this paragraph``, ``Enter text``), calls it a stand-in (``This
      is a test article.``) or is nothing but the slot (``Second paragraph
      of the story.``);
    - words that are a placeholder only when they are the whole headline or
      body (``Test``, ``TBD``, ``None``, ``Blah blah blah.``), which a real
      article may use in passing.

    Example::

        Funds rise

        Blah blah blah.

    reports that the body is only placeholder text.

    Fix: write the missing text, or drop the document.
    """

    code = "Q001"
    name = "placeholder-text"
    severity = "error"

    def setup(self):
        data = load_data("placeholders.yaml")
        brackets = data["brackets"]
        self.markers = frozenset(brackets["markers"])
        self.verbs = frozenset(brackets["verbs"])
        self.nouns = frozenset(brackets["nouns"])
        words = {"NOUN": _alternation(self.nouns), "VERB": _alternation(self.verbs)}
        entries = [{**entry, "pattern": _expand(entry["pattern"], words)} for entry in data["anywhere"]]
        self.anywhere = GatedPatterns(entries, "placeholders.yaml: anywhere")
        notes = data["notes"]
        self.pending = _phrases(notes["pending"])
        self.alone = _phrases(notes["alone"])
        self.kinds = frozenset(notes["kinds"])
        self.parts = frozenset(notes["parts"])
        self.slots = frozenset(notes["slots"]) | self.parts | self.verbs
        self.templates = regex.compile("|".join(f"(?:{p})" for p in data["templates"]),
                                       regex.IGNORECASE | regex.VERSION1)
        whole = "|".join(f"(?:{p})" for p in data["whole"])
        self.whole = regex.compile(rf"[\s\"'\u201c\u2018(\[]*(?:{whole})[\s.!?\u2026\"'\u201d\u2019)\]]*",
                                   regex.IGNORECASE | regex.VERSION1)
        self._english = None

    @property
    def english(self):
        """The common English words (wordfreq, Zipf 3 or more), loaded when a field first needs them."""
        if self._english is None:
            from corpuslint.vocabulary import english_frequencies

            self._english = english_frequencies().common
        return self._english

    def whole_spans(self, doc):
        """The headline lines and the body, each as ``(field, start, end, what)``."""
        for span in doc.headlines:
            yield span.field, span.start, span.end, "headline"
        if doc.paragraphs:
            first, last = doc.paragraphs[0], doc.paragraphs[-1]
            if first.field is last.field:
                yield first.field, first.start, last.end, "body"

    def whole_placeholders(self, doc):
        """``(field, start, end, what)`` of each headline or body that is only a placeholder."""
        for field, start, end, what in self.whole_spans(doc):
            start, end = strip_span(field.text, start, end)
            if 0 < end - start <= MAX_WHOLE_CHARS and self.whole.fullmatch(field.text, start, end):
                yield field, start, end, what

    def placeholders(self, field):
        """``(start, end, what)`` of each placeholder in ``field``, by the shape that gives it away."""
        found = [(m.start(), m.end(), "") for m in self.anywhere.finditer(field)]
        found += [(m.start(), m.end(), "template variable") for m in self.templates.finditer(field.text)]
        found += self.bracketed(field)
        found += self.repeated_lines(field)
        found += self.filler_latin(field)
        return _outermost(found)

    def editorial_notes(self, doc):
        """``(field, start, end)`` of each paragraph that is an editorial note: ``Quote TBC``, ``Enter text``."""
        for span in doc.paragraphs:
            if span.end - span.start > MAX_NOTE_CHARS or any(c in span.text for c in _NOT_IN_NOTES):
                continue
            words = WORD_RE.findall(span.field.lower, span.start, span.end)
            if 0 < len(words) <= MAX_NOTE_WORDS and self._is_note(words):
                yield span.field, span.start, span.end

    def _is_note(self, words) -> bool:
        """Whether a short paragraph of ``words`` (lower case) is an editorial note."""
        phrase = f" {' '.join(words)} "
        if self.alone.search(phrase):
            return True
        parts = [i for i, w in enumerate(words) if w in self.parts]
        if not parts:
            return False
        if self.pending.search(phrase) or (len(words) >= 2 and all(w in self.slots for w in words)):
            return True
        for i in parts:
            before = i - 1 if i and words[i - 1] not in _DETERMINERS else i - 2
            if i and words[i - 1] in self.kinds:
                return True  # "test article"
            if before >= 0 and words[before] in self.verbs and all(w in _BEFORE_INSTRUCTION for w in words[:before]):
                return True  # "Edit this paragraph", "Click here to edit this paragraph"
        return False

    def bracketed(self, field):
        """Editorial instructions in brackets: ``[insert quote here]``, ``**TBC**``, ``<NAME>``."""
        text = field.text
        if not any(opening in text for opening in _OPENINGS):
            return []
        found = []
        for m in _BRACKETED.finditer(text):
            inside = next(group for group in m.groups() if group is not None)
            if self._is_instruction(inside, m.group()[0], lambda m=m: _alone_on_line(text, m.start(), m.end())):
                found.append((m.start(), m.end(), "editorial instruction"))
        return found

    def _is_instruction(self, inside: str, opening: str, alone) -> bool:
        """Whether the bracketed ``inside`` is an instruction; ``alone()`` says if the bracket is a line of its own."""
        label, colon, rest = inside.partition(":")
        if colon and rest.strip() and len(label.split()) <= 2 and self._is_instruction(rest, opening, alone):
            return True  # "[Editor: confirm the figure]"
        words = WORD_RE.findall(inside.lower())
        if not words:
            return False
        nouns = [w for w in words if w in self.nouns]
        phrase = f" {' '.join(words)} "
        if any(f" {marker} " in phrase for marker in self.markers):
            return True
        if words[0] in self.verbs and nouns:
            return True
        if words[-1] == "here" and (nouns or words[0] in self.verbs):
            return True
        if len(nouns) < len(words) or (opening == "<" and len(words) < 2):
            return False
        return opening == "{" or not any(c.islower() for c in inside) or alone()

    def repeated_lines(self, field):
        """Lines that are one short phrase three times or more: ``asdf asdf asdf``."""
        text = field.text
        found = []
        for start, end in lines(text):
            start, end = strip_span(text, start, end)
            if not 0 < end - start <= MAX_REPEATED_CHARS:
                continue
            first = WORD_RE.search(field.lower, start, end)
            if first is None or field.lower.count(first.group(), start, end) < 3:
                continue
            if any(q in text[start:end] for q in _QUOTES) or not _LOWER_WITHOUT_DIGITS.fullmatch(text, start, end):
                continue
            if _REPEATED.fullmatch(text, start, end):
                found.append((start, end, "repeated filler"))
        return found

    def filler_latin(self, field):
        """Runs of pseudo-Latin words: ``Duis aute irure dolor in reprehenderit in voluptate``."""
        candidates = [w for w in field.word_set if len(w) >= 4 and w.endswith(LATIN_ENDINGS) and w.isascii()]
        if len(candidates) < 2:
            return []
        english = self.english
        if sum(w not in english for w in candidates) < 2:
            return []
        found = []
        for m in _RUN.finditer(field.text):
            words = [w.lower() for w in WORD_RE.findall(m.group())]
            if any(english.get(w, 0) >= ENGLISH_GLUE_ZIPF for w in words if w != "in"):
                continue
            foreign = [w for w in words if w not in english]
            latin = [w for w in foreign if len(w) >= 4 and w.endswith(LATIN_ENDINGS)]
            if len(foreign) >= FOREIGN_SHARE * len(words) and len(latin) >= max(2, LATIN_SHARE * len(foreign)):
                found.append((m.start(), m.end(), "filler Latin"))
        return found

    def check(self, doc):
        reported = []
        for field, start, end, what in self.whole_placeholders(doc):
            reported.append((field, start, end))
            yield self.finding(field, start, end, f"the {what} is only placeholder text "
                                                  f"{quote(field.text[start:end])}; write the real {what} "
                                                  "or drop the document")
        for field, start, end in self.editorial_notes(doc):
            if any(f is field and s <= start < e for f, s, e in reported):
                continue
            reported.append((field, start, end))
            yield self.finding(field, start, end, f"placeholder {quote(field.text[start:end])} (an editorial note) "
                                                  "instead of the article's text; replace it with the real text")
        for field in doc.prose:
            for start, end, what in self.placeholders(field):
                if any(f is field and s <= start < e for f, s, e in reported):
                    continue
                shape = f" ({what})" if what else ""
                yield self.finding(field, start, end, f"placeholder {quote(field.text[start:end])}{shape} instead "
                                                      "of the article's text; replace it with the real text")


def _phrases(phrases):
    """A regular expression for any of ``phrases`` as whole words in a text of lower-case words spaced by one."""
    return regex.compile(" (?:" + "|".join(regex.escape(p) for p in phrases) + ") ")


def _alternation(words) -> str:
    """A regular expression for any of ``words``, longest first."""
    return "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def _expand(pattern: str, words: dict) -> str:
    """``pattern`` with ``NOUN`` and ``VERB`` replaced by the alternations in ``words``."""
    for name, alternation in words.items():
        pattern = pattern.replace(name, alternation)
    return pattern


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has only spaces before and after it on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _outermost(found):
    """``found`` in text order without the spans that start inside an earlier one."""
    kept = []
    for start, end, what in sorted(found, key=lambda f: (f[0], -f[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, what))
    return kept
