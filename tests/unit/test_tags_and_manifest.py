"""ID3 tags and chapters, FFMETADATA and the M4B's chapters, and the manifest, written
by the library and read back with mutagen and ffprobe."""

import hashlib
import json
import re

import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp4 import MP4

from audio_edition.errors import EditionError, OutputError
from audio_edition.model import Chapter, Plan, Segment
from audio_edition.package.ffmetadata import escape, render_ffmetadata
from audio_edition.package.id3 import Tags, write_id3
from audio_edition.package.m4b import encode_m4b
from audio_edition.package.manifest import file_entry, read_edition, render_manifest, up_to_date
from audio_edition.tools import ffprobe
from editions import silent_mp3, small_cover

TAGS = Tags(title="Q&A: <3 = love; #1", artist="Ana Ruiz", album="Letters", date="2026-11-29",
            comment="A letter and its reply.", language="eng")
# The middle chapter has the shortest title: stored by size, it would come first.
CHAPTERS = (Chapter("chp0", "The Opening Chapter", 0, 1200, "intro"), Chapter("chp1", "Bio", 1200, 2000, "bio"),
            Chapter("chp2", "A Much Longer Closing Title = ; # \\ end", 2000, 3000, "closing"))


@pytest.fixture
def mp3(tmp_path):
    return silent_mp3(tmp_path / "a.mp3", seconds=3, rate=22050, kbps=64)


def test_text_tags_are_id3v23(mp3):
    write_id3(mp3, TAGS, CHAPTERS)
    tags = ID3(mp3)
    assert tags.version == (2, 3, 0)
    assert {key: str(tags[key]) for key in ("TIT2", "TPE1", "TALB", "TCON", "TDRC", "TLAN")} == {
        "TIT2": "Q&A: <3 = love; #1", "TPE1": "Ana Ruiz", "TALB": "Letters", "TCON": "Podcast",
        "TDRC": "2026-11-29", "TLAN": "eng"}
    [comment] = tags.getall("COMM")
    assert (comment.text, comment.lang, comment.desc) == (["A letter and its reply."], "eng", "")


def test_one_top_level_ordered_table_of_contents_names_the_chapters_in_order(mp3):
    write_id3(mp3, TAGS, CHAPTERS)
    tags = ID3(mp3)
    [toc] = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"] and toc.element_id == "toc"
    assert str(toc.sub_frames["TIT2"]) == "Chapters"
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
    assert (picture.data, picture.mime, picture.type, picture.desc) == (small_cover(), "image/png", 3, "Cover")
    [lyrics] = tags.getall("USLT")
    assert (lyrics.text, lyrics.lang, lyrics.desc) == ("Hello. Bye.", "eng", "Transcript")
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
    assert {key: tags.get(key) for key in ("title", "artist", "album_artist", "album", "genre", "date", "comment")} == {
        "title": TAGS.title, "artist": "Ana Ruiz", "album_artist": "Ana Ruiz", "album": "Letters", "genre": "Podcast",
        "date": "2026-11-29", "comment": "A letter and its reply."}
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


def test_an_edition_reads_back_as_its_manifest_wrote_it(tmp_path):
    manifest_in(tmp_path)
    edition = read_edition(tmp_path)
    assert (edition.directory, edition.slug, edition.title, edition.authors, edition.summary) == \
        (tmp_path, tmp_path.name, "Title", "Ana", "S")
    assert edition.duration_ms == 3000 and edition.chapters == CHAPTERS and edition.build_key == "key-1"
    assert edition.files["a.mp3"].size == 5 and edition.files["a.mp3"].sha256 == hashlib.sha256(b"audio").hexdigest()


