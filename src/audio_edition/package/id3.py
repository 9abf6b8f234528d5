"""ID3v2.3 tags and chapters for the MP3, written with mutagen.

Players list CHAP frames in the order they are stored, and mutagen sorts frames by
size when it saves, which would put a short "Bio" chapter before "The Letter".
`_TimeOrderedID3` stores the chapter frames in time order after the other frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mutagen import MutagenError
from mutagen.id3 import (
    APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, USLT, CTOCFlags, ID3Tags, PictureType,
)
from mutagen.id3._tags import save_frame

from audio_edition.errors import OutputError
from audio_edition.model import Chapter

TOC_ID = "toc"


@dataclass(frozen=True)
class Tags:
    """The text tags of an edition."""

    title: str
    artist: str
    album: str
    date: str
    comment: str
    language: str
    """ISO 639-2 code, as ID3 wants ("eng")."""
    genre: str = "Podcast"


def write_id3(
    path: Path, tags: Tags, chapters: Sequence[Chapter], cover: bytes | None = None, lyrics: str = ""
) -> None:
    """Write `tags`, `chapters`, the cover (APIC) and the transcript (USLT) into the
    MP3 at `path` as ID3v2.3."""
    id3 = _TimeOrderedID3()
    for frame in _text_frames(tags):
        id3.add(frame)
    if cover:
        mime = "image/png" if cover.startswith(b"\x89PNG") else "image/jpeg"
        id3.add(APIC(encoding=3, mime=mime, type=PictureType.COVER_FRONT, desc="Cover", data=cover))
    if lyrics:
        id3.add(USLT(encoding=3, lang=tags.language, desc="Transcript", text=lyrics))
    id3.add(_table_of_contents(chapters))
    for chapter in chapters:
        id3.add(_chapter_frame(chapter))
    try:
        id3.save(path, v2_version=3, v1=0)
    except MutagenError as exc:
        raise OutputError(f"{path}: cannot write tags ({exc})") from exc


def _text_frames(tags: Tags) -> list:
    return [
        TIT2(encoding=3, text=tags.title),
        TPE1(encoding=3, text=tags.artist),
        TALB(encoding=3, text=tags.album),
        TCON(encoding=3, text=tags.genre),
        TDRC(encoding=3, text=tags.date),
        COMM(encoding=3, lang=tags.language, desc="", text=tags.comment),
        TLAN(encoding=3, text=tags.language),
    ]


def _table_of_contents(chapters: Sequence[Chapter]) -> CTOC:
    return CTOC(
        element_id=TOC_ID,
        flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
        child_element_ids=[c.element_id for c in chapters],
        sub_frames=[TIT2(encoding=3, text="Chapters")],
    )


def _chapter_frame(chapter: Chapter) -> CHAP:
    return CHAP(
        element_id=chapter.element_id,
        start_time=chapter.start_ms,
        end_time=chapter.end_ms,
        start_offset=0xFFFFFFFF,
        end_offset=0xFFFFFFFF,
        sub_frames=[TIT2(encoding=3, text=chapter.title)],
    )


class _TimeOrderedID3(ID3):
    def _write(self, config):
        chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
        others = ID3Tags()
        for frame in self.values():
            if frame.FrameID != "CHAP":
                others.add(frame)
        head = others._write(config)
        return head + b"".join(save_frame(frame, config=config) for frame in chapters)
