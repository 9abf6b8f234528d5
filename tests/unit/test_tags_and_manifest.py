"""ID3 tags and chapters, FFMETADATA and the M4B's chapters, and the manifest, written
by the library and read back with mutagen and ffprobe."""

import hashlib
import json
import re

import lameenc
import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp4 import MP4

from audio_edition.errors import OutputError
from audio_edition.model import Chapter, Plan, Segment
from audio_edition.package.ffmetadata import escape, render_ffmetadata
from audio_edition.package.id3 import Tags, write_id3
from audio_edition.package.m4b import encode_m4b
from audio_edition.package.manifest import file_entry, render_manifest, up_to_date
from audio_edition.tools import ffprobe
from editions import small_cover

TAGS = Tags(title="Q&A: <3 = love; #1", artist="Ana Ruiz", album="Letters", date="2026-11-29",
            comment="A letter and its reply.", language="eng")
# The middle chapter has the shortest title: stored by size, it would come first.
CHAPTERS = (Chapter("chp0", "The Opening Chapter", 0, 1200, "intro"), Chapter("chp1", "Bio", 1200, 2000, "bio"),
            Chapter("chp2", "A Much Longer Closing Title = ; # \\ end", 2000, 3000, "closing"))


@pytest.fixture
def mp3(tmp_path):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(22050)
    encoder.set_channels(1)
    path = tmp_path / "a.mp3"
    path.write_bytes(encoder.encode(bytes(2 * 22050 * 3)) + encoder.flush())
    return path


def test_text_tags_are_id3v23(mp3):
    write_id3(mp3, TAGS, CHAPTERS)
    tags = ID3(mp3)
    assert tags.version == (2, 3, 0)
    assert {key: str(tags[key]) for key in ("TIT2", "TPE1", "TALB", "TCON", "TDRC", "TLAN")} == {
        "TIT2": "Q&A: <3 = love; #1", "TPE1": "Ana Ruiz", "TALB": "Letters", "TCON": "Podcast",
        "TDRC": "2026-11-29", "TLAN": "eng"}
    [comment] = tags.getall("COMM")
    assert comment.text == ["A letter and its reply."] and comment.lang == "eng"


