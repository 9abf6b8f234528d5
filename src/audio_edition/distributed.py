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

import contextlib
import json
import os
import time
import uuid
from dataclasses import asdict, fields
from typing import Callable, Sequence

from audio_edition.cache import SegmentRecord, open_cache, record_fields
from audio_edition.engines import Voice
from audio_edition.errors import BrokerError
from audio_edition.listen import Heard, ListenSettings
from audio_edition.settings import BuildSettings, MasteringSettings
from audio_edition.speak import PartFailure, Progress, SpeechJob, Verified, use_worker_environment

TASK = "audio_edition.speak_part"
QUEUE = "audio-edition"
REDELIVER_AFTER = 60
"""Seconds after which a part handed to a worker that has not acknowledged it goes to
another: longer than any one part takes, so a slow part is rarely spoken twice (and if
it is, both store the same entry)."""
RESEND_AFTER = 2 * REDELIVER_AFTER
"""Seconds without any part coming back, while a build waits on parts, before it hands
them out again: past the broker's own redelivery, so this only catches a part the
broker lost (a worker killed between taking a part and recording it as taken)."""
SILENCE_LIMIT = 900
"""Seconds without a single part coming back, workers listening or not, before a build
gives up."""
ANSWER_WAIT = 1
"""Seconds a build waits on its answer list at a time."""
ANSWERS_KEPT = 24 * 3600
"""Seconds an answer list outlives its last answer, should its build have gone."""
URGENT, AHEAD = 0, 9
"""Message priorities (with Redis, 0 goes first): a part a build is waiting on now, such
as an intro, which needs the others spoken first, overtakes the parts of a batch sent
ahead, so each article is assembled as soon as it can be rather than all at the end."""
ARTICLES_AHEAD = 32
"""A batch's articles read and handed out ahead of the one being assembled: enough to
keep many workers busy, few enough that a batch of thousands holds few scripts."""
PING_SECONDS = 2.0
"""How long a build waits for at least one worker to answer before it starts."""


def make_app(broker: str, redeliver_after: int = REDELIVER_AFTER):
    """The Celery application both sides use: JSON messages, late acknowledgement, one
    part at a time per worker process, no result backend (answers come back on a list)."""
    from celery import Celery

    app = Celery("audio_edition", broker=broker, set_as_current=False)
    app.conf.update(
        task_serializer="json", accept_content=["json"], task_ignore_result=True,
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_default_queue=QUEUE, worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True, broker_connection_max_retries=None,
        broker_transport_options={
            "visibility_timeout": redeliver_after,
            # Look for parts whose worker died every 2 s, not kombu's default of 100 s.
            "unacked_restore_interval": 2, "unacked_restore_throttle": 1,
        },
        # A build gives up on a broker that went away within seconds, not never.
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0.5, "interval_step": 1, "interval_max": 2},
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
    """The building side: sends parts as tasks and gathers the answers the workers push
    onto this build's own list in Redis, in whatever order they come."""

    def __init__(self, settings: BuildSettings) -> None:
        import redis

        self._settings = settings
        self._app = make_app(settings.broker)
        reach(self._app, settings.broker)
        if not self._app.control.ping(timeout=PING_SECONDS, limit=1):
            raise BrokerError(f"no worker is listening at the broker {settings.broker}: start one with "
                              f"'audio-edition worker --broker {settings.broker}'")
        self._answers = redis.Redis.from_url(settings.broker, socket_connect_timeout=5,
                                             socket_timeout=ANSWER_WAIT + 10)
        self._reply_to = f"audio-edition:answers:{uuid.uuid4().hex}"
        root = open_cache(settings.cache_dir).root
        # A folder is named whole: a worker on this machine may run in another folder.
        self._cache = root if isinstance(root, str) else str(root.resolve())
        """The segment cache, as the workers are to reach it when they name none of their own."""
        self._sent: dict[str, str] = {}
        """The task id of each part handed out and not yet answered, by key."""
        self._answered: dict[str, SegmentRecord | Verified | PartFailure] = {}
        """Each part's answer, kept for the article waiting on it (a batch's articles may
        share a part, such as an identical bio)."""
        self._attempts: dict[str, int] = {}
        self._lost: BrokerError | None = None
        """Set once the broker stopped answering: every later call fails the same way at once."""
        self.verified: dict[str, Verified] = {}

    def close(self) -> None:
        if self._sent and not self._lost:
            with contextlib.suppress(Exception):  # parts no longer wanted, after a failure: workers skip them
                self._app.control.revoke(list(self._sent.values()))
        with contextlib.suppress(Exception):
            self._answers.delete(self._reply_to)
        self._answers.close()
        self._app.close()

    def send(self, jobs: Sequence[SpeechJob], priority: int = AHEAD) -> None:
        """Hand `jobs` to the workers now; `run` gathers them."""
        for job in jobs:
            answer = self._answered.get(job.key)
            if job.key not in self._sent and (answer is None or isinstance(answer, PartFailure)):
                self._answered.pop(job.key, None)
                self._sent[job.key] = self._talking(lambda: self._send_task(job, priority))

    def run(self, jobs: Sequence[SpeechJob], progress: Progress | None = None,
            meanwhile: Callable[[], object] | None = None) -> dict[str, SegmentRecord]:
        self.send(jobs, URGENT)
        if meanwhile:
            meanwhile()
        records: dict[str, SegmentRecord] = {}
        waiting = {job.key: job for job in jobs}
        heard_from = resent = time.monotonic()
        while waiting:
            for key in [key for key in waiting if key in self._answered]:
                job, outcome = waiting[key], self._answered[key]
                if isinstance(outcome, PartFailure):
                    self._retry_or_raise(job, outcome)
                    continue
                if isinstance(outcome, Verified):
                    self.verified[key], outcome = outcome, outcome.record
                records[key] = outcome
                del waiting[key]
                if progress:
                    progress(len(records), len(jobs))
            if not waiting:
                break
            if self._gather():
                heard_from = time.monotonic()
            elif time.monotonic() - max(heard_from, resent) > RESEND_AFTER:
                self._send_again([job for key, job in waiting.items() if key in self._sent])
                resent = time.monotonic()
            if time.monotonic() - heard_from > SILENCE_LIMIT:
                raise BrokerError(f"no part has come back from the workers at {self._settings.broker} in "
                                  f"{SILENCE_LIMIT // 60} minutes: is a worker running ('audio-edition worker')?")
        return records

    def _send_again(self, jobs: Sequence[SpeechJob]) -> None:
        """Hand out again parts long unanswered: the broker can lose a part whose worker
        died at the wrong moment. Whichever answer comes first is kept."""
        for job in jobs:
            self._sent[job.key] = self._talking(lambda: self._send_task(job, URGENT))

    def _gather(self) -> bool:
        """Wait a moment for the next answer, and keep it; False if none came."""
        popped = self._talking(lambda: self._answers.blpop([self._reply_to], timeout=ANSWER_WAIT))
        if popped is None:
            return False
        answer = json.loads(popped[1])
        if answer["key"] in self._sent:  # a part spoken twice (its first worker was slow) answers twice
            del self._sent[answer["key"]]
            self._answered[answer["key"]] = parse_answer(answer)
        return True

    def _talking(self, action):
        """`action()`, talking to the broker; if it has gone, `BrokerError`, now and after."""
        if self._lost:
            raise self._lost
        try:
            return action()
        except Exception as exc:  # kombu and redis-py raise their own kinds
            self._lost = BrokerError(f"the broker at {self._settings.broker} stopped answering ({exc})")
            raise self._lost from exc

    def _retry_or_raise(self, job: SpeechJob, failure: PartFailure) -> None:
        attempts = self._attempts[job.key] = self._attempts.get(job.key, 0) + 1
        if not failure.worth_another_try(attempts):
            raise failure.error(job, job.engine)
        self.send([job], URGENT)

    def _send_task(self, job: SpeechJob, priority: int) -> str:
        """Send one part; its task's id. Celery shows a task by a repr of its arguments,
        which it would otherwise make from the whole payload: the part's label says it."""
        return self._app.send_task(TASK, args=[self._payload(job)], queue=QUEUE, priority=priority,
                                   argsrepr=repr(job.label), kwargsrepr="{}").id

    def _payload(self, job: SpeechJob) -> dict:
        settings = self._settings
        return {"job": job_data(job), "mastering": asdict(settings.mastering), "cache": self._cache,
                "verify": asdict(settings.verify) if settings.verify else None, "reply_to": self._reply_to}


