"""Written form to spoken form: what an engine should be handed instead of the page.

Rules are (pattern, replacement) pairs applied in order; the table is the place to add
a case when an engine is heard reading something badly. A pronunciation lexicon (words
a person says how to pronounce) is applied first, so it wins over every rule.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Mapping

from num2words import num2words

Replacement = str | Callable[[re.Match[str]], str]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_ABBREVIATIONS = {"Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor",
                  "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus",
                  "approx.": "approximately", "St.": "Saint"}
_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
               "€": ("euro", "euros", "cent", "cents")}


def _number(text: str) -> str:
    return num2words(int(text.replace(",", "")))


def _url(match: re.Match[str]) -> str:
    address = re.sub(r"^https?://", "", match[0]).rstrip("/")
    return address.replace(".", " dot ").replace("/", " slash ").replace("-", " dash ")


def _email(match: re.Match[str]) -> str:
    return match[0].replace("@", " at ").replace(".", " dot ")


def _money(match: re.Match[str]) -> str:
    one, many, small_one, small_many = _CURRENCIES[match["symbol"]]
    whole = int(match["whole"].replace(",", ""))
    spoken = f"{num2words(whole)} {one if whole == 1 else many}"
    if match["cents"] and int(match["cents"]):
        cents = int(match["cents"])
        spoken += f" and {num2words(cents)} {small_one if cents == 1 else small_many}"
    return spoken


def _time(match: re.Match[str]) -> str:
    hour, minute = int(match["hour"]), int(match["minute"])
    spoken = num2words(hour) + (" o'clock" if minute == 0 and not match["half"] else
                                f" oh {num2words(minute)}" if minute < 10 else f" {num2words(minute)}")
    if match["half"]:
        spoken = spoken.replace(" o'clock", "") + " " + " ".join(match["half"].replace(".", "").lower())
    return spoken


def _date(match: re.Match[str]) -> str:
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return match[0]
    return f"{_MONTHS[month - 1]} {num2words(day, to='ordinal')}, {num2words(year, to='year')}"


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" and (ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x27BF)


_RULES: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"[\u200b-\u200d\u2060\ufeff]"), ""),  # zero-width characters
    (re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]"), " "),
    (re.compile("[‘’‛′]"), "'"),
    (re.compile("[“”„″]"), '"'),
    (re.compile(r"\s*[–—]\s*"), ", "),
    (re.compile("…"), "..."),
    (re.compile(r"\bhttps?://\S+[^\s.,;:!?)]|\bwww\.\S+[^\s.,;:!?)]"), _url),
    (re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), _email),
    (re.compile(r"(?P<symbol>[$£€])(?P<whole>\d[\d,]*)(?:\.(?P<cents>\d\d))?\b"), _money),
    (re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s?%"),
     lambda m: (num2words(float(m[1].replace(",", ""))) if "." in m[1] else _number(m[1])) + " percent"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), _date),
    (re.compile(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\s?(?P<half>[ap]\.?m\.?)?(?=\W|$)", re.I), _time),
    (re.compile(r"\b(\d+)(?:st|nd|rd|th)\b"), lambda m: num2words(int(m[1]), to="ordinal")),
    (re.compile(r"\b\d{1,3}(?:,\d{3})+\b"), lambda m: _number(m[0])),
    (re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")(?=\s|$)"),
     lambda m: _ABBREVIATIONS[m[1]]),
    # An all-caps name with a possessive: engines drop the "'s" of "BRAVO's".
    (re.compile(r"\b([A-Z]{2,})'s\b"), lambda m: m[1].capitalize() + "'s"),
    # "Yahoo!" inside a list is part of a name, not the end of a sentence.
    (re.compile(r"\b(\w+)!(?=,|\s+[a-z])"), r"\1"),
    (re.compile(r"[ \t]+"), " "),
]


def to_speech(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """Return `text` as it should be handed to a speech engine."""
    text = "".join(" " if _is_emoji(c) else c for c in text)
    if lexicon:
        text = apply_lexicon(text, lexicon)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace each whole word the lexicon knows (matched without regard to case)."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(lexicon, key=len, reverse=True)) + r")\b",
                         re.I)
    lowered = {word.lower(): said for word, said in lexicon.items()}
    return pattern.sub(lambda m: lowered[m[1].lower()], text)


_SENTENCE_ABBREVIATIONS = ("Dr", "Mr", "Mrs", "Ms", "St", "Jr", "Sr", "Prof", "vs", "etc", "e.g", "i.e", "approx",
                           "No")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "Dr." whole."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start:match.start()].rstrip("\"”’)")
        if before.endswith(tuple(f"{a}." for a in _SENTENCE_ABBREVIATIONS)) and not before.endswith(" etc."):
            continue
        sentences.append(paragraph[start:match.start()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]
