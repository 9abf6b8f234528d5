"""`check` on small editions, each built or altered to fail one check, with a manifest
that vouches for the files as they are, so only the check under test can fail."""

import json
import math
import re
import shutil
from dataclasses import replace

import pytest
import webvtt
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags

from audio_edition import check
from audio_edition.check import check_edition, run_check
from audio_edition.errors import AudioEditionError
from audio_edition.model import Chapter
from audio_edition.package.id3 import Tags, write_id3
from audio_edition.settings import MasteringSettings
from audio_edition.tools import ffprobe
from editions import SLUG, build_edition, reseal

MP3 = f"{SLUG}.mp3"


@pytest.fixture(autouse=True)
def quick_loudness(request, monkeypatch):
    """Tests of the other checks skip ffmpeg's loudness pass (in range, as built); the
    tests that ask for `real_loudness` measure the audio."""
    if "real_loudness" not in request.fixturenames:
        monkeypatch.setattr(check, "measure_loudness", lambda path: (-16.0, -3.0))


@pytest.fixture
def real_loudness():
    pass


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("check"))


@pytest.fixture(scope="module")
def built_with_m4b(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("check-m4b"), formats=("mp3", "m4b"))


@pytest.fixture
def edition(built, tmp_path):
    return shutil.copytree(built, tmp_path / SLUG)


@pytest.fixture
def edition_with_m4b(built_with_m4b, tmp_path):
    return shutil.copytree(built_with_m4b, tmp_path / SLUG)


def failures(directory):
    findings = check_edition(directory).findings
    assert all(ok is True or ok is False for ok, _ in findings)
    return [message for ok, message in findings if not ok]


def manifest_of(directory):
    return json.loads((directory / "edition.json").read_text("utf-8"))


def write_manifest(directory, manifest):
    (directory / "edition.json").write_text(json.dumps(manifest), "utf-8")


def chapters_of(directory):
    return [Chapter(**c) for c in manifest_of(directory)["chapters"]]


def retag(directory, chapters):
    tags = Tags("A Small Letter", "Ana Ruiz", "Shows", "2026-11-29", "A letter.", "eng")
    write_id3(directory / MP3, tags, chapters)
    reseal(directory)


def test_a_fresh_edition_passes_every_check_and_says_what_it_checked(built_with_m4b, real_loudness):
    report = check_edition(built_with_m4b)
    assert report.passed
    files = [MP3, f"{SLUG}.m4b", "cover.png", f"{SLUG}.vtt", f"{SLUG}.srt", "transcript.html", "chapters.json",
             "index.html"]
    duration = chapters_of(built_with_m4b)[-1].end_ms / 1000
    messages = [message for _, message in report.findings]
    assert messages[:-5] == [
        "The manifest edition.json is readable.",
        *(f"{name} matches the manifest." for name in files),
        f"{MP3} has 3 chapters, as the manifest lists.",
        f"{MP3}: chapters are in time order.",
        f"{MP3}: each chapter ends where the next begins.",
        f"{MP3}: the chapters cover the whole {duration:.1f} seconds.",
        f"{SLUG}.m4b has the same chapter titles and times as the MP3.",
        f"{MP3} has its title, artist, album, genre and date tags.",
        f"{MP3} has one top-level table of contents naming every chapter.",
    ]
    loudness, peak, vtt, srt, json_chapters = messages[-5:]
    assert re.fullmatch(rf"{MP3}: loudness -1[5-7]\.\d+ LUFS is within -17\.0 to -15\.0\.", loudness)
    assert re.fullmatch(rf"{MP3}: true peak -\d+\.\d+ dBTP is at most -1\.0\.", peak)
    assert vtt == f"{SLUG}.vtt: 8 cues, in order, within the audio."
    assert srt == f"{SLUG}.srt: 8 cues, in order, within the audio."
    assert json_chapters == "chapters.json lists the chapters in order (version 1.2.0)."


