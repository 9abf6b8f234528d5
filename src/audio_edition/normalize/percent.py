"""Percentages: "100%" -> "one hundred percent", "2.5%" -> "two point five percent"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import NUMBER, Rule

RULES: list[Rule] = [
    (re.compile(rf"(?<![\w.])([-\u2212]?(?:{NUMBER}))\s?%"), lambda m: spell.decimal(m[1]) + " percent"),
    (re.compile(r"%"), " percent"),
]
