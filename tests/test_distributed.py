"""Builds spread over Celery workers through a real Redis, and a segment cache in an
S3-compatible store (moto's server), every process started here on loopback."""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from conftest import REFERENCE, REFERENCE_SLUG, ffprobe, run_cli

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def broker(tmp_path):
    """A Redis of our own on a free loopback port, stopped afterwards."""
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                                    text=True).stdout.strip() == "PONG", 20, "redis-server")
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


class Workers:
    """`audio-edition worker` processes, each in its own process group so a test can kill
    one whole, as a machine going away would."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url, self.tmp_path, self.processes = url, tmp_path, []

    def start(self, count: int, env: dict | None = None) -> list[subprocess.Popen]:
        started = []
        for _ in range(count):
            index = len(self.processes)
            log = open(self.tmp_path / f"worker{index}.log", "w")
            started.append(subprocess.Popen(
                [sys.executable, "-m", "audio_edition", "worker", "--broker", self.url, "--concurrency", "1",
                 "--redeliver-after", "10"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                env={**os.environ, **{k: v.format(index=index) for k, v in (env or {}).items()}}))
            self.processes.append(started[-1])
        from audio_edition.distributed import make_app

        app = make_app(self.url)
        wait_for(lambda: len(app.control.ping(timeout=1.0)) >= len(self.live()), 60, "the workers to listen")
        app.close()
        return started

    def live(self) -> list[subprocess.Popen]:
        return [p for p in self.processes if p.poll() is None]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def workers(broker, tmp_path):
    pool = Workers(broker, tmp_path)
    yield pool
    pool.stop()


def build_watched(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run `build`, noting the command line of every process it starts while it runs."""
    process = subprocess.Popen([sys.executable, "-m", "audio_edition", "build", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set[str] = set()

    def watch():
        while process.poll() is None:
            try:
                for child in psutil.Process(process.pid).children(recursive=True):
                    seen.add(" ".join(child.cmdline()))
            except psutil.Error:
                pass
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    stdout, stderr = process.communicate(timeout=600)
    watcher.join()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), seen


def pcm(path: Path) -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-"], capture_output=True,
                          check=True).stdout


def test_two_workers_build_what_a_local_build_does(tmp_path, workers):
    workers.start(2, env={"AUDIO_EDITION_FAKE_LOG": str(tmp_path / "spoken{index}.log")})
    remote, seen = build_watched(str(REFERENCE), "--engine", "fake", "--broker", workers.url,
                                 "--out", str(tmp_path / "remote"), "--cache-dir", str(tmp_path / "shared-cache"))
    assert remote.returncode == 0, remote.stderr
    local = run_cli("build", str(REFERENCE), "--engine", "fake", "--out", str(tmp_path / "local"),
                    "--cache-dir", str(tmp_path / "local-cache"))
    assert local.returncode == 0, local.stderr

    assert not any("audio_edition.worker" in line for line in seen), seen  # no speech process of its own
    spoken = [(tmp_path / f"spoken{i}.log").read_text().splitlines() for i in range(2)]
    assert all(spoken), "both workers spoke parts"
    remote_mp3 = tmp_path / "remote" / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3"
    local_mp3 = tmp_path / "local" / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3"
    assert ffprobe(remote_mp3)["chapters"] == ffprobe(local_mp3)["chapters"]
    assert len(ffprobe(remote_mp3)["chapters"]) == 21
    assert pcm(remote_mp3) == pcm(local_mp3)
    chapters = [json.loads((tmp_path / where / REFERENCE_SLUG / "chapters.json").read_text())
                for where in ("remote", "local")]
    assert chapters[0] == chapters[1]


def test_a_worker_killed_mid_build_costs_the_build_nothing(tmp_path, workers):
    first, second = workers.start(2)  # the default, real engine: parts take long enough to be caught
    cache = tmp_path / "shared-cache"
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "audio_edition", "build", str(REFERENCE), "--broker", workers.url,
                              "--out", str(out), "--cache-dir", str(cache)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(lambda: len(list(cache.glob("*/*/audio.mp3"))) >= 3, 300, "the first parts")
    os.killpg(first.pid, signal.SIGKILL)
    stdout, stderr = build.communicate(timeout=600)
    assert build.returncode == 0, stderr
    assert first.poll() is not None and second.poll() is None
    assert "21 chapters" in stdout
    check = run_cli("check", str(out / REFERENCE_SLUG))
    assert check.returncode == 0, check.stdout + check.stderr


