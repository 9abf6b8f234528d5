"""The fake engine sounds enough like speech for mastering to work as it does on a voice:
peaky, syllable bursts, a level that moves, gaps; and the same text gives the same audio."""

import math

import numpy as np
import pytest

from audio_edition import engines
from audio_edition.engines import Voice
from audio_edition.engines.fake import SAMPLE_RATE, speech_like
from audio_edition.mastering import integrated_loudness

TEXT = ("Dear editors, my neighbour plays the drums at night and I cannot sleep. "
        "What should I say to him without starting a quarrel?")


def spoken(tmp_path, text=TEXT, voice=Voice()):
    chunks = list(engines.load("fake").speak(text, voice))
    assert [chunk.sample_rate for chunk in chunks] == [SAMPLE_RATE] * len(chunks)
    return np.frombuffer(b"".join(chunk.pcm for chunk in chunks), dtype="<i2").astype(np.float32) / 32768


def window_levels(samples, seconds=0.05):
    size = int(seconds * SAMPLE_RATE)
    frames = samples[: len(samples) // size * size].reshape(-1, size)
    return 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)


def test_it_speaks_for_as_long_as_the_words_take(tmp_path):
    assert len(spoken(tmp_path, " ".join(["word"] * 175))) / SAMPLE_RATE == pytest.approx(60, abs=0.1)
    assert len(spoken(tmp_path, "word " * 30, Voice(rate=90))) / SAMPLE_RATE == pytest.approx(20, abs=0.1)
    assert len(spoken(tmp_path, "")) == SAMPLE_RATE // 10


def test_its_peaks_stand_far_above_its_loudness_without_clipping(tmp_path):
    samples = spoken(tmp_path)
    peak_db = 20 * math.log10(float(np.max(np.abs(samples))))
    assert -6 < peak_db < -0.5
    assert peak_db - integrated_loudness(samples, SAMPLE_RATE) > 15


def test_it_comes_in_syllable_bursts_with_gaps_and_a_moving_level(tmp_path):
    levels = window_levels(spoken(tmp_path))
    voiced = levels > np.max(levels) - 30
    bursts = np.count_nonzero(voiced[1:] & ~voiced[:-1])
    seconds = len(levels) * 0.05
    assert 2 < bursts / seconds < 8, "syllables come a few times a second"
    assert np.count_nonzero(~voiced) > 0.15 * len(levels), "there are gaps between words"
    loud = levels[voiced]
    assert np.percentile(loud, 90) - np.percentile(loud, 10) > 6, "the level moves"


def test_the_same_text_and_voice_give_the_same_audio(tmp_path):
    assert np.array_equal(spoken(tmp_path), spoken(tmp_path))
    other = spoken(tmp_path, TEXT.replace("drums", "tuba"))
    assert len(other) == len(spoken(tmp_path)) and not np.array_equal(other, spoken(tmp_path))


@pytest.mark.parametrize("pitch", [120, 200, 280])
def test_the_strongest_frequency_is_the_voices_pitch(pitch):
    samples = speech_like("a sustained vowel", SAMPLE_RATE, pitch)
    spectrum = np.abs(np.fft.rfft(samples))
    strongest = np.argmax(spectrum) * SAMPLE_RATE / len(samples)
    assert strongest == pytest.approx(pitch, rel=0.15)


def test_it_fails_or_hangs_on_the_word_it_is_told(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIO_EDITION_FAKE_FAIL", "drums")
    with pytest.raises(engines.EngineError, match="told to fail on 'drums'"):
        spoken(tmp_path)
    spoken(tmp_path, "no such word here")
