"""Measures and temperatures: "14°F" -> "fourteen degrees Fahrenheit", "5 km" -> "five
kilometers", "1 lb" -> "one pound", "6x8" -> "six by eight". Only after a number: "in"
or "m" alone are words."""

from __future__ import annotations

import re

from audio_edition.normalize import fraction, spell
from audio_edition.normalize.rules import (
    COMPASS, NUMBER, Rule, after_article, article, before_noun, before_plural_noun, keep_period,
)

_UNITS = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "mi": ("mile", "miles"), "ft": ("foot", "feet"), "yd": ("yard", "yards"),
    "in.": ("inch", "inches"), "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"), "kph": ("kilometer per hour", "kilometers per hour"),
    "mpg": ("mile per gallon", "miles per gallon"), "L": ("liter", "liters"), "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"), "gal": ("gallon", "gallons"), "qt": ("quart", "quarts"),
    "tsp": ("teaspoon", "teaspoons"), "tbsp": ("tablespoon", "tablespoons"), "Tsp": ("teaspoon", "teaspoons"),
    "Tbsp": ("tablespoon", "tablespoons"), "Tbs": ("tablespoon", "tablespoons"), "tbs": ("tablespoon", "tablespoons"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"), "min": ("minute", "minutes"), "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"), "yr": ("year", "years"), "yrs": ("year", "years"),
    "wk": ("week", "weeks"), "wks": ("week", "weeks"), "mo": ("month", "months"), "mos": ("month", "months"), "ms": ("millisecond", "milliseconds"), "sq ft": ("square foot", "square feet"),
    "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"), "TB": ("terabyte", "terabytes"),
    "kB": ("kilobyte", "kilobytes"), "GHz": ("gigahertz", "gigahertz"), "MHz": ("megahertz", "megahertz"),
    "Hz": ("hertz", "hertz"), "kW": ("kilowatt", "kilowatts"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "W": ("watt", "watts"), "V": ("volt", "volts"), "mAh": ("milliamp hour", "milliamp hours"),
    "ha": ("hectare", "hectares"), "acre": ("acre", "acres"), "Wh": ("watt hour", "watt hours"),
    "ng": ("nanogram", "nanograms"), "mcg": ("microgram", "micrograms"), "µg": ("microgram", "micrograms"),
    "fl oz": ("fluid ounce", "fluid ounces"), "fl. oz": ("fluid ounce", "fluid ounces"), "pt": ("pint", "pints"),
    "c.": ("cup", "cups"), "doz": ("dozen", "dozen"), "pkg": ("package", "packages"),
    "sq. ft": ("square foot", "square feet"), "bps": ("basis point", "basis points"), "mb": ("millibar", "millibars"),
    "km²": ("square kilometer", "square kilometers"), "mi²": ("square mile", "square miles"),
    "m²": ("square meter", "square meters"), "µm": ("micrometer", "micrometers"),
    "ppm": ("part per million", "parts per million"), "ppb": ("part per billion", "parts per billion"),
    "hp": ("horsepower", "horsepower"), "dB": ("decibel", "decibels"), "lb-ft": ("pound-foot", "pound-feet"),
    "cu. ft": ("cubic foot", "cubic feet"), "cu ft": ("cubic foot", "cubic feet"),
    "cu. yd": ("cubic yard", "cubic yards"), "cu yd": ("cubic yard", "cubic yards"),
    "sq.-ft": ("square foot", "square feet"), "sq-ft": ("square foot", "square feet"),
    "dL": ("deciliter", "deciliters"), "dl": ("deciliter", "deciliters"), "ML": ("megaliter", "megaliters"),
    "pts": ("point", "points"), "mm Hg": ("millimeter of mercury", "millimeters of mercury"),
    "mmHg": ("millimeter of mercury", "millimeters of mercury"), "nK": ("nanokelvin", "nanokelvin"),
    "mK": ("millikelvin", "millikelvin"), "bp": ("basis point", "basis points"), "mmol": ("millimole", "millimoles"),
    "mol": ("mole", "moles"), "inHg": ("inch of mercury", "inches of mercury"),
    "yds": ("yard", "yards"), "reb": ("rebound", "rebounds"), "ast": ("assist", "assists"),
    "blk": ("block", "blocks"), "stl": ("steal", "steals"),
    "MB/s": ("megabyte per second", "megabytes per second"), "GB/s": ("gigabyte per second", "gigabytes per second"),
    "Mb/s": ("megabit per second", "megabits per second"), "Gb/s": ("gigabit per second", "gigabits per second"),
}
_NOT_DEGREES = re.compile(r"\b(?:Apt|Unit|Flat|Suite|Room|Rm|Seat|seat|Row|row|Gate|gate|Bay|Level|Floor|floor|No"
                          r"|Platform|Box|Vitamin|vitamin|Type|type|grade)\.?\s$")
