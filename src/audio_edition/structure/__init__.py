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

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import PurePath

from audio_edition.errors import ArticleError
from audio_edition.model import Document, Plan, Segment
from audio_edition.readers.text import is_title_like
from audio_edition.structure.grouping import Metadata, Walk, bio_subject, find_writer, renumber, split_long
from audio_edition.structure.patterns import (
    ALPHANUMERIC, BYLINE, DATE, ITEM_MARKER, PREHEADER, SMALL_WORDS, WORD, is_metadata_line,
)
from audio_edition.structure.roles import RULES, classify, split_dateline, split_lines, split_signature
from audio_edition.structure.warnings import plan_warnings

__all__ = ["RULES", "classify", "make_plan", "renumber"]


def make_plan(document: Document) -> Plan:
    """Turn a read article into its segment plan, in reading order."""
    pages, page_furniture = _without_page_furniture(list(document.blocks))
    blocks = [piece for block in _headline_apart(_numbers_above_titles(_labels_joined(pages)))
              for line in split_lines(_bold_heading(_without_emoji(block)))
              for signed in split_signature(line) for piece in split_dateline(signed)
              if ALPHANUMERIC.search(piece.text)]  # a rule ("=====") is no block
    if not any(WORD.search(b.text) for b in blocks):
        raise ArticleError(f"{document.source}: holds no words to speak")
    above = _above_title(blocks)
    above += _masthead(blocks[len(above):])
    title, body, named = _title(blocks[len(above):], document.source)
    named_again = _column_name(title, body)
    body = [block for index, block in enumerate(body) if index not in named_again]
    roles = classify(body, title)
    walk = Walk(title)
    walk.read(roles)
    segments, long_sections = split_long((Segment("intro", title, "\n\n".join(walk.lead)), *walk.finish()))
    metadata = Metadata.of(roles)
    plan = Plan(title=title, authors=metadata.authors or bio_subject(roles), segments=segments,
                dropped=(*document.dropped, *page_furniture, *above, *named_again.values(), *walk.dropped),
                writer=find_writer(segments),
                date=metadata.date)
    long = [f"{t}: a very long section, split into chapters at paragraph breaks" for t in long_sections]
    untitled = ["the article opens with prose, not a title: titled from its file's name"] if named else []
    return replace(plan, warnings=(*untitled, *plan_warnings(plan), *long))


_BARE_LABEL = re.compile(r"^(?:q|question|a|answer)\s*[:.]?$", re.I)


def _labels_joined(blocks) -> list:
    """A question's or answer's label set apart from its words, as a definition list or a
    table sets it ("Question" / "Our golden retriever..."): joined to them ("Question:
    Our golden..."), as the label is written inline elsewhere."""
    joined, index = [], 0
    while index < len(blocks):
        block, following = blocks[index], blocks[index + 1] if index + 1 < len(blocks) else None
        if _BARE_LABEL.match(block.text.strip()) and following is not None and following.kind == "paragraph" \
                and not _BARE_LABEL.match(following.text.strip()):
            joined.append(replace(following, text=f"{block.text.strip().rstrip(':.')}: {following.text}"))
            index += 2
        else:
            joined.append(block)
            index += 1
    return joined


def _without_emoji(block):
    """A heading without the emoji set before or after its words ("## 💡 What to try"):
    a chapter's title is its words."""
    if block.kind != "heading":
        return block
    text = block.text
    start, end = 0, len(text)
    while start < end and (_decoration(text[start]) or text[start].isspace()):
        start += 1
    while end > start and (_decoration(text[end - 1]) or text[end - 1].isspace()):
        end -= 1
    return replace(block, text=text[start:end]) if 0 < end - start < len(text) and WORD.search(text[start:end]) \
        else block


def _decoration(char: str) -> bool:
    """An emoji, or what joins and styles one."""
    return char in "\u200d\ufe0f" or unicodedata.category(char) == "So" and (
        ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x27BF)


_BARE_NUMBER = re.compile(r"^\d{1,2}$")
_NUMBER_OVER_TITLE = re.compile(r"^(?P<number>\d{1,2})\n(?P<title>[^\n]{1,100})$")


