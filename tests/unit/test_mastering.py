"""Mastering: peaky test signals through the limiter and the loudness levelling, measured
after MP3 decoding with libebur128 (true peak) as listeners get them."""

import io
import math

import miniaudio
import numpy as np
import pyebur128
import pytest

from audio_edition import loudness, mastering
from audio_edition.engines.fake import speech_like
from audio_edition.mastering import MP3_FRAME_SAMPLES, integrated_loudness, master, measure_encoded
from audio_edition.settings import MasteringSettings

RATE = 22050


def pulses(seconds: float, per_second: float = 4, width: int = 3, level: float = 0.9, seed: int = 1) -> np.ndarray:
    """Clicks over a quiet hum: peaks ~30 dB above the loudness, the hardest case for a limiter."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    signal = 0.02 * np.sin(2 * np.pi * 150 * t) + 0.005 * rng.standard_normal(len(t))
    for start in (np.arange(0, seconds, 1 / per_second) * RATE).astype(int):
        signal[start:start + width] = level * rng.choice([-1, 1])
    return signal.astype(np.float32)


def speech(seconds: float, text: str = "a test of the limiter with words of every length") -> np.ndarray:
    return speech_like(" ".join([text] * int(seconds * 3)), int(seconds * RATE), 140)


def decoded(mp3: bytes) -> np.ndarray:
    result = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=RATE)
    return np.frombuffer(result.samples, dtype=np.float32)


def true_peak_dbtp(samples: np.ndarray) -> float:
    state = pyebur128.R128State(1, RATE, pyebur128.MeasurementMode.MODE_TRUE_PEAK)
    state.add_frames(np.ascontiguousarray(samples, dtype=np.float32), len(samples))
    return 20 * math.log10(pyebur128.get_true_peak(state, 0))


def crest_db(samples: np.ndarray) -> float:
    return 20 * math.log10(float(np.max(np.abs(samples)))) - integrated_loudness(samples, RATE)


@pytest.mark.parametrize("signal", [speech(8), pulses(6), speech(5) * 0.2], ids=["speech", "clicks", "quiet speech"])
def test_mastered_audio_is_on_target_with_its_true_peak_under_the_ceiling(signal):
    settings = MasteringSettings()
    result = master(signal.copy(), RATE, RATE // 2, settings)
    audio = decoded(result.mp3)
    assert true_peak_dbtp(audio) <= -1.0
    assert result.true_peak == pytest.approx(true_peak_dbtp(audio), abs=0.05)
    assert integrated_loudness(audio, RATE) == pytest.approx(settings.loudness, abs=0.6)
    assert loudness.integrated(result.blocks) == pytest.approx(integrated_loudness(audio, RATE), abs=0.3)


def test_the_fake_engines_speech_needs_the_limiter_to_reach_the_target():
    signal = speech(8)
    gain_to_target = MasteringSettings().loudness - integrated_loudness(signal, RATE)
    peak_at_target = 20 * math.log10(float(np.max(np.abs(signal)))) + gain_to_target
    assert crest_db(signal) > 15
    assert peak_at_target > MasteringSettings().ceiling_db + 6


@pytest.mark.parametrize("target", [-20.0, -18.0, -16.0])
def test_other_targets_are_met_too(target):
    result = master(speech(6), RATE, 0, MasteringSettings(loudness=target))
    assert integrated_loudness(decoded(result.mp3), RATE) == pytest.approx(target, abs=0.6)
    assert result.loudness == pytest.approx(integrated_loudness(speech(6), RATE), abs=0.01)


@pytest.mark.parametrize("ceiling", [-6.0, -3.0])
def test_the_limiter_holds_every_sample_at_the_ceiling(ceiling):
    level = 10 ** (ceiling / 20)
    for signal in (pulses(2) * 4, speech(3) * 8):
        limited = mastering._limit(signal.copy(), level, RATE)
        assert float(np.max(np.abs(limited))) <= level * 1.0001
        assert len(limited) == len(signal)


def test_the_limiter_leaves_quiet_audio_alone_and_touches_only_what_is_near_a_peak():
    quiet = speech(2) * 0.1
    assert np.array_equal(mastering._limit(quiet.copy(), 0.7, RATE), quiet)
    signal = np.full(RATE, 0.1, dtype=np.float32)
    signal[RATE // 2] = 1.0  # one loud sample in the middle of a steady level
    limited = mastering._limit(signal.copy(), 0.5, RATE)
    assert limited[RATE // 2] == pytest.approx(0.5, abs=0.01)
    far = np.r_[0:RATE // 4, 3 * RATE // 4:RATE]  # more than 0.25 s from the peak
    assert np.allclose(limited[far], 0.1)
    near = limited[RATE // 2 - 200:RATE // 2 + 200]
    assert np.max(np.abs(np.diff(near[near < 0.2]))) < 0.01, "the gain moves without a click"


def test_a_peaky_signal_at_a_lower_ceiling_keeps_its_true_peak_lower():
    low = master(speech(6), RATE, 0, MasteringSettings(ceiling_db=-6.0))
    high = master(speech(6), RATE, 0, MasteringSettings(ceiling_db=-2.0))
    assert true_peak_dbtp(decoded(low.mp3)) <= -5.0
    assert true_peak_dbtp(decoded(low.mp3)) < true_peak_dbtp(decoded(high.mp3)) - 2


def test_silence_stays_silent_and_keeps_its_length():
    result = master(np.zeros(RATE, dtype=np.float32), RATE, RATE, MasteringSettings())
    assert result.loudness == -math.inf and result.true_peak == -math.inf
    assert np.max(np.abs(decoded(result.mp3))) < 1e-3
    assert result.samples >= 2 * RATE


def test_the_length_counts_speech_pause_and_padding_in_whole_frames():
    signal, pause = speech(3), RATE // 3
    result = master(signal.copy(), RATE, pause, MasteringSettings())
    assert result.samples % MP3_FRAME_SAMPLES == 0
    assert result.samples == len(decoded(result.mp3))
    assert len(signal) + pause <= result.samples <= len(signal) + pause + mastering.ENCODER_DELAY + 2 * MP3_FRAME_SAMPLES


@pytest.mark.parametrize("kbps", [32, 64, 96])
def test_the_length_is_every_frame_decoded_at_every_bitrate(kbps):
    """Frames are counted by decoding: each frame holds 576 samples, none trimmed."""
    result = master(speech(2), RATE, 0, MasteringSettings(bitrate_kbps=kbps))
    frames = len(decoded(result.mp3)) // MP3_FRAME_SAMPLES
    assert result.samples == frames * MP3_FRAME_SAMPLES == len(decoded(result.mp3))
    assert frames == _frame_headers(result.mp3)


def _frame_headers(mp3: bytes) -> int:
    """How many MPEG-2 Layer III frames a bare stream holds, by walking its headers."""
    bitrates = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
    offset = frames = 0
    while offset + 4 <= len(mp3):
        header = int.from_bytes(mp3[offset:offset + 4], "big")
        assert header >> 21 == 0x7FF
        offset += 72 * bitrates[(header >> 12) & 0xF] * 1000 // {0: 22050, 1: 24000, 2: 16000}[(header >> 10) & 3]
        offset += (header >> 9) & 1
        frames += 1
    return frames


def libebur128_blocks(audio: np.ndarray) -> list[float]:
    """libebur128's own momentary loudness after every 100 ms from the fourth on."""
    state = pyebur128.R128State(1, RATE, pyebur128.MeasurementMode.MODE_M)
    hop, blocks = RATE // 10, []
    for index, start in enumerate(range(0, len(audio) - hop + 1, hop)):
        state.add_frames(audio[start:start + hop].copy(), hop)
        if index >= 3:
            blocks.append(round(pyebur128.get_loudness_momentary(state), 3))
    return blocks


