"""A speech worker: one process, one loaded engine, one part at a time.

Started by `speak.WorkerPool` as ``python -m audio_edition.worker FD``: it reads its
configuration, then jobs, from the connection on FD, and answers each job with the
part's cache record or the reason it failed.
"""

from __future__ import annotations

import ctypes
import hashlib
import sys
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Sequence

import numpy as np

from audio_edition import engines
from audio_edition.cache import SegmentCache, SegmentRecord
from audio_edition.engines import Voice
from audio_edition.listen import Heard, ListenSettings
from audio_edition.mastering import ENCODER_DELAY, master
from audio_edition.speak import EDITION_SAMPLE_RATE, RESPEAK_LIMIT, SpeechJob, Verified, WorkerConfig

CHUNK_WORDS = 80
"""At most this many words go to the engine in one call: pyttsx3 slows down
quadratically with the length of one call, and each call's start is an exact time.
An engine may ask for fewer with a `words_per_call` attribute (0: one sentence a call)."""


def main(fd: int) -> None:
    connection = Connection(fd)
    config: WorkerConfig = connection.recv()
    try:
        engine = engines.load(config.engine)
    except Exception as exc:
        connection.send(("failed", str(exc)))
        return
    cache = SegmentCache(config.cache_root)
    listener = _Listener(config.verify) if config.verify else None
    while (job := connection.recv()) is not None:
        try:
            connection.send(("done", render(engine, job, cache, config, listener)))
        except Exception as exc:
            connection.send(("failed", str(exc) or type(exc).__name__))
        _release_memory()


def render(engine, job: SpeechJob, cache: SegmentCache, config: WorkerConfig,
           listener: "_Listener | None" = None) -> SegmentRecord | Verified:
    """Speak, master, encode and store one part; with a listener, speak it until it is
    heard as written (or the attempts run out) and say how it was heard."""
    if listener:
        speech, sentence_starts, heard, respoken = listener.speak_until_heard(engine, job)
    else:
        speech, sentence_starts = speak(engine, job)
    pause = int(job.pause_ms * EDITION_SAMPLE_RATE / 1000)
    mastered = master(speech, EDITION_SAMPLE_RATE, pause, config.mastering)
    record = SegmentRecord(
        samples=mastered.samples, sample_rate=EDITION_SAMPLE_RATE,
        sentence_starts=tuple(ENCODER_DELAY + s for s in sentence_starts),
        speech_samples=ENCODER_DELAY + len(speech), loudness=mastered.loudness,
        blocks=mastered.blocks, true_peak=mastered.true_peak, sha256=hashlib.sha256(mastered.mp3).hexdigest(),
    )
    cache.put(job.key, mastered.mp3, record)
    return Verified(record, heard, respoken) if listener else record


class _Listener:
    """The recognizer, loaded with the first part to verify: one thread, since every
    worker listens at once."""

    def __init__(self, settings: ListenSettings) -> None:
        self._settings = settings
        self._recognizer = None

    def speak_until_heard(self, engine, job: SpeechJob) -> tuple[np.ndarray, list[int], Heard, int]:
        """The best-heard of up to 1 + `RESPEAK_LIMIT` renderings, how it was heard, and
        how many times the part was spoken again."""
        best = None
        for attempt in range(1 + RESPEAK_LIMIT):
            speech, starts = speak(engine, job)
            heard = self.hear(speech, job.sentences)
            if best is None or heard.wer < best[2].wer:
                best = (speech, starts, heard)
            if heard.wer <= self._settings.threshold:
                break
        return (*best, attempt)

    def hear(self, speech: np.ndarray, sentences: Sequence[str]) -> Heard:
        from audio_edition.listen import Recognizer, resample

        if self._recognizer is None:
            self._recognizer = Recognizer(self._settings.model, threads=1)
        return self._recognizer.hear(resample(speech, EDITION_SAMPLE_RATE), sentences)


PARAGRAPH_PAUSE_S = 0.45
"""Silence between paragraphs of a part, longer than the engine's pause between sentences."""


