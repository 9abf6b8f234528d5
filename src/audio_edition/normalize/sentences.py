"""Sentence boundaries: pySBD (rule-based, built on the "Golden Rules" of sentence
segmentation) with the abbreviations articles use for dates, titles, places, units and
addresses added to its English, then three repairs it does not make itself:

- a piece that starts in lower case, or with a number after an abbreviation that never
  ends a sentence ("Dec.", "ext.", "No."), continues the sentence before it;
- "p.m." followed by a time zone ("p.m. CDT") is one time, not a sentence's end;
- closing quotes and brackets stay with the sentence they close.

Every character of the paragraph is kept: sentences are cut from the paragraph itself,
never rebuilt from what the library returns."""

from __future__ import annotations

import functools
import re

from audio_edition.normalize.abbreviations import IRISH_COUNTIES
from audio_edition.normalize.dates import DAY_ABBREVIATIONS, MONTH_ABBREVIATIONS
from audio_edition.normalize.times import ZONES

_DATES = [a.lower() for a in (*MONTH_ABBREVIATIONS, *DAY_ABBREVIATIONS)]
_TITLES = ["mr", "mrs", "ms", "dr", "prof", "rev", "gov", "sen", "rep", "gen", "capt", "lt", "sgt", "col",
           "hon", "fr", "st", "mt", "ft", "messrs", "supt", "cmdr", "adm", "msgr", "atty", "ald"]
_PLACES = ["ave", "blvd", "rd", "ln", "ct", "pl", "hwy", "pkwy", "rte", "sq", "apt", "ste", "bldg", "rm", "p.o", "dept",
           "univ", "co", "inc", "corp", "ltd", "bros", "assn", "intl", "natl", "u.s", "u.k", "d.c"]
_UNITS = ["ft", "yd", "mi", "lb", "lbs", "oz", "gal", "qt", "tsp", "tbsp", "hr", "hrs", "min", "mins",
          "sec", "approx", "est", "max", "misc", "govt", "ext", "no", "nos", "vol", "ch", "fig", "pp", "p"]
_BEFORE_WORDS = {"mr", "mrs", "ms", "prof", "rev", "gov", "sen", "rep", "gen", "capt", "lt", "sgt", "col", "hon",
                 "msgr", "atty", "ald",
                 "fr", "mt", "messrs", "supt", "cmdr", "adm", "p.o", "e.g", "i.e", "vs", "approx", "cf", "bldg", "rm"}
"""Abbreviations a sentence does not end with: what follows them belongs to them."""
_BEFORE_NUMBERS = {"ext", "no", "nos", "vol", "ch", "fig", "pp", "p", "apt", "ste", "rm", "bldg", "c", "ca", "art",
                   "rte",
                   "pub", "sec", *_DATES}
"""Abbreviations that a number follows in the same sentence ("Dec. 5", "ext. 204", "No. 5")."""
_CODE = re.compile(r"[A-Z]{1,4}-?\d")
"""A code of capitals and figures, as after "No.": "Policy No. HO3-2291-0457"."""
_CLOSERS = "\"')]}’”»"
_ABBREVIATION_AND_COMMA = re.compile(r"[A-Z][a-z]{0,3}\.,")
"""No sentence opens on an abbreviation and a comma: "...King Jr. Dr., Suite 210" is one."""
_ROMAN_NUMBER = re.compile(r"[IVXLC]{2,}\b")
"""A number in Roman numerals, as after "Vol." ("Vol. II of her series"); not "I", which
after "No." is the next sentence's ("No. I won't.")."""


@functools.cache
def _segmenter():
    import pysbd
    from pysbd.lang.english import English

    class ArticleEnglish(English):
        class Abbreviation(English.Abbreviation):
            ABBREVIATIONS = sorted({*English.Abbreviation.ABBREVIATIONS, *_DATES, *_TITLES, *_PLACES, *_UNITS})
            PREPOSITIVE_ABBREVIATIONS = sorted({*English.Abbreviation.PREPOSITIVE_ABBREVIATIONS, *_TITLES} - {"st", "dr", "ft"})
            NUMBER_ABBREVIATIONS = sorted({*English.Abbreviation.NUMBER_ABBREVIATIONS, "ext", "vol", "ch", "fig",
                                           "no", "nos", "rm", "apt", "ste", *_DATES})

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    segmenter.language_module = ArticleEnglish
    return segmenter


