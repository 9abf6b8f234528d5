"""ffmpeg's FFMETADATA format: tags and chapters for the M4B, every value escaped."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from audio_edition.model import Chapter


def escape(value: str) -> str:
    """Escape `=`, `;`, `#`, backslash and newlines, as FFMETADATA requires."""
    value = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value)
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def render_ffmetadata(tags: Mapping[str, str], chapters: Sequence[Chapter]) -> str:
    lines = [";FFMETADATA1"]
    lines += [f"{escape(key)}={escape(value)}" for key, value in tags.items()]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={chapter.start_ms}", f"END={chapter.end_ms}",
                  f"title={escape(chapter.title)}"]
    return "\n".join(lines) + "\n"
