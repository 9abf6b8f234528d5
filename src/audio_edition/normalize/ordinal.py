"""Ordinal numbers: "1st" -> "first", "23rd" -> "twenty-third"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule

RULES: list[Rule] = [
    (re.compile(r"\b(\d{1,3}(?:,\d{3})*|\d+)(?:st|nd|rd|th)\b"), lambda m: spell.ordinal(int(m[1].replace(",", "")))),
    # The Army's style: "the 3d Infantry Division", "the 2d Armored".
    (re.compile(r"\b(\d*[23])d(?=\s[A-Z])"), lambda m: spell.ordinal(int(m[1]))),
]
