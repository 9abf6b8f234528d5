"""Speak, master, encode and store one part: what a worker does with each job, the
same in a local worker process and in a Celery worker.

The engine's audio comes in chunks (`engines.AudioChunk`) and never touches the disk
until the encoded part is stored in the segment cache. A failure inside the engine
raises `EngineError`, worth another try; any other exception is a fault in this
program, and the speak stage reports it as such.
"""

from __future__ import annotations

import ctypes
import hashlib
import sys
import traceback
from typing import Sequence

import numpy as np

from audio_edition.cache import SegmentCache, SegmentRecord
from audio_edition.engines import Voice
from audio_edition.errors import AudioEditionError, EngineError
from audio_edition.listen import Heard, ListenSettings
from audio_edition.mastering import ENCODER_DELAY, master
from audio_edition.settings import MasteringSettings
from audio_edition.speak import EDITION_SAMPLE_RATE, RESPEAK_LIMIT, PartFailure, SpeechJob, Verified

CHUNK_WORDS = 80
"""At most this many words go to the engine in one call, so that each call's start is
an exact time whatever the engine says of the sentences within it. An engine may ask
for fewer with a `words_per_call` attribute (0: one sentence a call)."""


def attempt(engine, job: SpeechJob, cache: SegmentCache, mastering: MasteringSettings,
            listener: "Listener | None" = None) -> SegmentRecord | Verified | PartFailure:
    """`render`, with a failure returned as what it is: the engine's, or a fault."""
    try:
        return render(engine, job, cache, mastering, listener)
    except EngineError as exc:
        return failure("engine", str(exc))
    except AudioEditionError as exc:  # the cache cannot be written, say
        return failure("error", str(exc))
    except OSError as exc:
        return failure("error", f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except Exception as exc:
        return failure("fault", f"{type(exc).__name__}: {exc}")


def failure(kind: str, message: str) -> PartFailure:
    """The failure being handled, with its traceback."""
    return PartFailure(kind, message, traceback.format_exc())


def render(engine, job: SpeechJob, cache: SegmentCache, mastering: MasteringSettings,
           listener: "Listener | None" = None) -> SegmentRecord | Verified:
    """Speak, master, encode and store one part; with a listener, speak it until it is
    heard as written (or the attempts run out) and say how it was heard."""
    if listener:
        speech, sentence_starts, heard, respoken = listener.speak_until_heard(engine, job)
    else:
        speech, sentence_starts = speak(engine, job)
    pause = int(job.pause_ms * EDITION_SAMPLE_RATE / 1000)
    mastered = master(speech, EDITION_SAMPLE_RATE, pause, mastering)
    record = SegmentRecord(
        samples=mastered.samples, sample_rate=EDITION_SAMPLE_RATE,
        sentence_starts=tuple(ENCODER_DELAY + s for s in sentence_starts),
        speech_samples=ENCODER_DELAY + len(speech), loudness=mastered.loudness,
        blocks=mastered.blocks, true_peak=mastered.true_peak, sha256=hashlib.sha256(mastered.mp3).hexdigest(),
    )
    cache.put(job.key, mastered.mp3, record)
    return Verified(record, heard, respoken) if listener else record


class Listener:
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
        audio = _speak_call(engine, " ".join(chunk), job.voice)
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


def _speak_call(engine, text: str, voice: Voice) -> np.ndarray:
    """One call to the engine, its chunks joined and brought to the edition's rate.
    Whatever goes wrong inside the engine is an `EngineError`: worth another try."""
    try:
        spoken = list(engine.speak(text, voice))
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(f"{type(exc).__name__}: {exc}") from exc
    if not spoken:
        raise EngineError("the engine gave no audio")
    if len({chunk.sample_rate for chunk in spoken}) > 1:
        raise EngineError("the engine changed its sample rate within one call")
    pcm = b"".join(chunk.pcm for chunk in spoken)
    if spoken[0].sample_rate != EDITION_SAMPLE_RATE:
        from pydub import AudioSegment

        audio = AudioSegment(data=pcm, sample_width=2, frame_rate=spoken[0].sample_rate, channels=1)
        pcm = audio.set_frame_rate(EDITION_SAMPLE_RATE).raw_data
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    samples *= np.float32(1 / 32768)
    return samples


def release_memory() -> None:
    """Give freed memory back to the system between parts, so the worker's size stays
    that of its largest part rather than growing with the article."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


try:
    _LIBC = ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
except OSError:  # not glibc: nothing to trim
    _LIBC = None
