"""Abbreviations with a period, expanded; where one stands for two words, context
decides: "St. Louis" is Saint and "Maple St." Street, "Dr. Lee" Doctor and "12 Elm Dr."
Drive, "No. 5" is number five but "No." alone is the word. A street name or a number
comes before the street; a name follows the title."""

from __future__ import annotations

import re

from audio_edition.normalize.address import AP_STATES, STATES
from audio_edition.normalize.rules import Rule, keep_period

EXPANSIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Messrs.": "Messieurs", "Prof.": "Professor",
    "Rev.": "Reverend", "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Gen.": "General",
    "Capt.": "Captain", "Lt.": "Lieutenant", "Sgt.": "Sergeant", "Col.": "Colonel", "Cmdr.": "Commander",
    "Adm.": "Admiral", "Hon.": "Honorable", "Fr.": "Father", "Jr.": "Junior", "Sr.": "Senior", "Supt.": "Superintendent",
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "v.": "versus",
    "approx.": "approximately", "cf.": "compare", "et al.": "and others", "a.k.a.": "also known as",
    "Ave.": "Avenue", "Blvd.": "Boulevard", "Rd.": "Road", "Ln.": "Lane", "Ct.": "Court", "Pl.": "Place",
    "Hwy.": "Highway", "Pkwy.": "Parkway", "Sq.": "Square", "Apt.": "Apartment", "Ste.": "Suite",
    "Mt.": "Mount", "Ft.": "Fort", "Dept.": "Department", "dept.": "department", "Univ.": "University",
    "Inc.": "Incorporated", "Corp.": "Corporation", "Ltd.": "Limited", "Bros.": "Brothers", "Assn.": "Association",
    "Intl.": "International", "Natl.": "National", "Co.": "Company", "est.": "established", "Est.": "Established",
    "Vol.": "Volume", "vol.": "volume", "Sec.": "Section", "sec.": "section", "Art.": "Article", "Cir.": "Circuit",
    "Div.": "Division", "lg.": "large", "temp.": "temperature", "reb.": "rebounds", "ast.": "assists",
    "Bldg.": "Building", "Rm.": "Room", "Msgr.": "Monsignor", "Atty.": "Attorney",
    "Ald.": "Alderman", "Rte.": "Route", "Sts.": "Streets", "Aves.": "Avenues", "wk.": "week", "wks.": "weeks",
    "min.": "minutes", "pts.": "points", "max.": "maximum", "misc.": "miscellaneous", "govt.": "government", "Govt.": "Government",
}
_BEFORE_NUMBER = {"No.": "number", "no.": "number", "Nos.": "numbers", "p.": "page", "pp.": "pages",
                  "vol.": "volume", "Vol.": "Volume", "ch.": "chapter", "Ch.": "Chapter", "fig.": "figure",
                  "Fig.": "Figure", "Rm.": "Room", "Bldg.": "Building", "#": "number"}
_NO_PERIOD = {"Rd": "Road", "Ave": "Avenue", "Blvd": "Boulevard", "Hwy": "Highway", "Ln": "Lane", "Pkwy": "Parkway",
              "Cres": "Crescent", "Pde": "Parade", "Tce": "Terrace", "Sq": "Square"}
"""Street words written without their period, after the street's name."""
_PLACE_OR_TITLE = {"St.": ("Street", "Saint"), "Dr.": ("Drive", "Doctor"), "St": ("Street", "Saint")}
_ORDINAL = re.compile(r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth"
                      r"|ieth|hundredth|thousandth)$")
"""A numbered street ("5th St.") reaches this class with its number said: "fifth"."""


def _place_or_title(match: re.Match[str]) -> str:
    place, title = _PLACE_OR_TITLE[match["abbr"]]
    names_follow = re.match(r"\s+[A-Z]", match.string[match.end():])
    before = match["before"] or ""
    after_a_name = before[:1].isupper() or before[:1].isdigit() or bool(_ORDINAL.search(before))
    said = place if after_a_name and not names_follow else title
    return before + (match["gap"] or "") + keep_period(match, said)


IRISH_COUNTIES = ("Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Donegal|Down|Dublin|Fermanagh|Galway|Kerry|Kildare|"
                  "Kilkenny|Laois|Leitrim|Limerick|Londonderry|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|"
                  "Sligo|Tipperary|Tyrone|Waterford|Westmeath|Wexford|Wicklow|Durham")
"""Counties written "Co. Cork" (Durham's too)."""


_PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}


def _party_and_state(match: re.Match[str]) -> str:
    state = match["state"].rstrip(".")
    named = AP_STATES.get(state) or STATES.get(state) or (state if state in STATES.values() else None)
    return f"({_PARTIES[match['party']]} of {named})" if named else match[0]


