"""The MP3's chapters and tables of contents, read back with mutagen and from the tag's
bytes as stored: times, titles, the order players list them in, and the nested tables
of an edition with more chapters than one table can name."""

import pytest
from mutagen.id3 import ID3, CTOCFlags

from audio_edition.errors import OutputError
from audio_edition.model import Chapter
from audio_edition.package import id3
from audio_edition.package.id3 import Tags, write_id3
from editions import silent_mp3

TAGS = Tags(title="Zoë’s “Letters”", artist="Ana Ruiz", album="Letters", date="2026-11-29",
            comment="Ça va — a reply.", language="fra", genre="Advice")


@pytest.fixture
def mp3(tmp_path):
    return silent_mp3(tmp_path / "a.mp3")


def chapters(count: int, length_ms: int = 10) -> tuple[Chapter, ...]:
    return tuple(Chapter(f"chp{n}", f"Part {n + 1}", n * length_ms, (n + 1) * length_ms, "section")
                 for n in range(count))


def stored_frames(path) -> list[tuple[str, str]]:
    """The ID3v2.3 tag's frames in the order they are stored: (frame id, element id for
    CHAP and CTOC, else "")."""
    data = path.read_bytes()
    assert data[:5] == b"ID3\x03\x00"
    end = 10 + sum(byte << (7 * (3 - n)) for n, byte in enumerate(data[6:10]))
    frames, position = [], 10
    while position < end and data[position] != 0:
        frame_id = data[position:position + 4].decode("ascii")
        size = int.from_bytes(data[position + 4:position + 8], "big")
        body = data[position + 10:position + 10 + size]
        frames.append((frame_id, body.split(b"\0")[0].decode("latin-1") if frame_id in ("CHAP", "CTOC") else ""))
        position += 10 + size
    return frames


def tables(path) -> dict[str, tuple[bool, bool, list[str], str]]:
    """Each table of contents: (top level, ordered, its entries, its title)."""
    return {t.element_id: (bool(t.flags & CTOCFlags.TOP_LEVEL), bool(t.flags & CTOCFlags.ORDERED),
                           list(t.child_element_ids), str(t.sub_frames["TIT2"])) for t in ID3(path).getall("CTOC")}


def test_each_chapter_frame_carries_its_times_in_ms_its_title_and_no_byte_offsets(mp3):
    written = (Chapter("chp0", "Opening", 0, 1250, "intro"), Chapter("chp1", "Zoë’s letter", 1250, 3_723_004, "letter"))
    write_id3(mp3, TAGS, written)
    frames = {c.element_id: c for c in ID3(mp3).getall("CHAP")}
    assert [(f.element_id, f.start_time, f.end_time, str(f.sub_frames["TIT2"])) for f in frames.values()] == \
        [(c.element_id, c.start_ms, c.end_ms, c.title) for c in written]
    assert {(f.start_offset, f.end_offset) for f in frames.values()} == {(0xFFFFFFFF, 0xFFFFFFFF)}


def test_an_edition_without_cover_or_transcript_has_neither_frame(mp3):
    write_id3(mp3, TAGS, chapters(2))
    kinds = [frame_id for frame_id, _ in stored_frames(mp3)]
    assert "APIC" not in kinds and "USLT" not in kinds
    assert kinds.count("CHAP") == 2


def test_tables_come_before_the_chapters_and_both_after_the_other_frames(mp3):
    write_id3(mp3, TAGS, chapters(4), b"\x89PNG art", "The transcript.")
    stored = stored_frames(mp3)
    kinds = [frame_id for frame_id, _ in stored]
    assert kinds.count("CTOC") == 1 and kinds.count("CHAP") == 4
    assert kinds[-5:] == ["CTOC", "CHAP", "CHAP", "CHAP", "CHAP"]
    assert {"TIT2", "TPE1", "TALB", "TCON", "COMM", "TLAN", "APIC", "USLT"} <= set(kinds[:-5])
    assert [element for _, element in stored[-4:]] == ["chp0", "chp1", "chp2", "chp3"]


def test_up_to_255_chapters_are_named_by_one_top_level_table(mp3):
    write_id3(mp3, TAGS, chapters(255))
    assert tables(mp3) == {"toc": (True, True, [f"chp{n}" for n in range(255)], "Chapters")}


def test_past_255_chapters_the_top_level_table_names_tables_of_255_chapters_each(mp3):
    write_id3(mp3, TAGS, chapters(300))
    assert tables(mp3) == {
        "toc": (True, True, ["toc0", "toc1"], "Chapters"),
        "toc0": (False, True, [f"chp{n}" for n in range(255)], "Chapters 1-255"),
        "toc1": (False, True, [f"chp{n}" for n in range(255, 300)], "Chapters 256-300"),
    }
    stored = [element for frame_id, element in stored_frames(mp3) if frame_id == "CTOC"]
    assert stored == ["toc", "toc0", "toc1"]
    assert [element for frame_id, element in stored_frames(mp3) if frame_id == "CHAP"] == \
        [f"chp{n}" for n in range(300)]


def test_nested_tables_split_the_chapters_in_time_order_at_every_limit(mp3, monkeypatch):
    monkeypatch.setattr(id3, "TOC_LIMIT", 3)
    write_id3(mp3, TAGS, chapters(9))
    assert tables(mp3) == {
        "toc": (True, True, ["toc0", "toc1", "toc2"], "Chapters"),
        "toc0": (False, True, ["chp0", "chp1", "chp2"], "Chapters 1-3"),
        "toc1": (False, True, ["chp3", "chp4", "chp5"], "Chapters 4-6"),
        "toc2": (False, True, ["chp6", "chp7", "chp8"], "Chapters 7-9"),
    }
    write_id3(mp3, TAGS, chapters(4))
    assert tables(mp3)["toc1"] == (False, True, ["chp3"], "Chapters 4-4")


def test_more_chapters_than_nested_tables_can_name_is_an_error_and_leaves_the_file_alone(mp3, monkeypatch):
    before = mp3.read_bytes()
    with pytest.raises(OutputError) as error:
        write_id3(mp3, TAGS, chapters(255 * 255 + 1, length_ms=1))
    assert str(error.value) == "65026 chapters are more than ID3 tables of contents can name (65025)"
    monkeypatch.setattr(id3, "TOC_LIMIT", 3)
    with pytest.raises(OutputError, match="^10 chapters are more than ID3 tables of contents can name \\(9\\)$"):
        write_id3(mp3, TAGS, chapters(10))
    assert mp3.read_bytes() == before


def test_text_tags_keep_text_beyond_latin_1_and_the_genre_given(mp3):
    write_id3(mp3, TAGS, chapters(1), lyrics="Zoë’s words.")
    tags = ID3(mp3)
    assert (str(tags["TIT2"]), str(tags["TCON"]), str(tags["TLAN"])) == ("Zoë’s “Letters”", "Advice", "fra")
    [comment] = tags.getall("COMM")
    assert (comment.text, comment.lang) == (["Ça va — a reply."], "fra")
    [lyrics] = tags.getall("USLT")
    assert (lyrics.text, lyrics.lang) == ("Zoë’s words.", "fra")


def test_an_id3v1_tag_left_from_before_is_removed(mp3):
    v1 = b"TAG" + b"Old Title".ljust(30, b"\0") + bytes(94) + b"\xff"
    mp3.write_bytes(mp3.read_bytes() + v1)
    write_id3(mp3, TAGS, chapters(1))
    assert mp3.read_bytes()[-128:-125] != b"TAG"
