"""Find a column's structure in a read article and make the segment plan.

The segmenter works in two steps, on any reader's blocks alike:

1. Each block gets a role from `RULES`, named and tried in order: page furniture and
   boilerplate (dropped and listed), the bio, by-lines and datelines (metadata), letters'
   salutations, questions and answers, signatures, list items, headings, prose.
2. One walk in reading order groups the roles into segments: the intro (lead), letters
   and replies (one or more exchanges), sections, numbered lists of reasons or tips with
   what follows them, and the bio last.

Articles without a column's shape still get a plan: their headings become sections.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field, replace
from typing import Callable

from audio_edition.errors import ArticleError
from audio_edition.model import Block, Document, Plan, Segment
from audio_edition.readers.text import is_title_like

# --- patterns ------------------------------------------------------------------------

_SALUTATION = re.compile(r"^[\"“‘']?\s*(?:dear|hi|hello),?\s+(?P<names>(?:(?:mr|mrs|ms|mx|dr|prof|rev)\.\s*)?[^,:;.!?\n]{1,80}?)"
                         r"\s*[,:]", re.I)
_NOT_A_CORRESPONDENT = re.compile(r"^(readers?|friends?|all|everyone|everybody|subscribers?|listeners?)$", re.I)
_QUESTION = re.compile(r"^\W{0,2}(?P<marker>(?:q|question)\s*[:.)]|q\s+[-–—])\s*", re.I)
_ANSWER = re.compile(r"^\W{0,2}(?P<marker>(?:a|answer)\s*[:.)]|a\s+[-–—])\s*", re.I)
_DASH_SIGNATURE = re.compile(r"^(?:--+|—|–|-|~)\s*(?P<name>[^\W\d_].{0,80})$", re.S)
_ITEM_MARKER = re.compile(
    r"^(?P<marker>(?:step|tip|reason|sign|rule|no\.)\s*#?\d{1,3}\s*[:.)\-–—]?|#\d{1,3}[:.)]?|\(?\d{1,3}[.)]"
    r"|[•●▪‣◦*\-–])\s+(?P<rest>\S.*)$", re.I | re.S)
_BULLETS = "•●▪‣◦*-–"
_BIO_HEADING = re.compile(
    r"^(about\s+(the\s+)?(authors?|writers?|columnists?|contributors?|experts?)|meet\s+the\s+(authors?|writers?)"
    r"|(the\s+)?authors?(\s+bio)?|author\s+biography)\b", re.I)
_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAYS = r"(mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday)?\b"
_NAME_WORD = rf"(?!(?i:{_MONTHS})\s+\d|(?i:{_WEEKDAYS})|(?:Published|Updated|Posted|Special|Staff|Contributing|Senior|For)\b)[A-Z][\w.'’-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|and|&|de|van|von|da|del|la|le|du))*"
_BIO_SUBJECT = re.compile(rf"^[—–-]?\s*(?P<names>{_NAME})\s+(?:is|are|was|were|has|have|had|[a-z]+s|write|live|"
                          r"work|teach|run|coach|help)\b")
"""A sentence about named people: "Jane Doe is...", "Ruth and Daniel Okafor write...", "Priscilla owns..."."""
_BIO_WORDS = re.compile(r"\b(writ\w*|author\w*|column\w*|editor|journalist|reporter|coach\w*|therap\w*|"
                        r"counsel\w*|psycholog\w*|founder|host|contribut\w*|blog\w*|newsletter|podcast|book|"
                        r"professor|teach\w*|consultant|expert|lives\s+in|based\s+in|correspondent)\b", re.I)
_BY_NAMES = rf"(?P<names>{_NAME})"
_BYLINE = re.compile(rf"^(?:(?:[Ww]ritten|[Ww]ords|[Ss]tory|[Tt]ext|[Rr]eported|[Pp]osted|[Ss]ubmitted)\s+)?(?:[Bb]y|BY):?\s+"
                     rf"{_BY_NAMES}\s*(?:$|[|·•—–,;/]\s*(?P<rest>.*)$|(?=(?i:{_MONTHS})\s+\d|\d)|on\s+(?=\S))", re.S)
_CREDENTIAL = re.compile(rf"^{_BY_NAMES}\s*[|,·•—–]\s*(?i:special\s+to|staff\s+writer|contributing|contributor|"
                         r"correspondent|columnist|senior\s+\w+|\w+\s+editor|editor|reporter|for\s+the)\b")
_HINTED_BY = re.compile(rf"^(?:\w+\s+)?(?:[Bb]y|BY):?\s+{_BY_NAMES}")
"""A page's by-line element, whatever follows the names ("By Elsie Moreau Special to the Star")."""
_NAMED_META = re.compile(rf"^(?P<names>{_NAME})\s*(?:$|[|·•—–,;/]|(?=(?i:{_MONTHS})\s+\d|\d))")
"""A by-line without "By", as pages mark it up: "Ruth Ambrose October 3, 2026 · 4 min read"."""
_POSTED = re.compile(rf"^(?:posted|published|updated|last\s+updated)(?:\s+on)?\s+(?P<date>.+?)"
                     rf"(?:\s+by\s+{_BY_NAMES})?\.?$", re.I)
_DATE = re.compile(rf"\b({_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
                   re.I)
_DATELINE = re.compile(rf"^((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?({_DATE.pattern})\b|\b\d+\s+min(ute)?s?\s+read\b"
                       r"|^(updated|published|posted)\b|^\d+\s+(hours?|days?|minutes?)\s+ago$", re.I)
