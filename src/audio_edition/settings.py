"""Build settings: defaults here, overridden once by the CLI, then passed down."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from audio_edition.engines import DEFAULT_ENGINE

DEFAULT_SHOW = "Audio Editions"


def _default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


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
    language: str = "eng"
    """ISO 639-2 language code of the article."""
    bitrate: str = "64k"
    workers: int = field(default_factory=_default_workers)
    date: str = field(default_factory=lambda: datetime.date.today().isoformat())
