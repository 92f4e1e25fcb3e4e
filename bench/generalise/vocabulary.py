"""The vocabularies the harness plants, written for it, and their seen/unseen halves.

Every item here was written by hand for this harness: none is copied from
third-party text or from the project's own YAML lists (``rules/**/*.yaml``).
Each vocabulary is split in two halves by a stable hash of the item
(:func:`half_of`): ``seen`` and ``unseen``.

**The rules must never be tuned on the unseen half.** Do not read it to add
words to a list, to choose a threshold or to write a fixture; the table the
harness prints for the unseen half measures how a rule does on defects it was
never told about. :func:`leak_check` reports every unseen item that occurs in
a rule's YAML file, and the harness marks its table when one does.

Items are strings, or tuples whose first element is what gets planted (the
*probe* the leak check looks for) unless :data:`PROBES` says otherwise.
"""
from __future__ import annotations

import glob
import hashlib
import os
import re

#: Short lines a site appends to an article as their own line.
FURNITURE_LINES = [
    "Tap here to get the morning briefing in your inbox",
    "Sign up for our weekly money newsletter",
    "Comments are closed on this story",
    "Back to top",
    "Continue reading on the app",
    "Have your say in the comments below",
    "Print this page",
    "Email this story to a friend",
    "Follow us on Mastodon for live updates",
    "Most read in business",
    "Related stories",
    "More from this section",
    "Listen to this article",
    "Report an error on this page",
    "Got a news tip? Message our newsroom",
    "Download the app for breaking alerts",
    "Join the conversation",
    "Subscribe for unlimited access",
    "Click to see the full gallery",
    "Watch the video above",
    "Next story",
    "Previous article",
    "Read the full report here",
    "Send us your photos and videos",
    "Like our page to stay informed",
    "Bookmark this page",
    "Top stories this hour",
    "Trending now",
    "You might also like",
    "Recommended for you",
    "Advertisement",
    "Skip to main content",
    "Story continues below",
    "Sponsored content",
    "Tell us what you think",
    "Save this story for later",
    "Copy link",
    "Open in the app",
    "Vote in our poll",
    "Get the latest headlines delivered daily",
    "Reuse this content",
    "View comments",
    "Share on WhatsApp",
    "Explore more topics",
    "Back to the homepage",
    "Scroll down for the next story",
    "Follow the live blog for minute-by-minute updates",
    "See all our coverage of the election",
]

#: Calls to action, navigation and credits that a scraper glues to the last sentence.
GLUED_FURNITURE = [
    "Share this story with your followers",
    "Click here to read more",
    "Sign up to our newsletter for more stories like this",
    "Don't forget to leave a comment below",
    "Subscribe now to keep reading",
    "Follow our coverage on the app",
    "Tell your friends about this story",
    "Send your views to the letters desk",
    "Continue reading below",
    "Like and share if you agree",
    "Hit the bell icon for alerts",
    "Read our full coverage here",
    "Home | News | Business | Sport",
    "Next article >>",
    "<< Previous story",
    "More in World News",
    "Related: Markets wrap",
    "See also: Weather warnings",
    "Top of page",
    "Featured image via Getty Images",
    "Featured image via Flickr",
    "Featured image via screengrab",
    "Image credit: Harbourside Photo Agency",
    "Photo courtesy of the city council",
    "Picture: Jane Doe/Press Pool",
    "Header image by Alex Moreno via Wikimedia Commons",
    "Photo by Mina Okafor for The Daily Ledger",
    "(Photo: Tomasz Wren)",
    "Images courtesy of the campaign",
    "Video: Northside TV",
    "Main image: Pexels",
    "Lead photo by staff photographer",
]

