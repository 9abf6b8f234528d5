"""The command line's words: counts in the singular when there is one, no "by unknown",
and the voices listing that says which voice is the default and which variants exist."""

from click.testing import CliRunner

from audio_edition import engines
from audio_edition.cli import main


def test_voices_marks_the_default_voice_and_lists_variants():
    output = CliRunner().invoke(main, ["voices"]).output
    if not engines.unavailable("pyttsx3"):
        assert "  gmw/en-us (default voice)" in output
        assert "gmw/en-us+f3" in output and "f3" in engines.variants("pyttsx3")
    assert "fake: available, 3 voices" in output


def test_an_article_with_one_chapter_says_one_chapter_and_no_unknown_author(tmp_path):
    article = tmp_path / "note.md"
    article.write_text("# A Short Note\n\nJust one paragraph of words to speak.\n")
    runner = CliRunner()
    plan = runner.invoke(main, ["plan", str(article)])
    assert plan.exit_code == 0 and "unknown" not in plan.output
    build = runner.invoke(main, ["build", str(article), "--engine", "fake", "--out", str(tmp_path / "out")])
    assert build.exit_code == 0, build.output
    assert "1 chapter," in build.output and "1 chapters" not in build.output


import pytest  # noqa: E402

from audio_edition.errors import AudioEditionError, EngineError  # noqa: E402
from audio_edition.settings import BuildSettings, casting_for, read_casting  # noqa: E402


@pytest.mark.parametrize("line, said", [
    ("pitch = 150", "pitch must be a whole number from 0 to 100, not 150"),
    ("rate = 20", "rate must be a whole number from 80 to 400, not 20"),
    ('pitch = "high"', "pitch must be a whole number"),
    ("voice = 3", "voice must be text"),
])
def test_casting_outside_its_documented_range_is_refused(tmp_path, line, said):
    path = tmp_path / "show.toml"
    path.write_text(f"[cast.letter]\n{line}\n")
    with pytest.raises(AudioEditionError, match=said):
        read_casting(path)


@pytest.mark.skipif(bool(engines.unavailable("pyttsx3")), reason="espeak-ng is not installed")
def test_the_language_chooses_the_voice_and_one_no_voice_speaks_is_refused():
    assert engines.voice_for("pyttsx3", "en-US") is None  # the default voice speaks it
    french = engines.voice_for("pyttsx3", "fr")
    assert french.endswith("/fr") or french.split("/")[-1].startswith("fr")
    letter = casting_for(BuildSettings(voice=french), "letter")
    assert letter.voice == french + "+f3", "the letter is read by the same language's variant"
    with pytest.raises(EngineError, match="no voice for the language 'tlh'"):
        engines.voice_for("pyttsx3", "tlh")
    result = CliRunner().invoke(main, ["build", "none.txt", "--language", "tlh"])
    assert result.exit_code == 1 and "no voice for the language 'tlh'" in result.output


def test_m4b_alone_is_a_format_and_the_mp3_comes_with_it(tmp_path):
    article = tmp_path / "note.md"
    article.write_text("# A Short Note\n\nJust one paragraph of words to speak.\n")
    result = CliRunner().invoke(main, ["build", str(article), "--engine", "fake", "--format", "m4b",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    made = {p.suffix for p in (tmp_path / "out" / "a-short-note").iterdir()}
    assert {".mp3", ".m4b"} <= made


@pytest.mark.skipif(bool(engines.unavailable("pyttsx3")), reason="espeak-ng is not installed")
def test_the_default_voices_language_is_known_without_loading_the_engine(monkeypatch):
    from audio_edition.engines import pyttsx3_engine

    listed = []
    voices = pyttsx3_engine.voices
    monkeypatch.setattr(pyttsx3_engine, "voices", lambda: (listed.append(1), voices())[1])
    assert engines.voice_for("pyttsx3", "en-GB") is None
    assert listed == []  # listing espeak-ng's voices loads it: a build in English does not
    assert engines.voice_for("pyttsx3", "fr").split("/")[-1].startswith("fr") and listed == [1]
