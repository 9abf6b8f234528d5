"""Ranges: "10-15" -> "10 to 15", "2020–2021" -> "2020 to 2021", "pp. 4-9". Only the dash
is replaced: each end is then read by its own class (a year, a percent, money)."""

from __future__ import annotations

import re

from audio_edition.normalize.rules import NUMBER, Rule

RULES: list[Rule] = [
    (re.compile(rf"(?<![\w.,:/-])([$£€¥]?(?:{NUMBER}))\s?[-–]\s?(?=[$£€¥]?\d)(?!\d+[-–]\d)"), r"\1 to "),
]
