"""Written form to spoken form: what an engine should be handed instead of the page.

Each rule is a (pattern, replacement) pair applied in order; the table is the place
to add a case when an engine is heard reading something badly.
"""

from __future__ import annotations

import re
from typing import Callable

Replacement = str | Callable[[re.Match[str]], str]

_RULES: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile("[‘’‛′]"), "'"),
    (re.compile("[“”„″]"), '"'),
    (re.compile(r"\s*[–—]\s*"), ", "),
    (re.compile("…"), "..."),
    # An all-caps name with a possessive: engines drop the "'s" of "BRAVO's".
    (re.compile(r"\b([A-Z]{2,})'s\b"), lambda m: m[1].capitalize() + "'s"),
    # "Yahoo!" inside a list is part of a name, not the end of a sentence.
    (re.compile(r"\b(\w+)!(?=,|\s+[a-z])"), r"\1"),
    (re.compile(r"[ \t]+"), " "),
]


def to_speech(text: str) -> str:
    """Return `text` as it should be handed to a speech engine."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


_ABBREVIATIONS = ("Dr", "Mr", "Mrs", "Ms", "St", "Jr", "Sr", "Prof", "vs", "etc", "e.g", "i.e", "approx", "No")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "Dr." whole."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start:match.start()].rstrip("\"”’)")
        if before.endswith(tuple(f"{a}." for a in _ABBREVIATIONS)) and not before.endswith(" etc."):
            continue
        sentences.append(paragraph[start:match.start()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]
