"""Markdown articles, parsed with markdown-it-py.

Blocks keep what the Markdown says: heading levels, list items with their markers, bold
lead-ins ("**Ask For Time.** Set a time."), paragraphs set wholly in italics, and block
quotes. A list inside a list item is part of that item's text, however deep."""

from __future__ import annotations

from dataclasses import dataclass, field

from audio_edition.model import Block, Document
from audio_edition.readers import text as plain_text


@dataclass
class _Lists:
    """Where the walk is: the lists it is inside, and whether an item's first paragraph
    is still to come."""

    stack: list[tuple[int, bool, str]] = field(default_factory=list)
    """(list id, ordered, marker of the current item) for each open list, outermost first."""
    opening_item: bool = False
    next_id: int = 1


def read(text: str, source: str) -> Document:
    from markdown_it import MarkdownIt

    # markdown-it drops what is nested deeper than its limit (20 by default): quotes
    # within quotes, lists within lists. No depth is too deep to read; one too deep to
    # parse is read as plain text, its words all kept.
    try:
        tokens = MarkdownIt("commonmark", {"maxNesting": 100_000}).parse(text)
    except RecursionError:
        return plain_text.read(text, source)
    blocks: list[Block] = []
    lists = _Lists()
    quotes = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            outer = lists.stack[0][0] if lists.stack else 0
            lists.stack.append((outer or lists.next_id, token.type == "ordered_list_open", ""))
            lists.next_id += 0 if outer else 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.stack.pop()
        elif token.type == "list_item_open":
            list_id, ordered, _ = lists.stack[-1]
            lists.stack[-1] = (list_id, ordered, f"{token.info}{token.markup}" if ordered else token.markup)
            lists.opening_item = len(lists.stack) == 1
        elif token.type == "blockquote_open":
            quotes += 1
        elif token.type == "blockquote_close":
            quotes -= 1
        elif token.type == "inline":
            blocks.append(_block(token, tokens[index - 1], lists, quotes > 0))
    return Document(source, tuple(b for b in blocks if b.text))


def _block(token, opener, lists: _Lists, quoted: bool) -> Block:
    text, lead, emphasis = _plain(token), _lead(token), _emphasis(token)
    if opener.type == "heading_open":
        return Block("heading", text, level=int(opener.tag[1:]), quoted=quoted)
    if not lists.stack:
        return Block("paragraph", text, lead=lead, emphasis=emphasis, quoted=quoted)
    list_id, ordered, marker = lists.stack[0]
    kind = "item" if lists.opening_item else "paragraph"
    lists.opening_item = False
    return Block(kind, text, marker=marker if kind == "item" else "", lead=lead, emphasis=emphasis,
                 list_id=list_id, ordered=ordered, quoted=quoted)


def _plain(token) -> str:
    """The inline text without its markup: emphasis, links and code become their words."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _lead(token) -> str:
    """The bold words a paragraph opens with."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open":
        return ""
    closing = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    return " ".join("".join(c.content for c in children[1:closing]).split()) if closing else ""


def _emphasis(token) -> str:
    """`italic` or `bold` when the whole paragraph is wrapped in one emphasis."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) >= 3 and children[0].type in ("em_open", "strong_open"):
        closer = children[0].type.replace("_open", "_close")
        if children[-1].type == closer and sum(c.type == closer for c in children) == 1:
            return "italic" if closer == "em_close" else "bold"
    return ""
