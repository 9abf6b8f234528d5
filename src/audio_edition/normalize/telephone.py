"""Telephone numbers, digit by digit in their groups, a pause between groups, as people
read them out: "(216) 555-0142" -> "two one six, five five five, oh one four two",
"1-800-555-0199" -> "one, eight hundred, five five five, oh one nine nine", "ext. 204"
-> "extension two oh four"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule, before_plural_noun

_TOLL_FREE = {"800": "eight hundred", "1800": "one eight hundred", "1300": "thirteen hundred"}
_MAKERS = ("Porsche|Boeing|Airbus|Ram|Silverado|Sierra|Cessna|Learjet|Peugeot|Fiat|Ferrari|Bombardier|Embraer"
           "|Gulfstream|Lockheed|Flight|Nikon|Canon|Leica|Yamaha|Kawasaki|Ducati|Harley")
"""Makers and models whose numbers are said in pairs ("Porsche 911", "Boeing 737", "Flight 311");
a model in capitals ("RTX 5090", "GTX 1080") is read the same way."""
_NOT_A_MODEL = "PIN|ID|ZIP|PO|NO|AM|PM|US|UK|EU|TV|HQ|ISBN|FY|AD|BC|CE|BCE"
"""Capitals before a number that are not a model's name."""
_EMERGENCY = {"000": "triple zero", "999": "nine nine nine", "112": "one one two"}
"""Area codes said as a number, not digit by digit."""


def _group(digits: str) -> str:
    return spell.digits(digits, zero="oh")


def _code(code: str) -> str:
    """Letters spelt, figures one by one, a pause between groups: "H O three, two two nine one"."""
    groups = code.split("-")
    return ", ".join(" ".join(spell.digits(c, "oh") if c.isdigit() else c for c in group) for group in groups)


def _extension(digits: str) -> str:
    """"12" -> "twelve", "204" -> "two oh four": two figures as a number, more digit by digit."""
    return spell.cardinal(int(digits)) if len(digits) <= 2 and not digits.startswith("0") else _group(digits)


def _north_american(match: re.Match[str]) -> str:
    area = match["area"] or match["area_plain"]
    groups = [_TOLL_FREE.get(area) or _group(area), _group(match["exchange"]), _group(match["line"])]
    if match["ext"]:
        groups.append(f"extension {_extension(match['ext'])}")
    return ", ".join(([spell.cardinal(int(match["country"]))] if match["country"] else []) + groups)


def _international(match: re.Match[str]) -> str:
    return "plus " + ", ".join(_group(g) for g in re.split(r"[\s.-]+", match[0].lstrip("+")))


