"""Hostile text through the whole pipeline: every output escapes it for its own format."""

import html
import json

import feedparser
import pytest
import webvtt
from mutagen.id3 import ID3

from conftest import ffprobe, run_cli

# Slow: every test runs the command line on whole articles; tests/unit covers each format's escaping (tests/unit) fast.
pytestmark = pytest.mark.slow

TITLE = ("Tags <script>alert('x')</script> & ]]> --> ; = # \\ \"quoted\" " + "long " * 200).strip()
BODY = "\n\n".join([
    "By Mallory <m@example.org>",
    "Dear Editors,",
    "Plain text with <b>bold</b> tags and <script>document.cookie</script> inside it.",
    "Right to left: שלום עולם and مرحبا بالعالم, then back.",
    "Emoji 🎧📻 and zero\u200bwidth\u200djoiners, a bell\x07 and a tab\tin a line.",
    "A very long word: " + "x" * 10_000 + ".",
    "Please help!",
    "Dear Reader,",
    "Characters for every format: & < > \" ' ]]> --> ; = # \\ and a new\u2028line.",
])


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    article = root / "hostile.txt"
    article.write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    result = run_cli("build", str(article), "--out", str(root / "out"), "--engine", "fake", "--format", "mp3,m4b")
    assert result.returncode == 0, result.stderr
    [folder] = (root / "out").iterdir()
    publish = run_cli("publish", str(folder), "--base-url", "http://127.0.0.1:8000/")
    assert publish.returncode == 0, publish.stderr
    return folder


def test_the_title_survives_in_tags_chapters_and_feed(edition):
    assert str(ID3(next(edition.glob("*.mp3")))["TIT2"]) == TITLE
    assert ffprobe(next(edition.glob("*.m4b")))["format"]["tags"]["title"] == TITLE
    parsed = feedparser.parse((edition.parent / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.entries[0].title == TITLE


def test_m4b_chapters_match_the_mp3_despite_ffmetadata_characters(edition):
    titles = lambda path: [c["tags"]["title"] for c in ffprobe(path)["chapters"]]  # noqa: E731
    assert titles(next(edition.glob("*.m4b"))) == titles(next(edition.glob("*.mp3")))


def test_pages_escape_markup(edition):
    for page in ("index.html", "transcript.html"):
        html = (edition / page).read_text()
        assert "<script>alert" not in html and "<script>document" not in html and "<b>bold" not in html
        assert "&lt;script&gt;" in html


def test_captions_parse_and_keep_the_text(edition):
    captions = list(webvtt.read(str(next(edition.glob("*.vtt")))))
    text = " ".join(c.text for c in captions)
    assert "<b>" not in text, "markup in a cue must be escaped"
    assert "<b>bold</b>" in html.unescape(text) and "שלום" in text and "🎧" in text
    seconds = lambda stamp: sum(float(x) * 60 ** i for i, x in enumerate(reversed(stamp.split(":"))))  # noqa: E731
    assert all(seconds(c.start) < seconds(c.end) for c in captions)
    assert list(webvtt.from_srt(str(next(edition.glob("*.srt")))))


def test_check_passes(edition):
    result = run_cli("check", str(edition))
    assert result.returncode == 0, result.stdout


def test_json_outputs_are_valid(edition):
    for name in ("chapters.json", "edition.json"):
        json.loads((edition / name).read_text())
