import re

import regex

from corpuslint.rule import DocumentRule
from corpuslint.text import SENTENCE_BREAK, quote

from .helpers import load_data

_ELLIPSIS = re.compile(r"(?:\.{3,}|\u2026|[\[(](?:\.{3}|\u2026)[\])])[\"'\u2019\u201d)\]]*$")
#: Closing quotes and brackets, Latin and CJK (「」『』（）).
_CLOSERS = "\"'\u2019\u201d)]\u300d\u300f\uff09"
#: Sentence punctuation at the end, Latin or CJK ("。", "！", "？"), before any closing quotes.
_SENTENCE_END = re.compile(f"[.!?\u2026\u3002\uff01\uff1f][{re.escape(_CLOSERS)}]*$")
#: A comma or semicolon, Latin or CJK, after which the sentence must go on.
_CONTINUING = ",;\uff0c\uff1b\u3001"
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_BULLET = re.compile(r"[-*\u2022\u2013\u2014>]\s")
_TRAILER = r"(?:\.{2,}|\u2026|\^M)?"
#: How many closing characters are searched for sentence punctuation and closing quotes.
_ENDING_CHARS = 16
#: A paragraph without a full stop is taken for prose (not a credit, caption or list) from this many words.
MIN_PROSE_WORDS = 30
#: A last sentence shorter than this ("LOL") is not judged without punctuation ...
MIN_SENTENCE_WORDS = 3
#: ... unless it stops at a lower-case word ("Her lawyer"), which a sentence goes on after.
MIN_OPEN_SENTENCE_WORDS = 2
#: A last sentence without a full stop that has this much of the look of furniture (B003's evidence) is
#: furniture B003 did not quite report ("Most read"), not a cut-off sentence.
FURNITURE_DOUBT = 2.5
#: A last sentence with at least this share of capitalised words is a list of names or a caption.
MAX_CAPITALISED = 0.6
#: Closing sign-offs stripped before the last paragraph is checked.
MAX_SIGN_OFFS = 2