def test_a_missing_or_unreadable_manifest_stops_the_check(edition):
    (edition / "edition.json").write_text("{not json")
    for _ in range(2):
        [(ok, message)] = check_edition(edition).findings
        assert not ok and message.startswith(f"There is no readable edition.json in {edition}")
        (edition / "edition.json").unlink(missing_ok=True)


def test_a_changed_file_does_not_match_the_manifest(edition):
    (edition / "chapters.json").write_text((edition / "chapters.json").read_text() + " ")
    assert failures(edition) == ["chapters.json does not match the manifest: it was changed or replaced "
                                 "after the build."]


def test_a_missing_file_is_named(edition):
    (edition / f"{SLUG}.srt").unlink()
    assert failures(edition) == [f"{SLUG}.srt is missing."]


def test_an_edition_without_an_mp3_fails(edition):
    (edition / MP3).unlink()
    manifest = manifest_of(edition)
    del manifest["files"][MP3]
    write_manifest(edition, manifest)
    assert failures(edition) == ["The edition has no MP3."]


def test_a_chapter_count_unlike_the_manifests_fails(edition):
    manifest = manifest_of(edition)
    manifest["chapters"].append(manifest["chapters"][-1])
    write_manifest(edition, manifest)
    assert failures(edition) == [f"{MP3} has 3 chapters; the manifest lists 4."]


def test_chapters_with_a_gap_fail(edition):
    first, second, third = chapters_of(edition)
    retag(edition, [first, replace(second, start_ms=second.start_ms + 300), third])
    assert failures(edition) == [f"{MP3}: chapter 'Opening' does not end where the next begins."]


def test_overlapping_chapters_fail_as_a_gap_not_as_disorder(edition):
    first, second, third = chapters_of(edition)
    retag(edition, [first, replace(second, start_ms=second.start_ms - 300), third])
    assert failures(edition) == [f"{MP3}: chapter 'Opening' does not end where the next begins."]


def test_a_gap_within_the_tolerance_passes(edition):
    first, second, third = chapters_of(edition)
    retag(edition, [first, replace(second, start_ms=second.start_ms + 30), third])
    assert f"{MP3}: each chapter ends where the next begins." in messages(edition)


def messages(directory):
    return [message for _, message in check_edition(directory).findings]


def test_chapters_that_stop_short_of_the_end_fail(edition):
    *head, last = chapters_of(edition)
    retag(edition, [*head, replace(last, end_ms=last.end_ms - 500)])
    [failure] = failures(edition)
    assert failure.startswith(f"{MP3}: the chapters do not cover the audio")


def test_chapters_that_start_late_fail(edition):
    first, *rest = chapters_of(edition)
    retag(edition, [replace(first, start_ms=200), *rest])
    assert any("do not cover the audio" in f for f in failures(edition))


def test_chapters_stored_out_of_time_order_fail(edition):
    tags = ID3(edition / MP3)
    frames = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    tags.delall("CHAP")
    # mutagen stores frames by size: the longest title goes last, out of time order.
    for frame, title in zip(frames, ["a", "a title much longer than the other two", "b"]):
        tags.add(CHAP(element_id=frame.element_id, start_time=frame.start_time, end_time=frame.end_time,
                      sub_frames=[TIT2(encoding=3, text=title)]))
    tags.save(edition / MP3, v2_version=3)
    reseal(edition)
    found = failures(edition)
    assert f"{MP3}: chapters are out of time order." in found


def test_an_m4b_whose_chapters_differ_from_the_mp3_fails(edition_with_m4b):
    edition = edition_with_m4b
    chapters = chapters_of(edition)
    retag(edition, [*chapters[:2], replace(chapters[2], title="Renamed")])
    assert failures(edition) == [f"{SLUG}.m4b does not have the same chapters as the MP3."]


def test_an_m4b_whose_chapter_starts_differ_from_the_mp3_fails(edition_with_m4b):
    first, second, third = chapters_of(edition_with_m4b)
    moved = second.start_ms + 300
    retag(edition_with_m4b, [replace(first, end_ms=moved), replace(second, start_ms=moved), third])
    assert failures(edition_with_m4b) == [f"{SLUG}.m4b does not have the same chapters as the MP3."]


