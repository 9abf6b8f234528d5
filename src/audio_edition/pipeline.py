"""The stages in order, in one place: read, plan, script, speak, package."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import deque
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from audio_edition import engines, listen, recall
from audio_edition.cache import SegmentCache, SegmentRecord, SharedSegmentCache, open_cache, segment_key
from audio_edition.errors import ArticleError, AudioEditionError, CacheError, EditionError, OutputError
from audio_edition.files import write_atomic
from audio_edition.model import SEGMENT_KINDS, Edition, Plan, SpokenPart
from audio_edition.package.cover import load_cover
from audio_edition.package.manifest import read_edition, up_to_date
from audio_edition.readers import MAX_ARTICLE_BYTES, load_bytes, read_article
from audio_edition.settings import BuildSettings, Casting, casting_for, read_casting, read_lexicon
from audio_edition.listen import Heard
from audio_edition.speak import Progress, Speaker, SpeechJob, jobs_for

if TYPE_CHECKING:
    from audio_edition.script import KnownLines


@dataclass(frozen=True)
class BuildResult:
    """The outcome of building one article in a batch."""

    article: Path
    edition: Edition | None = None
    error: str | None = None
    spoken: int = 0
    """Parts spoken afresh; the rest came from the cache."""
    respoken: int = 0
    """Verifying: how many parts were spoken again because they were not heard as written."""
    unheard: tuple[tuple[str, Heard], ...] = ()
    """Verifying: the parts still not heard as written after every attempt, by label."""


def plan_article(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Plan:
    """Read the article at `path` (at most `max_bytes` of it) and find its segments."""
    # Imported here, as the other stages are: compiling the structure's patterns is
    # a tenth of the time a build takes to start speaking.
    from audio_edition.structure import make_plan

    return make_plan(read_article(path, max_bytes))


def plan_from_json(path: Path) -> Plan:
    """A plan a person has checked and edited (the form `plan --json` prints).

    Reasons and tips are numbered anew by their order, so removing or moving one keeps
    the announcements right."""
    from audio_edition.model import Segment
    from audio_edition.structure import renumber

    try:
        data = json.loads(load_bytes(path).decode("utf-8"))
        raw = [(s["kind"], s["title"], s.get("text", ""), str(s.get("writer") or "")) for s in data["segments"]]
        title, authors = str(data["title"]), str(data.get("authors", ""))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ArticleError(f"{path}: is not a plan (see 'plan --json'): {exc}") from exc
    bad = sorted({raw_segment[0] for raw_segment in raw if raw_segment[0] not in SEGMENT_KINDS})
    if bad or not raw or not title.strip():
        raise ArticleError(f"{path}: a plan needs a title and segments of kinds {', '.join(SEGMENT_KINDS)}")
    segments = renumber([Segment(kind, str(heading), str(text), writer=writer) for kind, heading, text, writer in raw])
    return Plan(title, authors, segments, tuple(data.get("dropped", ())), str(data.get("writer", "")),
                date=str(data.get("date") or ""), slug=str(data.get("slug") or ""))


@dataclass(frozen=True)
class ArticleScript:
    """What will be said for one article: what `build` hands the engines and `script` shows."""

    plan: Plan
    parts: tuple[SpokenPart, ...]
    lexicon: tuple[tuple[str, str], ...]
    """The show's lexicon, then the article's own (ARTICLE.toml, ARTICLE.pls), which wins."""
    cast: tuple[tuple[str, Casting], ...]
    """The article's own casting (ARTICLE.toml)."""


def script_article(path: Path, settings: BuildSettings) -> ArticleScript:
    """Read and plan the article at `path` (or an edited plan, .json), and write its script."""
    return written(*article_inputs(path, settings))


def article_inputs(path: Path, settings: BuildSettings) -> tuple[Plan, tuple[tuple[str, str], ...],
                                                                  tuple[tuple[str, Casting], ...]]:
    """The article's plan, and the lexicon and casting it is spoken with: everything
    its script follows from, found without writing the script."""
    plan = plan_from_json(path) if path.suffix == ".json" else plan_article(path, settings.max_article_bytes)
    beside = [] if path == Path("-") else [path.with_suffix(".toml"), path.with_suffix(".pls")]
    own = [p for p in beside if p.is_file()]
    for absent in set(beside) - set(own):
        recall.note_read(absent, None)  # one added later changes the edition
    lexicon = settings.lexicon + tuple(entry for p in own for entry in read_lexicon(p))
    cast = read_casting(own[0]) if own and own[0].suffix == ".toml" else ()
    return plan, lexicon, cast