class TruncatedText(DocumentRule):
    """Text cut off mid-sentence: the last paragraph stops without its end, or ends with "...".

    Why it matters: a scraper or an export limit cut the article short. The
    end of the story is missing, and the last sentence is a fragment that
    misleads readers, summaries and models.

    The last paragraph is checked after any site furniture B001 or B003
    reports (a share line, a newsletter plug, a picture credit glued to the
    last sentence: "... on Monday. Featured image via Example Pix") and
    after a sign-off (``Reuter``, ``(Reporting by ...)``, a correction
    note), on its own line or glued to the last sentence. It is reported when
    it ends with a comma, semicolon, colon (what it introduces is missing)
    or a word that cannot end a sentence ("the", "of", "and"), or with a wire
    mark saying the story goes on elsewhere (``MORE``, ``INTERRUPTED``). It
    is reported as possibly cut off when it ends with an ellipsis (``...``,
    ``…``, ``[…]``: a writer may trail off on purpose), or without any final
    punctuation when it is prose: two sentences or more, or at least 30 words,
    whose last sentence has three words or more, no colon, few digits and
    mostly lower-case words (not a credit line, caption, line-up or table);
    a last sentence that stops at a lower-case word ("... Her lawyer") is
    prose whatever its capitals. A last sentence without a full stop that has
    much of the look of furniture (B003's evidence, short of reporting it:
    "Most read in sport") is not called truncated.
    Chinese and Japanese punctuation counts as its Latin equivalent: "。",
    "！" and "？" end a sentence, "，", "；" and "、" do not.

    Example::

        Pier fire

        The fire started at dawn and spread along the pier.

        The council said the ferry would return once the pier was repaired,

    reports that the last paragraph stops at a ','. The lists are
    ``endings.yaml`` next to this module.

    Fix: restore the full text from the source, or drop the document.
    """

    code = "Q003"
    name = "truncated-text"
    severity = "warning"
    requires = ("B003",)

    def setup(self):
        data = load_data("endings.yaml")

        def whole(key):
            body = "|".join(f"(?:{p})" for p in data[key])
            return regex.compile(rf"\s*(?:{body}){_TRAILER}\s*", regex.IGNORECASE | regex.VERSION1)

        self.sign_off = whole("sign-offs")
        self.cut_mark = whole("cut-marks")
        self.stop_words = frozenset(data["stop-words"])
        self.furniture = self.peer("B003")

    def check(self, doc):
        field = doc.body
        paragraphs = [(p.start, p.end) for p in doc.paragraphs if p.field is field]
        if not paragraphs:
            return
        text = field.text
        paragraphs = self.furniture.article_spans(doc, field, paragraphs)
        for _ in range(MAX_SIGN_OFFS):
            if paragraphs and self.sign_off.fullmatch(text, *paragraphs[-1]):
                paragraphs.pop()
        if not paragraphs:
            return
        paragraphs[-1] = self._without_glued_sign_off(text, *paragraphs[-1])
        start, end = paragraphs[-1]
        previous = paragraphs[-2] if len(paragraphs) > 1 else None
        if self.cut_mark.fullmatch(text, start, end):
            yield self.finding(field, start, end, f"the text ends with the wire mark {quote(text[start:end])}: the "
                                                  "rest of the story is missing; join the parts or drop the "
                                                  "document")
            return
        problem, certain = self._ending_problem(text, start, end)
        if problem and not certain and self._looks_like_furniture(text, start, end):
            return
        if problem and _punctuated(text, start, end, previous):
            word_start, _ = _last_word(text, start, end)
            advice = "the text was probably cut off; restore the full text or drop the document" if certain \
                else "the end may be missing; compare with the source"
            yield self.finding(field, word_start, end,
                               f"the last paragraph {problem} ({quote(_tail(text, start, end))}): {advice}")

    def _without_glued_sign_off(self, text, start, end):
        """``(start, end)`` without a sign-off sentence at its end ("...in 1986. REUTER")."""
        for m in SENTENCE_BREAK.finditer(text, max(start, end - 250), end):
            if self.sign_off.fullmatch(text, m.end(), end):
                return start, m.start() + len(m.group().rstrip())
        return start, end

    def _ending_problem(self, text, start, end):
        """``(what is wrong, whether it is certain)`` about how ``text[start:end]`` ends; ``(None, False)`` if fine."""
        tail_start = max(start, end - _ENDING_CHARS)
        if _ELLIPSIS.search(text, tail_start, end):
            if _table_like(text[start:end]):
                return None, False
            return "ends with an ellipsis, as scraped excerpts do", False
        if _SENTENCE_END.search(text, tail_start, end) or _table_like(text[start:end]):
            return None, False
        last = text[tail_start:end].rstrip(_CLOSERS)[-1:]
        if last and last in _CONTINUING:
            return f"stops at a '{last}'", True
        if last and last in ":\uff1a":
            return f"ends with '{last}' but what it introduces is missing", True
        _, word = _last_word(text, start, end)
        if word.islower() and word in self.stop_words:
            return f"stops mid-sentence at '{word}'", True
        if self._is_prose(text, start, end):
            return "ends without a full stop", False
        return None, False

    def _looks_like_furniture(self, text, start, end) -> bool:
        """True if the last sentence of ``text[start:end]`` has some of the look of furniture."""
        breaks = list(SENTENCE_BREAK.finditer(text, max(start, end - 250), end))
        sentence_start = breaks[-1].end() if breaks else start
        score, _ = self.furniture.evidence(text[sentence_start:end], bool(breaks))
        return score >= FURNITURE_DOUBT

    def _is_prose(self, text, start, end) -> bool:
        """True for running text; False for a credit line, caption, list or table row.

        A last sentence that stops at a lower-case word ("... Her lawyer",
        "About 120,000 people") is prose however many names it has: a list of
        names or a caption ends with a name or a figure.
        """
        if _BULLET.match(text, start, end):
            return False
        breaks = list(SENTENCE_BREAK.finditer(text, start, end))
        if not breaks and len(text[start:end].split()) < MIN_PROSE_WORDS:
            return False
        sentence = text[breaks[-1].end() if breaks else start:end]
        words = sentence.split()
        open_end = bool(words) and len(words[-1]) > 1 and words[-1].isalpha() and words[-1].islower()
        fewest = MIN_OPEN_SENTENCE_WORDS if open_end else MIN_SENTENCE_WORDS
        if len(words) < fewest or ":" in sentence or _table_like(sentence, 1 if open_end else 2):
            return False
        capitalised = sum(1 for w in words if w[0].isupper())
        return open_end or capitalised < MAX_CAPITALISED * len(words)


def _punctuated(text: str, start: int, end: int, previous) -> bool:
    """True if the document ends its paragraphs with punctuation, so a missing end means something.

    Judged on the paragraph before the last one, or, in a one-paragraph text,
    on a sentence end inside it; tables and price lists ("Cod 12.40 14.10
    under") have none.
    """
    if previous is not None:
        return bool(_SENTENCE_END.search(text, max(previous[0], previous[1] - _ENDING_CHARS), previous[1]))
    return bool(SENTENCE_BREAK.search(text, start, end))


def _last_word(text: str, start: int, end: int) -> tuple[int, str]:
    """``(offset, word)`` of the last whitespace-separated word of ``text[start:end]``.

    Split off from the end: a regex search for ``\\S+\\s*$`` takes quadratic
    time on a long run without spaces (Chinese, Japanese) that is not last.
    """
    snippet = text[start:end].rstrip()
    word = snippet.rsplit(None, 1)[-1]
    return start + len(snippet) - len(word), word


def _table_like(snippet: str, ratio: int = 2) -> bool:
    """True for a table row or a shouted heading: fewer than ``ratio`` letters a digit, or no lower case."""
    letters = len(snippet) - len(_LETTERS.sub("", snippet))
    digits = len(snippet) - len(_DIGITS.sub("", snippet))
    return letters < ratio * digits or snippet.isupper()


def _tail(text: str, start: int, end: int, limit: int = 40) -> str:
    """The last words of ``text[start:end]``, led by an ellipsis when shortened."""
    if end - start <= limit:
        return text[start:end]
    cut = text.find(" ", end - limit, end)
    return "\u2026" + text[(cut + 1 if cut != -1 else end - limit):end]
