"""Percentages: "100%" -> "one hundred percent", "2.5%" -> "two point five percent"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import NUMBER, Rule

RULES: list[Rule] = [
    # "4.00%" is four percent: a rate's zeros after the point are not said.
    (re.compile(rf"(?<![\w.])([-\u2212]?(?:{NUMBER}))\s?%"),
     lambda m: spell.decimal(re.sub(r"\.0+$", "", m[1])) + " percent"),
    (re.compile(r"%"), " percent"),
]
