"""A fast stand-in engine for tests: speech-like sound as long as the text would take to say.

Not words, but shaped like speech where mastering cares: syllable bursts three to six a
second, a voiced pulse train whose peaks stand far above its loudness, a level that
moves from word to word, and short gaps between words. So tests that use it run the
limiter and the loudness levelling as a real voice would. The sound follows from the
text and the voice alone, so a test gets the same audio every time.

Setting AUDIO_EDITION_FAKE_FAIL to a word makes it fail on any text containing that
word, and AUDIO_EDITION_FAKE_HANG makes it hang, so tests can exercise failures.
Setting AUDIO_EDITION_FAKE_LOG to a file appends each text it is handed there, one a
line, so a test can compare what was spoken with what `script` shows.
"""

from __future__ import annotations

import hashlib
import os
import time
from typing import Iterator

import numpy as np

from audio_edition.engines import AudioChunk, Voice
from audio_edition.errors import EngineError

SAMPLE_RATE = 22050
_WORDS_PER_MINUTE = 175
_PERIOD_TABLE = 1024
"""Samples in the table of one glottal period; a power of two, so a mask wraps it."""
_HARMONICS = 8
_ROLLOFF = 1.4
"""Harmonic k has amplitude 1/k**_ROLLOFF: peaks about 20 dB above the loudness, as in
synthetic speech, so reaching the loudness target takes the limiter."""
_STEP = 256
"""The pitch drift is computed once per this many samples: it moves slowly."""
_PEAK = 0.8
"""The loudest syllable's peak: well clear of clipping, as engines leave it."""
_WORD_GAP = 0.2
"""The share of each word's time left silent after it."""
_LETTERS_PER_SYLLABLE = 3


def unavailable() -> str | None:
    return None


def version() -> str:
    return "fake 2"


def voices() -> list[str]:
    return ["low", "middle", "high"]


def load() -> "FakeEngine":
    return FakeEngine()


class FakeEngine:
    def speak(self, text: str, voice: Voice) -> Iterator[AudioChunk]:
        _maybe_misbehave(text)
        _record(text)
        seconds = len(text.split()) * 60 / (voice.rate or _WORDS_PER_MINUTE)
        frames = max(int(seconds * SAMPLE_RATE), SAMPLE_RATE // 10)
        pitch = 120 + 80 * (sum(map(ord, voice.name or "")) % 3)
        samples = speech_like(text, frames, pitch)
        yield AudioChunk((samples * 32767).astype("<i2").tobytes(), SAMPLE_RATE)


def speech_like(text: str, frames: int, pitch: float) -> np.ndarray:
    """`frames` float samples in [-1, 1]: a syllable envelope over a voiced pulse train."""
    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(text.encode("utf-8", "replace")).digest()[:8], "big"))
    envelope = _syllable_envelope(text.split() or [text], frames, rng)
    breath = rng.standard_normal(frames).astype(np.float32) * np.float32(0.03)
    speech = envelope * (_voiced(frames, pitch, rng) + breath)
    return np.clip(speech * np.float32(_PEAK), -1.0, 1.0, out=speech)


def _voiced(frames: int, pitch: float, rng: np.random.Generator) -> np.ndarray:
    """A glottal pulse train: harmonics in phase make a sharp peak once a period; the
    pitch drifts slowly, as intonation does."""
    coarse = np.arange(0, frames + _STEP, _STEP) / SAMPLE_RATE
    drift = 1 + 0.12 * np.sin(2 * np.pi * 0.6 * coarse + rng.uniform(0, 2 * np.pi))
    cycles = np.cumsum(np.repeat(drift * (pitch / SAMPLE_RATE), _STEP)[:frames])
    index = (cycles * _PERIOD_TABLE).astype(np.int64) & (_PERIOD_TABLE - 1)
    return _PERIOD[index]


def _one_period() -> np.ndarray:
    phase = np.arange(_PERIOD_TABLE) * 2 * np.pi / _PERIOD_TABLE
    period = sum(np.cos(k * phase) / k ** _ROLLOFF for k in range(1, _HARMONICS + 1))
    return (period / np.max(np.abs(period))).astype(np.float32)


_PERIOD = _one_period()


def _syllable_envelope(words: list[str], frames: int, rng: np.random.Generator) -> np.ndarray:
    """Each word gets an equal share of the time, a level of its own, and one burst per
    few letters, each burst rising and falling; a gap follows every word."""
    envelope = np.zeros(frames, dtype=np.float32)
    bounds = np.linspace(0, frames, len(words) + 1).astype(np.int64)
    for word, start, end in zip(words, bounds, bounds[1:]):
        voiced = int((end - start) * (1 - _WORD_GAP))
        level = rng.uniform(0.35, 1.0)
        syllables = max(1, min(4, len(word) // _LETTERS_PER_SYLLABLE))
        cuts = np.linspace(start, start + voiced, syllables + 1).astype(np.int64)
        for a, b in zip(cuts, cuts[1:]):
            if b - a > 2:
                envelope[a:b] = level * rng.uniform(0.5, 1.0) * np.hanning(b - a)
    return envelope


def _record(text: str) -> None:
    log = os.environ.get("AUDIO_EDITION_FAKE_LOG")
    if log:
        # One write of one line in append mode: workers in parallel do not interleave.
        with open(log, "a", encoding="utf-8") as file:
            file.write(text.replace("\n", " ") + "\n")


def _maybe_misbehave(text: str) -> None:
    fail_word = os.environ.get("AUDIO_EDITION_FAKE_FAIL")
    if fail_word and fail_word in text:
        raise EngineError(f"fake engine told to fail on {fail_word!r}")
    hang_word = os.environ.get("AUDIO_EDITION_FAKE_HANG")
    if hang_word and hang_word in text:
        time.sleep(3600)
