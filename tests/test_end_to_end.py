"""The whole pipeline with the real default engine (pyttsx3 over espeak-ng), checked by ffprobe."""

import pytest
from mutagen.id3 import ID3

from conftest import REASON_HEADINGS, REFERENCE_SLUG, TIP_HEADINGS, ffprobe, loudness, run_cli


@pytest.mark.slow
def test_reference_article_builds_with_the_real_engine(tmp_path, reference):
    result = run_cli("build", str(reference), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    mp3 = tmp_path / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3"
    assert f"Built {mp3}" in result.stdout
    probe = ffprobe(mp3)
    chapters = probe["chapters"]
    assert len(chapters) >= 16
    assert all(a["end_time"] == b["start_time"] for a, b in zip(chapters, chapters[1:]))
    assert abs(float(chapters[-1]["end_time"]) - float(probe["format"]["duration"])) <= 0.05
    titles = " | ".join(c["tags"]["title"] for c in chapters)
    assert all(h in titles for h in REASON_HEADINGS + TIP_HEADINGS)
    # espeak-ng reads the ~1,800 words in roughly ten minutes at 175 words a minute.
    assert 7 * 60 < float(probe["format"]["duration"]) < 15 * 60
    assert str(ID3(mp3)["TPE1"]) == "Orna and Matthew Walters"
    integrated, true_peak = loudness(mp3)
    assert -17 <= integrated <= -15 and true_peak <= -1.0
