"""Plain-text articles: paragraphs split by blank lines; short lines without closing
punctuation are headings. What a line's marker or dash means is left to the segmenter,
which treats every reader's blocks alike; line breaks inside a paragraph are kept."""

from __future__ import annotations

import re

from audio_edition.model import Block, Document

_HEADING_MAX_WORDS = 12


def read(text: str, source: str) -> Document:
    """Split plain text into heading and paragraph blocks."""
    paragraphs = (_lines(p) for p in re.split(r"\n\s*\n", text))
    return Document(source, tuple(_classify(p) for p in paragraphs if p))


def _lines(paragraph: str) -> str:
    return "\n".join(" ".join(line.split()) for line in paragraph.splitlines() if line.strip())


def _classify(paragraph: str) -> Block:
    if "\n" not in paragraph and is_title_like(paragraph):
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