_BOILERPLATE = re.compile(
    r"^(©|\(c\)\s*(\d{4}|[A-Z])|copyright\b)|\ball\s+rights\s+reserved\b"
    r"|^(related|read\s+more|more\s+from|also\s+read|see\s+also|recommended|you\s+may\s+also\s+like|"
    r"further\s+reading|most\s+popular|trending)\b\s*[:\-–—]"
    r"|\bto\s+order\b.{0,200}\b(send|call|visit)\b|\bsend\s+(your|a)\s+name\s+and\s+(mailing\s+)?address"
    r"|\bcheck\s+or\s+money\s+order\b|\b(may\s+be|are|is)\s+edited\s+for\s+(length|clarity|space)"
    r"|^(advertisement|sponsored(\s+content)?|ad)$"
    r"|^(sign\s+up|subscribe|join\s+our|get\s+our|share\s+(this|on)|follow\s+(us|me)|like\s+us\s+on)\b"
    r"|^(write\s+to|contact|send\s+(your\s+)?questions?|have\s+a\s+question|got\s+a\s+question|e-?mail\s+(your|us|me)"
    r"|questions?\s+(for|to)\b).{0,200}(@|\bp\.?\s?o\.?\s+box\b|\.com\b|\bwww\.|\.org\b)"
    r"|^(photo|image|illustration|credit|photograph|graphic)s?(\s+(by|credit|courtesy))?\s*[:|]"
    r"|^(photo|image|illustration|photograph)s?\s+(by|courtesy\s+of)\s+[A-Z][^.]{0,60}\.?$"
    r"|\b(please\s+consider\s+(a\s+)?(donat|support|subscrib)\w*|support\s+(our|independent)\s+journalism|"
    r"become\s+a\s+(member|paid\s+subscriber))\b"
    r"|^this\s+(article|column|story|post|essay)\s+(was\s+)?(originally|first)\s+(appeared|published)"
    r"|^(leave\s+a\s+(reply|comment)|comments?\s*(\(\d+\))?$|\d+\s+comments?$)"
    r"|^(tags?|tagged|filed\s+under|posted\s+in|categories|topics)\b", re.I)
_CONTACT_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\bp\.?\s?o\.?\s+box\b|\bwww\.|https?://", re.I)
_CONTACT_VERB = re.compile(r"\b(send|e-?mail|write|submit|contact|questions?|letters?|reach)\b", re.I)
_FURNITURE_HEADING = re.compile(
    r"^(suggested|recommended|related)\s+(reading|posts?|articles?|stories|links?)\b"
    r"|^(you\s+may\s+also\s+like|you\s+might\s+also\s+like|read\s+more|more\s+(from|like\s+this|stories)|"
    r"share\s+this|advertisement|related|popular\s+posts|leave\s+a\s+(reply|comment)|comments|"
    r"further\s+reading|keep\s+reading|recent\s+posts|subscribe)\b", re.I)
_FURNITURE_HINTS = {"related", "share", "sharing", "social", "newsletter", "subscribe", "subscription", "signup",
                    "ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo", "comment", "comments",
                    "respond", "tags", "breadcrumb", "breadcrumbs", "sidebar", "widget", "caption", "credit",
                    "credits", "copyright", "paywall", "cta", "jp-relatedposts", "post-navigation", "nav-links",
                    "entry-footer", "cat-links", "tags-links", "donate", "donation", "membership", "support-us"}
_BIO_HINTS = {"bio", "biography", "author-bio", "about-author", "author-box", "author-info", "author-description",
              "authorbio", "author-card"}
_BYLINE_HINTS = {"byline", "dateline", "entry-meta", "post-meta", "posted-on", "published", "pubdate", "date",
                 "timestamp", "author", "authors", "author-name", "reading-time", "read-time", "meta", "article-meta"}
_SUBTITLE_HINTS = {"subtitle", "standfirst", "dek", "deck", "excerpt", "article-excerpt", "lede", "summary",
                   "post-subtitle", "subhead"}
_REASON_CUE = re.compile(r"\b(reasons?|signs|warning\s+signs?|causes?|why|red\s+flags?|symptoms?|mistakes?|explanations?|"
                         r"factors?|possibilities)\b", re.I)
_TIP_CUE = re.compile(r"\b(tips?|ways?|steps?|how\s+to|what\s+(you|to|i'?d|i\s+would|we'?d)\s+(can\s+|could\s+)?"
                      r"(do|try)|try|things\s+to|ideas?|strateg(y|ies)|questions\s+to\s+ask|do'?s|suggestions?|"
                      r"advice|rules?|habits?|options?|here'?s\s+how|lessons?|recommendations?|fixes)\b", re.I)
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_PRONOUNS = {"she", "he", "they", "we", "i", "it", "her", "his", "their", "our", "my", "this", "the", "that",
             "you", "everyone", "everybody", "nobody", "someone", "somebody", "there", "here", "what", "which",
             "one", "each", "all", "most", "many", "some", "none", "a", "an", "no", "every", "your", "these", "those"}
