"""Articles full of numbers, dates, money, addresses and abbreviations
(tests/normalize_articles/): their scripts hold none of the forms an engine garbles,
and `script` shows exactly what `build` hands the engine."""

import json
import re
from pathlib import Path

import pytest

from audio_edition.normalize import split_sentences, to_speech
from audio_edition.pipeline import script_article
from audio_edition.settings import BuildSettings
from audio_edition.render import CHUNK_WORDS, chunks
from conftest import run_cli

ARTICLES = sorted(p for p in (Path(__file__).parent / "normalize_articles").iterdir() if p.suffix in (".txt", ".md"))
GARBLED = {
    "a figure": r"\d",
    "a currency, percent or degree sign": r"[$£€¥%°]",
    "a web address": r"https?:|www\.|\w\.(?:com|org|net|gov|io|uk)\b",
    "a symbol the engine spells or skips": r"[&@#/+~=<>|\\^*_]",
    "an abbreviation's dots": r"\b[A-Za-z]\.[A-Za-z]\.",
    "an unexpanded abbreviation": r"\b(?:St|Dr|Mr|Mrs|Ave|Rd|Capt|ext|Sept|Dec|Oct|Jan|Apr|Mar|Mon|Fri|approx|etc)\.",
    "a typographic character": r"[‘’“”–—…]",
    "a dash or comma opening the sentence": r"^[,\-]",
}
NEVER_ENDS_A_SENTENCE = re.compile(r"\b(?:Dec|Sept|Oct|Jan|Apr|Mar|ext|P\.O|No|Mr|Mrs|Capt|Mon|e\.g|i\.e)\.$")


def spoken_sentences(article: Path) -> list[tuple[str, str]]:
    """(written, spoken) for every sentence of the script, and of any paragraph the
    plan leaves out, so that no part of the article goes unchecked."""
    script = script_article(article, BuildSettings())
    lines = [(line.written, line.spoken) for part in script.parts for line in part.lines]
    left_out = [s for text in script.plan.dropped for s in split_sentences(text)]
    return lines + [(s, to_speech(s)) for s in left_out]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_nothing_in_the_script_is_left_for_the_engine_to_garble(article):
    found = [(name, spoken) for _, spoken in spoken_sentences(article)
             for name, pattern in GARBLED.items() if re.search(pattern, spoken)]
    assert not found


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_sentences_are_not_cut_after_an_abbreviation(article):
    written = [w for w, _ in spoken_sentences(article)]
    assert not [w for w in written if NEVER_ENDS_A_SENTENCE.search(w)]
    assert not [w for w in written if w[:1].islower() or w[:1] in "\"”)"]


def test_a_caption_keeps_its_closing_quote():
    written = [w for w, _ in spoken_sentences(Path(__file__).parent / "normalize_articles" /
                                              "the-telescope-in-the-closet.txt")]
    assert 'He says I called his first telescope “a department-store scope.”' in written


def test_a_signature_dash_is_a_pause_not_a_comma():
    spoken = [s for _, s in spoken_sentences(Path(__file__).parent / "normalize_articles" /
                                             "the-telescope-in-the-closet.txt")]
    assert "Counting in Cleveland" in [line.rstrip(".") for line in spoken]


@pytest.mark.slow
def test_script_shows_what_build_hands_the_engine(tmp_path):
    article = Path(__file__).parent / "normalize_articles" / "a-walk-down-main-street.txt"
    show = tmp_path / "show.toml"
    show.write_text('[lexicon]\n"Hildreth" = "Hill-dreth"\n', "utf-8")
    log = tmp_path / "engine.log"
    built = run_cli("build", str(article), "--engine", "fake", "--settings", str(show), "--out", str(tmp_path / "out"),
                    "--cache-dir", str(tmp_path / "cache"), env={"AUDIO_EDITION_FAKE_LOG": str(log)})
    assert built.returncode == 0, built.stderr
    shown = run_cli("script", str(article), "--settings", str(show), "--json", "--engine", "fake",
                    "--cache-dir", str(tmp_path / "cache"))
    assert shown.returncode == 0, shown.stderr
    expected = []
    for chapter in json.loads(shown.stdout)["chapters"]:
        sentences = [line["spoken"] for line in chapter["lines"]]
        starts = [i for i, line in enumerate(chapter["lines"]) if line["opens_paragraph"]]
        expected += [" ".join(group) for group, _ in chunks(sentences, starts, CHUNK_WORDS)]
    # Workers speak chapters in parallel, so the engine's calls come in any order.
    assert sorted(log.read_text("utf-8").splitlines()) == sorted(expected)
    assert any("Hill-dreth" in text for text in expected) and any("Mary-etta" in text for text in expected)
