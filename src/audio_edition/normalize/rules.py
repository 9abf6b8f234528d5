"""What every class module offers: an ordered list of (pattern, replacement) rules."""

from __future__ import annotations

import re
from typing import Callable

Replacement = str | Callable[[re.Match[str]], str]
Rule = tuple[re.Pattern[str], Replacement]

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A written number: "7", "20,000", "2.5"."""


def ends_sentence(match: re.Match[str]) -> bool:
    """True when the match closes its sentence (only quotes or brackets after it): an
    abbreviation's period is then also the sentence's, and must stay for the voice."""
    return not match.string[match.end():].strip(" \"')]")


def keep_period(match: re.Match[str], spoken: str) -> str:
    """`spoken` for an abbreviation written with a period, keeping the sentence's end."""
    return spoken + "." if match[0].endswith(".") and ends_sentence(match) else spoken


def padded(match: re.Match[str], spoken: str) -> str:
    """`spoken` with a space on a side where a letter touches the match ("MP3", "3D")."""
    text, start, end = match.string, match.start(), match.end()
    before = " " if start and text[start - 1].isalpha() else ""
    after = " " if end < len(text) and text[end].isalpha() else ""
    return before + spoken + after
