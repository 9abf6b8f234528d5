"""Speech engines behind one small interface, in a registry keyed by name.

Each engine module defines `unavailable() -> str | None` (why it cannot run here, or
None), `version() -> str`, `voices() -> list[str]` and `load() -> Engine`; one that
knows its voices' languages adds `languages() -> dict[str, str]`, and `language_of(voice)`
when a voice's name says it. Heavy libraries are imported only inside `load()`, so
listing engines costs nothing. Adding an engine is one module and one line below.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import Iterator, Protocol

from audio_edition.errors import EngineError


@dataclass(frozen=True)
class Voice:
    """How an engine should speak one part."""

    name: str | None = None
    """An engine-specific voice id; None means the engine's default."""
    rate: int | None = None
    """Words per minute; None means the engine's default."""
    pitch: int | None = None
    """0 (low) to 100 (high), for engines that can change it; None for the voice's own."""


@dataclass(frozen=True)
class AudioChunk:
    """Speech as an engine hands it over: 16-bit little-endian mono samples."""

    pcm: bytes
    sample_rate: int


class Engine(Protocol):
    """An engine may also set `words_per_call` (see `render.CHUNK_WORDS`): 0 asks for one
    sentence a call, which gives every sentence an exact start. Or it may report where
    it began each sentence of its last call with `sentence_times()` (see
    `render.reported_starts`)."""

    def speak(self, text: str, voice: Voice) -> Iterator[AudioChunk]:
        """Speak `text`, chunk by chunk as the engine makes it (a sentence each, for an
        engine that speaks sentence by sentence), all at one sample rate. A failure
        raises `EngineError`."""


ENGINES: dict[str, str] = {
    "pyttsx3": "audio_edition.engines.pyttsx3_engine",
    "piper": "audio_edition.engines.piper_engine",
    "fake": "audio_edition.engines.fake",
    "garbling": "audio_edition.engines.garbling",
}
DEFAULT_ENGINE = "pyttsx3"


def _module(name: str):
    if name not in ENGINES:
        raise EngineError(f"unknown engine {name!r} (available: {', '.join(ENGINES)})")
    return importlib.import_module(ENGINES[name])


def unavailable(name: str) -> str | None:
    """Why engine `name` cannot run here, or None if it can."""
    return _module(name).unavailable()


def voices(name: str) -> list[str]:
    """The voice ids engine `name` offers here (empty if it is unavailable)."""
    return [] if unavailable(name) else _module(name).voices()


def default_voice(name: str) -> str:
    """The voice engine `name` speaks with when none is chosen."""
    return getattr(_module(name), "DEFAULT_VOICE", "")


def variants(name: str) -> list[str]:
    """Variants engine `name` can add to any of its voices ("+f3"); most engines have none."""
    module = _module(name)
    return [] if unavailable(name) or not hasattr(module, "variants") else module.variants()


def voice_for(name: str, language: str) -> str | None:
    """The voice of engine `name` for `language` (BCP 47): None when its default voice
    speaks it (or the engine says nothing of languages), else the first voice that
    does, the exact tag first; `EngineError` when none does."""
    module = _module(name)
    if unavailable(name) or not hasattr(module, "languages"):
        return None
    primary = language.split("-")[0].lower()
    # An engine that knows a voice's language from its name is not asked for its voices
    # (listing espeak-ng's loads it) when its default voice speaks the language.
    default = default_voice(name)
    if hasattr(module, "language_of") and module.language_of(default).split("-")[0].lower() == primary:
        return None
    spoken = module.languages()
    if spoken.get(default, "").split("-")[0].lower() == primary:
        return None
    matching = [v for v, tag in spoken.items() if tag.split("-")[0].lower() == primary]
    if not matching:
        known = sorted({tag.split("-")[0].lower() for tag in spoken.values()})
        raise EngineError(f"engine {name!r} has no voice for the language {language!r} (its languages: "
                          f"{', '.join(known)})")
    exact = [v for v in matching if spoken[v].lower() == language.lower()]
    return (exact or matching)[0]


def check_voice(name: str, voice: str | None) -> None:
    """Raise `EngineError` listing the available voices unless `voice` is one of them."""
    if voice is None:
        return
    available = voices(name)
    base = voice.split("+")[0]  # espeak-ng variants: "gmw/en-us+f3"
    if voice not in available and base not in available:
        raise EngineError(f"engine {name!r} has no voice {voice!r} (available: {', '.join(available)})")


@functools.cache
def version(name: str) -> str:
    """The engine's version, part of every cache key: a new version re-speaks. Asked
    once a process: reading the installed packages' metadata takes milliseconds, and
    a build asks for every part's key several times."""
    return _module(name).version()


def load(name: str) -> Engine:
    """Load engine `name`, raising `EngineError` with the reason if it cannot run."""
    require(name)
    return _module(name).load()


def require(name: str) -> None:
    """Raise `EngineError` unless engine `name` is known and can run here."""
    reason = unavailable(name)
    if reason:
        raise EngineError(f"engine {name!r} is unavailable: {reason}")