def job_data(job: SpeechJob) -> dict:
    """A part as JSON-ready data, `job_from`'s inverse: its fields as they are (tuples go
    out as lists), its voice as a dict; `asdict` would pass every sentence through a deep copy."""
    return {**{field.name: getattr(job, field.name) for field in fields(SpeechJob)}, "voice": asdict(job.voice)}


def job_from(data: dict) -> SpeechJob:
    """The part `job_data` describes."""
    return SpeechJob(**{**data, "sentences": tuple(data["sentences"]), "voice": Voice(**data["voice"]),
                        "paragraph_starts": tuple(data["paragraph_starts"])})


def parse_answer(answer: dict) -> SegmentRecord | Verified | PartFailure:
    """A worker's answer, as `answer_for` makes it, back into its types."""
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
_broker: str = ""
_engines: dict[str, object] = {}
_listeners: dict[tuple, object] = {}
_replies = None


def speak_part(payload: dict) -> None:
    """The task: speak, master, encode and store one part, then push the answer (its
    record, or the failure, typed) onto the build's list. Never raises: the builder
    decides what is worth another try. The part is acknowledged after it returns, so
    a worker that dies before has its part delivered again."""
    global _replies
    import redis

    answer = answer_for(payload)
    if _replies is None:
        _replies = redis.Redis.from_url(_broker)
    with _replies.pipeline() as pipe:
        pipe.rpush(payload["reply_to"], json.dumps({"key": payload["job"]["key"], **answer}))
        pipe.expire(payload["reply_to"], ANSWERS_KEPT)
        pipe.execute()


def answer_for(payload: dict) -> dict:
    """Speak the part a task describes; its answer as JSON-ready data."""
    from audio_edition import engines
    from audio_edition.render import Listener, attempt, release_memory

    job = job_from(payload["job"])
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
        return {"record": record_fields(outcome.record), "heard": asdict(outcome.heard), "respoken": outcome.respoken}
    return {"record": record_fields(outcome)}


def run_worker(broker: str, cache_location: str, concurrency: int, redeliver_after: int = REDELIVER_AFTER) -> None:
    """Serve parts until stopped: one process per `concurrency`, each loading an engine
    the first time a part asks for it. Parts are stored in the cache at `cache_location`,
    or, when it is empty, in the one each build names (right when the build runs on
    this machine, or its cache is an object store's URL)."""
    global _cache_location, _broker
    _cache_location, _broker = cache_location, broker
    use_worker_environment()  # inherited by the pool's processes
    app = make_app(broker, redeliver_after)
    reach(app, broker)
    app.worker_main(["worker", f"--concurrency={concurrency}", "--pool=prefork", "--loglevel=WARNING",
                     f"--queues={QUEUE}", "--without-gossip", "--without-mingle", f"--hostname=audio-edition-{os.getpid()}@%h"])