#: Site sentences that recur at the end of many documents (learned boilerplate).
SITE_SENTENCES = [
    "This story first appeared in the evening edition of the Harbourside Gazette.",
    "The Northgate Courier is funded by its readers and never by advertisers.",
    "Our newsroom relies on tips from readers like you to find these stories.",
    "Meridian Daily publishes corrections on its standards page every Friday.",
    "This report was produced with support from the Lakeside Journalism Fund.",
    "Views expressed by contributors are not necessarily those of the Valley Herald.",
    "The Coastline Times is an independent title owned by its staff cooperative.",
    "All times in this article are local unless otherwise stated by the desk.",
    "Figures in this report were checked by the Ridgeway Post data team.",
    "You are reading the free edition of the Upland Observer newsletter.",
    "Stories on this page are updated throughout the day by the night desk.",
    "Pinewood Press articles may be shared for non-commercial use with credit.",
]

FIRST_NAMES = [
    "Alex", "Priya", "Tomasz", "Mina", "Jonah", "Keiko", "Rafael", "Ingrid", "Samir", "Oluwaseun",
    "Fiona", "Dmitri", "Lucia", "Hamish", "Nadia", "Conor", "Aisling", "Marcus", "Yusuf", "Greta",
]
SURNAMES = [
    "Moreno", "Okafor", "Wren", "Haldane", "Castellano", "Brightwater", "Lindqvist", "Achebe", "Forsyth",
    "Nakamura", "Petrovic", "Quayle", "Delacroix", "Mbeki", "Ferreira", "Ashdown", "Kowalczyk", "Rahman",
]
ORGS = [
    "Harbourside Media Group", "Northgate Publishing Ltd", "Meridian News Service", "Valley Herald Company",
    "Coastline Times Limited", "Ridgeway Post Holdings", "Upland Observer Media", "Pinewood Press Syndicate",
]

#: Byline or author blocks at the end of an article.
BYLINES = [
    "By {name}, {role}",
    "Reporting by {name}; editing by {name2}",
    "{name} is a {role} based in {city}.",
    "Written by {name} | {role}",
    "— {name}",
    "Additional reporting by {name} in {city}",
    "Contact the author at {handle}@example.org",
    "About the author: {name} covers {beat} for the paper.",
    "Story by {name}. Edited by {name2}.",
    "{name}, {role}, can be reached on {handle}",
    "Words: {name}. Pictures: {name2}.",
    "Follow {name} on social media: @{handle}",
    "Compiled by {name} for the {beat} desk",
    "{NAME} / {ROLE}",
]
ROLES = ["Business Correspondent", "Senior Reporter", "Political Editor", "Staff Writer", "Sports Editor"]
BEATS = ["health", "energy", "transport", "courts", "technology", "education"]

#: Copyright lines at the end of an article.
COPYRIGHTS = [
    "© {year} {org}. All rights reserved.",
    "Copyright {year} {org}",
    "(c) {org} {year}",
    "{org} © {year}",
    "All content © {org}",
    "Copyright © {year} {org}. No reproduction without permission.",
    "No part of this report may be copied without the written consent of {org}.",
    "This material is the property of {org} and may not be republished.",
    "© {org} {year}. Distributed under licence.",
    "Copr. {year} {org}",
    "All material copyright {org}, {year}",
    "Reproduced with the permission of {org}. Copyright {year}.",
]

