"""Fractions: "1/2" -> "one half", "3/4" -> "three quarters", "1 1/2" -> "one and a half",
"1/2 cup" -> "half a cup", "8/10" -> "eight out of ten"; and the numbers with a slash
that are names, not fractions: "24/7", "9/11", "50/50"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule, after_article, article

IDIOMS = {"24/7": "twenty-four seven", "9/11": "nine eleven", "50/50": "fifty-fifty", "20/20": "twenty-twenty",
          "365/24/7": "three sixty-five, twenty-four seven"}
_PARTS = {2: ("half", "halves"), 4: ("quarter", "quarters")}
_LARGEST_DENOMINATOR = 16
"""Beyond this a slash between numbers is rarely a fraction a reader would say as one."""


def part(denominator: int, plural: bool) -> str:
    """2 -> "half", 3 -> "third"/"thirds", 4 -> "quarter"."""
    one, many = _PARTS.get(denominator) or (spell.ordinal(denominator), spell.ordinal(denominator) + "s")
    return many if plural else one


def _fine_inches(bottom: int, sentence: str) -> bool:
    """Thirty-seconds and sixty-fourths of an inch, in a sentence about inches or tread
    ("tires at 4/32 of an inch"), not a score ("12/32 teams")."""
    return bottom in (32, 64) and bool(re.search(r"\b(?:inch|inches|in\.|tread)|\d[\"″]", sentence))


def _fraction(match: re.Match[str]) -> str:
    top, bottom = int(match["top"]), int(match["bottom"])
    if match[0] in IDIOMS:
        return IDIOMS[match[0]]
    noun = f" {match['noun']}" if match["noun"] else ""
    if top > bottom and (_PRESSURE.search(match.string) or _is_pressure_reading(top, bottom)):
        return f"{spell.paired(str(top)) if top >= 100 else spell.cardinal(top)} over {spell.cardinal(bottom)}{noun}"
    if bottom in (10, 100) or not 2 <= bottom <= _LARGEST_DENOMINATOR and not _fine_inches(bottom, match.string):
        return f"{spell.cardinal(top)} out of {spell.cardinal(bottom)}{noun}"
    if (top, bottom) == (1, 2) and not noun and re.search(r"\bby\s$", match.string[:match.start()]):
        return "half"  # "cut back by 1/2"
    if top == 1 and noun:
        if after_article(match):  # "a 1/2 hour break": "a half hour break"
            return part(bottom, False) + noun
        return ("half " + article(match["noun"]) if bottom == 2 else f"a {part(bottom, False)}") + noun
    return f"{spell.cardinal(top)} {part(bottom, top != 1)}{noun}"


_PRESSURE = re.compile(r"\b(?:blood\s+pressure|BP|mm\s?Hg|systolic|diastolic)\b", re.I)
"""A sentence about blood pressure, where a reading is written "142/91" and said "one forty-two over ninety-one"."""


def _is_pressure_reading(top: int, bottom: int) -> bool:
    """Figures only a blood pressure has ("124/79" under a "Blood pressure" label): no
    share of a whole has its top larger, and these are a heart's in every reading."""
    return 90 <= top <= 250 and 40 <= bottom <= 150 and top < 2 * bottom


def _mixed(match: re.Match[str]) -> str:
    top, bottom = int(match["top"]), int(match["bottom"])
    tail = f"a {part(bottom, False)}" if top == 1 else f"{spell.cardinal(top)} {part(bottom, True)}"
    return f"{spell.cardinal(int(match['whole']))} and {tail}"


_NOUN = r"(?:\s(?P<noun>(?!of\b|or\b|and\b|to\b|in\b)[a-z]+))?"

RULES: list[Rule] = [
    # "a 7/1 ARM" fixes its rate seven years, then adjusts each year: "seven one".
    (re.compile(r"\b(?P<fixed>\d{1,2})/(?P<then>\d{1,2})\s(?=ARM\b)"),
     lambda m: f"{spell.cardinal(int(m['fixed']))} {spell.cardinal(int(m['then']))} "),
    (re.compile(r"(?<![\d/])(?:" + "|".join(re.escape(i) for i in sorted(IDIOMS, key=len, reverse=True)) + r")(?![\d/])"),
     lambda m: IDIOMS[m[0]]),
    (re.compile(r"(?<![\w/.])(?P<whole>\d+)\s(?P<top>\d+)/(?P<bottom>\d+)(?![\w/])"), _mixed),
    # A rating: "4.5/5" is "four point five out of five".
    (re.compile(r"(?<![\w/.])(?P<top>\d+\.\d+)/(?P<bottom>\d+)(?![\w/]|\.\d)"),
     lambda m: f"{spell.decimal(m['top'])} out of {spell.cardinal(int(m['bottom']))}"),
    # A split in shares of a hundred: "60/40", "80/20".
    (re.compile(r"(?<![\w/.])(?P<top>[1-9]0|[1-9]5)/(?P<bottom>[1-9]0|[1-9]5)(?![\w/.%])"),
     lambda m: f"{spell.cardinal(int(m['top']))} {spell.cardinal(int(m['bottom']))}"
     if int(m["top"]) + int(m["bottom"]) == 100 else m[0]),
    # Runs for wickets: "Eastmoor's 312/7" (no fraction is written that way).
    (re.compile(r"(?<![\w/.])(?P<runs>[3-9]\d|[1-4]\d\d)/(?P<wickets>\d|10)(?![\w/]|\.\d)"),
     lambda m: f"{spell.cardinal(int(m['runs']))} for {spell.cardinal(int(m['wickets']))}"),
    # A share joined to the word it describes: "1/2-price" is half-price, "3/4-length" three-quarter-length.
    (re.compile(r"(?<![\w/.])(?P<top>[1-9])/(?P<bottom>[2-9])-(?=[a-z])"),
     lambda m: "half-" if m[0] == "1/2-" else f"{spell.cardinal(int(m['top']))}-{part(int(m['bottom']), False)}-"),
    (re.compile(rf"(?<![\w/.])(?P<top>\d+)/(?P<bottom>\d+)(?![\w/]){_NOUN}"), _fraction),
]
