"""Parts spoken on many machines: Celery workers take them from a broker (Redis).

`build --broker URL` sends each part the segment cache lacks as a task; a worker
(`audio-edition worker --broker URL`), on any machine, speaks, masters, encodes and
stores it in the segment cache every machine shares (`--cache-dir`, a folder or an
fsspec URL), and answers with its record. The edition is assembled where `build` runs.

Tasks are acknowledged late, after the part is stored: a task whose worker dies is
delivered again, to a worker still listening, once `REDELIVER_AFTER` seconds have
passed since it was handed out. An answer is a part's record or a typed failure, and
the building side retries as the local pools do: once, and only the engine's failures.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict
from typing import Callable, Sequence

from audio_edition.cache import SegmentRecord
from audio_edition.engines import Voice
from audio_edition.errors import BrokerError
from audio_edition.listen import Heard, ListenSettings
from audio_edition.settings import BuildSettings, MasteringSettings
from audio_edition.speak import RETRIED, PartFailure, Progress, SpeechJob, Verified

TASK = "audio_edition.speak_part"
QUEUE = "audio-edition"
REDELIVER_AFTER = 60
"""Seconds after which a part handed to a worker that has not acknowledged it goes to
another: longer than any one part takes, so a slow part is rarely spoken twice (and if
it is, both store the same entry)."""
SILENCE_LIMIT = 900
"""Seconds without a single part coming back, workers listening or not, before a build
gives up."""
POLL_SECONDS = 0.1
PING_SECONDS = 2.0
"""How long a build waits for at least one worker to answer before it starts."""


def make_app(broker: str, redeliver_after: int = REDELIVER_AFTER):
    """The Celery application both sides use: JSON messages, late acknowledgement, one
    part at a time per worker process, results kept in the broker's Redis."""
    from celery import Celery

    app = Celery("audio_edition", broker=broker, backend=broker, set_as_current=False)
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_default_queue=QUEUE, result_expires=24 * 3600, worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True, broker_connection_max_retries=None,
        broker_transport_options={
            "visibility_timeout": redeliver_after,
            # Look for parts whose worker died every 2 s, not kombu's default of 100 s.
            "unacked_restore_interval": 2, "unacked_restore_throttle": 1,
        },
        result_backend_transport_options={"retry_policy": {"timeout": 5.0}},
    )
    app.task(name=TASK)(speak_part)
    return app


def reach(app, broker: str) -> None:
    """Raise `BrokerError` naming the broker unless it answers now."""
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=5)
    except Exception as exc:  # kombu and redis-py raise their own kinds
        raise BrokerError(f"the broker at {broker} cannot be reached ({exc})") from exc


class CeleryExecutor:
    """The building side: sends parts as tasks and gathers their answers."""

    def __init__(self, settings: BuildSettings) -> None:
        self._settings = settings
        self._app = make_app(settings.broker)
        reach(self._app, settings.broker)
        if not self._app.control.ping(timeout=PING_SECONDS, limit=1):
            raise BrokerError(f"no worker is listening at the broker {settings.broker}: start one with "
                              f"'audio-edition worker --broker {settings.broker}'")
        self._sent: dict[str, object] = {}
        """Each part handed out and not yet gathered, by key."""
        self._gathered: dict[str, SegmentRecord] = {}
        """Each part come back: articles of a batch may share one (an identical bio)."""
        self._attempts: dict[str, int] = {}
        self.verified: dict[str, Verified] = {}

    def close(self) -> None:
        for result in self._sent.values():
            result.revoke()  # parts no longer wanted, after a failure: workers skip them
        self._app.close()

    def send(self, jobs: Sequence[SpeechJob]) -> None:
        """Hand `jobs` to the workers now; `run` gathers them."""
        for job in jobs:
            if job.key not in self._sent and job.key not in self._gathered:
                self._sent[job.key] = self._app.send_task(TASK, args=[self._payload(job)], queue=QUEUE)

    def run(self, jobs: Sequence[SpeechJob], progress: Progress | None = None,
            meanwhile: Callable[[], object] | None = None) -> dict[str, SegmentRecord]:
        self.send(jobs)
        if meanwhile:
            meanwhile()
        records = {job.key: self._gathered[job.key] for job in jobs if job.key in self._gathered}
        waiting = {job.key: job for job in jobs if job.key not in records}
        heard_from = time.monotonic()
        while waiting:
            answered = [(job, self._sent[key]) for key, job in waiting.items() if self._ready(self._sent[key])]
            for job, result in answered:
                outcome = parse_answer(result.get(disable_sync_subtasks=False))
                self._sent.pop(job.key).forget()
                if isinstance(outcome, PartFailure):
                    self._retry_or_raise(job, outcome)
                    continue
                if isinstance(outcome, Verified):
                    self.verified[job.key], outcome = outcome, outcome.record
                records[job.key] = self._gathered[job.key] = outcome
                del waiting[job.key]
                if progress:
                    progress(len(records), len(jobs))
            if answered:
                heard_from = time.monotonic()
            elif time.monotonic() - heard_from > SILENCE_LIMIT:
                raise BrokerError(f"no part has come back from the workers at {self._settings.broker} in "
                                  f"{SILENCE_LIMIT // 60} minutes: is a worker running ('audio-edition worker')?")
            else:
                time.sleep(POLL_SECONDS)
        return records

    def _ready(self, result) -> bool:
        try:
            return result.ready()
        except Exception as exc:  # the broker went away mid-build
            raise BrokerError(f"the broker at {self._settings.broker} stopped answering ({exc})") from exc

    def _retry_or_raise(self, job: SpeechJob, failure: PartFailure) -> None:
        attempts = self._attempts[job.key] = self._attempts.get(job.key, 0) + 1
        if attempts >= 2 or failure.kind not in RETRIED:
            raise failure.error(job, job.engine)
        self.send([job])

    def _payload(self, job: SpeechJob) -> dict:
        settings = self._settings
        return {"job": asdict(job), "mastering": asdict(settings.mastering), "cache": str(settings.cache_dir),
                "verify": asdict(settings.verify) if settings.verify else None}


