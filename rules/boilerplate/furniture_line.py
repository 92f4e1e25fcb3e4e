import itertools
import os
import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.text import WORD_RE, ends_sentence, quote
from corpuslint.yamlfile import load_yaml

from .helpers import Segment, cut_to_article, sentence_starts, tail_segments

#: Longer lines and sentences are text, whatever words they use.
MAX_CHARS = 200
#: A glued furniture run is looked for in the last this many characters of a paragraph.
MAX_GLUED_CHARS = 300
#: How many furniture sentences may be peeled off the end of one paragraph.
MAX_GLUED_SENTENCES = 3
#: Headline and metadata lines that may precede head furniture.
MAX_HEAD_LINES = 4
#: Evidence a line needs: on a line of its own at the tail, glued to the last sentence, at the head.
THRESHOLDS = {"tail": 3.0, "glued": 3.5, "head": 3.5}
#: The most the furniture words of one line count for.
MAX_WORD_EVIDENCE = 3.0

#: Words that follow the verb of a call to action ("Share this", "Sign up", "Read more").
_CTA_NEXT = frozenset("""this these the our us your you it them me a an to for on up in out with more now here
    below above free today now and or via at from all every each full latest our also informed tuned connected
    updated reading watching scrolling listening""".split())
_OPENERS = frozenset({"please", "don't", "don\u2019t", "do", "never", "why", "want", "click", "tap"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "you'll", "you're", "you've", "you'd",
                            "you\u2019ll", "you\u2019re", "you\u2019ve", "you\u2019d"})
_SITE_VOICE = frozenset({"us", "our", "we", "we're", "we'll", "we\u2019re", "we\u2019ll"})
_QUOTES = "\"\u201c\u201d"
_SEPARATOR = re.compile(r"\s[|\u00bb\u203a\u2022\u00b7>/]\s|\s[-\u2013\u2014]\s(?=\S+(?:\s\S+)?\s[-\u2013\u2014]\s)")
_LINK = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w|(?:^|[\s(])@\w{2,}|\b[\w-]+\.[a-z]{2,6}/\S")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|co\.uk|ly|rs|io|info|news)\b")
_SYMBOL = re.compile(r"[\u00a9\u00ae\u2122]|\([cC]\)\s*(?:\d{4}|[A-Z])")
_COUNT = re.compile(r"\b\d[\d,.]*[kKmM]?\s+([A-Za-z]+)|\b([A-Za-z]+)\s*[(\[]\d[\d,.]*[kKmM]?[)\]]")
_CREDIT = re.compile(r"^(?:[A-Z][\w'-]*\s+){0,2}?(\w+)s?\s*(?::|/|\bvia\b|\bby\b|\bcourtesy\b|\bcredits?\b|\bsource\b)",
                     re.IGNORECASE)
_BYLINE = re.compile(r"^(?i:by|written by|words by|story by|reporting by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*"
                     r"(?:$|[,|/(;:-])"
                     r"|^[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3}\s+(?:is|was)\s+(?:a|an|the|our)\s+"
                     # an author note: "Jane Roe reports from Leeds", "Jane Roe writes about science for ..."
                     r"|^[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3}\s+(?:reports|writes|covers|blogs|edits|is based)"
                     r"\s+(?:from|about|on|for|in|at)\s")
#: Credits by name, one or more: "Story by Jane Roe. Edited by John Doe", "Reporting by Jane Roe; editing by ...".
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|del|da))*"
_BY_CHAIN = re.compile(rf"^(?:(?:[\w-]+\s+){{0,3}}by\s+{_NAME}(?:\s*[.,;|/]\s*|\s+and\s+|$))+$", re.IGNORECASE)
#: A signature: a dash and a name on a line of its own ("— Jane Roe").
_SIGNATURE = re.compile(rf"^(?:\u2014|\u2013|--)\s*{_NAME}(?:(?:,\s*|\s+in\s+){_NAME})?$")
#: A year, as notices carry it.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A notice of a year and a name only, with an abbreviation before it: "Copr. 2025 Harbour Media Group",
#: "Harbour Media 2024", "(C) Harbour Media 2024".
_YEAR_AND_NAME = re.compile(r"^(?:\S{1,6}\s+)?(?:(?:19|20)\d\d\s+(?:[A-Z][\w&.'\u2019-]*\s*){2,5}"
                            r"|(?:[A-Z][\w&.'\u2019-]*\s+){2,5}(?:19|20)\d\d)$")
