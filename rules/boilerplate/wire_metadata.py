import re

from corpuslint.finding import Fix
from corpuslint.rule import DocumentRule, Option
from corpuslint.text import quote
from corpuslint.vocabulary import english_frequencies

_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
_UPPER_WORD = r"[A-Z][A-Z.'\u2019-]*"
#: A short name in parentheses: ``(Reuters)``, ``(AP)``, ``(dpa)``, ``(Agence France-Presse)``.
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z .&'/-]{0,28}[A-Za-z.])\)"
_DASH = r"(?:(?:\s+|(?<=\))\s*)(?:-{1,2}|\u2013|\u2014)(?=\s)|(?<=\)):(?=\s))[ \t]*"
#: ``WASHINGTON (Reuters) -``, ``ERIE, Pa. --``, ``LONDON, March 3 (AFP) \u2014``, ``TOKYO/SEOUL -``.
_UPPER_DATELINE = re.compile(
    rf"(?P<place>{_UPPER_WORD}(?:(?: | ?/ ?){_UPPER_WORD}){{0,3}})"
    r"(?P<region>,\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)??"
    rf"(?:,\s*(?P<date>{_DATE}))?\s*(?:{_AGENCY})?{_DASH}")
#: ``Washington (Reuters) -``, ``London, March 3 -``: a place in title case needs an agency or a date.
_TITLE_DATELINE = re.compile(
    r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    rf"(?:,\s*(?P<date>{_DATE}))?\s*(?:{_AGENCY})?{_DASH}")
#: A place in capitals or in title case, as a dateline with no dash writes it.
_PLACE = rf"(?P<place>{_UPPER_WORD}(?: {_UPPER_WORD}){{0,3}}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}})"
#: ``MUMBAI: (Xinhua) The ...``: a place, a colon and a name in parentheses, then the text.
_COLON_DATELINE = re.compile(
    rf"{_PLACE}:[ \t]*{_AGENCY}"
    rf"(?:{_DASH}|[ \t]+(?=\S))")
#: ``Dublin | Nordwire | The ...``: a place (and a date) and a source set off by pipes.
_PIPE_DATELINE = re.compile(
    rf"{_PLACE}(?:,\s*(?P<date>{_DATE}))?"
    r"[ \t]+\|[ \t]+(?P<agency>[A-Za-z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})[ \t]+\|[ \t]+(?=\S)")
#: How far into a body a dateline with no dash (the two above) may reach.
_NO_DASH_REACH = 100
#: ``Nordwire: Ferry strike ends``: one name and a colon before a title.
_TITLE_PREFIX = re.compile(r"(?P<source>[A-Za-z][\w&'-]*):[ \t]+(?=\S)")
#: ``(Reuters) -`` or ``(CNN)`` at the very start.
_BARE_AGENCY = re.compile(rf"{_AGENCY}(?:{_DASH}|\s*(?=[A-Z\"'\u201c\u2018]))")
#: ``... (AFP)``, ``... [Xinhua]``, ``... | Nordpress``, ``... -- Nordpress wire`` at the end of a title.
_TITLE_TAG = re.compile(
    rf"\s+(?:{_AGENCY}|\[(?P<bracketed>[A-Za-z][A-Za-z .&'/-]{{0,28}}[A-Za-z.])\]"
    r"|(?P<separator>\||-{1,2}|\u2013|\u2014)\s+(?P<source>[A-Za-z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}?)"
    r"(?P<wire> (?i:wire|newswire|news agency|news))?)\s*\Z")