def test_one_top_level_ordered_table_of_contents_names_the_chapters_in_order(mp3):
    write_id3(mp3, TAGS, CHAPTERS)
    tags = ID3(mp3)
    [toc] = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"]
    chapters = {c.element_id: (c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in tags.getall("CHAP")}
    assert chapters == {c.element_id: (c.start_ms, c.end_ms, c.title) for c in CHAPTERS}


def test_chapter_frames_are_stored_in_time_order(mp3):
    write_id3(mp3, TAGS, CHAPTERS)
    data = mp3.read_bytes()
    stored = [data[m.end() + 6: m.end() + 10] for m in re.finditer(b"CHAP", data)]
    assert stored == [b"chp0", b"chp1", b"chp2"]
    assert [c["tags"]["title"] for c in ffprobe(mp3)["chapters"]] == [c.title for c in CHAPTERS]


def test_cover_and_transcript_are_embedded(mp3, tmp_path):
    write_id3(mp3, TAGS, CHAPTERS, small_cover(), "Hello. Bye.")
    tags = ID3(mp3)
    [picture] = tags.getall("APIC")
    assert picture.data == small_cover() and picture.mime == "image/png" and picture.type == 3
    [lyrics] = tags.getall("USLT")
    assert lyrics.text == "Hello. Bye." and lyrics.lang == "eng"
    write_id3(mp3, TAGS, CHAPTERS, b"\xff\xd8\xff jpeg", "")
    assert ID3(mp3).getall("APIC")[0].mime == "image/jpeg" and not ID3(mp3).getall("USLT")


def test_rewriting_tags_replaces_them_and_keeps_the_audio(mp3):
    audio = mp3.read_bytes()
    write_id3(mp3, TAGS, CHAPTERS, small_cover(), "words")
    write_id3(mp3, TAGS, CHAPTERS[:1])
    assert len(ID3(mp3).getall("CHAP")) == 1 and not ID3(mp3).getall("APIC")
    assert mp3.read_bytes().endswith(audio)


def test_a_file_that_cannot_be_tagged_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write tags"):
        write_id3(tmp_path / "missing" / "a.mp3", TAGS, CHAPTERS)


def test_ffmetadata_escapes_what_the_format_reserves():
    assert escape("a=b;c#d\\e\nf") == "a\\=b\\;c\\#d\\\\e\\\nf"
    assert escape("bell\x07 tab\t del\x7f") == "bell tab\t del"
    text = render_ffmetadata({"title": "x=y"}, CHAPTERS[:1])
    assert text == ";FFMETADATA1\ntitle=x\\=y\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1200\n" \
                   "title=The Opening Chapter\n"


def test_the_m4b_has_the_same_chapters_tags_and_cover(mp3, tmp_path):
    m4b = tmp_path / "a.m4b"
    encode_m4b(mp3, TAGS, CHAPTERS, small_cover(), m4b)
    probe = ffprobe(m4b)
    chapters = [(c["tags"]["title"], round(float(c["start_time"]) * 1000), round(float(c["end_time"]) * 1000))
                for c in probe["chapters"]]
    assert chapters == [(c.title, c.start_ms, c.end_ms) for c in CHAPTERS]
    tags = probe["format"]["tags"]
    assert (tags["title"], tags["artist"], tags["album"], tags["genre"]) == (TAGS.title, "Ana Ruiz", "Letters",
                                                                            "Podcast")
    audio = next(s for s in probe["streams"] if s["codec_type"] == "audio")
    assert audio["codec_name"] == "aac" and audio["tags"]["language"] == "eng"
    assert bytes(MP4(m4b)["covr"][0]) == small_cover()


def test_an_m4b_without_a_cover_has_only_audio(mp3, tmp_path):
    encode_m4b(mp3, TAGS, CHAPTERS, None, tmp_path / "a.m4b")
    assert "video" not in [s["codec_type"] for s in ffprobe(tmp_path / "a.m4b")["streams"]]


PLAN = Plan("Title", "Ana", (Segment("intro", "Opening", "Hi."),), dropped=("Ad",), writer="Sam")


def manifest_in(folder, build_key="key-1"):
    (folder / "a.mp3").write_bytes(b"audio")
    (folder / "a.vtt").write_text("WEBVTT\n")
    files = {name: file_entry(folder / name) for name in ("a.mp3", "a.vtt")}
    text = render_manifest(PLAN, CHAPTERS, files, {"integrated_lufs": -16.0}, {"name": "fake"}, build_key,
                           {"summary": "S", "date": "2026-11-29"})
    (folder / "edition.json").write_text(text)
    return json.loads(text)


def test_the_manifest_records_what_the_edition_is_and_every_files_digest(tmp_path):
    manifest = manifest_in(tmp_path)
    assert manifest["title"] == "Title" and manifest["authors"] == "Ana" and manifest["summary"] == "S"
    assert manifest["duration_ms"] == 3000
    assert manifest["chapters"][1] == {"element_id": "chp1", "title": "Bio", "start_ms": 1200, "end_ms": 2000,
                                       "kind": "bio"}
    assert manifest["files"]["a.mp3"] == {"size": 5, "sha256": hashlib.sha256(b"audio").hexdigest()}
    assert manifest["plan"]["writer"] == "Sam" and manifest["plan"]["dropped"] == ["Ad"]
    [segment] = manifest["plan"]["segments"]
    assert Segment(**segment) == PLAN.segments[0]
    assert manifest["build_key"] == "key-1" and manifest["loudness"] == {"integrated_lufs": -16.0}


def test_an_edition_is_up_to_date_only_with_the_same_key_and_untouched_files(tmp_path):
    manifest_in(tmp_path)
    assert up_to_date(tmp_path, "key-1")
    assert not up_to_date(tmp_path, "key-2")
    (tmp_path / "a.vtt").write_text("WEBVTT\n\n")
    assert not up_to_date(tmp_path, "key-1")
    manifest_in(tmp_path)
    (tmp_path / "a.mp3").unlink()
    assert not up_to_date(tmp_path, "key-1")


@pytest.mark.parametrize("manifest", ["", "{", "[]", '{"build_key": "key-1"}', '{"build_key": "key-1", "files": 3}'])
def test_a_missing_or_damaged_manifest_is_not_up_to_date(tmp_path, manifest):
    if manifest:
        (tmp_path / "edition.json").write_text(manifest)
    assert not up_to_date(tmp_path, "key-1")
