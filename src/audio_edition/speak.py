"""The speak stage: each part of an edition spoken, mastered, encoded and stored in the
segment cache, on an executor.

`jobs_for` casts each part (engine, voice, rate) and gives it its cache key;
`Speaker.run` hands out the parts not in the cache. Two executors: local worker
processes (`WorkerPool`, one pool per engine cast; the default), or Celery workers
reached through a broker (`distributed.CeleryExecutor`, with `build --broker`).
Speaking one part is `render`'s, the same under both.

Engines such as pyttsx3 are not thread-safe and can hang, so each local worker is its
own process holding one loaded engine. A part whose engine failed, overran its time or
whose worker died is tried once more, and a second failure stops the build with an
error naming the part; a fault in the program itself (mastering, encoding, the cache)
is reported at once, as what it is.

With verification (`build --verify`), a worker also listens to each part it speaks
and speaks again, up to `RESPEAK_LIMIT` times, a part whose word error rate is above
the threshold; the executor keeps what was heard (`verified`).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import time
from collections import deque
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Sequence

from audio_edition import engines
from audio_edition.cache import SegmentRecord, segment_key
from audio_edition.engines import Voice
from audio_edition.errors import AudioEditionError, EngineError, SpeechError
from audio_edition.listen import Heard, ListenSettings
from audio_edition.settings import BuildSettings, MasteringSettings, casting_for

Progress = Callable[[int, int], None]
"""Called with (parts done, parts in all) as synthesis proceeds."""

EDITION_SAMPLE_RATE = 22050
"""Every segment is brought to this rate so segments join into one stream."""

WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1"}
"""For every process that speaks. numpy's OpenBLAS starts a thread per core as it is
imported, and they spin a while: a tenth of a second of CPU in each worker, which
uses no linear algebra and is one core's work by design. A setting of the user's own wins."""


def use_worker_environment() -> None:
    """Apply `WORKER_ENVIRONMENT` to this process, before numpy is imported."""
    for name, value in WORKER_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


@dataclass(frozen=True)
class SpeechJob:
    key: str
    """The segment's cache key."""
    sentences: tuple[str, ...]
    """The spoken text, one sentence each."""
    voice: Voice
    pause_ms: int
    label: str
    """How the part is named in an error message."""
    paragraph_starts: tuple[int, ...] = ()
    """Indexes of the sentences that open a paragraph: a pause comes before each."""
    chime: bool = False
    """End the speech with a short chime (after a section heading)."""
    engine: str = ""
    """The engine cast for this part; its pool's workers run it."""


@dataclass(frozen=True)
class WorkerConfig:
    engine: str
    cache_root: Path | str
    """The segment cache: a folder, or an object store's URL."""
    mastering: MasteringSettings
    verify: ListenSettings | None = None
    """Listen to each part spoken, and speak again one that is not heard as written."""


RESPEAK_LIMIT = 2
"""Times a part not heard as written is spoken again: piper draws fresh noise each time,
so a slurred word usually comes out right on the next draw."""


@dataclass(frozen=True)
class Verified:
    """A part spoken with verification: its record, and how it was heard."""

    record: SegmentRecord
    heard: Heard
    """How the part that was kept was heard (the best of its attempts)."""
    respoken: int
    """Times it was spoken again."""


RETRIED = ("engine", "timeout", "ended")
"""The failures worth another try: the engine's own, and a worker that hung or died."""


@dataclass(frozen=True)
class PartFailure:
    """Why a worker did not bring a part back."""

    kind: str
    """"engine" (the engine failed), "timeout" (no answer in the time allowed), "ended"
    (the worker process died), "error" (its surroundings: the cache cannot be written,
    say) or "fault" (a bug in this program)."""
    message: str
    traceback: str = ""
    """The worker's traceback, for a fault."""

    def worth_another_try(self, attempts: int) -> bool:
        """Whether the part is handed out again after `attempts` failures, this the last:
        once, and only for the engine's failures, a time-out or a dead worker."""
        return self.kind in RETRIED and attempts < 2

    def error(self, job: SpeechJob, engine: str) -> Exception:
        """The error that stops the build."""
        if self.kind in RETRIED:
            return EngineError(f"engine {engine!r} failed on {job.label}: {self.message}")
        if self.kind == "error":
            return AudioEditionError(f"{job.label}: {self.message}")
        return SpeechError(f"{job.label} could not be made, by a fault in audio-edition rather than in "
                           f"engine {engine!r}: {self.message}{_where(self.traceback)}", self.traceback)


