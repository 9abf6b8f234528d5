"""Find an advice column's structure in a read article and make the segment plan.

The shape looked for: a title, a reader's letter ("Dear ..."), the reply (the next
"Dear ..."), numbered lists under headings (reasons, then tips), the paragraphs
between and after them, and "About the author(s)". Articles without this shape
still get a plan: their headings become sections.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from audio_edition.errors import ArticleError
from audio_edition.model import Block, Document, Plan, Segment

_SALUTATION = re.compile(r"^[\"“‘']?\s*dear\s+(?P<names>[^,]{1,80}),", re.I)
_BIO = re.compile(r"^about\s+the\s+authors?\b", re.I)
_FURNITURE = re.compile(
    r"^(suggested|recommended|related)\s+(reading|posts?|articles?|stories)\b"
    r"|^(you\s+may\s+also\s+like|read\s+more|share\s+this|advertisement)\b",
    re.I,
)
_REASON_WORDS = re.compile(r"\b(reasons?|signs?|causes?|mistakes?)\b", re.I)
_TIP_WORDS = re.compile(r"\b(how\s+to|ways?\s+to|tips?|steps?|what\s+to\s+do|things\s+to)\b", re.I)
_BY_LINE = re.compile(r"^by\s+(?P<names>.{2,80})$", re.I)
_BIO_SUBJECT = re.compile(
    r"^(?P<names>[A-Z][^.,;:]{1,80}?)\s+(?:are|is|was|were|writes?|has|have|helps?|lives?|works?)\b"
)
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def make_plan(document: Document) -> Plan:
    """Turn a read article into its segment plan, in reading order."""
    blocks = list(document.blocks)
    if not any(_WORD.search(b.text) for b in blocks):
        raise ArticleError(f"{document.source}: holds no words to speak")
    title = blocks.pop(0).text
    blocks, dropped = _drop_furniture(blocks)
    dropped = [*document.dropped, *dropped]
    builder = _PlanBuilder()
    body, bio = _split_bio(blocks)
    builder.read_body(body)
    if bio:
        builder.add("bio", bio[0].text, bio[1:])
    authors = _find_authors(document.blocks, bio)
    segments = _split_long((Segment("intro", title, builder.lead_text()), *builder.segments))
    return Plan(title=title, authors=authors, segments=segments, dropped=tuple(dropped),
                writer=_find_writer(segments))


def _drop_furniture(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Remove page furniture: a furniture heading ("Suggested Reading", "Related
    Posts") and what follows it, up to the next heading that opens real prose (one
    followed by a paragraph): the links listed under such headings look like headings."""
    kept: list[Block] = []
    dropped: list[str] = []
    dropping = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            opens_prose = index + 1 < len(blocks) and blocks[index + 1].kind == "paragraph"
            dropping = bool(_FURNITURE.match(block.text)) or (dropping and not opens_prose)
        (dropped.append(block.text) if dropping else kept.append(block))
    return kept, dropped


LONG_WORDS = 700
"""A stretch of prose longer than this (about four minutes) is split into chapters."""
_CHAPTER_WORDS = 450


