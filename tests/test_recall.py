"""A build asked again with nothing changed is answered from its record, without the
pipeline; any change to what the build read, to its options or to its editions goes
the full way again."""

import io
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from audio_edition import pipeline, recall
from audio_edition.cli import main
from audio_edition.settings import BuildSettings
from audio_edition.readers import load_bytes
from audio_edition.settings import read_lexicon
from conftest import SHORT_COLUMN as ARTICLE

SECOND = ARTICLE.replace("Waves", "Whistles").replace("waves", "whistles")


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A folder with an article, a settings file naming a lexicon, and a cover."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "waves.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "show.toml").write_text('lexicon_files = ["names.toml"]\n', "utf-8")
    (tmp_path / "names.toml").write_text('[lexicon]\nAda = "Ay-da"\n', "utf-8")
    _cover(tmp_path / "cover.png", "navy")
    return tmp_path


def _cover(path: Path, colour: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())


ARGS = ["build", "waves.txt", "--out", "out", "--engine", "fake", "--cache-dir", "cache",
        "--settings", "show.toml", "--cover", "cover.png"]


@pytest.fixture
def full_builds(monkeypatch):
    """Counts the builds that went the full way, through the pipeline."""
    calls = []
    build_editions = pipeline.build_editions

    def counted(*args, **kwargs):
        calls.append(args)
        return build_editions(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_editions", counted)
    return calls


def _build(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_an_unchanged_build_is_answered_without_the_pipeline(place, full_builds):
    first = _build(*ARGS)
    assert first.startswith("Built out/why-my-neighbour-waves/why-my-neighbour-waves.mp3")
    assert len(list((place / "cache" / recall.RECORDS_FOLDER).iterdir())) == 1
    again = _build(*ARGS)
    assert len(full_builds) == 1
    assert again == "Up to date: out/why-my-neighbour-waves/why-my-neighbour-waves.mp3\n"
    # The full path, with no record to go by, says the same.
    for record in (place / "cache" / recall.RECORDS_FOLDER).iterdir():
        record.unlink()
    assert _build(*ARGS) == again and len(full_builds) == 2


def test_a_build_starts_its_workers_before_reading_as_its_record_or_the_lack_of_one_says(place, full_builds,
                                                                                          monkeypatch):
    """One worker for a rebuild the record knows of; all of them for a request it has
    never seen, most often a first build."""
    told = []
    build_editions = pipeline.build_editions
    monkeypatch.setattr(pipeline, "build_editions",
                        lambda *args, **kwargs: (told.append(kwargs["workers_ahead"]), build_editions(*args, **kwargs))[1])
    _build(*ARGS)
    _edit_article(place)
    _build(*ARGS)
    _build(*ARGS, "--show", "Other Show")  # asked otherwise: no record of this request
    workers = BuildSettings().workers
    assert told == [workers, 1, workers]


def test_a_quiet_build_and_a_talkative_one_share_a_record(place, full_builds):
    _build(*ARGS)
    assert _build(*ARGS, "--quiet") == ""
    assert len(full_builds) == 1


def _edit_article(place):
    (place / "waves.txt").write_text(ARTICLE.replace("every morning", "every evening"), "utf-8")


def _add_articles_own_settings(place):
    (place / "waves.toml").write_text('[lexicon]\nPuzzled = "Puzzld"\n', "utf-8")


def _edit_named_lexicon(place):
    (place / "names.toml").write_text('[lexicon]\nAda = "Ah-da"\n', "utf-8")


def _new_cover(place):
    _cover(place / "cover.png", "maroon")


def _change_an_edition_file(place):
    vtt = place / "out" / "why-my-neighbour-waves" / "why-my-neighbour-waves.vtt"
    vtt.write_text("WEBVTT\n", "utf-8")


def _remove_the_edition(place):
    for path in (place / "out" / "why-my-neighbour-waves").iterdir():
        path.unlink()


def _damage_the_record(place):
    for record in (place / "cache" / recall.RECORDS_FOLDER).iterdir():
        record.write_text("{not json", "utf-8")


@pytest.mark.parametrize("change", [
    _edit_article, _add_articles_own_settings, _edit_named_lexicon, _new_cover, _change_an_edition_file,
    _remove_the_edition, _damage_the_record,
])
def test_a_changed_input_or_edition_goes_the_full_way(place, full_builds, change):
    _build(*ARGS)
    change(place)
    again = _build(*ARGS)
    assert len(full_builds) == 2
    assert again.startswith("Built ") or change is _damage_the_record and again.startswith("Up to date: ")


def test_a_changed_option_goes_the_full_way(place, full_builds):
    _build(*ARGS)
    assert _build(*ARGS, "--show", "Other Show").startswith("Built ")
    assert len(full_builds) == 2


def test_the_same_command_in_another_folder_builds_there(place, full_builds, monkeypatch):
    _build(*ARGS)
    elsewhere = place / "elsewhere"
    elsewhere.mkdir()
    for name in ("waves.txt", "show.toml", "names.toml", "cover.png"):
        (elsewhere / name).write_bytes((place / name).read_bytes())
    monkeypatch.chdir(elsewhere)
    assert _build(*ARGS[:-6], "--cache-dir", str(place / "cache"), *ARGS[-4:]).startswith("Built ")
    assert (elsewhere / "out" / "why-my-neighbour-waves" / "why-my-neighbour-waves.mp3").is_file()
    assert len(full_builds) == 2


def test_a_new_version_of_the_program_goes_the_full_way(place, full_builds, monkeypatch):
    _build(*ARGS)
    monkeypatch.setattr(recall, "code_digest", lambda: "another version")
    assert _build(*ARGS).startswith("Built ")
    assert len(full_builds) == 2


def test_the_engines_environment_goes_into_the_request(place, full_builds, monkeypatch):
    _build(*ARGS)
    monkeypatch.setenv("AUDIO_EDITION_FAKE_FAIL", "nothing-says-this")
    _build(*ARGS)
    assert len(full_builds) == 2


def test_a_package_installed_goes_the_full_way(place, full_builds, monkeypatch):
    packages = place / "lib" / "site-packages"
    packages.mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(packages)])
    _build(*ARGS)
    (packages / "engine-2.0.dist-info").mkdir()
    os.utime(packages, ns=(1, 1))  # whatever the file system's clock, the folder's time is another
    _build(*ARGS)
    assert len(full_builds) == 2


