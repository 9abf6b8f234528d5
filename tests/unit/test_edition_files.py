"""What `write_edition` writes: every file of the edition, in agreement with the others
(one chapter list in the tags, the M4B, the JSON chapters, the captions and the
manifest), the manifest vouching for each file as written, and no trace of a write
that failed."""

import hashlib
import html
import json
import re
import zipfile
from dataclasses import replace

import pytest
import webvtt
from editions import PARTS, PLAN, SLUG, small_cover, speak_parts
from mutagen.id3 import ID3

from audio_edition.errors import OutputError
from audio_edition.loudness import integrated
from audio_edition.package.edition import AudioParts, write_edition
from audio_edition.script import summary
from audio_edition.settings import BuildSettings
from audio_edition.tools import ffprobe

SHOW = "Letters Hour"
MP3 = f"{SLUG}.mp3"
TEXTS = [f"{SLUG}.vtt", f"{SLUG}.srt", "transcript.html", "chapters.json", "index.html"]


@pytest.fixture(scope="module")
def audio(tmp_path_factory):
    return speak_parts(tmp_path_factory.mktemp("parts"))


def write(folder, audio, plan=PLAN, cover=None, **changes):
    settings = BuildSettings(out_dir=folder.parent, engine="fake", date="2026-11-29", show=SHOW, language="fr",
                             cache_dir=folder.parent / "cache", workers=1, **changes)
    return write_edition(plan, SLUG, audio, folder, settings, cover or (small_cover(), ".png"), "key-7",
                         source="letters/drums.txt")


def manifest_of(folder):
    return json.loads((folder / "edition.json").read_text("utf-8"))


def written_lines(part):
    return [line.written for line in part.lines]


def test_the_mp3_carries_the_articles_tags_cover_and_transcript(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio)
    tags = ID3(edition.audio_path)
    assert (str(tags["TIT2"]), str(tags["TPE1"]), str(tags["TALB"])) == (PLAN.title, PLAN.authors, SHOW)
    assert str(tags["TDRC"]) == "2026-11-29"
    [comment] = tags.getall("COMM")
    assert (str(comment), comment.lang) == (summary(PLAN), "fra")
    assert str(tags["TLAN"]) == "fra"
    [cover] = tags.getall("APIC")
    assert cover.data == small_cover()
    [transcript] = tags.getall("USLT")
    assert transcript.text == " ".join(sentence for part in PARTS for sentence in written_lines(part))


def test_an_article_without_authors_is_credited_to_the_show(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio, plan=replace(PLAN, authors=""))
    assert str(ID3(edition.audio_path)["TPE1"]) == SHOW


def test_every_file_holds_the_same_chapters(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio, formats=("mp3", "m4b"))
    folder = edition.directory
    times = [(c.title, c.start_ms, c.end_ms) for c in edition.chapters]
    assert [c.title for c in edition.chapters] == [part.chapter_title for part in PARTS]
    assert edition.chapters[0].start_ms == 0
    assert all(a.end_ms == b.start_ms for a, b in zip(edition.chapters, edition.chapters[1:]))

    frames = sorted(ID3(edition.audio_path).getall("CHAP"), key=lambda frame: frame.start_time)
    assert [(str(f.sub_frames["TIT2"]), f.start_time, f.end_time) for f in frames] == times
    document = json.loads((folder / "chapters.json").read_text("utf-8"))
    assert [(c["title"], round(c["startTime"] * 1000), round(c["endTime"] * 1000))
            for c in document["chapters"]] == times
    m4b = ffprobe(folder / f"{SLUG}.m4b")
    assert [(c["tags"]["title"], round(float(c["start_time"]) * 1000), round(float(c["end_time"]) * 1000))
            for c in m4b["chapters"]] == times
    assert (m4b["format"]["tags"]["title"], m4b["format"]["tags"]["album"]) == (PLAN.title, SHOW)
    assert [s["disposition"]["attached_pic"] for s in m4b["streams"] if s["codec_type"] == "video"] == [1]
    stored = manifest_of(folder)
    assert [(c["title"], c["start_ms"], c["end_ms"]) for c in stored["chapters"]] == times
    assert stored["duration_ms"] == edition.duration_ms == edition.chapters[-1].end_ms


