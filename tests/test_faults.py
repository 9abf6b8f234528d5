"""Faults: builds and publishes killed at random moments, a full disk."""

import hashlib
import os
import random
import signal
import subprocess
import sys
import time

import feedparser
import pytest
from mutagen.id3 import ID3

from conftest import EXAMPLE, REFERENCE_SLUG, ffprobe, run_cli

TRIALS = 20
EXAMPLE_SLUG = "my-sister-wont-share-the-garden-what-now"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kill_at_random(command, rng, longest):
    process = subprocess.Popen([sys.executable, "-m", "audio_edition", *command], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(rng.uniform(0, longest))
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def complete_mp3(path) -> bool:
    return len(ffprobe(path)["chapters"]) == 21 and len(ID3(path).getall("CHAP")) == 21


@pytest.mark.slow
def test_killed_builds_never_leave_a_broken_mp3_and_a_rerun_reuses_the_cache(tmp_path, reference):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build = ["build", str(reference), "--out", str(out), "--engine", "fake", "--cache-dir", str(cache)]
    assert run_cli(*build).returncode == 0
    mp3 = out / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3"
    rng = random.Random(8)
    for trial in range(TRIALS):
        # A new show name changes the tags, so every trial writes a new MP3.
        kill_at_random([*build, "--show", f"Trial {trial}"], rng, longest=2.0)
        assert complete_mp3(mp3), f"trial {trial}: a half-written MP3 replaced the good one"
    again = run_cli(*build, "--show", "After the trials")
    assert again.returncode == 0, again.stderr
    assert "21 from cache" in again.stdout
    orphans = [p.name for p in (out / REFERENCE_SLUG).iterdir() if p.name.endswith(".tmp")]
    assert not orphans, f"temporary files of killed builds were left: {orphans}"
    assert run_cli("check", str(out / REFERENCE_SLUG)).returncode == 0


@pytest.mark.slow
def test_killed_publishes_never_lose_an_episode(tmp_path, reference):
    out = tmp_path / "out"
    for article in (reference, EXAMPLE):
        assert run_cli("build", str(article), "--out", str(out), "--engine", "fake").returncode == 0
    third = tmp_path / "third.txt"
    third.write_text("A Third Letter\n\nBy A. Writer\n\nA short article to publish while being killed.\n")
    assert run_cli("build", str(third), "--out", str(out), "--engine", "fake").returncode == 0
    publish = ["publish", "--base-url", "http://127.0.0.1:8000/"]
    assert run_cli(*publish, str(out / REFERENCE_SLUG), str(out / EXAMPLE_SLUG)).returncode == 0
    rng = random.Random(9)
    for trial in range(TRIALS):
        kill_at_random([*publish, str(out / "a-third-letter")], rng, longest=0.6)
        parsed = feedparser.parse((out / "feed.xml").read_bytes())
        assert not parsed.bozo, f"trial {trial}: {parsed.get('bozo_exception')}"
        titles = {e.title for e in parsed.entries}
        assert {"Why Won’t He Let Me In?", "My Sister Won’t Share the Garden. What Now?"} <= titles
    assert run_cli(*publish, str(out / "a-third-letter")).returncode == 0
    assert len(feedparser.parse((out / "feed.xml").read_bytes()).entries) == 3


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.slow
def test_a_full_disk_gives_a_clear_error_and_keeps_earlier_outputs(small_disk, tmp_path, reference):
    cache = tmp_path / "cache"
    first = run_cli("build", str(EXAMPLE), "--out", str(small_disk), "--engine", "fake", "--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    before = {p.name: digest(p) for p in (small_disk / EXAMPLE_SLUG).iterdir()}
    full = run_cli("build", str(reference), "--out", str(small_disk), "--engine", "fake", "--cache-dir", str(cache))
    assert full.returncode == 1
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "No space left on device" in lines[0]
    assert {p.name: digest(p) for p in (small_disk / EXAMPLE_SLUG).iterdir()} == before
    leftovers = [p for p in small_disk.rglob("*") if p.name.startswith(".") and p.name.endswith(".tmp")]
    assert not leftovers
