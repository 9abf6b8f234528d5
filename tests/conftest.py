import http.client
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Keep the tests' segment cache out of the user's own cache folder.
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="audio-edition-tests-"))

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "articles" / "why-wont-he-let-me-in.txt"
EXAMPLE = ROOT / "examples" / "the-garden-and-the-grudge.txt"
REFERENCE_SLUG = "why-wont-he-let-me-in"
SHORT_COLUMN = """Why My Neighbour Waves

Dear Ada,

My neighbour waves at me every morning, and I never know whether to wave back. What should I do?

Puzzled in Pittsburgh

Dear Puzzled,

Wave back. It costs nothing, and it says you see him.
"""
"""A letter and its reply: the smallest column, for tests of what a build does around the speaking."""

REASON_HEADINGS = [
    "He’s Not Emotionally Available For A Relationship",
    "He Doesn’t See The Relationship Lasting Long-Term",
    "He’s Conflict Avoidant",
    "He Feels Judged, Criticized, Or Pressured",
    "He’s Not Looking For Advice",
    "He’s Not In Touch With His Emotions",
]
TIP_HEADINGS = [
    "Speak His Language",
    "Acknowledge And Appreciate His Efforts",
    "Speak Your Truth",
    "Give Him Time To Speak",
    "Don’t Rehash The Past",
    "Take Responsibility For Your Part",
    "Create An Environment Of Trust",
]


def ffprobe(path: Path) -> dict:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def http_get(port: int, path: str, headers: dict | None = None, method: str = "GET"):
    """One request to the server on loopback: the response and its whole body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the installed command as a user would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "audio_edition", *args],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def reference() -> Path:
    assert REFERENCE.is_file(), f"the reference article is expected at {REFERENCE}"
    return REFERENCE


@pytest.fixture(scope="session")
def fake_reference_edition(tmp_path_factory, reference) -> Path:
    """The reference article built once with the fake engine."""
    out = tmp_path_factory.mktemp("fake-build")
    result = run_cli("build", str(reference), "--out", str(out), "--engine", "fake", "--format", "mp3,m4b")
    assert result.returncode == 0, result.stderr
    return out / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3"


def loudness(path: Path) -> tuple[float, float]:
    """(integrated loudness LUFS, true peak dBTP) as ffmpeg's ebur128 filter measures them."""
    result = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )
    summary = result.stderr[result.stderr.rindex("Summary:"):]
    integrated = float(summary.split("I:")[1].split("LUFS")[0])
    peak = float(summary.split("Peak:")[1].split("dBFS")[0])
    return integrated, peak
