"""Build settings: defaults here, overridden once by the CLI, then passed down."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from audio_edition.engines import DEFAULT_ENGINE

DEFAULT_SHOW = "Audio Editions"


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-edition")) / "segments"


def _default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass(frozen=True)
class MasteringSettings:
    loudness: float = -16.0
    """Target integrated loudness, LUFS (podcast apps' target)."""
    ceiling_db: float = -3.0
    """Sample-peak ceiling, dBFS; leaves room for inter-sample and MP3 overshoot under -1 dBTP."""
    bitrate_kbps: int = 64
    quality: int = 7
    """LAME's speed/quality trade-off, 0 (best) to 9; 7 is fast and clean for speech at 64 kbps."""


@dataclass(frozen=True)
class BuildSettings:
    out_dir: Path = Path("output")
    """Editions go to `out_dir/<slug>/`."""
    engine: str = DEFAULT_ENGINE
    voice: str | None = None
    """The engine's voice id; None for the engine's default."""
    rate: int | None = None
    """Speaking rate in words per minute; None for the engine's default."""
    show: str = DEFAULT_SHOW
    """The show the edition belongs to: the album tag."""
    language: str = "en"
    """The article's language as a BCP 47 tag ("en", "en-us")."""
    formats: tuple[str, ...] = ("mp3",)
    """Audio formats to write: "mp3", and "m4b" for audiobook apps."""
    cover: Path | None = None
    """The user's own cover image; None draws one from the title and show."""
    mastering: MasteringSettings = MasteringSettings()
    cache_dir: Path = field(default_factory=default_cache_dir)
    workers: int = field(default_factory=_default_workers)
    date: str = field(default_factory=lambda: datetime.date.today().isoformat())


AUDIO_FORMATS = ("mp3", "m4b")

_ISO_639_2 = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "nl": "nld", "pt": "por",
              "sv": "swe", "da": "dan", "no": "nor", "fi": "fin", "pl": "pol", "cs": "ces", "ru": "rus"}


def id3_language(language: str) -> str:
    """ID3 wants ISO 639-2 ("eng"); "und" when the language is not known here."""
    return _ISO_639_2.get(language.split("-")[0].lower(), "und")
