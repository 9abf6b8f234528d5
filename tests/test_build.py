"""The built MP3, checked with ffprobe and mutagen (fake engine: fast, realistic lengths)."""

import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3

from conftest import REASON_HEADINGS, TIP_HEADINGS, ffprobe, loudness

# Slow: every test runs the command line on whole articles; tests/unit covers tags, chapters and mastering (tests/unit) fast.
pytestmark = pytest.mark.slow


def test_chapters_are_contiguous_ordered_and_cover_the_file(fake_reference_edition):
    probe = ffprobe(fake_reference_edition)
    chapters = probe["chapters"]
    duration = float(probe["format"]["duration"])
    starts = [float(c["start_time"]) for c in chapters]
    assert len(chapters) >= 16
    assert starts == sorted(starts) and starts[0] == 0
    for before, after in zip(chapters, chapters[1:]):
        assert before["end_time"] == after["start_time"]
    assert abs(float(chapters[-1]["end_time"]) - duration) <= 0.05


def test_chapter_titles_carry_every_heading_with_its_position(fake_reference_edition):
    titles = [c["tags"]["title"] for c in ffprobe(fake_reference_edition)["chapters"]]
    for n, heading in enumerate(REASON_HEADINGS, start=1):
        assert f"Reason {n} of 6: {heading}" in titles
    for n, heading in enumerate(TIP_HEADINGS, start=1):
        assert f"Tip {n} of 7: {heading}" in titles
    assert titles[0] == "Introduction" and titles[1] == "The Letter" and titles[-1] == "About the authors"


def test_audio_is_mono_mp3_at_64_kbps_or_more(fake_reference_edition):
    stream = ffprobe(fake_reference_edition)["streams"][0]
    assert stream["codec_name"] == "mp3"
    assert stream["channels"] == 1
    assert int(stream["bit_rate"]) >= 64000


def test_tags_read_back_as_id3v23(fake_reference_edition):
    tags = ID3(fake_reference_edition)
    assert tags.version == (2, 3, 0)
    assert str(tags["TIT2"]) == "Why Won’t He Let Me In?"
    assert str(tags["TPE1"]) == "Orna and Matthew Walters"
    assert str(tags["TALB"]) == "Audio Editions"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TLAN"]) == "eng"
    assert len(str(tags["TDRC"])) == 10
    comment = tags.getall("COMM")[0].text[0]
    assert "Orna and Matthew Walters" in comment and "\n" not in comment


def test_one_top_level_ordered_toc_names_every_chapter_in_time_order(fake_reference_edition):
    tags = ID3(fake_reference_edition)
    tocs = tags.getall("CTOC")
    assert len(tocs) == 1
    toc = tocs[0]
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chapters = {c.element_id: c for c in tags.getall("CHAP")}
    assert set(toc.child_element_ids) == set(chapters)
    times = [chapters[i].start_time for i in toc.child_element_ids]
    assert times == sorted(times)
    assert all(str(chapters[i].sub_frames["TIT2"]) for i in toc.child_element_ids)


def test_chapter_frames_are_stored_in_time_order(fake_reference_edition):
    # ffprobe lists chapters in the order the frames are stored in the file.
    titles = [c["tags"]["title"] for c in ffprobe(fake_reference_edition)["chapters"]]
    tags = ID3(fake_reference_edition)
    by_time = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert titles == [str(c.sub_frames["TIT2"]) for c in by_time]


def test_mp3_length_matches_the_speech(fake_reference_edition):
    # The fake engine speaks at 175 words a minute: the reference is ~1,800 words.
    minutes = MP3(fake_reference_edition).info.length / 60
    assert 9 < minutes < 14


def test_loudness_is_podcast_level_with_true_peak_headroom(fake_reference_edition):
    integrated, true_peak = loudness(fake_reference_edition)
    assert -17 <= integrated <= -15
    assert true_peak <= -1.0
