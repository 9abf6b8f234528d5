"""Markdown articles, parsed with markdown-it-py: headings, lists, blockquoted letters.

A list item's bold lead-in ("**Ask For Time.** Set a time.") is its title; an item
without one is titled by its first sentence when that is short."""

from __future__ import annotations

from audio_edition.model import Block, Document
from audio_edition.readers.text import is_title_like


def read(text: str, source: str) -> Document:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    in_item = False
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_item, first_in_item = True, True
        elif token.type == "list_item_close":
            in_item = False
        elif token.type == "inline" and tokens[index - 1].type == "heading_open":
            blocks.append(Block("heading", _plain(token)))
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            if in_item and first_in_item:
                blocks.extend(_item(token))
                first_in_item = False
            else:
                blocks.append(Block("paragraph", _plain(token)))
    return Document(source, tuple(b for b in blocks if b.text))


def _plain(token) -> str:
    """The inline text without its markup: emphasis, links and code become their words."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


def _item(token) -> list[Block]:
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    if len(children) > 2 and children[0].type == "strong_open":
        lead = children[1].content.strip()
        rest = " ".join("".join(c.content for c in children[3:] if c.type in ("text", "code_inline")).split())
        return [Block("item", lead.rstrip(".:")), *([Block("paragraph", rest)] if rest else [])]
    text = _plain(token)
    first, _, rest = text.partition(". ")
    if is_title_like(text):
        return [Block("item", text)]
    if rest and len(first.split()) <= 12:
        return [Block("item", first.rstrip(".")), Block("paragraph", rest)]
    return [Block("item", " ".join(text.split()[:8]) + "…"), Block("paragraph", text)]