def speak(engine, job: SpeechJob) -> tuple[np.ndarray, list[int]]:
    """The part's speech as float samples at the edition's rate, and where each sentence starts."""
    pieces, starts, length = [], [], 0
    pause = np.zeros(int(PARAGRAPH_PAUSE_S * EDITION_SAMPLE_RATE), dtype=np.float32)
    words_per_call = getattr(engine, "words_per_call", CHUNK_WORDS)
    for chunk, opens_paragraph in chunks(job.sentences, job.paragraph_starts, words_per_call):
        if opens_paragraph and pieces:
            pieces.append(pause)
            length += len(pause)
        audio = _speak_chunk(engine, " ".join(chunk), job.voice)
        starts.extend(length + offset for offset in _chunk_starts(engine, chunk, len(audio)))
        pieces.append(audio)
        length += len(audio)
    if job.chime:
        pieces.append(chime(EDITION_SAMPLE_RATE))
    return (pieces[0] if len(pieces) == 1 else np.concatenate(pieces)), starts


def chunks(sentences: Sequence[str], paragraph_starts: Sequence[int],
           words_per_call: int) -> list[tuple[list[str], bool]]:
    """Sentences grouped for the engine: never across a paragraph, at most
    `words_per_call` words unless one sentence is longer; each group says whether it
    opens a paragraph."""
    grouped: list[tuple[list[str], bool]] = []
    words = 0
    for index, sentence in enumerate(sentences):
        opens = index in paragraph_starts
        if not grouped or opens or words + len(sentence.split()) > words_per_call:
            grouped.append(([], opens))
            words = 0
        grouped[-1][0].append(sentence)
        words += len(sentence.split())
    return grouped


def chime(sample_rate: int) -> np.ndarray:
    """A soft two-note chime, synthesized (nothing is downloaded): E5 then A5, fading."""
    notes = []
    for frequency in (659.25, 880.0):
        t = np.arange(int(0.22 * sample_rate), dtype=np.float32) / sample_rate
        notes.append(0.25 * np.sin(2 * np.pi * frequency * t) * np.exp(-t * 9))
    lead = np.zeros(int(0.25 * sample_rate), dtype=np.float32)
    return np.concatenate([lead, *notes]).astype(np.float32)


def _chunk_starts(engine, chunk: Sequence[str], samples: int) -> list[int]:
    """Where each sentence of a call starts: as the engine reports it, else estimated."""
    report = getattr(engine, "sentence_times", None)
    reported = reported_starts(chunk, report(), samples) if report and len(chunk) > 1 else None
    return reported or sentence_starts(chunk, samples)


def reported_starts(sentences: Sequence[str], times: Sequence[tuple[int, float]] | None,
                    samples: int) -> list[int] | None:
    """Each sentence's start from the engine's own report, (character offset in the text
    spoken, seconds); None unless every sentence begins where the engine began one, in
    order, inside the audio. The engine may find more sentences than we gave it
    ("Yahoo!" inside a list); those are passed over."""
    if not times:
        return None
    at = dict(times)
    offsets, position = [], 0
    for sentence in sentences:
        offsets.append(position)
        position += len(sentence) + 1
    if any(offset not in at for offset in offsets):
        return None
    starts = [0] + [round(at[offset] * EDITION_SAMPLE_RATE) for offset in offsets[1:]]
    return starts if all(a < b for a, b in zip(starts, starts[1:])) and starts[-1] < samples else None


def sentence_starts(sentences: Sequence[str], samples: int) -> list[int]:
    """Where each sentence starts, estimated in proportion to its spoken length
    (exact for a call of one sentence).

    For an engine that reports no timings, or whose report does not fit: speech rate is
    close to constant within a call of a few sentences, so the estimate lands within a
    word or two (README: how far it is off). A word counts for its
    letters up to a limit: a 10,000-letter "word" is not said for minutes."""
    weights = [1 + sum(min(len(word), _LONGEST_WORD) + 1 for word in s.split()) for s in sentences]
    total = sum(weights)
    starts, position = [], 0
    for weight in weights:
        starts.append(round(position * samples / total))
        position += weight
    return starts


_LONGEST_WORD = 20


def _speak_chunk(engine, text: str, voice: Voice) -> np.ndarray:
    from pydub import AudioSegment

    with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
        wav = Path(work) / "speech.wav"
        engine.synthesize(text, voice, wav)
        audio = AudioSegment.from_wav(wav)
    audio = audio.set_channels(1).set_sample_width(2).set_frame_rate(EDITION_SAMPLE_RATE)
    samples = np.frombuffer(audio.raw_data, dtype="<i2").astype(np.float32)
    samples *= np.float32(1 / 32768)
    return samples


def _release_memory() -> None:
    """Give freed memory back to the system between parts, so the worker's size stays
    that of its largest part rather than growing with the article."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


try:
    _LIBC = ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
except OSError:  # not glibc: nothing to trim
    _LIBC = None


if __name__ == "__main__":
    main(int(sys.argv[1]))
