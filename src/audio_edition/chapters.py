"""The chapter list, computed once from the spoken parts and their audio lengths.

Every output that shows chapters (ID3, and later M4B, JSON chapters, WebVTT, feed,
player page) reads this list; nothing recomputes it.
"""

from __future__ import annotations

from typing import Sequence

from audio_edition.model import Chapter, SpokenPart


def make_chapters(
    parts: Sequence[SpokenPart], frames: Sequence[int], sample_rate: int, duration_ms: int
) -> tuple[Chapter, ...]:
    """One chapter per part, contiguous: each spans its speech and the pause after it.

    `frames` holds each part's length in samples, pause included. The last chapter
    ends at `duration_ms`, the encoded file's duration as players report it, which
    includes the encoder's padding after the last sample.
    """
    starts = [0]
    for count in frames:
        starts.append(starts[-1] + count)
    to_ms = [round(s * 1000 / sample_rate) for s in starts]
    to_ms[-1] = max(duration_ms, to_ms[-2] + 1)
    return tuple(
        Chapter(f"chp{index}", part.chapter_title, to_ms[index], to_ms[index + 1], part.segment.kind)
        for index, part in enumerate(parts)
    )
