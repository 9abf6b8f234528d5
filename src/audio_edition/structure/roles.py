"""Step one: a role for every block, from named rules tried in order."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from audio_edition.model import Block
from audio_edition.readers.text import is_title_like
from audio_edition.structure.patterns import (
    AGENCY_WORDS, ANSWER, BIO_HEADING, BIO_HINTS, BIO_SUBJECT, BIO_WORDS, BULLETS, BYLINE_HINTS, DASH_SIGNATURE, NAME,
    FURNITURE_HEADING, FURNITURE_HINTS, ITEM_MARKER, NAME_WORD, NOT_A_CORRESPONDENT, PLACE_OPENING, PRONOUNS,
    QUESTION, READER_WRITES, SALUTATION, SUBTITLE_HINTS, ABOUT_LABEL, COUNTED_TITLE, TRAILING_SIGNATURE, VALEDICTION,
    ends_abbreviated, is_boilerplate, is_metadata_line, list_kind_cue, number, writer_name,
)


def split_lines(block: Block) -> list[Block]:
    """A paragraph's lines stay together, except a line that opens a list item, a
    dash-led signature ("-- LEFT OUT IN LAWRENCE"), a letter's closing words and the
    name under them ("With love,", "Marguerite Olsen"), a salutation ("DEAR FED UP:", or
    "Dear Ann," after a sentence's end), a contact or copyright line after a sentence's
    end, and a short last line in title case or capitals after one: those are blocks of
    their own (a page that breaks its paragraphs with `<br>` alone comes as one block).
    "Read more" over the titles it links is a block a line."""
    lines = block.text.split("\n")
    if len(lines) == 1:
        return [block]
    if FURNITURE_HEADING.match(lines[0]) and len(lines[0].split()) <= 4:
        # "Read more" over the titles it links, pasted from a page: a line each, marked
        # as the page marked them.
        return [replace(block, text=lines[0], kind="paragraph", marker="", lead="", emphasis=""),
                *(replace(block, text=line, kind="paragraph", marker="", lead="", emphasis="",
                          hints=(*block.hints, "related")) for line in lines[1:])]
    pieces: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        closing = index == len(lines) - 2 and VALEDICTION.match(line)
        greeting = SALUTATION.match(line) and (line[:4].isupper() or pieces[-1] and _ends_sentence(pieces[-1][-1]))
        # A letter's last line, a name under its last sentence ("...scene?" / "STUMPED IN STAMFORD").
        signed = index == len(lines) - 1 and pieces[-1] and _ends_sentence(pieces[-1][-1]) \
            and is_title_like(line) and len(line.split()) <= 8
        if pieces[-1] and (ITEM_MARKER.match(line) and not _RULE.match(line)
                           or _RULE.match(line) or _RULE.match(pieces[-1][-1])
                           or DASH_SIGNATURE.match(line) and len(line.split()) <= 10
                           or is_metadata_line(line) or is_metadata_line(pieces[-1][-1])
                           or closing or VALEDICTION.match(pieces[-1][-1]) or greeting or signed
                           or _boilerplate_follows(pieces[-1][-1], line)
                           or len(pieces[-1]) == 1 and _is_item_title(pieces[-1][0])):
            pieces.append([])
        pieces[-1].append(line)
    blocks = [replace(block, text=", ".join(line.rstrip(",") for line in p) if _signed_lines(p) else " ".join(p))
              for p in pieces]
    if len(pieces[0]) == 1 and _is_item_title(pieces[0][0]) and len(pieces) > 1:
        blocks[0] = replace(blocks[0], kind="heading")
    return [blocks[0], *(replace(b, kind="paragraph", marker="", lead="", emphasis="") for b in blocks[1:])]


def _signed_lines(lines: list[str]) -> bool:
    """A signature set on two or three lines, the name over the town ("— Dale P." /
    "Rapid City, S.D."): joined with a comma, as it would be written on one."""
    if _GREETING.match(lines[0]):
        return False
    return 2 <= len(lines) <= 3 and sum(len(line.split()) for line in lines) <= 8 and all(
        (line[:1].isupper() or DASH_SIGNATURE.match(line)) and not _ends_sentence(line) or _ABBREVIATED.search(line)
        for line in lines)


_GREETING = re.compile(r"^\W*(?:dear|hi|hello)\b", re.I)
"""A column's name ("DEAR PRUDENCE" over "Advice from ..."), never a signature's first line."""


_ABBREVIATED = re.compile(r"(?:^|[\s.])[A-Z][a-z]{0,3}\.$")
"""A line ending in an initial or a state's abbreviation ("Dale P.", "Brockton, Mass.")."""


def _boilerplate_follows(previous: str, line: str) -> bool:
    """A contact or copyright line after a sentence's end, after another such line, or
    after a word or three ("Save" over "Photo: ..."): a wrapped sentence's lines are longer."""
    # The line is tested first: it fails for nearly every line, and the previous line's
    # test would repeat the one its own turn already made.
    return is_boilerplate(line) and (_ends_sentence(previous) or len(previous.split()) <= 3 or is_boilerplate(previous))


def _ends_sentence(line: str) -> bool:
    return line.rstrip("\"”’)' ").endswith((".", "?", "!"))


_RULE = re.compile(r"^\s*(?:[-=_*~#·•]\s*){3,}$")
"""A line drawn across ("----", "* * *"): what follows it is another block (a newsletter's footer)."""


def split_signature(block: Block) -> list[Block]:
    """A signature run on at the end of a paragraph ("...Who's right? — Split Decision in
    Sacramento") is a block of its own, as if on its own line: a short name, opening
    with a capital, that does not end a sentence of its own."""
    found = TRAILING_SIGNATURE.match(block.text) if block.kind == "paragraph" else None
    if not found:
        return [block]
    signature = found["signature"]
    name = signature.lstrip("-—– ")
    last = signature.split()[-1]
    if len(signature.split()) > 9 or not name[:1].isupper() or last.endswith(".") and not _ABBREVIATION.match(last):
        return [block]
    return [replace(block, text=found["body"]), replace(block, text=signature, lead="", emphasis="")]


_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,5}|(?:[A-Z]\.)+[A-Z]?)\.$")
"""A signature's last word that is an abbreviation ("Wash.", "N.Y."), not a sentence's end."""


