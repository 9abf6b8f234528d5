"""A fast stand-in engine for tests: a quiet tone as long as the text would take to say.

Setting AUDIO_EDITION_FAKE_FAIL to a word makes it fail on any text containing that
word, and AUDIO_EDITION_FAKE_HANG makes it hang, so tests can exercise failures.
Setting AUDIO_EDITION_FAKE_LOG to a file appends each text it is handed there, one a
line, so a test can compare what was spoken with what `script` shows.
"""

from __future__ import annotations

import math
import os
import time
import wave
from pathlib import Path

from audio_edition.engines import Voice
from audio_edition.errors import EngineError

SAMPLE_RATE = 22050
_WORDS_PER_MINUTE = 175


def unavailable() -> str | None:
    return None


def version() -> str:
    return "fake 1"


def voices() -> list[str]:
    return ["low", "middle", "high"]


def load() -> "FakeEngine":
    return FakeEngine()


class FakeEngine:
    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        _maybe_misbehave(text)
        _record(text)
        seconds = len(text.split()) * 60 / (voice.rate or _WORDS_PER_MINUTE)
        frames = max(int(seconds * SAMPLE_RATE), SAMPLE_RATE // 10)
        pitch = 120 + 80 * (sum(map(ord, voice.name or "")) % 3)
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            wav.writeframes(_tone(frames, pitch))


def _tone(frames: int, pitch: float) -> bytes:
    period = [int(6000 * math.sin(2 * math.pi * pitch * i / SAMPLE_RATE)) for i in range(SAMPLE_RATE)]
    one_second = b"".join(v.to_bytes(2, "little", signed=True) for v in period)
    repeats = frames // SAMPLE_RATE + 1
    return (one_second * repeats)[: frames * 2]


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