def written(plan: Plan, lexicon: tuple[tuple[str, str], ...], cast: tuple[tuple[str, Casting], ...],
            known: "KnownLines | None" = None) -> ArticleScript:
    """The script of an article read by `article_inputs`; paragraphs `known` are taken
    as an earlier script of the article wrote them."""
    from audio_edition.script import write_script  # normalizing is most of scripting's import time

    return ArticleScript(plan, write_script(plan, dict(lexicon), known=known), lexicon, cast)


SCRIPTS_FOLDER = "scripts"
"""Inside the segment cache's folder: the lines of each article's last script, a file
an article, named by a digest of the article's path."""


def _known_lines(cache: SegmentCache | SharedSegmentCache, lexicon: tuple[tuple[str, str], ...],
                 source: str) -> tuple["KnownLines", Path | None]:
    """The lines the last script of the article at `source` wrote, when it was written
    with this lexicon by this program, and the file that keeps them (None for an object
    store's cache). One file an article: a new lexicon or program replaces it."""
    from audio_edition.script import KnownLines

    if not isinstance(cache, SegmentCache):
        return KnownLines(dict(lexicon)), None
    path = cache.root / SCRIPTS_FOLDER / f"{hashlib.sha256(source.encode('utf-8')).hexdigest()}.json"
    written_by = _script_digest(lexicon)
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: written afresh
        kept = None
    lines = kept.get("lines") if isinstance(kept, dict) and kept.get("written_by") == written_by else None
    if not (isinstance(lines, dict) and all(_is_lines(each) for each in lines.values())):
        lines = {}
    return KnownLines(dict(lexicon), lines), path


def _script_digest(lexicon: tuple[tuple[str, str], ...]) -> str:
    """What a script's lines follow from besides the article: the lexicon and this program."""
    return hashlib.sha256(json.dumps([recall.code_digest(), lexicon]).encode("utf-8")).hexdigest()


def _is_lines(lines: object) -> bool:
    return isinstance(lines, list) and all(
        isinstance(line, list) and len(line) == 4 and all(isinstance(text, str) for text in line[:3])
        and isinstance(line[3], bool) for line in lines)


def _keep_lines(known: "KnownLines", path: Path | None, lexicon: tuple[tuple[str, str], ...]) -> None:
    """Keep this script's lines for the next build of the article, when they changed.
    A file that cannot be written costs the next build only time."""
    if path is None or known.lines == known.known or not path.parent.parent.is_dir():
        return
    kept = {"written_by": _script_digest(lexicon), "lines": known.lines}
    with contextlib.suppress(OSError, AudioEditionError):
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, json.dumps(kept, ensure_ascii=False).encode("utf-8"), durable=False)


def timed_script(script: ArticleScript, settings: BuildSettings,
                 record_of: Callable[[str], SegmentRecord | None]) -> ArticleScript:
    """The script whose intro says the edition's length as its other parts were spoken,
    when they are all in the cache (`record_of` reads a part's record by its key; build
    speaks the intro last for this); otherwise the script as first written, its length
    estimated from the words."""
    intro = _intro_index(script.parts)
    if intro is None or engines.unavailable(settings.engine):
        return script
    minutes = _spoken_minutes(script, settings, record_of)
    return script if minutes is None else _with_minutes(script, minutes)


def _spoken_minutes(script: ArticleScript, settings: BuildSettings, record_of: Callable[[str], SegmentRecord | None],
                    unspoken: Sequence[SpeechJob] = ()) -> int | None:
    """The edition's length as spoken, in minutes, from the records of its parts but the
    intro; the intro, and the parts `unspoken` (being spoken or about to be) if any,
    taken at the pace of the others. None while a part is neither recorded nor unspoken."""
    intro = _intro_index(script.parts)
    unspoken_keys = {job.key for job in unspoken}
    seconds, words, paced_words = 0.0, 0, 0
    for index, (part, job) in enumerate(zip(script.parts, jobs_for(script.parts, settings, script.cast))):
        if index == intro or job.key in unspoken_keys:
            paced_words += len(part.speech.split())
            continue
        record = record_of(job.key)
        if record is None:
            return None
        seconds, words = seconds + record.samples / record.sample_rate, words + len(part.speech.split())
    if unspoken and not words:
        return None  # no pace to go by yet
    seconds += seconds / max(words, 1) * paced_words
    return max(1, round(seconds / 60))