def split_dateline(block: Block) -> list[Block]:
    """A news story's opening place ("HARBOR POINT, Maine — Summer visitors...") is a
    dateline of its own."""
    opening = PLACE_OPENING.match(block.text) if block.kind == "paragraph" else None
    if not opening or SALUTATION.match(block.text):
        return [block]
    return [replace(block, text=opening["place"]), replace(block, text=opening["rest"])]


def _is_item_title(line: str) -> bool:
    """"1. Speak His Language" alone on its line: the item's title."""
    marked = ITEM_MARKER.match(line)
    return bool(marked and is_title_like(marked["rest"]))


@dataclass(frozen=True)
class Role:
    """What a block is in the column, and which rule said so."""

    name: str
    """furniture, boilerplate, byline, bio, bio-heading, question, answer,
    letter-salutation, reply-salutation, signature, item, numbered-heading, heading or prose."""
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
    counted: frozenset[int] = frozenset()
    """Headings that are a list's items because a title announced that many ("5 Ways to...")."""
    asked_in_bold: int = 0
    """How many paragraphs, all in bold, ask a reader's question: two or more make a
    column of questions set in bold, answered below each without a label."""
    answering_bold: bool = False
    """A bold question is open: its first paragraph not in bold (nor its signature) answers it."""
    shared: frozenset[str] = frozenset()
    """Class words that half the blocks or more carry: a wrapper's around the whole body
    ("hs_cos_wrapper_meta_field"), which says nothing of any one block."""

    @property
    def block(self) -> Block:
        return self.blocks[self.index]

    def next_block(self) -> Block | None:
        return self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None

    def next_spoken(self) -> Block | None:
        """The next block that is not an ad's or a page's furniture: "Story continues
        below advertisement" may stand between a letter's signature and the reply."""
        return next((block for block in self.blocks[self.index + 1:]
                     if not (is_boilerplate(block.text) or hinted(block, FURNITURE_HINTS))), None)


