"""Dates and years: "Dec. 5, 2020" -> "December fifth, twenty twenty", "2024-05-01" ->
"May first, twenty twenty-four", "5 March 2021" -> "the fifth of March, twenty
twenty-one", "1990s" -> "nineteen nineties", "'70s" -> "seventies", "1983" ->
"nineteen eighty-three", "Sept." -> "September", "Tues." -> "Tuesday"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import CURRENCY_SIGNS, Rule, before_noun, keep_period

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_ABBREVIATIONS = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
                       "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October",
                       "Nov": "November", "Dec": "December"}
DAY_ABBREVIATIONS = {"Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
                     "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday"}
_MONTH = "(?P<month>" + "|".join(MONTHS) + "|" + "|".join(
    rf"{a}\.?" for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"


def month_name(written: str) -> str:
    return MONTH_ABBREVIATIONS.get(written.rstrip("."), written.rstrip("."))


def _year(written: str | None) -> str:
    return f", {spell.year(int(written))}" if written else ""


def _month_day(match: re.Match[str]) -> str:
    day = int(match["day"])
    if not 1 <= day <= 31:
        return match[0]
    return keep_period(match, f"{month_name(match['month'])} {spell.ordinal(day)}{_year(match['year'])}")


def _day_month(match: re.Match[str]) -> str:
    the = "" if re.search(r"\b[Tt]he\s$", match.string[:match.start()]) else "the "  # "on the 1st of June"
    spoken = f"{the}{spell.ordinal(int(match['day']))} of {month_name(match['month'])}{_year(match['year'])}"
    return keep_period(match, spoken)


def _numeric(year: str, month: str, day: str, written: str) -> str:
    if not 1 <= int(month) <= 12 or not 1 <= int(day) <= 31:
        return written
    return f"{MONTHS[int(month) - 1]} {spell.ordinal(int(day))}, {spell.year(int(year))}"


def _slashed(match: re.Match[str]) -> str:
    """"5/12/2024" is May twelfth, as in the United States; "13/01/2024", whose first
    figure cannot be a month, is the thirteenth of January."""
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if 12 < first <= 31 and 1 <= second <= 12:
        return f"the {spell.ordinal(first)} of {MONTHS[second - 1]}, {spell.year(year)}"
    return _numeric(match[3], match[1], match[2], match[0])


def _decade(match: re.Match[str]) -> str:
    number = int(match["decade"])
    return spell.plural(spell.year(number) if number >= 1000 else spell.cardinal(number))


_ROUND = {"100": "hundreds", "1000": "thousands"}
"""Round figures made plural as people say them: "100s of people" are hundreds, not "one hundreds"."""


def _figures(match: re.Match[str]) -> str:
    """The plural of a figure: "fives", "two point fives", a form's "ten ninety-nines" (a
    four-figure number read in pairs, as a year is), "hundreds"."""
    figure = match["figure"]
    if figure in _ROUND:
        return _ROUND[figure]
    words = spell.decimal(figure) if "." in figure else spell.year(int(figure)) if len(figure) == 4 \
        else spell.cardinal(int(figure))
    return spell.plural(words)


NUMERIC: list[Rule] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: _numeric(m[1], m[2], m[3], m[0])),
    (re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])"), _slashed),
]
"""Dates written in figures ("2024-05-01", "5/12/2024"), read before ranges take their dashes."""

_MONTH_DAY = re.compile(r"\b(?P<cue>[Oo]n|[Bb]y|[Uu]ntil|[Tt]hrough|[Ff]rom|[Ss]ince|[Bb]efore|[Aa]fter|[Dd]ue)\s"
                        r"(?!9/11\b)(?P<month>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])(?![\w/])")
"""A month and day in figures ("on 4/5"): only after a word that says a date follows,
since "4/5" alone is a fraction."""
_CHANGED_BY = re.compile(r"\b(?:cut|trim|reduce|shrink|grow|increase|raise|lower|drop|fall|rise|rose|fell|back|down|up)"
                         r"\w*\s+(?:\w+\s+){0,2}$", re.I)
"""What changes "by" a share ("cut them back by 1/2"): then "1/2" is no date."""


def _a_share_by(match: re.Match[str]) -> bool:
    return match["cue"].lower() == "by" and bool(_CHANGED_BY.search(match.string[:match.start()]))

RULES: list[Rule] = [
    # From one day to another in figures: "(7/18-8/18)". Days past the twelfth (not
    # sixteenths) keep fractions out: "1/2-3/4 cup" is a share.
    (re.compile(r"(?<![\w/.])(?P<month>1[0-2]|0?[1-9])/(?P<day>1[3-57-9]|2\d|3[01])\s?[-–]\s?"
                r"(?P<month2>1[0-2]|0?[1-9])/(?P<day2>1[3-57-9]|2\d|3[01])(?![\w/]|\.\d)"),
     lambda m: f"{MONTHS[int(m['month']) - 1]} {spell.ordinal(int(m['day']))} to "
               f"{MONTHS[int(m['month2']) - 1]} {spell.ordinal(int(m['day2']))}"),
    # A fiscal year: "FY2026" is "fiscal year twenty twenty-six", "FY26" "fiscal year twenty-six".
    (re.compile(r"\bFY\s?['’]?(?P<year>\d{4}|\d{2})\b"),
     lambda m: "fiscal year " + (spell.year if len(m["year"]) == 4 else spell.cardinal)(int(m["year"]))),
    (_MONTH_DAY, lambda m: m[0] if before_noun(m) or _a_share_by(m)  # "on 7/10 days" counts days
     else f"{m['cue']} {MONTHS[int(m['month']) - 1]} {spell.ordinal(int(m['day']))}"),
    (re.compile(rf"\b{_MONTH}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s{_YEAR}\b)?"), _month_day),
    (re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}(?!\w|\.\w)(?:,?\s{_YEAR}\b)?"), _day_month),
    # "my lease, 7/31", "Friday 7/31": set off or after a weekday, a day no fraction is
    # written with (13 to 31, but for sixteenths, twentieths, quarters of a hundred and
    # thirtieths) makes the figures a date; "rated 3/17" stays a share.
    (re.compile(r"(?:(?<=, )|(?<=\()|(?<=day )|(?<=\.\s))(?P<month>1[0-2]|0?[1-9])/(?P<day>1[3-57-9]|2[1-46-9]|31)"
                r"(?![\w/]|\.\d)"),
     lambda m: m[0] if before_noun(m) else f"{MONTHS[int(m['month']) - 1]} {spell.ordinal(int(m['day']))}"),
    # A month's abbreviation alone only with its period: "Jan" and "Sue" are names.
    (re.compile(r"\b(" + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)) + r")\.(?=[\s,]|$)"),
     lambda m: keep_period(m, MONTH_ABBREVIATIONS[m[1]])),
    (re.compile(r"(?<!\b[Tt]he\s)\b(" + "|".join(sorted(DAY_ABBREVIATIONS, key=len, reverse=True)) + r")\."),
     lambda m: keep_period(m, DAY_ABBREVIATIONS[m[1]])),  # "as hot as the Sun." is no Sunday
    (re.compile(r"\bca?\.\s?(?=\d{3,4}\b)"), "circa "),  # "c. 1850"
    # Decades: "1990s", "the '70s", "the 80s", "1900s".
    (re.compile(r"(?<![\w.,])'?(?P<decade>(?:1[0-9]|20)?\d0)'?s\b"), _decade),
    # Other figures made plural: "a pair of 2.5s", "send 1099s", "100s of them".
    (re.compile(rf"(?<![\w.,'’{CURRENCY_SIGNS}-])(?P<figure>\d{{1,4}}(?:\.\d+)?)s\b"), _figures),
    # A four-digit number with no separator, between 1100 and 2099, is read as a year:
    # "in 1983", "2020 to 2021". A count that size is read the same way by most people.
    (re.compile(rf"(?<![\w.,{CURRENCY_SIGNS}])(1[1-9]\d\d|20\d\d)(?!\w|[.,]\d)(?!\s(?:people|persons|votes|voters|"
                r"residents|students|cases|patients|members|households|homes|jobs|tickets|visitors)\b)"),
     lambda m: spell.year(int(m[1]))),
    # An early year after a word that says it is one: "in 1066,", "since 800 AD".
    (re.compile(r"\b(?P<cue>[Ii]n|[Ss]ince|[Uu]ntil|[Aa]round|[Cc]irca|[Ff]rom)\s(?P<year>[1-9]\d{2,3})"
                r"(?=[,.;:)]|$|\s(?:AD|A\.D\.|BC|B\.C\.|BCE|CE)\b)"),
     lambda m: f"{m['cue']} {spell.year(int(m['year']))}"),
    # A year by its last two figures: "the class of '68", "since '05".
    (re.compile(r"(?<![\w'])'(\d\d)(?![\w'])"), lambda m: spell.year(int(m[1])) if m[1][0] != "0" else
     "oh " + spell.cardinal(int(m[1]))),
]
