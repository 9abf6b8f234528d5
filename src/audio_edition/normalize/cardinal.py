"""Cardinal numbers: "20,000" -> "twenty thousand", "-5" -> "minus five", "MP3" -> "M P three"
(the letters by the letters class). Runs last among the numbers: whatever a more
specific class did not claim is a count."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import CURRENCY_SIGNS, Rule, padded

_PLACE_WORD = re.compile(r"\b(?:Unit|Apt|Apartment|Suite|Ste|Room|Rm|Flat|Gate|Seat|Row|Bay|Box|Lot|Stall|Locker|Cabin"
                         r"|Building|Bldg)\.?\s$")
"""Words a unit's number and letter follow ("Unit 4B"), where B is no billion."""

RULES: list[Rule] = [
    # A count in millions or billions without a currency: "5M more passengers", "2bn people".
    (re.compile(rf"(?<![\w.{CURRENCY_SIGNS}])(?P<amount>\d+(?:\.\d+)?)\s?(?P<scale>M|bn|B)\b(?=\s+[a-z])"),
     lambda m: m[0] if _PLACE_WORD.search(m.string[:m.start()]) else
     f"{spell.decimal(m['amount'])} {'million' if m['scale'] == 'M' else 'billion'}"),
    # A minus sign where no number comes before it: "-5 degrees", "(-3)".
    (re.compile(r"(?<![\w.,)\]])[-\u2212](?=\d)"), "minus "),
    (re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"), lambda m: padded(m, spell.cardinal(int(m[0].replace(",", ""))))),
]