def test_each_caption_falls_in_the_chapter_of_its_sentence(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio)
    for name in (f"{SLUG}.vtt", f"{SLUG}.srt"):
        path = edition.directory / name
        captions = webvtt.read(str(path)) if name.endswith(".vtt") else webvtt.from_srt(str(path))
        cues = [(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text) for c in captions]
        for chapter, part in zip(edition.chapters, PARTS):
            inside = [text for start, end, text in cues if chapter.start_ms <= start and end <= chapter.end_ms]
            assert [re.sub(r"<[^>]+>", "", text) for text in inside] == written_lines(part), name


def test_the_json_chapters_name_the_show_and_the_audio(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio)
    document = json.loads((edition.directory / "chapters.json").read_text("utf-8"))
    assert (document["title"], document["author"], document["podcastName"], document["fileName"]) == \
        (PLAN.title, PLAN.authors, SHOW, MP3)


def test_the_pages_link_the_editions_own_files_in_its_language(tmp_path, audio):
    jpeg_like = (small_cover(), ".jpg")
    edition = write(tmp_path / SLUG, audio, cover=jpeg_like)
    player = (edition.directory / "index.html").read_text("utf-8")
    assert f'src="{MP3}"' in player and f'<track kind="captions" src="{SLUG}.vtt" srclang="fr"' in player
    assert '<img src="cover.jpg"' in player and 'href="transcript.html"' in player
    assert f">{SHOW}</a>" in player and '<html lang="fr">' in player
    assert f"<h1>{PLAN.title}</h1>\n<p>By {PLAN.authors}</p>" in player
    assert "talking book" not in player
    for chapter in edition.chapters:
        assert f'data-start="{chapter.start_ms / 1000}">{chapter.title} ' in player
    transcript = (edition.directory / "transcript.html").read_text("utf-8")
    assert '<html lang="fr">' in transcript and f"<h1>{PLAN.title}</h1>\n<p>By {PLAN.authors}</p>" in transcript
    assert all(chapter.title in transcript for chapter in edition.chapters)


def test_the_formats_asked_for_are_written_and_listed_in_order(tmp_path, audio):
    only_mp3 = write(tmp_path / "plain" / SLUG, audio)
    assert [p.name for p in only_mp3.files] == [MP3, "cover.png", *TEXTS, "edition.json"]
    every = write(tmp_path / "every" / SLUG, audio, formats=("mp3", "m4b", "epub"))
    assert [p.name for p in every.files] == [MP3, f"{SLUG}.m4b", f"{SLUG}.epub", "cover.png", *TEXTS,
                                             "edition.json"]
    for edition in (only_mp3, every):
        assert sorted(p.name for p in edition.directory.iterdir()) == sorted(p.name for p in edition.files)
        assert list(manifest_of(edition.directory)["files"]) == [p.name for p in edition.files[:-1]]
    assert f'<a href="{SLUG}.epub" download>' in (every.directory / "index.html").read_text("utf-8")
    book = write(tmp_path / "book" / SLUG, audio, formats=("mp3", "epub"))
    assert [p.name for p in book.files][:3] == [MP3, f"{SLUG}.epub", "cover.png"]


def test_the_talking_book_holds_the_tagged_mp3_the_cover_and_the_editions_details(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio, formats=("mp3", "epub"))
    with zipfile.ZipFile(edition.directory / f"{SLUG}.epub") as book:
        stored = {name.rsplit("/", 1)[-1]: name for name in book.namelist()}
        assert book.read(stored[MP3]) == edition.audio_path.read_bytes()
        assert book.read(stored["cover.png"]) == small_cover()
        package = book.read(stored["package.opf"]).decode("utf-8")
    assert '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="fr">' \
        in package
    for fact in ("<dc:language>fr</dc:language>", f"<dc:publisher>{SHOW}</dc:publisher>",
                 "<dc:date>2026-11-29</dc:date>", f"<dc:description>{html.escape(summary(PLAN))}</dc:description>",
                 f'href="{MP3}" media-type="audio/mpeg"', 'href="cover.png" media-type="image/png"'):
        assert fact in package


