"""espeak-ng through pyttsx3's binding of its library.

pyttsx3's espeak-ng driver asks for audio in the background and polls for the end of
each utterance; its first `runAndWait()` may return before the file is written, and
it can only write WAV files. So this engine calls the library through pyttsx3's own
binding (`pyttsx3.drivers._espeak`) in synchronous mode instead: `Synth` returns once
the text is spoken, its audio handed to our callback on this thread, with the same
samples the driver would have written and for about two thirds of the CPU time.
espeak-ng keeps one state per process, so the speak stage runs it in worker processes.
"""

from __future__ import annotations

import ctypes
import importlib.util
import subprocess
import sys
from typing import Iterator

from audio_edition.engines import AudioChunk, Voice
from audio_edition.errors import EngineError

DEFAULT_VOICE = "gmw/en-us"
_BUFFER_MS = 1000
"""How much audio espeak-ng hands over per callback."""
_sample_rate = 0
"""espeak-ng's output rate, once it is initialized in this process (22,050 Hz)."""


def unavailable() -> str | None:
    if importlib.util.find_spec("pyttsx3") is None:
        return "the Python package pyttsx3 is not installed"
    if sys.platform.startswith("linux"):
        try:
            ctypes.cdll.LoadLibrary("libespeak-ng.so.1")  # what pyttsx3's binding loads
        except OSError:
            return "the espeak-ng library is missing; install the Debian package espeak-ng"
    return None


def version() -> str:
    from importlib.metadata import version as package_version

    # Part of every segment's cache key: segments timed by estimate are spoken again.
    return f"pyttsx3 {package_version('pyttsx3')}, sentence times from espeak-ng"


def voices() -> list[str]:
    """espeak-ng's voices; any of them also takes a variant, such as "+f3" (a female voice)."""
    espeak = _initialized()
    return sorted(v.identifier.decode("utf-8").lower() for v in espeak.ListVoices(None))


def languages() -> dict[str, str]:
    """Each voice's language."""
    return {voice: language_of(voice) for voice in voices()}


def language_of(voice: str) -> str:
    """A voice's language, from its name: espeak-ng names its voices by it ("roa/fr", "gmw/en-us")."""
    return voice.rsplit("/", 1)[-1]


def variants() -> list[str]:
    """espeak-ng's voice variants, as `espeak-ng --voices=variant` lists them ("f3", "klatt")."""
    try:
        listing = subprocess.run(["espeak-ng", "--voices=variant"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    names = (line.split()[4].removeprefix("!v/") for line in listing.splitlines()[1:] if len(line.split()) > 4)
    return sorted(names, key=str.casefold)


def load() -> "Pyttsx3Engine":
    return Pyttsx3Engine()


def _initialized():
    """pyttsx3's binding of espeak-ng, the library set up for synchronous synthesis
    (once per process: espeak-ng keeps global state)."""
    global _sample_rate
    from pyttsx3.drivers import _espeak

    if not _sample_rate:
        _sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS)
        if _sample_rate <= 0:
            _sample_rate = 0
            raise EngineError("espeak-ng could not be initialized")
    return _espeak


class Pyttsx3Engine:
    def __init__(self) -> None:
        self._espeak = _initialized()
        self._voice_ids = set(voices())
        self._pcm = bytearray()
        self._sentences: list[tuple[int, float]] = []
        # Kept on the engine: ctypes calls back through this object while it lives.
        self._callback = self._espeak.t_espeak_callback(self._on_synth)

    def sentence_times(self) -> list[tuple[int, float]]:
        """Where espeak-ng began each sentence of the last text it spoke: (the sentence's
        first character's offset in the text, seconds into the audio)."""
        return list(self._sentences)

    def speak(self, text: str, voice: Voice) -> Iterator[AudioChunk]:
        """The whole text as one chunk, spoken before this returns."""
        if not text.strip():
            raise EngineError("nothing to say")
        self._apply(voice)
        self._pcm.clear()
        self._sentences.clear()
        espeak = self._espeak
        espeak.cSetSynthCallback(self._callback)  # one callback per process: make sure it is ours
        status = espeak.Synth(text.encode("utf-8"), flags=espeak.ENDPAUSE | espeak.CHARS_UTF8)
        if status != espeak.EE_OK:
            raise EngineError(f"espeak-ng could not speak (status {status})")
        if not self._pcm:
            raise EngineError("espeak-ng made no audio")
        yield AudioChunk(bytes(self._pcm), _sample_rate)

    def _on_synth(self, wav, samples: int, events) -> int:
        """espeak-ng's callback: a buffer of audio and the events within it (0: go on)."""
        espeak, index = self._espeak, 0
        while (event := events[index]).type != espeak.EVENT_LIST_TERMINATED:
            if event.type == espeak.EVENT_SENTENCE:
                self._sentences.append((event.text_position - 1, event.sample / _sample_rate))
            index += 1
        if samples > 0:
            self._pcm += ctypes.string_at(wav, samples * 2)
        return 0

    def _apply(self, voice: Voice) -> None:
        name = voice.name or DEFAULT_VOICE
        # espeak-ng variants ("gmw/en-us+f3") are not listed but work; the base must exist.
        if name not in self._voice_ids and name.split("+")[0] not in self._voice_ids:
            raise EngineError(f"pyttsx3 has no voice {name!r}")
        espeak = self._espeak
        if espeak.SetVoiceByName(name.encode("utf-8")) != espeak.EE_OK:
            raise EngineError(f"espeak-ng could not take the voice {name!r}")
        espeak.SetParameter(espeak.RATE, voice.rate or 175, 0)
        espeak.SetParameter(espeak.PITCH, 50 if voice.pitch is None else voice.pitch, 0)
        espeak.SetParameter(espeak.VOLUME, 100, 0)
