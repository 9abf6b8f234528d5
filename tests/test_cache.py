"""The segment cache: hits, misses, invalidation, damaged entries, and the batch summary."""

import os

import pytest

from audio_edition.cache import SegmentCache
from conftest import EXAMPLE, REFERENCE_SLUG, run_cli

# Slow: every test runs the command line on whole articles; tests/unit covers the cache itself (tests/unit/test_segment_cache.py) fast.
pytestmark = pytest.mark.slow


def build(reference, out, cache, *extra, env=None):
    result = run_cli("build", str(reference), "--out", str(out), "--engine", "fake",
                     "--cache-dir", str(cache), *extra, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def spoken_count(stdout: str) -> int:
    return int(stdout.split(" spoken")[0].rsplit(" ", 1)[1])


def test_a_second_edition_of_the_same_text_is_all_cache_hits(tmp_path, reference):
    first = build(reference, tmp_path / "out", tmp_path / "cache")
    again = build(reference, tmp_path / "elsewhere", tmp_path / "cache")
    assert spoken_count(first) == 21 and "0 from cache" in first
    assert spoken_count(again) == 0 and "21 from cache" in again


def test_rebuild_with_nothing_changed_rewrites_nothing(tmp_path, reference):
    build(reference, tmp_path / "out", tmp_path / "cache")
    folder = tmp_path / "out" / REFERENCE_SLUG
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = build(reference, tmp_path / "out", tmp_path / "cache")
    assert again.startswith("Up to date: ")
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_a_changed_file_in_the_edition_is_rebuilt(tmp_path, reference):
    build(reference, tmp_path / "out", tmp_path / "cache")
    vtt = tmp_path / "out" / REFERENCE_SLUG / f"{REFERENCE_SLUG}.vtt"
    vtt.write_text("WEBVTT\n")
    again = build(reference, tmp_path / "out", tmp_path / "cache")
    assert "21 from cache" in again
    assert vtt.read_text().count("-->") > 100


def test_editing_one_tip_respeaks_only_that_tip(tmp_path, reference):
    article = tmp_path / "article.txt"
    article.write_text(reference.read_text())
    build(article, tmp_path / "out", tmp_path / "cache")
    article.write_text(reference.read_text().replace("Sharing how you feel", "Telling him how you feel"))
    assert spoken_count(build(article, tmp_path / "out", tmp_path / "cache")) == 1


def test_a_new_voice_or_rate_misses_the_cache(tmp_path, reference):
    build(reference, tmp_path / "out", tmp_path / "cache")
    # The letter is cast to its own voice, so a new edition voice re-speaks every part but it.
    assert spoken_count(build(reference, tmp_path / "out", tmp_path / "cache", "--voice", "low")) == 20
    assert spoken_count(build(reference, tmp_path / "out", tmp_path / "cache", "--rate", "150")) == 21


def test_a_damaged_entry_is_rebuilt_not_used(tmp_path, reference):
    cache_dir = tmp_path / "cache"
    build(reference, tmp_path / "out", cache_dir)
    entries = sorted(cache_dir.glob("*/*.mp3"))
    with open(entries[0], "r+b") as handle:  # flip bytes in the middle of the audio
        handle.seek(os.path.getsize(entries[0]) // 2)
        handle.write(b"\x00\x00\x00\x00")
    records = sorted(cache_dir.glob("*/*.json"))
    records[1].write_text("{not json")
    assert spoken_count(build(reference, tmp_path / "other-out", cache_dir)) == 2
    store = SegmentCache(cache_dir)
    assert all(store.get(p.stem) for p in cache_dir.glob("*/*.json"))


def test_cache_command_reports_and_clears(tmp_path, reference):
    build(reference, tmp_path / "out", tmp_path / "cache")
    report = run_cli("cache", "--cache-dir", str(tmp_path / "cache"))
    assert report.returncode == 0 and "21 segments" in report.stdout
    cleared = run_cli("cache", "--cache-dir", str(tmp_path / "cache"), "--clear")
    assert cleared.returncode == 0
    assert "0 segments" in run_cli("cache", "--cache-dir", str(tmp_path / "cache")).stdout


def test_batch_builds_every_good_article_and_reports_the_bad_one(tmp_path, reference):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(reference.read_text())
    (folder / "b.txt").write_text(EXAMPLE.read_text())
    (folder / "c.txt").write_bytes(b"")
    result = run_cli("build", str(folder), "--out", str(tmp_path / "out"), "--engine", "fake",
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert "2 of 3 articles built, 1 failed" in result.stdout
    assert result.stderr.strip() == f"Error: {folder / 'c.txt'}: {folder / 'c.txt'}: the file is empty"
    assert (tmp_path / "out" / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3").is_file()
    assert (tmp_path / "out" / "my-sister-wont-share-the-garden-what-now").is_dir()