"""Words before a number and a letter that name a place, not a temperature ("Unit 3C")."""
_PER = {"day": "day", "week": "week", "wk": "week", "month": "month", "year": "year", "yr": "year", "night": "night",
        "person": "person", "dose": "dose", "serving": "serving"}
"""What a rate can be per besides a unit: "150 min/week"."""
_SCALES_WORDS = {"C": "Celsius", "F": "Fahrenheit", "K": "Kelvin"}
# Longest first, so "km/h" is not read as "km" then "/h"; a unit ends at a word's end,
# or at its own period ("ft.", "in.").
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


def _quantity(text: str, one: str, many: str) -> str:
    plain = text.replace(",", "").lstrip("-\u2212")
    return f"{spell.decimal(text)} {one if plain == '1' else many}"


_DESCRIBING = {"W", "kW", "mAh", "GB", "TB", "MB", "kB", "mm", "cm", "m", "km", "mi", "ft", "in.", "Hz", "GHz", "MHz",
               "V", "kWh", "Wh", "L"}
"""Units whose amount, before a noun, describes it ("a 3.5mm headphone jack", "the 256GB
model", "65W charger"); a cook's units before a noun measure it out ("2 cups flour")."""
_CONTAINER = re.compile(r"\s(?:bottles?|cans?|jars?|cartons?|bags?|boxes|box|tins?|tubs?|jugs?|packs?|packages?"
                        r"|containers?|pots?|pans?|skillets?|dish|dishes|glass|glasses|mugs?|kegs?|barrels?|drums?"
                        r"|tanks?|blocks?|bars?|sticks?|sacks?|trays?|loaf|loaves|wheels?|rolls?)\b")
_TEMPERATURE_WORDS = re.compile(r"\b(?:kelvin|temperatures?|degrees?|hot|hotter|cold|colder|cool|cooled|warm|"
                                r"warmed|heat|Celsius|Fahrenheit|absolute\s+zero)\b|°", re.I)
_NOT_DESCRIBED = frozenset("""tall high long wide deep thick thin away apart old north south east west ahead behind
short across around above below under underground up down off free faster slower further farther higher lower
larger smaller bigger more less total maximum minimum max min of northwest northeast southwest southeast near nearby
along inland offshore outside inside beyond past within beneath overhead upstream downstream underwater get gets
got have has had do does did need needs make makes take takes seem seems become becomes stay stays remain remains cost
costs weigh weighs mean means run runs go goes come comes sit sits turn turns show shows easy hard fast slow
flat uphill downhill either both all alone enough""".split())
"""Words after a measure that it does not describe: "6 ft tall", "5 km north"."""


def _describes(match: re.Match[str]) -> bool:
    if match["unit"] == "L" and re.match(r"\s?[VIW]-?\d", match.string[match.end():]):
        return True  # an engine: "a 3.5L V6"
    if _CONTAINER.match(match.string[match.end():]):
        return True  # "an 8 oz. can", "a 750 ml bottle": the container, not what it holds
    # The word after must lead on ("headphone jack", "battery is"), or be a thing that
    # ends its clause ("a 3.5 mm adapter."); a word like "wired" ending it is said of the
    # amount ("23W wired and 7.5W wireless.").
    following = re.match(r"\s?([a-z]+)(?![\w)\]-])([.,;:!?]?)", match.string[match.end():])
    ends_clause = bool(following) and bool(following[2])
    return (match["unit"] in _DESCRIBING and before_noun(match) and bool(following)
            and following[1] not in _NOT_DESCRIBED
            and not (ends_clause and following[1].endswith(("ed", "less", "ly", "ing"))))