#: A common news collocation -> the tortured form an article spinner makes of it.
SPUN_PAIRS = [
    ("prime minister", "top clergyman"),
    ("interest rates", "curiosity charges"),
    ("chief executive", "main govt"),
    ("stock market", "inventory market"),
    ("general election", "basic election"),
    ("human rights", "human privileges"),
    ("world cup", "globe cup"),
    ("last year", "final yr"),
    ("oil prices", "petroleum costs"),
    ("share price", "proportion value"),
    ("central bank", "important financial institution"),
    ("trade deficit", "commerce shortfall"),
    ("economic growth", "financial progress"),
    ("foreign minister", "overseas priest"),
    ("police officers", "constabulary officers"),
    ("mobile phone", "cell telephone"),
    ("video games", "movie video games"),
    ("record label", "document label"),
    ("box office", "field workplace"),
    ("music industry", "songs trade"),
    ("search engine", "search motor"),
    ("home secretary", "house secretary"),
    ("labour party", "labour social gathering"),
    ("interest rate", "curiosity price"),
    ("first half", "initial half"),
    ("national team", "nationwide crew"),
    ("grand slam", "grand bang"),
    ("finance minister", "finance priest"),
    ("annual report", "yearly record"),
    ("budget deficit", "finances shortfall"),
    ("computer virus", "pc infection"),
    ("film industry", "movie enterprise"),
    ("best actor", "finest actor"),
    ("supreme court", "ultimate courtroom"),
    ("climate change", "local weather change"),
    ("global warming", "worldwide warming"),
    ("artificial intelligence", "counterfeit consciousness"),
    ("press conference", "press convention"),
    ("public sector", "public area"),
    ("private sector", "non-public sector"),
    ("financial crisis", "monetary disaster"),
    ("unemployment rate", "joblessness charge"),
    ("european union", "european marriage"),
    ("united nations", "joined nations"),
    ("white house", "white home"),
    ("home office", "house workplace"),
    ("world bank", "globe bank"),
    ("premier league", "premier association"),
    ("champions league", "champions alliance"),
    ("six nations", "six countries"),
    ("personal computer", "private laptop"),
    ("operating system", "working system"),
    ("consumer spending", "client spending"),
    ("net profit", "internet revenue"),
    ("profit warning", "revenue caution"),
    ("exchange rate", "alternate price"),
    ("retail sales", "retail gross sales"),
    ("house prices", "home costs"),
    ("tax cuts", "tax slashes"),
    ("election campaign", "election marketing campaign"),
    ("opposition leader", "opposition chief"),
    ("health service", "well being service"),
    ("young people", "younger folks"),
    ("second half", "second 1/2"),
    ("injury time", "harm time"),
    ("head coach", "head mentor"),
    ("red card", "pink card"),
    ("hard drive", "laborious drive"),
    ("file sharing", "file revealing"),
    ("digital music", "digital songs"),
    ("short film", "quick movie"),
    ("lead singer", "lead songster"),
    ("music video", "songs video"),
    ("number one", "quantity one"),
    ("trade union", "commerce union"),
    ("bank of england", "financial institution of england"),
]

#: An entity written one way in the text -> another form of it (house-style drift).
ACRONYM_FORMS = [
    ("US", "U.S."), ("U.S.", "US"), ("UK", "U.K."), ("EU", "E.U."), ("UN", "U.N."),
    ("Nato", "NATO"), ("NATO", "Nato"), ("Fifa", "FIFA"), ("Uefa", "UEFA"), ("Opec", "OPEC"),
    ("OPEC", "Opec"), ("Nasa", "NASA"), ("Unicef", "UNICEF"), ("Aids", "AIDS"), ("Sars", "SARS"),
    ("IMF", "I.M.F."), ("WTO", "W.T.O."), ("BBC", "B.B.C."), ("FBI", "F.B.I."), ("Ofcom", "OFCOM"),
    ("Unesco", "UNESCO"), ("Icann", "ICANN"), ("Asean", "ASEAN"), ("ITV", "I.T.V."), ("GDP", "G.D.P."),
    ("CEO", "C.E.O."), ("Apec", "APEC"), ("Ifpi", "IFPI"), ("Nafta", "NAFTA"), ("USA", "U.S.A."),
    ("MPs", "M.P.s"), ("Ofgem", "OFGEM"), ("Mori", "MORI"), ("NHS", "N.H.S."), ("OECD", "O.E.C.D."),
    ("SEC", "S.E.C."), ("GM", "G.M."), ("IBM", "I.B.M."), ("Eta", "ETA"), ("Interpol", "INTERPOL"),
]

