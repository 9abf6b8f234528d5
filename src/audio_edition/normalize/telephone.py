"""Telephone numbers, digit by digit in their groups, a pause between groups, as people
read them out: "(216) 555-0142" -> "two one six, five five five, oh one four two",
"1-800-555-0199" -> "one, eight hundred, five five five, oh one nine nine", "ext. 204"
-> "extension two oh four"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import COMPASS, Rule, before_plural_noun

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


_WEATHER = re.compile(r"\b(?:sunny|cloudy|clouds|showers|rain|snow|clear|clearing|breezy|windy|fog|foggy|storms?"
                      r"|drizzle|forecast|outlook)\b", re.I)

_POSITIONS = {"1B": "first base", "2B": "second base", "3B": "third base", "SS": "shortstop", "LF": "left field",
              "CF": "center field", "RF": "right field", "DH": "designated hitter"}


def _compass(way: str) -> str:
    """A compass point's name: "NW" northwest, "NNE" north northeast."""
    named = [COMPASS[letter] for letter in way]
    return " ".join([*named[:-2], "".join(named[-2:])]) if len(named) > 1 else named[0]


def _part(figures: str) -> str:
    """A part of an identifier, by pairs as people say one: "1187" eleven eighty-seven."""
    return spell.paired(figures) if len(figures) >= 3 else spell.cardinal(int(figures))


_KEYS = {"Ctrl": "control", "Cmd": "command", "Win": "Windows", "Del": "delete", "Esc": "escape", "Opt": "option",
         "Fn": "function", "PgUp": "page up", "PgDn": "page down", "Ins": "insert", "Bksp": "backspace"}


