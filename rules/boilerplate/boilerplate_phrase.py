import regex

from corpuslint.finding import Fix
from corpuslint.text import SENTENCE_BREAK, quote
from corpuslint.vocabulary import REGEX_TIMEOUT, ExistenceRule

from .helpers import Segment, cut_to_article, line_rest, lstrip, next_content, rstrip

#: Punctuation and arrows allowed after any entry ("Read more »", "Latest News:").
_TRAIL = r"[\s.!:;|\u00bb>\u2026\u2192-]*"
#: A glued boilerplate run is looked for in the last this many characters of a paragraph.
MAX_GLUED_CHARS = 300
#: Headline and metadata lines that may precede head boilerplate.
MAX_HEAD_LINES = 4


class BoilerplatePhrase(ExistenceRule):
    """Site furniture ("Latest News", "Read more", "All rights reserved") at the start or end of an article.

    Why it matters: scrapers keep the labels, links and notices that surround
    an article on its web page. They are not the article's text: they skew
    word counts and language models, make unrelated articles look alike, and
    end up quoted in summaries.

    Only the head and the tail of a document are searched: the last lines (a
    line of its own, or sentences glued to the end of the last paragraph) and
    the first lines (before the body, after any headline and metadata lines).
    In the middle of an article the same words may be real text.

    Example::

        Ferry returns

        The ferry will run again on Monday. Brief News from Harbour Daily.

    reports ``'Brief News from Harbour Daily.'`` glued to the end of the last
    paragraph. The list is ``boilerplate.yaml`` next to this module:
    ``tokens`` (phrases) and ``patterns`` (regular expressions), each matching
    a whole line or a whole run of trailing sentences. Its patterns are
    written so that no real sentence matches them (the fix deletes what
    matches): "Join us on Saturday at the quay" and "(c) review the timetable"
    are text, "Join us on Facebook" and "(c) 2021 Harbour Daily" are not. Add
    your own in a vocabulary file with ``extends: boilerplate-phrase``. A
    pattern that takes over a second on one document is reported once (F900,
    naming the pattern) and skipped from then on in that process: the
    documents that process checks later are checked without it.

    Fix (safe): the boilerplate is removed with the whitespace that joined it
    to the text (a line of its own goes with the blank lines before it). The
    file keeps its final-newline state (W003 reports a missing one).
    """

    code = "B001"
    name = "boilerplate-phrase"
    severity = "warning"
    fix = "safe"
    vocabulary = "boilerplate.yaml"

    def setup(self):
        self.entries = [_token_pattern(t) for t in self.vocab.tokens] + list(self.vocab.patterns)
        self.broken = set()
        self.matcher = self._compile(self.entries)

    def _compile(self, entries):
        flags = regex.VERSION1 | (regex.IGNORECASE if self.use_ignorecase else 0)
        body = "|".join(f"(?:{entry})" for entry in entries if entry not in self.broken)
        return regex.compile(f"(?:{body}){_TRAIL}", flags) if body else None

    # -- finding boilerplate ------------------------------------------------------

    def segments(self, doc, field) -> list[Segment]:
        """The boilerplate at the tail and at the head of ``field``, tail first; found once per field."""
        return field.memo("boilerplate.segments", lambda: self._find_segments(doc, field))

    def article_spans(self, doc, field, spans) -> list[tuple[int, int]]:
        """``(start, end)`` of each of ``spans`` cut to the text between head and tail furniture.

        Ends are moved back over whitespace; spans left empty are dropped.
        B002 and Q003 read the article without what this rule reports.
        """
        segments = self.segments(doc, field)
        return cut_to_article(field.text, segments, spans)

    def _find_segments(self, doc, field) -> list[Segment]:
        tail = self._tail_segments(field.text)
        limit = tail[-1].start if tail else len(field.text)
        return tail + self._head_segments(doc, field, limit)

    def _tail_segments(self, text: str) -> list[Segment]:
        """Boilerplate lines and glued sentences at the end of ``text``, last first."""
        found = []
        stop = rstrip(text, 0, len(text))
        while stop > 0:
            line_start = text.rfind("\n", 0, stop) + 1
            content_start = lstrip(text, line_start, stop)
            start = self._boilerplate_suffix(text, content_start, stop)
            if start is None:
                break
            before = rstrip(text, 0, start)
            if start > content_start:
                found.append(Segment(start, stop, before, line_rest(text, stop), "glued"))
            else:
                cut_start = line_rest(text, before) if before else start
                found.append(Segment(start, stop, cut_start, line_rest(text, stop), "tail"))
            stop = before
        return found

    def _head_segments(self, doc, field, limit: int) -> list[Segment]:
        """Boilerplate lines before the body (after any headline or metadata lines)."""
        text = field.text
        found = []
        skippable = {span.start for span in doc.headlines + doc.metadata if span.field is field}
        skipped = 0
        pos = next_content(text, 0, limit)
        while pos < limit:
            end = text.find("\n", pos, limit)
            end = limit if end == -1 else end
            stop = rstrip(text, pos, end)
            following = next_content(text, end, limit)
            if self._matches(text, pos, stop):
                found.append(Segment(pos, stop, pos, following, "head"))
            elif skipped < MAX_HEAD_LINES and any(pos <= s < stop for s in skippable):
                skipped += 1
            else:
                break
            pos = following
        return found

    def _boilerplate_suffix(self, text, content_start, stop):
        """The earliest start of a boilerplate run that ends the line ``text[content_start:stop]``."""
        if self._matches(text, content_start, stop):
            return content_start
        window = max(content_start, stop - MAX_GLUED_CHARS)
        for m in SENTENCE_BREAK.finditer(text, window, stop):
            if self._matches(text, m.end(), stop):
                return m.end()
        return None

    def _matches(self, text, start, stop) -> bool:
        if self.matcher is None or start >= stop:
            return False
        try:
            return self.matcher.fullmatch(text, start, stop, timeout=REGEX_TIMEOUT) is not None
        except TimeoutError:
            slow = [e for e in self.entries if e not in self.broken and _too_slow(e, text, start, stop,
                                                                                   self.use_ignorecase)]
            self.broken.update(slow or self.entries)
            self.matcher = self._compile(self.entries)
            raise RuntimeError(f"boilerplate pattern {', '.join(map(repr, slow)) or '(all)'} from "
                               f"{self.vocab.path} or its extensions took over {REGEX_TIMEOUT:g}s on this "
                               "document; this process skips it from now on: simplify it (no nested "
                               "repeats such as '(a+)+')") from None

    # -- reporting ----------------------------------------------------------------

    def check(self, doc):
        field = doc.body
        if field is None or not field.text.strip():
            return
        for segment in self.segments(doc, field):
            snippet = quote(field.text[segment.start:segment.end])
            message = {
                "tail": f"site furniture {snippet} ends the document; remove it",
                "glued": f"site furniture {snippet} is glued to the end of the last paragraph; remove it",
                "head": f"site furniture {snippet} at the start of the document; remove it",
            }[segment.place]
            yield self.finding(field, segment.start, segment.end, message,
                               fix=Fix(segment.cut_start, segment.cut_end, ""))


def _token_pattern(token: str) -> str:
    return r"\s+".join(regex.escape(word) for word in token.split())


def _too_slow(entry, text, start, stop, ignorecase) -> bool:
    pattern = regex.compile(f"(?:{entry}){_TRAIL}", regex.VERSION1 | (regex.IGNORECASE if ignorecase else 0))
    try:
        pattern.fullmatch(text, start, stop, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return True
    return False
