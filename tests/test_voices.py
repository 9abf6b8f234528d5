"""Engines, voices and casting by role."""

from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from audio_edition import engines
from audio_edition.cli import main
from audio_edition.engines import Voice
from audio_edition.errors import AudioEditionError, EngineError
from audio_edition.pipeline import plan_article
from audio_edition.speak import jobs_for
from audio_edition.script import write_script
from audio_edition.settings import BuildSettings, Casting, casting_for, parse_cast_option, read_casting
from audio_edition.speak import EDITION_SAMPLE_RATE, SpeechJob
from audio_edition.render import speak


def test_registry_lists_engines_and_says_why_one_cannot_run(monkeypatch):
    assert set(engines.ENGINES) >= {"pyttsx3", "piper", "fake"}
    assert engines.unavailable("fake") is None
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "piper" else real(name, *a))
    assert "piper-tts is not installed" in engines.unavailable("piper")
    with pytest.raises(EngineError, match="engine 'piper' is unavailable: piper-tts is not installed"):
        engines.load("piper")


def test_voices_command_lists_every_engine(tmp_path):
    result = CliRunner().invoke(main, ["voices"])
    assert result.exit_code == 0
    for name in engines.ENGINES:
        assert any(line.startswith(f"{name}: ") for line in result.stdout.splitlines())
    assert "  high" in result.stdout


