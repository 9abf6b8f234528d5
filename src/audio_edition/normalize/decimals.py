"""Decimal numbers: "2.5" -> "two point five", "0.75" -> "zero point seven five".
A version or an address ("3.2.1", "10.0.0.1") is said part by part."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule, padded

RULES: list[Rule] = [
    # Capitals run into a decimal: "PM2.5" is "P M two point five".
    (re.compile(r"\b(?P<letters>[A-Z]{1,4})(?P<number>\d+\.\d+)\b"),
     lambda m: f"{' '.join(m['letters'])} {spell.decimal(m['number'])}"),
    # A batting average: ".312" is "three twelve".
    (re.compile(r"(?<![\w.])\.(?P<figures>\d{3})(?=\s+(?:average|avg\.?|hitter|batting|on-base|slugging)\b)"),
     lambda m: "oh " + spell.cardinal(int(m["figures"])) if m["figures"].startswith("0")
     else spell.paired(m["figures"])),
    # "v2.3.1" is "version two point three point one", "v3" version three.
    (re.compile(r"(?<![\w.])v(\d+(?:\.\d+)*)(?![\w.]|\.\d)"),
     lambda m: "version " + " point ".join(spell.cardinal(int(part)) for part in m[1].split("."))),
    # A version or an address: "3.2.1" is "three point two point one".
    (re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?!\.?\d)"),
     lambda m: padded(m, " point ".join(spell.cardinal(int(part)) for part in m[0].split(".")))),
    # A decimal before "M" or "B" and a word ("2.5M more people") is a count in millions,
    # which the cardinal class says.
    (re.compile(r"(?<![\w.])(?:(?<![\w)])-)?(?:\d{1,3}(?:,\d{3})+|\d+)?\.\d+(?!\d|\.\d|\s?(?:M|bn|B)\b\s+[a-z])"),
     lambda m: padded(m, spell.decimal(m[0]))),
]