#: Wire dateline templates for the start of a body: CITY, City, AGENCY, Mon, Month, d.
DATELINES = [
    "{CITY} ({AGENCY}) - ",
    "{CITY} ({AGENCY}) -- ",
    "{CITY}, {Mon} {d} ({AGENCY}) - ",
    "{City} ({AGENCY}): ",
    "({AGENCY}) - ",
    "({AGENCY}) -- ",
    "{CITY} — ",
    "{City}, {Month} {d} ({AGENCY}) — ",
    "{CITY}, {Month} {d} - ",
    "{City} | {AGENCY} | ",
    "{CITY} ({AGENCY}) – ",
    "{CITY}: ({AGENCY}) ",
]
#: Agency tags in a title: {title}, AGENCY, CITY.
TITLE_TAGS = [
    "{title} ({AGENCY})",
    "({AGENCY}) {title}",
    "{title} - {AGENCY}",
    "{title} | {AGENCY} News",
    "{AGENCY}: {title}",
    "{CITY} ({AGENCY}) - {title}",
    "{title} -- {AGENCY} wire",
    "{title} [{AGENCY}]",
]
AGENCIES = [
    "Reuters", "AP", "AFP", "UPI", "dpa", "Xinhua", "Kyodo", "ANSA", "EFE", "PA", "TASS", "Bernama",
    "Yonhap", "PTI", "IANS", "AAP", "CP", "Bloomberg", "ANI", "Anadolu", "APA", "Interfax", "Notimex",
]
CITIES = [
    "Washington", "London", "Paris", "Tokyo", "Nairobi", "Lima", "Oslo", "Cairo", "Manila", "Sydney",
    "Toronto", "Berlin", "Madrid", "Mumbai", "Lagos", "Seoul", "Jakarta", "Ankara", "Quito", "Hanoi",
    "Brussels", "Geneva", "Warsaw", "Dublin", "Vienna", "Santiago", "Bogota", "Dakar", "Riga", "Doha",
]

#: Text left where an article's words should be.
PLACEHOLDERS = [
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "Sed ut perspiciatis unde omnis iste natus error sit voluptatem.",
    "[Insert quote from spokesperson here]",
    "TK: add figures before publication",
    "XXXXX XXXXX XXXXX",
    "{{ article.body }}",
    "Text to come",
    "[PHOTO CAPTION HERE]",
    "Body copy goes here.",
    "%%CONTENT%%",
    "PLACEHOLDER TEXT",
    "[TO BE CONFIRMED]",
    "Sample article text. Replace before publishing.",
    "Add your story here",
    "Test test test",
    "asdf asdf asdf",
    "<<INSERT BODY>>",
    "Caption TK",
    "NEEDS COPY",
    "Story text unavailable",
    "[paragraph two goes here]",
    "Duis aute irure dolor in reprehenderit in voluptate.",
    "Your text here. Your text here. Your text here.",
    "$ARTICLE_TEXT",
]

#: Typographic characters, their plain counterparts in the source text, and a decoding error.
MOJIBAKE = [
    ("’", "'", "cp1252"), ("’", "'", "double"), ("‘", "'", "cp1252"), ("“", '"', "cp1252"),
    ("”", '"', "cp1252"), ("“", '"', "double"), ("–", " - ", "cp1252"), ("—", " - ", "cp1252"),
    ("—", " - ", "double"), ("…", "...", "cp1252"), ("£", "£", "cp1252"), ("£", "£", "double"),
    ("€", "€", "cp1252"), ("é", "é", "cp1252"), ("é", "e", "cp1252"), ("’", "'", "latin1"),
    ("–", " - ", "latin1"), ("£", "£", "latin1"), ("°", "°", "cp1252"), ("ü", "ü", "cp1252"),
    ("•", " - ", "cp1252"), ("½", "½", "cp1252"),
]

#: A character and the HTML entity a scraper left for it (the entity kinds plant these).
ENTITIES = [
    ("'", "&#39;"), ("'", "&rsquo;"), ("'", "&#8217;"), ("'", "&#x27;"), ("'", "&apos;"),
    ('"', "&quot;"), ('"', "&ldquo;"), ('"', "&#34;"), ('"', "&#8220;"), ("&", "&amp;"),
    (" ", "&nbsp;"), (" ", "&#160;"), ("£", "&pound;"), ("£", "&#163;"), (" - ", " &ndash; "),
    (" - ", " &mdash; "), (" - ", " &#8211; "), ("...", "&hellip;"), ("%", "&#37;"), ("$", "&#36;"),
    ("'", "&#x2019;"), ('"', "&rdquo;"), ("é", "&eacute;"), (" - ", " &#x2014; "),
]

