"""What every class module offers: an ordered list of (pattern, replacement) rules."""

from __future__ import annotations

import re
from typing import Callable

Replacement = str | Callable[[re.Match[str]], str]
Rule = tuple[re.Pattern[str], Replacement]

CURRENCY_SIGNS = "$£€¥₩฿₹₱₪"
"""Signs of a currency written before its amount (money.py names each)."""
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A written number: "7", "20,000", "2.5"."""


def ends_sentence(match: re.Match[str]) -> bool:
    """True when the match closes its sentence (only quotes or brackets after it): an
    abbreviation's period is then also the sentence's, and must stay for the voice."""
    return not match.string[match.end():].strip(" \"')]")


def keep_period(match: re.Match[str], spoken: str) -> str:
    """`spoken` for an abbreviation written with a period, keeping the sentence's end."""
    return spoken + "." if match[0].endswith(".") and ends_sentence(match) else spoken


def padded(match: re.Match[str], spoken: str) -> str:
    """`spoken` with a space on a side where a letter touches the match ("MP3", "3D")."""
    text, start, end = match.string, match.start(), match.end()
    before = " " if start and text[start - 1].isalpha() else ""
    after = " " if end < len(text) and text[end].isalpha() else ""
    return before + spoken + after


_SILENT_H = ("hour", "honest", "honor", "heir")


def article(noun: str) -> str:
    """"a" or "an", by the sound the noun begins with."""
    lowered = noun.lower()
    return "an" if lowered[:1] in "aeio" or lowered.startswith(_SILENT_H) else "a"


def after_article(match: re.Match[str]) -> bool:
    """True when "a" or "an" comes just before the match: "a $5 fee", "an 8 lb bag"."""
    return bool(re.search(r"\b[Aa]n?\s+$", match.string[:match.start()]))


COMPASS = {"N": "north", "S": "south", "E": "east", "W": "west"}
"""The compass's letters: "40°N", a wind "from the NW"."""


_NOT_NOUNS = frozenset("""is was has his this us as its plus less across always perhaps thus yes does goes makes
takes gives costs runs weighs lasts means seems keeps needs gets says lets works looks comes holds sits feels fits
helps stays uses wants shows tells sells starts stops puts adds saves drops rises falls turns lives leaves brings stands
sounds becomes remains includes requires offers provides allows supports handles plays pays charges ships fills
loads qualifies applies varies carries covers buys earns""".split())
"""Words ending in "s" that are a verb, not a plural noun: "128GB keeps telling me"."""


_NOT_DESCRIBED = frozenset("""in on at of for to from with by a an the and or but nor each per more less off back now
then than up down over total apiece worth left already is was are were be been will would could should can may might
must that which who whom so if as into plus minus instead too also still just only before after later ago yesterday
today tomorrow tonight last next this these those every cash upfront altogether overall extra round
we you he she it they when while where because since until unless though although once again even yet here there
onto into toward towards through via taken given written eaten stolen chosen driven spoken broken forgotten hidden
paid spent lost won owed left sent either neither both all alone enough vs versus
adults kids children seniors students members guests families teens veterans couples players""".split())
"""Words that follow an amount without being described by it: "$5 each", "$40 a month"."""


def before_noun(match: re.Match[str]) -> bool:
    """True when a word the amount describes follows it: "$1,800 deposit", "$90 concert
    T-shirt"; not "$5 each", "$4,000 in savings"."""
    following = re.match(r"\s([a-z][a-z-]*)\b(?!')", match.string[match.end():])
    # "$7,500 ended", "$40 earmarked": a verb's past, not a thing the amount describes.
    return bool(following) and following[1] not in _NOT_DESCRIBED and following[1] not in _NOT_NOUNS \
        and not following[1].endswith(("ly", "ed"))


def before_plural_noun(match: re.Match[str]) -> bool:
    """True when a plural noun follows ("20 lb bags"): the amount then describes it."""
    following = re.match(r"\s+([a-z]+s)\b", match.string[match.end():])
    return bool(following) and following[1] not in _NOT_NOUNS and not following[1].endswith("ss")
