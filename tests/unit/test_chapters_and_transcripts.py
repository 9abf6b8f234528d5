"""The chapter list and the transcripts (cues, WebVTT, SRT), computed from spoken parts
and their segment records, without audio."""

import webvtt

from audio_edition.cache import SegmentRecord
from audio_edition.chapters import make_chapters
from audio_edition.model import Chapter, Cue, Line, Plan, Segment, SpokenPart
from audio_edition.package.chapters_json import render_json_chapters
from audio_edition.package.transcripts import clock, make_cues, render_srt, render_vtt, speaker_names

RATE = 22050


def part(kind, title, *sentences, roles=None):
    roles = roles or ["narrator"] * len(sentences)
    return SpokenPart(Segment(kind, title, " ".join(sentences)), title,
                      tuple(Line(s, s.lower(), role) for s, role in zip(sentences, roles)), 500)


def record(samples, starts, speech_samples, rate=RATE):
    return SegmentRecord(samples, rate, tuple(starts), speech_samples, -20.0, (), -3.0, "0" * 64)


PARTS = (part("intro", "Opening", "Hello.", "Welcome."), part("letter", "The Letter", "Dear editors,", roles=["writer"]),
         part("reply", "The Reply", "Dear Sam.", "Be kind.", roles=["columnists", "columnists"]))


def test_chapters_are_contiguous_and_end_where_the_audio_does():
    chapters = make_chapters(PARTS, [22050, 11025, 44100], RATE)
    assert chapters == (
        Chapter("chp0", "Opening", 0, 1000, "intro"),
        Chapter("chp1", "The Letter", 1000, 1500, "letter"),
        Chapter("chp2", "The Reply", 1500, 3500, "reply"),
    )


def test_chapter_times_round_from_the_running_total_so_errors_do_not_add_up():
    parts = [part("section", f"Part {n}", "Words.") for n in range(100)]
    chapters = make_chapters(parts, [331] * 100, RATE)  # 15.01 ms each
    assert chapters[-1].end_ms == round(100 * 331 * 1000 / RATE) == 1501
    assert all(a.end_ms == b.start_ms for a, b in zip(chapters, chapters[1:]))
    assert [c.start_ms for c in chapters[:4]] == [0, 15, 30, 45]


def test_chapters_follow_the_sample_rate():
    assert make_chapters(PARTS[:1], [24000], 24000)[0].end_ms == 1000
    assert make_chapters(PARTS[:1], [24000], 48000)[0].end_ms == 500
    # At a thousand samples a second, a sample is a millisecond: the first chapter starts at 0.
    assert [(c.start_ms, c.end_ms) for c in make_chapters(PARTS[:2], [1500, 500], 1000)] == [(0, 1500), (1500, 2000)]


def test_one_cue_per_sentence_offset_by_its_chapter():
    records = [record(22050, [0, 11025], 20000), record(11025, [1000], 8820), record(44100, [0, 22050], 33075)]
    chapters = make_chapters(PARTS, [r.samples for r in records], RATE)
    plan = Plan("Title", "Ana and Bo", (), writer="Sam")
    cues = make_cues(PARTS, records, chapters, plan)
    assert cues == (
        Cue(0, 500, "Hello.", "Narrator"),
        Cue(500, 907, "Welcome.", "Narrator"),
        Cue(1045, 1400, "Dear editors,", "Sam"),
        Cue(1500, 2500, "Dear Sam.", "Ana and Bo"),
        Cue(2500, 3000, "Be kind.", "Ana and Bo"),
    )


def test_a_cue_never_runs_past_its_chapter():
    records = [record(11025, [0], 30000)]  # speech said to run past the part's end
    chapters = make_chapters(PARTS[:1], [11025], RATE)
    cues = make_cues(PARTS[:1], records, chapters, Plan("T", "", ()))
    assert cues[-1].end_ms == chapters[0].end_ms == 500


def test_speakers_fall_back_to_plain_names():
    assert speaker_names(Plan("T", "", ())) == {"narrator": "Narrator", "writer": "The reader",
                                                "columnists": "The columnists"}
    assert speaker_names(Plan("T", "Ana", (), writer="Sam"))["writer"] == "Sam"


CUES = (Cue(0, 1500, "Hello <b>you</b> & --> them", "Ana <x>"), Cue(1500, 3_723_004, "Line\nbreak\u2028here\x07", "Bo"))


def test_webvtt_times_voices_and_escapes():
    text = render_vtt(CUES)
    assert text == (
        "WEBVTT\n\n"
        "1\n00:00:00.000 --> 00:00:01.500\n<v Ana &lt;x&gt;>Hello &lt;b&gt;you&lt;/b&gt; &amp; -&gt; them</v>\n\n"
        "2\n00:00:01.500 --> 01:02:03.004\n<v Bo>Line break here</v>\n"
    )


def test_webvtt_parses_back_to_the_same_times(tmp_path):
    (tmp_path / "a.vtt").write_text(render_vtt(CUES))
    captions = webvtt.read(str(tmp_path / "a.vtt"))
    assert [(c.start, c.end) for c in captions] == [("00:00:00.000", "00:00:01.500"), ("00:00:01.500", "01:02:03.004")]


def test_srt_has_numbered_cues_with_comma_times_and_one_line_text():
    assert render_srt(CUES) == (
        "1\n00:00:00,000 --> 00:00:01,500\nHello <b>you</b> & -> them\n\n"
        "2\n00:00:01,500 --> 01:02:03,004\nLine break here\n"
    )


def test_clock_reads_as_people_read_times():
    assert [clock(ms) for ms in (0, 999, 65_000, 600_000, 3_599_999, 3_600_000, 3_725_000)] == \
        ["0:00", "0:00", "1:05", "10:00", "59:59", "1:00:00", "1:02:05"]


def test_json_chapters_carry_each_chapter_in_seconds():
    import json

    chapters = make_chapters(PARTS, [22050, 11025, 44100], RATE)
    document = json.loads(render_json_chapters(Plan("Title", "Ana", ()), chapters, "Show", "a.mp3"))
    assert document == {
        "version": "1.2.0", "title": "Title", "author": "Ana", "podcastName": "Show", "fileName": "a.mp3",
        "chapters": [{"startTime": 0.0, "endTime": 1.0, "title": "Opening", "toc": True},
                     {"startTime": 1.0, "endTime": 1.5, "title": "The Letter", "toc": True},
                     {"startTime": 1.5, "endTime": 3.5, "title": "The Reply", "toc": True}],
    }


def test_cues_refuse_parts_and_records_that_do_not_pair_up():
    import pytest

    records = [record(22050, [0], 20000)]
    chapters = make_chapters(PARTS, [22050, 11025, 44100], RATE)
    with pytest.raises(ValueError):
        make_cues(PARTS, records, chapters, Plan("T", "", ()))