def test_encoded_blocks_are_libebur128s_momentary_loudness_every_100_ms():
    # Speech with a second of silence inside and after it: blocks far under the gate too.
    quiet = np.zeros(RATE, dtype=np.float32)
    result = master(np.concatenate([speech(3), quiet, speech(2, "and more words")]), RATE, RATE, MasteringSettings())
    audio = decoded(result.mp3)
    assert len(result.blocks) == len(audio) // (RATE // 10) - 3
    assert list(result.blocks) == libebur128_blocks(audio)
    assert min(result.blocks) < loudness.ABSOLUTE_GATE - 100
    assert measure_encoded(result.mp3, RATE) == (result.samples, result.blocks, result.true_peak)


@pytest.mark.parametrize("signal", [speech(6), pulses(5), np.concatenate([speech(2), np.zeros(3 * RATE), 0.01 * speech(2)]),
                                    speech(0.3), np.zeros(RATE)], ids=["speech", "clicks", "loud-and-faint", "short", "silence"])
def test_integrated_loudness_is_libebur128s(signal):
    state = pyebur128.R128State(1, RATE, pyebur128.MeasurementMode.MODE_I)
    state.add_frames(signal.astype(np.float32), len(signal))
    expected = pyebur128.get_loudness_global(state)
    measured = integrated_loudness(signal, RATE)
    assert measured == expected or measured == pytest.approx(expected, abs=1e-9)


