"""A test engine that speaks with the default voice (pyttsx3) but garbles chosen parts,
so tests can prove that listening back catches a part not said as written.

AUDIO_EDITION_GARBLE names a word: a text containing it is said as nonsense of the
same length instead. AUDIO_EDITION_GARBLE_LOG names a file where each garbling is
recorded, one line each; with AUDIO_EDITION_GARBLE_TIMES (default 1), garbling stops
once the file holds that many lines, so a part spoken again comes out right, as a
fresh draw of a neural voice usually does. Workers are separate processes: the file
is what they share.
"""

from __future__ import annotations

import os
from typing import Iterator

from audio_edition.engines import AudioChunk, Voice, pyttsx3_engine

NONSENSE = "la"
"""What each word of a garbled text becomes: nothing like the words of an article."""


def unavailable() -> str | None:
    return pyttsx3_engine.unavailable()


def version() -> str:
    return f"garbling 1, {pyttsx3_engine.version()}"


def voices() -> list[str]:
    return pyttsx3_engine.voices()


DEFAULT_VOICE = pyttsx3_engine.DEFAULT_VOICE


def load() -> "GarblingEngine":
    return GarblingEngine()


class GarblingEngine(pyttsx3_engine.Pyttsx3Engine):
    def speak(self, text: str, voice: Voice) -> Iterator[AudioChunk]:
        if _garble_now(text):
            text = " ".join(NONSENSE for _ in text.split())
        return super().speak(text, voice)


def _garble_now(text: str) -> bool:
    word, log = os.environ.get("AUDIO_EDITION_GARBLE"), os.environ.get("AUDIO_EDITION_GARBLE_LOG")
    if not word or word not in text:
        return False
    if not log:
        return True
    times = int(os.environ.get("AUDIO_EDITION_GARBLE_TIMES", "1"))
    with open(log, "a+", encoding="utf-8") as file:
        file.seek(0)
        if len(file.readlines()) >= times:
            return False
        file.write(text.replace("\n", " ") + "\n")
    return True