#: A title before a pipe and a source has at least this many words.
_PIPE_TITLE_WORDS = 3
#: Words that end the name of a news agency or wire (``Kellan Wire``, ``Nordic Press``).
_WIRE_WORDS = frozenset(("wire", "newswire", "news", "agency", "press", "service"))
_DATE_AHEAD = re.compile(rf"{_DATE}|{_MONTH}\b")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_ROMAN = re.compile(r"[IVXLC]+")
#: Wire slugs and labels that look like a dateline but name no place
#: (``FILE - In this photo ...``, ``UPDATE -``, ``(VIDEO)``): not reported.
_LABELS = frozenset(
    "FILE UPDATE UPDATED CORRECTION CORRECTED REPEAT RPT EXCLUSIVE ANALYSIS BREAKING WATCH VIDEO VIDEOS PHOTO PHOTOS "
    "PICTURES AUDIO OPINION EDITORIAL COMMENT FACTBOX EXPLAINER INSIGHT FEATURE LIVE NOTE GRAPHIC GRAPHICS "
    "INFOGRAPHIC PODCAST POLL QUIZ REVIEW SATIRE SPONSORED TRANSCRIPT REVISED AMENDED".split())


class WireMetadata(DocumentRule):
    """A wire dateline or agency tag left in the text (``WASHINGTON (Reuters) -``, ``... (AP)``).

    Why it matters: a dateline (``LONDON, March 3 (Reuters) -``) or an
    agency tag (``(CNN)``, ``(AFP)``) is metadata of the wire service, not
    article text. Left at the start of a body or in a title it gives away the
    source to a classifier (a fake/real news model learns "(Reuters)"), joins
    the place name to the first sentence, and makes the same story from two
    agencies look different.

    Found by shape, not by a list of agencies or places:

    - at the start of a body (its first paragraph): a place in capitals (1 to
      4 words, ``TOKYO/SEOUL``, with an optional region ``, Pa.`` or
      ``, West Bank``), an optional date (``, March 3``), an optional short
      name in parentheses (``(Xinhua)``, ``(dpa)``), then a dash (``-``,
      ``--``, ``\u2013``, ``\u2014``, or a colon right after the agency);
      a place in title case (``Washington``) only with an agency or a date;
      or the name in parentheses alone, before a dash or, as CNN writes it,
      right before the text (``(CNN)Officials``; then an acronym or a name
      that is not an English word, as in titles); or, with no dash, a place
      and a colon before the name in parentheses (``MUMBAI: (Xinhua) The``)
      or a place and a source between pipes (``Dublin | Nordwire | The``;
      the source looks like an agency or ends in a wire word such as
      ``Wire`` or ``Press``). The line under the headline is checked too when
      it does not end like a sentence.
      A capitals place with neither agency nor date counts only when prose
      follows the dash (a word in lower case among the next six), so a
      headline repeated in capitals (``FEDERAL RESERVE REPORT - FEB 26``) or
      a table heading (``HARBOUR RATES - Kellan 0.71 0.70 Ostmark``) is not
      a dateline;
    - in a title: the same at its start (with an agency, and a dash rather
      than a colon), or a name at its end, in parentheses or brackets
      (``... (AFP)``, ``... [Xinhua]``), after a pipe (``... | Harbour
      Daily``, after a title of 3 words or more: ``Business | Markets`` is a
      section path) or after a dash when a wire word follows it (``... -- Nordpress
      wire``), or after a plain dash or before a colon at its start
      (``... - Nordwire``, ``Nordwire: ...``) when the story never names it:
      ``Talks fail - Blair`` quotes a speaker the story names, and a story of
      fewer than 40 words says too little to tell; an acronym there counts
      only in a title not in capitals (``... - USDA`` in a wire title in
      capitals cites a source). The name is one of
      ``agencies``, an acronym of 2 to 6 capitals, or a single name that is not
      a common English word (wordfreq's Zipf frequency under 3, once per
      million words: ``Xinhua``,
      ``dpa``, not ``Again``), and neither a roman numeral, nor the initials
      of the words before it (``Commodity Credit Corporation (CCC)``), nor a
      label. An acronym in parentheses that starts with the letter of the
      capitalised name right before it, and has a later letter of that name
      next, is the name's stock ticker or abbreviation, not an agency
      (``STAKE IN HALVERSON (HVN)``, ``Ostrel buys Brannock (BRK)``; but
      ``HARBOUR ACCORD (AKT)`` is a tag).

    Labels that look like a dateline but name no place (``FILE -``,
    ``UPDATE -``, ``(VIDEO)``) are not reported.

    A corpus of wire stories in which every body starts with its dateline
    (the dateline is the house style) can set ``report-body-datelines =
    false``: titles are still checked. A rule that reads one document at a
    time cannot tell that the whole corpus does it.

    Example::

        Ferry strike ends (AFP)

        HARBOURTON, March 3 (Kellan Wire) - Ferry crews voted to return to work.

    Fix (unsafe): the dateline or tag is removed with the spaces after (or
    before) it. For a record, the message says the value belongs in a
    ``dateline`` field: moving it there is left to you.
    """

    code = "B004"
    name = "wire-metadata"
    severity = "warning"
    fix = "unsafe"
    options = {
        "agencies": Option(["Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "UPI", "CNN",
                            "Bloomberg"],
                           "well-known agencies, also reported at the end of a title written in capitals",
                           item=str),
        "report-body-datelines": Option(True, "false for a wire corpus whose bodies all begin with a dateline"),
    }

    def setup(self):
        self.agencies = {name.lower() for name in self.opts.agencies}

    def check(self, doc):
        for span in doc.headlines[:1]:
            yield from self.check_title(doc, span)
        first = _body_start(doc) if self.opts.report_body_datelines else None
        if first is not None:
            found = self.dateline_at(first.field.text, first.start, first.end, in_title=False)
            if found is not None:
                yield self.report(doc, first.field, *found, "starts the body")

    def check_title(self, doc, span):
        text = span.field.text
        found = self.dateline_at(text, span.start, span.end, in_title=True)
        if found is not None:
            yield self.report(doc, span.field, *found, "starts the title")
            return
        prefix = _TITLE_PREFIX.match(text, span.start, span.end)
        if prefix is not None and self.tag_unexplained(doc, span, prefix.group("source")):
            end = prefix.start() + len(prefix.group("source")) + 1
            yield self.finding(span.field, prefix.start(), end,
                               f"agency tag {quote(text[prefix.start():end])} starts the title; remove it "
                               "(the source belongs in metadata, not in the title)",
                               fix=Fix(prefix.start(), prefix.end(), "", safe=False))
            return
        tag = _TITLE_TAG.search(text, span.start, span.end)
        if tag is not None and self.title_tag(doc, span, text[span.start:tag.start()], tag):
            start = tag.start() + len(tag.group()) - len(tag.group().lstrip())
            end = tag.end() - (len(tag.group()) - len(tag.group().rstrip()))
            yield self.finding(span.field, start, end,
                               f"agency tag {quote(text[start:end])} ends the title; remove it "
                               "(the source belongs in metadata, not in the title)",
                               fix=Fix(tag.start(), end, "", safe=False))

    def dateline_at(self, text: str, start: int, end: int, in_title: bool):
        """``(start, end, cut_end)`` of a dateline or agency tag at ``text[start:]``, or None.

        In a title only a dash ends one: "Family Blog (Special Edition): ..." is a title.
        """
        found = self._dateline_at(text, start, end, in_title)
        if found is not None and in_title and text[found[1] - 1] == ":":
            return None
        return found

    def _dateline_at(self, text: str, start: int, end: int, in_title: bool):
        if not text[start:start + 1].isupper() and not text.startswith("(", start):
            return None
        m = _BARE_AGENCY.match(text, start, end)
        if m is not None and self.bare_agency(m):
            return self._span(text, m)
        m = _UPPER_DATELINE.match(text, start, end)
        if m is not None and self.upper_dateline(text, m, end, in_title):
            return self._span(text, m)
        m = _TITLE_DATELINE.match(text, start, end)
        if m is not None and self.title_dateline(m, in_title):
            return self._span(text, m)
        if in_title:
            return None
        near = min(end, start + _NO_DASH_REACH)
        m = None
        if text.find("|", start, near) >= 0:
            m = _PIPE_DATELINE.match(text, start, end)
        elif text.find(":", start, near) >= 0 and text.find("(", start, near) >= 0:
            m = _COLON_DATELINE.match(text, start, end)
        if m is not None and self.not_label(m.group("place")) and self.source_name(m.group("agency"), m.group("place")):
            return self._span(text, m)
        return None

    def title_dateline(self, m: re.Match, in_title: bool) -> bool:
        """A place in title case needs an agency (not the place's initials) or, in a body, a date."""
        agency = m.group("agency")
        if agency is not None:
            return self.agency_name(agency) and not _initials(agency, m.group("place"))
        return m.group("date") is not None and not in_title

    def bare_agency(self, m: re.Match) -> bool:
        agency = m.group("agency")
        if not self.agency_name(agency):
            return False
        if m.group().rstrip().endswith(("-", "\u2013", "\u2014", ":")):
            return True
        return agency.lower() in self.agencies or bool(_ACRONYM.fullmatch(agency)) or _uncommon_name(agency)

    def upper_dateline(self, text: str, m: re.Match, end: int, in_title: bool) -> bool:
        place = m.group("place")
        if sum(c.isalpha() for c in place) < 2 or not self.not_label(place):
            return False
        if m.group("agency") is not None:  # "CREDIT BOARD (CB) -" is a name and its initials
            return self.agency_name(m.group("agency")) and not _initials(m.group("agency"), place)
        if m.group("date") is not None:
            return True
        if in_title:
            return False
        if _DATE_AHEAD.match(text, m.end(), end):  # "NEW ZEALAND EXCHANGES - April 7": a title and its date
            return False
        following = text[m.end():min(end, m.end() + 80)].split()[:6]
        return any(_lower_case_word(word) for word in following)

    def title_tag(self, doc, span, before: str, tag: re.Match) -> bool:
        """True if the tag that ends a title names an agency or a source."""
        source = tag.group("source")
        if source is None:
            if tag.group("bracketed") is not None:
                return self.agency_like(before, tag.group("bracketed"), ticker=False)
            return self.agency_like(before, tag.group("agency"))
        if source.lower() in self.agencies:
            return True
        if tag.group("separator") == "|":  # "Title | Site Name": a pipe in a title sets off the source
            if len(before.split()) < _PIPE_TITLE_WORDS:
                return False  # "Business | Markets": a section path, not a title and its source
            return source[0].isupper() or _uncommon_name(source)
        wire = tag.group("wire")
        if wire is not None and wire.strip().lower() != "news":
            return self.agency_like(before, source, ticker=False)
        # "Talks resume - Blair" quotes a speaker, whom the body names; an agency the body does not name.
        return wire is None and self.tag_unexplained(doc, span, source)

    def tag_unexplained(self, doc, span, name: str) -> bool:
        """True if ``name``, set off at the start or end of a title, is an agency's tag, not a speaker.

        One word that is an acronym (in a title not in capitals, where capitals
        would be any word) or a name that is not a common English word, and that
        a body of 40 words or more never mentions: a speaker quoted in a title
        (``Talks resume - Marr``) or a source cited (``... - USDA``) is named
        in the story; the agency that carried it is not.
        """
        if name.lower() in self.agencies:
            return self._unmentioned(doc, span, name)
        if not self.not_label(name) or _ROMAN.fullmatch(name):
            return False
        if _ACRONYM.fullmatch(name):
            if span.field.text[span.start:span.end].isupper():
                return False
        elif not _uncommon_name(name):
            return False
        return self._unmentioned(doc, span, name)

    @staticmethod
    def _unmentioned(doc, span, name: str) -> bool:
        """True if the body (40 words or more, after the title) never has ``name`` as a word."""
        body = doc.body
        if body is None:
            return False
        start = span.end if body is span.field else 0
        if len(body.text) - start < 200 or len(body.text[start:start + 1000].split()) < 40:
            return False  # too short to tell a speaker the story never names from an agency
        word = re.compile(rf"(?<![\w]){re.escape(name.lower())}(?![\w])")
        return word.search(body.lower, start) is None

    def source_name(self, name: str, place: str) -> bool:
        """True if ``name``, after a place in a dateline with no dash, names an agency: one of
        ``agencies``, a name ending in a wire word (``Kellan Wire``), or one word that looks like an agency."""
        words = name.split()
        if name.lower() in self.agencies:
            return True
        if len(words) > 1:
            return words[-1].lower() in _WIRE_WORDS and all(w[:1].isupper() for w in words)
        return self.agency_like(place, name, ticker=False)

    def agency_like(self, before: str, agency: str, ticker: bool = True) -> bool:
        """True if ``agency``, ending a title after ``before``, looks like the name of an agency.

        One of ``agencies``; or, not a label, not the initials of the words
        before it and not a roman numeral: an acronym of 2 to 6 capitals (in
        parentheses, not a stock ticker of the name before it), or a single name
        that is not a common English word (``Xinhua``, ``dpa``).
        """
        if agency.lower() in self.agencies:
            return True
        if not self.not_label(agency) or _ROMAN.fullmatch(agency) or _initials(agency, before):
            return False
        if _ACRONYM.fullmatch(agency):
            return not (ticker and _ticker(agency, before))
        return _uncommon_name(agency)

    def not_label(self, name: str) -> bool:
        """False for a label (``VIDEO``, ``FILE``): not an agency or a place."""
        return name.strip(" .").upper() not in _LABELS

    def agency_name(self, name: str) -> bool:
        """True unless ``name`` is a label or a phrase in capitals (``(YEN PER KILO)``)."""
        return self.not_label(name) and not (name.isupper() and len(name.split()) > 2)

    @staticmethod
    def _span(text: str, m: re.Match):
        end = m.end()
        while end > m.start() and text[end - 1] in " \t":
            end -= 1
        return m.start(), end, m.end()

    def report(self, doc, field, start, end, cut_end, where):
        dateline = quote(field.text[start:end])
        home = "remove it (its value belongs in the record's dateline field)" if doc.is_record else "remove it"
        return self.finding(field, start, end, f"wire dateline {dateline} {where}; {home}",
                            fix=Fix(start, cut_end, "", safe=False))


