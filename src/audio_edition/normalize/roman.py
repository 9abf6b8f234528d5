"""Roman numerals, only where context says they are numbers: after "chapter", "part",
"volume", "World War" and the like ("chapter IV" -> "chapter four"), and after a
monarch's or pope's name ("Henry VIII" -> "Henry the Eighth"). Elsewhere "I" is a
pronoun and "V", "X" or "MIX" are letters or words."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule

COUNTED = ("chapter", "chapters", "part", "parts", "volume", "vol.", "book", "act", "scene", "phase", "section",
           "article", "title", "season", "episode", "stage", "level", "round", "world war", "super bowl",
           "psalm", "canto", "appendix", "figure", "table", "class", "type", "grade", "apollo", "division", "tier",
           "unit", "lesson", "schedule", "category", "series")
REGNAL = ("Henry", "Elizabeth", "Louis", "George", "Edward", "Charles", "James", "William", "Richard", "John",
          "Paul", "Pius", "Benedict", "Leo", "Gregory", "Mary", "Victor", "Napoleon", "Peter", "Catherine",
          "Frederick", "Philip", "Alexander", "Constantine", "Ramses", "Nicholas", "Innocent", "Clement",
          "Alfonso", "Ferdinand", "Francis", "Urban", "Boniface", "Sixtus", "Felipe", "Carlos", "Juan",
          "Harald", "Olaf", "Gustav", "Christian", "Frederik", "Willem", "Ludwig", "Otto", "Wilhelm", "Ivan",
          "Amenhotep", "Thutmose", "Ramesses", "Seti", "Ptolemy", "Cleopatra", "Darius", "Xerxes", "Antiochus",
          "Haakon", "Margrethe", "Carl", "Gustaf", "Rama", "Selim", "Suleiman", "Mehmed", "Murad")
_TITLES = ("King|Queen|Pope|Pharaoh|Emperor|Empress|Tsar|Czar|Tsarina|Sultan|Kaiser|Shah|Prince|Princess|Duke"
           "|Duchess|Archduke|Grand\\s+Duke|Saint|St\\.")
"""Titles that name a ruler or a saint before a name and numeral."""
_ROMAN = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?<=[MDCLXVI])"
_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def value(numeral: str) -> int:
    """"XIV" -> 14."""
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        amount = _VALUES[char]
        total += -amount if following != " " and _VALUES[following] > amount else amount
    return total


def _regnal(match: re.Match[str]) -> str:
    return f"{match['name']} the {spell.ordinal(value(match['numeral'])).capitalize()}"


_COUNTED = "|".join(re.escape(c) for c in COUNTED)
_SENTENCE_OPENERS = ("The|A|An|This|That|These|Those|His|Her|Its|Their|Our|My|Your|No|And|But|Or|With|Without|By|In|On|"
                     "At|From|Into|Via|Start|Started|Starting|Give|Gave|Given|Get|Got|Needs|Need|Any")
"""Capitalized words that open a sentence rather than name something: "The IV line" keeps its letters."""

# "Chapter I of", "part I." are numbers; "in this chapter I explain" is the pronoun.
_NOT_PRONOUN = r"(?<!\bI)|(?=[^\w\s]|$|\s(?:of|and|or|to|in|is|[A-Z\d]))"

RULES: list[Rule] = [
    (re.compile(r"\bWW(?P<numeral>II|I)\b"), lambda m: f"World War {spell.cardinal(value(m['numeral']))}"),
    # A college division: "a D-I look" is D one.
    (re.compile(r"\bD-(?P<numeral>III|II|I)\b"), lambda m: f"D {spell.cardinal(value(m['numeral']))}"),
    # A team of eleven or fifteen: "the 1st XI", "the starting XV".
    (re.compile(r"\b(?P<which>1st|2nd|3rd|first|second|third|starting|[Tt]est|national|best)\s(?P<numeral>XI|XV)\b"),
     lambda m: f"{m['which']} {spell.cardinal(value(m['numeral']))}"),
    # After an abbreviation ("Div. I", "Art. III") a numeral cannot be the pronoun.
    (re.compile(r"(?i:\b(?P<word>vol|art|div|sec|ch)\.)\s(?P<numeral>" + _ROMAN + r")\b(?!\.\w|')"),
     lambda m: f"{m['word']}. {spell.cardinal(value(m['numeral']))}"),
    (re.compile(r"\bSuper Bowl (?P<numeral>" + _ROMAN + r")\b(?!\.\w|')"),
     lambda m: f"Super Bowl {spell.cardinal(value(m['numeral']))}"),
    # A lone "X" after "Series" names a model ("Xbox Series X"), as in "Gen X"; a lone
    # C, D, L or M is a letter ("Schedule C", "Appendix D", "Class C"): nobody counts to 100 so.
    (re.compile(rf"(?i:\b(?P<word>{_COUNTED}))\s(?![XCDLM]\b)(?P<numeral>{_ROMAN})(?P<part>[a-c])?\b(?!\.\w|')"
                rf"(?:{_NOT_PRONOUN})"),
     lambda m: f"{m['word']} {spell.cardinal(value(m['numeral']))}" + (f" {m['part']}" if m["part"] else "")),
    # A ruler named by a title: "Pharaoh Amenhotep III", "Queen Margrethe II".
    (re.compile(rf"\b(?P<title>{_TITLES})\s(?P<name>[A-Z][a-z]+)\s(?P<numeral>{_ROMAN})\b(?!\.\w|')"),
     lambda m: f"{m['title']} {_regnal(m)}"),
    (re.compile(rf"\b(?P<name>{'|'.join(REGNAL)})\s(?P<numeral>{_ROMAN})(?=['’]s\b)"), _regnal),  # "Henry VIII's"
    (re.compile(rf"\b(?P<name>{'|'.join(REGNAL)})\s(?P<numeral>{_ROMAN})\b(?!\.\w|')"), _regnal),
    # A family's generations, after a first and last name: "Robert Griffin III".
    (re.compile(r"\b(?P<name>[A-Z][a-z]+\s[A-Z][a-z]+),?\s(?P<numeral>II|III|IV)\b(?!\.\w|')"),
     lambda m: f"{m['name']} the {spell.ordinal(value(m['numeral']))}"),
    # A sequel or a series' number after its name: "Rocky IV", "Final Fantasy VII". Two
    # letters at least, of I, V and X only: "MIX", "CD" or a lone "I" are not numbers.
    (re.compile(rf"\b(?!(?:{_SENTENCE_OPENERS})\s)(?P<name>[A-Z][a-z]+)\s"
                r"(?P<numeral>(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})(?<=[IVX]))\b(?![.'’]\w)"),
     lambda m: f"{m['name']} {spell.cardinal(value(m['numeral']))}"),
]
