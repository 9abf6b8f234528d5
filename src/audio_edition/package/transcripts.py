"""Transcripts from the same timings as the audio: WebVTT, SRT and HTML.

Each sentence is a cue. Its start is where the worker placed it in its part, offset by
the part's chapter start, so captions, chapters and audio share one timeline.
"""

from __future__ import annotations

import re
from typing import Sequence

from audio_edition.cache import SegmentRecord
from audio_edition.model import Chapter, Cue, Plan, SpokenPart


def speaker_names(plan: Plan) -> dict[str, str]:
    """Who each role is, by name where the article says."""
    return {
        "narrator": "Narrator",
        "writer": plan.writer or "The reader",
        "columnists": plan.authors or "The columnists",
    }


def _speaker(role: str, part: SpokenPart, names: dict[str, str]) -> str:
    """A letter's words are its own writer's, in a column of several letters."""
    return part.segment.writer if role == "writer" and part.segment.writer else names[role]


def make_cues(
    parts: Sequence[SpokenPart], records: Sequence[SegmentRecord], chapters: Sequence[Chapter], plan: Plan
) -> tuple[Cue, ...]:
    """One cue per sentence, in time order, each ending where the next begins."""
    names = speaker_names(plan)
    cues = []
    for part, record, chapter in zip(parts, records, chapters, strict=True):
        times = [chapter.start_ms + round(s * 1000 / record.sample_rate)
                 for s in (*record.sentence_starts, record.speech_samples)]
        for line, start, end in zip(part.lines, times, times[1:]):
            cues.append(Cue(start, min(end, chapter.end_ms), line.written, _speaker(line.role, part, names),
                            line.opens_paragraph))
    return tuple(cues)


def render_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT with a voice tag per cue naming who speaks."""
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        voice = _vtt_escape(cue.speaker).replace(">", "")
        text = f"<v {voice}>{_vtt_escape(cue.text)}</v>"
        blocks.append(f"{number}\n{_timestamp(cue.start_ms, '.')} --> {_timestamp(cue.end_ms, '.')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def render_srt(cues: Sequence[Cue]) -> str:
    blocks = []
    for number, cue in enumerate(cues, start=1):
        text = _one_line(cue.text).replace("-->", "->")
        blocks.append(f"{number}\n{_timestamp(cue.start_ms, ',')} --> {_timestamp(cue.end_ms, ',')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def _vtt_escape(text: str) -> str:
    # "-->" cannot appear in a cue; "&" and "<" start markup.
    text = _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("--&gt;", "-&gt;")


def _one_line(text: str) -> str:
    """Cue text may not hold blank lines; control characters have no place in it."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text).strip()


def _timestamp(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def clock(ms: int) -> str:
    """A time as people read it: 1:05 or 1:02:05."""
    hours, rest = divmod(ms // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