_EXPANSION = "|".join(re.escape(a) for a in sorted(EXPANSIONS, key=len, reverse=True))
_CODE_SPELT = r"(?:[A-Z]\s){1,4}(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)\b"
"""A code already spelt out ("H O three, two two..."), as "No." may come before one."""
_NUMBERED = "|".join(re.escape(a) for a in sorted(_BEFORE_NUMBER, key=len, reverse=True))

RULES: list[Rule] = [
    (re.compile(r"§§\s?"), "sections "), (re.compile(r"§\s?"), "section "), (re.compile(r"¶\s?"), "paragraph "),
    # A subsection: "12(b)" is "twelve b".
    (re.compile(r"(?<=\d)\((?P<part>[a-z]|\d{1,2})\)"), r" \g<part>"),
    (re.compile(r"\bin\s(?P<times>double\s|triple\s)?OT\b"), r"in \g<times>overtime"),
    # A floor by its place: "(2nd fl.)" is the second floor.
    (re.compile(r"\b(?P<which>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|ground)"
                r"\s(?:fl|flr)\.(?!\s?oz\b)"),
     lambda m: keep_period(m, f"{m['which']} floor")),
    (re.compile(r"(?:\b(?P<before>\w+\.?)(?P<gap>\s+))?(?<![\w.])(?P<abbr>St\.|Dr\.|St(?=\s[A-Za-z]|[,;:]|$))"),
     _place_or_title),
    # "a min. of 150 min.", "(min. age 13)": a minimum, where no amount comes before it.
    (re.compile(r"(?:(?<=\ba\s)|(?<=\())min\.(?=\s)|\bmin\.(?=\s(?:of|age|order|wage|purchase|balance|deposit)\b)"),
     "minimum"),
    (re.compile(r"\bSte\.(?=\s[A-Z][a-z])"), "Saint"),  # "Sault Ste. Marie"; "Ste. 210" is a suite
    # "wk 40" of a study; a listing's "W/D".
    (re.compile(r"\b[Ww]k\.?\s(?=\d)"), "week "),
    (re.compile(r"\bW/D\b"), "washer and dryer"),
    # A member's party and state: "(D-Calif.)", "(R-OH)".
    (re.compile(r"\((?P<party>[DRI])-(?P<state>[A-Z][a-z]{1,4}\.?|[A-Z]{2})\)"), _party_and_state),
    # "Sr. Mary Catherine": a nun before her name; "Ken Griffey Sr." after his.
    (re.compile(r"(?<![A-Za-z]\s)(?<![A-Za-z])\bSr\.(?=\s[A-Z][a-z])"), "Sister"),
    # British and Australian style writes no period: "Mulgoa Rd", "601 High St", "Cr Jenny Walsh".
    (re.compile(r"\b(?P<name>[A-Z][a-z]+)\s(?P<abbr>Rd|Ave|Blvd|Hwy|Ln|Pkwy|Cres|Pde|Tce|Sq)\b(?!\.)"),
     lambda m: f"{m['name']} {_NO_PERIOD[m['abbr']]}"),
    (re.compile(r"\b(?:Cr|Cllr)\.?(?=\s[A-Z][a-z])"), "Councillor"),
    (re.compile(r"\bQld\b"), "Queensland"),
    # Ireland's counties: "Co. Cork" is County Cork, not Company.
    (re.compile(rf"\bCo\.(?=\s(?:{IRISH_COUNTIES})\b)"), "County"),
    # A company's "Ltd" and "vs" written without their period: "SunAway Travel Ltd,", "2.4 GHz vs 5 GHz".
    (re.compile(r"(?<=[A-Za-z] )Ltd\b(?!\.)"), "Limited"),
    (re.compile(r"(?<=[\w)] )vs(?= [\w$£€(])"), "versus"),
    (re.compile(r"\bPub\.\s?(?=\d)"), "Publication "),
    # British style writes no period: "No 10 would not" is Number 10 (not at a sentence's start: "No 2 days...").
    (re.compile(r"(?<=[a-z,] )No (?=\d)"), "Number "),
    # "2nd ed.": the edition of a book, once its number is said.
    (re.compile(r"\b(?P<nth>\w+)\s+ed\.(?!\w)"),
     lambda m: f"{m['nth']} {keep_period(m, 'edition')}" if _ORDINAL.search(m["nth"]) else m[0]),
    (re.compile(rf"(?<![\w.])({_NUMBERED})\s?(?=\d|[A-Z]{{1,4}}-?\d|{_CODE_SPELT})"),
     lambda m: _BEFORE_NUMBER[m[1]] + " "),
    # A book's length: "212 pp." is two hundred twelve pages.
    (re.compile(r"(?<=\d )pp\.(?!\w)"), lambda m: keep_period(m, "pages")),
    (re.compile(rf"(?<![\w.])({_EXPANSION})(?!\w)"), lambda m: keep_period(m, EXPANSIONS[m[1]])),
]
