"""Letters and acronyms: said letter by letter ("FAQ" -> "F A Q", "U.S." -> "U S") or as a
word ("NASA" -> "Nasa", so no engine spells it out). The built-in lists below hold the
common ones; a show adds its own in its settings file ([acronyms], read with the
lexicon). An all-capital word in neither list is spelled when it has no vowel or three
letters at most ("IBM"), and otherwise read as a word ("BRAVO's" -> "Bravo's"), as are
the words of a line set in capitals."""

from __future__ import annotations

import re

from audio_edition.normalize.rules import Rule, keep_period

SPELLED = frozenset("""
AI AP ATM GPA BBC BC AD CBS CD CDC CEO CFO CIA CNN COO CPR CSV CT CTO CV DC DIY DJ DMV DNA DOJ DVD EPA ER ESPN EU FAA FAQ
FBI FCC FDA FTC GDP GOP GPS HBO HIV HR HTML HTTP ID IQ IRS IT IV JFK LA LED LGBT MBA MD MIT MLB MP MRI MVP NBA NBC NCAA
NFL NHL NPR NY NYC PBS PC PDF PE PR PTA PTSD RSVP RV SAT SEC SUV TBD TV UCLA UFO UK UN UPS URL US USA USB USPS VIP
VP WHO WWII YMCA YWCA
""".split())
"""Said letter by letter."""
WORDS = frozenset("""
NASA NATO UNESCO UNICEF AIDS OPEC FEMA LASER RADAR SCUBA SWAT OSHA NAFTA ASCII JPEG GIF PIN SIM COVID NIMBY ZIP
""".split())
"""Said as a word."""
SAID = {"OK": "okay", "FWIW": "for what it's worth", "IMO": "in my opinion", "IMHO": "in my humble opinion",
        "TBH": "to be honest", "BTW": "by the way"}
"""Said neither as letters nor as written."""
_VOWELS = set("AEIOUY")


def spell_out(letters: str) -> str:
    return " ".join(letters)


_ALSO_WORDS = frozenset("IT US WHO ID AD OK PE ER LA IV MD AI".split())
"""Acronyms that are also English words: in a line set in capitals, they are the words."""
_CAPITALS_AROUND = re.compile(r"\b[A-Z]{2,}\b")


def _in_capitals(match: re.Match[str]) -> bool:
    """True inside a phrase set in capitals ("— TOLLING IN TOPEKA", "DEAR JUNE:")."""
    before = match.string[max(0, match.start() - 40):match.start()].split()
    after = match.string[match.end():match.end() + 40].split()
    return any(_CAPITALS_AROUND.fullmatch(w.strip(",.:;!?\"'")) for w in before[-1:] + after[:1])


def _capitals(match: re.Match[str]) -> str:
    word, tail = match["word"], match["tail"] or ""
    if word in SAID:
        return SAID[word] + tail
    if word in WORDS:
        return word.capitalize() + tail
    if _in_capitals(match):
        spelled = word in SPELLED and word not in _ALSO_WORDS
    else:
        spelled = word in SPELLED or len(word) <= 3 or not _VOWELS & set(word)
    return (spell_out(word) if spelled else word.capitalize()) + tail


RULES: list[Rule] = [
    # Letters with periods: "U.S.", "P.O.", "D.C.", "a.m." when no time came before it.
    (re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?!\w)"), lambda m: keep_period(m, spell_out(m[0].replace(".", "")))),
    (re.compile(r"\b(?P<word>[A-Z]{2,})(?P<tail>'s|s)?(?=\b|\d)"), _capitals),  # "MP3": M P three
    (re.compile(r"\b(?:PhD|Ph\.D\.)"), lambda m: keep_period(m, "P h D")),
]
