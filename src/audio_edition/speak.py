"""Speak and master each part in worker processes (`worker`), through the segment cache.

Engines such as pyttsx3 are not thread-safe and can hang, so each worker is its own
process holding one loaded engine. A worker speaks a part, masters and encodes it
(`mastering`), and stores the result in the cache. A worker that fails, dies or
overruns its time is replaced and its part retried once; a second failure stops the
build with an error naming the part.

With verification (`build --verify`), a worker also listens to each part it speaks
and speaks again, up to `RESPEAK_LIMIT` times, a part whose word error rate is above
the threshold; the pool keeps what was heard (`WorkerPool.verified`).
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Sequence

from audio_edition.cache import SegmentRecord
from audio_edition.engines import Voice
from audio_edition.errors import EngineError
from audio_edition.listen import Heard, ListenSettings
from audio_edition.settings import MasteringSettings

Progress = Callable[[int, int], None]
"""Called with (parts done, parts in all) as synthesis proceeds."""

EDITION_SAMPLE_RATE = 22050
"""Every segment is brought to this rate so segments join into one stream."""


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
    cache_root: Path
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
        for worker in self._workers:
            worker.stop(force=exc_info[0] is not None)
        self._workers = []

    def run(
        self, jobs: Sequence[SpeechJob], progress: Progress | None = None, meanwhile: Callable[[], object] = None
    ) -> dict[str, SegmentRecord]:
        """Speak every job; return each job's cache record by key.

        `meanwhile` runs in this process once the workers have their first jobs, so
        work that does not need the audio overlaps with speaking."""
        self._start(min(self._size, len(jobs)))
        # Longest first: the last parts to finish are short, so no worker idles long at the end.
        pending = deque(sorted(jobs, key=lambda job: -sum(len(s) for s in job.sentences)))
        records = {}
        self._hand_out(pending)
        if meanwhile:
            meanwhile()
        while pending or any(w.job for w in self._workers):
            self._hand_out(pending)
            for worker, outcome in self._collect():
                if isinstance(outcome, Verified):
                    self.verified[worker.job.key] = outcome
                    outcome = outcome.record
                if isinstance(outcome, SegmentRecord):
                    records[worker.job.key] = outcome
                    worker.job = None
                    if progress:
                        progress(len(records), len(jobs))
                else:
                    self._retry_or_raise(worker, outcome, pending)
        return records

    def _start(self, count: int) -> None:
        while len(self._workers) < count:
            self._workers.append(_Worker(self._config))

    def _hand_out(self, pending: deque[SpeechJob]) -> None:
        for worker in self._workers:
            if worker.job is None and pending:
                worker.give(pending.popleft())

    def _collect(self) -> list[tuple["_Worker", SegmentRecord | str]]:
        busy = [w for w in self._workers if w.job]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.connection for w in busy], timeout)
        finished = []
        for worker in busy:
            if worker.connection in ready:
                finished.append((worker, worker.receive()))
            elif time.monotonic() >= worker.deadline:
                finished.append((worker, "timed out"))
        return finished

    def _retry_or_raise(self, worker: "_Worker", reason: str, pending: deque[SpeechJob]) -> None:
        job = worker.job
        attempts = self._attempts[job.key] = self._attempts.get(job.key, 0) + 1
        self._workers[self._workers.index(worker)] = _Worker(self._config)
        worker.stop(force=True)
        if attempts >= 2:
            raise EngineError(f"engine {self._config.engine!r} failed on {job.label}: {reason}")
        pending.appendleft(job)


def time_allowed(job: SpeechJob) -> float:
    """Generous: engines run far faster than real time; this only catches a hang."""
    return 30.0 + 0.2 * sum(len(s.split()) for s in job.sentences)


VERIFYING_TIME_FACTOR = 2 * (1 + RESPEAK_LIMIT)
"""Verifying, a part may be spoken and listened to three times, listening costing about
as much as speaking."""


class _Worker:
    """A fresh interpreter running `audio_edition.worker`, talking over a socket pair.

    Fresh rather than forked: it holds only what speaking needs, not a copy of this
    process, which keeps the memory of the whole process tree small."""

    def __init__(self, config: WorkerConfig) -> None:
        self.connection, child = multiprocessing.Pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "audio_edition.worker", str(child.fileno())],
            pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        child.close()
        self.connection.send(config)
        self._verify = config.verify is not None
        self.job: SpeechJob | None = None
        self.deadline = 0.0

    def give(self, job: SpeechJob) -> None:
        self.job = job
        self.deadline = time.monotonic() + time_allowed(job) * (VERIFYING_TIME_FACTOR if self._verify else 1)
        self.connection.send(job)

    def receive(self) -> SegmentRecord | Verified | str:
        try:
            status, payload = self.connection.recv()
        except (EOFError, OSError):
            return f"the engine process ended (exit code {self.process.poll()})"
        return payload

    def stop(self, force: bool = False) -> None:
        if not force and self.process.poll() is None:
            try:
                self.connection.send(None)
                self.process.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.connection.close()
