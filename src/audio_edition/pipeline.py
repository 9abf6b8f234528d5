"""The stages in order, in one place: read, plan, script, speak, join, tag."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

from audio_edition import engines
from audio_edition.assemble import join_segments
from audio_edition.cache import SegmentCache, SegmentRecord, segment_key
from audio_edition.chapters import make_chapters
from audio_edition.engines import Voice
from audio_edition.errors import ArticleError, AudioEditionError
from audio_edition.files import atomic_path
from audio_edition.model import Edition, Plan, SpokenPart
from audio_edition.package.id3 import Tags, write_id3
from audio_edition.readers import read_article
from audio_edition.script import summary, write_script
from audio_edition.settings import BuildSettings
from audio_edition.speak import EDITION_SAMPLE_RATE, Progress, SpeechJob, WorkerConfig, WorkerPool
from audio_edition.structure import make_plan


@dataclass(frozen=True)
class BuildResult:
    """The outcome of building one article in a batch."""

    article: Path
    edition: Edition | None = None
    error: str | None = None
    spoken: int = 0
    """Parts spoken afresh; the rest came from the cache."""


def plan_article(path: Path) -> Plan:
    """Read the article at `path` and find its segments."""
    return make_plan(read_article(path))


def edition_slug(plan: Plan) -> str:
    from slugify import slugify

    slug = slugify(plan.title, max_length=80, word_boundary=True, replacements=[["’", ""], ["'", ""]])
    if not slug:
        raise ArticleError(f"the title {plan.title!r} gives no usable file name")
    return slug


def build_edition(path: Path, settings: BuildSettings, progress: Progress | None = None) -> Edition:
    """Build the audio edition of the article at `path`; raise on any failure."""
    [result] = build_editions([path], settings, progress, keep_going=False)
    return result.edition


def build_editions(
    paths: Sequence[Path], settings: BuildSettings, progress: Progress | None = None, keep_going: bool = True
) -> list[BuildResult]:
    """Build one edition per article, sharing one pool of workers.

    With `keep_going`, an article that fails is reported in its result and the
    others still build; otherwise the first failure is raised.
    """
    engines.require(settings.engine)
    pool = WorkerPool(WorkerConfig(settings.engine, settings.cache_dir, settings.mastering), settings.workers)
    results = []
    with pool:
        for path in paths:
            try:
                results.append(_build_one(path, settings, pool, progress))
            except AudioEditionError as exc:
                if not keep_going:
                    raise
                results.append(BuildResult(path, error=str(exc)))
    return results


def _build_one(path: Path, settings: BuildSettings, pool: WorkerPool, progress: Progress | None) -> BuildResult:
    plan = plan_article(path)
    slug = edition_slug(plan)
    parts = write_script(plan)
    jobs = _jobs(parts, settings)
    cache = SegmentCache(settings.cache_dir)
    records = {job.key: record for job in jobs if (record := cache.get(job.key))}
    missing = [job for job in jobs if job.key not in records]
    records.update(pool.run(missing, progress))
    ordered = [records[job.key] for job in jobs]
    directory = settings.out_dir / slug
    edition = _write_mp3(plan, slug, parts, ordered, [cache.audio_path(j.key) for j in jobs], directory, settings)
    return BuildResult(path, edition, spoken=len(missing))


def _jobs(parts: Iterable[SpokenPart], settings: BuildSettings) -> list[SpeechJob]:
    engine_version = engines.version(settings.engine)
    jobs = []
    for index, part in enumerate(parts):
        voice = Voice(settings.voice, settings.rate)
        sentences = tuple(line.spoken for line in part.lines)
        key = segment_key(
            sentences=sentences, engine=settings.engine, engine_version=engine_version,
            voice=asdict(voice), pause_ms=part.pause_ms, mastering=asdict(settings.mastering),
            sample_rate=EDITION_SAMPLE_RATE,
        )
        jobs.append(SpeechJob(key, sentences, voice, part.pause_ms, f"chapter {index + 1} ({part.chapter_title})"))
    return jobs


def _write_mp3(plan, slug, parts, records: list[SegmentRecord], segments: list[Path], directory: Path,
               settings: BuildSettings) -> Edition:
    chapters = make_chapters(parts, [r.samples for r in records], EDITION_SAMPLE_RATE)
    mp3 = directory / f"{slug}.mp3"
    created = not directory.exists()
    try:
        with atomic_path(mp3) as temporary:
            join_segments(segments, temporary)
            write_id3(temporary, _tags(plan, settings), chapters)
    except BaseException:
        if created and directory.exists() and not any(directory.iterdir()):
            directory.rmdir()
        raise
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