def _where(traceback: str) -> str:
    """" (in mastering.py, line 80, in master)": the innermost frame of a traceback."""
    frames = [line.strip() for line in traceback.splitlines() if line.strip().startswith('File "')]
    if not frames:
        return ""
    path, _, rest = frames[-1].removeprefix('File "').partition('", ')
    return f" (in {Path(path).name}, {rest})"


def jobs_for(parts: Iterable, settings: BuildSettings, article_cast=(),
             numbers: Sequence[int] | None = None) -> list[SpeechJob]:
    """One job per spoken part, cast by its kind; an article's own settings file
    (ARTICLE.toml beside it) casts between the show's file and the command line.
    `numbers` are the parts' chapter numbers when they are not all the edition's."""
    jobs = []
    casts = {kind: casting_for(settings, kind, article_cast) for kind in {p.segment.kind for p in parts}}
    given = {settings.voice, *(c.voice for _, c in (*settings.cast, *article_cast, *settings.cast_overrides))}
    versions = {}
    for cast in casts.values():
        engines.require(cast.engine)
        if cast.voice in given:  # the defaults are known to exist; check only what a person chose
            engines.check_voice(cast.engine, cast.voice)
        versions[cast.engine] = versions.get(cast.engine) or engines.version(cast.engine)
    for index, part in zip(numbers or itertools.count(1), parts):
        cast = casts[part.segment.kind]
        voice = Voice(cast.voice, cast.rate, cast.pitch)
        sentences = tuple(line.spoken for line in part.lines)
        paragraphs = tuple(i for i, line in enumerate(part.lines) if line.opens_paragraph)
        chime = settings.chime and part.segment.kind == "section"
        key = segment_key(
            sentences=sentences, paragraphs=paragraphs, chime=chime, engine=cast.engine,
            engine_version=versions[cast.engine], voice=asdict(voice), pause_ms=part.pause_ms,
            mastering=asdict(settings.mastering), sample_rate=EDITION_SAMPLE_RATE,
        )
        label = f"chapter {index} ({part.chapter_title})"
        jobs.append(SpeechJob(key, sentences, voice, part.pause_ms, label, paragraphs, chime, cast.engine))
    return jobs


class Speaker:
    """The stage's executor for a whole build: local pools, one per engine cast and
    started when first needed, or Celery workers when the settings name a broker."""

    ahead = 1
    """How many articles of a batch to read and hand out before the first is finished:
    local pools take one article at a time."""

    def __init__(self, settings: BuildSettings) -> None:
        self._settings = settings
        self._pools: dict[str, WorkerPool] = {}
        self._remote = None
        if settings.broker:
            from audio_edition.distributed import ARTICLES_AHEAD, CeleryExecutor

            self._remote = CeleryExecutor(settings)
            self.ahead = ARTICLES_AHEAD

    def __enter__(self) -> "Speaker":
        return self

    def __exit__(self, *exc_info) -> None:
        for pool in self._pools.values():
            pool.__exit__(*exc_info)
        if self._remote:
            self._remote.close()

    def send_ahead(self, jobs: Sequence[SpeechJob]) -> None:
        """Hand out `jobs` now, to be gathered by a later `run`, when workers elsewhere
        can start on them: a batch's parts go out ahead of its assembly. Local pools
        start each article's parts when it is built."""
        if self._remote:
            self._remote.send(jobs)

    def idle(self, engine: str) -> int:
        """How many local workers of `engine` have started and have no part."""
        pool = self._pools.get(engine)
        return pool.idle() if pool else 0  # a build through a broker has no local pool

    def start_on(self, jobs: Sequence[SpeechJob]) -> list[SpeechJob]:
        """Hand `jobs` to idle local workers now, ahead of the `run` that gathers them
        with the rest: the first parts of a first build, while the rest is scripted.
        Returns the jobs handed out."""
        given = []
        for job in jobs:
            if self.idle(job.engine):
                self._pools[job.engine].give_now(job)
                given.append(job)
        return given

    def run(self, jobs: Sequence[SpeechJob], progress: Progress | None = None,
            meanwhile: Callable[[], object] | None = None,
            at_the_end: Callable[[Sequence[SpeechJob]], Sequence[SpeechJob]] | None = None,
            ) -> dict[str, SegmentRecord]:
        """Speak every job; return each job's cache record by key. `meanwhile` runs here
        once the first parts are handed out, so work that does not need the audio
        overlaps with speaking. `at_the_end`, as the local workers start on the last
        parts, is asked once for more jobs, given the jobs not yet spoken: work that
        could not be known sooner (the intro that says how long the parts came out)."""
        if self._remote:
            return self._remote.run(jobs, progress, meanwhile)
        records = {}
        by_engine = {job.engine: [j for j in jobs if j.engine == job.engine] for job in jobs}
        for engine, group in by_engine.items():
            # With several engines, the last parts of one are not the last of the edition.
            records.update(self._pool(engine).run(group, progress, meanwhile,
                                                  at_the_end if len(by_engine) == 1 else None))
            meanwhile = None
        if meanwhile:
            meanwhile()
        return records

    def prepare(self, engine_names: Iterable[str], workers: int) -> None:
        """Start up to `workers` local workers for each engine now, before the parts
        are known: a worker takes a quarter of a second to start, which then overlaps
        with scripting. Workers elsewhere are running already."""
        if self._remote:
            return
        for engine in engine_names:
            if not engines.unavailable(engine):
                self._pool(engine).start(workers)

    def _pool(self, engine: str) -> "WorkerPool":
        if engine not in self._pools:
            settings = self._settings
            config = WorkerConfig(engine, settings.cache_dir, settings.mastering, settings.verify)
            self._pools[engine] = WorkerPool(config, settings.workers)
        return self._pools[engine]

    def verified(self, jobs: Sequence[SpeechJob]) -> list[tuple[SpeechJob, Verified]]:
        """How each of `jobs` was heard, for those spoken with verification."""
        found = {key: v for pool in self._pools.values() for key, v in pool.verified.items()}
        if self._remote:
            found.update(self._remote.verified)
        return [(job, found[job.key]) for job in jobs if job.key in found]