def test_a_folder_given_gets_a_new_article_built(place, full_builds):
    folder = place / "articles"
    folder.mkdir()
    (folder / "waves.txt").write_text(ARTICLE, "utf-8")
    args = ["build", "articles", "--out", "out", "--engine", "fake", "--cache-dir", "cache"]
    _build(*args)
    assert _build(*args) == "Up to date: out/why-my-neighbour-waves/why-my-neighbour-waves.mp3\n"
    (folder / "whistles.txt").write_text(SECOND, "utf-8")
    again = _build(*args)
    assert len(full_builds) == 2 and "Built out/why-my-neighbour-whistles" in again
    assert _build(*args) == ("Up to date: out/why-my-neighbour-waves/why-my-neighbour-waves.mp3\n"
                             "Up to date: out/why-my-neighbour-whistles/why-my-neighbour-whistles.mp3\n"
                             "2 of 2 articles built, 0 failed\n")
    assert len(full_builds) == 2


def test_an_article_read_through_a_moved_link_is_read_again(place, full_builds):
    (place / "whistles.txt").write_text(SECOND, "utf-8")
    (place / "today.txt").symlink_to("waves.txt")
    args = ["build", "today.txt", "--out", "out", "--engine", "fake", "--cache-dir", "cache"]
    _build(*args)
    (place / "today.txt").unlink()
    (place / "today.txt").symlink_to("whistles.txt")
    assert "Built out/why-my-neighbour-whistles" in _build(*args)


def test_a_record_that_cannot_be_written_costs_only_the_shortcut(place, full_builds):
    (place / "cache").mkdir()
    (place / "cache" / recall.RECORDS_FOLDER).write_text("a file where the records' folder would be", "utf-8")
    assert _build(*ARGS).startswith("Built ")
    assert _build(*ARGS).startswith("Up to date: ")
    assert len(full_builds) == 2


def test_an_article_on_standard_input_leaves_no_record(place):
    result = CliRunner().invoke(main, ["build", "-", "--out", "out", "--engine", "fake", "--cache-dir", "cache"],
                                input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert not (place / "cache" / recall.RECORDS_FOLDER).exists()


def test_a_failed_build_leaves_no_record(place):
    (place / "empty.txt").write_text("", "utf-8")
    result = CliRunner().invoke(main, ["build", "empty.txt", "--out", "out", "--engine", "fake",
                                       "--cache-dir", "cache"])
    assert result.exit_code == 1
    assert not (place / "cache" / recall.RECORDS_FOLDER).exists()


def test_every_input_file_read_is_noted(place):
    with recall.noting_reads() as reads:
        load_bytes(Path("waves.txt"))
        read_lexicon(Path("show.toml"))
        recall.note_read(Path("waves.pls"), None)
    assert reads == {str(place / "waves.txt"): recall.hashlib.sha256(ARTICLE.encode()).hexdigest(),
                     str(place / "show.toml"): recall.hashlib.sha256((place / "show.toml").read_bytes()).hexdigest(),
                     str(place / "names.toml"): recall.hashlib.sha256((place / "names.toml").read_bytes()).hexdigest(),
                     str(place / "waves.pls"): None}
    load_bytes(Path("waves.txt"))  # outside, nothing is noted
    assert len(reads) == 4


def test_records_of_other_days_are_forgotten(place):
    records = place / "cache" / recall.RECORDS_FOLDER
    records.mkdir(parents=True)
    yesterday = records / ("0" * 64 + ".json")
    yesterday.write_text("{}", "utf-8")
    two_days_ago = time.time() - 2 * 86400
    os.utime(yesterday, (two_days_ago, two_days_ago))
    _build(*ARGS)
    assert [p.name for p in records.iterdir()] != [] and not yesterday.exists()