def _unit(match: re.Match[str]) -> str:
    unit = match["unit"]
    one, many = _UNITS[unit]
    if unit == "pt" and re.search(r"\b(?:loan|mortgage|rate|APR|lender)\b|%", match.string):
        one, many = "point", "points"  # "buying 1 pt. for 1% of the loan": a mortgage point, not a pint
    if after_article(match) or before_plural_noun(match) or _describes(match):
        many = one  # "a 5 kg sack", "20 lb bags", "3.5mm headphone jack": the amount describes them
    spoken = _quantity(match["number"], one, many)
    return keep_period(match, spoken) if match["dot"] or unit.endswith(".") else spoken


def _unit_range(match: re.Match[str]) -> str:
    """"6-8 Tbsp." -> "six to eight tablespoons", "1 1/2–2 hrs." -> "one and a half to two
    hours": the unit follows the second number."""
    if not match["whole"]:
        return f"{spell.decimal(match['low'])} to {_unit(match)}"
    top, bottom = int(match["top"]), int(match["bottom"])
    share = f"a {fraction.part(bottom, False)}" if top == 1 else f"{spell.cardinal(top)} {fraction.part(bottom, True)}"
    return f"{spell.cardinal(int(match['whole']))} and {share} to {_unit(match)}"


def _fraction_of_unit(match: re.Match[str], unit: str = "", joined: bool = False) -> str:
    """"1 1/2 tsp." -> "one and a half teaspoons", "1/8 tsp." -> "one eighth teaspoon",
    "1/2 cup" stays for the fractions ("half a cup"); "3/4-in. plywood" is three-quarter-inch."""
    one, many = _UNITS[unit or match["unit"]]
    top, bottom = int(match["top"]), int(match["bottom"])
    if (joined or match.groupdict().get("joined")) and not match["whole"]:
        share = "half" if (top, bottom) == (1, 2) else f"{spell.cardinal(top)} {fraction.part(bottom, False)}"
        return f"{share} {one}"
    if match["whole"]:
        share = f"a {fraction.part(bottom, False)}" if top == 1 else f"{spell.cardinal(top)} {fraction.part(bottom, True)}"
        spoken = f"{spell.cardinal(int(match['whole']))} and {share} {one if joined else many}"  # "a 1 1/2\" hole"
    elif top == 1:
        spoken = f"half {article(one)} {one}" if bottom == 2 else f"one {fraction.part(bottom, False)} {one}"
    else:
        spoken = f"{spell.cardinal(top)} {fraction.part(bottom, True)} of {article(one)} {one}"
    return keep_period(match, spoken) if match.groupdict().get("dot") else spoken


def _describes_next(match: re.Match[str]) -> bool:
    """Whether a noun the amount describes follows ("a 3/4\" spade bit"), not a word said
    of the amount ("1/2\" thick", "3/4\" of rain")."""
    following = re.match(r"\s([a-z]+)\b", match.string[match.end():])
    return bool(following) and following[1] not in _NOT_DESCRIBED and following[1] not in _MEASURED


_MEASURED = {"diameter", "square"}
"""Words said of an amount of inches beside those `_NOT_DESCRIBED` holds ("thick", "deep")."""


def _temperature(match: re.Match[str]) -> str:
    spoken = _quantity(match["number"], "degree", "degrees")
    return spoken + (f" {_SCALES_WORDS[match['scale']]}" if match["scale"] else "")


def _height(match: re.Match[str]) -> str:
    feet, inches = int(match["feet"]), int(match["inches"])
    return f"{spell.cardinal(feet)} foot" + (f" {spell.cardinal(inches)}" if inches else "")


def _rate(match: re.Match[str]) -> str:
    """"3 mg/kg" -> "three milligrams per kilogram", "150 min/week" -> "... minutes per week",
    "45 mg/kg/day" -> "... per kilogram per day"."""
    pers = [per for per in (match["per"], match["then"]) if per]
    said = " per ".join(_PER.get(per) or _UNITS[per][0] for per in pers)
    return f"{_quantity(match['number'], *_UNITS[match['unit']])} per {said}"


_RESOLUTIONS = {"480": "four eighty", "576": "five seventy-six", "720": "seven twenty", "1080": "ten eighty",
                "1440": "fourteen forty", "2160": "twenty-one sixty", "4320": "forty-three twenty"}


def _adjective(match: re.Match[str]) -> str:
    """"a 3-qt. pot", "a 15-yr. loan": joined by a hyphen, the amount describes what follows, one unit."""
    return f"{spell.decimal(match['number'])} {_UNITS[match['unit']][0]}"


