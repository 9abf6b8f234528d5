"""Written form to spoken form: what an engine should be handed instead of the page.

The text is normalized class by class, in the order below (the classes of text
normalization research and production systems: cardinal, ordinal, decimal, fraction,
money, measure, percent, date, time, range, telephone, electronic address, letters,
roman numerals, verbatim). Each class is one module with its own rules; the order is
decided here, in one place: the specific before the general, so that a telephone number
is claimed before its digits are read as a range, and a count is what no class claimed.
A pronunciation lexicon (words a person says how to pronounce) is applied before every
class, so it wins.
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping

from audio_edition.normalize import (
    abbreviations, address, cardinal, dates, decimals, electronic, fraction, letters, measure, money, ordinal, percent,
    ranges, roman, telephone, times, verbatim,
)
from audio_edition.normalize.lexicon import apply_lexicon, matches, read_pls
from audio_edition.normalize.rules import Rule
from audio_edition.normalize.sentences import cut_long, split_sentences

__all__ = ["apply_lexicon", "cut_long", "lexicon_matches", "read_pls", "split_sentences", "to_speech", "CLASSES"]

CLASSES: tuple[tuple[str, list[Rule]], ...] = (
    ("verbatim", verbatim.LONG_NUMBERS),
    ("electronic", electronic.RULES),
    ("telephone", telephone.RULES),
    ("address", address.RULES),
    ("date", dates.NUMERIC),
    ("time", times.RULES),
    ("money", money.RULES),
    ("measure", measure.RANGES),
    ("range", ranges.RULES),
    ("date", dates.RULES),
    ("percent", percent.RULES),
    ("measure", measure.RULES),
    ("fraction", fraction.RULES),
    ("decimal", decimals.RULES),
    ("ordinal", ordinal.RULES),
    ("roman", roman.RULES),
    ("abbreviation", abbreviations.RULES),
    ("letters", letters.RULES),
    ("cardinal", cardinal.RULES),
    ("verbatim", verbatim.SYMBOLS),
)
"""Every rule, in the order applied."""


def to_speech(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """Return `text` as it should be handed to a speech engine."""
    spoken = verbatim.plain_characters(text)
    if lexicon:
        spoken = apply_lexicon(spoken, lexicon)
    for _, rules in CLASSES:
        for pattern, replacement in rules:
            spoken = pattern.sub(replacement, spoken)
    spoken = spoken.strip()
    # "6 Reasons" is said "Six reasons": a sentence that began with a capital or a
    # figure begins with a capital still, as the engine's intonation expects.
    if spoken[:1].islower() and not text.lstrip()[:1].islower():
        spoken = spoken[0].upper() + spoken[1:]
    return spoken


def lexicon_matches(text: str, lexicon: Mapping[str, str]) -> Counter[str]:
    """How many times each lexicon entry occurs in `text` (as `to_speech` sees it)."""
    return matches(verbatim.plain_characters(text), lexicon)