def test_missing_tags_are_named(edition):
    tags = ID3(edition / MP3)
    tags.delall("TALB")
    tags.delall("TDRC")
    tags.save(edition / MP3, v2_version=3)
    reseal(edition)
    assert failures(edition) == [f"{MP3} lacks the tags TALB, TDRC."]


def test_an_mp3_without_id3_tags_fails(edition):
    ID3(edition / MP3).delete(edition / MP3)
    reseal(edition)
    assert f"{MP3} has no ID3 tags." in failures(edition)


@pytest.mark.parametrize("change", ["no toc", "not top level", "a chapter left out", "two top-level tables"])
def test_a_table_of_contents_that_does_not_name_every_chapter_fails(edition, change):
    tags = ID3(edition / MP3)
    [toc] = tags.getall("CTOC")
    tags.delall("CTOC")
    if change != "no toc":
        flags = CTOCFlags.ORDERED if change == "not top level" else toc.flags
        children = toc.child_element_ids[:-1] if change == "a chapter left out" else toc.child_element_ids
        tags.add(CTOC(element_id="toc", flags=flags, child_element_ids=children, sub_frames=[]))
    if change == "two top-level tables":
        tags.add(CTOC(element_id="toc2", flags=toc.flags, child_element_ids=toc.child_element_ids, sub_frames=[]))
    tags.save(edition / MP3, v2_version=3)
    reseal(edition)
    assert failures(edition) == [f"{MP3} lacks a top-level table of contents naming every chapter."]


def test_an_edition_mastered_too_quiet_fails_on_loudness_only(tmp_path, real_loudness):
    edition = build_edition(tmp_path, MasteringSettings(loudness=-22.0))
    [failure] = failures(edition)
    assert failure.startswith(f"{MP3}: loudness -2") and failure.endswith("LUFS is outside -17.0 to -15.0.")


def test_an_edition_with_peaks_above_minus_one_dbtp_fails_on_the_peak_only(tmp_path, real_loudness):
    # A ceiling of 0 dBFS lets the MP3's inter-sample peaks pass -1 dBTP at a normal loudness.
    edition = build_edition(tmp_path, MasteringSettings(ceiling_db=0.0))
    [failure] = failures(edition)
    assert failure.startswith(f"{MP3}: true peak ") and failure.endswith("dBTP is above -1.0.")


@pytest.mark.parametrize("integrated, peak, passes", [
    (-17.0, -1.0, True), (-15.0, -3.0, True), (-16.0, -1.0, True),
    (-17.1, -2.0, False), (-14.9, -2.0, False), (-16.0, -0.9, False), (-16.0, 0.5, False),
])
def test_loudness_and_peak_limits_are_inclusive(monkeypatch, tmp_path, integrated, peak, passes):
    monkeypatch.setattr(check, "measure_loudness", lambda path: (integrated, peak))
    report = check.CheckReport()
    check._check_loudness(tmp_path / MP3, report)
    assert report.passed is passes
    (loudness_ok, loudness), (peak_ok, peak_message) = report.findings
    assert ("is within" in loudness) is loudness_ok and ("is outside" in loudness) is not loudness_ok
    assert ("is at most" in peak_message) is peak_ok and ("is above" in peak_message) is not peak_ok


def rewrite_vtt(edition, change):
    vtt = edition / f"{SLUG}.vtt"
    vtt.write_text(change(vtt.read_text("utf-8")), "utf-8")
    reseal(edition)


def test_a_caption_past_the_end_of_the_audio_fails(edition):
    end = chapters_of(edition)[-1].end_ms
    captions = webvtt.read(str(edition / f"{SLUG}.vtt"))
    captions[-1].end = str(webvtt.models.Timestamp.from_seconds(end / 1000 + 0.2))
    captions.save(str(edition / f"{SLUG}.vtt"))
    reseal(edition)
    assert failures(edition) == [f"{SLUG}.vtt: cues are missing, out of order, or past the end of the audio."]