_ABBREVIATION_END = re.compile(r"(^|\s)(mr|mrs|ms|dr|st|no|vs|jr|sr|prof|e\.g|i\.e|u\.s|[a-z])\.$", re.I)
_SMALL_WORDS = {"a", "an", "and", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
_TITLE_MAX_WORDS = 12
LONG_WORDS = 700
"""A stretch of prose longer than this (about four minutes) is split into chapters."""
_CHAPTER_WORDS = 450


def make_plan(document: Document) -> Plan:
    """Turn a read article into its segment plan, in reading order."""
    blocks = [piece for block in document.blocks for line in _split_lines(block) for piece in _split_dateline(line)]
    if not any(_WORD.search(b.text) for b in blocks):
        raise ArticleError(f"{document.source}: holds no words to speak")
    title = blocks[0].text
    roles = classify(blocks[1:])
    walk = _Walk(title)
    walk.read(roles)
    segments, long_sections = _split_long((Segment("intro", title, "\n\n".join(walk.lead)), *walk.finish()))
    metadata = _Metadata.of(roles)
    plan = Plan(title=title, authors=metadata.authors or _bio_subject(roles), segments=segments,
                dropped=(*document.dropped, *walk.dropped), writer=_find_writer(segments), date=metadata.date)
    long = [f"{t}: a very long section, split into chapters at paragraph breaks" for t in long_sections]
    return replace(plan, warnings=(*plan_warnings(plan), *long))


# --- step 0: line breaks that carry structure -------------------------------------------


def _split_lines(block: Block) -> list[Block]:
    """A paragraph's lines stay together, except a line that opens a list item or a
    dash-led signature ("-- LEFT OUT IN LAWRENCE"): those are blocks of their own."""
    lines = block.text.split("\n")
    if len(lines) == 1:
        return [block]
    pieces: list[list[str]] = [[]]
    for line in lines:
        if pieces[-1] and (_ITEM_MARKER.match(line) or _DASH_SIGNATURE.match(line) and len(line.split()) <= 10
                           or _is_metadata_line(line) or _is_metadata_line(pieces[-1][-1])
                           or len(pieces[-1]) == 1 and _is_item_title(pieces[-1][0])):
            pieces.append([])
        pieces[-1].append(line)
    blocks = [replace(block, text=" ".join(p)) for p in pieces]
    if len(pieces[0]) == 1 and _is_item_title(pieces[0][0]) and len(pieces) > 1:
        blocks[0] = replace(blocks[0], kind="heading")
    return [blocks[0], *(replace(b, kind="paragraph", marker="", lead="", emphasis="") for b in blocks[1:])]


def _is_metadata_line(line: str) -> bool:
    """A by-line or a dateline on a line of its own ("By Dana Whitfield", "Published July 7, 2026",
    "HARBOR POINT, Maine —")."""
    line = line.strip("*_ ")
    return len(line.split()) <= 20 and bool(_BYLINE.match(line) or _POSTED.match(line) or _PLACE.match(line)
                                            or _CREDENTIAL.match(line)
                                            or _DATELINE.search(line) and len(line.split()) <= 12)


_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)\s*(?:—|–|--)$")
_PLACE_OPENING = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:—|–|--))"
                            r"\s+(?P<rest>\S.*)$", re.S)


def _split_dateline(block: Block) -> list[Block]:
    """A news story's opening place ("HARBOR POINT, Maine — Summer visitors...") is a
    dateline of its own."""
    opening = _PLACE_OPENING.match(block.text) if block.kind == "paragraph" else None
    if not opening or _SALUTATION.match(block.text):
        return [block]
    return [replace(block, text=opening["place"]), replace(block, text=opening["rest"])]


def _is_item_title(line: str) -> bool:
    """"1. Speak His Language" alone on its line: the item's title."""
    marked = _ITEM_MARKER.match(line)
    return bool(marked and is_title_like(marked["rest"]))


# --- step 1: a role for every block -------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """What a block is in the column, and which rule said so."""

    name: str
    """furniture, boilerplate, byline, bio, bio-heading, question, answer, salutation,
    signature, item, numbered-heading, heading or prose."""
    block: Block
    rule: str
    title: str = ""
    """For items: the number's marker as written; for signatures: the writer's name."""
    written: str = ""
    """The block's text as written, when the rule took a marker off it."""


@dataclass
class _Context:
    blocks: list[Block]
    index: int = 0
    bio_from: int = 0
    """Where the bio starts (len(blocks) when none)."""
    in_letter: bool = False
    furniture: bool = False
    questions: int = 0
    columnist: str | None = None
    """The name the first letter greets: later salutations to it open letters too."""

    @property
    def block(self) -> Block:
        return self.blocks[self.index]

    def next_block(self) -> Block | None:
        return self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None


Rule = Callable[[_Context], "Role | None"]


def _hinted(block: Block, words: set[str], parts: bool = True) -> bool:
    """Whether a class or role word of the block's elements, or (with `parts`) a part of
    one ("author" of "post-author"), is in `words`."""
    return any(hint in words or parts and not words.isdisjoint(re.split(r"[-_]+", hint)) for hint in block.hints)


def _hinted_furniture(ctx: _Context) -> Role | None:
    if _hinted(ctx.block, _FURNITURE_HINTS) and not _hinted(ctx.block, _BIO_HINTS):
        return Role("furniture", ctx.block, "hinted-furniture")
    return None


