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
    paragraphs, headers = _without_mail_headers(paragraphs)
    following = [*paragraphs[1:], ""]
    return Document(source, tuple(_heading(p) if _labels_list(p, after) else _classify(p)
                                  for p, after in zip(paragraphs, following)), headers)


_MAIL_HEADER = re.compile(r"^(?P<name>from|to|cc|bcc|date|sent|subject|reply-to)\s*:\s*(?P<value>.*)$", re.I)
_REPLY_OR_FORWARD = re.compile(r"^(?:(?:re|fwd?|fw)\s*:\s*)+", re.I)


def _without_mail_headers(paragraphs: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """A column saved from an e-mail opens with its headers ("From: ...", "Subject:
    ..."): the subject is its title, the other headers are left out."""
    lines = paragraphs[0].split("\n") if paragraphs else []
    found = [_MAIL_HEADER.match(line) for line in lines]
    subject = next((match["value"] for match in found if match and match["name"].lower() == "subject"), "")
    if not all(found) or not _REPLY_OR_FORWARD.sub("", subject).strip():
        return paragraphs, ()
    others = tuple(line for line, match in zip(lines, found) if match["name"].lower() != "subject")
    return [_REPLY_OR_FORWARD.sub("", subject).strip(), *paragraphs[1:]], others


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
    underlined = _UNDERLINED.match(paragraph)
    if underlined and is_title_like(underlined["title"]):  # "What You Can Do" over "---------------"
        return Block("heading", underlined["title"], level=1 if underlined["rule"][0] == "=" else 2)
    return Block("paragraph", paragraph)


_UNDERLINED = re.compile(r"^(?P<title>[^\n]+)\n(?P<rule>={3,}|-{3,})$")


def is_title_like(line: str) -> bool:
    """A short line without closing punctuation (a question mark is allowed)."""
    words = line.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "”", '"'))
        and (line[0].isupper() or line[0].isdigit())
    )