def test_a_caption_past_the_end_within_the_same_whole_second_fails(edition):
    duration = float(ffprobe(edition / MP3)["format"]["duration"])
    late_end = math.floor(duration) + 0.999  # whole seconds would hide it
    assert late_end > duration + 0.1
    captions = webvtt.read(str(edition / f"{SLUG}.vtt"))
    captions[-1].end = str(webvtt.models.Timestamp.from_seconds(late_end))
    captions.save(str(edition / f"{SLUG}.vtt"))
    reseal(edition)
    assert failures(edition) == [f"{SLUG}.vtt: cues are missing, out of order, or past the end of the audio."]


def test_captions_out_of_order_fail(edition):
    def swap_first_two(text):
        head, first, second, *rest = text.split("\n\n")
        return "\n\n".join([head, second, first, *rest])
    rewrite_vtt(edition, swap_first_two)
    assert failures(edition) == [f"{SLUG}.vtt: cues are missing, out of order, or past the end of the audio."]


def test_a_cue_that_ends_before_it_starts_fails(edition):
    def reverse_first(text):
        lines = text.split("\n")
        start, end = lines[3].split(" --> ")
        lines[3] = f"{end} --> {start}"
        return "\n".join(lines)
    rewrite_vtt(edition, reverse_first)
    assert failures(edition) == [f"{SLUG}.vtt: cues are missing, out of order, or past the end of the audio."]


def test_overlapping_and_empty_cues_in_time_order_pass(edition):
    def overlap_and_empty(text):
        lines = text.split("\n")
        first_start, _ = lines[3].split(" --> ")
        second_start, _ = lines[7].split(" --> ")
        lines[3] = f"{first_start} --> 00:00:05.000"  # runs past the next cue's start
        lines[7] = f"{second_start} --> {second_start}"  # starts and ends at once
        return "\n".join(lines)
    rewrite_vtt(edition, overlap_and_empty)
    assert failures(edition) == []


def test_captions_without_cues_fail(edition):
    rewrite_vtt(edition, lambda text: "WEBVTT\n")
    assert failures(edition) == [f"{SLUG}.vtt: cues are missing, out of order, or past the end of the audio."]


def test_an_unparsable_transcript_fails(edition):
    rewrite_vtt(edition, lambda text: "not a caption file\n")
    [failure] = failures(edition)
    assert failure.startswith(f"{SLUG}.vtt cannot be parsed")


@pytest.mark.parametrize("change", [
    lambda d: {**d, "version": "1.1.0"},
    lambda d: {**d, "chapters": list(reversed(d["chapters"]))},
    lambda d: {**d, "chapters": d["chapters"][:2]},
    lambda d: {"version": "1.2.0"},
])
def test_json_chapters_unlike_the_audio_fail(edition, change):
    path = edition / "chapters.json"
    path.write_text(json.dumps(change(json.loads(path.read_text()))))
    reseal(edition)
    assert failures(edition) == ["chapters.json is not valid JSON chapters matching the audio."]


def test_json_chapters_that_are_not_json_fail(edition):
    (edition / "chapters.json").write_text("{")
    reseal(edition)
    assert failures(edition) == ["chapters.json is not valid JSON chapters matching the audio."]


def test_checking_a_folder_that_is_not_there_is_an_error(tmp_path):
    with pytest.raises(AudioEditionError, match="no such edition folder"):
        run_check(tmp_path / "nowhere")
    assert run_check(tmp_path).findings[0][0] is False


def test_a_built_editions_manifest_records_its_engine_loudness_and_files(built):
    manifest = manifest_of(built)
    assert manifest["engine"] == {"name": "fake", "voice": "default"}
    assert -17 <= manifest["loudness"]["integrated_lufs"] <= -15
    assert -6 < manifest["loudness"]["true_peak_dbtp"] <= -1
    assert list(manifest["files"]) == [MP3, "cover.png", f"{SLUG}.vtt", f"{SLUG}.srt", "transcript.html",
                                       "chapters.json", "index.html"]
    assert manifest["duration_ms"] == manifest["chapters"][-1]["end_ms"]
