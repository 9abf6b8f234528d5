"""Times of day: "5pm" -> "five p m", "3:10 pm" -> "three ten p m", "9:05 a.m." -> "nine oh
five a m", "10:00" -> "ten o'clock", "9:00 to 10:30" -> "nine to ten thirty", "3:30 p.m.
CDT" -> "three thirty p m Central Daylight Time"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule, before_noun, keep_period

ZONES = {"ET": "Eastern Time", "EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time",
         "CT": "Central Time", "CST": "Central Standard Time", "CDT": "Central Daylight Time",
         "MT": "Mountain Time", "MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
         "PT": "Pacific Time", "PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time",
         "GMT": "G M T", "UTC": "U T C", "BST": "British Summer Time"}
_HALF = r"(?P<half>[AaPp]\.?\s?[Mm]\b\.?)"
_ZONE = r"(?:\s(?P<zone>" + "|".join(ZONES) + r")\b)?"
_RANGE_FOLLOWS = r"(?=\s?(?:[-–]|to|or)\s?\d)"
_RANGE_PRECEDES = r"\d\s?(?:[-–]|to)\s?$"
"""In "9:00 to 5:00" neither end is "o'clock": the range says it is the hours."""
_PACE = re.compile(r"\s?(?:/\s?|per\s|a\s)(?:mile|mi\b|km\b|kilomet)|\s?pace\b")
"""A runner's pace, minutes a mile: "10:00 per mile" is no time of day."""
_PACED = re.compile(r"\s(?:mile|km|kilometer|kilometre)\b")
"""What a pace is of: "a 10:00 mile" is a ten-minute mile."""


def _military(match: re.Match[str]) -> str:
    hour, minute = int(match["hour"]), int(match["minute"])
    spoken_hour = ("oh " if match["hour"].startswith("0") else "") + spell.cardinal(hour)
    if minute == 0:
        return f"{spoken_hour} hundred"
    return f"{spoken_hour} {spell.digits(match['minute'], 'oh') if minute < 10 else spell.cardinal(minute)}"


def _half(match: re.Match[str]) -> str:
    """"p.m." -> " p m", with the zone after it; the sentence's period kept."""
    spoken = ""
    if match["half"]:
        spoken += " " + " ".join(match["half"].replace(".", "").replace(" ", "").lower())
    if match["zone"]:
        spoken += " " + ZONES[match["zone"]]
    return spoken


def _clock(match: re.Match[str]) -> str:
    hour, minute = int(match["hour"]), int(match["minute"])
    if minute == 0 and hour > 12 and not match["half"]:
        said = f"{spell.cardinal(hour)} hundred"  # the twenty-four-hour clock: "by 18:00"
    elif minute == 0 and not match["half"] and _PACED.match(match.string[match.end():]):
        said = f"{spell.cardinal(hour)} minute"
    elif minute == 0:
        ranged = re.match(_RANGE_FOLLOWS, match.string[match.end():]) or re.search(
            _RANGE_PRECEDES, match.string[:match.start()]) or _PACE.match(match.string[match.end():])
        said = spell.cardinal(hour) + ("" if match["half"] or ranged else " o'clock")
    else:
        said = f"{spell.cardinal(hour)} {'oh ' if minute < 10 else ''}{spell.cardinal(minute)}"
    return keep_period(match, said + _half(match))


def _hour(match: re.Match[str]) -> str:
    return keep_period(match, spell.cardinal(int(match["hour"])) + _half(match))


def _elapsed(match: re.Match[str]) -> str:
    """"1:04:51" -> "one oh four fifty-one", "4:05.2" -> "four oh five point two": a race's
    or a game's time, hours, minutes and seconds read as a clock's figures are."""
    first, *rest = match["time"].split(":")
    said = [spell.cardinal(int(first))]
    for part in rest:
        whole, _, fraction = part.partition(".")
        said.append(("oh " if whole.startswith("0") and whole != "00" else "") + spell.cardinal(int(whole)))
        if fraction:
            said.append("point " + spell.digits(fraction))
    return " ".join(said)


def _duration(match: re.Match[str]) -> str:
    """"6h 40m" is six hours forty minutes; "a 6h 40m layover" six hour forty minute."""
    hours, minutes = int(match["hours"]), int(match["minutes"])
    describes = before_noun(match)
    hour = "hour" if describes or hours == 1 else "hours"
    minute = "minute" if describes or minutes == 1 else "minutes"
    return f"{spell.cardinal(hours)} {hour} {spell.cardinal(minutes)} {minute}"


