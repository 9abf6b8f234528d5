"""A rebuild after an edit writes again only the paragraphs that changed."""

import json
from pathlib import Path

import pytest

from audio_edition import pipeline, recall, script
from audio_edition.pipeline import plan_article
from audio_edition.script import KnownLines, write_script
from audio_edition.settings import BuildSettings
from conftest import REFERENCE
from conftest import SHORT_COLUMN as ARTICLE

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def counted(monkeypatch):
    """The paragraphs scripted from scratch, with their roles."""
    scripted = []
    real = script._lines
    monkeypatch.setattr(script, "_lines", lambda paragraph, role, lexicon: scripted.append((role, paragraph))
                        or real(paragraph, role, lexicon))
    return scripted


@pytest.mark.parametrize("article", [REFERENCE, *sorted(CORPUS.glob("*.txt"))[:6]], ids=lambda p: p.stem)
def test_lines_known_from_before_give_the_very_script_written_afresh(article):
    plan = plan_article(article)
    lexicon = {"Houston": "Hyoo-ston"}
    first = KnownLines(lexicon)
    fresh = write_script(plan, lexicon, known=first)
    stored = json.loads(json.dumps(first.lines))
    again = KnownLines(lexicon, stored)
    assert write_script(plan, lexicon, known=again) == fresh == write_script(plan, lexicon)
    assert again.lines == stored


def _settings(tmp_path: Path) -> BuildSettings:
    return BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", date="2026-11-29")


def test_a_rebuild_after_an_edit_scripts_only_the_changed_paragraph(tmp_path, counted):
    article = tmp_path / "waves.txt"
    article.write_text(ARTICLE, "utf-8")
    settings = _settings(tmp_path)
    [first] = pipeline.build_editions([article], settings)
    assert first.error is None and len(counted) > 5
    paragraph = next(p for p in ARTICLE.split("\n\n") if len(p.split()) > 12 and not p.startswith("#"))
    edited = paragraph.replace(" ", " really ", 1)
    article.write_text(ARTICLE.replace(paragraph, edited), "utf-8")
    counted.clear()
    [second] = pipeline.build_editions([article], settings)
    assert second.error is None and not second.edition.up_to_date and second.spoken == 1
    # Afresh: the edited paragraph, and the intro, said again with the edition's length.
    assert [text for role, text in counted if role != "narrator"] == [edited.strip()]
    assert len(counted) <= 5


def test_the_lines_kept_are_set_aside_when_the_program_changes_or_the_file_is_damaged(tmp_path, counted, monkeypatch):
    article = tmp_path / "waves.txt"
    article.write_text(ARTICLE, "utf-8")
    settings = _settings(tmp_path)
    pipeline.build_editions([article], settings)
    every_paragraph = set(counted)
    [kept] = (tmp_path / "cache" / pipeline.SCRIPTS_FOLDER).glob("*.json")

    with monkeypatch.context() as patched:
        patched.setattr(recall, "code_digest", lambda: "another version")
        counted.clear()
        pipeline.build_editions([article], settings)
        assert set(counted) >= every_paragraph  # another program: every paragraph afresh
    assert list(kept.parent.iterdir()) == [kept]  # one file an article, replaced
    counted.clear()
    pipeline.build_editions([article], settings)
    assert set(counted) >= every_paragraph  # this program again: afresh again

    stored = json.loads(kept.read_text("utf-8"))
    stored["lines"] = {"narrator\nHello.": [["Hello.", 5, "narrator", True]]}
    kept.write_text(json.dumps(stored), "utf-8")
    (tmp_path / "out").rename(tmp_path / "earlier")
    counted.clear()
    [again] = pipeline.build_editions([article], settings)
    assert again.error is None and set(counted) >= every_paragraph  # not lines: set aside
    assert json.loads(kept.read_text("utf-8"))["lines"].keys() == {f"{role}\n{text}" for role, text in every_paragraph}


def test_another_lexicon_writes_every_paragraph_afresh(tmp_path, counted):
    article = tmp_path / "waves.txt"
    article.write_text(ARTICLE, "utf-8")
    settings = _settings(tmp_path)
    pipeline.build_editions([article], settings)
    every_paragraph = set(counted)
    article.with_suffix(".toml").write_text('[lexicon]\nAda = "Ay-da"\n', "utf-8")
    counted.clear()
    [again] = pipeline.build_editions([article], settings)
    assert again.error is None and set(counted) >= every_paragraph
    assert len(list((tmp_path / "cache" / pipeline.SCRIPTS_FOLDER).iterdir())) == 1