def _numbers_above_titles(blocks) -> list:
    """Items numbered on a line of their own, over their titles, as copied from a
    designed page ("1" / "Soaking it in the sink"): each number and its title made one
    numbered line ("1. Soaking it in the sink"), when the numbers count 1, 2, 3... A
    title is a short line, or the heading after the number."""
    numbered: dict[int, tuple[int, str, str]] = {}  # index -> (number, title, kind)
    for index, block in enumerate(blocks):
        over = _NUMBER_OVER_TITLE.match(block.text.strip())
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if over and len(over["title"].split()) <= 15:
            numbered[index] = (int(over["number"]), over["title"].strip(), block.kind)
        elif _BARE_NUMBER.match(block.text.strip()) and following is not None and "\n" not in following.text \
                and len(following.text.split()) <= 15:
            numbered[index] = (int(block.text), following.text.strip(), following.kind)
    if [number for number, _, _ in numbered.values()] != list(range(1, len(numbered) + 1)) or len(numbered) < 2:
        return blocks
    joined, skip = [], False
    for index, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        if index in numbered:
            number, title, kind = numbered[index]
            skip = _BARE_NUMBER.match(block.text.strip()) is not None
            block = replace(block, kind=kind, text=f"{number}. {title}")
        joined.append(block)
    return joined


_TITLE_MAX_WORDS = 25
"""A headline is rarely longer; a first paragraph pasted without one usually is."""
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"”’)]?\s+[\"“A-Z]")


def _title(blocks, source: str) -> tuple[str, list, bool]:
    """The title, the blocks after it, and whether the title was made from the file's
    name: an article that opens with prose (a letter pasted without a headline: lines,
    over 12 words in sentence case ending in a full stop, or over 25 holding a
    sentence's end) keeps that prose, and is titled as its file is named. A headline in
    title case may end in a full stop ("...the House. Now They Won't Lift a Finger.")."""
    first = blocks[0]
    words = len(first.text.split())
    text = first.text.rstrip()
    ends = text.rstrip("\"”’)").endswith((".", "!", ":"))  # a headline may ask ("Should I Tell My Friend...?")
    capitals = sum(1 for word in text.split() if word[:1].isupper()) / max(words, 1)
    prose = first.kind != "heading" and ("\n" in text or words > 12 and ends and capitals < 0.5
                                         or words > _TITLE_MAX_WORDS and bool(_SENTENCE_INSIDE.search(text)))
    if not prose or len(blocks) == 1:
        return first.text, blocks[1:], False
    name = "" if source == "standard input" else re.sub(r"[-_\s]+", " ", PurePath(source).stem).strip()
    return (name[:1].upper() + name[1:]) if name else "Untitled article", blocks, True


def _column_name(title: str, body) -> dict[int, str]:
    """The column's name set again under a title that opens with it ("DEAR PRUDENCE"
    under "Dear Prudence: My roommate eats all my food"), by place: a masthead, said
    already."""
    head = re.split(r"\s*[:|—–]\s*", title, maxsplit=1)[0].casefold()
    if head == title.casefold() or len(head.split()) > 6:
        return {}
    return {index: block.text for index, block in enumerate(body[:3]) if block.text.strip(" *_").casefold() == head}


_PAGE_NUMBER = re.compile(r"^(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|[-—–]\s*\d{1,3}\s*[-—–])$", re.I)
"""A page's number as a PDF prints it: "Page 2 of 3", "— 4 —" (a bare number may be an item's)."""


def _without_folio(text: str) -> str:
    """A running header without the page number set before or after it."""
    return re.sub(r"^\d{1,3}\s+[|·•]\s+|\s+[|·•]\s+\d{1,3}$", "", " ".join(text.split()))


def _without_page_furniture(blocks) -> tuple[list, list[str]]:
    """An article copied from a PDF, without its pages' furniture: page numbers ("— 4 —",
    "Page 2 of 3") and the running header set again on every page. A paragraph that a
    page break cut ("...tell him how" / "to reach you.") is joined again."""
    counts = Counter(_without_folio(block.text) for block in blocks)
    # A running header names the publication and the issue in parts ("SILVER LINKS | ... |
    # June 2025"), with the page's number or without ("32 | FIELD & FEATHER | SPRING 2025");
    # a repeated signature or heading is the article's own.
    repeated = {block.text for block in blocks if counts[_without_folio(block.text)] >= 2
                and len(block.text.split()) <= 15 and "\n" not in block.text
                and len([part for part in re.split(r"\s[|·•]\s", block.text) if part.strip()]) >= 2
                and not BYLINE.match(block.text.strip("*_ "))}
    furniture = [block.text for block in blocks if _PAGE_NUMBER.match(block.text.strip()) or block.text in repeated]
    if not furniture:
        return blocks, []
    kept = []
    for index, block in enumerate(blocks):
        if _PAGE_NUMBER.match(block.text.strip()) or block.text in repeated:
            continue
        cut = index and kept and blocks[index - 1].text in furniture and block.kind == "paragraph" \
            and block.text[:1].islower() and kept[-1].kind == "paragraph"
        if cut:
            block = replace(kept[-1], text=f"{kept.pop().text} {block.text}")
        kept.append(block)
    return kept, furniture  # each one listed, as every word of the input is