Rule = Callable[[_Context], "Role | None"]


def hinted(block: Block, words: set[str], parts: bool = True) -> bool:
    """Whether a class or role word of the block's elements, or (with `parts`) a part of
    one ("author" of "post-author"), is in `words`."""
    return any(hint in words or parts and not words.isdisjoint(re.split(r"[-_]+", hint)) for hint in block.hints)


def _hinted_furniture(ctx: _Context) -> Role | None:
    """What a page marks as related links, sharing, ads, newsletters or comments."""
    if hinted(ctx.block, FURNITURE_HINTS) and not hinted(ctx.block, BIO_HINTS):
        return Role("furniture", ctx.block, "hinted-furniture")
    return None


def _in_bio(ctx: _Context) -> Role | None:
    """Everything from the bio's start, but for boilerplate and furniture after it."""
    if ctx.index < ctx.bio_from or ctx.furniture or FURNITURE_HEADING.match(ctx.block.text):
        return None
    if hinted(ctx.blocks[ctx.bio_from], BIO_HINTS) and not hinted(ctx.block, BIO_HINTS):
        return None  # a page's author box ends where its element does
    if is_boilerplate(ctx.block.text) and not _looks_like_bio(ctx.block) and not hinted(ctx.block, BIO_HINTS):
        return None
    heading = ctx.block.kind == "heading" and BIO_HEADING.match(ctx.block.text)
    following = ctx.next_block()
    name = ctx.block.text.strip("*_ ")
    if not heading and following is not None and len(name.split()) <= 4 and following.text.startswith(f"{name} "):
        return Role("byline", ctx.block, "bio-name")  # an author card's name over a bio that opens with it
    return Role("bio-heading" if heading else "bio", ctx.block, "bio")


def _teaser(block: Block) -> bool:
    """A line or two under a linked post's title ("The script, word for word."): a
    section's prose runs longer."""
    return block.kind == "paragraph" and len(block.text.split()) <= 12


def _furniture_heading(ctx: _Context) -> Role | None:
    """A "Related Posts" heading and the links listed under it, up to the next heading
    that opens real prose (the links listed under such headings look like headings)."""
    block = ctx.block
    listed = block.kind == "item" or block.text[:1] in BULLETS and len(block.text.split()) <= 20  # "* Recipe: ..."
    if ctx.furniture and listed:  # "Key Points" and the summary's items under it
        return Role("furniture", block, "furniture-heading")
    if ctx.furniture and ctx.index and _teaser(block) and ctx.blocks[ctx.index - 1].kind == "heading":
        return Role("furniture", block, "furniture-heading")  # a linked post's line under its title
    if ctx.index > ctx.bio_from and FURNITURE_HEADING.match(block.text):
        ctx.furniture = True  # after the bio, "Read more from Work Life" and its titles, run together
        return Role("furniture", block, "furniture-heading")
    label = block.text.endswith(":") and len(block.text.split()) <= 5
    if block.kind == "heading" or label or is_title_like(block.text) and not SALUTATION.match(block.text):
        following = ctx.next_block()
        if FURNITURE_HEADING.match(block.text) or block.kind == "heading" and _over_links(ctx):
            ctx.furniture = True
            return Role("furniture", block, "furniture-heading")
        opens_prose = block.kind == "heading" and following is not None and following.kind == "paragraph" \
            and not is_title_like(following.text) and not _teaser(following)
        if ctx.furniture and not opens_prose and (block.kind != "paragraph" or len(block.text.split()) <= 12):
            return Role("furniture", block, "furniture-heading")
    ctx.furniture = False
    return None


def _over_links(ctx: _Context) -> bool:
    """Whether a heading stands over a list of other pages' titles and nothing else: a
    site's "More Family Matters" set inside the article."""
    under = list(itertools.takewhile(lambda b: b.kind == "item", ctx.blocks[ctx.index + 1:]))
    return len(under) >= 2 and all("link-list" in b.hints for b in under)