def test_integrated_loudness_of_blocks_follows_bs1770_gating():
    assert loudness.integrated([]) == -math.inf
    assert loudness.integrated([-80.0, -75.0]) == -math.inf  # all under the absolute gate
    assert loudness.integrated([-20.0, -20.0]) == pytest.approx(-20.0)
    # -35 is more than 10 LU under the mean of the rest: the relative gate drops it.
    assert loudness.integrated([-20.0, -20.0, -35.0]) == pytest.approx(-20.0, abs=0.01)
    assert loudness.integrated([-20.0, -26.0]) == pytest.approx(-20 + 10 * math.log10((1 + 10 ** -0.6) / 2))
    assert loudness.integrated([-20.0, -69.9, -80.0]) == pytest.approx(-20.0, abs=0.01)


def test_block_loudness_combines_across_segments_like_one_measurement():
    first, second = speech(4, "one part"), speech(5, "another part with other words") * 0.5
    blocks = measure_encoded(master(first.copy(), RATE, RATE, MasteringSettings()).mp3, RATE)[1]
    blocks += measure_encoded(master(second.copy(), RATE, RATE, MasteringSettings()).mp3, RATE)[1]
    joined = np.concatenate([decoded(master(s.copy(), RATE, RATE, MasteringSettings()).mp3) for s in (first, second)])
    assert loudness.integrated(blocks) == pytest.approx(integrated_loudness(joined, RATE), abs=0.3)


@pytest.mark.parametrize("signal", [speech(6), pulses(4)], ids=["speech", "clicks"])
@pytest.mark.parametrize("settings", [MasteringSettings(), MasteringSettings(loudness=-19.0, ceiling_db=-6.0)],
                         ids=["default", "quieter"])
def test_levelling_lands_on_the_target_with_the_peaks_at_the_ceiling(signal, settings):
    mp3, (samples, blocks, peak) = mastering._level(signal.copy(), RATE, RATE // 2,
                                                    integrated_loudness(signal, RATE), settings)
    audio = decoded(mp3)
    assert (samples, blocks, peak) == measure_encoded(mp3, RATE)
    assert loudness.integrated(blocks) == pytest.approx(settings.loudness, abs=0.2)
    assert integrated_loudness(audio, RATE) == pytest.approx(settings.loudness, abs=0.2)
    # The limiter took the peaks to the ceiling; LAME moves them a little either way.
    assert float(np.max(np.abs(audio))) == pytest.approx(10 ** (settings.ceiling_db / 20), rel=0.12)


def test_the_limiter_turns_the_gain_down_rather_than_clipping():
    t = np.arange(RATE) / RATE
    loud_tone = (0.9 * np.sin(2 * np.pi * 200 * t)).astype(np.float32)
    limited = mastering._limit(loud_tone.copy(), 0.5, RATE)
    # Clipping would flatten every crest at the ceiling; a gain keeps them round.
    assert np.mean(np.abs(limited) >= 0.5 * 0.9999) < 0.02
    assert np.max(np.abs(limited)) <= 0.5


@pytest.mark.parametrize("kbps", [48, 64])
def test_the_mp3_is_mono_at_the_rate_and_bitrate_asked_for(kbps):
    from mutagen.mp3 import MP3

    info = MP3(io.BytesIO(master(speech(2), RATE, 0, MasteringSettings(bitrate_kbps=kbps)).mp3)).info
    assert (info.channels, info.sample_rate, info.bitrate) == (1, RATE, kbps * 1000)


def test_the_limiter_looks_ahead_and_lets_go_within_ten_milliseconds():
    signal = np.full(RATE, 0.1, dtype=np.float32)
    peak = RATE // 2
    signal[peak] = 1.0
    limited = mastering._limit(signal.copy(), 0.5, RATE)
    changed = np.nonzero(np.abs(limited - signal) > 1e-6)[0] - peak
    ten_ms = RATE // 100
    assert -ten_ms <= changed.min() < -ten_ms // 2, "the gain is down before the peak arrives"
    assert ten_ms // 2 < changed.max() <= ten_ms, "and back up soon after it"
    assert np.allclose(limited[peak - 3:peak + 4], [0.05, 0.05, 0.05, 0.5, 0.05, 0.05, 0.05])


def _oversampled_everywhere(samples: np.ndarray, rate: int) -> float:
    state = pyebur128.R128State(1, rate, pyebur128.MeasurementMode.MODE_TRUE_PEAK)
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    state.add_frames(samples, len(samples))
    return round(20 * math.log10(pyebur128.get_true_peak(state, 0)), 3)


_RATE = 22050
_N = np.arange(_RATE)


