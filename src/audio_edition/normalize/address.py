"""Postal addresses: the state before a ZIP code said in full, the code digit by digit:
"Akron, OH 44308" -> "Akron, Ohio four four three oh eight". Street words ("St.",
"Ave.", "P.O.") are abbreviations and letters."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule, keep_period

STATES = {"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
          "CT": "Connecticut", "DE": "Delaware", "DC": "D C", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
          "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky",
          "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
          "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
          "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
          "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
          "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
          "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
          "WI": "Wisconsin", "WY": "Wyoming"}
"""A state in a postal address, said in full; only before a ZIP code, where "OR" or
"IN" cannot be the word."""


AP_STATES = {"Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
              "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
              "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana",
              "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota",
              "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada",
              "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "Tenn": "Tennessee", "Tex": "Texas",
              "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington", "Wis": "Wisconsin", "Wyo": "Wyoming",
              "Ont": "Ontario", "Que": "Quebec", "Alta": "Alberta", "Sask": "Saskatchewan"}
"""A state's or province's abbreviation as newspapers write it after a town ("Columbia, Mo.")."""


def _zip(match: re.Match[str]) -> str:
    code = spell.digits(match["zip"], zero="oh")
    if match["plus4"]:
        code += ", " + spell.digits(match["plus4"], zero="oh")
    return f"{STATES[match['state']]} {code}"


_ROOMS = {"Ste.": "Suite", "Rm.": "Room", "Apt.": "Apartment"}
_QUADRANTS = {"NE": "Northeast", "NW": "Northwest", "SE": "Southeast", "SW": "Southwest"}
_WAYS = {"N": "North", "S": "South", "E": "East", "W": "West"}
_STREET = r"(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Ct|Court|Blvd|Boulevard|Pl|Place|Way|Pkwy|Parkway|Hwy)\b"

RULES: list[Rule] = [
    # A quadrant after a house's number: "2217 SE Clinton St.", "1120 NE 42nd Ave.".
    (re.compile(r"(?<=\d\s)(?P<way>NE|NW|SE|SW)(?=\s[A-Z0-9])"), lambda m: _QUADRANTS[m["way"]]),
    (re.compile(r"\b(?P<zip>ZIP|[Zz]ip)(?P<code>(?:\s[Cc]ode)?(?:\s(?:is|of))?\s)(?P<digits>\d{5})\b"),
     lambda m: f"{m['zip']}{m['code']}{spell.digits(m['digits'], zero='oh')}"),
    # Codes named after them: "44107 and 44116 ZIP codes".
    (re.compile(r"(?<![\w,.$])\d{5}(?=(?:(?:,|,?\s(?:and|or))\s\d{5})*\s(?:ZIP|[Zz]ip)\s?codes?\b)"),
     lambda m: spell.digits(m[0], zero="oh")),
    (re.compile(rf"(?<![\w,.$])(\d{{3,4}})(?=\s+(?:[A-Z0-9][\w']*\s+){{1,3}}{_STREET})"), lambda m: spell.paired(m[1])),
    (re.compile(r"\b(Box|Suite|Ste\.|Room|Rm\.|Unit|Apt\.)\s(\d{3,4})\b"),
     lambda m: f"{_ROOMS.get(m[1], m[1])} {spell.paired(m[2])}"),
    # A direction before a street: "E. 55th St.", "N. Main St." are East 55th and North Main.
    (re.compile(r"(?<![\w.])(?P<way>[NSEW])\.\s(?=\d{1,3}(?:st|nd|rd|th)\s|[A-Z][a-z]+\s" + _STREET + ")"),
     lambda m: _WAYS[m["way"]] + " "),
    # "Columbia, Mo.", "Bend, Ore.": a state after its town, as newspapers abbreviate it.
    (re.compile(r"(?<=[a-z],\s)(?P<state>" + "|".join(AP_STATES) + r")\.(?=[\s,;:)\"”]|$)"),
     lambda m: keep_period(m, AP_STATES[m["state"]])),
    # A state after its town, with no code: "Marietta, OH was laid out", "Columbus, OH, in".
    (re.compile(rf"(?<=[a-z],\s)(?P<state>{'|'.join(STATES)})(?=[\s,.;:)]|$)(?!\s\d{{5}})"),
     lambda m: STATES[m["state"]]),
    (re.compile(rf"\b(?P<state>{'|'.join(STATES)})\s(?P<zip>\d{{5}})(?:-(?P<plus4>\d{{4}}))?\b"), _zip),
]
