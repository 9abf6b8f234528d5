"""The segment cache: hits, misses, invalidation, damaged entries, and the batch summary."""

import json
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
    entries = sorted(cache_dir.glob("*/*/audio.mp3"))
    with open(entries[0], "r+b") as handle:  # flip bytes in the middle of the audio
        handle.seek(os.path.getsize(entries[0]) // 2)
        handle.write(b"\x00\x00\x00\x00")
    records = sorted(cache_dir.glob("*/*/record.json"))
    records[1].write_text("{not json")
    assert spoken_count(build(reference, tmp_path / "other-out", cache_dir)) == 2
    store = SegmentCache(cache_dir)
    assert all(store.get(p.parent.name) for p in cache_dir.glob("*/*/record.json"))


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


SHORT = "A Short Letter\n\nBy A. Writer\n\nA few words to speak. And a few more after them.\n\nDear Reader,\n\nA reply.\n"


def short_build(tmp_path, cache, out="out", *extra):
    article = tmp_path / "short.txt"
    article.write_text(SHORT)
    return run_cli("build", str(article), "--out", str(tmp_path / out), "--engine", "fake",
                   "--cache-dir", str(cache), *extra)


def one_error_line(result) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ")
    return line


def test_clear_refuses_a_folder_the_cache_did_not_make(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"precious")
    line = one_error_line(run_cli("cache", "--cache-dir", str(folder), "--clear"))
    assert "is not a segment cache" in line
    assert (folder / "holiday.jpg").read_bytes() == b"precious"


def test_clear_removes_a_cache_it_made(tmp_path):
    assert short_build(tmp_path, tmp_path / "cache").returncode == 0
    assert run_cli("cache", "--cache-dir", str(tmp_path / "cache"), "--clear").returncode == 0
    assert not (tmp_path / "cache").exists()


def _audio_files(cache):
    return sorted(p for p in cache.rglob("*.mp3"))


def _records(cache):
    return sorted(cache.glob("*/*/record.json"))  # the segments' records, not the builds'


def test_audio_replaced_by_a_folder_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    assert short_build(tmp_path, cache).returncode == 0
    for audio in _audio_files(cache):
        audio.unlink()
        audio.mkdir()
    again = short_build(tmp_path, cache, "other")
    assert again.returncode == 0, again.stderr
    assert "0 from cache" in again.stdout


def test_a_prefix_folder_replaced_by_a_file_is_rebuilt(tmp_path):
    import shutil

    cache = tmp_path / "cache"
    assert short_build(tmp_path, cache).returncode == 0
    for prefix in [p for p in cache.iterdir() if p.is_dir()]:
        shutil.rmtree(prefix)
        prefix.write_text("not a folder")
    again = short_build(tmp_path, cache, "other")
    assert again.returncode == 0, again.stderr
    assert "0 from cache" in again.stdout


def test_a_cache_dir_that_is_a_file_is_one_error_line(tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("a file")
    assert "is not a folder" in one_error_line(short_build(tmp_path, cache))
    assert "is not a folder" in one_error_line(run_cli("cache", "--cache-dir", str(cache)))


def _edit_records(cache, change):
    for path in _records(cache):
        data = json.loads(path.read_text())
        path.write_text(json.dumps({**data, **change(data)}))


def test_a_record_with_a_zero_sample_rate_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    assert short_build(tmp_path, cache).returncode == 0
    _edit_records(cache, lambda data: {"sample_rate": 0})
    again = short_build(tmp_path, cache, "other")
    assert again.returncode == 0, again.stderr
    assert "0 from cache" in again.stdout


def test_a_record_that_lies_about_its_length_is_rebuilt_not_used(tmp_path):
    cache = tmp_path / "cache"
    assert short_build(tmp_path, cache).returncode == 0
    _edit_records(cache, lambda data: {"samples": data["samples"] * 2})
    again = short_build(tmp_path, cache, "other")
    assert again.returncode == 0, again.stderr
    assert "0 from cache" in again.stdout
    [edition] = (tmp_path / "other").iterdir()
    check = run_cli("check", str(edition))
    assert check.returncode == 0, check.stdout


def test_a_read_only_cache_is_named_as_the_problem(tmp_path):
    import subprocess

    import pytest

    cache = tmp_path / "cache"
    cache.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(cache)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        assert short_build(tmp_path, cache).returncode == 0
        with open(_audio_files(cache)[0], "r+b") as handle:
            handle.write(b"\x00" * 64)  # damage one entry
        subprocess.run(["mount", "-o", "remount,ro", str(cache)], check=True)
        line = one_error_line(short_build(tmp_path, cache, "other"))
        assert str(cache) in line and "cannot be written" in line and "engine" not in line
    finally:
        subprocess.run(["umount", str(cache)], check=False)


def test_a_lookup_while_another_build_writes_the_entry_never_breaks_it(tmp_path, monkeypatch):
    """Two builds share a cache: one looks a key up at every step of the other's writing it."""
    import hashlib
    from pathlib import Path

    from audio_edition.cache import SegmentRecord

    audio = b"\xff\xf3" + bytes(range(200)) * 20
    record = SegmentRecord(samples=44100, sample_rate=22050, sentence_starts=(0,), speech_samples=30000,
                           loudness=-20.0, blocks=(-16.0,), true_peak=-3.0, sha256=hashlib.sha256(audio).hexdigest())
    writer, other = SegmentCache(tmp_path / "cache"), SegmentCache(tmp_path / "cache")
    key = "ab" + "0" * 62

    def looking(original):
        def write(self, *args, **kwargs):
            written = original(self, *args, **kwargs)
            assert other.get(key) in (None, record)
            return written
        return write

    monkeypatch.setattr(Path, "write_bytes", looking(Path.write_bytes))
    monkeypatch.setattr(Path, "write_text", looking(Path.write_text))
    writer.put(key, audio, record)
    monkeypatch.undo()
    assert other.get(key) == record
    assert other.audio_path(key).read_bytes() == audio
