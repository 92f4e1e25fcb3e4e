import bisect
import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule
from corpuslint.text import quote

#: A tag, a doctype, or the start of a comment (its end is looked up: see ``HtmlTag.tags``).
TAG = re.compile(
    r"<!--|<!doctype\s[^<>]{0,200}>|<\?xml\s[^<>]{0,200}\?>"
    r"|<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]*(?:[-:][A-Za-z][A-Za-z0-9]*)*)"
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
#: A CMS shortcode: ``[name ...]`` or ``[/name]`` (its tokens are looked at by ``shortcodes``).
SHORTCODE = re.compile(r"\[(?P<close>/)?(?P<name>[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*)"
                       r"(?P<attrs>(?:\s+[^\s\[\]]+){0,30})\s*/?\]")
SHORTCODE_ATTRIBUTE = re.compile(r"\s[a-z][\w-]*=[\"']")
#: The longest lower-case word in angle brackets that may be a ticker (Reuters writes ``<crzy>``, ``<em>``).
MAX_TICKER = 4
OPENING_QUOTES = frozenset("\"'\u201c\u2018\u00ab")
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
            if "<" not in field.text and not shortcode_gate(field.text):
                continue
            tags = list(self.markup(field.text))
            if not any(definite for _, _, _, definite in tags):
                continue
            for group in group_adjacent(field.text, tags):
                yield self.report(field, group)

    def markup(self, text):
        """The HTML tags and the CMS shortcodes of ``text``, in order (see ``tags``)."""
        tags = self.tags(text) if "<" in text else ()
        if not shortcode_gate(text):
            yield from tags
            return
        end = 0
        for item in sorted([*tags, *shortcodes(text)]):
            if item[0] >= end:  # not inside the previous one (a tag in a shortcode's attribute)
                end = item[1]
                yield item

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
                yield m.start(), m.end(), "!doctype" if m.group()[1] == "!" else "?xml", True
                continue
            definite = classify(text, m)
            if definite is None:
                continue
            name = name.lower()
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
            message = f"{noun(names, len(group))} {', '.join(shown)}{more} left in text; remove the markup"
        between_words = start > 0 and end < len(text) and not text[start - 1].isspace() \
            and not text[end].isspace()
        breaking = names & BREAKING or any(name.startswith("[") for name in names)
        replacement = " " if between_words and breaking else ""
        return self.finding(field, start, end, message, fix=Fix(start, end, replacement, safe=False))


def classify(text, m):
    """Whether the ``TAG`` match ``m`` is markup: ``True`` (unmistakable), ``False`` (only
    with other markup in the field) or ``None`` (not markup).

    A name is markup when it is an HTML element, or a custom element or a namespaced
    one written in lower case (``<amp-img>``, ``<fb:like>``, ``<o:p>``), or when the tag
    has an attribute with a value (``<widget data-id="3">``). Without a value, a bare
    word that is no boolean attribute means a Reuters company name, not a tag. An
    attribute with a value, a closing or self-closing tag, or a custom element is
    unmistakable; so is a lower-case element written as no ticker is: glued to the
    word after or before it (``<section>The``), or a name longer than tickers run or
    with a digit (``<figure>``, ``<h2>``), or a standalone ``<br>``, ``<p>``, ``<hr>``.
    """
    written, attributes = m.group("name"), m.group("attrs")
    name = written.lower()
    if m.group("close") and attributes.strip():
        return None
    parsed = ATTRIBUTE.findall(attributes)
    has_value = any(value for _, value in parsed)
    if not has_value and any(attr.lower() not in BOOLEAN_ATTRIBUTES for attr, _ in parsed):
        return None  # a bare word that is no boolean attribute: not a tag
    custom = written.islower() and ("-" in name or ":" in name)
    if name not in HTML_TAGS and not custom and not has_value:
        return None
    if m.group("close") or m.group("selfclose") or has_value or custom:
        return True
    if not written.islower() or attributes:
        return False
    return name in STANDALONE or len(name) > MAX_TICKER or not name.isalpha() \
        or _glued(text, m.start(), m.end())


def _glued(text, start, end):
    """True when a tag touches a word: a capital, two letters or digits, or an opening quote
    right after it, or two letters or digits right before it (``a<b>c`` in a formula is not glued)."""
    after, before = text[end:end + 2], text[max(0, start - 2):start]
    return (len(after) == 2 and after.isalnum()) or after[:1].isupper() or after[:1] in OPENING_QUOTES \
        or (len(before) == 2 and before.isalnum())


def shortcode_gate(text):
    """True when ``text`` may hold a shortcode ``shortcodes`` reports: a closing one or an attribute."""
    return "[/" in text or "=\"" in text or "='" in text


def shortcodes(text):
    """``(start, end, "[name", True)`` for each CMS shortcode (WordPress ``[caption id="1"]``, ``[/embed]``).

    Square brackets are also an editor's insertion (``[sic]``, ``[the minister]``): a
    shortcode is a closing ``[/name]``, an opening one with a ``key="value"`` attribute,
    or a bare ``[name]`` whose ``[/name]`` the text also has.
    """
    for m in SHORTCODE.finditer(text):
        name, attributes = m.group("name"), m.group("attrs")
        if m.group("close"):
            unmistakable = not attributes
        elif attributes:
            unmistakable = bool(SHORTCODE_ATTRIBUTE.search(attributes))
        else:
            unmistakable = "_" in name or f"[/{name}]" in text
        if unmistakable:
            yield m.start(), m.end(), "[" + name, True


def noun(names, count):
    """What a group of tags and shortcodes is called in a message."""
    shortcode = {name.startswith("[") for name in names}
    if len(shortcode) == 2:
        return "markup"
    what = "CMS shortcode" if shortcode == {True} else "HTML tag"
    return what if count == 1 else what + "s"


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