#: A character and the literal escape sequence left in its place.
ESCAPES = [
    ("'", "\\u2019"), ("'", "\\x27"), ("'", "\\'"), ('"', '\\"'), ('"', "\\u201c"), (" - ", " \\u2013 "),
    (" ", "\\u00a0"), ("£", "\\u00a3"), ("£", "\\xa3"), (". ", ".\\n"), (". ", ".\\r\\n"), (". ", ".\\n\\n"),
    (", ", ",\\t"), ("...", "\\u2026"), ("&", "\\u0026"), ("'", "\\u0027"), ('"', "\\u0022"),
    (" - ", " \\u2014 "), (". ", ".\\\\n"), ("%", "\\u0025"),
]

#: Invisible characters hidden in a word.
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f", "\u0007", "\u001b",
    "\u0008", "\u2028", "\u202a", "\u202c", "\u180e", "\u061c", "\u2066", "\u2069", "\u0001", "\u000b",
]

#: HTML markup left in the text.
TAGS = [
    "<br>", "<br />", "</p><p>", "<p>", "<strong>", "</em>", '<span class="highlight">',
    '<div class="article-body">', '<a href="https://example.org/story">', "</a>",
    '<img src="/images/photo.jpg" alt="">', '<iframe src="https://video.example/embed/1"></iframe>',
    "<!-- ad slot -->", "<script>track();</script>", "<h2>", "<li>", "<blockquote>", "<figure>",
    "<figcaption>Photo</figcaption>", "<table>", "<td>", "<sup>1</sup>", "<b>", "<i>", "<hr>",
    "<noscript>", "<section>", '<aside class="related">', "</span>", "</div>",
]

#: Whitespace planted at the start or the end of a line.
WHITESPACE = [" ", "  ", "   ", "    ", "\t", "\t\t", " \t", "\t ", "     ", "      "]

#: Date formats: d, m, Y, H, M, S, Mon (Feb), MON (FEB), Month (February), Weekday.
DATE_FORMATS = [
    "{Y}-{m:02d}-{d:02d}", "{d:02d}/{m:02d}/{Y}", "{m:02d}/{d:02d}/{Y}", "{d} {Month} {Y}", "{Month} {d}, {Y}",
    "{d}-{MON}-{Y} {H:02d}:{M:02d}:{S:02d}.00", "{Y}/{m:02d}/{d:02d}", "{d}.{m}.{Y}", "{Mon} {d}, {Y}",
    "{Weekday}, {d} {Month} {Y}", "{Y}-{m:02d}-{d:02d}T{H:02d}:{M:02d}:{S:02d}Z", "{d} {Mon} {Y} {H:02d}:{M:02d} GMT",
    "{Y}{m:02d}{d:02d}", "{Month} {d} {Y}", "{d}-{m:02d}-{Y}", "{Mon}. {d}, {Y} {H}:{M:02d} p.m.",
]
#: A date field's value that is no date.
NOT_DATES = [
    "TBD", "unknown", "see below", "Monday", "yesterday", "recently", "coming soon", "n.d.", "undated",
    "00/00/0000", "date", "pending", "soon", "last week", "various", "morning", "Q1", "TBA", "?",
    "never", "publish date", "{date}", "0000-00-00", "sometime", "Date unknown", "xx-xx-xxxx",
]
#: A date field's value that is blank.
BLANK_DATES = ["", " ", "  ", "\t", " \t ", "   "]
#: Date metadata glued to a headline: {title} and {date}.
GLUED_DATES = [
    "Posted on {date} {title}", "{title} Published: {date}", "{date} - {title}", "{title} ({date})",
    "Updated {date} {title}", "{title} | Last updated: {date}", "{date} {title}", "{title} — {date}",
    "Date: {date} {title}", "{title}, posted {date}", "Published {date}: {title}", "{title} {date}",
    "Last modified {date} {title}", "{title} / {date}",
]
#: Section labels and kickers a page prints above its headline.
KICKERS = [
    "ANALYSIS", "Exclusive", "Opinion", "Live updates", "World news", "BREAKING", "Explainer", "In pictures",
    "Business | Markets", "Sport > Football", "Fact check", "FEATURE", "Interview", "UPDATED", "Local news",
    "Politics live", "Long read", "Comment", "Money", "Tech & Science",
]

