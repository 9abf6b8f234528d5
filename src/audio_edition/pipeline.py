"""The stages in order, in one place: read, plan, script, speak, package."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

from audio_edition import engines
from audio_edition.cache import SegmentCache, segment_key
from audio_edition.engines import Voice
from audio_edition.errors import ArticleError, AudioEditionError
from audio_edition.model import Chapter, Edition, Plan, SpokenPart
from audio_edition.package.cover import load_cover
from audio_edition.package.manifest import read_manifest, up_to_date
from audio_edition.readers import read_article
from audio_edition.script import write_script
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
    cover = load_cover(settings.cover) if settings.cover else None
    jobs = _jobs(parts, settings)
    directory = settings.out_dir / slug
    key = _build_key(jobs, plan, settings, cover)
    if up_to_date(directory, key):
        return BuildResult(path, _existing(plan, slug, directory, settings))
    # Imported here: packaging is most of the import time, and an unchanged edition needs none of it.
    from audio_edition.package.edition import AudioParts, prepare_artwork, write_edition

    cache = SegmentCache(settings.cache_dir)
    records = {job.key: record for job in jobs if (record := cache.get(job.key))}
    missing = [job for job in jobs if job.key not in records]
    artwork = []
    records.update(pool.run(missing, progress, meanwhile=lambda: artwork.append(prepare_artwork(plan, settings, cover))))
    audio = AudioParts(parts, [records[j.key] for j in jobs], [cache.audio_path(j.key) for j in jobs])
    edition = write_edition(plan, slug, audio, directory, settings, artwork[0], key)
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


EDITION_FORMAT_VERSION = 1
"""Bump when the files of an edition change shape, so old editions are rebuilt."""


def _build_key(jobs: Sequence[SpeechJob], plan: Plan, settings: BuildSettings, cover: tuple | None) -> str:
    """Everything that shapes the edition's files: when it matches, nothing is rewritten."""
    return segment_key(
        edition=EDITION_FORMAT_VERSION, segments=[j.key for j in jobs], plan=asdict(plan), show=settings.show,
        date=settings.date, language=settings.language, formats=list(settings.formats),
        cover=hashlib.sha256(cover[0]).hexdigest() if cover else None, engine=settings.engine,
    )


def _existing(plan: Plan, slug: str, directory: Path, settings: BuildSettings) -> Edition:
    manifest = read_manifest(directory)
    chapters = tuple(Chapter(**c) for c in manifest["chapters"])
    return Edition(
        plan=plan, slug=slug, directory=directory, audio_path=directory / f"{slug}.mp3", chapters=chapters,
        duration_ms=manifest["duration_ms"], engine=settings.engine,
        files=tuple(directory / name for name in manifest["files"]), up_to_date=True,
    )