#: The closing note of an author block: "... contributed to this report".
_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting\W*$|(?:reporting\s+)?(?:to\s+)?(?:this|the)\s+"
                          r"(?:report|story|article))", re.IGNORECASE)
#: Where an imperative may start inside a line: after a sentence end ("Found a typo? Let us know").
_INNER_START = re.compile(r"[.!?]\s+(?=[A-Z])")
_BULLETS = " \t-\u2013\u2014\u2022*>\u00bb\u00ab<|#"
#: Arrows that end or start a navigation link ("Next story »", "More >>", "« Previous").
_ARROW = re.compile(r"[\u00bb\u203a\u2192>]$|^[\u00ab\u2039\u2190<]")
#: A label: one to three words and a colon ("Related:", "See also:", "Filed under:").
_LABEL = re.compile(r"^([\w'\u2019 -]{1,25}):\s*\S")
#: Small words a title-case line leaves in lower case.
_SMALL = frozenset("a an and at by for from in of on or the to via with".split())
#: A line of at most this many words is short.
SHORT_WORDS = 5
#: Categories whose words count more: notices and platforms are rare in news prose.
_HEAVY = {"notices": 1.5, "platforms": 1.5}
_PLACES = {
    "tail": "furniture line {} ends the document",
    "glued": "furniture {} is glued to the end of the last paragraph",
    "head": "furniture line {} at the start of the document",
}


def _own_line(text: str, start: int) -> bool:
    """True if the line at ``start`` is not the continuation of a hard-wrapped sentence.

    It is when the line before it is blank, ends a sentence, or is a
    sign-off of a word or two ("REUTER", "ENDS").
    """
    before = text.rfind("\n", 0, max(start - 1, 0))
    previous = text[before + 1:start].strip()
    return (not previous or previous[-1] in ".!?:;\"\u201d\u2019)]\u00bb" or start == 0
            or len(previous.split()) <= 2)


def _closing_evidence(text: str):
    """``(weight, reason)`` for the shapes that are furniture when ``text`` follows the story's last sentence."""
    if ends_sentence(text):
        return
    if 2 <= len(text.split()) <= SHORT_WORDS:
        yield 1.0, "a fragment after the last sentence"
    if _YEAR_AND_NAME.match(text):
        yield 2.0, "the shape of a notice (a year and a name)"


def stem(word: str) -> str:
    """``word`` without a plural or -ing/-ed ending ("shares", "sharing", "shared" -> "share")."""
    for ending, keep in (("ing", 3), ("ed", 3), ("es", 4), ("s", 3)):
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            return word[:-len(ending)]
    return word