def _key(key: str) -> str:
    """A key's name as said: "Ctrl" control, "F4" F four, a letter as it is."""
    if re.fullmatch(r"F\d{1,2}", key):
        return f"F {spell.cardinal(int(key[1:]))}"
    return _KEYS.get(key, key if len(key) > 1 or not key.isdigit() else spell.cardinal(int(key)))


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
    # A plane's variant: "Boeing 787-9" is seven eight seven nine.
    (re.compile(r"\b(?P<maker>Boeing|Airbus)\s(?P<number>\d{3})-(?P<variant>\d{1,4})\b"),
     lambda m: f"{m['maker']} {spell.digits(m['number'])} {_part(m['variant'])}"),
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
    # An ordinance or a case numbered by its year: "Ordinance 2025-14" is twenty twenty-five fourteen.
    (re.compile(r"\b(?P<word>Ordinance|Resolution|Bill|Case|Docket|Permit|Proposition|Measure)\s"
                r"(?P<year>(?:19|20)\d\d)-(?P<number>\d{1,4})\b"),
     lambda m: f"{m['word']} {spell.year(int(m['year']))} {spell.cardinal(int(m['number']))}"),
    # A listing's or a ticket's number with a dash: "MLS #24-1187" is number twenty-four dash eleven eighty-seven.
    (re.compile(r"(?<![\w&])#\s?(?P<first>\d{1,4})-(?P<second>\d{2,6})\b"),
     lambda m: f"number {_part(m['first'])} dash {_part(m['second'])}"),
    # Baseball's positions after "plays": "1B" is first base, "3B or LF" third base or left field.
    (re.compile(r"\b(?P<verb>play(?:s|ed|ing)?)\s(?P<position>1B|2B|3B|SS|LF|CF|RF|DH)\b"
                r"(?:\s(?P<joined>or|and)\s(?P<other>1B|2B|3B|SS|LF|CF|RF|DH)\b)?"),
     lambda m: f"{m['verb']} {_POSITIONS[m['position']]}"
               + (f" {m['joined']} {_POSITIONS[m['other']]}" if m["other"] else "")),
    # A mortgage that is fixed, then adjusts: "a 7/1 ARM" is a seven one, in a sentence about one.
    (re.compile(r"(?<![\w/.])(?<!\b[OoBb][ny]\s)(?P<fixed>[1-9]|10)/(?P<adjusts>[1-9]|1[0-2])(?![\w/.]|\.\d)"),
     lambda m: f"{spell.cardinal(int(m['fixed']))} {spell.cardinal(int(m['adjusts']))}"
     if re.search(r"\bARMs?\b|adjustable[-\s]rate", m.string) else m[0]),
    # A house by its bedrooms and baths: "a 3/2 ranch" is a three two.
    (re.compile(r"(?<![\w/.])(?P<beds>[1-9])/(?P<baths>[1-9](?:\.5)?)(?=\s(?:ranch|house|home|condo|colonial|"
                r"bungalow|cape|townhouse|townhome|duplex|rambler|split-level)\b)"),
     lambda m: f"{spell.cardinal(int(m['beds']))} {spell.decimal(m['baths'])}"),
    # An Airbus by its model: "an A321neo" is an A three twenty-one neo.
    (re.compile(r"\bA(?P<model>3[0-9]{2})(?P<suffix>neo|ceo|XLR|LR)?\b"),
     lambda m: f"A {spell.paired(m['model'])}" + (f" {m['suffix']}" if m["suffix"] else "")),
    # A forecast's high and low: "Sunny, 64/41" is a high of sixty-four and a low of forty-one.
    (re.compile(r"(?<![\w/.-])(?P<high>-?\d{1,3})/(?P<low>-?\d{1,3})(?![\w/]|\.\d)"),
     lambda m: f"a high of {m['high']} and a low of {m['low']}"
     if _WEATHER.search(m.string) and int(m["high"]) >= int(m["low"]) else m[0]),
    # A wind's direction before its speed: "W 10-15 mph" is west at ten to fifteen.
    (re.compile(r"\b(?P<way>[NSEW]|NE|NW|SE|SW|NNE|NNW|ENE|ESE|SSE|SSW|WNW|WSW)\s(?=\d{1,3}(?:-\d{1,3})?\s?"
                r"(?:mph|km/h|kph|knots|kts?)\b)"),
     lambda m: f"{_compass(m['way'])} at "),
    # Keys pressed together: "Ctrl+Alt+Del" is control alt delete, "Alt+F4" alt F four.
    (re.compile(r"\b(?:Ctrl|Alt|Shift|Cmd|Win|Opt|Option|Fn|Command|Control)(?:\+(?:[A-Z][a-z]*|F\d{1,2}|\d))+\b"),
     lambda m: " ".join(_key(key) for key in m[0].split("+"))),
    # A number in hexadecimal, an error's "0x80070005": each figure and letter.
    (re.compile(r"\b0x(?P<digits>[0-9A-Fa-f]+)\b"),
     lambda m: "zero x " + " ".join(spell.digits(c) if c.isdigit() else c.upper() for c in m["digits"])),
    # A wireless standard: "802.11ax" is eight oh two dot eleven a x.
    (re.compile(r"\b802\.11(?P<letters>[a-z]{0,2})\b"),
     lambda m: "eight oh two dot eleven" + "".join(f" {c}" for c in m["letters"])),
    # A file's name: "services.msc" is services dot m s c.
    (re.compile(r"\b(?P<name>[A-Za-z][\w-]*)\.(?P<extension>msc|exe|dll|bat|ini|txt|pdf|csv|docx?|xlsx?|pptx?|jpe?g"
                r"|png|gif|zip|mp3|mp4|wav|json|xml|log|cfg|sys|reg|apk|dmg|iso)\b"),
     lambda m: f"{m['name']} dot {' '.join(m['extension'].upper())}"),
    # A drive's slot or connector named by a letter and a figure: "M.2" is M dot two.
    (re.compile(r"(?<![\w.])(?P<letter>[A-Z])\.(?P<figure>\d)(?![\w.])"),
     lambda m: f"{m['letter']} dot {spell.cardinal(int(m['figure']))}"),
    # A code of letters and figures read out one by one: a fault code's "P0420" (a nought
    # after the letters), an update's "KB5048667" (five figures or more), a policy's
    # "HO3-2291-0457" (groups of three figures or more).
    (re.compile(r"(?<![\w.-])(?P<letters>[A-Z]{1,3})(?P<number>0\d{2,5}|\d{5,})\b(?![-.,]\d)"),
     lambda m: f"{' '.join(m['letters'])} {spell.digits(m['number'], 'oh')}"),
    (re.compile(r"(?<![\w.-])(?P<code>[A-Z]{1,4}(?:\d{1,3}(?:-\d{3,})+|(?:-\d{3,}){2,}))\b(?![-.,]\d)"),
     lambda m: _code(m["code"])),
    # Four figures quoted as they are printed are a code, said in pairs: a tire's date code "3621".
    (re.compile(r"(?<=[\"“])(\d{4})(?=[\"”])"), lambda m: spell.paired(m[1])),
    # A model named by letters and a number: "F-150", "CA-125" (not a tax form's "1099-NEC").
    (re.compile(r"\b(?P<letters>[A-Z]{1,3})-(?P<number>\d{3,4})\b(?![-.,]\d)"),
     lambda m: f"{m['letters']} {spell.paired(m['number'])}"),
    # A sign before a figure, once telephone numbers are read: "+150" on a betting line, "(+1)" day on a flight.
    (re.compile(r"(?<![\w+])\+(?=\d)"), "plus "),
    # A screen's pixels: "2560 x 1440" is twenty-five sixty by fourteen forty.
    (re.compile(r"(?<![\w.])(?P<wide>\d{3,4})\s?[x×]\s?(?P<high>\d{3,4})(?![\w.])"),
     lambda m: f"{spell.paired(m['wide'])} by {spell.paired(m['high'])}"),
]
