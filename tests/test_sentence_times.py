"""Sentence times under pyttsx3 come from espeak-ng's own sentence events, not an estimate."""

import subprocess

import numpy as np
import pytest

from audio_edition import engines
from audio_edition.cache import SegmentCache
from audio_edition.engines import Voice
from audio_edition.settings import MasteringSettings
from audio_edition.speak import SpeechJob, WorkerConfig, WorkerPool
from audio_edition.render import reported_starts


def test_reported_starts_are_taken_where_every_sentence_was_reported_in_order():
    sentences = ["One two.", "Three four five.", "Six."]  # offsets 0, 9, 26
    assert reported_starts(sentences, [(0, 0.0), (9, 1.0), (26, 2.5)], 22050 * 3) == [0, 22050, 55125]
    # an extra sentence the engine found inside one of ours is passed over
    assert reported_starts(sentences, [(0, 0.0), (5, 0.4), (9, 1.0), (26, 2.5)], 22050 * 3) == [0, 22050, 55125]


@pytest.mark.parametrize("times, samples", [
    (None, 22050 * 3),
    ([], 22050 * 3),
    ([(0, 0.0), (9, 1.0)], 22050 * 3),  # the last sentence was not reported
    ([(0, 0.0), (10, 1.0), (26, 2.5)], 22050 * 3),  # reported at another place
    ([(0, 0.0), (9, 2.0), (26, 1.5)], 22050 * 3),  # out of order
    ([(0, 0.0), (9, 1.0), (26, 2.5)], 22050 * 2),  # beyond the audio
])
def test_a_report_that_does_not_fit_is_not_used(times, samples):
    assert reported_starts(["One two.", "Three four five.", "Six."], times, samples) is None


# Pauses inside the second sentence and long words in the third: a length-proportional
# estimate is off here by up to a second.
UNEVEN = ("Yes.", "Ah, oh, eh, uh, um, well, so, hmm.", "Incomprehensibilities notwithstanding, characteristically.",
          "Go.")


def _onsets(samples: np.ndarray, rate: int, speech_rms: float) -> list[int]:
    """Where speech resumes after at least 100 ms of quiet (10 ms windows)."""
    window = rate // 100
    power = np.convolve(samples ** 2, np.ones(window) / window)[window - 1:]
    loud = np.sqrt(power) > 0.1 * speech_rms
    onsets, quiet = [], 0
    for index in np.flatnonzero(np.diff(loud.astype(np.int8)) != 0) + 1:
        if loud[index] and index - quiet >= rate // 10:
            onsets.append(int(index))
        elif not loud[index]:
            quiet = index
    return onsets


@pytest.mark.slow
@pytest.mark.skipif(engines.unavailable("pyttsx3") is not None, reason="pyttsx3 cannot run here")
def test_pyttsx3_sentences_start_where_the_speech_of_each_begins(tmp_path):
    from audio_edition.render import ENCODER_DELAY, sentence_starts

    job = SpeechJob("key0", UNEVEN, Voice(), 500, "part 1")
    with WorkerPool(WorkerConfig("pyttsx3", tmp_path / "cache", MasteringSettings()), 1) as pool:
        record = pool.run([job])["key0"]
    mp3 = SegmentCache(tmp_path / "cache").audio_path("key0")
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"],
                         capture_output=True, check=True).stdout
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    speech_rms = np.sqrt(np.mean(samples[: record.speech_samples] ** 2))
    onsets = _onsets(samples, record.sample_rate, speech_rms)
    tolerance = record.sample_rate // 50  # 20 ms
    assert len(record.sentence_starts) == len(UNEVEN)
    for start in record.sentence_starts[1:]:
        assert min(abs(start - onset) for onset in onsets) < tolerance, (start, onsets)
    estimated = [ENCODER_DELAY + s for s in sentence_starts(UNEVEN, record.speech_samples - ENCODER_DELAY)]
    assert max(abs(e - r) for e, r in zip(estimated, record.sentence_starts)) > 10 * tolerance
