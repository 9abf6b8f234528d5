"""Decimal numbers: "2.5" -> "two point five", "0.75" -> "zero point seven five".
A version or an address ("3.2.1", "10.0.0.1") is not a decimal: it is left to the digits."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule, padded

RULES: list[Rule] = [
    (re.compile(r"(?<![\w.])(?:(?<![\w)])-)?(?:\d{1,3}(?:,\d{3})+|\d+)?\.\d+(?!\w|\.\d)"), lambda m: padded(m, spell.decimal(m[0]))),
]