RULES: list[Rule] = [
    (re.compile(r"(?<![\w.:])(?P<hours>\d{1,2})h\s?(?P<minutes>[0-5]?\d)m\b"), _duration),
    # Not a time: a station on the AM band, "702 AM" (seven oh two), "1010 AM".
    (re.compile(r"(?<![\w:.,])(?P<frequency>[5-9]\d\d|1[0-6]\d\d|1700)\s(?=AM\b)"),
     lambda m: spell.paired(m["frequency"]) + " "),
    # Not a time: a ratio named as one, "a 1:10 bleach solution", "a 1:50 scale model".
    (re.compile(r"(?<![\w:.])(?P<first>\d+):(?P<second>\d+)"
                r"(?=\s(?:[a-z]+\s)?(?:ratio|solution|mix|mixture|dilution|scale)\b)"),
     lambda m: f"{spell.cardinal(int(m['first']))} to {spell.cardinal(int(m['second']))}"),
    # A game's last seconds: "0:04 left" is "four seconds left".
    (re.compile(r"(?<![\w:.])0:(?P<seconds>[0-5]\d)(?=\s(?:left|remaining|to\s+go)\b)"),
     lambda m: spell.cardinal(int(m["seconds"])) + (" second" if m["seconds"] == "01" else " seconds")),
    # A zone's offset: "UTC+9", "GMT-5:30".
    (re.compile(r"\b(?P<zone>UTC|GMT)\s?(?P<sign>[+\u2212-])(?P<hours>\d{1,2})(?::(?P<minutes>[0-5]\d))?\b"),
     lambda m: f"{' '.join(m['zone'])} {'plus' if m['sign'] == '+' else 'minus'} {spell.cardinal(int(m['hours']))}"
     + (f" {spell.cardinal(int(m['minutes']))}" if m["minutes"] else "")),
    # A time with hours, minutes and seconds, or seconds in tenths: a race's, not a clock's.
    (re.compile(r"(?<![\w:.])(?P<time>\d{1,2}:[0-5]\d:[0-5]\d(?:\.\d{1,3})?|\d{1,2}:[0-5]\d\.\d{1,3})(?![\d:])"),
     _elapsed),
    # The twenty-four-hour clock read as the military read it: "0600 hours" is "oh six hundred hours".
    (re.compile(r"(?<![\w:.,])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?=\s(?:hours|hrs)\b)"), _military),
    # "10 a.m.–5 p.m.": from one time to another.
    (re.compile(r"(?<=[ap]\.m\.)\s?[-–]\s?(?=\d|noon|midnight)|(?<=[AaPp][Mm])\s?[-–]\s?(?=\d|noon|midnight)"),
     " to "),
    # "5:30-7 p.m.": from a time to an hour of the same half of the day.
    (re.compile(r"(?<=\d:[0-5]\d)\s?[-–]\s?(?=(?:1[0-2]|0?[1-9])\s?[AaPp]\.?\s?[Mm]\b)"), " to "),
    # "5-7pm": the first hour shares the second's half of the day.
    (re.compile(r"\b(?P<first>1[0-2]|0?[1-9])\s?[-–]\s?(?=(?:1[0-2]|0?[1-9])\s?[AaPp]\.?\s?[Mm]\b)"), r"\g<first> to "),
    (re.compile(r"(?<=\d)\s?[-–]\s?(?=(?:[01]?\d|2[0-3]):[0-5]\d)"), " to "),
    # A pace: "10:30/mile" is ten thirty per mile.
    (re.compile(r"(?<=\d:[0-5]\d)\s?/\s?(?P<unit>mile|mi|km|kilomet(?:er|re))\b\.?"),
     lambda m: keep_period(m, " per mile" if m["unit"] in ("mile", "mi") else " per kilometer")),
    (re.compile(rf"(?<![\w:.])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])(?:\s?{_HALF})?{_ZONE}"), _clock),
    # British style: "9.30am", "7.45 pm".
    (re.compile(rf"(?<![\w:.,])(?P<hour>1[0-2]|0?[1-9])\.(?P<minute>[0-5]\d)\s?{_HALF}{_ZONE}"), _clock),
    (re.compile(rf"(?<![\w:.,])(?P<hour>1[0-2]|0?[1-9])\s?{_HALF}{_ZONE}"), _hour),
    (re.compile(rf"\b(?P<half>[ap]\.m\.){_ZONE}"), lambda m: keep_period(m, _half(m).strip())),
    # An hour and its zone with no half of the day: "at 7 ET".
    (re.compile(r"(?<![\w:.,])(?P<hour>1[0-2]|0?[1-9])\s(?P<zone>" + "|".join(ZONES) + r")\b"),
     lambda m: f"{spell.cardinal(int(m['hour']))} {ZONES[m['zone']]}"),
]