def _body_start(doc):
    """The span that starts the body: its first paragraph, or the line under the headline when that
    line does not end like a sentence (the document model counts it as a second headline)."""
    first = doc.paragraphs[0] if doc.paragraphs else None
    if len(doc.headlines) > 1 and (first is None or doc.headlines[1].start < first.start):
        first = doc.headlines[1]
    return first if first is not None and (first.field is doc.body or not doc.is_record) else None


def _uncommon_name(word: str) -> bool:
    """True for one word that is not in capitals and is not a common English word
    (wordfreq's Zipf frequency under 3): ``Xinhua``, ``dpa``, not ``Again``.

    The word list (:func:`corpuslint.vocabulary.english_frequencies`, shared with
    the T rules and kept between runs) is loaded the first time a title or body
    meets a single name in parentheses, in the processes that meet one.
    """
    if not word.isalpha() or word.isupper():
        return False
    return word.lower() not in english_frequencies().common


def _lower_case_word(word: str) -> bool:
    """True for a word of prose in lower case ("voted", "said,"), not a figure or a name."""
    word = word.strip(".,;:!?\"'\u2019\u201d()")
    return word.isalpha() and word.islower()


def _ticker(acronym: str, before: str) -> bool:
    """True if ``acronym`` starts with the letter of the capitalised name just before it and has
    a later letter of it next: the name's stock ticker or abbreviation (``MCDERMOTT (MDR)``,
    ``Westburne (WBI)``, not ``ACCORD (AAP)``)."""
    words = re.findall(r"[^\W\d_][\w'\u2019.&-]*", before)
    if not words or not words[-1][0].isupper() or words[-1][0] != acronym[0]:
        return False
    return acronym[1].lower() in words[-1][1:].lower()


def _initials(acronym: str, before: str) -> bool:
    """True if ``acronym`` abbreviates the words just before it (``Commodity Credit Corporation (CCC)``)."""
    words = [w for w in re.split(r"[\s-]+", before) if w]
    letters = acronym.lower()
    if words and words[-1].lower().startswith(letters):
        return True
    initials = "".join(w[0].lower() for w in words[-len(letters) - 2:])
    return letters in initials