def _processor(paragraph: str):
    """pySBD's processor for `paragraph`, told only of the abbreviations written in it
    with their period. For each abbreviation pySBD finds in the text (a word starting
    with it, case aside: "a" in nearly every sentence), it rewrites the text once for
    every such word, looking for the abbreviation's period; where that period is not
    there, none of this changes anything. Those calls were most of scripting's time.
    An abbreviation with a character that regular expressions read otherwise ("e.g")
    is always kept, since pySBD takes it as a pattern."""
    from pysbd.processor import Processor

    lowered = paragraph.lower()
    language = _language_knowing(tuple(abbreviation for abbreviation, written in _abbreviations_written()
                                       if written is None or written in lowered))
    return Processor(paragraph, language, char_span=False)


@functools.cache
def _abbreviations_written() -> tuple[tuple[str, str | None], ...]:
    """Each abbreviation the article English knows, in its order, with how it is
    written with its period; None for those always kept."""
    return tuple((abbreviation, f"{abbreviation.strip()}." if abbreviation.strip().isalnum() else None)
                 for abbreviation in _segmenter().language_module.Abbreviation.ABBREVIATIONS)


@functools.lru_cache(maxsize=256)
def _language_knowing(abbreviations: tuple[str, ...]):
    """The article English with only `abbreviations` to look for."""
    english = _segmenter().language_module
    known = type("Abbreviation", (english.Abbreviation,), {"ABBREVIATIONS": list(abbreviations)})
    return type(english.__name__, (english,), {"Abbreviation": known})


LONGEST_SENTENCE_WORDS = 80
"""A longer sentence goes to the engine in pieces (`cut_long`). A neural voice's memory
grows with the square of what it is given at once: piper took 1.5 GB for 300 words with
no full stop and 7.4 GB for 1,000. Written sentences of articles stay well under this."""