_JOINED = rf"(?P<number>{NUMBER})-(?P<unit>{_UNIT})\.?"
"""An amount joined to its unit by a hyphen ("8-yr.", "100,000-mi."): it describes what follows."""


def _adjectives(match: re.Match[str]) -> str:
    """"an 8-yr./100,000-mi. warranty": eight-year or hundred-thousand-mile, whichever comes first."""
    first = re.match(_JOINED, match["first"])
    return f"{_adjective(first)} or {_adjective(match)}"


_PRECIPITATION = re.compile(r"\b(?:rain|rainfall|snow|snowfall|precipitation|gauges?|showers?|storms?)\b", re.I)


def _grade(match: re.Match[str]) -> str:
    """A motor oil's grade: its cold number, "W" (winter), and its hot number."""
    hot = f" {spell.cardinal(int(match['hot']))}" if match["hot"] else ""
    return f"{spell.cardinal(int(match['cold']))} W{hot}"


RULES: list[Rule] = [
    # Three sides, before the unit after the last is read: "22 x 14 x 9 in." is twenty-two by fourteen by nine.
    (re.compile(r"(?<![\w.])(?P<first>\d+(?:\.\d+)?)\s?[x×]\s?(?P<second>\d+(?:\.\d+)?)\s?[x×]\s?(?=\d)"),
     r"\g<first> by \g<second> by "),
    # Amperes a thing is rated for: "a cable rated for 5A".
    (re.compile(r"\b(?P<cue>rated\s(?:for|at))\s(?P<number>\d{1,3}(?:\.\d+)?)\s?A\b"),
     lambda m: f"{m['cue']} {_quantity(m['number'], 'amp', 'amps')}"),
    # A charger's output: "20V/3.25A" is twenty volts, three point two five amps.
    (re.compile(r"(?<![\w.])(?P<volts>\d{1,3}(?:\.\d+)?)V/(?P<amps>\d{1,2}(?:\.\d+)?)A\b"),
     lambda m: f"{_quantity(m['volts'], 'volt', 'volts')}, {_quantity(m['amps'], 'amp', 'amps')}"),
    # Motor oil: "5W-30" is five W thirty, and "a 0W oil" (or "than a 5W" beside one) zero W, not watts.
    (re.compile(r"(?<![\w.-])(?P<cold>0|5|10|15|20|25)W-(?P<hot>\d{1,2})\b"), _grade),
    (re.compile(r"(?<![\w.-])(?P<cold>0|5|10|15|20|25)W(?P<hot>)\b"),
     lambda m: _grade(m) if re.search(r"\boils?\b", m.string) else m[0]),
    (re.compile(rf"(?<![\w./,-])(?P<first>{NUMBER}-(?:{_UNIT})\.?)/{_JOINED}(?=\s[A-Za-z])"), _adjectives),
    # "a 4x8-ft. bed": four by eight foot.
    (re.compile(rf"(?<![\w./,-])(?P<across>\d+)\s?[x×]\s?{_JOINED}(?=\s[A-Za-z])"),
     lambda m: f"{spell.cardinal(int(m['across']))} by {_adjective(m)}"),
    (re.compile(rf"(?<![\w./,-]){_JOINED}(?=\)?\s[A-Za-z]|-[a-z]|\s\(\d)"), _adjective),  # "a 30-cm (12-in.) skillet"
    # "a 2.9-billion-km trip".
    (re.compile(rf"(?<![\w./,-])(?P<number>{NUMBER})-(?P<scale>thousand|million|billion)-(?P<unit>{_UNIT})\.?"
                r"(?=\s[a-z])"),
     lambda m: f"{spell.decimal(m['number'])} {m['scale']} {_UNITS[m['unit']][0]}"),
    # Inches marked with a double prime: "up to 10\" in the hills", "16\" on center".
    (re.compile(r"(?<![\w.'’′])(?P<inches>\d{1,3}(?:\.\d)?)[\"″]"
                r"(?=\s(?:in|of|deep|high|tall|long|wide|thick|across|on\s+cent(?:er|re)|o\.c)\b)"),  # not "I'm 10","
     lambda m: _quantity(m["inches"], "inch", "inches")),
    # Amperes, where what follows carries them: "15A circuits", "a 20A breaker" (not "Route 15A"),
    # or a sentence about wiring: "a 48A unit on a 60A breaker".
    (re.compile(r"(?<![\w.])(?P<number>\d{1,3})\s?A\b(?=\s(?:[a-z-]+\s)?(?:circuits?|breakers?|fuses?|outlets?"
                r"|receptacles?|chargers?|service|panel|plugs?|charging)\b"
                r"|\s(?!(?:to|on|in|at|of|for|from|and|or|by|with|near)\b)[a-z]+(?=[^.;]{0,60}\b(?:circuits?|breakers?"
                r"|fuses?|panel)\b))"),
     lambda m: f"{spell.cardinal(int(m['number']))} amp"),
    # Cable by its gauge and conductors: "12/2 Romex" is twelve two.
    (re.compile(r"(?<![\w./])(?P<gauge>1[02468]|[468])/(?P<wires>[234])"
                r"(?=\s?(?:w/g\w*\s)?(?:Romex|NM|UF|wire|cable)\b)", re.I),
     lambda m: f"{spell.cardinal(int(m['gauge']))} {spell.cardinal(int(m['wires']))}"),
    # Repeats of a distance: "6x400m" is six by four hundred meters.
    (re.compile(r"(?<![\w.])(?P<count>\d{1,2})\s?[x×]\s?(?=\d+(?:\.\d+)?\s?(?:m|km|mi|yd|k)\b)"),
     lambda m: f"{spell.cardinal(int(m['count']))} by "),
    # Kelvin, where the sentence is about temperature: "40 K", "2.7 K" (not "$40K").
    (re.compile(rf"(?<![\w.$£€])(?P<number>{NUMBER})\sK\b(?![-\w])"),
     lambda m: _quantity(m["number"], "kelvin", "kelvin") if _TEMPERATURE_WORDS.search(m.string) else m[0]),
    # A home's rooms: "3BR/2BA" is "three bedroom, two bath".
    (re.compile(r"\b(?P<beds>\d)\s?BR\s?/\s?(?P<baths>\d(?:\.\d)?)\s?BA\b"),
     lambda m: f"{spell.cardinal(int(m['beds']))} bedroom, {spell.decimal(m['baths'])} bath"),
    # Teams named by a number: the 49ers, the 76ers.
    (re.compile(r"\b(?P<number>49|76)ers\b"), lambda m: {"49": "Forty-Niners", "76": "Seventy-Sixers"}[m["number"]]),
    # "2.4 million km": the unit counts the millions.
    (re.compile(rf"(?<![\w./])(?P<number>{NUMBER})\s(?P<scale>thousand|million|billion)\s(?P<unit>{_UNIT})(?P<dot>\.)?"
                r"(?![\w/])"), lambda m: f"{spell.decimal(m['number'])} {m['scale']} {_UNITS[m['unit']][1]}"),
    # "10^6": ten to the sixth.
    (re.compile(r"(?<=\d)\s?[x×]\s?(?=10\^)"), " times "),  # "3 x 10^8"
    (re.compile(r"(?<![\w.])(?P<base>\d+)\^(?P<sign>[-\u2212])?(?P<power>\d{1,2})\b"),
     lambda m: f"{spell.cardinal(int(m['base']))} to the {'minus ' * bool(m['sign'])}{spell.ordinal(int(m['power']))}"),
    (re.compile(r"(?<![\w/])(?P<unit>km|m)/s\b"), lambda m: f"{_UNITS[m['unit']][1]} per second"),
    # A latitude or longitude: "40°N" is "forty degrees north".
    (re.compile(rf"(?<![\w.])(?P<number>{NUMBER})°\s?(?P<way>[NSEW])\b"),
     lambda m: f"{spell.decimal(m['number'])} degrees {COMPASS[m['way']]}"),
    (re.compile(rf"(?<![\w./])(?P<number>{NUMBER})\s?(?P<unit>{_UNIT})/(?P<amount>{NUMBER})\s?(?P<per>{_UNIT})"
                r"(?P<dot>\.)?(?![\w/])"),
     lambda m: f"{_quantity(m['number'], *_UNITS[m['unit']])} per {_quantity(m['amount'], *_UNITS[m['per']])}"),
    (re.compile(rf"(?<![\w./])(?P<number>{NUMBER})\s?(?P<unit>{_UNIT})\.?/(?P<per>{_UNIT}|"  # "150 min./week"
                + "|".join(_PER) + r")(?:/(?P<then>" + "|".join(_PER) + r"))?(?![\w/])"), _rate),
    # A video's lines: "1080p" is "ten eighty p".
    (re.compile(r"(?<![\w.])(?P<lines>" + "|".join(_RESOLUTIONS) + r")p\b"), lambda m: _RESOLUTIONS[m["lines"]] + " p"),
    # "repeat x8": eight times.
    (re.compile(r"(?<![\w.])[x×](?P<count>\d+)\b"), lambda m: spell.cardinal(int(m["count"])) + " times"),
    # A height: 5'10" is "five foot ten".
    (re.compile(r"(?<![\w.])(?P<feet>\d)'\s?(?P<inches>\d{1,2})(?:\"|'')"), _height),
    (re.compile(r"(?<![\w.])(?P<feet>\d+)\s?ft\.?\s(?P<inches>\d{1,2})\s?in\b\.?"),
     lambda m: f"{_quantity(m['feet'], 'foot', 'feet')} {_quantity(m['inches'], 'inch', 'inches')}"),
    (re.compile(r"(?<![\w.])(?P<amount>\d+(?:\.\d+)?)[x×](?=\s+[a-z]|/[a-z])"),
     lambda m: spell.decimal(m["amount"]) + " times"),
    # Per minute or second, before "min." is taken for minutes and "sec." for a section: "100 steps/min.".
    (re.compile(r"(?<=[a-z])/(?P<per>min|sec)\.?(?![\w/])"), lambda m: f" a {_UNITS[m['per']][0]}"),
    (re.compile(rf"(?<![\w.])(?P<amount>{NUMBER})\s?¢"), lambda m: _quantity(m["amount"], "cent", "cents")),
    (re.compile(rf"(?<![\w.])(?P<number>[-\u2212]?(?:{NUMBER}))\s?°(?:\s?(?P<scale>[CFK])(?![a-z]))?"), _temperature),
    # "47.3C", "44C to 46C": Celsius without its sign, not a seat, a flat or a floor ("Unit 3C").
    (re.compile(r"(?<![\w.])(?P<number>[-\u2212]?\d{1,2}(?:\.\d)?)C(?![\w'’])"),
     lambda m: m[0] if _NOT_DEGREES.search(m.string[:m.start()]) else _quantity(m["number"], "degree", "degrees")),
    (re.compile(rf"(?<![\w./])(?P<number>[-\u2212]?(?:{NUMBER}))\s?(?P<unit>{_UNIT})(?P<dot>\.)?(?![\w/])"),
     _unit),
    # A spoon with its count a word or two before: "one extra Tbsp.", "two more tsp."
    (re.compile(r"\b(?P<count>one|a|an)\s+(?P<between>(?:[a-z]+\s+)?)(?P<unit>Tbsp|tbsp|Tsp|tsp)\.(?!\w)"),
     lambda m: f"{m['count']} {m['between']}{_UNITS[m['unit']][0]}"),
    (re.compile(r"(?<![\w.])(?P<unit>Tbsp|tbsp|Tsp|tsp)\.(?!\w)"), lambda m: _UNITS[m["unit"]][1]),
    # A unit with no number before it: "one tablespoon per gal.", "signs are in km/h".
    (re.compile(rf"\bper\s(?P<unit>{_UNIT})(?P<dot>\.)?(?![\w/])"),
     lambda m: keep_period(m, f"per {_UNITS[m['unit']][0]}") if m["dot"] else f"per {_UNITS[m['unit']][0]}"),
    (re.compile(r"(?<![\w/])(km/h|kph|mph)(?![\w/])"), lambda m: _UNITS[m[0]][1]),
    (re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)(?![^=.]{0,30}\s=\s)"), " by "),  # a sum's "5 x 3 = 15" is times
    (re.compile(r"°"), " degrees"),
    (re.compile(r"\bmm\s?Hg\b"), "millimeters of mercury"),  # after a pressure read as one: "135/85 mm Hg"
    (re.compile(r"\bmmol/mol\b"), "millimoles per mole"),
    # A change over a period: "0.3% m/m", "3.1% y/y".
    (re.compile(r"(?<=percent\s)(?P<period>[myq])/(?P=period)\b"),
     lambda m: " over ".join([{"m": "month", "y": "year", "q": "quarter"}[m["period"]]] * 2)),
]


