"""The pronunciation lexicon: entries a person wrote, applied before every rule, so they
win. An entry may hold several words and punctuation ("Main St.", "P.O. Box"); it matches
whole words only, whatever the case, the longest entry first. Lexicons come from a TOML
table or a W3C Pronunciation Lexicon Specification file (PLS, the format other speech
and accessibility tools exchange)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import Mapping
from xml.etree import ElementTree

from audio_edition.errors import AudioEditionError
from audio_edition.normalize.verbatim import plain_characters
from audio_edition.recall import note_read

_PLS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"


@functools.lru_cache(maxsize=32)
def _compiled(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    ordered = sorted((w for w, _ in entries), key=len, reverse=True)
    # Whole words: no word character may touch an entry at either end, even when the
    # entry ends in punctuation ("Main St." is not in "Main St.Louis"); \b would fail
    # there, and the entry would never match at all.
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)
    return pattern, {_key(w): said for w, said in entries}


def _key(written: str) -> str:
    return " ".join(written.lower().split())


def _table(lexicon: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The entries, written with plain quotes as the text they are matched against is."""
    return tuple((plain_characters(w), s) for w, s in lexicon.items() if w.strip())


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace each entry of the lexicon found in `text` by how it is said."""
    entries = _table(lexicon)
    if not entries:
        return text
    pattern, said = _compiled(entries)
    return pattern.sub(lambda m: said[_key(m[0])], text)


def matches(text: str, lexicon: Mapping[str, str]) -> Counter[str]:
    """How many times each entry (as the lexicon writes it) occurs in `text`."""
    entries = _table(lexicon)
    if not entries:
        return Counter()
    pattern, _ = _compiled(entries)
    written = {_key(w): w for w, _ in entries}
    return Counter(written[_key(m[0])] for m in pattern.finditer(text))


def read_pls(path: Path) -> tuple[tuple[str, str], ...]:
    """The entries of a PLS file that have an alias: each grapheme -> the alias.

    Lexemes that give only a phoneme are left out: every engine here is handed text,
    and a phoneme string in the file's alphabet would be read out letter by letter."""
    try:
        data = path.read_bytes()
        note_read(path, data)
        root = ElementTree.fromstring(data)
    except (OSError, ElementTree.ParseError) as exc:
        raise AudioEditionError(f"{path}: cannot be read as a PLS lexicon ({exc})") from exc
    if root.tag != f"{_PLS}lexicon":
        raise AudioEditionError(f"{path}: is not a PLS lexicon (its root is not <lexicon> in the PLS namespace)")
    entries = []
    for lexeme in root.iter(f"{_PLS}lexeme"):
        alias = lexeme.find(f"{_PLS}alias")
        if alias is None or not (alias.text or "").strip():
            continue
        for grapheme in lexeme.iter(f"{_PLS}grapheme"):
            if (grapheme.text or "").strip():
                entries.append((" ".join(grapheme.text.split()), " ".join(alias.text.split())))
    return tuple(entries)
