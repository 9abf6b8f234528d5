"""Packaging an edition: what `write_edition` returns and writes, and the artwork made
while the workers speak."""

import io
import json

from PIL import Image

from audio_edition.model import Plan
from audio_edition.package.cover import draw_cover
from audio_edition.package.edition import prepare_artwork, write_edition
from audio_edition.settings import BuildSettings
from editions import PARTS, PLAN, SLUG, small_cover, speak_parts


def small_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 20, 20)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_the_edition_returned_names_its_files_chapters_and_length(tmp_path):
    audio = speak_parts(tmp_path / "cache")
    settings = BuildSettings(out_dir=tmp_path, engine="fake", formats=("mp3", "m4b"), date="2026-01-02",
                             cache_dir=tmp_path / "cache", workers=1, show="Shows", language="fr")
    edition = write_edition(PLAN, SLUG, audio, tmp_path / SLUG, settings, (small_jpeg(), ".jpg"), "key-9")
    folder = tmp_path / SLUG
    assert (edition.slug, edition.directory, edition.audio_path, edition.engine) == \
        (SLUG, folder, folder / f"{SLUG}.mp3", "fake")
    assert [c.title for c in edition.chapters] == [p.chapter_title for p in PARTS]
    assert edition.duration_ms == edition.chapters[-1].end_ms == round(sum(r.samples for r in audio.records) * 1000 / 22050)
    assert [p.name for p in edition.files] == [f"{SLUG}.mp3", f"{SLUG}.m4b", "cover.jpg", f"{SLUG}.vtt",
                                               f"{SLUG}.srt", "transcript.html", "chapters.json", "index.html",
                                               "edition.json"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in edition.files)
    manifest = json.loads((folder / "edition.json").read_text())
    assert (manifest["build_key"], manifest["date"], manifest["show"], manifest["language"]) == \
        ("key-9", "2026-01-02", "Shows", "fr")
    assert json.loads((folder / "chapters.json").read_text())["fileName"] == f"{SLUG}.mp3"
    assert (folder / "cover.jpg").read_bytes() == small_jpeg()


def test_the_mp3_is_the_segments_one_after_another_behind_the_tags(tmp_path):
    audio = speak_parts(tmp_path / "cache")
    settings = BuildSettings(out_dir=tmp_path, engine="fake", date="2026-01-02", cache_dir=tmp_path / "cache")
    edition = write_edition(PLAN, SLUG, audio, tmp_path / SLUG, settings, (small_cover(), ".png"), "k")
    joined = b"".join(path.read_bytes() for path in audio.segments)
    assert edition.audio_path.read_bytes().endswith(joined)


def test_artwork_is_the_users_cover_or_one_drawn_from_the_title_and_show():
    settings = BuildSettings(show="Shows")
    assert prepare_artwork(PLAN, settings, (b"art", ".jpg")) == (b"art", ".jpg")
    assert prepare_artwork(Plan("Title", "", ()), settings, None) == (draw_cover("Title", "Shows"), ".png")