def test_the_manifest_vouches_for_each_file_as_written(tmp_path, audio):
    edition = write(tmp_path / SLUG, audio, formats=("mp3", "epub"))
    for name, entry in manifest_of(edition.directory)["files"].items():
        data = (edition.directory / name).read_bytes()
        assert entry == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}, name


def test_the_manifest_records_how_the_edition_was_made(tmp_path, audio):
    manifest = manifest_of(write(tmp_path / SLUG, audio, voice="low").directory)
    assert (manifest["title"], manifest["authors"], manifest["slug"], manifest["source"]) == \
        (PLAN.title, PLAN.authors, SLUG, "letters/drums.txt")
    assert (manifest["summary"], manifest["date"], manifest["show"], manifest["language"]) == \
        (summary(PLAN), "2026-11-29", SHOW, "fr")
    assert manifest["build_key"] == "key-7"
    assert manifest["engine"] == {"name": "fake", "voice": "low"}
    assert manifest["spoken"] == [[line.spoken for line in part.lines] for part in PARTS]
    assert manifest_of(write(tmp_path / "again" / SLUG, audio).directory)["engine"] == \
        {"name": "fake", "voice": "default"}


def test_the_manifest_gives_the_loudness_of_all_parts_and_the_loudest_peak(tmp_path, audio):
    peaks = (-4.5, -1.234, -9.0)
    records = [replace(record, true_peak=peak) for record, peak in zip(audio.records, peaks)]
    loudness = manifest_of(write(tmp_path / SLUG, AudioParts(audio.parts, records, audio.segments)).directory)[
        "loudness"]
    every_block = [block for record in audio.records for block in record.blocks]
    assert loudness == {"integrated_lufs": round(integrated(every_block), 2), "true_peak_dbtp": -1.23}


def test_the_edition_returned_is_the_one_written(tmp_path, audio):
    settings = BuildSettings(out_dir=tmp_path, engine="fake", date="2026-11-29", cache_dir=tmp_path / "cache")
    edition = write_edition(PLAN, SLUG, audio, tmp_path / SLUG, settings, (small_cover(), ".png"), "key-7")
    assert edition.plan == PLAN and edition.up_to_date is False
    assert manifest_of(edition.directory)["source"] == ""
    assert edition.files[-1] == tmp_path / SLUG / "edition.json"
    assert [c.title for c in edition.chapters] == [c["title"] for c in manifest_of(edition.directory)["chapters"]]


def test_every_file_is_written_whole_with_no_temporary_file_left(tmp_path, audio):
    folder = tmp_path / SLUG
    write(folder, audio, formats=("mp3", "m4b"))
    write(folder, audio, formats=("mp3", "epub"))
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(".tmp")]


def broken(audio, folder):
    return AudioParts(audio.parts, audio.records, [*audio.segments[:2], folder / "gone.mp3"])


def test_a_write_that_fails_leaves_no_empty_folder_behind(tmp_path, audio):
    folder = tmp_path / "new" / SLUG
    with pytest.raises(OutputError):
        write(folder, broken(audio, tmp_path), formats=("mp3", "m4b"))
    assert not folder.exists()


def test_a_write_that_fails_keeps_a_folder_that_was_there_before(tmp_path, audio):
    folder = tmp_path / SLUG
    folder.mkdir()
    with pytest.raises(OutputError):
        write(folder, broken(audio, tmp_path))
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_failed_rebuild_keeps_the_edition_that_was_there(tmp_path, audio):
    folder = tmp_path / SLUG
    write(folder, audio)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(OutputError):
        write(folder, broken(audio, tmp_path))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