def _in_bio(ctx: _Context) -> Role | None:
    """Everything from the bio's start, but for boilerplate and furniture after it."""
    if ctx.index < ctx.bio_from or ctx.furniture or _FURNITURE_HEADING.match(ctx.block.text):
        return None
    if _hinted(ctx.blocks[ctx.bio_from], _BIO_HINTS) and not _hinted(ctx.block, _BIO_HINTS):
        return None  # a page's author box ends where its element does
    if _is_boilerplate(ctx.block.text) and not _looks_like_bio(ctx.block) and not _hinted(ctx.block, _BIO_HINTS):
        return None
    heading = ctx.block.kind == "heading" and _BIO_HEADING.match(ctx.block.text)
    return Role("bio-heading" if heading else "bio", ctx.block, "bio")


def _furniture_heading(ctx: _Context) -> Role | None:
    """A "Related Posts" heading and the links listed under it, up to the next heading
    that opens real prose (the links listed under such headings look like headings)."""
    block = ctx.block
    label = block.text.endswith(":") and len(block.text.split()) <= 5
    if block.kind == "heading" or label or is_title_like(block.text) and not _SALUTATION.match(block.text):
        if _FURNITURE_HEADING.match(block.text):
            ctx.furniture = True
            return Role("furniture", block, "furniture-heading")
        following = ctx.next_block()
        opens_prose = block.kind == "heading" and following is not None and following.kind == "paragraph" \
            and not is_title_like(following.text)
        if ctx.furniture and not opens_prose and (block.kind != "paragraph" or len(block.text.split()) <= 12):
            return Role("furniture", block, "furniture-heading")
    ctx.furniture = False
    return None


def _byline(ctx: _Context) -> Role | None:
    block = ctx.block
    near_top = ctx.index < 6 or _hinted(block, _BYLINE_HINTS)
    if not near_top or len(block.text.split()) > 30 or block.kind == "item":
        return None
    if _is_metadata_line(block.text) or _hinted(block, _BYLINE_HINTS) and len(block.text.split()) <= 12:
        return Role("byline", block, "byline")
    return None


def _boilerplate(ctx: _Context) -> Role | None:
    return Role("boilerplate", ctx.block, "boilerplate") if _is_boilerplate(ctx.block.text) else None


def _is_boilerplate(text: str) -> bool:
    """Copyright, syndication ads, "Related:" lines, sharing prompts, and short lines
    telling readers where to send their questions."""
    text = text.strip("*_ ")
    if _BOILERPLATE.search(text):
        return True
    return len(text.split()) <= 60 and bool(_CONTACT_ADDRESS.search(text) and _CONTACT_VERB.search(text))


def _question_or_answer(ctx: _Context) -> Role | None:
    text = ctx.block.text
    question = _QUESTION.match(text)
    if question and len(text) > question.end():
        ctx.questions += 1
        ctx.in_letter = True
        return Role("question", ctx.block, "question-marker", question["marker"])
    answer = _ANSWER.match(text)
    if answer and ctx.questions and len(text) > answer.end():
        ctx.in_letter = False
        return Role("answer", ctx.block, "answer-marker", answer["marker"])
    return None


def _salutation(ctx: _Context) -> Role | None:
    """A salutation opens a letter when it greets the columnist (as the first letter
    did) and a reply when it greets the letter's writer."""
    greeting = _SALUTATION.match(ctx.block.text)
    if not greeting or _NOT_A_CORRESPONDENT.match(greeting["names"].strip()):
        return None
    names = greeting["names"].strip()
    if ctx.columnist is None:
        ctx.columnist = names.casefold()
    ctx.in_letter = names.casefold() == ctx.columnist
    return Role("letter-salutation" if ctx.in_letter else "reply-salutation", ctx.block, "salutation", names)


def _signature(ctx: _Context) -> Role | None:
    """A letter's signature: a dash-led short line, or the letter's last short line
    when the reply's salutation follows it ("Tired of Tomatoes")."""
    if not ctx.in_letter:
        return None
    block, following = ctx.block, ctx.next_block()
    dashed = _DASH_SIGNATURE.match(block.text)
    if dashed and len(block.text.split()) <= 10 and not (following and _same_bullet(block, following)):
        ctx.in_letter = False
        return Role("signature", block, "dash-signature", _writer_name(dashed["name"]))
    replied = following is not None and (_SALUTATION.match(following.text) or _ANSWER.match(following.text))
    if replied and len(block.text.split()) <= 8 and not block.text.rstrip().endswith((".", "?", "!", ":", ",")):
        ctx.in_letter = False
        return Role("signature", block, "last-line-signature", _writer_name(block.text))
    return None


def _same_bullet(block: Block, following: Block) -> bool:
    return block.text[:1] in _BULLETS and following.text[:1] == block.text[:1]


def _item(ctx: _Context) -> Role | None:
    block = ctx.block
    if block.kind == "item":
        return Role("item", block, "list-item", block.marker)
    marked = _ITEM_MARKER.match(block.text)
    if not marked:
        return None
    if block.level:
        return Role("numbered-heading", replace(block, text=marked["rest"]), "numbered-heading", marked["marker"])
    return Role("item", replace(block, text=marked["rest"], marker=marked["marker"]), "marked-line", marked["marker"],
                written=block.text)


def _subtitle(ctx: _Context) -> Role | None:
    """A page's subtitle or standfirst, though set as a heading, opens the article's prose."""
    if _hinted(ctx.block, _SUBTITLE_HINTS, parts=False):
        return Role("prose", replace(ctx.block, kind="paragraph"), "subtitle")
    return None


def _heading(ctx: _Context) -> Role | None:
    """A heading; inside a letter, a short line of plain text ("Should I go?") is the
    letter's own words, not a heading."""
    if ctx.block.kind != "heading" or ctx.in_letter and not ctx.block.level:
        return None
    return Role("heading", ctx.block, "heading")