@pytest.mark.parametrize("name, samples", [
    ("a tone at a quarter of the rate, sampled off its crests", 0.5 * np.sin(2 * np.pi * _N / 4 + np.pi / 4)),
    ("a tone near the top of the band", 0.5 * np.sin(2 * np.pi * 0.45 * _N)),
    ("noise", np.random.default_rng(7).standard_normal(_RATE) * 0.1),
    ("rare clicks over a murmur", np.where(_N % 5000 == 0, 0.9, 0.01 * np.sin(_N))),
    ("a click against the start", np.r_[0.8, np.zeros(100), 0.2 * np.ones(50)]),
    # The tone's samples stay 1 dB under the click, but its crests, between them, rise above it.
    ("a tone whose crests between samples top the loudest sample",
     np.r_[np.zeros(500), 0.8, np.zeros(500), 0.98 * np.sin(2 * np.pi * _N[:2000] / 4 + np.pi / 4)]),
    ("mastered speech", None),
])
def test_the_true_peak_measured_near_loud_samples_is_the_peak_over_everything(name, samples):
    if samples is None:
        mp3 = master(speech_like("word " * 400, _RATE * 20, 150), _RATE, 500, MasteringSettings()).mp3
        samples = np.frombuffer(miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1,
                                                 sample_rate=_RATE).samples, dtype=np.float32)
    assert mastering.true_peak(samples.astype(np.float32), _RATE) == _oversampled_everywhere(samples, _RATE)


def test_the_true_peak_of_silence_is_minus_infinity():
    assert mastering.true_peak(np.zeros(1000, dtype=np.float32), _RATE) == -math.inf
    assert mastering.true_peak(np.zeros(0, dtype=np.float32), _RATE) == -math.inf


def test_an_encoder_that_changes_the_rate_is_caught_not_measured_at_a_wrong_length():
    """At 7 kbps LAME falls back to MPEG-2.5 at 8 kHz: every length would be wrong."""
    with pytest.raises(ValueError, match="the encoder made 1 channel\\(s\\) at 8000 Hz, not one at 22050 Hz"):
        master(speech(1), RATE, 0, MasteringSettings(bitrate_kbps=7))


def _measured_rise(signal: np.ndarray, gain_db: float, ceiling: float) -> float:
    limited = mastering._limit(signal * np.float32(10 ** (gain_db / 20)), ceiling, RATE)
    return integrated_loudness(limited, RATE) - integrated_loudness(signal, RATE)


@pytest.mark.parametrize("signal", [speech(8), speech(20, "another voice, other words and a pause"), speech(5) * 0.2],
                         ids=["speech", "long speech", "quiet speech"])
def test_the_limiting_model_tells_the_rise_a_gain_gives_where_levelling_needs_it(signal):
    """Up to the gains that bring speech to the target (some 7 dB of rise), the model is
    within half a dB of limiting and measuring; it never promises more than the gain."""
    ceiling = 10 ** (MasteringSettings().ceiling_db / 20)
    model = mastering.LimitingModel(signal, RATE, ceiling)
    needed = MasteringSettings().loudness - integrated_loudness(signal, RATE)
    for gain_db in (0.0, needed / 2, needed, needed + 3):
        assert model.rise(gain_db) <= gain_db + 1e-9
        if model.rise(gain_db) <= 7.5:
            assert model.rise(gain_db) == pytest.approx(_measured_rise(signal, gain_db, ceiling), abs=0.5)
    rises = [model.rise(g) for g in np.arange(0.0, 30.0, 0.5)]
    assert rises == sorted(rises)
    assert model.rise(model.gain_for(needed)) == pytest.approx(needed, abs=0.01)
    assert 0.1 <= model.slope(model.gain_for(needed)) <= 1.0


def test_levelling_still_measures_its_way_to_the_target_where_the_model_is_far_off(monkeypatch):
    """Clicks over a hum: the model overestimates what the limited clicks add, and the
    measured search corrects it."""
    measured = []
    real = mastering.measure_encoded
    monkeypatch.setattr(mastering, "measure_encoded", lambda *args: measured.append(1) or real(*args))
    result = master(pulses(6), RATE, 0, MasteringSettings())
    assert len(measured) >= 2
    assert integrated_loudness(decoded(result.mp3), RATE) == pytest.approx(MasteringSettings().loudness, abs=0.2)


def test_a_model_too_short_to_hold_a_stretch_leaves_the_search_to_measuring():
    short = np.full(50, 0.5, dtype=np.float32)
    assert mastering.LimitingModel(short, RATE, 0.7).rise(6.0) == 6.0
    mp3, (samples, blocks, _) = mastering._level(short.copy(), RATE, 0, integrated_loudness(short, RATE),
                                                 MasteringSettings())
    assert samples >= 50 and len(decoded(mp3)) == samples and blocks == ()


def test_seeking_the_true_peak_of_a_long_part_takes_little_more_memory_than_the_part():
    """A minute of speech: the search's working arrays stay near five bytes a sample
    (the magnitudes, then a byte a sample for the stretches' marks), not the platform
    integers a running sum would otherwise take."""
    import tracemalloc

    signal = speech(60)
    signal *= np.float32(0.7 / float(np.max(np.abs(signal))))
    tracemalloc.start()
    try:
        mastering.true_peak(signal, RATE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * len(signal)
