"""Editions on disk: one article per slug, damaged manifests, and the typed reading of both."""

import json

import pytest

from audio_edition.errors import EditionError
from audio_edition.package.manifest import read_edition
from conftest import run_cli

# Slow: each test runs the command line on whole articles.
pytestmark = pytest.mark.slow

MAILBAG = "Mailbag\n\nBy The Editors\n\n{}\n"


def build(*args, cwd_out):
    return run_cli("build", *map(str, args), "--out", str(cwd_out), "--engine", "fake")


def week(tmp_path, name, text):
    article = tmp_path / name
    article.write_text(MAILBAG.format(text))
    return article


def test_a_second_article_with_the_same_title_is_refused_naming_both(tmp_path):
    out = tmp_path / "out"
    first = week(tmp_path, "week1.txt", "Letters about gardens and the neighbours who share them.")
    second = week(tmp_path, "week2.txt", "Letters about money, and siblings who borrow it.")
    assert build(first, cwd_out=out).returncode == 0
    before = (out / "mailbag" / "transcript.html").read_bytes()
    result = build(second, cwd_out=out)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and str(first) in line and str(second) in line and "--slug" in line
    assert (out / "mailbag" / "transcript.html").read_bytes() == before


def test_a_rebuild_of_the_same_article_replaces_its_edition(tmp_path):
    out = tmp_path / "out"
    article = week(tmp_path, "week1.txt", "Letters about gardens.")
    assert build(article, cwd_out=out).returncode == 0
    article.write_text(MAILBAG.format("Letters about gardens, edited."))
    assert build(article, cwd_out=out).returncode == 0
    assert "edited" in (out / "mailbag" / "transcript.html").read_text()


def test_a_batch_with_two_same_titled_articles_builds_one_and_reports_the_other(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    week(folder, "a.txt", "Letters about gardens.")
    week(folder, "b.txt", "Letters about money.")
    result = build(folder, cwd_out=tmp_path / "out")
    assert result.returncode == 1
    assert "1 of 2 articles built, 1 failed" in result.stdout
    assert "gardens" in (tmp_path / "out" / "mailbag" / "transcript.html").read_text()


def test_slug_option_and_plan_field_give_an_edition_its_own_folder(tmp_path):
    out = tmp_path / "out"
    first = week(tmp_path, "week1.txt", "Letters about gardens.")
    second = week(tmp_path, "week2.txt", "Letters about money.")
    assert build(first, cwd_out=out).returncode == 0
    assert build(second, "--slug", "mailbag-week-2", cwd_out=out).returncode == 0
    assert (out / "mailbag-week-2" / "mailbag-week-2.mp3").is_file()
    assert read_edition(out / "mailbag-week-2").slug == "mailbag-week-2"
    plan = json.loads(run_cli("plan", str(second), "--json").stdout)
    plan_file = tmp_path / "week3.json"
    plan_file.write_text(json.dumps({**plan, "slug": "mailbag-week-3"}))
    result = run_cli("build", "--plan", str(plan_file), "--out", str(out), "--engine", "fake")
    assert result.returncode == 0, result.stderr
    assert (out / "mailbag-week-3" / "mailbag-week-3.mp3").is_file()
    assert "gardens" in (out / "mailbag" / "transcript.html").read_text()


def test_an_unusable_slug_is_refused(tmp_path):
    article = week(tmp_path, "week1.txt", "Letters about gardens.")
    result = build(article, "--slug", "../escape", cwd_out=tmp_path / "out")
    assert result.returncode == 1 and result.stderr.startswith("Error: the slug '../escape' is not usable")
    assert not (tmp_path / "escape").exists()


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("editions")
    article = out / "letter.txt"
    article.write_text(MAILBAG.format("Letters about gardens."))
    assert build(article, cwd_out=out / "out").returncode == 0
    return out / "out" / "mailbag"


def test_read_edition_gives_a_typed_edition(edition):
    stored = read_edition(edition)
    assert stored.slug == "mailbag" and stored.title == "Mailbag" and stored.authors == "The Editors"
    assert stored.audio_path == edition / "mailbag.mp3"
    assert stored.files["mailbag.mp3"].size == (edition / "mailbag.mp3").stat().st_size
    assert stored.chapters[-1].end_ms == stored.duration_ms > 0


@pytest.mark.parametrize("document, reason", [
    ({"title": 5}, "title is not text"),
    ([], "the document is not an object"),
    ({"title": "Mailbag", "duration_ms": 1000, "chapters": [], "files": []}, "files is not an object"),
    ({"title": "Mailbag", "duration_ms": "long", "chapters": [], "files": {}}, "duration_ms is not a whole number"),
    ({"title": "Mailbag", "duration_ms": 1, "files": {}}, "chapters is missing"),
])
def test_a_damaged_manifest_is_the_projects_error(tmp_path, edition, document, reason):
    damaged = tmp_path / "mailbag"
    damaged.mkdir()
    (damaged / "edition.json").write_text(json.dumps(document))
    with pytest.raises(EditionError, match=reason):
        read_edition(damaged)
    check = run_cli("check", str(damaged))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert reason in check.stdout
    publish = run_cli("publish", str(damaged), "--base-url", "http://127.0.0.1:8000/")
    assert publish.returncode == 1 and "Traceback" not in publish.stderr
    assert publish.stderr.startswith(f"Error: {damaged / 'edition.json'}: is damaged ({reason})")
