"""Plain-text articles: paragraphs split by blank lines, headings and numbered items."""

from __future__ import annotations

import re

from audio_edition.model import Block, Document

_ITEM = re.compile(r"^\s*(?P<marker>\d{1,3}\s*[.)]|step\s+\d{1,3}\s*[:.)])\s+(?P<title>\S.*)$", re.I)
_HEADING_MAX_WORDS = 12


def read(text: str, source: str) -> Document:
    """Split plain text into heading, item and paragraph blocks.

    An item's marker ("1.", "Step 2:") is not kept: items are announced by their
    place. A marker with words in it is listed as dropped, so no word goes unseen."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    blocks = tuple(_classify(p) for p in paragraphs if p)
    markers = tuple(m["marker"] for p in paragraphs if (m := _ITEM.match(p)) and re.search(r"[^\W\d_]", m["marker"])
                    and is_title_like(m["title"]))
    return Document(source, blocks, markers)


def _classify(paragraph: str) -> Block:
    item = _ITEM.match(paragraph)
    if item and is_title_like(item["title"]):
        return Block("item", item["title"].strip())
    if is_title_like(paragraph):
        return Block("heading", paragraph)
    return Block("paragraph", paragraph)


def is_title_like(line: str) -> bool:
    """A short line without closing punctuation (a question mark is allowed)."""
    words = line.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "”", '"'))
        and (line[0].isupper() or line[0].isdigit())
    )