def _prose(ctx: _Context) -> Role:
    return Role("prose", ctx.block, "prose")


RULES: tuple[tuple[str, Rule], ...] = (
    ("hinted-furniture", _hinted_furniture),
    ("bio", _in_bio),
    ("furniture-heading", _furniture_heading),
    ("byline", _byline),
    ("boilerplate", _boilerplate),
    ("question-or-answer", _question_or_answer),
    ("salutation", _salutation),
    ("signature", _signature),
    ("item", _item),
    ("subtitle", _subtitle),
    ("heading", _heading),
    ("prose", _prose),
)
"""The rules that give a block its role, tried in this order; the first that answers wins."""


def classify(blocks: list[Block]) -> list[Role]:
    """A role for every block after the title, in reading order."""
    ctx = _Context(blocks, bio_from=_bio_start(blocks))
    roles = []
    for index in range(len(blocks)):
        ctx.index = index
        roles.append(next(role for _, rule in RULES if (role := rule(ctx)) is not None))
    return roles


def _bio_start(blocks: list[Block]) -> int:
    """Where the author's bio begins: an "About the author" heading, an author box, or
    the article's last paragraphs when they introduce the author (often in italics)."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and _BIO_HEADING.match(block.text) and not _ITEM_MARKER.match(block.text):
            return index
        if _hinted(block, _BIO_HINTS):
            return index
    end = len(blocks)
    while end and (_is_trailing_furniture(blocks[end - 1])):
        end -= 1
    start = end
    while start and blocks[start - 1].kind == "paragraph" and _looks_like_bio(blocks[start - 1]) \
            and not _SALUTATION.match(blocks[start - 1].text):
        start -= 1
    return start if start < end else len(blocks)


def _is_trailing_furniture(block: Block) -> bool:
    return not _looks_like_bio(block) and bool(_is_boilerplate(block.text) or _hinted(block, _FURNITURE_HINTS)
                or _FURNITURE_HEADING.match(block.text))


def _looks_like_bio(block: Block) -> bool:
    """A paragraph about a named person: "Jane Doe is a therapist who writes...", or
    any "Jane Doe spent fifteen years..." set in italics at the article's end."""
    text = block.text.strip("*_ ")
    if len(text.split()) > 150:
        return False
    subject = _BIO_SUBJECT.match(text)
    if subject and len(subject["names"].split()) <= 8 and subject["names"].split()[0].casefold() not in _PRONOUNS:
        return block.emphasis == "italic" or bool(_BIO_WORDS.search(text))
    return block.emphasis == "italic" and bool(re.match(rf"^{_NAME_WORD}\s+{_NAME_WORD}(\s+{_NAME_WORD})?\s+[a-z]", text))


def _writer_name(signature: str) -> str:
    """A signature as a name to show: capitals become title case ("LEFT OUT IN LAWRENCE"
    -> "Left Out in Lawrence"), anything else stays as written."""
    name = signature.strip().strip("\"“”'*_").strip()
    if not re.search(r"\b[A-Z][a-z]{0,3}\.$", name):  # "Falls Church, Va." keeps its period
        name = name.rstrip(".")
    if name.upper() != name:
        return name
    words = name.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


# --- step 2: one walk groups the roles into segments ----------------------------------------


@dataclass
class _Open:
    """The segment being filled."""

    kind: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    writer: str = ""
    qa: bool = False
    signed: bool = False
    """A letter whose signature has been read: what follows it is the reply."""
    style: str = ""
    """How the letter is set apart ("quoted", "italic"): the first paragraph set
    otherwise is the reply's."""
    after_list: bool = False
    """Prose after a list: `closing` when no list follows, else `reply`."""