class WorkerPool:
    """Worker processes, each with one loaded engine; reusable across editions."""

    def __init__(self, config: WorkerConfig, size: int) -> None:
        self._config = config
        self._size = max(1, size)
        self._workers: list[_Worker] = []
        self._attempts: dict[str, int] = {}
        self.verified: dict[str, Verified] = {}
        """How each part spoken with verification was heard, by key."""

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc_info) -> None:
        # Every worker is told before any is waited for: one that forked others waits
        # for them as it leaves.
        force = exc_info[0] is not None
        for worker in self._workers:
            worker.leave(force)
        for worker in self._workers:
            worker.stop(force)
        self._workers = []

    def run(
        self, jobs: Sequence[SpeechJob], progress: Progress | None = None, meanwhile: Callable[[], object] = None,
        at_the_end: Callable[[Sequence[SpeechJob]], Sequence[SpeechJob]] | None = None,
    ) -> dict[str, SegmentRecord]:
        """Speak every job; return each job's cache record by key.

        `meanwhile` runs in this process once the workers have their first jobs, so
        work that does not need the audio overlaps with speaking. `at_the_end` is asked
        once, when fewer jobs wait than there are workers and a part has come back (so
        there is a pace to go by), for jobs to speak with the last ones (see
        `Speaker.run`); they take their place among those waiting by length."""
        self.start(len(jobs))
        given = {worker.job.key for worker in self._workers if worker.job}  # by `give_now`
        # Longest first: the last parts to finish are short, so no worker idles long at the end.
        pending = deque(sorted((job for job in jobs if job.key not in given), key=_length, reverse=True))
        records, total = {}, len(jobs)
        self._hand_out(pending)
        if meanwhile:
            meanwhile()
        while pending or any(w.job for w in self._workers):
            self._hand_out(pending)
            speaking = [w.job for w in self._workers if w.job]
            if at_the_end and len(pending) < len(self._workers) and (records or not speaking):
                extra = [job for job in at_the_end([*speaking, *pending]) if job.engine == self._config.engine]
                at_the_end, total = None, total + len(extra)
                pending = deque(sorted([*pending, *extra], key=_length, reverse=True))
                self._hand_out(pending)
            for worker, outcome in self._collect():
                if isinstance(outcome, PartFailure):
                    self._retry_or_raise(worker, outcome, pending)
                    continue
                if isinstance(outcome, Verified):
                    self.verified[worker.job.key] = outcome
                    outcome = outcome.record
                records[worker.job.key] = outcome
                worker.job = None
                if progress:
                    progress(len(records), total)
        return records

    def start(self, count: int) -> None:
        """Have at least `count` workers (at most the pool's size) running."""
        wanted = min(count, self._size) - len(self._workers)
        if wanted > 0:
            self._workers += start_workers(self._config, wanted)

    def idle(self) -> int:
        return sum(1 for worker in self._workers if worker.job is None)

    def give_now(self, job: SpeechJob) -> None:
        """Give `job` to an idle worker; `run` then gathers it with the others."""
        next(worker for worker in self._workers if worker.job is None).give(job)

    def _hand_out(self, pending: deque[SpeechJob]) -> None:
        for worker in self._workers:
            if worker.job is None and pending:
                worker.give(pending.popleft())

    def _collect(self) -> list[tuple["_Worker", SegmentRecord | Verified | PartFailure]]:
        busy = [w for w in self._workers if w.job]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.connection for w in busy], timeout)
        finished = []
        for worker in busy:
            if worker.connection in ready:
                finished.append((worker, worker.receive()))
            elif time.monotonic() >= worker.deadline:
                finished.append((worker, PartFailure("timeout", "timed out")))
        return finished

    def _retry_or_raise(self, worker: "_Worker", failure: PartFailure, pending: deque[SpeechJob]) -> None:
        job = worker.job
        attempts = self._attempts[job.key] = self._attempts.get(job.key, 0) + 1
        self._workers[self._workers.index(worker)] = start_workers(self._config, 1)[0]
        worker.stop(force=True)
        if not failure.worth_another_try(attempts):
            raise failure.error(job, self._config.engine)
        pending.appendleft(job)


