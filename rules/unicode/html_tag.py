import bisect
import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

#: A tag, a doctype, or the start of a comment (its end is looked up: see ``HtmlTag.tags``).
TAG = re.compile(
    r"<!--|<!doctype\s[^<>]{0,200}>"
    r"|<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9]*)?)"
    r"(?P<attrs>(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]{0,2000}\"|'[^']{0,2000}'|[^\s\"'=<>`]+))?){0,50})"
    r"\s*(?P<selfclose>/)?>",
    re.IGNORECASE)
#: The longest comment reported, in characters between ``<!--`` and ``-->``.
MAX_COMMENT = 4000
ATTRIBUTE = re.compile(r"\s+([^\s\"'<>/=]+)(\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")

HTML_TAGS = frozenset("""
a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body
br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir
div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6
head header hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee
menu meta meter nav nobr noscript object ol optgroup option output p param picture pre progress q
rp rt ruby s samp script section select small source span strike strong style sub summary sup svg
table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr o:p
""".split())
#: Attributes written without a value; any other bare word means this is not a tag
#: (Reuters writes company names as <Quayside Leisure Inc>).
BOOLEAN_ATTRIBUTES = frozenset("""
allowfullscreen async autofocus autoplay checked controls default defer disabled formnovalidate
hidden ismap itemscope loop multiple muted nomodule novalidate nowrap open playsinline readonly
required reversed selected
""".split())
#: Tags a page often leaves behind on their own, written in lower case.
STANDALONE = frozenset({"br", "p", "hr", "wbr"})
#: Tags that break the line: removing them between two words leaves a space.
BREAKING = frozenset("""
address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header
hr li main nav ol p pre section table tbody td tfoot th thead tr ul
""".split())
#: Elements whose content is code, not text: reported and removed whole.
CODE_ELEMENTS = frozenset({"script", "style"})
CLOSING_TAGS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in CODE_ELEMENTS}


class HtmlTag(DocumentRule):
    """HTML markup left in the text (``<p>``, ``</div>``, ``<br/>``, ``<a href="...">``, ``<script>``).

    Why it matters: the article was scraped without stripping its markup.
    Tags break sentences and word counts, leak layout and scripts into the
    text, and teach models HTML instead of news.

    Only known HTML tag names are reported, and a tag without attributes must
    be backed up: it is reported when the same field has other unmistakable
    markup (a closing tag, an attribute with a value, ``<br/>``, a comment),
    or when it is a lower-case ``<br>``, ``<p>``, ``<hr>`` or ``<wbr>``. So
    Reuters' company names and tickers (``<KELLAN FERRY CO>``, ``<DD>``,
    ``<Quayside Leisure Inc>``) and comparisons (``a < b > c``) are not
    markup. Tags separated only by white space are one finding; a
    ``<script>`` or ``<style>`` element is reported whole, with its code.

    Example::

        <p>The ferry to Kellan Island resumes on Monday.</p>

    Fix (unsafe): the tags are removed (a line-breaking tag between two words
    becomes a space), and script and style elements with their content.
    """

    code = "U003"
    name = "html-tag"
    severity = "warning"
    fix = "unsafe"

    def check(self, doc):
        for field in doc.prose:
            if "<" not in field.text:
                continue
            tags = list(self.tags(field.text))
            if not any(definite for _, _, _, definite in tags):
                continue
            for group in group_adjacent(field.text, tags):
                yield self.report(field, group)

    def tags(self, text):
        """``(start, end, name, definite)`` for each HTML tag, comment or code element.

        A comment ends at the first ``-->`` after it, if that is at most
        ``MAX_COMMENT`` characters on. The ends are found once for the whole
        text and looked up, so a run of unclosed ``<!--`` is not searched to
        its end from each of them.
        """
        pos = 0
        comment_ends = None
        while True:
            m = TAG.search(text, pos)
            if m is None:
                return
            pos = m.end()
            name = m.group("name")
            if name is None and m.group() == "<!--":
                if comment_ends is None:
                    comment_ends = _occurrences(text, "-->")
                i = bisect.bisect_left(comment_ends, pos)
                if i == len(comment_ends) or comment_ends[i] - pos > MAX_COMMENT:
                    pos = m.start() + 1  # not a comment: other tags may start inside it
                    continue
                pos = comment_ends[i] + 3
                yield m.start(), pos, "!--", True
                continue
            if name is None:
                yield m.start(), m.end(), "!doctype", True
                continue
            name = name.lower()
            attributes = m.group("attrs")
            if name not in HTML_TAGS or (m.group("close") and attributes.strip()):
                continue
            parsed = ATTRIBUTE.findall(attributes)
            if any(not value and attr.lower() not in BOOLEAN_ATTRIBUTES for attr, value in parsed):
                continue  # a bare word that is no boolean attribute: not a tag
            has_value = any(value for _, value in parsed)
            definite = bool(m.group("close") or m.group("selfclose") or has_value
                            or (name in STANDALONE and m.group("name").islower() and not attributes))
            end = m.end()
            if name in CODE_ELEMENTS and not m.group("close"):
                closing = CLOSING_TAGS[name].search(text, end)
                if closing:
                    end = pos = closing.end()
                    definite = True
            yield m.start(), end, name, definite

    def report(self, field, group):
        text = field.text
        start, end = group[0][0], group[-1][1]
        shown = [quote(text[s:e], 30) for s, e, _, _ in group[:3]]
        more = f" and {len(group) - 3} more" if len(group) > 3 else ""
        names = {name for _, _, name, _ in group}
        code = sorted(names & CODE_ELEMENTS)
        if code:
            message = f"HTML {' and '.join(code)} element left in text (code, not article text); remove it"
        else:
            noun = "HTML tag" if len(group) == 1 else "HTML tags"
            message = f"{noun} {', '.join(shown)}{more} left in text; remove the markup"
        between_words = start > 0 and end < len(text) and not text[start - 1].isspace() \
            and not text[end].isspace()
        replacement = " " if between_words and names & BREAKING else ""
        return self.finding(field, start, end, message, fix=Fix(start, end, replacement, safe=False))


def _occurrences(text, needle):
    """Every index where ``needle`` occurs in ``text``, in order."""
    found = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def group_adjacent(text, tags):
    """Tags separated only by white space, as lists of ``(start, end, name, definite)``."""
    groups = []
    for tag in tags:
        if groups and not text[groups[-1][-1][1]:tag[0]].strip():
            groups[-1].append(tag)
        else:
            groups.append([tag])
    return groups