def _split_long(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Split long prose at paragraph boundaries into chapters of a few minutes, so a
    listener can move through an article that has few headings."""
    result: list[Segment] = []
    for segment in segments:
        if segment.kind in ("reason", "tip") or len(segment.text.split()) <= LONG_WORDS:
            result.append(segment)
            continue
        pieces = _paragraph_groups(segment.text.split("\n\n"))
        result.append(Segment(segment.kind, segment.title, pieces[0]))
        result.extend(Segment("section", f"{segment.title}, continued" if segment.kind != "intro"
                              else _opening_words(piece), piece) for piece in pieces[1:])
    return tuple(result)


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


def _split_bio(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    for index, block in enumerate(blocks):
        if block.kind == "heading" and _BIO.match(block.text):
            return blocks[:index], blocks[index:]
    return blocks, []


@dataclass
class _PlanBuilder:
    segments: list[Segment] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    lists_seen: int = 0

    def add(self, kind: str, title: str, blocks: list[Block], position: int = 0, count: int = 0) -> None:
        text = "\n\n".join(b.text for b in blocks)
        self.segments.append(Segment(kind, title, text, position, count))

    def lead_text(self) -> str:
        return "\n\n".join(self.lead)

    def read_body(self, blocks: list[Block]) -> None:
        """Walk the body once: lead, letter, reply, then sections with their lists."""
        rest = self._read_letters(blocks)
        chunks = _chunk_by_heading(rest)
        if chunks and chunks[0][0] is None:
            self._add_prose(chunks.pop(0)[1])
        for index, (heading, content) in enumerate(chunks):
            later_lists = any(_has_items(c) for _, c in chunks[index + 1:])
            self._read_section(heading, content, is_last_list=not later_lists)

    def _read_letters(self, blocks: list[Block]) -> list[Block]:
        """Take the lead, the letter (salutation to the reply's salutation, signature
        included) and the reply's opening; return the blocks after them."""
        starts = [i for i, b in enumerate(blocks) if b.kind == "paragraph" and _SALUTATION.match(b.text)]
        if not starts:
            return blocks
        self.lead.extend(b.text for b in blocks[: starts[0]])
        if len(starts) == 1:
            end = _next_heading(blocks, starts[0] + 1)
            self.add("letter", "The Letter", blocks[starts[0]:end])
            return blocks[end:]
        self.add("letter", "The Letter", blocks[starts[0]:starts[1]])
        end = _next_heading(blocks, starts[1] + 1)
        self.add("reply", "The Reply", blocks[starts[1]:end])
        return blocks[end:]

    def _add_prose(self, blocks: list[Block]) -> None:
        if not blocks:
            return
        if self.segments:
            self.add("section", _opening_words(blocks[0].text), blocks)
        else:
            self.lead.extend(b.text for b in blocks)

    def _read_section(self, heading: Block, blocks: list[Block], is_last_list: bool) -> None:
        first_item = next((i for i, b in enumerate(blocks) if b.kind == "item"), None)
        if first_item is None:
            self.add("section", heading.text, blocks)
            return
        self.add("section", heading.text, blocks[:first_item])
        items, trailing = _split_items(blocks[first_item:])
        kind = self._list_kind(heading.text)
        for position, (item, body) in enumerate(items, start=1):
            self.add(kind, item.text, body, position, len(items))
        if trailing:
            tail_kind = "closing" if is_last_list else "reply"
            self.add(tail_kind, _opening_words(trailing[0].text), trailing)

    def _list_kind(self, heading: str) -> str:
        self.lists_seen += 1
        if _REASON_WORDS.search(heading):
            return "reason"
        if _TIP_WORDS.search(heading):
            return "tip"
        return "reason" if self.lists_seen == 1 else "tip"


def _chunk_by_heading(blocks: list[Block]) -> list[tuple[Block | None, list[Block]]]:
    chunks: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if block.kind == "heading":
            chunks.append((block, []))
        else:
            chunks[-1][1].append(block)
    return chunks if chunks[0][1] else chunks[1:]


def _next_heading(blocks: list[Block], start: int) -> int:
    return next((i for i in range(start, len(blocks)) if blocks[i].kind == "heading"), len(blocks))


def _has_items(blocks: list[Block]) -> bool:
    return any(b.kind == "item" for b in blocks)


def _split_items(blocks: list[Block]) -> tuple[list[tuple[Block, list[Block]]], list[Block]]:
    """Group a list's blocks by item; paragraphs after the last item beyond the
    usual length of an item are not part of it (a bridge or a closing)."""
    items: list[tuple[Block, list[Block]]] = []
    for block in blocks:
        if block.kind == "item":
            items.append((block, []))
        else:
            items[-1][1].append(block)
    if len(items) < 3:
        return items, []
    usual = int(statistics.median(len(body) for _, body in items[:-1]))
    last, body = items[-1]
    items[-1] = (last, body[:usual])
    return items, body[usual:]


def _opening_words(text: str, count: int = 6) -> str:
    words = text.split()
    title = " ".join(words[:count]).rstrip(",;:")
    return title + ("…" if len(words) > count else "")


def _find_authors(blocks: tuple[Block, ...], bio: list[Block]) -> str:
    for block in blocks[1:3]:
        by_line = _BY_LINE.match(block.text)
        if by_line:
            return by_line["names"].strip()
    for block in bio[1:]:
        subject = _BIO_SUBJECT.match(block.text)
        if subject and len(subject["names"].split()) <= 8:
            return subject["names"].strip()
    for block in blocks:
        salutation = _SALUTATION.match(block.text)
        if salutation:
            return salutation["names"].strip()
    return ""


def _find_writer(segments: tuple[Segment, ...]) -> str:
    """The letter's writer: the name the reply greets ("Dear Heather,")."""
    reply = next((s for s in segments if s.kind == "reply" and s.title == "The Reply"), None)
    greeting = _SALUTATION.match(reply.text) if reply else None
    return greeting["names"].strip() if greeting else ""