def cut_long(sentence: str, limit: int = LONGEST_SENTENCE_WORDS) -> list[str]:
    """`sentence` in pieces of at most `limit` words, every character kept but the spaces
    between pieces: each piece ends at the last comma, semicolon, colon or dash in its
    second half, where there is one, else after its last word."""
    words = [match.span() for match in re.finditer(r"\S+", sentence)]
    if len(words) <= limit:
        return [sentence]
    pieces, first = [], 0
    while len(words) - first > limit:
        last = first + limit - 1
        clause = next((index for index in range(last, first + limit // 2 - 1, -1)
                       if _ends_clause(sentence[slice(*words[index])])), last)
        pieces.append(sentence[words[first][0]:words[clause][1]])
        first = clause + 1
    pieces.append(sentence[words[first][0]:])
    return pieces


def _ends_clause(word: str) -> bool:
    return word.endswith((",", ";", ":", "—", "–")) or word in ("-", "--")


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each as written, every character kept."""
    starts = _library_starts(paragraph)
    pieces = [paragraph[a:b] for a, b in zip(starts, starts[1:] + [len(paragraph)])]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _continues(sentences[-1], piece):
            sentences[-1] += piece
        else:
            sentences.append(piece)
    return [s.strip() for s in _closers_kept(sentences) if s.strip()]


def _library_starts(paragraph: str) -> list[int]:
    """Where pySBD starts each sentence, found in the paragraph itself; one sentence
    when the library's pieces cannot be found there in order, and never in a word."""
    try:
        # The library's processor, not its `segment`: that finds each sentence in the
        # text again by a regular expression of its own, compiled anew for every
        # sentence, which was most of its time. The text is found here by `str.find`.
        pieces = _processor(paragraph).process() if paragraph else []
    except Exception:  # the library fails on some inputs; one sentence is the safe reading
        return [0]
    starts, cursor = [], 0
    for piece in filter(None, (piece.strip() for piece in pieces)):
        found = paragraph.find(piece, cursor)
        if found >= 0:  # what the library changed cannot be found, and is passed over, as it does itself
            starts.append(found)
            cursor = found + len(piece)
    if not starts:
        return [0]
    # A cut inside a word ("0!0", "Yahoo!Answers") is not a sentence boundary.
    starts = [0] + [s for s in starts[1:] if paragraph[s - 1].isspace()]
    return sorted(set(starts) | {m.end() for m in _BEFORE_I.finditer(paragraph)})


_BEFORE_I = re.compile(r"(?<=\b[a-z]{2}\.)\s+(?=I(?:'[a-z]+)?\s)")
"""pySBD takes a short word before "I" for an abbreviation ("Is it me. I ask."): a
sentence ends there all the same."""


_LAST_ABBREVIATION = re.compile(r"(?:^|[\s(–—/-])((?:[A-Za-z]\.)+[A-Za-z]|[A-Za-z]+)\.[\"')\]]*\s*$")
_HYPHENED_UNIT = re.compile(r"\d-[A-Za-z]{1,4}\.$")
"""A unit made an adjective ("a 10-yr. Treasury"): what it describes follows."""
_ROMAN_AFTER = {"vol", "ch", "art", "div", "sec"}
"""Abbreviations a lone "I" or "V" follows as a number ("Div. I program")."""
_PLACE_BEFORE = re.compile(r"(?:\S\s+(?!(?:Mount|Mt|Fort|Ft|Port|Sault|Lake|Cape|Point|Isle"
                           r"|Near|In|At|From|Of|Outside|Around|By|To)\b)[A-Z]\w*"
                           r"|(?<!No\.\s)(?<!No\s)(?<!\w)\d\w*)\s+(?:St|Dr)\.[\"')\]]*\s*$")
"""A street's or drive's name or number before "St." or "Dr.": "on Maple St." may end a
sentence; "Ask Dr." may not (the capital is the sentence's), nor "Mount St." or "No. 11 St.",
a saint's, nor a signature's "Soggy Near St. Paul"."""
_STREET_NAMED = re.compile(r"[A-Z][a-z]+(?:['’]s)?\s(?:St|Ave|Blvd|Rd|Dr|Ln|Way|Pkwy|Pl|Ct|Hwy"
                           r"|Street|Avenue|Boulevard|Road|Drive|Lane|Place|Court)\b")
"""A street named for a saint or a doctor, after its number: "300 St. Francis Dr.", "88 Dr. Hines Blvd."."""
_ONLY_AN_ABBREVIATION = re.compile(r"^\W*[A-Z][a-z]{0,3}\.\s*$")
_TITLED = {*_TITLES, "sr", "jr", "sra", "sgt"}
_PLACE_TIME = re.compile(r"\s*(?:[A-Z][a-z]+\s){1,2}time\b")
_ZONE_NEXT = re.compile(r"\s*(?:" + "|".join(ZONES) + r")\b")
_COUNTY_NEXT = re.compile(rf"(?:{IRISH_COUNTIES})\b")


def _continues(before: str, piece: str) -> bool:
    text = piece.lstrip()
    if not text or text[0] in _CLOSERS and not text.strip(_CLOSERS + " "):
        return True
    if text[0].islower() and before.rstrip().endswith(".") or _ABBREVIATION_AND_COMMA.match(text):
        return True
    last = _LAST_ABBREVIATION.search(before)
    word = last[1].lower() if last else ""
    if word in _BEFORE_WORDS or word in _BEFORE_NUMBERS and (text[0].isdigit() or _ROMAN_NUMBER.match(text)
                                                               or _CODE.match(text)):
        return True
    if word in _ROMAN_AFTER and re.match(r"[IVX]+\b", text) or _HYPHENED_UNIT.search(before.rstrip()):
        return True
    if word in ("st", "dr") and (not _PLACE_BEFORE.search(before) or _STREET_NAMED.match(text)):
        return True  # Saint or Doctor, before a name ("300 St. Francis Dr."): only a street or drive ends one
    if word == "ste" and text[:1].isupper() or word in _TITLED and _ONLY_AN_ABBREVIATION.match(before):
        return True  # "Sault Ste. Marie"; and "Sr." alone is no sentence
    if last and last[1] == "Ft" or last and last[1] == "Co" and _COUNTY_NEXT.match(text):
        return True  # "Ft. Wayne", "Co. Cork"; "6 ft." and "Smith & Co." may end a sentence
    # "at 12:40 p.m. Chicago time": the zone, named by its place, is the time's.
    return word in ("p.m", "a.m") and bool(_ZONE_NEXT.match(piece) or _PLACE_TIME.match(piece))


def _closers_kept(sentences: list[str]) -> list[str]:
    """A closing quote or bracket that a cut left at the start of the next sentence
    goes back to the sentence it closes."""
    for index in range(1, len(sentences)):
        moved = re.match(rf"\s*[{re.escape(_CLOSERS)}]+(?=\s|$)", sentences[index])
        if moved and _unbalanced(sentences[index - 1]):
            sentences[index - 1] += moved[0]
            sentences[index] = sentences[index][moved.end():]
    return sentences


def _unbalanced(sentence: str) -> bool:
    return sentence.count('"') % 2 == 1 or sentence.count("“") > sentence.count("”") or \
        sentence.count("(") > sentence.count(")")