def _byline(ctx: _Context) -> Role | None:
    """A by-line, dateline or reading time near the top, or one the page marks as such."""
    block = ctx.block
    marked = hinted(replace(block, hints=tuple(h for h in block.hints if h not in ctx.shared)), BYLINE_HINTS)
    metadata = is_metadata_line(block.text)
    near_top = ctx.index < 6 or marked or metadata and _among_the_first(ctx, 6)
    if not near_top or len(block.text.split()) > 30 or block.kind == "item" and not marked:
        return None  # a list's item, unless the page marks it as its by-line ("<ul class=asset-byline>")
    if metadata or marked and len(block.text.split()) <= 12:
        return Role("byline", block, "byline")
    after_byline = ctx.index > 0 and is_metadata_line(ctx.blocks[ctx.index - 1].text) and block.kind == "paragraph"
    if after_byline and ctx.index < 6 and _AGENCY.match(block.text):
        return Role("byline", block, "byline")  # "By Lorraine Beck" / "Lakeshore Content Agency"
    return None


def _bio_under_byline(ctx: _Context) -> Role | None:
    """The writer's bio set under the by-line, before the column ("Ayesha Kamara is a
    licensed therapist..."): it joins the bio, which comes last."""
    block, previous = ctx.block, ctx.blocks[ctx.index - 1] if ctx.index else None
    if block.kind != "paragraph" or previous is None or not is_metadata_line(previous.text):
        return None
    # Who the writer is ("... is a therapist"), not what the column does this week
    # ("Fenella Marsh answers your problems...", a standfirst).
    text = block.text.strip("*_ ")
    subject = BIO_SUBJECT.match(text)
    identity = subject and re.match(r"\s+(?:is|are)\s", text[subject.end("names"):])
    if identity and subject["names"] in _byline_names(ctx.blocks[:ctx.index]) and _among_the_first(ctx, 6):
        return Role("bio", block, "bio-under-byline")
    return None


def _among_the_first(ctx: _Context, count: int) -> bool:
    """Whether fewer than `count` blocks before this one are more than the page's
    furniture (its menus, sharing buttons, a photo's caption)."""
    before = (b for b in ctx.blocks[:ctx.index] if not hinted(b, FURNITURE_HINTS) and not is_boilerplate(b.text))
    return sum(1 for _ in itertools.islice(before, count)) < count


_AGENCY = re.compile(rf"^(?:[A-Z][\w&.'’-]*\s+){{0,4}}(?:{AGENCY_WORDS}|Group)$")
"""The syndicate a by-line names on the line under it."""


def _boilerplate(ctx: _Context) -> Role | None:
    """Copyright and syndication lines, "Related:" links, where to send questions."""
    return Role("boilerplate", ctx.block, "boilerplate") if is_boilerplate(ctx.block.text) else None


def _question_or_answer(ctx: _Context) -> Role | None:
    """"Q:" opens a reader's question (a letter), "A:" the answer to it (a reply); so
    does a question set in bold, in a column of them."""
    text = ctx.block.text
    if ctx.answering_bold and ctx.block.emphasis != "bold" and not DASH_SIGNATURE.match(text):
        ctx.answering_bold = ctx.in_letter = False
    question = QUESTION.match(text)
    if question and len(text) > question.end():
        ctx.questions += 1
        ctx.in_letter = True
        return Role("question", ctx.block, "question-marker", question["marker"])
    answer = ANSWER.match(text)
    if answer and ctx.questions and len(text) > answer.end():
        ctx.in_letter = False
        return Role("answer", ctx.block, "answer-marker", answer["marker"])
    if ctx.asked_in_bold >= 2 and _asks_in_bold(ctx.block):
        ctx.questions += 1
        ctx.in_letter = ctx.answering_bold = True
        return Role("question", ctx.block, "bold-question", "")
    return None


def _asks_in_bold(block: Block) -> bool:
    """A paragraph all in bold that asks a question at some length, as a reader does."""
    return block.kind == "paragraph" and block.emphasis == "bold" and "?" in block.text \
        and len(block.text.split()) >= 8