def parse_answer(answer: dict) -> SegmentRecord | Verified | PartFailure:
    """A worker's answer, as `speak_part` returns it, back into its types."""
    if "failure" in answer:
        return PartFailure(**answer["failure"])
    record = _record(answer["record"])
    if "heard" in answer:
        heard = answer["heard"]
        return Verified(record, Heard(**{**heard, "missing": tuple(heard["missing"])}), answer["respoken"])
    return record


def _record(data: dict) -> SegmentRecord:
    return SegmentRecord(**{**data, "sentence_starts": tuple(data["sentence_starts"]), "blocks": tuple(data["blocks"])})


# The working side. A worker process keeps what it loads for the tasks that follow.
_cache_location: str = ""
_engines: dict[str, object] = {}
_listeners: dict[tuple, object] = {}


def speak_part(payload: dict) -> dict:
    """The task: speak, master, encode and store one part; answer with its record, or
    with the failure, typed, never by raising (Celery would retry nothing, and the
    builder decides what is worth another try)."""
    from audio_edition import engines
    from audio_edition.cache import open_cache
    from audio_edition.render import Listener, attempt, release_memory

    data = payload["job"]
    job = SpeechJob(**{**data, "sentences": tuple(data["sentences"]), "voice": Voice(**data["voice"]),
                       "paragraph_starts": tuple(data["paragraph_starts"])})
    try:
        if job.engine not in _engines:
            _engines[job.engine] = engines.load(job.engine)
    except Exception as exc:  # an engine that cannot load is the engine's failure
        return {"failure": asdict(PartFailure("engine", str(exc)))}
    listener = None
    if payload.get("verify"):
        verify = ListenSettings(**payload["verify"])
        listener = _listeners.setdefault(tuple(asdict(verify).values()), Listener(verify))
    cache = open_cache(_cache_location or payload["cache"])
    outcome = attempt(_engines[job.engine], job, cache, MasteringSettings(**payload["mastering"]), listener)
    release_memory()
    if isinstance(outcome, PartFailure):
        return {"failure": asdict(outcome)}
    if isinstance(outcome, Verified):
        return {"record": asdict(outcome.record), "heard": asdict(outcome.heard), "respoken": outcome.respoken}
    return {"record": asdict(outcome)}


def run_worker(broker: str, cache_location: str, concurrency: int, redeliver_after: int = REDELIVER_AFTER) -> None:
    """Serve parts until stopped: one process per `concurrency`, each loading an engine
    the first time a part asks for it. Parts are stored in the cache at `cache_location`,
    or, when it is empty, in the one each build names (right when the build runs on
    this machine, or its cache is an object store's URL)."""
    global _cache_location
    _cache_location = cache_location
    app = make_app(broker, redeliver_after)
    reach(app, broker)
    app.worker_main(["worker", f"--concurrency={concurrency}", "--pool=prefork", "--loglevel=WARNING",
                     f"--queues={QUEUE}", "--without-gossip", "--without-mingle", f"--hostname=audio-edition-{os.getpid()}@%h"])