def _with_minutes(script: ArticleScript, minutes: int) -> ArticleScript:
    from audio_edition.script import with_length

    return replace(script, parts=with_length(script.parts, script.plan, dict(script.lexicon), minutes))


def _intro_ahead(script: ArticleScript, settings: BuildSettings, record_of: Callable[[str], SegmentRecord | None],
                 unspoken: Sequence[SpeechJob]) -> list[SpeechJob]:
    """The intro, saying the edition's length with the parts not yet spoken (`unspoken`)
    taken at the pace of the rest, to be spoken with the last of them rather than after
    them all. The build keeps it when the length it says proves right, and speaks the
    intro again when not."""
    intro = _intro_index(script.parts)
    minutes = _spoken_minutes(script, settings, record_of, unspoken) if intro is not None else None
    if minutes is None:
        return []
    timed = _with_minutes(script, minutes)
    job = jobs_for(timed.parts, settings, timed.cast)[intro]
    return [] if record_of(job.key) is not None else [job]


def _intro_index(parts: Sequence[SpokenPart]) -> int | None:
    return next((i for i, part in enumerate(parts) if part.segment.kind == "intro"), None)


def edition_slug(plan: Plan, chosen: str = "") -> str:
    """The edition's folder and file name, and its episode's identity in the feed: the
    one chosen (--slug, or "slug" in a plan), else made from the title."""
    from slugify import slugify

    if chosen:
        if chosen != slugify(chosen, max_length=80):
            raise ArticleError(f"the slug {chosen!r} is not usable: lower-case letters, digits and hyphens, "
                               "at most 80 characters")
        return chosen
    slug = slugify(plan.title, max_length=80, word_boundary=True, replacements=[["’", ""], ["'", ""]])
    if not slug:
        raise ArticleError(f"the title {plan.title!r} gives no usable file name")
    return slug


def build_editions(
    paths: Sequence[Path], settings: BuildSettings, progress: Progress | None = None, keep_going: bool = True,
    slug: str = "", workers_ahead: int = 0,
) -> list[BuildResult]:
    """Build one edition per article, sharing the workers of each engine.

    With `keep_going`, an article that fails is reported in its result and the
    others still build; otherwise the first failure is raised. `slug` names the
    edition of a single article. `workers_ahead` workers of the default engine start
    before anything is read, when the caller knows speaking is likely (see the CLI's
    `build`): their start-up, a quarter of a second, then overlaps with reading and
    scripting.
    """
    if slug and len(paths) != 1:
        raise ArticleError("a slug names one edition: give one article with --slug")
    engines.require(settings.engine)
    if settings.verify:
        listen.require(settings.verify.model)
    results = []
    with Speaker(settings) as speaker:
        if workers_ahead:
            speaker.prepare([settings.engine], workers_ahead)
        # Articles are read and their parts handed out up to `speaker.ahead` articles
        # before the one being finished, so remote workers have the batch's parts to
        # share out, while a batch of thousands holds only that many scripts at once.
        claimed: dict[Path, str] = {}  # the folders the batch's articles will write
        started: deque[tuple[Path, _Begun | BuildResult]] = deque()

        def finish_first() -> None:
            path, begun = started.popleft()
            results.append(begun if isinstance(begun, BuildResult)
                           else _attempted(path, keep_going, _finish, begun, settings, speaker, progress))

        for path in paths:
            started.append((path, _attempted(path, keep_going, _begin, path, settings, speaker, claimed, slug)))
            if len(started) >= speaker.ahead:
                finish_first()
        while started:
            finish_first()
    return results


def _attempted(path: Path, keep_going: bool, step: Callable, *args):
    """`step(*args)`; in a batch, a failure, even one nobody foresaw, costs its article only."""
    try:
        return step(*args)
    except Exception as exc:
        if not keep_going:
            raise
        return BuildResult(path, error=_reason(exc))


def _reason(exc: Exception) -> str:
    if isinstance(exc, AudioEditionError):
        return str(exc)
    return f"failed unexpectedly ({type(exc).__name__}: {exc})"


@dataclass(frozen=True)
class _Begun:
    """An article read, planned and scripted, its parts not in the cache handed out."""

    path: Path
    script: ArticleScript
    slug: str
    source: str
    directory: Path
    cover: tuple | None
    key: str
    cache: SegmentCache | SharedSegmentCache
    missing: tuple[SpeechJob, ...]


