import wave

import pytest

from audio_edition import engines
from audio_edition.engines import Voice
from audio_edition.errors import EngineError
from audio_edition.speak import SpeechJob, synthesize_all
import audio_edition.speak as speak


def test_fake_engine_speaks_at_a_realistic_length(tmp_path):
    engine = engines.load("fake")
    path = tmp_path / "a.wav"
    engine.synthesize(" ".join(["word"] * 175), Voice(), path)
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1
        assert abs(wav.getnframes() / wav.getframerate() - 60) < 0.1


def test_unknown_engine_names_the_known_ones():
    with pytest.raises(EngineError, match="unknown engine 'nope'.*pyttsx3.*fake"):
        engines.load("nope")


@pytest.mark.skipif(engines.unavailable("pyttsx3") is not None, reason="pyttsx3 cannot run here")
def test_pyttsx3_speaks_a_sentence_in_a_worker(tmp_path):
    jobs = [SpeechJob(0, "Reason three of six. He is conflict avoidant.", Voice(), tmp_path / "s.wav", "s")]
    [audio] = synthesize_all(jobs, "pyttsx3", workers=1)
    seconds = audio.frames / audio.sample_rate
    assert audio.sample_rate == 22050
    assert 1.5 < seconds < 6


def _jobs(tmp_path, texts):
    return [SpeechJob(i, t, Voice(), tmp_path / f"{i}.wav", f"part {i + 1}") for i, t in enumerate(texts)]


def test_workers_keep_the_job_order(tmp_path):
    texts = [" ".join(["word"] * n) for n in (50, 5, 30, 10, 20)]
    audio = synthesize_all(_jobs(tmp_path, texts), "fake", workers=2)
    lengths = [a.frames for a in audio]
    assert lengths[0] > lengths[2] > lengths[4] > lengths[3] > lengths[1]


def test_a_failing_segment_stops_the_build_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIO_EDITION_FAKE_FAIL", "poison")
    with pytest.raises(EngineError, match="failed on part 2: fake engine told to fail"):
        synthesize_all(_jobs(tmp_path, ["fine words", "poison words", "more"]), "fake", workers=2)


def test_a_hanging_worker_is_replaced_and_the_build_stops(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIO_EDITION_FAKE_HANG", "stuck")
    monkeypatch.setattr(speak, "_time_allowed", lambda job: 3.0)
    with pytest.raises(EngineError, match="failed on part 1: timed out"):
        synthesize_all(_jobs(tmp_path, ["stuck here", "fine words"]), "fake", workers=1)
