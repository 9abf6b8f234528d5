"""Speak and master each part in worker processes, through the segment cache.

Engines such as pyttsx3 are not thread-safe and can hang, so each worker is its own
process holding one loaded engine. A worker speaks a part, masters and encodes it
(`mastering`), and stores the result in the cache. A worker that fails, dies or
overruns its time is replaced and its part retried once; a second failure stops the
build with an error naming the part.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Sequence

from audio_edition.cache import SegmentCache, SegmentRecord
from audio_edition.engines import Voice
from audio_edition.errors import EngineError

Progress = Callable[[int, int], None]
"""Called with (parts done, parts in all) as synthesis proceeds."""

EDITION_SAMPLE_RATE = 22050
"""Every segment is brought to this rate so segments join into one stream."""
_CHUNK_WORDS = 200
"""At most this many words go to the engine in one call."""


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


@dataclass(frozen=True)
class WorkerConfig:
    engine: str
    cache_root: Path
    mastering: object
    """A `mastering.MasteringSettings` (imported only in workers)."""


class WorkerPool:
    """Worker processes, each with one loaded engine; reusable across editions."""

    def __init__(self, config: WorkerConfig, size: int) -> None:
        self._config = config
        # fork: workers start at once with the parent's modules; the parent never loads
        # an engine itself, so no engine state is copied.
        self._context = multiprocessing.get_context("fork")
        self._size = max(1, size)
        self._workers: list[_Worker] = []
        self._attempts: dict[str, int] = {}

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
        pending, records = deque(jobs), {}
        self._hand_out(pending)
        if meanwhile:
            meanwhile()
        while pending or any(w.job for w in self._workers):
            self._hand_out(pending)
            for worker, outcome in self._collect():
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
            self._workers.append(_Worker(self._context, self._config))

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
        self._workers[self._workers.index(worker)] = _Worker(self._context, self._config)
        worker.stop(force=True)
        if attempts >= 2:
            raise EngineError(f"engine {self._config.engine!r} failed on {job.label}: {reason}")
        pending.appendleft(job)


def time_allowed(job: SpeechJob) -> float:
    """Generous: engines run far faster than real time; this only catches a hang."""
    return 30.0 + 0.2 * sum(len(s.split()) for s in job.sentences)


class _Worker:
    def __init__(self, context, config: WorkerConfig) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.job: SpeechJob | None = None
        self.deadline = 0.0

    def give(self, job: SpeechJob) -> None:
        self.job = job
        self.deadline = time.monotonic() + time_allowed(job)
        self.connection.send(job)

    def receive(self) -> SegmentRecord | str:
        try:
            status, payload = self.connection.recv()
        except (EOFError, OSError):
            return f"the engine process ended (exit code {self.process.exitcode})"
        return payload

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


def _worker_main(connection: Connection, config: WorkerConfig) -> None:
    # pyttsx3 prints "Audio saved to ..." for every file; keep the CLI's output clean.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    from audio_edition import engines

    try:
        engine = engines.load(config.engine)
    except Exception as exc:
        connection.send(("failed", str(exc)))
        return
    cache = SegmentCache(config.cache_root)
    while (job := connection.recv()) is not None:
        try:
            connection.send(("done", _render(engine, job, cache, config)))
        except Exception as exc:
            connection.send(("failed", str(exc) or type(exc).__name__))


def _render(engine, job: SpeechJob, cache: SegmentCache, config: WorkerConfig) -> SegmentRecord:
    """Speak, master, encode and store one part (runs in a worker)."""
    import hashlib

    from audio_edition.mastering import ENCODER_DELAY, master

    speech, sentence_starts = _speak(engine, job)
    pause = int(job.pause_ms * EDITION_SAMPLE_RATE / 1000)
    mastered = master(speech, EDITION_SAMPLE_RATE, pause, config.mastering)
    starts = tuple(ENCODER_DELAY + s for s in sentence_starts)
    record = SegmentRecord(
        samples=mastered.samples, sample_rate=EDITION_SAMPLE_RATE, sentence_starts=starts,
        speech_samples=ENCODER_DELAY + len(speech), loudness=mastered.loudness,
        blocks=mastered.blocks, true_peak=mastered.true_peak, sha256=hashlib.sha256(mastered.mp3).hexdigest(),
    )
    cache.put(job.key, mastered.mp3, record)
    return record


def _speak(engine, job: SpeechJob) -> tuple["np.ndarray", list[int]]:
    """The part's speech as float samples at the edition's rate, and where each
    sentence starts.

    Long parts are spoken a few sentences at a time: pyttsx3 slows down
    quadratically with the length of one call, and each chunk's start is exact."""
    import numpy as np

    pieces, starts, length = [], [], 0
    for chunk in _chunks(job.sentences):
        audio = _speak_chunk(engine, " ".join(chunk), job.voice)
        starts.extend(length + offset for offset in _sentence_starts(chunk, len(audio)))
        pieces.append(audio)
        length += len(audio)
    return (pieces[0] if len(pieces) == 1 else np.concatenate(pieces)), starts


def _chunks(sentences: Sequence[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    words = 0
    for sentence in sentences:
        if chunks[-1] and words + len(sentence.split()) > _CHUNK_WORDS:
            chunks.append([])
            words = 0
        chunks[-1].append(sentence)
        words += len(sentence.split())
    return chunks


def _speak_chunk(engine, text: str, voice: Voice):
    import numpy as np
    from pydub import AudioSegment

    with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
        wav = Path(work) / "speech.wav"
        engine.synthesize(text, voice, wav)
        audio = AudioSegment.from_wav(wav)
    audio = audio.set_channels(1).set_sample_width(2).set_frame_rate(EDITION_SAMPLE_RATE)
    return np.frombuffer(audio.raw_data, dtype="<i2").astype(np.float32) / np.float32(32768)


def _sentence_starts(sentences: Sequence[str], samples: int) -> list[int]:
    """Where each sentence starts, estimated in proportion to its length in characters.

    The engines used per part report no timings; speech rate is close to constant
    within a part, so the estimate lands within a word or two."""
    total = sum(len(s) + 1 for s in sentences) or 1
    starts, position = [], 0
    for sentence in sentences:
        starts.append(round(position * samples / total))
        position += len(sentence) + 1
    return starts