def _begin(path: Path, settings: BuildSettings, speaker: Speaker, claimed: dict[Path, str],
           chosen_slug: str = "") -> _Begun | BuildResult:
    plan, lexicon, cast = article_inputs(path, settings)
    slug = edition_slug(plan, chosen_slug or plan.slug)
    source = "standard input" if path == Path("-") else str(path.resolve())
    directory = edition_folder(settings.out_dir, slug, source, claimed)
    claimed[directory] = source
    cover = load_cover(settings.cover) if settings.cover else None
    key = _build_key(plan, lexicon, cast, settings, cover)
    if up_to_date(directory, key):
        return BuildResult(path, _existing(plan, directory, settings))
    # A rebuild usually speaks a part or two, a first build every part.
    kinds = {segment.kind for segment in plan.segments}
    speaker.prepare(_engines_cast(kinds, cast, settings), 1 if directory.exists() else settings.workers)
    cache = open_cache(settings.cache_dir)
    cache.check()
    known, kept_in = _known_lines(cache, lexicon, source)
    started = _start_on_the_longest(plan, cast, known, settings, speaker, cache)
    script = written(plan, lexicon, cast, known)
    parts = script.parts
    jobs = jobs_for(parts, settings, script.cast)
    intro = _intro_index(parts)
    # A part handed out already may be in the cache by now: it was spoken all the same.
    missing = tuple(job for index, job in enumerate(jobs)
                    if index != intro and (job.key in started or cache.get(job.key) is None))
    if missing:
        cache.ready()
    _keep_lines(known, kept_in, lexicon)
    speaker.send_ahead(missing)
    return _Begun(path, script, slug, source, directory, cover, key, cache, missing)


def _start_on_the_longest(plan: Plan, cast: tuple[tuple[str, Casting], ...], known: "KnownLines",
                          settings: BuildSettings, speaker: Speaker,
                          cache: SegmentCache | SharedSegmentCache) -> set[str]:
    """Write the longest parts first, and hand those not in the cache to the idle
    workers at once: in a first build the workers are ready a tenth of a second before
    the whole script is written. `known` keeps their lines for the script. Returns the
    keys handed out."""
    idle = speaker.idle(settings.engine)
    if not idle:
        return set()
    from audio_edition.script import write_parts

    spoken = [index for index, segment in enumerate(plan.segments) if segment.kind != "intro"]
    longest = sorted(spoken, key=lambda index: len(plan.segments[index].text), reverse=True)[:idle]
    parts = write_parts(plan, longest, known)
    jobs = jobs_for(parts, settings, cast, numbers=[index + 1 for index in longest])
    missing = [job for job in jobs if cache.get(job.key) is None]
    if not missing:
        return set()
    cache.ready()
    return {job.key for job in speaker.start_on(missing)}


def _finish(begun: _Begun, settings: BuildSettings, speaker: Speaker, progress: Progress | None) -> BuildResult:
    plan, cache, missing = begun.script.plan, begun.cache, list(begun.missing)
    artwork, ahead = [], []
    record_of = _read_once(cache)

    def meanwhile() -> None:
        # Imported once the parts are handed out, while they are spoken: packaging is most
        # of the import time, and an unchanged edition needs none of it.
        from audio_edition.package.edition import prepare_artwork

        artwork.append(prepare_artwork(plan, settings, begun.cover))

    def intro_ahead(unspoken: Sequence[SpeechJob]) -> list[SpeechJob]:
        jobs = _intro_ahead(begun.script, settings, record_of, unspoken)
        ahead.extend(jobs)
        return jobs

    speaker.run(missing, progress, meanwhile=meanwhile, at_the_end=intro_ahead)
    from audio_edition.package.edition import AudioParts, write_edition

    # The intro is spoken last, so it can say how long the edition is as spoken (or
    # ahead, while the last parts are spoken, if it says so rightly). The key stays the
    # one of the article and settings: the length follows from them.
    script = timed_script(begun.script, settings, record_of)
    parts, jobs = script.parts, jobs_for(script.parts, settings, script.cast)
    intro = _intro_index(parts)
    missing += [job for job in ahead if intro is not None and job.key == jobs[intro].key]
    last = [jobs[intro]] if intro is not None and record_of(jobs[intro].key) is None else []
    if last:
        cache.ready()
        speaker.run(last, progress, meanwhile=None)
        missing += last
    audio = AudioParts(parts, _stored(record_of, jobs, cache.root, bool(settings.broker)), [cache.audio_path(j.key) for j in jobs])
    edition = write_edition(plan, begun.slug, audio, begun.directory, settings, artwork[0], begun.key, begun.source)
    verified = speaker.verified(missing)
    threshold = settings.verify.threshold if settings.verify else 0.0
    return BuildResult(begun.path, edition, spoken=len(missing), respoken=sum(1 for _, v in verified if v.respoken),
                       unheard=tuple((job.label, v.heard) for job, v in verified if v.heard.wer > threshold))