#: Words slipped into a headline to make a near-duplicate of it.
HEADLINE_FILLERS = [
    "set", "now", "still", "again", "finally", "officially", "reportedly", "quietly", "further", "also",
    "soon", "amid row", "fresh", "new", "major", "latest", "urgent", "big", "key", "early",
]

#: Light revisions an editor makes to a republished story: a word -> its replacement ("" deletes it).
REVISIONS = [
    ("said", "says"), ("says", "said"), ("told", "informed"), ("big", "large"), ("rise", "increase"),
    ("fall", "drop"), ("firm", "company"), ("company", "firm"), ("show", "reveal"), ("cut", "reduce"),
    ("buy", "purchase"), ("start", "begin"), ("help", "assist"), ("about", "around"), ("also", ""),
    ("very", ""), ("just", ""), ("now", ""), ("still", ""), ("really", ""), ("however", "but"),
    ("expected", "forecast"), ("added", "continued"), ("new", "fresh"), ("major", "key"), ("week", "fortnight"),
    ("month", "quarter"), ("people", "residents"), ("government", "administration"), ("plans", "proposals"),
    ("shares", "stock"), ("profits", "earnings"), ("market", "sector"), ("game", "match"), ("film", "movie"),
    ("spokesman", "representative"), ("officials", "authorities"), ("recent", "latest"), ("likely", "expected"),
    ("while", "whereas"), ("is", "was"), ("was", "is"), ("has", "had"), ("have", "had"), ("will", "would"),
    ("would", "will"), ("can", "could"), ("could", "can"), ("that", "which"), ("but", "yet"), ("the", "this"),
]

VOCABULARIES = {
    "furniture_lines": FURNITURE_LINES,
    "glued_furniture": GLUED_FURNITURE,
    "site_sentences": SITE_SENTENCES,
    "bylines": BYLINES,
    "copyrights": COPYRIGHTS,
    "spun_pairs": SPUN_PAIRS,
    "acronym_forms": ACRONYM_FORMS,
    "datelines": DATELINES,
    "title_tags": TITLE_TAGS,
    "agencies": AGENCIES,
    "cities": CITIES,
    "placeholders": PLACEHOLDERS,
    "mojibake": MOJIBAKE,
    "entities": ENTITIES,
    "escapes": ESCAPES,
    "invisible": INVISIBLE,
    "tags": TAGS,
    "whitespace": WHITESPACE,
    "date_formats": DATE_FORMATS,
    "not_dates": NOT_DATES,
    "blank_dates": BLANK_DATES,
    "glued_dates": GLUED_DATES,
    "headline_fillers": HEADLINE_FILLERS,
    "kickers": KICKERS,
    "revisions": REVISIONS,
    "first_names": FIRST_NAMES,
    "surnames": SURNAMES,
    "orgs": ORGS,
}


#: Items that issue 12 itself names as examples: the rules' authors have read them, so they are
#: always in the seen half, whatever their hash says.
NAMED_IN_ISSUE = {
    ("spun_pairs", "artificial intelligence\x1fcounterfeit consciousness"),
    ("spun_pairs", "champions league\x1fchampions alliance"),
    ("glued_furniture", "Featured image via Getty Images"),
    ("glued_furniture", "Featured image via Flickr"),
    ("glued_furniture", "Featured image via screengrab"),
    ("acronym_forms", "Nato\x1fNATO"), ("acronym_forms", "NATO\x1fNato"),
    ("acronym_forms", "US\x1fU.S."), ("acronym_forms", "U.S.\x1fUS"),
    ("datelines", "{CITY} ({AGENCY}) - "), ("datelines", "({AGENCY}) -- "),
    ("title_tags", "{title} ({AGENCY})"),
    ("agencies", "Reuters"), ("agencies", "AP"), ("agencies", "AFP"),
    ("entities", "'\x1f&#39;"), ("entities", '"\x1f&quot;'),
    ("escapes", "'\x1f\\u2019"), ("escapes", ". \x1f.\\n"),
}

