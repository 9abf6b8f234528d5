"""The stages in order, in one place: read, plan, script, speak, assemble, tag."""

from __future__ import annotations

import tempfile
from pathlib import Path

from slugify import slugify

from audio_edition import engines
from audio_edition.chapters import make_chapters
from audio_edition.assemble import duration_ms, encode_mp3
from audio_edition.engines import Voice
from audio_edition.errors import ArticleError
from audio_edition.files import atomic_path
from audio_edition.model import Edition, Plan, SpokenPart
from audio_edition.package.id3 import Tags, write_id3
from audio_edition.readers import read_article
from audio_edition.script import summary, write_script
from audio_edition.settings import BuildSettings
from audio_edition.speak import Progress, SpeechJob, synthesize_all
from audio_edition.structure import make_plan


def plan_article(path: Path) -> Plan:
    """Read the article at `path` and find its segments."""
    return make_plan(read_article(path))


def edition_slug(plan: Plan) -> str:
    slug = slugify(plan.title, max_length=80, word_boundary=True, replacements=[["’", ""], ["'", ""]])
    if not slug:
        raise ArticleError(f"the title {plan.title!r} gives no usable file name")
    return slug


def build_edition(path: Path, settings: BuildSettings, progress: Progress | None = None) -> Edition:
    """Build the audio edition of the article at `path` into `settings.out_dir`."""
    plan = plan_article(path)
    slug = edition_slug(plan)
    parts = write_script(plan)
    engines.require(settings.engine)
    directory = settings.out_dir / slug
    created = not directory.exists()
    try:
        return _build(plan, slug, parts, directory, settings, progress)
    except BaseException:
        if created and directory.exists() and not any(directory.iterdir()):
            directory.rmdir()
        raise


def _build(plan, slug, parts: tuple[SpokenPart, ...], directory: Path, settings, progress) -> Edition:
    voice = Voice(settings.voice, settings.rate)
    with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
        jobs = [
            SpeechJob(i, part.speech, voice, Path(work) / f"{i:04d}.wav", f"chapter {i + 1} ({part.chapter_title})")
            for i, part in enumerate(parts)
        ]
        audio = synthesize_all(jobs, settings.engine, settings.workers, progress)
        mp3 = directory / f"{slug}.mp3"
        with atomic_path(mp3) as temporary:
            frames, sample_rate = encode_mp3(parts, audio, temporary, settings.bitrate)
            chapters = make_chapters(parts, frames, sample_rate, duration_ms(temporary))
            write_id3(temporary, _tags(plan, settings), chapters)
    return Edition(
        plan=plan, slug=slug, directory=directory, audio_path=mp3, chapters=chapters,
        duration_ms=chapters[-1].end_ms, engine=settings.engine,
        voices={"default": settings.voice or "default"},
    )


def _tags(plan: Plan, settings: BuildSettings) -> Tags:
    return Tags(
        title=plan.title,
        artist=plan.authors or settings.show,
        album=settings.show,
        date=settings.date,
        comment=summary(plan),
        language=settings.language,
    )