@dataclass
class _Walk:
    title: str
    lead: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    done: list[_Open | Segment] = field(default_factory=list)
    current: _Open | None = None
    bio: list[Role] = field(default_factory=list)
    letter_writers: list[str] = field(default_factory=list)

    def read(self, roles: list[Role]) -> None:
        index = 0
        while index < len(roles):
            role = roles[index]
            if role.name in ("item", "numbered-heading"):
                index = self._list(roles, index)
                continue
            self._one(role)
            index += 1

    def _one(self, role: Role) -> None:
        block = role.block
        if role.name in ("furniture", "boilerplate", "byline"):
            self.dropped.append(block.text)
        elif role.name in ("bio", "bio-heading"):
            self.bio.append(role)
        elif role.name == "question":
            self._drop_marker(role.title)
            self._open("letter", "The Question", block.text[len(_QUESTION.match(block.text)[0]):], qa=True,
                       style=_style(block))
        elif role.name == "answer":
            self._drop_marker(role.title)
            self._open("reply", "The Answer", block.text[len(_ANSWER.match(block.text)[0]):], qa=True,
                       writer=self._last_writer())
        elif role.name == "letter-salutation":
            self._open("letter", "The Letter", block.text, style=_style(block))
        elif role.name == "reply-salutation":
            self._open("reply", "The Reply", block.text, writer=self._last_writer())
        elif role.name == "signature":
            self._append(block.text)
            self._sign(role.title)
        elif role.name == "heading":
            self._open("section", block.text, None)
        elif self._letter_is_over(block):
            # A reply that greets nobody ("Mary, thanks for the hint!") follows the
            # signature, or the end of the quote or italics that set the letter apart.
            qa = self.current.qa
            self._open("reply", "The Answer" if qa else "The Reply", block.text, qa=qa, writer=self._last_writer())
        else:
            self._append(block.text)

    def _letter_is_over(self, block: Block) -> bool:
        letter = self.current
        if letter is None or letter.kind != "letter":
            return False
        return letter.signed or bool(letter.style) and _style(block) != letter.style

    def _drop_marker(self, marker: str) -> None:
        if _WORD.search(marker):
            self.dropped.append(marker.strip())

    def _last_writer(self) -> str:
        return self.letter_writers[-1] if self.letter_writers else ""

    def _open(self, kind: str, title: str, first: str | None, **extra) -> None:
        self._close()
        self.current = _Open(kind, title, [first] if first else [], **extra)
        if kind == "letter":
            self.letter_writers.append("")

    def _sign(self, name: str) -> None:
        if self.current and self.current.kind == "letter":
            self.current.writer = name
            self.current.signed = True
            self.letter_writers[-1] = name

    def _append(self, text: str) -> None:
        if self.current is None:
            self.lead.append(text)
        else:
            self.current.paragraphs.append(text)

    def _close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
        self.current = None

    # --- lists

    def _list(self, roles: list[Role], start: int) -> int:
        """Read one list from `start`; return the index after it and what it leaves."""
        run = _ListRun.read(roles, start)
        cues = [self._lead_in(), self._heading_before()]
        if not run.is_a_list(cued=any(_list_kind_cue(cue) for cue in cues)):
            for role in roles[start:run.end]:
                self._one(_as_prose(role) if role.name in ("item", "numbered-heading") else role)
            return run.end
        self.dropped.extend([*run.markers_with_words(), *run.skipped])
        kind = _list_kind([*cues, self.title])
        self._close()
        items = run.items()
        for position, (title, text) in enumerate(items, start=1):
            self.done.append(Segment(kind, title, text, position, len(items)))
        if run.trailing:
            self.current = _Open("closing", _opening_words(run.trailing[0]), list(run.trailing), after_list=True)
        return run.end

    def _lead_in(self) -> str:
        """The sentence that introduces a list: the last of the paragraph before it."""
        paragraphs = self.current.paragraphs if self.current is not None else self.lead
        return _last_sentence(paragraphs[-1]) if paragraphs else ""

    def _heading_before(self) -> str:
        if self.current is not None and self.current.kind == "section":
            return self.current.title
        return ""

    def finish(self) -> list[Segment]:
        self._close()
        segments: list[Segment] = []
        later_list = False
        for entry in reversed(self.done):
            if isinstance(entry, Segment):
                later_list = later_list or entry.kind in ("reason", "tip")
                segments.append(entry)
            else:
                segments.append(self._segment(entry, later_list))
        segments.reverse()
        segments = _number_letters(segments)
        if self.bio:
            segments.append(_bio_segment(self.bio))
        return segments

    @staticmethod
    def _segment(entry: _Open, later_list: bool) -> Segment:
        kind = ("reply" if later_list else "closing") if entry.after_list else entry.kind
        return Segment(kind, entry.title, "\n\n".join(entry.paragraphs), writer=entry.writer)


@dataclass
class _ListRun:
    """A list's items, each with the blocks that follow it, and the paragraphs after it."""

    entries: list[tuple[Role, list[Block]]]
    trailing: list[str]
    end: int
    is_headings: bool
    skipped: list[str]
    """Furniture met inside the list (an ad between items): dropped."""

    @classmethod
    def read(cls, roles: list[Role], start: int) -> "_ListRun":
        kind = roles[start].name
        list_id = roles[start].block.list_id
        entries: list[tuple[Role, list[Block]]] = []
        skipped: list[str] = []
        index = start
        while index < len(roles):
            role = roles[index]
            if role.name == kind and cls._continues(entries, role, list_id, kind):
                entries.append((role, []))
            elif role.name == "prose" and entries:
                entries[-1][1].append(role.block)
            elif role.name in ("furniture", "boilerplate") and entries:
                skipped.append(role.block.text)
            else:
                break
            index += 1
        body, trailing = cls._last_body(entries, list_id)
        entries[-1] = (entries[-1][0], body)
        return cls(entries, [b.text for b in trailing], index, kind == "numbered-heading", skipped)

    @staticmethod
    def _continues(entries, role: Role, list_id: int, kind: str) -> bool:
        """Whether an item carries on the list: the same list element, the next number,
        the same bullet; but a list of bare lines ends at the prose after it."""
        if not entries:
            return True
        previous = entries[-1][0]
        bare_lines = len(entries) >= 2 and entries[-1][1] and not any(body for _, body in entries[:-1])
        if bare_lines and not (list_id and role.block.list_id == list_id):
            return False
        if kind == "numbered-heading":
            return role.block.level == previous.block.level or _number(role.title) == (_number(previous.title) or 0) + 1
        if list_id and role.block.list_id == list_id:
            return True
        if role.block.ordered or _number(role.title) is not None:
            return _number(role.title) == (_number(previous.title) or 0) + 1 or not list_id
        return not list_id and _bullet_kind(role.title) == _bullet_kind(previous.title)

    @staticmethod
    def _last_body(entries, list_id: int) -> tuple[list[Block], list[Block]]:
        """The last item's own blocks, and the paragraphs after the list."""
        body = entries[-1][1]
        if list_id and entries[-1][0].block.list_id == list_id:
            own = list(itertools.takewhile(lambda b: b.list_id == list_id, body))
            return own, body[len(own):]
        if len(entries) < 3:
            return body, []
        usual = int(statistics.median(len(b) for _, b in entries[:-1]))
        return body[:max(usual, 0)], body[max(usual, 0):]

    def is_a_list(self, cued: bool) -> bool:
        """Two or more items. Bullets count only when they read as items: bold lead-ins,
        a short title sentence with more to say after it, or sentences under words that
        announce tips or reasons ("Here are some ways to...")."""
        if len(self.entries) < 2:
            return False
        first = self.entries[0][0]
        if self.is_headings or first.block.ordered or _number(first.title) is not None:
            return True
        led = sum(1 for role, _ in self.entries if role.block.lead)
        titled = sum(1 for role, body in self.entries if _title_and_rest(role.block.text)[1] or body)
        sentences = sum(1 for role, _ in self.entries if len(role.block.text.split()) >= 4)
        return led * 2 >= len(self.entries) or titled == len(self.entries) or cued and sentences == len(self.entries)

    def markers_with_words(self) -> list[str]:
        return [role.title.strip() for role, _ in self.entries if _WORD.search(role.title)]

    def items(self) -> list[tuple[str, str]]:
        return [_item_title_and_text(role.block, [b.text for b in body]) for role, body in self.entries]


