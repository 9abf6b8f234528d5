"""The M4B: the edition's audio in AAC, with the same chapters, tags and cover."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Sequence

from audio_edition.model import Chapter
from audio_edition.package.ffmetadata import render_ffmetadata
from audio_edition.package.id3 import Tags
from audio_edition.tools import ffmpeg


def encode_m4b(mp3: Path, tags: Tags, chapters: Sequence[Chapter], cover: bytes | None, destination: Path) -> None:
    """Encode `mp3` to AAC in an MP4 container at `destination`.

    ffmpeg writes both chapter forms from FFMETADATA: a QuickTime chapter track
    (Apple) and a Nero `chpl` box (AntennaPod, mutagen)."""
    metadata = {
        "title": tags.title, "artist": tags.artist, "album_artist": tags.artist, "album": tags.album,
        "genre": tags.genre, "date": tags.date, "comment": tags.comment,
    }
    with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
        meta = Path(work) / "chapters.ffmeta"
        meta.write_text(render_ffmetadata(metadata, chapters), "utf-8")
        inputs = ["-i", str(mp3), "-i", str(meta)]
        maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        if cover:
            art = Path(work) / "cover.png"
            art.write_bytes(cover)
            inputs += ["-i", str(art)]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
        ffmpeg("-y", *inputs, *maps, "-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k",
               "-metadata:s:a", f"language={tags.language}", "-f", "mp4", str(destination))
