"""Plain-text articles: paragraphs split by blank lines; short lines without closing
punctuation are headings. What a line's marker or dash means is left to the segmenter,
which treats every reader's blocks alike; line breaks inside a paragraph are kept."""

from __future__ import annotations

import re
from dataclasses import replace

from audio_edition.model import Block, Document

_HEADING_MAX_WORDS = 12


def read(text: str, source: str) -> Document:
    """Split plain text into heading and paragraph blocks."""
    # An e-mail's plain-text part puts a link's address after its words ("By Delphine
    # Okafor <https://...>") and a picture's name in brackets ("[image: The Courier]"):
    # markup, not words, listed with what is dropped.
    marks = [m[0].strip() for m in _MAIL_MARKUP.finditer(text)]
    text = _MAIL_MARKUP.sub("", text)
    pieces = [(line, quoted) for p, quoted in _paragraphs(text) if (line := _lines(p))]
    paragraphs, headers = _without_mail_headers([p for p, _ in pieces])
    # The headers became the subject and the author: none of them quoted.
    quoted = [False] * (len(paragraphs) - len(pieces)) + [q for _, q in pieces]
    attribution = [i for i, p in enumerate(paragraphs) if i + 1 < len(paragraphs) and quoted[i + 1]
                   and not quoted[i] and _ATTRIBUTION.match(p)]
    headers += tuple(paragraphs[i] for i in attribution)
    kept = [(p, q) for i, (p, q) in enumerate(zip(paragraphs, quoted)) if i not in attribution]
    following = [*(p for p, _ in kept[1:]), ""]
    return Document(source, tuple(replace(_heading(p) if _labels_list(p, after) else _classify(p), quoted=q)
                                  for (p, q), after in zip(kept, following)), (*headers, *marks))


_MAIL_MARKUP = re.compile(r"[ \t]*<(?:https?://|mailto:)[^>\s]+>|^[ \t]*\[image:[^\]\n]*\][ \t]*$", re.M)


_AUTHOR_LINE = re.compile(r"^authors?\s*:\s*\S[^\n]*$", re.I)


_QUOTED_LINE = re.compile(r"^[ \t]*>[> \t]?")
_ATTRIBUTION = re.compile(r"^On\s[^\n]{0,80}\d[^\n]{0,80}\s(?:wrote|said):$")
"""The line an e-mail reply sets over what it quotes: "On Sun, Jun 22, 2025 at 10:41 PM, a reader wrote:"."""


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    """The text's paragraphs, split by blank lines, each with whether it was quoted as
    an e-mail reply quotes ("> Dear Anneliese," / ">" / "> My best friend..."): the
    marks are taken off, and a line of a mark alone is a blank line."""
    paragraphs: list[tuple[list[str], bool]] = []
    open_paragraph = False
    for line in text.splitlines():
        quoted = bool(_QUOTED_LINE.match(line))
        words = re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line) if quoted else line
        if not words.strip():
            open_paragraph = False
            continue
        if not open_paragraph or paragraphs[-1][1] != quoted:
            paragraphs.append(([], quoted))
        paragraphs[-1][0].append(words)
        open_paragraph = True
    return [("\n".join(lines), quoted) for lines, quoted in paragraphs]


_MAIL_HEADER = re.compile(r"^(?P<name>from|to|cc|bcc|date|sent|subject|reply-to|title|author|url|saved|source|tags)"
                          r"\s*:\s*(?P<value>.*)$", re.I)
"""An e-mail's headers, or a read-later app's export ("Title:", "Author:", "URL:", "Saved:")."""
_REPLY_OR_FORWARD = re.compile(r"^(?:(?:re|fwd?|fw)\s*:\s*)+", re.I)


def _without_mail_headers(paragraphs: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """A column saved from an e-mail opens with its headers ("From: ...", "Subject:
    ..."): the subject is its title, the other headers are left out. A forwarded column
    is read from the message forwarded: the forwarder's headers and note are left out."""
    forwarded = next((i for i, p in enumerate(paragraphs) if _FORWARDED.match(p.split("\n")[0])), None)
    if forwarded is not None and paragraphs and _MAIL_HEADER.match(paragraphs[0].split("\n")[0]):
        separator, *inner = paragraphs[forwarded].split("\n")
        kept, left = _without_mail_headers(["\n".join(inner)] * bool(inner) + paragraphs[forwarded + 1:])
        return kept, (*paragraphs[:forwarded], separator, *left)
    lines = paragraphs[0].split("\n") if paragraphs else []
    found = [_MAIL_HEADER.match(line) for line in lines]
    subject = next((match["value"] for match in found if match and match["name"].lower() in ("subject", "title")), "")
    if not all(found) or not _REPLY_OR_FORWARD.sub("", subject).strip():
        return paragraphs, ()
    # The author stays, as the by-line it is: "Author: Rosalind Achebe".
    authors = [line for line, match in zip(lines, found) if match["name"].lower() == "author"]
    others = tuple(line for line, match in zip(lines, found)
                   if match["name"].lower() not in ("subject", "title", "author"))
    return [_REPLY_OR_FORWARD.sub("", subject).strip(), *authors, *paragraphs[1:]], others


_FORWARDED = re.compile(r"^-{2,}\s*(?:Forwarded|Original)\s+message\s*-{2,}\s*$|^Begin\s+forwarded\s+message:", re.I)
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
    lines = [" ".join(line.split()) for line in paragraph.splitlines() if line.strip()]
    if len(lines) >= 3:  # hard-wrapped, as from a PDF: a word hyphenated at a line's end is one word
        lines = _HYPHENATED.sub(_rejoined, "\n".join(lines)).split("\n")
    return "\n".join(lines)


_HYPHENATED = re.compile(r"\b(?P<head>[a-z]+)-\n(?P<tail>[a-z]+)(?=\s|$)")
_COMPOUND_HEADS = {"well", "self", "ill", "long", "short", "high", "low", "full", "half", "part", "all", "cross",
                   "ex", "non", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
"""Words that open a hyphenated compound ("well-known", "self-aware"), whose hyphen stays."""


def _rejoined(match: re.Match[str]) -> str:
    """"dis-" / "covered" is "discovered"; "well-" / "known" stays "well-known"."""
    hyphen = "-" if match["head"] in _COMPOUND_HEADS else ""
    return f"{match['head']}{hyphen}{match['tail']}"


def _classify(paragraph: str) -> Block:
    # "Author: Rosalind Achebe" is short and unpunctuated, but a by-line, not a heading.
    if "\n" not in paragraph and is_title_like(paragraph) and not _AUTHOR_LINE.match(paragraph):
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