def _bold_heading(block):
    """A short paragraph set all in bold, with no sentence's end ("**What to do**",
    `<p><strong>Why this happens</strong></p>`), is a heading, as writers set one
    without a heading's markup. A whole bold sentence stays prose, and a numbered line an item."""
    if block.kind != "paragraph" or block.emphasis != "bold" or "\n" in block.text or ITEM_MARKER.match(block.text):
        return block
    text = block.text.strip()
    if not (is_title_like(text) or text.endswith(("?", "!")) and len(text.split()) <= 12):
        return block
    return replace(block, kind="heading", lead="", emphasis="")


def _headline_apart(blocks):
    """A page pasted as text runs its headline into the lines under it ("Why Your Bread
    Comes Out Dense: 5 Common Causes" / "A heavy, gummy loaf is..." / "By ..."): a first
    line in title case is the headline. In sentence case it could be prose's first line;
    in capitals it is a column's name over its headline ("FIT AFTER FIFTY"), kept with it."""
    first = blocks[0] if blocks else None
    if first is None or first.kind != "paragraph" or "\n" not in first.text:
        return blocks
    headline, rest = first.text.split("\n", 1)
    words = headline.split()
    capitals = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit() or word.lower() in SMALL_WORDS)
    if not is_title_like(headline) or len(words) < 3 or capitals < 0.8 * len(words) or headline.isupper():
        return blocks
    return (replace(first, kind="heading", text=headline), replace(first, text=rest), *blocks[1:])


_ISSUE = re.compile(r"\b(?:issue|edition|no\.|vol\.|volume)\s*#?\d+\b|\s#\d+$", re.I)


def _masthead(blocks) -> list[str]:
    """A newsletter's name and issue line over the headline and its by-line ("ADVICE
    DAILY from The Ledger-Gazette" / "Issue 212 | Thursday, May 15, 2025" / headline /
    "By Charlotte Lund"): the headline is the title; the name and the issue are dropped."""
    if len(blocks) >= 3 and blocks[0].text.isupper() and len(blocks[0].text.split()) <= 4 \
            and not blocks[1].text.isupper() and is_title_like(blocks[1].text) \
            and BYLINE.match(blocks[2].text.strip("*_ ")):
        return [blocks[0].text]  # a section's kicker over the headline: "BACKYARD BASICS"
    if len(blocks) >= 3 and len(blocks[0].text.split()) <= 12 and _ISSUE.search(blocks[0].text) \
            and blocks[1].kind == "heading" and BYLINE.match(blocks[2].text.strip("*_ ")):
        return [blocks[0].text]  # the name and issue on one line: "The Tuesday Tune-Up · Issue #61"
    if len(blocks) < 4 or not is_metadata_line(blocks[1].text) or BYLINE.match(blocks[1].text.strip("*_ ")):
        return []
    if not is_title_like(blocks[2].text) or not BYLINE.match(blocks[3].text.strip("*_ ")):
        return []
    return [blocks[0].text, blocks[1].text]


def _preheading(blocks, index: int) -> bool:
    """A newsletter's preheader ("View this email in your browser"), or the issue line
    over one ("WEEKEND DIGEST | Saturday, April 12, 2025"), with more to come after it."""
    text = blocks[index].text.strip("*_ ")
    if PREHEADER.match(text):
        return True
    following = blocks[index + 1].text.strip("*_ ")
    dated = bool(DATE.search(text) or _ISSUE.search(text))
    return dated and len(text.split()) <= 12 and bool(PREHEADER.match(following)) and index + 2 < len(blocks)


def _above_title(blocks) -> list[str]:
    """What a newsletter or page puts above the title ("View this email in your browser")."""
    above = []
    while len(above) + 1 < len(blocks) and _preheading(blocks, len(above)):
        above.append(blocks[len(above)].text)
    rest = blocks[len(above):]
    # A site's name over a Markdown page's one top heading ("Kitchen Table Counsel" / "# My Husband..."):
    # the heading is the title.
    if len(rest) > 2 and rest[0].kind != "heading" and len(rest[0].text.split()) <= 6 and "\n" not in rest[0].text \
            and rest[1].kind == "heading" and rest[1].level == 1 \
            and sum(1 for block in blocks if block.kind == "heading" and block.level == 1) == 1:
        above.append(rest[0].text)
    return above