def _salutation(ctx: _Context) -> Role | None:
    """A salutation opens a letter when it greets the columnist (as the first letter
    did) and a reply when it greets the letter's writer; "A reader writes:" opens a letter."""
    if READER_WRITES.match(ctx.block.text):
        ctx.in_letter = True
        return Role("letter-salutation", ctx.block, "reader-writes", "")
    greeting = SALUTATION.match(ctx.block.text)
    if not greeting or NOT_A_CORRESPONDENT.match(greeting["names"].strip()):
        return None
    names = greeting["names"].strip()
    if ctx.columnist is None:
        ctx.columnist = names.casefold()
    ctx.in_letter = names.casefold() == ctx.columnist
    return Role("letter-salutation" if ctx.in_letter else "reply-salutation", ctx.block, "salutation", names)


def _signature(ctx: _Context) -> Role | None:
    """A letter's signature: a dash-led short line; the letter's last short line when
    the reply's salutation follows it ("Tired of Tomatoes"), or a reply that opens with
    its first name ("Maureen" / "Brockton, Mass.", then "Maureen, you're..."); or the
    name under the letter's closing words ("Sincerely,")."""
    block = ctx.block
    dashed = DASH_SIGNATURE.match(block.text)
    if not ctx.in_letter and not dashed:
        return None
    following = ctx.next_spoken()
    if not ctx.in_letter and not (following and SALUTATION.match(following.text)):
        return None  # a dashed line outside a letter signs one only when its reply greets the writer
    if dashed and len(block.text.split()) <= 10 and not (following and _same_bullet(block, following)):
        ctx.in_letter = False
        return Role("signature", block, "dash-signature", writer_name(dashed["name"]))
    replied = following is not None and (SALUTATION.match(following.text) or ANSWER.match(following.text))
    # A last word's period may be a state's ("Jamal, Tacoma, Wash."), not a sentence's.
    text = block.text.rstrip()
    ends = text.endswith(("?", "!", ":", ",")) or text.endswith(".") and not ends_abbreviated(text)
    if replied and len(block.text.split()) <= 8 and not ends:
        ctx.in_letter = False
        return Role("signature", block, "last-line-signature", writer_name(block.text))
    name = next(iter(block.text.lstrip("-—–~ ").split(",")[0].split()), "")
    # The reply opens with the writer's name, or by quoting the letter: "I feel like a guest..."
    addressed = following is not None and (name[:1].isupper() and following.text.startswith(f"{name},")
                                           or following.text[:1] in "\"“" and is_title_like(block.text))
    if addressed and len(block.text.split()) <= 8 and not block.text.rstrip().endswith(("?", "!", ":")):
        ctx.in_letter = False  # "Maureen" / "Brockton, Mass.", answered "Maureen, you're..."
        return Role("signature", block, "addressed-signature", writer_name(block.text))
    closed = ctx.index > 0 and VALEDICTION.match(ctx.blocks[ctx.index - 1].text)
    if closed and len(block.text.split()) <= 6 and block.text[:1].isupper() \
            and not block.text.rstrip().endswith(("?", "!", ":", ",")):
        ctx.in_letter = False
        return Role("signature", block, "valediction-signature", writer_name(block.text))
    return None


def _same_bullet(block: Block, following: Block) -> bool:
    return block.text[:1] in BULLETS and following.text[:1] == block.text[:1]


def _item(ctx: _Context) -> Role | None:
    """A list's item: one a reader found, a marked line ("3)", "Step 2:", "•"), or a
    numbered heading ("## 1. Title")."""
    block = ctx.block
    if block.kind == "item":
        return Role("item", block, "list-item", block.marker)
    if _led_run(ctx):
        return Role("item", block, "lead-paragraph", "")
    marked = ITEM_MARKER.match(block.text)
    if ctx.index in ctx.counted:
        text = marked["rest"] if marked and block.text[:1] not in BULLETS else block.text  # "Step one: Title"
        return Role("numbered-heading", replace(block, text=text, level=block.level or 1), "counted-heading", "")
    if not marked:
        return None
    if block.level:
        return Role("numbered-heading", replace(block, text=marked["rest"]), "numbered-heading", marked["marker"])
    return Role("item", replace(block, text=marked["rest"], marker=marked["marker"]), "marked-line", marked["marker"],
                written=block.text)