def _style(block: Block) -> str:
    return "quoted" if block.quoted else "italic" if block.emphasis == "italic" else ""


def _last_sentence(paragraph: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", paragraph.strip())[-1]


def _as_prose(role: Role) -> Role:
    """A lone marked line is not a list: its words, marker and all, are prose."""
    if role.name == "numbered-heading":
        return replace(role, name="heading", block=replace(role.block, text=f"{role.title} {role.block.text}"))
    return replace(role, name="prose", block=replace(role.block, text=role.written or role.block.text))


def _number(marker: str) -> int | None:
    digits = re.search(r"\d+", marker or "")
    return int(digits[0]) if digits else None


def _bullet_kind(marker: str) -> str:
    return (marker or "").strip()[:1]


def _item_title_and_text(block: Block, body: list[str]) -> tuple[str, str]:
    """An item's title and the words spoken after it: the bold lead-in, a heading's
    words, the whole item when short, its first sentence when short, else its opening
    words (then the text keeps them, so nothing is said twice or lost)."""
    text = block.text
    if block.lead and text.startswith(block.lead):
        rest = text[len(block.lead):].strip()
        return _clean_title(block.lead), _join([rest, *body])
    if block.kind == "heading":  # a numbered heading, or a numbered line alone
        return _clean_title(text), _join(body)
    title, rest = _title_and_rest(text)
    if title:
        return _clean_title(title), _join([rest, *body])
    return _opening_words(text), _join([text, *body])


def _title_and_rest(text: str) -> tuple[str, str]:
    """("Set a time limit", "Two hours is plenty.") from "Set a time limit. Two hours is
    plenty."; ("", "") when the first sentence is too long to be a title."""
    first = re.match(r"^(.+?[.!?:])\s+(?=[\"“‘'(A-Z0-9])", text, re.S)
    if first and len(first[1].split()) <= _TITLE_MAX_WORDS and not _ABBREVIATION_END.search(first[1]):
        return first[1], text[first.end():].strip()
    if len(text.split()) <= _TITLE_MAX_WORDS and not text.rstrip().endswith((",", ";")):
        return text, ""
    return "", ""


def _clean_title(title: str) -> str:
    return title.strip().strip("*_").rstrip(".:").strip()


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def _list_kind(cues: list[str]) -> str:
    """`reason` or `tip`, from the first of the cues that names one; `tip` when none does."""
    for text in cues:
        kind = _list_kind_cue(text)
        if kind:
            return kind
    return "tip"


def _list_kind_cue(text: str) -> str:
    reason, tip = _REASON_CUE.search(text or ""), _TIP_CUE.search(text or "")
    if reason and (not tip or reason.start() < tip.start()):
        return "reason"
    return "tip" if tip else ""


def renumber(segments: list[Segment]) -> tuple[Segment, ...]:
    """Number a plan's items by their place in their list (a run of items of one kind)
    and its letters when there are several: after a person edits a plan, removing or
    moving an item keeps the announcements right."""
    numbered = list(segments)
    index = 0
    while index < len(numbered):
        kind = numbered[index].kind
        end = index
        while end < len(numbered) and numbered[end].kind == kind:
            end += 1
        if kind in ("reason", "tip"):
            for position in range(index, end):
                numbered[position] = replace(numbered[position], position=position - index + 1, count=end - index)
        index = end
    letters = [replace(s, position=0, count=0) if s.kind in ("letter", "reply") else s for s in numbered]
    return tuple(_number_letters(letters))


def _number_letters(segments: list[Segment]) -> list[Segment]:
    """Letters and replies carry their place when a column holds several exchanges."""
    letters = [i for i, s in enumerate(segments) if s.kind == "letter"]
    if len(letters) < 2:
        return segments
    numbered = list(segments)
    for position, index in enumerate(letters, start=1):
        numbered[index] = replace(segments[index], position=position, count=len(letters))
        reply = next((j for j in range(index + 1, len(segments)) if segments[j].kind in ("letter", "reply")), None)
        if reply is not None and segments[reply].kind == "reply" and segments[reply].title in ("The Reply", "The Answer"):
            numbered[reply] = replace(segments[reply], position=position, count=len(letters),
                                      writer=segments[index].writer)
    return numbered


def _bio_segment(roles: list[Role]) -> Segment:
    heading = next((r.block.text for r in roles if r.name == "bio-heading"), "")
    paragraphs = [r.block.text.strip("*_ ").strip() if r.block.emphasis else r.block.text
                  for r in roles if r.name == "bio" or (r.name == "bio-heading" and r.block.text != heading)]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p)]
    subjects = {m["names"] for s in sentences if (m := _BIO_SUBJECT.match(s)) and len(m["names"].split()) <= 8
                and m["names"].split()[0].casefold() not in _PRONOUNS}
    several = len(subjects) > 1 or any(re.search(r"\s(and|&)\s", name) for name in subjects) \
        or bool(re.match(rf"^[—–-]?\s*{_NAME}\s+are\b", " ".join(paragraphs[:1])))
    return Segment("bio", heading or ("About the authors" if several else "About the author"), _join(paragraphs))


