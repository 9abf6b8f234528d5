"""Speak each part through an engine, in worker processes.

Engines such as pyttsx3 are not thread-safe and can hang, so each worker is its own
process holding one loaded engine. A worker that dies or overruns its time is
replaced and its job retried once; a second failure stops the build with an error
naming the part.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import wave
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Sequence

from audio_edition.engines import Voice
from audio_edition.errors import EngineError
from audio_edition.model import SegmentAudio

Progress = Callable[[int, int], None]
"""Called with (parts done, parts in all) as synthesis proceeds."""


@dataclass(frozen=True)
class SpeechJob:
    index: int
    text: str
    voice: Voice
    path: Path
    label: str
    """How the part is named in an error message."""


def synthesize_all(
    jobs: Sequence[SpeechJob],
    engine: str,
    workers: int,
    progress: Progress | None = None,
) -> list[SegmentAudio]:
    """Synthesize every job into its WAV file; return the audio in job order."""
    with _WorkerPool(engine, min(workers, len(jobs)) or 1) as pool:
        pool.run(jobs, progress or (lambda done, total: None))
    return [_audio_of(job.path) for job in jobs]


def _audio_of(path: Path) -> SegmentAudio:
    with wave.open(str(path)) as wav:
        return SegmentAudio(path, wav.getnframes(), wav.getframerate())


def _time_allowed(job: SpeechJob) -> float:
    # Generous: engines run far faster than real time; this only catches a hang.
    return 60.0 + 0.5 * len(job.text.split())


def _worker_main(connection: Connection, engine_name: str) -> None:
    # pyttsx3 prints "Audio saved to ..." for every file; keep the CLI's output clean.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    from audio_edition import engines

    try:
        engine = engines.load(engine_name)
    except Exception as exc:
        connection.send(("failed", str(exc)))
        return
    while (job := connection.recv()) is not None:
        try:
            engine.synthesize(job.text, job.voice, job.path)
            connection.send(("done", None))
        except Exception as exc:
            connection.send(("failed", str(exc) or type(exc).__name__))


class _Worker:
    def __init__(self, context, engine: str) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, engine), daemon=True)
        self.process.start()
        child.close()
        self.job: SpeechJob | None = None
        self.deadline = 0.0

    def give(self, job: SpeechJob) -> None:
        self.job = job
        self.deadline = time.monotonic() + _time_allowed(job)
        self.connection.send(job)

    def stop(self, force: bool = False) -> None:
        if not force and self.process.is_alive():
            try:
                self.connection.send(None)
            except OSError:
                pass
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class _WorkerPool:
    def __init__(self, engine: str, size: int) -> None:
        self._engine = engine
        self._context = multiprocessing.get_context("spawn")
        self._workers = [_Worker(self._context, engine) for _ in range(size)]
        self._attempts: dict[int, int] = {}

    def __enter__(self) -> "_WorkerPool":
        return self

    def __exit__(self, *exc_info) -> None:
        for worker in self._workers:
            worker.stop(force=exc_info[0] is not None)

    def run(self, jobs: Sequence[SpeechJob], progress: Progress) -> None:
        pending = deque(jobs)
        done = 0
        while pending or any(w.job for w in self._workers):
            self._hand_out(pending)
            for worker, outcome in self._collect():
                if outcome is None:
                    done += 1
                    progress(done, len(jobs))
                else:
                    self._retry_or_raise(worker, outcome, pending)

    def _hand_out(self, pending: deque[SpeechJob]) -> None:
        for worker in self._workers:
            if worker.job is None and pending:
                worker.give(pending.popleft())

    def _collect(self) -> list[tuple[_Worker, str | None]]:
        busy = [w for w in self._workers if w.job]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.connection for w in busy], timeout)
        finished = []
        for worker in busy:
            if worker.connection in ready:
                finished.append((worker, self._receive(worker)))
            elif time.monotonic() >= worker.deadline:
                finished.append((worker, "timed out"))
        return finished

    def _receive(self, worker: _Worker) -> str | None:
        try:
            status, message = worker.connection.recv()
        except (EOFError, OSError):
            return f"the engine process ended (exit code {worker.process.exitcode})"
        if status == "done":
            worker.job = None
            return None
        return message

    def _retry_or_raise(self, worker: _Worker, reason: str, pending: deque[SpeechJob]) -> None:
        job = worker.job
        assert job is not None
        attempts = self._attempts[job.index] = self._attempts.get(job.index, 0) + 1
        self._replace(worker)
        if attempts >= 2:
            raise EngineError(f"engine {self._engine!r} failed on {job.label}: {reason}")
        pending.appendleft(job)

    def _replace(self, worker: _Worker) -> None:
        worker.stop(force=True)
        self._workers[self._workers.index(worker)] = _Worker(self._context, self._engine)