def _read_once(cache: SegmentCache | SharedSegmentCache) -> Callable[[str], SegmentRecord | None]:
    """A part's record read from the cache once, after speaking, and then remembered:
    reading one verifies its audio's digest, and timing the intro and assembling the
    edition both need every record. An entry not there yet is looked for again."""
    records: dict[str, SegmentRecord] = {}

    def record_of(key: str) -> SegmentRecord | None:
        if key not in records:
            record = cache.get(key)
            if record is None:
                return None
            records[key] = record
        return records[key]

    return record_of


def _stored(record_of: Callable[[str], SegmentRecord | None], jobs: Sequence[SpeechJob],
            root: Path | str, remote: bool = False) -> list[SegmentRecord]:
    """Each part's record as the cache holds it beside its audio, read after speaking:
    when builds share the cache, another may have stored a key first, and its record is
    the one that matches."""
    records = [record_of(job.key) for job in jobs]
    lost = [job.label for job, record in zip(jobs, records) if record is None]
    if lost and remote:
        raise CacheError(f"{root}: {lost[0]} is not in the segment cache though a worker spoke it: do the "
                         "workers keep their parts in this cache (their --cache-dir)?")
    if lost:
        raise CacheError(f"{root}: {lost[0]} left the segment cache during the build "
                         "(was it cleared?); build again")
    return records


EDITION_FORMAT_VERSION = 3
"""Bump when the files of an edition change shape, so old editions are rebuilt."""


def _engines_cast(kinds: Iterable[str], cast: Sequence, settings: BuildSettings) -> list[str]:
    """The engines that speak segments of these kinds."""
    return sorted({casting_for(settings, kind, cast).engine or settings.engine for kind in kinds})


def _build_key(plan: Plan, lexicon: Sequence, cast: Sequence, settings: BuildSettings, cover: tuple | None) -> str:
    """Everything that shapes the edition's files, known before a word is scripted: the
    plan, the lexicon and casting, the settings that shape the audio and the files, the
    engines' versions, and this program's own code. When it matches, nothing is rewritten
    (and nothing need be scripted: a rebuild of an unchanged edition is quick)."""
    engines_cast = _engines_cast(SEGMENT_KINDS, cast, settings)
    return segment_key(
        edition=EDITION_FORMAT_VERSION, code=recall.code_digest(), plan=asdict(plan), lexicon=list(lexicon),
        cast=[(kind, asdict(c)) for kind, c in (*settings.cast, *cast, *settings.cast_overrides)],
        engine=settings.engine, voice=settings.voice, rate=settings.rate, chime=settings.chime,
        mastering=asdict(settings.mastering), show=settings.show, date=settings.date, language=settings.language,
        formats=list(settings.formats), cover=hashlib.sha256(cover[0]).hexdigest() if cover else None,
        engines={name: engines.version(name) if not engines.unavailable(name) else "" for name in engines_cast},
    )


def edition_folder(out_dir: Path, slug: str, source: str, claimed: dict[Path, str] | None = None) -> Path:
    """The folder the edition of `source` goes to, refused if it would overwrite
    another article's edition, or one an earlier article of the batch will write
    (`claimed`: folder -> source), or write through a symbolic link."""
    directory = out_dir / slug
    if directory.is_symlink():
        raise OutputError(f"{directory}: is a symbolic link; editions are written only into real folders")
    claimed = claimed or {}
    if directory in claimed:
        holder, place = claimed[directory], "is where this batch builds"
    else:
        try:
            holder, place = read_edition(directory).source, "holds"
        except EditionError:
            holder, place = "", ""  # no edition there, or a damaged one: building replaces it
    if holder and holder != source:
        raise EditionError(
            f"{directory}: {place} the edition of {holder}, and {source} would replace it: both "
            f"make the slug {slug!r}; give one its own with --slug (or \"slug\" in its plan)")
    return directory


def _existing(plan: Plan, directory: Path, settings: BuildSettings) -> Edition:
    stored = read_edition(directory)
    return Edition(
        plan=plan, slug=stored.slug, directory=directory, audio_path=stored.audio_path, chapters=stored.chapters,
        duration_ms=stored.duration_ms, engine=settings.engine,
        files=tuple(directory / name for name in stored.files), up_to_date=True,
    )
