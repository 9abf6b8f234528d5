"""The intro says how long the edition is as spoken: the intro is spoken last, once the
other parts' lengths are known, and `script` says the same from the cache."""

import json
import re

import pytest
from num2words import num2words

from conftest import ffprobe, run_cli


@pytest.mark.slow  # builds whole editions: the unit tests cover its parts
def test_the_intro_says_the_length_as_spoken_and_is_spoken_once(tmp_path):
    article = tmp_path / "long.txt"
    paragraphs = [f"Paragraph {num2words(n)} says a few plain words about the garden in the rain."
                  for n in range(1, 61)]
    article.write_text("A Long Walk Through The Garden\n\n" + "\n\n".join(paragraphs) + "\n")
    log, cache, out = tmp_path / "engine.log", tmp_path / "cache", tmp_path / "out"
    built = run_cli("build", str(article), "--engine", "fake", "--rate", "120", "--out", str(out),
                    "--cache-dir", str(cache), env={"AUDIO_EDITION_FAKE_LOG": str(log)})
    assert built.returncode == 0, built.stderr
    mp3 = next(out.rglob("*.mp3"))
    minutes = max(1, round(float(ffprobe(mp3)["format"]["duration"]) / 60))
    said = re.search(r"About (\w+) minutes?\.", log.read_text("utf-8"))
    assert said and said[1] == num2words(minutes), (said and said[1], minutes)
    assert len(re.findall(r"About \w+ minutes?\.", log.read_text("utf-8"))) == 1, "the intro is spoken once"
    shown = run_cli("script", str(article), "--json", "--engine", "fake", "--rate", "120", "--cache-dir", str(cache))
    intro = json.loads(shown.stdout)["chapters"][0]
    assert any(line["spoken"] == f"About {num2words(minutes)} minutes." for line in intro["lines"])
