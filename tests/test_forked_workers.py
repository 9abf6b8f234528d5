"""Workers started together: one interpreter starts, and forks the others once its
imports are done. The copies are not the build's children, yet they are watched,
killed and counted as the first is."""

import resource
import time

import psutil
import pytest

import audio_edition.speak as speak
from audio_edition.engines import Voice
from audio_edition.errors import EngineError
from audio_edition.settings import MasteringSettings
from audio_edition.speak import SpeechJob, WorkerConfig, WorkerPool, start_workers

pytestmark = pytest.mark.skipif(not speak.FORKING, reason="this platform cannot fork and watch the copies")


def _jobs(*texts: str) -> list[SpeechJob]:
    return [SpeechJob(f"key{i}", (text,), Voice(), 500, f"part {i + 1}", engine="fake")
            for i, text in enumerate(texts)]


def _config(tmp_path) -> WorkerConfig:
    return WorkerConfig("fake", tmp_path / "cache", MasteringSettings())


def test_two_workers_come_from_one_interpreter_and_both_speak(tmp_path):
    texts = [" ".join(["word"] * n) for n in (40, 30, 20, 10)]
    with WorkerPool(_config(tmp_path), 2) as pool:
        records = pool.run(_jobs(*texts))
        first, copy = pool._workers
        assert psutil.Process(copy.process.pid).ppid() == first.process.pid
        assert psutil.Process(first.process.pid).ppid() == psutil.Process().pid
    assert len(records) == 4
    assert not psutil.pid_exists(copy.process.pid)


def test_a_copys_time_counts_in_the_builds(tmp_path):
    """The first worker waits for its copies as it leaves, so their CPU time is counted
    where the build's is: in its children's."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with WorkerPool(_config(tmp_path), 2) as pool:
        pool.run(_jobs(*[" ".join(["word"] * 400)] * 6))
        workers = [psutil.Process(worker.process.pid) for worker in pool._workers]
        spent = [sum(p.cpu_times()[:2]) for p in workers]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    counted = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert min(spent) > 0.2  # both spoke
    assert counted >= 0.95 * sum(spent)


def test_a_hanging_copy_is_killed_and_replaced_and_the_build_stops(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIO_EDITION_FAKE_HANG", "stuck")
    monkeypatch.setattr(speak, "time_allowed", lambda job: 3.0)
    killed = []
    real_kill = speak._Copy.kill
    monkeypatch.setattr(speak._Copy, "kill", lambda self: (killed.append(self.pid), real_kill(self))[1])
    # Longest first: the first worker takes the fine words, its copy the stuck ones.
    with pytest.raises(EngineError, match="failed on part 2: timed out"):
        with WorkerPool(_config(tmp_path), 2) as pool:
            pool.run(_jobs("fine words, and more of them", "stuck"))
    [copy, *_] = [pid for pid in killed if pid is not None]
    deadline = time.monotonic() + 5
    while _alive(copy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(copy)


def test_a_copy_never_given_a_part_leaves_with_the_pool(tmp_path):
    with WorkerPool(_config(tmp_path), 2) as pool:
        pool.start(2)  # as a first build does before it knows how many parts are missing
        pool.run(_jobs("only one part"))
        copy = pool._workers[1]
        assert not copy.given
        deadline = time.monotonic() + 10
        while copy.process.pid is None and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = copy.process.pid
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pid is not None and not _alive(pid)


def test_workers_started_where_copies_cannot_be_made_are_one_interpreter_each(tmp_path, monkeypatch):
    monkeypatch.setattr(speak, "FORKING", False)
    workers = start_workers(_config(tmp_path), 2)
    try:
        assert all(isinstance(worker.process, speak._Spawned) for worker in workers)
        assert len({worker.process.pid for worker in workers}) == 2
    finally:
        for worker in workers:
            worker.stop()


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_pool_lets_go_of_every_pipe_and_pidfd_it_opened(tmp_path):
    import os

    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        with WorkerPool(_config(tmp_path), 2) as pool:
            pool.run(_jobs("one part to say", "and another one"))
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_worker_imports_nothing_of_reading_articles():
    """A worker starts on every rebuild, where its start-up sets the pace: it speaks
    parts, and has no use for the readers or the article's model (10 ms of imports)."""
    import subprocess
    import sys

    loaded = subprocess.run([sys.executable, "-c", "import sys, audio_edition.worker; print(*sorted(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "audio_edition.render" in loaded
    assert not {"audio_edition.readers", "audio_edition.model", "audio_edition.recall"} & set(loaded)