def _length(job: SpeechJob) -> int:
    return sum(len(sentence) for sentence in job.sentences)


def time_allowed(job: SpeechJob) -> float:
    """Generous: engines run far faster than real time; this only catches a hang."""
    return 30.0 + 0.2 * sum(len(s.split()) for s in job.sentences)


VERIFYING_TIME_FACTOR = 2 * (1 + RESPEAK_LIMIT)
"""Verifying, a part may be spoken and listened to three times, listening costing about
as much as speaking."""


def _can_fork() -> bool:
    if not (hasattr(os, "fork") and hasattr(os, "pidfd_open") and hasattr(signal, "pidfd_send_signal")):
        return False
    try:  # the kernel may predate pidfds (Linux 5.3) though Python knows them
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


FORKING = _can_fork()
"""Whether workers started together can share one interpreter's start-up: the first
forks the others, which this process, not their parent, watches through pidfds."""


def start_workers(config: WorkerConfig, count: int) -> list["_Worker"]:
    """`count` workers: one fresh interpreter, which forks a copy of itself for each of
    the others once its imports are done (a quarter of a second of CPU each, paid once),
    or one interpreter each where that cannot be done."""
    if count > 1 and not FORKING:
        return [worker for _ in range(count) for worker in start_workers(config, 1)]
    pairs = [multiprocessing.Pipe() for _ in range(count)]
    ends = [child.fileno() for _, child in pairs]
    command = [sys.executable, "-m", "audio_edition.worker"]
    ids_read, ids_written = os.pipe() if count > 1 else (-1, -1)
    if count > 1:
        command += ["--pids", str(ids_written)]
    process = subprocess.Popen(
        [*command, *map(str, ends)], pass_fds=[*ends, *([ids_written] if count > 1 else [])],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**WORKER_ENVIRONMENT, **os.environ},
    )
    for _, child in pairs:
        child.close()
    handles: list[_Spawned | _Copy] = [_Spawned(process)]
    if count > 1:
        os.close(ids_written)
        ids = _CopyIds(ids_read, count - 1)
        handles += [_Copy(ids, index) for index in range(count - 1)]
    return [_Worker(connection, handle, config) for (connection, _), handle in zip(pairs, handles)]


