"""The platform's own voices through pyttsx3 (espeak-ng on Linux).

pyttsx3 is not thread-safe and keeps one engine per process, so the speak stage runs
it in worker processes. Its first `runAndWait()` may return before the file is
written; we wait for the `finished-utterance` callback and for a complete WAV.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Iterator

from audio_edition.engines import AudioChunk, Voice, chunk_from_wav
from audio_edition.errors import EngineError

DEFAULT_VOICE = "gmw/en-us"
_ATTEMPTS = 3
_GRACE_SECONDS = 0.3
_WAV_HEADER_BYTES = 44


def unavailable() -> str | None:
    if importlib.util.find_spec("pyttsx3") is None:
        return "the Python package pyttsx3 is not installed"
    if sys.platform.startswith("linux"):
        try:
            ctypes.cdll.LoadLibrary("libespeak-ng.so.1")  # what pyttsx3's espeak driver loads
        except OSError:
            return "the espeak-ng library is missing; install the Debian package espeak-ng"
    return None


def version() -> str:
    from importlib.metadata import version as package_version

    # Part of every segment's cache key: segments timed by estimate are spoken again.
    return f"pyttsx3 {package_version('pyttsx3')}, sentence times from espeak-ng"


def voices() -> list[str]:
    """espeak-ng's voices; any of them also takes a variant, such as "+f3" (a female voice)."""
    import pyttsx3

    return sorted(v.id for v in pyttsx3.init().getProperty("voices"))


def languages() -> dict[str, str]:
    """Each voice's language."""
    return {voice: language_of(voice) for voice in voices()}


def language_of(voice: str) -> str:
    """A voice's language, from its name: espeak-ng names its voices by it ("roa/fr", "gmw/en-us")."""
    return voice.rsplit("/", 1)[-1]


def variants() -> list[str]:
    """espeak-ng's voice variants, as `espeak-ng --voices=variant` lists them ("f3", "klatt")."""
    import subprocess

    try:
        listing = subprocess.run(["espeak-ng", "--voices=variant"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    names = (line.split()[4].removeprefix("!v/") for line in listing.splitlines()[1:] if len(line.split()) > 4)
    return sorted(names, key=str.casefold)


def load() -> "Pyttsx3Engine":
    return Pyttsx3Engine()


class _QuickPoll:
    """Stands in for the `time` module inside pyttsx3's espeak driver, whose loop
    sleeps 10 ms between checks for the end of an utterance: with a part spoken a few
    sentences at a time, that was a fifth of a worker's time spent idle."""

    def __getattr__(self, name: str):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(min(seconds, 0.001))


class Pyttsx3Engine:
    def __init__(self) -> None:
        import pyttsx3

        if sys.platform.startswith("linux"):
            from pyttsx3.drivers import espeak

            espeak.time = _QuickPoll()
        self._engine = pyttsx3.init()
        self._done = threading.Event()
        self._engine.connect("finished-utterance", lambda name, completed: self._done.set())
        self._voice_ids = {v.id for v in self._engine.getProperty("voices")}
        self._sentences: list[tuple[int, float]] = []
        self._timed = sys.platform.startswith("linux") and _listen_for_sentences(self._engine, self._sentences)

    def sentence_times(self) -> list[tuple[int, float]] | None:
        """Where espeak-ng began each sentence of the last text it spoke: (the sentence's
        first character's offset in the text, seconds into the audio); None when the
        driver could not be listened to."""
        return list(self._sentences) if self._timed else None

    def speak(self, text: str, voice: Voice) -> Iterator[AudioChunk]:
        """The whole text as one chunk: pyttsx3 can only write a file."""
        if not text.strip():
            raise EngineError("nothing to say")  # save_to_file('') asserts; runAndWait may hang
        self._apply(voice)
        with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
            path = Path(work) / "speech.wav"
            # Under load, pyttsx3's espeak driver now and then reports an utterance finished
            # without writing its file; saying it again in the same process recovers.
            for _ in range(_ATTEMPTS):
                if self._attempt(text, path):
                    yield chunk_from_wav(path)
                    return
        raise EngineError(f"pyttsx3 wrote no audio after {_ATTEMPTS} attempts")

    def _attempt(self, text: str, path: Path) -> bool:
        path.unlink(missing_ok=True)
        self._done.clear()
        self._sentences.clear()
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()
        # The driver writes the file before it reports the end, so once the end is
        # reported a short grace is enough.
        allowed = 2.0 + 0.02 * len(text.split())
        return self._done.wait(allowed) and _wait_for_wav(path, _GRACE_SECONDS)

    def _apply(self, voice: Voice) -> None:
        name = voice.name or DEFAULT_VOICE
        if name not in self._voice_ids:
            # espeak-ng variants ("gmw/en-us+f3") are not listed but work; the base must exist.
            if name.split("+")[0] not in self._voice_ids:
                raise EngineError(f"pyttsx3 has no voice {name!r}")
        self._engine.setProperty("voice", name)
        self._engine.setProperty("rate", voice.rate or 175)
        self._engine.setProperty("pitch", 50 if voice.pitch is None else voice.pitch)


def _listen_for_sentences(engine, sentences: list[tuple[int, float]]) -> bool:
    """Hear espeak-ng's sentence events as it speaks: pyttsx3 passes on word events with
    their place in the text only, while espeak-ng also says at which sample each sentence
    begins. Our callback sees the events, then hands the buffer to pyttsx3's own.
    False when pyttsx3's driver is not the one this was written for."""
    try:
        from pyttsx3.drivers import _espeak

        forward = engine.proxy._driver._onSynth
    except (ImportError, AttributeError):
        return False

    def on_synth(wav, samples, events):
        index = 0
        while events[index].type != _espeak.EVENT_LIST_TERMINATED:
            event = events[index]
            if event.type == _espeak.EVENT_SENTENCE:
                sentences.append((event.text_position - 1, event.sample / _ESPEAK_RATE))
            index += 1
        return forward(wav, samples, events)

    _espeak.SetSynthCallback(on_synth)
    return True


_ESPEAK_RATE = 22050
"""espeak-ng's output rate, which pyttsx3 also writes its WAV files at."""


def _wait_for_wav(path: Path, seconds: float) -> bool:
    """Wait until `path` is a complete WAV file: its data as long as its header says."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with wave.open(str(path)) as wav:
                expected = wav.getnframes() * wav.getsampwidth() * wav.getnchannels()
            if expected and path.stat().st_size >= _WAV_HEADER_BYTES + expected:
                return True
        except (FileNotFoundError, EOFError, wave.Error):
            pass
        time.sleep(0.01)
    return False
