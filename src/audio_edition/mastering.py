"""Master one segment: loudness to the target, peaks under the ceiling, MP3 encoding.

Runs in the speech workers, one segment at a time, so the work spreads over the
CPUs and a rebuild redoes only the segments that changed. Each segment is brought to
the target loudness on its own; the edition, made of such segments and silence
(which loudness gating ignores), measures at the same loudness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import lameenc
import miniaudio
import numpy as np
import pyebur128
from numpy.lib.stride_tricks import sliding_window_view

from audio_edition.loudness import OFFSET, integrated
from audio_edition.settings import MasteringSettings

MP3_FRAME_SAMPLES = 576
"""Samples per MP3 frame at the 22,050 and 24,000 Hz rates engines produce (MPEG-2)."""
ENCODER_DELAY = 1105
"""Samples of silence LAME puts before the audio: 576 + 529."""
_LIMITER_RELEASE_S = 0.010
_BLOCK = 32
_MAX_GAIN_DB = 30.0
_LEVELLING_STEPS = 6
_LOUDNESS_TOLERANCE = 0.2
_MODEL_PRECISION_DB = 0.005
ENCODING_LOSS_DB = 0.45
"""LAME's output measures this much quieter than its input (measured across all bands
at 64-96 kbps, 0.04 dB either way from part to part of real speech); the first gain
aims this much above the target to land on it."""


@dataclass(frozen=True)
class MasteredSegment:
    mp3: bytes
    samples: int
    """Decoded length of `mp3` in samples (whole frames)."""
    loudness: float
    """The speech's integrated loudness before mastering, LUFS."""
    blocks: tuple[float, ...]
    """Loudness of each 400 ms gating block of the decoded MP3 (BS.1770, 100 ms apart)."""
    true_peak: float
    """True peak of the decoded MP3, dBTP."""


def master(speech: np.ndarray, sample_rate: int, pause_samples: int, settings: MasteringSettings) -> MasteredSegment:
    """Master `speech` (float samples in [-1, 1]) and encode it followed by the pause."""
    loudness = integrated_loudness(speech, sample_rate)
    mp3, (samples, blocks, true_peak) = _level(speech, sample_rate, pause_samples, loudness, settings)
    return MasteredSegment(mp3, samples, loudness, blocks, true_peak)


def measure_encoded(mp3: bytes, sample_rate: int) -> tuple[int, tuple[float, ...], float]:
    """Decode `mp3` and measure what listeners get: its length in samples (whole frames:
    the stream is bare, so nothing is trimmed), the loudness of every gating block and
    the true peak. Blocks from all segments combine into the edition's integrated
    loudness (`loudness.integrated`), so a rebuild measures only what changed."""
    decoded = miniaudio.mp3_read_f32(mp3)  # as encoded: no conversion that could hide a wrong rate
    if (decoded.sample_rate, decoded.nchannels) != (sample_rate, 1):
        raise ValueError(f"the encoder made {decoded.nchannels} channel(s) at {decoded.sample_rate} Hz, "
                         f"not one at {sample_rate} Hz")
    samples = np.frombuffer(decoded.samples, dtype=np.float32)
    return len(samples), gating_blocks(samples, sample_rate), true_peak(samples, sample_rate)


def gating_blocks(samples: np.ndarray, sample_rate: int) -> tuple[float, ...]:
    """The loudness (LUFS, to the thousandth) of every 400 ms gating block, 100 ms apart."""
    return tuple(round(block, 3) for block in _block_loudness(samples, sample_rate).tolist())


