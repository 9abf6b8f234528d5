"""Ranges: "10-15" -> "10 to 15", "2020–2021" -> "2020 to 2021", "pp. 4-9". Only the dash
is replaced: each end is then read by its own class (a year, a percent, money)."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.dates import DAY_ABBREVIATIONS, MONTH_ABBREVIATIONS
from audio_edition.normalize.rules import CURRENCY_SIGNS, NUMBER, Rule, before_noun, keep_period

_NAMED = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|"
          r"January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")

_FULL = {**DAY_ABBREVIATIONS, **MONTH_ABBREVIATIONS}


def _named_range(match: re.Match[str]) -> str:
    """"Mon–Fri", "Tues.–Sun.", "June–Aug.": the days or months said in full, "through"
    between them."""
    said = f"{_FULL.get(match['first'], match['first'])} through {_FULL.get(match['last'], match['last'])}"
    return keep_period(match, said) if match["dot"] else said


_RECORD = re.compile(r"\b(?:record|season|team|standings|conference|league|division|tied\s+for)\b", re.I)
"""Words that make "is 22-5" a team's record, wins and losses."""
_MATCH_PLAYED = re.compile(r"\b(?:won|win|wins|beat|beats|defeated|def\.|lost|loses|sets?|match|rallied)\b")
"""Words that make "4-6, 6-3" a match's sets, not sizes."""
_CRICKET = re.compile(r"\b(?:wickets?|overs|innings|bowl(?:er|ers|ed|ing)|batt(?:ing|ed|er|ers|sman)|maidens?)\b"
                      r"|\d(?:st|nd|rd|th)\s+over\b|\b\w+(?:th|st|nd|rd)\s+over\b")
"""Words that make a score cricket's, where "150-3" is runs for wickets."""


RULES: list[Rule] = [
    (re.compile(r"\b50[-–]50\b"), "fifty-fifty"),
    # A pair of equal figures is no range: a "30-30 season" is thirty thirty.
    (re.compile(r"(?<![\w.,-])(?P<figure>\d{1,3})-(?P=figure)(?![\w,-]|\.\d)"), r"\g<figure> \g<figure>"),
    # Days within a month: "Apr. 3-17" is April third to the seventeenth ("a Sept. 16-17 meeting" to seventeenth).
    (re.compile(rf"\b(?P<first>{_NAMED}\.?\s(?P<day>[12]\d|3[01]|0?[1-9]))\s?[-–]\s?(?P<last>[12]\d|3[01]|0?[1-9])"
                r"(?![\w:.,]\d|\d|\s?(?:[ap]\.?m\b|percent|%))"),
     lambda m: f"{m['first']} to {'' if before_noun(m) else 'the '}{spell.ordinal(int(m['last']))}"
     if int(m["last"]) > int(m["day"]) else m[0]),
    (re.compile(r"\b(K|Pre-K)[-–](?=\d)"), r"\1 through "),
    # A ratio or a score with a colon: "1:1", "a 3:2 win" (a time has two figures after it).
    (re.compile(r"(?<![\w:.])(\d+):(\d)(?![\d:])"), r"\1 to \2"),
    # "Jan. 1–Mar. 31": from one date to another.
    (re.compile(rf"\b(?P<first>{_NAMED}\.?\s\d{{1,2}})\s?[-–]\s?(?={_NAMED}\.?\s\d)"), r"\g<first> to "),
    # "Mon.–Fri.", "June–August": from one named day or month through another.
    (re.compile(rf"\b(?P<first>{_NAMED})\.?\s?[-–]\s?(?P<last>{_NAMED})\b(?P<dot>\.)?"), _named_range),
    # A team's record: "went 12-3", "a 3-2 pitch" are said with "and" and as a count.
    (re.compile(r"\b(?P<verb>went|record\s+of|improved\s+to|fell\s+to|dropped\s+to|finished)\s"
                r"(?P<won>\d{1,3})-(?P<lost>\d{1,3})\b(?![-–]\d)"),
     r"\g<verb> \g<won> and \g<lost>"),
    (re.compile(r"\b(?P<verb>is|are|was|were|stands\s+at|sits\s+at)\s(?P<won>\d{1,3})-(?P<lost>\d{1,3})\b(?![-–]\d)"),
     lambda m: f"{m['verb']} {m['won']} and {m['lost']}" if _RECORD.search(m.string) else m[0]),
    # Tennis: sets in a row, "4-6, 6-3, 6-0", each said as its games ("six love").
    (re.compile(r"\b[0-7]-[0-7](?:,\s[0-7]-[0-7])+\b(?![-–]\d)"),
     lambda m: ", ".join(" ".join("love" if g == "0" else g for g in s.split("-")) for s in m[0].split(", "))
     if _MATCH_PLAYED.search(m.string) else m[0]),
    (re.compile(r"\b(?P<balls>[0-3])-(?P<strikes>[0-2])(?=\s(?:pitch|count)\b)"), r"\g<balls> \g<strikes>"),
    # Cricket: a side's "150-3" is runs for wickets, a bowler's "4-38" wickets for runs.
    (re.compile(r"\b(?P<cue>were|was|at|to|on|reached|made|posted|finished|closed|slumped|slipped|recovered)\s"
                r"(?P<runs>[3-9]\d|[1-5]\d\d)-(?P<wickets>\d|10)\b(?![-–]\d)"),
     lambda m: f"{m['cue']} {m['runs']} for {m['wickets']}" if _CRICKET.search(m.string) else m[0]),
    (re.compile(r"\b(?P<cue>figures\s+of|finished\s+with|took|returned)\s(?P<wickets>\d|10)-(?P<runs>\d{1,3})\b"
                r"(?![-–]\d)"),
     lambda m: f"{m['cue']} {m['wickets']} for {m['runs']}" if _CRICKET.search(m.string) else m[0]),
    # A sum written out: "220 - 56 = 164" takes away.
    (re.compile(rf"(?<![\w.,:/-])({NUMBER})\s[-−]\s(?=(?:{NUMBER})\s?=)"), r"\1 minus "),
    # "60%–70%": the first percent is said with the second ("sixty to seventy percent").
    (re.compile(rf"(?<![\w.,:/-])({NUMBER})\s?%\s?[-–]\s?(?=(?:{NUMBER})\s?%)"),
     lambda m: re.sub(r"\.0+$", "", m[1]) + " to "),  # "4.00%-4.25%": four to four point two five
    (re.compile(rf"(?<![\w.,:/-])([{CURRENCY_SIGNS}]?(?:{NUMBER}))\s?[-–]\s?(?=[{CURRENCY_SIGNS}]?\d)"
                r"(?!\d+[-–]\d)"),
     r"\1 to "),
]
