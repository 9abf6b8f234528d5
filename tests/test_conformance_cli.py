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
