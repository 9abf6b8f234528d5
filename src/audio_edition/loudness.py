"""The edition's loudness, combined from its segments' gating blocks (ITU-R BS.1770).

Integrated loudness is a gated mean over 400 ms blocks; segments are separated by
silence, which the absolute gate drops, so the blocks of all segments together give
the whole edition's loudness without decoding it again.
"""

from __future__ import annotations

import math
from typing import Iterable

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = 10.0
OFFSET = -0.691
"""BS.1770's constant: loudness is OFFSET + 10 log10 of the mean K-weighted energy."""


def integrated(blocks: Iterable[float]) -> float:
    """Integrated loudness (LUFS) from block loudnesses (LUFS); -inf for silence."""
    loud = [b for b in blocks if b > ABSOLUTE_GATE]
    if not loud:
        return -math.inf
    threshold = _mean(loud) - RELATIVE_GATE
    return _mean([b for b in loud if b > threshold])


def _mean(blocks: list[float]) -> float:
    energy = sum(10 ** ((b - OFFSET) / 10) for b in blocks) / len(blocks)
    return OFFSET + 10 * math.log10(energy)
