"""A failed or interrupted build never leaves a half-written MP3 where a good one was."""

import hashlib
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from mutagen.id3 import ID3

from conftest import REFERENCE_SLUG, ffprobe, run_cli


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built(tmp_path, reference):
    result = run_cli("build", str(reference), "--out", str(tmp_path), "--engine", "fake")
    assert result.returncode == 0, result.stderr
    return tmp_path / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3"


def test_failed_rebuild_keeps_the_previous_mp3(built, reference, tmp_path_factory):
    before = digest(built)
    empty_cache = tmp_path_factory.mktemp("cache")
    result = run_cli("build", str(reference), "--out", str(built.parent.parent), "--engine", "fake",
                     "--cache-dir", str(empty_cache), "--show", "Another Show",
                     env={"AUDIO_EDITION_FAKE_FAIL": "Conflict"})
    assert result.returncode != 0
    assert result.stderr.startswith("Error: engine 'fake' failed on chapter")
    assert "Conflict Avoidant" in result.stderr
    assert digest(built) == before
    assert not [p.name for p in built.parent.iterdir() if p.name.startswith(".")], "temporary files left"


def _complete(path) -> bool:
    chapters = ffprobe(path)["chapters"]
    return len(chapters) == 21 and len(ID3(path).getall("CHAP")) == 21


@pytest.mark.slow
def test_killed_builds_leave_the_old_file_or_a_complete_new_one(built, reference):
    rng = random.Random(20261129)
    original = digest(built)
    outcomes = set()
    for trial in range(10):
        process = subprocess.Popen(
            [sys.executable, "-m", "audio_edition", "build", str(reference), "--out",
             str(built.parent.parent), "--engine", "fake", "--show", f"Trial {trial}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        time.sleep(rng.uniform(0.2, 2.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert built.exists()
        now = digest(built)
        if now != original:
            assert _complete(built), f"trial {trial}: a half-written MP3 replaced the good one"
            assert str(ID3(built)["TALB"]).startswith("Trial")
            original = now
        outcomes.add(now == original)
    assert _complete(built)
