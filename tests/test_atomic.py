"""A failed build never leaves a half-written MP3 where a good one was (killed builds:
test_faults.py)."""

import hashlib

import pytest

from conftest import REFERENCE_SLUG, run_cli

# Slow: every test runs the command line on whole articles; tests/unit covers atomic writing (tests/unit/test_files.py) fast.
pytestmark = pytest.mark.slow


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
