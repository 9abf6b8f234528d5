"""`check` at the edges of what it accepts: chapter and caption times at the tolerance,
tables of contents nested as long editions have them, and tables that never end."""

import itertools
import json
import shutil
from dataclasses import replace

import pytest
from editions import SLUG, build_edition, reseal
from mutagen.id3 import CTOC, ID3, CTOCFlags

from audio_edition import check
from audio_edition.check import check_edition
from audio_edition.model import Chapter
from audio_edition.package.id3 import Tags, write_id3

MP3 = f"{SLUG}.mp3"
VTT = f"{SLUG}.vtt"


@pytest.fixture(autouse=True)
def quick_loudness(monkeypatch):
    monkeypatch.setattr(check, "measure_loudness", lambda path: (-16.0, -3.0))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("edges"))


@pytest.fixture(scope="module")
def built_with_m4b(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("edges-m4b"), formats=("mp3", "m4b"))


@pytest.fixture
def edition(built, tmp_path):
    return shutil.copytree(built, tmp_path / SLUG)


def failures(directory):
    return [message for ok, message in check_edition(directory).findings if not ok]


def chapters_of(directory):
    return [Chapter(**c) for c in json.loads((directory / "edition.json").read_text("utf-8"))["chapters"]]


def retag(directory, chapters):
    write_id3(directory / MP3, Tags("A Small Letter", "Ana Ruiz", "Shows", "2026-11-29", "A letter.", "eng"),
              chapters)
    reseal(directory)


def test_chapters_that_start_50_ms_in_cover_the_audio_and_match_an_m4b_starting_at_zero(built_with_m4b, tmp_path):
    edition = shutil.copytree(built_with_m4b, tmp_path / SLUG)
    first, *rest = chapters_of(edition)
    retag(edition, [replace(first, start_ms=50), *rest])
    assert failures(edition) == []


def test_a_gap_of_exactly_50_ms_between_chapters_passes(edition):
    first, second, third = chapters_of(edition)
    retag(edition, [replace(first, end_ms=50), replace(second, start_ms=100), third])
    assert failures(edition) == []


def test_an_empty_chapter_starting_with_the_next_is_in_time_order(edition):
    first, second, third = chapters_of(edition)
    retag(edition, [replace(first, end_ms=0), replace(second, start_ms=0), third])
    assert f"{MP3}: chapters are in time order." in [message for _, message in check_edition(edition).findings]
    assert failures(edition) == []


def with_tables(directory, tables, top="toc"):
    """Replace the MP3's tables of contents by `tables` (id -> children); `top` is the top-level one."""
    tags = ID3(directory / MP3)
    tags.delall("CTOC")
    for element_id, children in tables.items():
        flags = CTOCFlags.ORDERED | (CTOCFlags.TOP_LEVEL if element_id == top else 0)
        tags.add(CTOC(element_id=element_id, flags=flags, child_element_ids=children, sub_frames=[]))
    tags.save(directory / MP3, v2_version=3)
    reseal(directory)


TOC_FAILURE = f"{MP3} lacks a top-level table of contents naming every chapter."


def test_tables_of_contents_nested_in_the_top_level_one_name_their_chapters(edition):
    with_tables(edition, {"toc": ["toc0", "toc1"], "toc0": ["chp0", "chp1"], "toc1": ["chp2"]})
    assert failures(edition) == []


def test_nested_tables_that_leave_a_chapter_out_fail(edition):
    with_tables(edition, {"toc": ["toc0", "toc1"], "toc0": ["chp0"], "toc1": ["chp2"]})
    assert failures(edition) == [TOC_FAILURE]


def chain(levels):
    """Tables nested `levels` deep, the innermost naming the chapters."""
    names = ["toc", *(f"toc{n}" for n in range(1, levels))]
    return {**{a: [b] for a, b in itertools.pairwise(names)}, names[-1]: ["chp0", "chp1", "chp2"]}


@pytest.mark.parametrize("levels, named", [(2, True), (9, True), (10, False)])
def test_tables_are_followed_nine_deep_and_no_deeper(edition, levels, named):
    with_tables(edition, chain(levels))
    assert failures(edition) == ([] if named else [TOC_FAILURE])


@pytest.mark.parametrize("tables", [
    {"toc": ["toc", "chp0", "chp1", "chp2"]},
    {"toc": ["toc1"], "toc1": ["toc2"], "toc2": ["toc1", "chp0", "chp1", "chp2"]},
])
def test_a_table_that_contains_itself_fails_instead_of_running_forever(edition, tables):
    with_tables(edition, tables)
    assert failures(edition) == [TOC_FAILURE]


def rewrite_cue_times(directory, times):
    """Give the first cues of the WebVTT these (start, end) times."""
    path = directory / VTT
    lines = path.read_text("utf-8").split("\n")
    arrows = [n for n, line in enumerate(lines) if " --> " in line]
    for n, (start, end) in zip(arrows, times):
        lines[n] = f"{start} --> {end}"
    path.write_text("\n".join(lines), "utf-8")
    reseal(directory)


def test_a_cue_that_ends_a_millisecond_before_it_starts_fails(edition):
    rewrite_cue_times(edition, [("00:00:00.000", "00:00:01.000"), ("00:00:01.500", "00:00:01.499")])
    assert failures(edition) == [f"{VTT}: cues are missing, out of order, or past the end of the audio."]


def test_cues_that_start_together_are_in_order(edition):
    rewrite_cue_times(edition, [("00:00:00.000", "00:00:01.000"), ("00:00:00.000", "00:00:01.200")])
    assert failures(edition) == []


def write_vtt(path, end):
    path.write_text(f"WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n<v Narrator>One.</v>\n\n"
                    f"2\n00:00:01.000 --> {end}\n<v Narrator>Two.</v>\n", "utf-8")
    return path


@pytest.mark.parametrize("end, within", [
    ("00:00:01.950", True), ("00:00:02.000", True), ("00:00:02.001", False),
])
def test_a_cue_may_end_up_to_50_ms_past_the_audio(tmp_path, end, within):
    report = check.CheckReport()
    check._check_transcript(write_vtt(tmp_path / "a.vtt", end), 1.95, report)
    assert report.passed is within