def test_an_unknown_voice_lists_the_available_ones(tmp_path, reference):
    result = CliRunner().invoke(main, ["build", str(reference), "--out", str(tmp_path), "--engine", "fake",
                                       "--voice", "nobody"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: engine 'fake' has no voice 'nobody' (available: low, middle, high)"
    assert not any(tmp_path.iterdir())


def test_default_casting_gives_the_letter_another_voice():
    settings = BuildSettings(engine="pyttsx3")
    letter, reply = casting_for(settings, "letter"), casting_for(settings, "reply")
    assert letter.engine == reply.engine == "pyttsx3"
    assert (letter.voice, letter.pitch) != (reply.voice, reply.pitch)
    piper = BuildSettings(engine="piper")
    assert casting_for(piper, "letter").pitch != casting_for(piper, "reply").pitch


def test_casting_layers_file_then_article_then_command_line(tmp_path):
    show = tmp_path / "show.toml"
    show.write_text('[cast.tip]\nengine = "fake"\nvoice = "low"\nrate = 150\n\n[cast.bio]\npitch = 30\n')
    settings = BuildSettings(engine="fake", cast=read_casting(show), cast_overrides=(parse_cast_option("tip=fake:high"),))
    article = (("tip", Casting(voice="middle", rate=160)),)
    assert casting_for(settings, "tip", article) == Casting("fake", "high", 160, None)
    assert casting_for(settings, "bio") == Casting("fake", None, None, 30)


@pytest.mark.parametrize("text", ["nonsense", "letter=", "villain=fake"])
def test_a_bad_cast_option_is_refused(text):
    with pytest.raises(AudioEditionError, match="KIND=ENGINE"):
        parse_cast_option(text)


def test_a_settings_file_with_an_unknown_kind_is_refused(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[cast.villain]\nvoice = "x"\n')
    with pytest.raises(AudioEditionError, match=r"\[cast.villain\] is not a segment kind"):
        read_casting(path)


def test_jobs_carry_each_parts_casting(reference):
    jobs = jobs_for(write_script(plan_article(reference)), BuildSettings(engine="fake"))
    letter = next(j for j in jobs if "The Letter" in j.label)
    reply = next(j for j in jobs if "The Reply" in j.label)
    assert letter.voice.name == "high" and reply.voice.name is None
    assert letter.key != reply.key


def test_an_article_settings_file_beside_it_casts_its_parts(tmp_path, reference):
    article = tmp_path / "letter.txt"
    article.write_text(reference.read_text())
    (tmp_path / "letter.toml").write_text('[cast.bio]\nvoice = "low"\n')
    jobs = jobs_for(write_script(plan_article(article)), BuildSettings(engine="fake"),
                 read_casting(tmp_path / "letter.toml"))
    assert next(j for j in jobs if "About the authors" in j.label).voice.name == "low"


def test_spoken_structure_intro_outro_and_paragraph_marks(reference):
    parts = write_script(plan_article(reference))
    intro = parts[0].lines
    openings = [line.spoken for line in intro if line.opens_paragraph]
    assert openings == ["Why Won't He Let Me In?", "By Orna and Matthew Walters.",
                        "In this edition: a reader's letter, the reply, six reasons, "
                        "seven tips, and a note about the authors."]
    assert intro[2].spoken == "About ten minutes."
    assert parts[-1].lines[-1].spoken == "Thank you for listening."
    reason = next(p for p in parts if p.segment.kind == "reason")
    body = next(i for i, line in enumerate(reason.lines) if line.role == "columnists")
    assert reason.lines[0].opens_paragraph and reason.lines[body].opens_paragraph
    assert not any(line.opens_paragraph for line in reason.lines[1:body])  # the announcement is one paragraph


def test_chime_ends_section_parts_only(reference):
    jobs = jobs_for(write_script(plan_article(reference)), BuildSettings(engine="fake", chime=True))
    chimed = [j for j in jobs if j.chime]
    assert chimed and all("Reasons" in j.label or "How To" in j.label for j in chimed)
    assert not any(j.chime for j in jobs_for(write_script(plan_article(reference)), BuildSettings(engine="fake")))


def _strongest_hz(samples, rate):
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return np.argmax(spectrum) * rate / len(samples)


def test_the_chime_is_heard_after_the_speech(tmp_path):
    engine = engines.load("fake")
    plain = SpeechJob("k", ("Reasons he may keep his distance.",), Voice(), 500, "part 1")
    speech, _ = speak(engine, plain)
    chimed, _ = speak(engine, replace(plain, chime=True))
    rate = EDITION_SAMPLE_RATE
    assert np.array_equal(chimed[: len(speech)], speech)
    tail = chimed[len(speech):]
    assert 0.5 < len(tail) / rate < 1.0
    lead, notes = tail[: int(0.25 * rate)], tail[int(0.25 * rate):]
    assert np.max(np.abs(lead)) == 0, "a moment of silence before the chime"
    first, second = notes[: int(0.22 * rate)], notes[int(0.22 * rate):]
    assert _strongest_hz(first, rate) == pytest.approx(659.25, abs=10)
    assert _strongest_hz(second, rate) == pytest.approx(880, abs=10)
    assert 0.1 < np.max(np.abs(notes)) < 0.5, "soft, well under the speech's peaks"
    assert np.max(np.abs(first[-200:])) < 0.2 * np.max(np.abs(first[:2000])), "each note fades"


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in engines.ENGINES if n != "fake"])
def test_each_installed_real_engine_speaks_a_sentence(tmp_path, name):
    if engines.unavailable(name):
        pytest.skip(engines.unavailable(name))
    engine = engines.load(name)
    spoken = list(engine.speak("Tip three of seven. Speak your truth.", Voice()))
    assert len({chunk.sample_rate for chunk in spoken}) == 1
    seconds = sum(len(chunk.pcm) // 2 for chunk in spoken) / spoken[0].sample_rate
    assert 1.0 < seconds < 6.0


class _ToneEngine:
    """Speaks a 440 Hz tone, one second a sentence, at the rate it is given."""

    words_per_call = 0

    def __init__(self, rate: int) -> None:
        self.rate = rate

    def speak(self, text: str, voice: Voice):
        from audio_edition.engines import AudioChunk

        tone = 0.25 * np.sin(2 * np.pi * 440 * np.arange(self.rate) / self.rate)
        yield AudioChunk((tone * 32767).astype("<i2").tobytes(), self.rate)


@pytest.mark.parametrize("rate", [16000, 22050, 24000])
def test_speech_is_brought_to_the_editions_rate_whatever_the_engines(rate):
    job = SpeechJob("key", ("One.", "Two."), Voice(), 0, "part 1")
    audio, starts = speak(_ToneEngine(rate), job)
    assert len(audio) == pytest.approx(2 * EDITION_SAMPLE_RATE, abs=2)
    assert starts[1] == pytest.approx(EDITION_SAMPLE_RATE, abs=1)
    assert _strongest_hz(audio, EDITION_SAMPLE_RATE) == pytest.approx(440, abs=2)
    if rate == EDITION_SAMPLE_RATE:  # taken as it is
        tone = (0.25 * np.sin(2 * np.pi * 440 * np.arange(rate) / rate) * 32767).astype("<i2")
        assert np.array_equal(audio[:rate], tone.astype(np.float32) / 32768)
