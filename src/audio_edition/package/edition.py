"""Package an edition: from the spoken parts to every file a listener or an app reads.

Everything is rendered first, then written, each file atomically; the MP3 goes last
but one, and the manifest, which vouches for the others, last.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from audio_edition.assemble import join_segments
from audio_edition.cache import SegmentRecord
from audio_edition.chapters import make_chapters
from audio_edition.files import atomic_path, write_atomic
from audio_edition.loudness import integrated
from audio_edition.model import Edition, Plan, SpokenPart
from audio_edition.package.chapters_json import render_json_chapters
from audio_edition.package.cover import draw_cover
from audio_edition.package.epub import BookInfo, render_epub
from audio_edition.package.html import environment, render_player, render_transcript_html
from audio_edition.package.id3 import Tags, write_id3
from audio_edition.package.m4b import encode_m4b
from audio_edition.package.manifest import EditionNames, file_entry, render_manifest
from audio_edition.package.transcripts import make_cues, render_srt, render_vtt
from audio_edition.script import summary
from audio_edition.settings import BuildSettings, id3_language

@dataclass(frozen=True)
class AudioParts:
    """The spoken parts with their encoded audio, in order."""

    parts: Sequence[SpokenPart]
    records: Sequence[SegmentRecord]
    segments: Sequence[Path]


def prepare_artwork(plan: Plan, settings: BuildSettings, cover: tuple[bytes, str] | None) -> tuple[bytes, str]:
    """The cover (the user's, or one drawn), with the templates made ready: work that
    needs no audio, done while the workers speak."""
    environment().get_template("transcript.html")
    environment().get_template("player.html")
    return cover or (draw_cover(plan.title, settings.show), ".png")


def write_edition(
    plan: Plan, slug: str, audio: AudioParts, directory: Path, settings: BuildSettings,
    cover: tuple[bytes, str], build_key: str, source: str = "",
) -> Edition:
    names = EditionNames(slug)
    chapters = make_chapters(audio.parts, [r.samples for r in audio.records], audio.records[0].sample_rate)
    cues = make_cues(audio.parts, audio.records, chapters, plan)
    cover_data, cover_ext = cover
    tags = Tags(title=plan.title, artist=plan.authors or settings.show, album=settings.show, date=settings.date,
                comment=summary(plan), language=id3_language(settings.language))
    texts = {
        names.vtt: render_vtt(cues),
        names.srt: render_srt(cues),
        names.transcript: render_transcript_html(plan, chapters, cues, settings.language),
        names.chapters: render_json_chapters(plan, chapters, settings.show, names.mp3),
        names.player: render_player(plan, chapters, cues, {"audio": names.mp3, "captions": names.vtt,
                                    "cover": names.cover(cover_ext), "transcript": names.transcript,
                                    "epub": names.epub if "epub" in settings.formats else ""},
                                    settings.show, settings.language),
    }
    created = not directory.exists()
    try:
        with _audio_files(directory, names, settings.formats) as (mp3, m4b):
            join_segments(audio.segments, mp3)
            write_id3(mp3, tags, chapters, cover_data, " ".join(c.text for c in cues))
            if m4b:
                encode_m4b(mp3, tags, chapters, cover_data, m4b)
            if "epub" in settings.formats:
                book = BookInfo(slug, settings.language, settings.date, settings.show, tags.comment, names.mp3,
                                cover_ext)
                write_atomic(directory / names.epub, render_epub(plan, chapters, cues, mp3.read_bytes(), cover_data,
                                                                 book))
            write_atomic(directory / names.cover(cover_ext), cover_data)
            for name, text in texts.items():
                write_atomic(directory / name, text.encode("utf-8"))
        files = [directory / name for name in
                 [names.mp3, *([names.m4b] if m4b else []), *([names.epub] if "epub" in settings.formats else []),
                  names.cover(cover_ext), *texts]]
        loudness = {
            "integrated_lufs": round(integrated(b for r in audio.records for b in r.blocks), 2),
            "true_peak_dbtp": round(max(r.true_peak for r in audio.records), 2),
        }
        engine = {"name": settings.engine, "voice": settings.voice or "default"}
        manifest = render_manifest(plan, chapters, {p.name: file_entry(p) for p in files}, loudness, engine,
                                   build_key, {"slug": slug, "source": source, "summary": tags.comment,
                                               "date": settings.date, "show": settings.show,
                                               "language": settings.language},
                                   [[line.spoken for line in part.lines] for part in audio.parts])
        write_atomic(directory / names.manifest, manifest.encode("utf-8"))
    except BaseException:
        if created and directory.exists() and not any(directory.iterdir()):
            directory.rmdir()
        raise
    return Edition(plan=plan, slug=slug, directory=directory, audio_path=directory / names.mp3,
                   chapters=chapters, duration_ms=chapters[-1].end_ms, engine=settings.engine,
                   files=tuple([*files, directory / names.manifest]))


@contextlib.contextmanager
def _audio_files(directory: Path, names: EditionNames, formats: Sequence[str]):
    """Temporary audio files beside their targets, renamed into place together on success."""
    with contextlib.ExitStack() as stack:
        mp3 = stack.enter_context(atomic_path(directory / names.mp3))
        m4b = stack.enter_context(atomic_path(directory / names.m4b)) if "m4b" in formats else None
        yield mp3, m4b