class FurnitureLine(DocumentRule):
    """A line or closing sentence that is site furniture by its shape, though no list names it.

    Why it matters: every site has its own share bar, newsletter plug,
    comment counter, picture credit, author box and copyright footer, and a
    scraper keeps them. B001 knows the common ones by their words; this rule
    finds the rest by what furniture looks like, so that a corpus from a site
    nobody has listed is not called clean.

    A candidate is a short line at the end of the body (or several, bottom
    up), a sentence glued to the end of the last paragraph, or a line between
    the headline and the body. It is furniture when enough evidence adds up:

    - furniture words (``furniture_words.yaml`` next to this module: share,
      print, subscribe, newsletter, comments, related, photo, credit,
      copyright, reserved, ...: single words, never phrases);
    - the shape of a call to action: it starts with a verb of one ("Share
      this", "Sign up", "Tap here"), speaks to the reader ("you", "your");
    - the shape of navigation: title case, no sentence end, items split by
      ``|``, ``»``, ``•`` or ``>``, a count ("12 comments", "Shares (40)");
    - a link, an e-mail address or an @handle; a ``©``;
    - the shape of a credit ("Picture: Jane Roe/Harbour Pix", "Footage
      courtesy of ...") or of an author block ("By Jane Roe, Transport Desk",
      "Jane Roe is a freelance writer ...", "... contributed to this report");
    - after the story's last sentence: a fragment of two to five words with
      no sentence end ("Top of page", "Most shared this week"), or a year
      beside a name, as a notice has ("Copr. 2024 Harbour Media Group").

    Evidence against it: quotation marks, a reporting verb ("said", "told"),
    a weekday or a figure word (the story's own last sentence), length. A
    glued sentence and a head line need more evidence than a line of its own
    at the tail; the headline and the only paragraph are never reported, and
    what B001 reports is left to B001. The message says what was seen.

    Example::

        Ferry returns

        The ferry will run again on Monday.

        Tap here to get our morning briefing in your inbox

    Options: ``max-words`` (the longest line or sentence taken for
    furniture), ``glued`` (also look at sentences glued to the last
    paragraph).

    Fix (unsafe): the line or sentence is removed with the whitespace that
    joined it to the text. Unsafe because the rule judges by features, not
    by a list: read what it removes.
    """

    code = "B003"
    name = "furniture-line"
    severity = "warning"
    fix = "unsafe"
    requires = ("B001",)
    options = {
        "max-words": Option(25, "longest line or sentence, in words, taken for furniture", minimum=1),
        "glued": Option(True, "also report furniture sentences glued to the end of the last paragraph"),
    }

    def setup(self):
        data = load_yaml(os.path.join(os.path.dirname(__file__), "furniture_words.yaml"))
        self.weak = frozenset(data.pop("weak", ()))
        self.prose = frozenset(data.pop("prose", ()))
        self.counted = frozenset(data.pop("counted", ()))
        self.words = {}
        for category, words in data.items():
            for word in words:
                self.words.setdefault(word, category)
        self.actions = frozenset(data["actions"])
        self.credits = frozenset(data["credits"])
        self.known = self.peer("B001")

    # -- judging one line or sentence ---------------------------------------------

    def assess(self, snippet: str, place: str, closing: bool = False) -> str | None:
        """Why ``snippet`` is furniture at ``place`` (``"tail"``, ``"glued"`` or ``"head"``), or ``None``;
        ``closing`` says that it follows the story's last sentence."""
        score, reasons = self.evidence(snippet, closing)
        if score < THRESHOLDS[place]:
            return None
        return ", ".join(r for r in reasons if r)

    def evidence(self, snippet: str, closing: bool = False) -> tuple[float, list[str]]:
        """``(score, reasons)``: how much ``snippet`` looks like furniture, and why.

        ``closing``: ``snippet`` follows the story's last sentence (the text
        before it ends one), so a short unpunctuated ``snippet`` is a fragment
        after the story, not the end of its last sentence, and a year beside
        a name is a notice, not a headline ("Euro 2004").
        """
        text = snippet.strip().lstrip(_BULLETS).strip()
        if not text or len(text) > MAX_CHARS:
            return 0.0, []
        words = WORD_RE.findall(text)
        if len(words) > self.opts.max_words:
            return 0.0, []
        lower = [w.lower() for w in words]
        score, reasons = self._word_evidence(lower)
        strong = 0.0
        shapes = list(self._shape_evidence(snippet.strip(), text, words, lower))
        if closing:
            shapes.extend(_closing_evidence(text))
        for weight, reason in shapes:
            score += weight
            if weight >= 2:
                strong += weight
            reasons.append(reason)
        if not (strong >= 2 or any(r.startswith(("furniture words", "a call to action", "items split"))
                                   for r in reasons)):
            return 0.0, []
        return score - self._against(text, lower), reasons

    def _lookup(self, word: str) -> str | None:
        """The furniture word ``word`` is, itself or without its ending, or ``None``."""
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        if word in self.words:
            return word
        stemmed = stem(word)
        return stemmed if stemmed in self.words else None

    def _word_evidence(self, lower):
        found = {}
        for word in lower:
            entry = self._lookup(word)
            if entry is None or entry in found:
                continue
            if entry in self.weak:
                found[entry] = 0.0 if self.words[entry] == "actions" else 0.5
            else:
                found[entry] = _HEAVY.get(self.words[entry], 1.0)
        found = {entry: weight for entry, weight in found.items() if weight}
        if not found:
            return 0.0, []
        shown = ", ".join(sorted(found)[:4])
        return min(sum(found.values()), MAX_WORD_EVIDENCE), [f"furniture words ({shown})"]

    def _shape_evidence(self, original, text, words, lower):
        """``(weight, reason)`` for each shape of furniture ``text`` has."""
        for start in [0] + [m.end() for m in _INNER_START.finditer(text)]:
            inner = WORD_RE.findall(text, start) if start else words
            if self._imperative(inner, [w.lower() for w in inner]):
                verb = " ".join(inner[:2]) if inner[0].lower() in _OPENERS else inner[0]
                yield 1.5 if inner[0].lower() in self.weak else 2.0, f"a call to action ('{verb}')"
                break
        if _SECOND_PERSON.intersection(lower):
            yield 1.0, "speaks to the reader"
        elif _SITE_VOICE.intersection(lower):
            yield 0.5, "speaks for the site"
        label = _LABEL.match(text)
        if label and any(self._lookup(w.lower()) for w in WORD_RE.findall(label.group(1))):
            yield 1.5, f"a label ('{label.group(1)}:')"
        if _ARROW.search(original):
            yield 1.5, "an arrow"
        elif not ends_sentence(text):
            yield 1.0, "no sentence end"
        if len(words) <= SHORT_WORDS and not ends_sentence(text):
            yield 0.5, ""
        if not ends_sentence(text):
            big = [w for w in words if w.lower() not in _SMALL]
            if len(big) >= 2 and not text.isupper() and sum(1 for w in big if w[0].isupper()) >= 0.75 * len(big):
                yield 1.0, "title case"
        if _SEPARATOR.search(text):
            yield 1.5, "items split by separators"
        if _LINK.search(text):
            yield 2.0, "a link or handle"
        elif _DOMAIN.search(text):
            yield 1.0, "a web address"
        if _SYMBOL.search(text):
            yield 2.5, "a copyright sign"
        if any((m.group(1) or m.group(2)).lower() in self.counted for m in _COUNT.finditer(text)):
            yield 2.0, "a count"
        credit = _CREDIT.match(text)
        if credit and self.words.get(self._lookup(credit.group(1).lower())) in ("credits", "bylines"):
            yield 2.0, "the shape of a credit"
        if (_BYLINE.search(text) and len(words) <= 20) or _CONTRIBUTED.search(text) \
                or (_BY_CHAIN.match(text) and len(words) <= 12):
            yield 2.5, "the shape of a byline"
        if _SIGNATURE.match(original) and len(words) <= 4:
            yield 3.0, "a signature"
        if _YEAR.search(text) and not ends_sentence(text) and len(words) <= 8:
            yield 1.0, "a year"
        if len(_SEPARATOR.findall(text)) >= 2:
            yield 1.0, ""

    def _imperative(self, words, lower) -> bool:
        """True if the text starts like a call to action: "Share this", "Please sign up", "Don't miss"."""
        if not words:
            return False
        start = 1 if lower[0] in _OPENERS and len(lower) > 1 else 0
        if start == 1 and lower[0] in ("click", "tap"):
            return True
        if not words[start][0].isupper() and start == 0:
            return False
        if lower[start] not in self.actions:
            return False
        if start + 1 >= len(words):
            return True
        following = words[start + 1]
        capitalised = following[0].isupper() and not following.isupper()
        return (following.lower() in _CTA_NEXT or capitalised or self._lookup(following.lower()) is not None
                or not _SECOND_PERSON.isdisjoint(lower[start + 1:]))

    def _against(self, text, lower) -> float:
        """Evidence that ``text`` is a sentence of the story."""
        against = 0.0
        if any(q in text for q in _QUOTES) or text[:1] in "'\u2018":
            against += 2.0
        if self.prose.intersection(lower):
            against += 2.0
        if len(lower) > 15:
            against += 1.0
        return against

    # -- finding furniture in a document --------------------------------------------

    def segments(self, doc, field) -> list[Segment]:
        """The furniture B003 finds at the tail and head of ``field``, tail first; found once per field."""
        return field.memo("boilerplate.furniture", lambda: self._find_segments(doc, field))

    def article_spans(self, doc, field, spans) -> list[tuple[int, int]]:
        """``(start, end)`` of each of ``spans`` cut to the article, without B001's and B003's furniture."""
        segments = self.segments(doc, field)
        spans = self.known.article_spans(doc, field, spans)
        return cut_to_article(field.text, segments, spans)

    def _find_segments(self, doc, field) -> list[Segment]:
        paragraphs = [p for p in doc.paragraphs if p.field is field]
        if not paragraphs:
            return []
        text = field.text
        known = self.known.segments(doc, field)
        stop = min((s.cut_start for s in known if s.place != "head"), default=len(text))
        floor = paragraphs[0].start + 1

        def whole(start, end):
            if not _own_line(text, start):
                return None
            return self.assess(text[start:end], "tail", ends_sentence(text[max(floor, start - 16):start]))

        def suffix(start, end):
            return self._glued(text, start, end) if self.opts.glued else None

        tail = tail_segments(text, stop, floor, whole, suffix)
        limit = tail[-1].start if tail else stop
        return tail + self._head_segments(doc, field, known, limit)

    def _glued(self, text, start, stop):
        """``(start, reasons)`` of the furniture sentences that end ``text[start:stop]``, or ``None``."""
        found = None
        for count, begin in enumerate(sentence_starts(text, start, stop, MAX_GLUED_CHARS)):
            end = found[0] if found else stop
            why = self.assess(text[begin:end], "glued", True)
            if why is None or count >= MAX_GLUED_SENTENCES:
                break
            found = (begin, why if found is None else found[1])
        return found

    def _head_segments(self, doc, field, known, limit) -> list[Segment]:
        """Furniture paragraphs of one line between the headline and the body, with one paragraph left after."""
        after = max((s.cut_end for s in known if s.place == "head"), default=0)
        spans = sorted((s for s in doc.headlines[1:] + doc.paragraphs if s.field is field and s.start >= after),
                       key=lambda s: s.start)
        found = []
        for span, following in itertools.pairwise(spans):
            if following.start >= limit or "\n" in span.text:
                break
            why = self.assess(span.text, "head")
            if why is None:
                break
            found.append(Segment(span.start, span.end, span.start, following.start, "head", why))
        return found

    # -- reporting --------------------------------------------------------------------

    def check(self, doc):
        field = doc.body
        if field is None or not field.text.strip():
            return
        for segment in self.segments(doc, field):
            where = _PLACES[segment.place].format(quote(field.text[segment.start:segment.end]))
            yield self.finding(field, segment.start, segment.end, f"{where} ({segment.why}); remove it",
                               fix=Fix(segment.cut_start, segment.cut_end, "", safe=False))