class _Worker:
    """A worker process running `audio_edition.worker`, talking over a socket pair.

    A fresh interpreter (or a copy of one, see `start_workers`), not a fork of this
    process: it holds only what speaking needs, not a copy of the build, which keeps the
    memory of the whole process tree small."""

    def __init__(self, connection: Connection, process: "_Spawned | _Copy", config: WorkerConfig) -> None:
        self.connection, self.process = connection, process
        self.connection.send(config)
        self._verify = config.verify is not None
        self.job: SpeechJob | None = None
        self.given = False
        """Whether it has been given a part."""
        self.deadline = 0.0
        self._told = False

    def give(self, job: SpeechJob) -> None:
        self.job, self.given = job, True
        self.deadline = time.monotonic() + time_allowed(job) * (VERIFYING_TIME_FACTOR if self._verify else 1)
        try:
            self.connection.send(job)
        except OSError:
            pass  # it has ended (its engine would not load, say): `receive` reads why, or that it ended

    def receive(self) -> SegmentRecord | Verified | PartFailure:
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            return PartFailure("ended", f"the engine process ended{self.process.how_it_ended()}")

    def leave(self, force: bool = False) -> None:
        """Tell the worker to finish and leave; `force`, or a worker never given a part
        (started ahead, then not needed), is killed at once: it has nothing to lose.
        `stop` then waits for it."""
        if force or not self.given:
            self.process.kill()
        elif self.process.running():
            try:
                self.connection.send(None)
                self._told = True
            except OSError:
                pass

    def stop(self, force: bool = False) -> None:
        """Let the worker finish and leave (see `leave`), killing it if it does not."""
        if force or not self._told:
            self.leave(force)
        # Its end of the connection closes as it exits: waiting for that is prompt,
        # where waiting for the process with a time-out polls at growing intervals.
        with contextlib.suppress(OSError):
            if self._told and self.connection.poll(2):
                self.process.wait(2)
        self.process.kill()
        self.process.close()
        self.connection.close()


class _Spawned:
    """A worker this process started: its child."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.popen = process

    @property
    def pid(self) -> int:
        return self.popen.pid

    def running(self) -> bool:
        return self.popen.poll() is None

    def how_it_ended(self) -> str:
        return f" (exit code {self.popen.poll()})"

    def wait(self, timeout: float) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout)

    def kill(self) -> None:
        """Kill it if it still runs, and reap it."""
        if self.popen.poll() is None:
            self.popen.kill()
        self.popen.wait()

    def close(self) -> None:
        """Nothing to let go: `subprocess` keeps no handle once the process is reaped."""


class _CopyIds:
    """The process ids of the `copies` a worker forked, in order, as it writes them to a
    pipe; the pipe is closed once every id is read, or every copy let go."""

    def __init__(self, fd: int, copies: int) -> None:
        self._fd, self._text, self.ids = fd, b"", []
        self._copies = self._unreleased = copies

    def get(self, index: int, timeout: float = 0.0) -> int | None:
        """The id of copy `index`, waiting up to `timeout` for it; None if not yet known
        (the worker is still starting, or ended before forking)."""
        while index >= len(self.ids) and self._fd >= 0 and select.select([self._fd], [], [], timeout)[0]:
            data = os.read(self._fd, 4096)
            self._text += data
            *lines, self._text = self._text.split(b"\n")
            self.ids += [int(line) for line in lines]
            if not data or len(self.ids) == self._copies:
                self._close()
        return self.ids[index] if index < len(self.ids) else None

    def release(self) -> None:
        """One copy let go; with the last, the pipe is closed."""
        self._unreleased -= 1
        if self._unreleased == 0:
            self._close()

    def _close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class _Copy:
    """A worker forked by another: not this process's child, so it is watched and
    killed through a pidfd, and its exit code is its parent's to read."""

    def __init__(self, ids: _CopyIds, index: int) -> None:
        self._ids, self._index = ids, index
        self._pidfd: int | None = None
        self._gone = False
        self._released = False

    @property
    def pid(self) -> int | None:
        return self._ids.get(self._index)

    def _handle(self, timeout: float = 0.0) -> int | None:
        if self._pidfd is None and not self._gone:
            pid = self._ids.get(self._index, timeout)
            if pid is not None:
                try:
                    self._pidfd = os.pidfd_open(pid)
                except ProcessLookupError:
                    self._gone = True
        return self._pidfd

    def running(self) -> bool:
        handle = self._handle()
        if handle is None:
            return not self._gone  # not forked yet: it will be, or will find the build gone
        return not select.select([handle], [], [], 0)[0]

    def how_it_ended(self) -> str:
        return ""

    def wait(self, timeout: float) -> None:
        handle = self._handle(timeout)
        if handle is not None:
            select.select([handle], [], [], timeout)

    def kill(self) -> None:
        """Kill it if it runs. One not yet forked finds its connection closed and leaves."""
        handle = self._handle()
        if handle is not None and self.running():
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(handle, signal.SIGKILL)

    def close(self) -> None:
        """Let go of its pidfd, and of its place in the ids' pipe."""
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
            self._gone = True
        if not self._released:
            self._released = True
            self._ids.release()