def test_with_the_broker_stopped_build_fails_in_one_line_and_writes_nothing(tmp_path, broker):
    subprocess.run(["redis-cli", "-p", broker.split(":")[2].split("/")[0], "shutdown", "nosave"], capture_output=True)
    result = run_cli("build", str(REFERENCE), "--engine", "fake", "--broker", broker, "--out", str(tmp_path / "out"),
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert broker in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache").exists()


def test_redis_stopped_mid_build_is_one_error_line_and_no_edition(tmp_path, workers):
    workers.start(1)
    cache, out = tmp_path / "cache", tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "audio_edition", "build", str(REFERENCE), "--broker", workers.url,
                              "--out", str(out), "--cache-dir", str(cache)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(lambda: len(list(cache.glob("*/*/audio.mp3"))) >= 2, 300, "the first parts")
    subprocess.run(["redis-cli", "-p", workers.url.split(":")[2].split("/")[0], "shutdown", "nosave"],
                   capture_output=True)
    stdout, stderr = build.communicate(timeout=120)
    assert build.returncode == 1
    assert stderr.startswith(f"Error: the broker at {workers.url} stopped answering"), stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert not (out / REFERENCE_SLUG).exists()


def test_with_no_worker_listening_build_says_how_to_start_one(tmp_path, broker):
    result = run_cli("build", str(REFERENCE), "--engine", "fake", "--broker", broker, "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Error: no worker is listening at the broker {broker}: start one with "
                                      f"'audio-edition worker --broker {broker}'")
    assert not (tmp_path / "out").exists()


@pytest.fixture
def s3(tmp_path):
    """moto's S3 server on a free loopback port, with one bucket, and the settings that
    point s3fs at it."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {"FSSPEC_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
    import boto3

    client = boto3.client("s3", endpoint_url=env["FSSPEC_S3_ENDPOINT_URL"], region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")

    def bucket_made():
        try:
            client.create_bucket(Bucket="editions")
            return True
        except Exception:
            return False

    wait_for(bucket_made, 30, "moto's server")
    yield env, client
    server.terminate()
    server.wait(10)


def objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket="editions").get("Contents", [])
    return {o["Key"]: client.get_object(Bucket="editions", Key=o["Key"])["Body"].read() for o in listed}


def test_the_segment_cache_in_an_s3_store(tmp_path, s3):
    env, client = s3
    url = "s3://editions/segments"
    first = run_cli("build", str(REFERENCE), "--engine", "fake", "--out", str(tmp_path / "a"), "--cache-dir", url,
                    env={**env, "XDG_CACHE_HOME": str(tmp_path / "machine-a")})
    assert first.returncode == 0, first.stderr
    stored = objects(client)
    entries = {key: data for key, data in stored.items() if not key.endswith("CACHEDIR.TAG")}
    assert len(entries) == 21 and "segments/CACHEDIR.TAG" in stored
    for key, data in entries.items():  # one object each: the record, then the audio it vouches for
        header, _, audio = data.partition(b"\n")
        assert key.split("/")[-2] == key.split("/")[-1][:2]
        record = json.loads(header)
        assert record["samples"] > 0 and hashlib.sha256(audio).hexdigest() == record["sha256"]
        assert audio[0] == 0xFF and audio[1] & 0xE0 == 0xE0  # an MPEG audio frame's sync word

    # Another machine, its own mirror empty, speaks nothing: every part comes from the store.
    second = run_cli("build", str(REFERENCE), "--engine", "fake", "--out", str(tmp_path / "b"), "--cache-dir", url,
                     env={**env, "XDG_CACHE_HOME": str(tmp_path / "machine-b")})
    assert second.returncode == 0, second.stderr
    assert "0 spoken, 21 from cache" in second.stdout
    assert pcm(tmp_path / "a" / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3") == pcm(
        tmp_path / "b" / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3")

    # An entry damaged in the store is not used: a third machine speaks that part again.
    damaged = sorted(entries)[0]
    client.put_object(Bucket="editions", Key=damaged, Body=entries[damaged][:-100])
    third = run_cli("build", str(REFERENCE), "--engine", "fake", "--out", str(tmp_path / "c"), "--cache-dir", url,
                    env={**env, "XDG_CACHE_HOME": str(tmp_path / "machine-c")})
    assert third.returncode == 0, third.stderr
    assert "1 spoken, 20 from cache" in third.stdout
    assert objects(client)[damaged] == entries[damaged]  # the same part, the same audio, stored whole again

    usage = run_cli("cache", "--cache-dir", url, env={**env, "XDG_CACHE_HOME": str(tmp_path / "machine-c")})
    assert usage.stdout.startswith(f"{url}: 21 segments, "), usage.stdout + usage.stderr
    cleared = run_cli("cache", "--cache-dir", url, "--clear", env={**env, "XDG_CACHE_HOME": str(tmp_path / "machine-c")})
    assert cleared.returncode == 0, cleared.stderr
    assert objects(client) == {}


def test_the_settings_file_names_the_broker_and_the_command_line_wins(tmp_path):
    unused = f"redis://127.0.0.1:{free_port()}/0"
    settings = tmp_path / "show.toml"
    settings.write_text(f'broker = "{unused}"\ncache = "{tmp_path / "shared-cache"}"\n')
    from_file = run_cli("build", str(REFERENCE), "--engine", "fake", "--settings", str(settings),
                        "--out", str(tmp_path / "out"))
    assert from_file.returncode == 1
    assert from_file.stderr.startswith(f"Error: the broker at {unused} cannot be reached"), from_file.stderr
    other = f"redis://127.0.0.1:{free_port()}/0"
    given = run_cli("build", str(REFERENCE), "--engine", "fake", "--settings", str(settings), "--broker", other,
                    "--out", str(tmp_path / "out"))
    assert given.stderr.startswith(f"Error: the broker at {other} cannot be reached"), given.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "shared-cache").exists()
    settings.write_text("broker = 5\n")
    wrong = run_cli("worker", "--settings", str(settings))
    assert wrong.returncode == 1 and wrong.stderr.strip() == f"Error: {settings}: broker is a URL or a folder, as text"


def test_a_folder_of_articles_goes_out_at_once_and_each_is_assembled(tmp_path, workers):
    folder = tmp_path / "articles"
    folder.mkdir()
    corpus = Path(__file__).parent / "corpus"
    for name in ("qa-money-three.txt", "multi-letter-dear-winnie.txt", "ref-column-holidays.txt"):
        (folder / name).write_text((corpus / name).read_text("utf-8"), "utf-8")
    workers.start(1, env={"AUDIO_EDITION_FAKE_LOG": str(tmp_path / "spoken.log")})
    remote = run_cli("build", str(folder), "--engine", "fake", "--broker", workers.url, "--out", str(tmp_path / "remote"),
                     "--cache-dir", str(tmp_path / "shared-cache"))
    assert remote.returncode == 0, remote.stderr
    assert "3 of 3 articles built, 0 failed" in remote.stdout
    local = run_cli("build", str(folder), "--engine", "fake", "--out", str(tmp_path / "local"),
                    "--cache-dir", str(tmp_path / "local-cache"))
    assert local.returncode == 0, local.stderr
    slugs = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert sorted(p.name for p in (tmp_path / "remote").iterdir()) == slugs and len(slugs) == 3
    for slug in slugs:
        assert pcm(tmp_path / "remote" / slug / f"{slug}.mp3") == pcm(tmp_path / "local" / slug / f"{slug}.mp3")


def test_verify_through_the_broker_speaks_a_garbled_part_again(tmp_path, workers):
    """Listening back happens on the worker that spoke the part: a garbled tip is heard
    as nonsense there and spoken again, and the build reports it as a local one does."""
    pytest.importorskip("faster_whisper")
    article = Path(__file__).parent / "articles" / "apology-steps.txt"
    log = tmp_path / "garbled.txt"
    workers.start(1, env={"AUDIO_EDITION_GARBLE": "standoff", "AUDIO_EDITION_GARBLE_LOG": str(log)})
    remote, seen = build_watched(str(article), "--engine", "garbling", "--broker", workers.url, "--verify",
                                 "--threshold", "0.6", "--out", str(tmp_path / "out"),
                                 "--cache-dir", str(tmp_path / "shared-cache"))
    assert remote.returncode == 0, remote.stderr
    assert not any("audio_edition.worker" in line for line in seen), seen
    assert len(log.read_text().splitlines()) == 1 and "standoff" in log.read_text()
    assert "Listened to 9 parts as spoken: 1 spoken again" in remote.stdout
    assert "Not heard as written" not in remote.stdout
    checked = run_cli("check", "--listen", "--threshold", "0.6", str(tmp_path / "out" / "how-to-apologize-to-a-neighbor"))
    assert checked.returncode == 0, checked.stdout


def test_a_part_the_broker_lost_is_handed_out_again(tmp_path, workers, monkeypatch):
    """A part whose message is gone (its worker killed between taking it and recording it
    as taken) would never be redelivered: the build hands it out again after a silence."""
    from audio_edition import distributed, pipeline
    from audio_edition.settings import BuildSettings

    workers.start(1)
    monkeypatch.setattr(distributed, "RESEND_AFTER", 3)
    lost = []
    real_send = distributed.CeleryExecutor.send

    def send_losing_one(self, jobs, priority=distributed.AHEAD):
        if jobs and not lost:
            lost.append(jobs[0].key)
            self._sent[jobs[0].key] = "a task the broker lost"
            jobs = jobs[1:]
        real_send(self, jobs, priority)

    monkeypatch.setattr(distributed.CeleryExecutor, "send", send_losing_one)
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache",
                             broker=workers.url)
    [result] = pipeline.build_editions([REFERENCE], settings)
    assert result.error is None and result.spoken == 21
    assert (tmp_path / "cache" / lost[0][:2] / lost[0] / "audio.mp3").is_file()
