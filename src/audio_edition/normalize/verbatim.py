"""What is read as written or not read at all: typographic characters made plain,
emoji and invisible characters dropped, symbols said as words ("&" -> "and"), dashes
made pauses. `CHARACTERS` runs first (so the lexicon sees plain quotes), `SYMBOLS` last."""

from __future__ import annotations

import re
import unicodedata

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule

_VULGAR_FRACTIONS = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅛": "1/8",
                     "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}


PER_UNIT = {"yr": "a year", "mo": "a month", "wk": "a week", "hr": "an hour", "gal": "a gallon", "lb": "a pound",
            "kg": "a kilogram", "oz": "an ounce", "mi": "a mile", "km": "a kilometer", "sq ft": "a square foot",
            "kWh": "a kilowatt hour", "MWh": "a megawatt hour", "therm": "a therm", "L": "a liter", "GB": "a gigabyte",
            "sq. ft": "a square foot", "sq ft.": "a square foot",
            "ea": "each"}


def is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" and (ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x27BF)


CHARACTERS: list[Rule] = [
    # Comparisons before a number: "≥30", "(p<0.05)", "(<54 mg/dL)"; "n=1,204" (a study's size).
    (re.compile(r"\s?≥\s?(?=[\d.\u2212-])"), " greater than or equal to "),
    (re.compile(r"\s?≤\s?(?=[\d.\u2212-])"), " less than or equal to "),
    (re.compile(r"(?<=[\w(])\s?<\s?(?=[\d.])|(?<=\()<\s?(?=\d)"), " less than "),
    (re.compile(r"(?<=[\w(])\s?>\s?(?=[\d.])|(?<=\()>\s?(?=\d)"), " greater than "),
    (re.compile(r"\b([nN])\s?=\s?(?=\d)"), r"\1 equals "),
    (re.compile(r"~\s?(?=\d)"), "about "),  # "~100 steps"
    (re.compile(r"[\u200b-\u200d\u2060\ufeff\ufe0f]"), ""),  # zero-width characters, emoji variation selector
    (re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]"), " "),
    # Every run of spaces made one plain space: the rules after this read one space
    # between words (and a run of thousands cannot slow them down).
    (re.compile(r"[\s\u00a0\u2000-\u200a\u202f]+"), " "),
    (re.compile("[‘’‛′]"), "'"),
    (re.compile("[“”„″]"), '"'),
    (re.compile("…"), "..."),
    (re.compile("\u2212"), "-"),
    (re.compile(r"\s?[®™]"), ""),
    (re.compile(r"(?i:(copyright))\s*©|©"), lambda m: m[1] or "copyright"),
    (re.compile(r"(?<=\d)(?=[½⅓⅔¼¾⅕⅛⅜⅝⅞])"), " "),
    (re.compile("[½⅓⅔¼¾⅕⅛⅜⅝⅞]"), lambda m: _VULGAR_FRACTIONS[m[0]]),
]

def plain_characters(text: str) -> str:
    """`text` with emoji and invisible characters gone and typographic ones made plain."""
    text = "".join(" " if is_emoji(c) else c for c in text)
    for pattern, replacement in CHARACTERS:
        text = pattern.sub(replacement, text)
    return text


LONG_NUMBERS: list[Rule] = [
    # "max 8 tabs/24 hrs": a count per so many hours.
    (re.compile(r"(?<=[a-z])/(?=\d+\s?(?:hrs?|hours?|days?|wks?|weeks?|mos?|months?|yrs?|years?)\b)"), " per "),
    # A prescription's "q12h" and "q4-6h": every twelve hours, every four to six; a code
    # quoted or explained ("q8h means...") stays letters.
    (re.compile(r"(?<![\w\"“])(?<!abbreviation\s)q(?P<low>\d{1,2})(?:-(?P<high>\d{1,2}))?h\b"
                r"(?![\"”]|\s(?:means|stands\s+for|is\s+short\s+for)\b)"),
     lambda m: f"every {spell.cardinal(int(m['low']))}"
               + (f" to {spell.cardinal(int(m['high']))}" if m["high"] else "") + " hours"),
    # Plans named after the tax code's sections: "401(k)" is "four oh one k".
    (re.compile(r"\b(\d)(\d)(\d)\(([a-z])\)"),
     lambda m: f"{spell.digits(m[1])} {spell.digits(m[2], zero='oh')} {spell.digits(m[3])} {m[4]}"),
    # Beyond the trillions a run of figures is an identifier, not an amount: it is read
    # figure by figure (and no class has to turn it into a number).
    (re.compile(r"\d{16,}|\d{1,3}(?:,\d{3}){5,}(?!\d)"), lambda m: " " + spell.digits(m[0]) + " "),
]

SYMBOLS: list[Rule] = [
    # A dash opening a line is a signature's ("— Counting in Cleveland"): the pause
    # before the line is the pause; said as a comma it would be a stumble.
    (re.compile(r"^\s*(?:[–—]|--?)\s*"), ""),
    (re.compile(r"\s*(?:[–—]|\s--?\s|--)\s*"), ", "),
    (re.compile(r"\s&\s|&"), " and "),
    (re.compile(r"±\s?"), "plus or minus "),
    # A restaurant's price band: "a $$$ restaurant".
    (re.compile(r"(?<![\w$])\${2,5}(?![\w$])"), lambda m: f"{spell.cardinal(len(m[0]))} dollar sign"),
    (re.compile(r"\s@\s"), " at "),  # "2 boxes @ $12.97"; an e-mail address is read before this
    (re.compile(r"(?<=\w)\s\+\s(?=\w)"), " plus "),  # "one box per cat + 1", "takeout + a movie"
    (re.compile(r"\s?×\s?(?=[^=.]{1,60}\s=\s)|\sx\s(?=[^=.]{1,60}\s=\s)"), " times "),
    (re.compile(r"(?<=\w)\s=\s(?=\w)"), " equals "),
    # "$12/year", "3 times/week", "$3.49/gal.": the slash is "a", and a unit is said whole.
    (re.compile(r"(?<=\w)/(?=(?:year|month|week|day|hour|night|person|head|visit|session|family|household|couple"
                r"|child|kid|adult|student|team|car|vehicle|ticket|guest|class|lesson|item|load|bag|plate|room)\b)"),
     " a "),
    (re.compile(r"(?<=\w)/(" + "|".join(PER_UNIT) + r")\b\.?"), lambda m: " " + PER_UNIT[m[1]]),
    # A separator between the parts of a line ("By Ann Lee | 5 min read", "High 6:42 a.m.
    # / 7:08 p.m."), or a stray mark of emphasis or a footnote: a pause, or nothing.
    (re.compile(r"\s+[|/•·]\s+|\s*\|\s*"), ", "),
    (re.compile(r"\*+"), ""),
    # "Yahoo!" inside a list is part of a name, not the end of a sentence.
    (re.compile(r"\b(\w+)!(?=,|\s+[a-z])"), r"\1"),
    (re.compile(r"(?<=[A-Za-z])\++(?!\w)"), lambda m: " plus" * len(m[0])),
    (re.compile(r"(?<![\w/])w/(?=\s)"), "with"),
    (re.compile(r"\b(and|or)/(and|or)\b"), r"\1 \2"),
    (re.compile(r"(?<=\s)[=]\s"), "equals "),
    (re.compile(r"(?<![\w~])~(?=\s?\w)"), "about "),
    (re.compile(r",\s*,"), ","),
    (re.compile(r"^[\s,]+"), ""),
    (re.compile(r"[ \t]+"), " "),
]
