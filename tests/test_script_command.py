"""`audio-edition script`: what will be said, as the user sees it."""

import json

from click.testing import CliRunner

from audio_edition.cli import main

ARTICLE = """A Night at the Lake

By Ana Ruiz

We met on Dec. 5, 2020 at the lake. It was 14°F at 9 p.m. on Main St. The club had written to P.O. Box 12 for a permit.

Nobody else came, and we stayed until the fire went out.
"""


def run(*args: str):
    return CliRunner().invoke(main, ["script", *args])


def test_each_spoken_sentence_is_a_line_with_who_says_it_chapter_by_chapter(tmp_path):
    article = tmp_path / "lake.txt"
    article.write_text(ARTICLE, "utf-8")
    result = run(str(article))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "A Night at the Lake"
    assert "[1] Introduction" in lines
    assert "narrator: A Night at the Lake." in lines
    assert "narrator: We met on December fifth, twenty twenty at the lake." in lines
    assert "narrator: It was fourteen degrees Fahrenheit at nine p m on Main Street." in lines
    assert lines[-2:] == ["narrator: That was A Night at the Lake, by Ana Ruiz.", "narrator: Thank you for listening."]


def test_the_lexicon_entries_used_are_reported(tmp_path):
    article = tmp_path / "lake.txt"
    article.write_text(ARTICLE, "utf-8")
    show = tmp_path / "show.toml"
    show.write_text('[lexicon]\n"P.O. Box" = "post office box"\nOrna = "Or-nah"\n', "utf-8")
    result = run(str(article), "--settings", str(show), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["lexicon"] == [{"written": "P.O. Box", "said": "post office box", "matches": 1},
                               {"written": "Orna", "said": "Or-nah", "matches": 0}]
    spoken = [line["spoken"] for chapter in data["chapters"] for line in chapter["lines"]]
    assert "The club had written to post office box twelve for a permit." in spoken
    text = run(str(article), "--settings", str(show)).output
    assert "  P.O. Box -> post office box: 1" in text.splitlines()


def test_an_edited_plan_is_scripted_too(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"title": "Notes", "authors": "", "segments": [
        {"kind": "section", "title": "Chapter IV", "text": "It costs $5M."}]}), "utf-8")
    result = run("--plan", str(plan))
    assert result.exit_code == 0, result.output
    assert "narrator: Chapter four." in result.output.splitlines()
    assert "columnists: It costs five million dollars." in result.output.splitlines()


def test_an_article_or_a_plan_must_be_given(tmp_path):
    result = run()
    assert result.exit_code == 2 and "give the article, or --plan PLAN.json" in result.output


def test_a_missing_article_is_one_error_line(tmp_path):
    result = run(str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and result.output.startswith("Error: ")
