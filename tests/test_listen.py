"""Listening back: the recognizer hears the reference edition as written, and names the
chapters whose audio is not what their script says."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from audio_edition.listen import compare, words
from audio_edition.package.manifest import file_entry, read_edition
from conftest import REFERENCE_SLUG, run_cli


def test_words_are_plain_and_numbers_are_said_as_the_script_says_them():
    assert words("It costs $20,000, OK? On the 3rd, 50% long-term. M S N and I") == [
        "it", "costs", "twenty", "thousand", "dollars", "okay", "on", "the", "third", "fifty", "percent",
        "long", "term", "msn", "and", "i"]


def test_a_recognizer_writing_figures_and_capitals_matches_the_spoken_form():
    heard = compare(["He waited twenty minutes for the M S N page."], "He waited 20 minutes for the MSN page!")
    assert (heard.wer, heard.errors, heard.missing) == (0.0, 0, ())


def test_words_dropped_or_changed_are_named_in_order_and_counted():
    heard = compare(["one two three four", "five six seven eight"], "one three four five sixty seven eight nine")
    # two dropped, six changed, nine added: three errors in eight words
    assert (heard.words, heard.errors, heard.wer, heard.missing) == (8, 3, 0.375, ("two", "six"))


def test_nothing_heard_misses_every_word():
    heard = compare(["Speak your truth."], "")
    assert (heard.wer, heard.missing) == (1.0, ("speak", "your", "truth"))


@pytest.fixture(scope="module")
def spoken_edition(tmp_path_factory, reference):
    """The reference built with the default engine (pyttsx3) and listened to once."""
    pytest.importorskip("faster_whisper")
    out = tmp_path_factory.mktemp("listen")
    result = run_cli("build", str(reference), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    directory = out / REFERENCE_SLUG
    listened = run_cli("check", "--listen", str(directory))
    return directory, listened


def chapter_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if ": Chapter " in line]


@pytest.mark.slow
def test_the_reference_edition_is_heard_as_written(spoken_edition):
    directory, result = spoken_edition
    assert result.returncode == 0, result.stdout
    lines = chapter_lines(result.stdout)
    assert len(lines) == len(read_edition(directory).chapters)
    assert all(line.startswith("Passed: ") for line in lines)
    figure = float(result.stdout.split("The edition's word error rate is ")[1].split()[0])
    assert 0 < figure <= 0.15


@pytest.mark.slow
def test_a_later_check_reports_the_stored_figures_without_listening(spoken_edition):
    directory, listened = spoken_edition
    stored = read_edition(directory).listening
    assert stored is not None and len(stored.chapters) == len(read_edition(directory).chapters)
    result = run_cli("check", str(directory), timeout=60)
    assert result.returncode == 0, result.stdout
    assert chapter_lines(result.stdout) == chapter_lines(listened.stdout)
    assert "as stored by the last check --listen" in result.stdout


@pytest.mark.slow
def test_stored_figures_are_what_a_plain_check_reports(spoken_edition, tmp_path):
    directory = tmp_path / REFERENCE_SLUG
    shutil.copytree(spoken_edition[0], directory)
    manifest = directory / "edition.json"
    document = json.loads(manifest.read_text("utf-8"))
    document["listening"]["chapters"][2].update(wer=0.9, missing=["dear", "heather"])
    manifest.write_text(json.dumps(document), "utf-8")
    result = run_cli("check", str(directory), timeout=60)
    assert result.returncode == 1
    title = read_edition(directory).chapters[2].title
    assert f"FAILED: Chapter 3 ({title}) is not heard as written: word error rate 0.900, 2 of " in result.stdout


@pytest.mark.slow
def test_a_chapter_of_silence_and_one_of_another_chapters_audio_fail_by_name(spoken_edition, tmp_path):
    directory = tmp_path / REFERENCE_SLUG
    shutil.copytree(spoken_edition[0], directory)
    chapters = read_edition(directory).chapters
    silenced, replaced, source = 5, 15, 8  # Reason 2 of 6; Tip 4 of 7 gets Reason 5 of 6's audio
    tamper(directory, chapters, silenced, replaced, source)
    result = run_cli("check", "--listen", str(directory))
    assert result.returncode == 1
    failed = [line for line in chapter_lines(result.stdout) if line.startswith("FAILED")]
    assert failed == [
        next(line for line in result.stdout.splitlines()
             if line.startswith(f"FAILED: Chapter {number + 1} ({chapters[number].title}) is not heard as written"))
        for number in (silenced, replaced)]
    # Only those fail: the tampered MP3 keeps its tags and matches the manifest.
    assert sum(line.startswith("FAILED") for line in result.stdout.splitlines()) == 2


def tamper(directory, chapters, silenced: int, replaced: int, source: int) -> None:
    """Silence one chapter and give another a third chapter's audio, keeping every tag,
    and record the new MP3 in the manifest as a build would."""
    import miniaudio

    mp3 = directory / f"{REFERENCE_SLUG}.mp3"
    decoded = miniaudio.decode_file(str(mp3), output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1)
    rate = decoded.sample_rate
    audio = np.asarray(decoded.samples, dtype=np.float32)
    span = lambda c: slice(c.start_ms * rate // 1000, c.end_ms * rate // 1000)  # noqa: E731
    audio[span(chapters[silenced])] = 0
    target, donor = audio[span(chapters[replaced])], audio[span(chapters[source])].copy()
    target[:] = 0
    target[:min(len(target), len(donor))] = donor[:len(target)]
    tampered = directory / "tampered.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "-", "-i", str(mp3),
                    "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-id3v2_version", "3", "-b:a", "64k",
                    str(tampered)], input=audio.tobytes(), check=True)
    tampered.replace(mp3)
    manifest = directory / "edition.json"
    document = json.loads(manifest.read_text("utf-8"))
    document["files"][mp3.name] = file_entry(mp3)
    manifest.write_text(json.dumps(document), "utf-8")


@pytest.fixture
def garbling(tmp_path):
    """The garbling engine told to garble the tip that mentions a standoff, once."""
    pytest.importorskip("faster_whisper")
    log = tmp_path / "garbled.txt"
    return log, {"AUDIO_EDITION_GARBLE": "standoff", "AUDIO_EDITION_GARBLE_LOG": str(log)}


def build_garbled(tmp_path, env, *extra):
    return run_cli("build", str(ARTICLE), "--engine", "garbling", "--out", str(tmp_path / "out"),
                   "--cache-dir", str(tmp_path / "cache"), *extra, env=env)


ARTICLE = Path(__file__).parent / "articles" / "apology-steps.txt"
TIP = "chapter 5 (Tip 1 of 3: Pick A Calm Moment)"
# Nonsense scores 1.0; the short parts of this article, said right, up to 0.44.
THRESHOLD = "0.6"


@pytest.mark.slow
def test_build_verify_speaks_a_garbled_part_again_and_succeeds(tmp_path, garbling):
    log, env = garbling
    result = build_garbled(tmp_path, env, "--verify", "--threshold", THRESHOLD)
    assert result.returncode == 0, result.stderr
    assert len(log.read_text().splitlines()) == 1 and "standoff" in log.read_text()
    assert "Listened to 9 parts as spoken: 1 spoken again" in result.stdout
    assert "Not heard as written" not in result.stdout
    edition = tmp_path / "out" / "how-to-apologize-to-a-neighbor"
    checked = run_cli("check", "--listen", "--threshold", THRESHOLD, str(edition))
    assert checked.returncode == 0, checked.stdout


@pytest.mark.slow
def test_a_part_garbled_every_time_is_reported_after_three_tries(tmp_path, garbling):
    log, env = garbling
    result = build_garbled(tmp_path, {**env, "AUDIO_EDITION_GARBLE_TIMES": "3"}, "--verify", "--threshold", THRESHOLD)
    assert result.returncode == 0, result.stderr
    assert len(log.read_text().splitlines()) == 3
    assert "Listened to 9 parts as spoken: 1 spoken again" in result.stdout
    # The part is spoken in two calls, its announcement and its paragraph; the paragraph is garbled.
    report = next(line for line in result.stdout.splitlines() if line.startswith("Not heard as written"))
    assert report.startswith(f"Not heard as written after 3 tries: {TIP}: word error rate ")
    assert float(report.split("word error rate ")[1].split(";")[0]) > float(THRESHOLD)
    assert "knock when neither of you is rushing" in report


def test_verify_with_a_model_that_is_not_a_folder_is_one_error_before_anything_is_spoken(tmp_path):
    missing = tmp_path / "no-model"
    result = run_cli("build", str(ARTICLE), "--engine", "fake", "--verify", "--model", str(missing),
                     "--out", str(tmp_path / "out"))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: the recognizer's model '{missing}' is not a folder\n"
    assert not (tmp_path / "out").exists()