RANGES: list[Rule] = [
    # "70°F–80°F": one scale for both ends.
    (re.compile(rf"(?<![\w.])(?P<low>[-\u2212]?(?:{NUMBER}))\s?°\s?(?P<first>[CF])?\s?[-–]\s?"
                rf"(?P<number>[-\u2212]?(?:{NUMBER}))\s?°(?:\s?(?P<scale>[CF])(?![a-z]))?"),
     lambda m: f"{spell.decimal(m['low'])} to {_temperature(m)}"),
    (re.compile(r"(?<![\w.'’])(?P<wide>\d{1,3})['’]\s?[x×]\s?(?P<long>\d{1,3})['’](?![\w'’\"])"),
     lambda m: f"{spell.cardinal(int(m['wide']))} foot by {spell.cardinal(int(m['long']))} foot"),
    # Feet marked with a prime: "5'–6' tall", "a 6' fence".
    (re.compile(r"(?<![\w.'’])(?P<low>\d{1,2})['’]\s?[-–]\s?(?P<high>\d{1,2})['’](?![\w'’\"])"),
     lambda m: f"{spell.cardinal(int(m['low']))} to {_quantity(m['high'], 'foot', 'feet')}"),
    (re.compile(r"(?<![\w.'’])(?P<feet>\d{1,2})['’](?=\s(?:tall|high|long|wide|deep)\b)"),
     lambda m: _quantity(m["feet"], "foot", "feet")),
    (re.compile(r"(?<=\b[Aa]\s)(?P<feet>\d{1,2})['’](?=\s[a-z])"),
     lambda m: f"{spell.cardinal(int(m['feet']))} foot"),
    # And inches: "a 12\" skillet" (a quotation does not close after "a 12").
    # Rain and snow in inches marked `"`, in a sentence about them: "0.5\" to 0.75\" overnight".
    (re.compile(r"(?<![\w.'’′])(?P<inches>\d{0,3}(?:\.\d{1,2})?)[\"″](?![\w\"])"),
     lambda m: _quantity(m["inches"], "inch", "inches") if m["inches"] and _PRECIPITATION.search(m.string) else m[0]),
    # Inches marked `"` before what they size: "many 14\" models", "a 65\" TV".
    (re.compile(r"(?<![\w.'’′])(?P<inches>\d{1,3}(?:\.\d)?)[\"″](?=\s(?:models?|screens?|monitors?|laptops?|displays?"
                r"|TVs?|tablets?|pizzas?|pans?|skillets?|wheels?|rims?|tires?|subs?|subwoofers?|speakers?|blades?)\b)"),
     lambda m: f"{spell.decimal(m['inches'])} inch"),
    (re.compile(r"(?<=\b[Aa]\s)(?P<inches>\d{1,3}(?:\.\d)?)[\"″](?=\s[a-z])"),
     lambda m: f"{spell.decimal(m['inches'])} inch"),
    (re.compile(rf"(?<![\w./])(?:(?P<whole>\d+)\s(?P<top>\d)/(?P<bottom>[2-8])|(?P<low>{NUMBER}))\s?[-–]\s?"
                rf"(?P<number>{NUMBER})\s?(?P<unit>{_UNIT})(?P<dot>\.)?(?![\w/])"), _unit_range),
    # A share of an inch marked with a double prime: "a 3/8\" bit", "1/2\" thick".
    (re.compile(r"(?<![\w./])(?:(?P<whole>\d+)\s)?(?P<top>\d{1,2})/(?P<bottom>1[0-6]|[2-9]|32|64)[\"″]"
                r"(?=[\s,.;:)]|$)"), lambda m: _fraction_of_unit(m, "in.", joined=_describes_next(m))),
    # A share of a unit, as cooks and builders write one: "1 1/2 tsp.", "3/4-in." (not "135/85 mm").
    (re.compile(rf"(?<![\w./])(?:(?P<whole>\d+)\s)?(?P<top>\d{{1,2}})/(?P<bottom>1[0-6]|[2-9]|32|64)"
                rf"(?:\s?|(?P<joined>-))(?P<unit>{_UNIT})(?P<dot>\.)?"
                r"(?![\w/])"), _fraction_of_unit),
]
"""Measures that other classes would split: a range of them, a fraction of one."""