def _block_loudness(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """The loudness (LUFS) of every 400 ms gating block, 100 ms apart (BS.1770).

    libebur128 K-weights the samples; each block's energy is the mean of its four
    100 ms hops', read hop by hop as the loudness of the last 100 ms: a sum over each
    sample once, where libebur128's own blocks (its momentary loudness, or its
    integrated loudness's gating) sum each sample four times. The same blocks over the
    reference's parts, in three quarters of the time."""
    state = pyebur128.R128State(1, sample_rate, pyebur128.MeasurementMode.MODE_M)
    hop = sample_rate // 10
    hops = []
    for start in range(0, len(samples) - hop + 1, hop):
        state.add_frames(samples[start:start + hop], hop)
        hops.append(pyebur128.get_loudness_window(state, 100))
    energy = 10 ** ((np.array(hops) - OFFSET) / 10)
    blocks = (energy[:-3] + energy[1:-2] + energy[2:-1] + energy[3:]) / 4
    with np.errstate(divide="ignore"):  # a silent block is -inf, as libebur128 has it
        return OFFSET + 10 * np.log10(blocks)


TRUE_PEAK_REACH_DB = 6.0
"""How far below the loudest sample an inter-sample peak could still be the highest:
between samples a band-limited signal rises at most about 3 dB above its neighbours
(a full-scale tone at a quarter of the rate, sampled off its crests), so twice that."""
_TRUE_PEAK_CONTEXT = 16
"""Samples kept on each side of a loud stretch: more than the 4x oversampling filter's
reach (49 taps at the oversampled rate, about 12 samples)."""


def true_peak(samples: np.ndarray, sample_rate: int) -> float:
    """The true peak in dBTP, by libebur128's 4x oversampling, run only over the
    stretches where a sample comes within `TRUE_PEAK_REACH_DB` of the loudest: the peak
    between samples is there, for a fraction of the work of oversampling everything.

    The stretches, each with its context, are measured joined end to end. A join lies
    between two quiet samples (below the threshold, half the loudest at most), so what
    the filter makes of it stays well under the loudest sample and cannot be taken for
    the peak."""
    magnitude = np.abs(samples)
    loudest = float(magnitude.max()) if len(samples) else 0.0
    if loudest == 0.0:
        return -math.inf
    loud = np.flatnonzero(magnitude >= loudest * 10 ** (-TRUE_PEAK_REACH_DB / 20))
    del magnitude  # four bytes a sample, not needed for the marks below
    breaks = np.flatnonzero(np.diff(loud) > 2 * _TRUE_PEAK_CONTEXT)
    # The stretches do not overlap (they are more than twice the context apart): the
    # part is quiet and loud runs in turn, from the start, picked out by a mask of a
    # byte a sample repeated from their lengths.
    bounds = np.empty(2 * len(breaks) + 4, dtype=np.int64)
    bounds[0], bounds[-1] = 0, len(samples)
    bounds[1:-1:2] = np.maximum(loud[np.r_[0, breaks + 1]] - _TRUE_PEAK_CONTEXT, 0)
    bounds[2:-1:2] = np.minimum(loud[np.r_[breaks, len(loud) - 1]] + _TRUE_PEAK_CONTEXT + 1, len(samples))
    loud_runs = np.zeros(len(bounds) - 1, dtype=np.bool_)
    loud_runs[1::2] = True
    stretches = samples[np.repeat(loud_runs, np.diff(bounds))]
    state = pyebur128.R128State(1, sample_rate, pyebur128.MeasurementMode.MODE_TRUE_PEAK)
    state.add_frames(stretches, len(stretches))
    return round(20 * math.log10(pyebur128.get_true_peak(state, 0)), 3)


def integrated_loudness(samples: np.ndarray, sample_rate: int) -> float:
    """BS.1770 integrated loudness in LUFS (-inf for silence): its gating blocks, gated
    (the same as libebur128's own to 1e-14 dB over the reference's parts)."""
    return integrated(_block_loudness(np.ascontiguousarray(samples, dtype=np.float32), sample_rate).tolist())


def _level(speech: np.ndarray, sample_rate: int, pause_samples: int, loudness: float,
           settings: MasteringSettings) -> tuple[bytes, tuple[int, tuple[float, ...], float]]:
    """Bring `speech` to the target loudness with its peaks under the ceiling, encode it
    followed by the pause, and measure the MP3 (`measure_encoded`).

    Synthetic speech is peaky (peak-to-loudness near 20 dB), so reaching -16 LUFS
    under -1 dBTP takes a limiter, and limiting lowers the loudness. The first gain is
    the `LimitingModel`'s; from there the secant method on the loudness of what LAME
    made goes on while it is off by the tolerance or more. The encoded part is decoded
    and measured for its record anyway, so judging the attempt by that measure costs
    nothing more, and is judged by what listeners get."""
    if not math.isfinite(loudness):  # silence: nothing to level
        mp3 = _encode(speech, pause_samples, sample_rate, settings)
        return mp3, measure_encoded(mp3, sample_rate)
    ceiling = 10 ** (settings.ceiling_db / 20)

    def attempt(gain_db: float) -> tuple[bytes, tuple[int, tuple[float, ...], float], float]:
        levelled = _limit(speech * np.float32(10 ** (gain_db / 20)), ceiling, sample_rate)
        mp3 = _encode(levelled, pause_samples, sample_rate, settings)
        measured = measure_encoded(mp3, sample_rate)
        return mp3, measured, integrated(measured[1]) - settings.loudness

    model = LimitingModel(speech, sample_rate, ceiling)
    gains = [model.gain_for(settings.loudness + ENCODING_LOSS_DB - loudness)]
    mp3, measured, error = attempt(gains[0])
    errors = [error]
    for _ in range(_LEVELLING_STEPS):
        if abs(errors[-1]) < _LOUDNESS_TOLERANCE:
            break
        slope = model.slope(gains[-1]) if len(gains) < 2 else (errors[-1] - errors[-2]) / (gains[-1] - gains[-2] or 1e-6)
        gains.append(min(_MAX_GAIN_DB, gains[-1] - errors[-1] / max(slope, 0.1)))
        mp3, measured, error = attempt(gains[-1])
        errors.append(error)
    return mp3, measured


class LimitingModel:
    """How much louder `speech` gets for a gain, once `_limit` holds its peaks under the
    ceiling: a cheap stand-in for limiting and measuring, so that the levelling's first
    attempt is nearly always its last.

    The speech is cut into stretches as long as the limiter's hold; a stretch whose
    peak the gain would take over the ceiling is scaled down to it, as the held gain
    does, and the loudness moves with the energy of all stretches (K-weighting and
    gating left out). On the reference's parts the first attempt then lands within the
    tolerance for all 21 under espeak-ng and 19 of 21 under piper, where a fixed guess
    of the limiter's loss needed 1.67 and 2 attempts a part. Where the model is off
    (clicks, or the test engine's sound, which limiting bites harder), the measured
    search goes on from there as before."""

    def __init__(self, speech: np.ndarray, sample_rate: int, ceiling: float) -> None:
        stretch = _hold_blocks(sample_rate) * _BLOCK
        whole = speech[: len(speech) // stretch * stretch].reshape(-1, stretch)
        peaks = np.maximum(whole.max(axis=1, initial=0.0), -whole.min(axis=1, initial=0.0)).astype(np.float64)
        energies = np.einsum("ij,ij->i", whole, whole).astype(np.float64)
        order = np.argsort(peaks)
        self._peaks = peaks[order]
        # Energies summed from the quietest peak up, plain and divided by the peak squared.
        self._energy = np.concatenate(([0.0], np.cumsum(energies[order])))
        self._energy_over_peak = np.concatenate(([0.0], np.cumsum(energies[order] / np.maximum(self._peaks, 1e-9) ** 2)))
        self._ceiling = ceiling

    def rise(self, gain_db: float) -> float:
        """How much louder (dB) the speech is with `gain_db`, its peaks limited; at most `gain_db`."""
        if not len(self._peaks) or self._energy[-1] <= 0:
            return gain_db  # too short or silent for the model: limiting ignored
        gain = 10 ** (gain_db / 20)
        unlimited = int(np.searchsorted(self._peaks, self._ceiling / gain, side="right"))
        limited = (self._energy_over_peak[-1] - self._energy_over_peak[unlimited]) * (self._ceiling / gain) ** 2
        return gain_db + 10 * math.log10((self._energy[unlimited] + limited) / self._energy[-1])

    def gain_for(self, rise_db: float) -> float:
        """The gain that makes the speech `rise_db` louder, limited (bisection: the rise
        grows with the gain, and is at most the gain)."""
        low, high = rise_db, rise_db + _MAX_GAIN_DB
        while high - low > _MODEL_PRECISION_DB:
            middle = (low + high) / 2
            low, high = (middle, high) if self.rise(middle) < rise_db else (low, middle)
        return (low + high) / 2

    def slope(self, gain_db: float) -> float:
        """dB of loudness per dB of gain near `gain_db`."""
        return max(0.1, (self.rise(gain_db + 0.5) - self.rise(gain_db - 0.5)))


def _hold_blocks(sample_rate: int) -> int:
    """How many of the limiter's blocks its hold spans (odd, at least three)."""
    return max(3, int(_LIMITER_RELEASE_S * sample_rate / _BLOCK)) | 1


def _limit(samples: np.ndarray, ceiling: float, sample_rate: int) -> np.ndarray:
    """A look-ahead peak limiter working on short blocks.

    Each block gets the gain its loudest sample needs; the minimum over a window holds
    the reduction around every peak and an average over half that window smooths it,
    so no peak passes and the gain moves without clicks. The gain ramps linearly from
    block to block, built in one buffer to keep memory flat."""
    if len(samples) == 0 or max(float(samples.max()), -float(samples.min())) <= ceiling:
        return samples
    blocks = -(-len(samples) // _BLOCK)
    buffer = np.zeros(blocks * _BLOCK, dtype=np.float32)
    np.abs(samples, out=buffer[: len(samples)])
    # Each block's loudest sample; `reduceat` is faster here than a maximum over rows of 32.
    loudest = np.maximum.reduceat(buffer, np.arange(0, len(buffer), _BLOCK))
    needed = np.minimum(1.0, ceiling / np.maximum(loudest, 1e-9))
    hold = _hold_blocks(sample_rate)
    held = sliding_window_view(np.pad(needed, hold // 2, mode="edge"), hold).min(axis=1)
    smooth = hold // 2 | 1
    smoothed = np.convolve(np.pad(held, smooth // 2, mode="edge"), np.ones(smooth) / smooth, mode="valid")
    start = np.minimum(smoothed, held).astype(np.float32)
    step = np.append(start[1:], start[-1]) - start
    gain = buffer.reshape(blocks, _BLOCK)
    np.multiply(step[:, None], np.arange(_BLOCK, dtype=np.float32)[None, :] / _BLOCK, out=gain)
    gain += start[:, None]
    limited = gain.reshape(-1)[: len(samples)]
    limited *= samples
    # A safety net: no sample may pass the ceiling whatever the smoothing did.
    return np.clip(limited, -ceiling, ceiling, out=limited)


def _encode(speech: np.ndarray, pause_samples: int, sample_rate: int, settings: MasteringSettings) -> bytes:
    """Encode the speech, then the pause, with one LAME encoder: no joined copy."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(settings.bitrate_kbps)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(settings.quality)
    np.clip(speech, -1.0, 1.0, out=speech)
    speech *= 32767
    mp3 = bytearray()
    for start in range(0, len(speech), sample_rate):  # a second at a time: no full-length copies
        mp3 += encoder.encode(speech[start:start + sample_rate].astype("<i2").tobytes())
    mp3 += encoder.encode(bytes(2 * pause_samples))
    mp3 += encoder.flush()
    return bytes(mp3)
