"""Plain-text articles: paragraphs split by blank lines; short lines without closing
punctuation are headings. What a line's marker or dash means is left to the segmenter,
which treats every reader's blocks alike; line breaks inside a paragraph are kept."""

from __future__ import annotations

import re

from audio_edition.model import Block, Document

_HEADING_MAX_WORDS = 12


def read(text: str, source: str) -> Document:
    """Split plain text into heading and paragraph blocks."""
    paragraphs = [line for line in (_lines(p) for p in re.split(r"\n\s*\n", text)) if line]
    following = [*paragraphs[1:], ""]
    return Document(source, tuple(_heading(p) if _labels_list(p, after) else _classify(p)
                                  for p, after in zip(paragraphs, following)))


_LIST_OPENING = re.compile(r"^(?:\(?\d{1,3}[.)]|[•●▪‣◦*\-–])\s")
_NOT_A_LABEL = re.compile(r"^(?:here|these|this|try|the\s+following|for\s+example|dear|hi|hello|q|a|question|answer"
                          r"|you|we|i|it|they|he|she|there)\b", re.I)
"""A sentence's openings ("You will need these:", "Here's what I'd try:"), not a heading's."""


def _labels_list(paragraph: str, following: str) -> bool:
    """A short line ending in a colon, on its own above a list, is the list's heading
    ("What you can do:"); "Here's what I'd try:" introduces the list as a sentence."""
    words = paragraph.split()
    return ("\n" not in paragraph and 0 < len(words) <= 8 and paragraph.endswith(":") and paragraph[0].isupper()
            and not _NOT_A_LABEL.match(paragraph) and bool(_LIST_OPENING.match(following)))


def _heading(paragraph: str) -> Block:
    return Block("heading", paragraph[:-1].rstrip())


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