def _led(block: Block | None) -> bool:
    """A paragraph that opens with a bold sentence: "**Find the drafts.** On a windy day..."."""
    return block is not None and block.kind == "paragraph" and 1 < len(block.lead.split()) <= 12 \
        and block.lead.rstrip().endswith((".", "!", "?", ":")) and len(block.text) > len(block.lead) + 10 \
        and not ITEM_MARKER.match(block.text)  # "**Step 1:** Pick a spot" is a marked line


def _led_run(ctx: _Context) -> bool:
    """A paragraph led by a bold sentence, beside another (furniture between them
    aside): the items of a list set without list markup."""
    if not _led(ctx.block):
        return False
    near = (*ctx.blocks[max(0, ctx.index - 2):ctx.index], *ctx.blocks[ctx.index + 1:ctx.index + 3])
    return any(_led(block) for block in near if not (hinted(block, FURNITURE_HINTS) or is_boilerplate(block.text)))


def _subtitle(ctx: _Context) -> Role | None:
    """A page's subtitle or standfirst, though set as a heading, opens the article's
    prose: one the page marks so, or a heading right under the title that is a whole
    sentence of more than twelve words (Medium's, which carries no mark)."""
    block = ctx.block
    sentence = ctx.index == 0 and block.kind == "heading" and len(block.text.split()) > 12 \
        and block.text.rstrip("\"”’)' ").endswith((".", "!", "?"))
    if sentence or hinted(block, SUBTITLE_HINTS, parts=False):
        return Role("prose", replace(block, kind="paragraph"), "subtitle")
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
    ("bio-under-byline", _bio_under_byline),
    ("question-or-answer", _question_or_answer),
    ("salutation", _salutation),
    ("signature", _signature),
    ("item", _item),
    ("subtitle", _subtitle),
    ("heading", _heading),
    ("prose", _prose),
)
"""The rules that give a block its role, tried in this order; the first that answers wins."""


def classify(blocks: list[Block], title: str = "") -> list[Role]:
    """A role for every block after the title, in reading order."""
    bio_from = _bio_start(blocks)
    carried = Counter(hint for block in blocks for hint in set(block.hints))
    shared = frozenset(hint for hint, count in carried.items() if len(blocks) >= 4 and count * 2 >= len(blocks))
    ctx = _Context(blocks, bio_from=bio_from, counted=_counted_headings(title, blocks[:bio_from]), shared=shared,
                   asked_in_bold=sum(1 for block in blocks[:bio_from] if _asks_in_bold(block)))
    roles = []
    for index in range(len(blocks)):
        ctx.index = index
        roles.append(next(role for _, rule in RULES if (role := rule(ctx)) is not None))
    return roles


def _counted_headings(title: str, blocks: list[Block]) -> frozenset[int]:
    """Unnumbered headings that are items: a title or heading announces how many ("5
    Ways to Make a Small Apartment Feel Like Home") and exactly that many headings of
    one level follow it; or, with no count, a heading names a list's kind ("Why It
    Happens", "What to Do About It") and two or more headings of the next level under
    it each open some prose."""
    announcers = [(-1, title, 0), *((i, b.text, b.level) for i, b in enumerate(blocks) if b.kind == "heading")]
    for start, text, level in announcers:
        announced = COUNTED_TITLE.match(text)
        if not announced or start >= 0 and not level:
            continue
        under = _headings_under(blocks, start, level)
        deepest = {b.level for _, b in under}
        for depth in sorted(deepest):
            chosen = [i for i, b in under if b.level == depth]
            if len(chosen) == number(announced["count"]):
                return frozenset(chosen)
    return frozenset(index for start, text, level in announcers[1:] if level and list_kind_cue(text)
                     for index in _cued_items(blocks, start, level))