@pytest.mark.parametrize("change, reason", [
    (lambda m: [m], "the document is not an object"),
    (lambda m: {**m, "title": 3}, "title is not text"),
    (lambda m: {k: v for k, v in m.items() if k != "files"}, "files is missing"),
    (lambda m: {**m, "files": []}, "files is not an object"),
    (lambda m: {**m, "slug": 1}, "slug is not text"),
    (lambda m: {**m, "authors": None}, "authors is not text"),
    (lambda m: {**m, "summary": []}, "summary is not text"),
    (lambda m: {**m, "duration_ms": "3000"}, "duration_ms is not a whole number"),
    (lambda m: {**m, "duration_ms": True}, "duration_ms is not a whole number"),
    (lambda m: {**m, "chapters": {}}, "chapters is not a list"),
    (lambda m: {**m, "chapters": ["chp0"]}, "a chapter is not an object"),
    (lambda m: {**m, "chapters": [{**m["chapters"][0], "title": None}]}, "a chapter's title is not text"),
    (lambda m: {**m, "chapters": [{**m["chapters"][0], "element_id": 0}]}, "a chapter's element_id is not text"),
    (lambda m: {**m, "chapters": [{**m["chapters"][0], "start_ms": 0.5}]}, "a chapter's start_ms is not a whole"),
    (lambda m: {**m, "chapters": [{**m["chapters"][0], "end_ms": "1"}]}, "a chapter's end_ms is not a whole"),
    (lambda m: {**m, "chapters": [{**m["chapters"][0], "kind": 1}]}, "a chapter's kind is not text"),
    (lambda m: {**m, "files": {"a.mp3": 5}}, "a file entry is not an object"),
    (lambda m: {**m, "files": {"a.mp3": {"size": "5", "sha256": "x"}}}, "a file's size is not a whole number"),
    (lambda m: {**m, "files": {"a.mp3": {"size": 5, "sha256": 1}}}, "a file's sha256 is not text"),
    (lambda m: {**m, "build_key": 1}, "build_key is not text"),
])
def test_a_damaged_manifest_is_an_error_naming_what_is_wrong(tmp_path, change, reason):
    manifest = manifest_in(tmp_path)
    (tmp_path / "edition.json").write_text(json.dumps(change(manifest)))
    with pytest.raises(EditionError) as error:
        read_edition(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'edition.json'}: is damaged ({reason}")
    assert str(error.value).endswith("); build the edition again")


def test_a_missing_or_unparsable_manifest_is_an_error_saying_so(tmp_path):
    with pytest.raises(EditionError, match=r"is not an edition \(it has no edition.json\); build it first"):
        read_edition(tmp_path)
    (tmp_path / "edition.json").write_text("{")
    with pytest.raises(EditionError, match="edition.json: is not valid JSON"):
        read_edition(tmp_path)
    (tmp_path / "edition.json").unlink()
    (tmp_path / "edition.json").mkdir()
    with pytest.raises(EditionError, match="edition.json: cannot be read"):
        read_edition(tmp_path)


def test_the_manifest_is_indented_utf8_text_ending_in_a_newline(tmp_path):
    text = render_manifest(Plan("Café “Déjà vu”", "Zoë", ()), CHAPTERS, {}, {}, {}, "k", {})
    assert "Café “Déjà vu”" in text and "Zoë" in text
    assert text.endswith("}\n") and text.startswith('{\n  "title": ')
    document = json.loads(text)
    assert (document["plan"]["title"], document["plan"]["authors"], document["plan"]["writer"]) == \
        ("Café “Déjà vu”", "Zoë", "")


def test_the_date_is_stored_in_frames_id3v23_has(mp3):
    """v2.3 has no TDRC: the date is written as TYER and TDAT, which v2.3 readers show."""
    write_id3(mp3, TAGS, CHAPTERS)
    raw = ID3(mp3, translate=False)  # the frames as stored, not as mutagen upgrades them
    assert raw.version == (2, 3, 0)
    assert "TDRC" not in raw
    assert (str(raw["TYER"]), str(raw["TDAT"])) == ("2026", "2911")
    assert len(raw.getall("CHAP")) == len(CHAPTERS) and len(raw.getall("CTOC")) == 1
