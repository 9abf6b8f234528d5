"""The chapter list, computed once from the spoken parts and their audio lengths.

Every output that shows chapters (ID3, and later M4B, JSON chapters, WebVTT, feed,
player page) reads this list; nothing recomputes it.
"""

from __future__ import annotations

from typing import Sequence

from audio_edition.model import Chapter, SpokenPart


def make_chapters(parts: Sequence[SpokenPart], samples: Sequence[int], sample_rate: int) -> tuple[Chapter, ...]:
    """One chapter per part, contiguous: each spans its speech and the pause after it.

    `samples` holds each part's decoded length, pause and encoder padding included,
    so the last chapter ends where the audio does.
    """
    starts = [0]
    for count in samples:
        starts.append(starts[-1] + count)
    to_ms = [round(s * 1000 / sample_rate) for s in starts]
    return tuple(
        Chapter(f"chp{index}", part.chapter_title, to_ms[index], to_ms[index + 1], part.segment.kind)
        for index, part in enumerate(parts)
    )