RULES: list[Rule] = [
    # A tax form's number, in pairs: "1099-NEC" is "ten ninety-nine N E C", "Form 1040" "Form ten forty".
    (re.compile(r"(?<![\w.,$-])(?P<number>\d{4})-(?P<letters>[A-Z]{1,4})\b"),
     lambda m: f"{spell.paired(m['number'])} {' '.join(m['letters'])}"),
    (re.compile(r"\b(?P<form>Forms?|form)\s(?P<number>\d{4})\b"), lambda m: f"{m['form']} {spell.paired(m['number'])}"),
    # A book's number, digit by digit: "ISBN 978-0-316-48210-3".
    (re.compile(r"\bISBN(?:-1[03])?:?\s?(?P<code>\d[\d-]{8,15}[\dX])\b"),
     lambda m: "I S B N " + spell.digits(m["code"]) + (" X" if m["code"].endswith("X") else "")),
    (re.compile(r"(?<![\w(])(?:\+?(?P<country>1)[\s.-])?(?:\((?P<area>\d{3})\)\s?|(?P<area_plain>\d{3})[\s.-])"
                r"(?P<exchange>\d{3})[\s.-](?P<line>\d{4})(?!\d)(?:\s?x(?P<ext>\d{1,5})\b)?"), _north_american),
    # A number spelled as a word: "1-800-FLOWERS".
    (re.compile(r"(?<![\w-])1-(800|888|877|866|855|844|833)-([A-Z]{4,})\b"),
     lambda m: f"one, {_TOLL_FREE.get(m[1]) or _group(m[1])}, {m[2].capitalize()}"),
    (re.compile(r"\+\d{1,3}(?:[\s.-]\d{1,4}){2,5}(?!\d)"), _international),
    # A local number after a word that says it is one: "call 555-0142".
    (re.compile(r"\b(?P<cue>[Cc]all|[Dd]ial|[Pp]hone|[Tt]ext|[Ff]ax|at)\s(\d{3})-(\d{4})(?!\d)"),
     lambda m: f"{m['cue']} {_group(m[2])}, {_group(m[3])}"),
    # A maker's model number: "Porsche 911", "Boeing 737", "RTX 5090"; not a count ("RTX 350 points") or a year.
    (re.compile(r"\b(?P<maker>" + _MAKERS + r"|(?!(?:" + _NOT_A_MODEL + r")\b)[A-Z]{2,4})\s(?P<number>\d{3,4})\b"
                r"(?![.,:]\d|[-–/]\d|\s?%|\s(?:people|percent)\b)"),
     lambda m: m[0] if 1100 <= int(m["number"]) <= 2099 or before_plural_noun(m) else
     f"{m['maker']} {spell.paired(m['number'])}"),
    (re.compile(r"\b(?<!\d[\s.-])(911|411)\b"), lambda m: _group(m[1])),
    # The other short service numbers, when they are called or named as lines: "call or text 988", "the 311 app".
    (re.compile(r"\b(?P<cue>[Cc]all|[Tt]ext|[Dd]ial|[Pp]hone)\s(?P<code>[2-8]11|988)\b"),
     lambda m: f"{m['cue']} {_group(m['code'])}"),
    (re.compile(r"\b([2-8]11|988)(?=\s(?:line|hotline|lifeline|app|number|operators?|calls?)\b)"),
     lambda m: _group(m[1])),
    # Emergency numbers elsewhere: Australia's triple zero, Britain's 999, Europe's 112.
    (re.compile(r"\b(?P<cue>[Cc]all|[Dd]ial|[Rr]ing|[Pp]hone)\s(?P<code>000|999|112)\b"),
     lambda m: f"{m['cue']} {_EMERGENCY[m['code']]}"),
    # Australian and British numbers in spaced groups: "1800 022 222", "(02) 9876 5432", "020 7946 0958".
    # Irish numbers too: "01 402 5555".
    (re.compile(r"(?<![\w(])(?:1[38]00\s\d{3}\s\d{3}|\(0\d\)\s?\d{4}\s\d{4}|0\d{1,4}\s\d{3,4}\s\d{3,4})(?![\w)])"),
     lambda m: ", ".join(_TOLL_FREE.get(g) or _group(g.strip("()")) for g in m[0].split())),
    # A number that opens with a nought is never a count: a dialling code or a number's
    # start, "0800 numbers", "0845". "0700 and 1900 hours" are times, left to that class.
    (re.compile(r"(?<![\w.,:/-])0\d{2,4}(?![\w.,:/-]\d|\.\d|[^.]{0,20}\b(?:hours|hrs|GMT|UTC|Z)\b)(?![\w%])"),
     lambda m: _group(m[0])),
    # An extension of two figures is said as a number ("ext. 12": twelve), a longer one digit by digit.
    (re.compile(r"\b[Ee]xt\.?\s?(\d+)"),
     lambda m: f"extension {_extension(m[1])}"),
    # A plan or an exchange named by its section of the tax code: "a 529 plan", "a 1031 exchange".
    (re.compile(r"(?<![\w.,$])(\d{3,4})(?=\s(?:plans?|accounts?|exchanges?)\b)"), lambda m: spell.paired(m[1])),
    # A code of letters and figures read out one by one: a fault code's "P0420" (a nought
    # after the letters), a policy's "HO3-2291-0457" (groups of three figures or more).
    (re.compile(r"(?<![\w.-])(?P<letters>[A-Z]{1,3})(?P<number>0\d{2,5})\b(?![-.,]\d)"),
     lambda m: f"{' '.join(m['letters'])} {spell.digits(m['number'], 'oh')}"),
    (re.compile(r"(?<![\w.-])(?P<code>[A-Z]{1,4}(?:\d{1,3}(?:-\d{3,})+|(?:-\d{3,}){2,}))\b(?![-.,]\d)"),
     lambda m: _code(m["code"])),
    # Four figures quoted as they are printed are a code, said in pairs: a tire's date code "3621".
    (re.compile(r"(?<=[\"“])(\d{4})(?=[\"”])"), lambda m: spell.paired(m[1])),
    # A model named by letters and a number: "F-150", "CA-125" (not a tax form's "1099-NEC").
    (re.compile(r"\b(?P<letters>[A-Z]{1,3})-(?P<number>\d{3,4})\b(?![-.,]\d)"),
     lambda m: f"{m['letters']} {spell.paired(m['number'])}"),
    # A screen's pixels: "2560 x 1440" is twenty-five sixty by fourteen forty.
    (re.compile(r"(?<![\w.])(?P<wide>\d{3,4})\s?[x×]\s?(?P<high>\d{3,4})(?![\w.])"),
     lambda m: f"{spell.paired(m['wide'])} by {spell.paired(m['high'])}"),
]