def _cued_items(blocks: list[Block], start: int, level: int) -> list[int]:
    """The headings one level under a heading that names a list's kind, when there are
    two or more, all of one level, and each opens prose."""
    under = _headings_under(blocks, start, level)
    if len(under) < 2 or len({b.level for _, b in under}) != 1:
        return []
    opens_prose = all(index + 1 < len(blocks) and blocks[index + 1].kind == "paragraph" for index, _ in under)
    return [index for index, _ in under] if opens_prose else []


def _headings_under(blocks: list[Block], start: int, level: int) -> list[tuple[int, Block]]:
    """The plain headings after `start` up to the next heading of its level or above."""
    under = []
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if block.kind != "heading":
            continue
        if start >= 0 and 0 < block.level <= level:
            break
        if not ITEM_MARKER.match(block.text) and not FURNITURE_HEADING.match(block.text) \
                and not hinted(block, FURNITURE_HINTS):
            under.append((index, block))
    return under


def _bio_start(blocks: list[Block]) -> int:
    """Where the author's bio begins: an "About the author" heading, an author box, or
    the article's last paragraphs when they introduce the author (often in italics)."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and BIO_HEADING.match(block.text) and not ITEM_MARKER.match(block.text):
            return index
        if hinted(block, BIO_HINTS):
            return index
    end = _before_trailing_furniture(blocks, len(blocks))
    links = end  # a "Keep reading" heading and the posts it lists, each a title and a line
    while links and (blocks[links - 1].kind == "heading" or _teaser(blocks[links - 1])) \
            and not FURNITURE_HEADING.match(blocks[links - 1].text):
        links -= 1
    if links and links < end and FURNITURE_HEADING.match(blocks[links - 1].text):
        end = _before_trailing_furniture(blocks, links - 1)
    start = end
    authors = _byline_names(blocks[:6])
    while start and blocks[start - 1].kind == "paragraph" and not SALUTATION.match(blocks[start - 1].text) \
            and (_looks_like_bio(blocks[start - 1]) or _about(blocks[start - 1], authors)):
        start -= 1
    return start if start < end else len(blocks)


_NAMED_BY = re.compile(rf"\b(?:[Bb]y|BY)\s+(?P<names>{NAME})")


def _byline_names(blocks: list[Block]) -> set[str]:
    """The names the article's by-line gives ("Feb. 2, 2025 | By Marisa Quinn")."""
    return {found["names"] for block in blocks if is_metadata_line(block.text)
            for found in _NAMED_BY.finditer(block.text)}


def _about(block: Block, authors: set[str]) -> bool:
    """A last paragraph about the by-line's own writer ("Marisa Quinn is a veterinarian...")."""
    subject = BIO_SUBJECT.match(block.text.strip("*_ "))
    return bool(subject) and subject["names"] in authors


def _before_trailing_furniture(blocks: list[Block], end: int) -> int:
    while end and _is_trailing_furniture(blocks[end - 1]):
        end -= 1
    return end


def _is_trailing_furniture(block: Block) -> bool:
    furniture = is_boilerplate(block.text) or hinted(block, FURNITURE_HINTS) or FURNITURE_HEADING.match(block.text)
    return bool(furniture) and not _looks_like_bio(block)


def _looks_like_bio(block: Block) -> bool:
    """A paragraph about a named person: "Jane Doe is a therapist who writes...", or
    any "Jane Doe spent fifteen years..." set in italics at the article's end."""
    text = block.text.strip("*_ ")
    if len(text.split()) > 150:
        return False
    if ABOUT_LABEL.match(text):
        return True
    subject = BIO_SUBJECT.match(text)
    if subject and len(subject["names"].split()) <= 8 and subject["names"].split()[0].casefold() not in PRONOUNS:
        return block.emphasis == "italic" or bool(BIO_WORDS.search(text))
    named = re.match(rf"^{NAME_WORD}\s+{NAME_WORD}(\s+{NAME_WORD})?\s+[a-z]", text)
    # "*Contact Wendell Price at www...*" names him too, and is a contact line.
    return block.emphasis == "italic" and bool(named) and not is_boilerplate(text)