#: Items the rules' YAML already held when this harness was written (commit 9975f51): they were
#: seen before any tuning, so they are in the seen half too.
LISTED_BEFORE = {
    ("furniture_lines", "Trending now"), ("furniture_lines", "Story continues below"),
    ("acronym_forms", "UN\x1fU.N."), ("acronym_forms", "USA\x1fU.S.A."),
}

#: What the leak check looks for in the rules' YAML, per vocabulary (default: the item or its first
#: element): the form that is planted, for pairs.
PROBES = {
    "spun_pairs": lambda item: [item[1]],
    "acronym_forms": lambda item: [item[1]],
    "entities": lambda item: [item[1].strip()],
}
#: Vocabularies not probed: a single character, a name, a template or a common word in a YAML file
#: says nothing about a rule knowing the defect.
NOT_PROBED = {"invisible", "whitespace", "date_formats", "blank_dates", "first_names", "surnames", "orgs",
              "bylines", "copyrights", "datelines", "title_tags", "glued_dates", "mojibake", "escapes",
              "headline_fillers", "cities", "not_dates", "revisions"}


#: Where a leak matters: the rule families (folders of rules/) whose YAML may not hold a vocabulary's
#: unseen items. Unlisted vocabularies are checked against every family.
LEAK_SCOPE = {
    "furniture_lines": ("boilerplate", "quality"),
    "glued_furniture": ("boilerplate", "quality"),
    "site_sentences": ("boilerplate",),
    "spun_pairs": ("typos",),
    "acronym_forms": ("entities",),
    "agencies": ("boilerplate", "dates", "headlines"),
    "placeholders": ("quality",),
    "entities": ("unicode",),
    "tags": ("unicode",),
    "kickers": ("headlines",),
    "headline_fillers": ("headlines",),
}


def stable_hash(text: str) -> int:
    """A hash of ``text`` that does not change between runs or machines."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big")


def half_of(name: str, item) -> str:
    """``"seen"`` or ``"unseen"``: the half of vocabulary ``name`` that ``item`` (or a generated key) is in."""
    key = item if isinstance(item, str) else "\x1f".join(map(str, item))
    if (name, key) in NAMED_IN_ISSUE or (name, key) in LISTED_BEFORE:
        return "seen"
    return "unseen" if stable_hash(f"{name}\x1e{key}") % 2 else "seen"


def items(name: str, half: str) -> list:
    """The items of vocabulary ``name`` in ``half``, in their written order."""
    return [item for item in VOCABULARIES[name] if half_of(name, item) == half]


def _probes(name, item):
    if name in PROBES:
        return PROBES[name](item)
    return [item if isinstance(item, str) else item[0]]


def _in_scope(name, path):
    family = path.replace(os.sep, "/").split("/")[1]
    return name not in LEAK_SCOPE or family in LEAK_SCOPE[name]


def leak_check(rules_dir: str) -> list[tuple[str, str, str]]:
    """Every unseen item found in a YAML file under ``rules_dir``: (vocabulary, probe, file).

    The search is case-insensitive and whole-word (an item must not be the
    middle of a longer word), in the YAML files of the families
    :data:`LEAK_SCOPE` names for the vocabulary. Vocabularies in
    :data:`NOT_PROBED` are skipped.
    """
    texts = {}
    for path in sorted(glob.glob(os.path.join(rules_dir, "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as handle:
            texts[os.path.relpath(path, os.path.dirname(rules_dir))] = handle.read().lower()
    leaks = []
    for name in VOCABULARIES:
        if name in NOT_PROBED:
            continue
        for item in items(name, "unseen"):
            for probe in _probes(name, item):
                pattern = re.compile(r"(?<!\w)" + re.escape(probe.lower()) + r"(?!\w)")
                leaks.extend((name, probe, path) for path, text in texts.items()
                             if _in_scope(name, path) and pattern.search(text))
    return leaks