def _bio_names(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        subject = _BIO_SUBJECT.match(paragraph)
        if subject and len(subject["names"].split()) <= 8:
            return subject["names"].strip()
    return ""


def _bio_subject(roles: list[Role]) -> str:
    return _bio_names([r.block.text.strip("*_ ") for r in roles if r.name == "bio"])


@dataclass(frozen=True)
class _Metadata:
    authors: str = ""
    date: str = ""

    @classmethod
    def of(cls, roles: list[Role]) -> "_Metadata":
        authors, date = "", ""
        for role in roles:
            if role.name != "byline":
                continue
            text = role.block.text.strip("*_ ")
            byline, posted = _BYLINE.match(text) or _CREDENTIAL.match(text), _POSTED.match(text)
            named = (_HINTED_BY.match(text) or _NAMED_META.match(text)) if _hinted(role.block, _BYLINE_HINTS) else None
            names = (byline and byline["names"]) or (posted and posted["names"]) or (named and named["names"]) or ""
            authors = authors or _authors(names)
            found = _DATE.search(text)
            date = date or (found[0] if found else "")
        return cls(authors, date)


def _authors(names: str) -> str:
    return " ".join(names.replace(" & ", " and ").split()).rstrip(",;")


def _opening_words(text: str, count: int = 6) -> str:
    words = text.split()
    title = " ".join(words[:count]).rstrip(",;:")
    return title + ("…" if len(words) > count else "")


def _find_writer(segments: tuple[Segment, ...]) -> str:
    """The letter's writer as the reply greets them ("Dear Heather,"), for a column of
    one letter; a column of several names each letter's writer in its segment."""
    if sum(1 for s in segments if s.kind == "letter") != 1:
        return ""
    reply = next((s for s in segments if s.kind == "reply" and s.title == "The Reply"), None)
    greeting = _SALUTATION.match(reply.text) if reply else None
    return greeting["names"].strip() if greeting else ""


# --- long prose -------------------------------------------------------------------------------


def _split_long(segments: tuple[Segment, ...]) -> tuple[tuple[Segment, ...], list[str]]:
    """Split long prose at paragraph boundaries into chapters of a few minutes, so a
    listener can move through an article that has few headings; say which were split."""
    result: list[Segment] = []
    split: list[str] = []
    for segment in segments:
        if segment.kind in ("reason", "tip") or len(segment.text.split()) <= LONG_WORDS:
            result.append(segment)
            continue
        pieces = _paragraph_groups(segment.text.split("\n\n"))
        split.append(segment.title)
        result.append(replace(segment, text=pieces[0]))
        result.extend(Segment("section", f"{segment.title}, continued" if segment.kind != "intro"
                              else _opening_words(piece), piece) for piece in pieces[1:])
    return tuple(result), split


def _paragraph_groups(paragraphs: list[str]) -> list[str]:
    groups: list[list[str]] = [[]]
    words = 0
    for paragraph in paragraphs:
        if groups[-1] and words + len(paragraph.split()) > _CHAPTER_WORDS:
            groups.append([])
            words = 0
        groups[-1].append(paragraph)
        words += len(paragraph.split())
    return ["\n\n".join(g) for g in groups]


# --- warnings ---------------------------------------------------------------------------------


def plan_warnings(plan: Plan) -> list[str]:
    """What in a plan a person may want to check before building."""
    warnings = []
    segments = plan.segments
    for index, segment in enumerate(segments):
        label = f"chapter {index + 1} ({segment.title})"
        if segment.kind == "section" and _ITEM_MARKER.match(segment.title) and _number(segment.title) is not None:
            warnings.append(f"{label}: looks numbered but was read as a section")
        if segment.kind != "intro" and (_BYLINE.match(segment.title) or _is_metadata_line(segment.title)):
            warnings.append(f"{label}: the title looks like a by-line or a date")
        lists_follow = index + 1 < len(segments) and segments[index + 1].kind in ("reason", "tip")
        if segment.kind not in ("intro", "reason", "tip") and not segment.text.strip() and not lists_follow:
            warnings.append(f"{label}: has no words")
        numbered = [p for p in segment.text.split("\n\n") if re.match(r"^\s*\d{1,3}[.)]\s", p)]
        if numbered:
            warnings.append(f"{label}: a numbered paragraph was read as prose: {_opening_words(numbered[0])}")
    if not any(s.kind == "bio" for s in segments):
        warnings.append("no author's bio found")
    return warnings
