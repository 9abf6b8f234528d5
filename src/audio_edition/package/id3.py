"""ID3v2.3 tags and chapters for the MP3, written with mutagen.

Players list CHAP frames in the order they are stored, and mutagen sorts frames by
size when it saves, which would put a short "Bio" chapter before "The Letter".
`_TimeOrderedID3` stores the chapter frames in time order after the other frames.

A table of contents (CTOC) counts its entries in one byte, so it names at most 255.
A longer edition gets the nested tables the ID3 chapter addendum allows: a top-level
table whose entries are tables of up to 255 chapters each, in time order.
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
TOC_LIMIT = 255
"""The most entries one CTOC frame can name: its entry count is one byte."""


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
    for table in _tables_of_contents(chapters):
        id3.add(table)
    for chapter in chapters:
        id3.add(_chapter_frame(chapter))
    # ID3v2.3 has no TDRC: mutagen turns it into TYER and TDAT, which v2.3 readers show.
    id3.update_to_v23()
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


def _tables_of_contents(chapters: Sequence[Chapter]) -> list[CTOC]:
    """One top-level table naming every chapter, or, past `TOC_LIMIT` chapters, naming
    tables of `TOC_LIMIT` chapters each."""
    ids = [c.element_id for c in chapters]
    if len(ids) <= TOC_LIMIT:
        return [_table(TOC_ID, ids, "Chapters", top_level=True)]
    groups = [chapters[i:i + TOC_LIMIT] for i in range(0, len(chapters), TOC_LIMIT)]
    if len(groups) > TOC_LIMIT:
        raise OutputError(f"{len(chapters)} chapters are more than ID3 tables of contents can name "
                          f"({TOC_LIMIT * TOC_LIMIT})")
    tables = [_table(f"{TOC_ID}{n}", [c.element_id for c in group], f"Chapters {n * TOC_LIMIT + 1}"
                     f"-{n * TOC_LIMIT + len(group)}", top_level=False) for n, group in enumerate(groups)]
    return [_table(TOC_ID, [t.element_id for t in tables], "Chapters", top_level=True), *tables]


def _table(element_id: str, children: list[str], title: str, top_level: bool) -> CTOC:
    return CTOC(
        element_id=element_id,
        flags=(CTOCFlags.TOP_LEVEL if top_level else 0) | CTOCFlags.ORDERED,
        child_element_ids=children,
        sub_frames=[TIT2(encoding=3, text=title)],
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
        tables = self.getall("CTOC")  # as added: the top-level table first
        others = ID3Tags()
        for frame in self.values():
            if frame.FrameID not in ("CHAP", "CTOC"):
                others.add(frame)
        head = others._write(config)
        return head + b"".join(save_frame(frame, config=config) for frame in [*tables, *chapters])
