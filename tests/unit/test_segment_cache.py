"""The segment cache, called directly: keys, round trips, damaged and partial entries."""

import hashlib
import json
import os
from pathlib import Path

import pytest

from audio_edition.cache import SegmentCache, SegmentRecord, segment_key
from audio_edition.errors import CacheError

AUDIO = b"\xff\xf3" + bytes(range(200)) * 20


def record_for(audio: bytes = AUDIO, **changes) -> SegmentRecord:
    fields = dict(samples=44100, sample_rate=22050, sentence_starts=(1105, 9000), speech_samples=30000,
                  loudness=-23.5, blocks=(-16.1, -15.9), true_peak=-3.2, sha256=hashlib.sha256(audio).hexdigest())
    return SegmentRecord(**{**fields, **changes})


FIELDS = dict(sentences=("Hello.", "Bye."), engine="fake", engine_version="fake 2", voice={"name": None},
              pause_ms=500, mastering={"loudness": -16.0})


def test_a_key_is_stable_and_ignores_the_order_fields_are_given_in():
    assert segment_key(**FIELDS) == segment_key(**dict(reversed(FIELDS.items())))
    assert len(segment_key(**FIELDS)) == 64 and int(segment_key(**FIELDS), 16) >= 0


@pytest.mark.parametrize("field, value", [
    ("sentences", ("Hello.", "Bye!")), ("engine", "piper"), ("engine_version", "fake 3"),
    ("voice", {"name": "low"}), ("pause_ms", 501), ("mastering", {"loudness": -18.0}),
])
def test_every_field_that_shapes_the_audio_changes_the_key(field, value):
    assert segment_key(**{**FIELDS, field: value}) != segment_key(**FIELDS)


def test_the_format_version_is_part_of_the_key(monkeypatch):
    from audio_edition import cache

    before = segment_key(**FIELDS)
    monkeypatch.setattr(cache, "FORMAT_VERSION", cache.FORMAT_VERSION + 1)
    assert segment_key(**FIELDS) != before


def test_an_entry_reads_back_as_it_was_put(tmp_path):
    store, key = SegmentCache(tmp_path), segment_key(**FIELDS)
    assert store.get(key) is None
    store.put(key, AUDIO, record_for())
    assert store.get(key) == record_for()
    assert store.audio_path(key).read_bytes() == AUDIO
    assert store.audio_path(key).parent.parent.name == key[:2]


def test_damaged_audio_is_discarded_not_used(tmp_path):
    store, key = SegmentCache(tmp_path), segment_key(**FIELDS)
    store.put(key, AUDIO, record_for())
    store.audio_path(key).write_bytes(AUDIO[:-10] + bytes(10))
    assert store.get(key) is None
    assert [p.name for p in tmp_path.rglob("*.*")] == ["CACHEDIR.TAG"]


@pytest.mark.parametrize("damage", [
    lambda record: "{not json",
    lambda record: json.dumps({**json.loads(record), "extra": 1}),
    lambda record: json.dumps({k: v for k, v in json.loads(record).items() if k != "blocks"}),
    lambda record: json.dumps({**json.loads(record), "sentence_starts": None}),
    lambda record: "[]",
])
def test_a_damaged_record_is_discarded_with_its_audio(tmp_path, damage):
    store, key = SegmentCache(tmp_path), segment_key(**FIELDS)
    store.put(key, AUDIO, record_for())
    path = next(tmp_path.rglob("*.json"))
    path.write_text(damage(path.read_text()))
    assert store.get(key) is None
    assert not store.audio_path(key).exists() and not path.exists()


def test_audio_without_a_record_is_a_miss(tmp_path):
    store, key = SegmentCache(tmp_path), segment_key(**FIELDS)
    store.audio_path(key).parent.mkdir(parents=True)
    store.audio_path(key).write_bytes(AUDIO)
    assert store.get(key) is None


def test_a_record_without_its_audio_is_a_miss(tmp_path):
    store, key = SegmentCache(tmp_path), segment_key(**FIELDS)
    store.put(key, AUDIO, record_for())
    store.audio_path(key).unlink()
    assert store.get(key) is None


def test_tuples_survive_the_round_trip(tmp_path):
    store, key = SegmentCache(tmp_path), segment_key(**FIELDS)
    store.put(key, AUDIO, record_for(sentence_starts=(1, 2, 3), blocks=(-20.0,)))
    record = store.get(key)
    assert record.sentence_starts == (1, 2, 3) and record.blocks == (-20.0,)
    assert isinstance(record.sentence_starts, tuple) and isinstance(record.blocks, tuple)


def test_usage_counts_entries_and_bytes_and_clear_empties_it(tmp_path):
    store = SegmentCache(tmp_path / "cache")
    assert store.usage() == (0, 0)
    keys = [segment_key(**{**FIELDS, "pause_ms": n}) for n in range(3)]
    for key in keys:
        store.put(key, AUDIO, record_for())
    entries, size = store.usage()
    records = sum(p.stat().st_size for p in (tmp_path / "cache").rglob("*.json"))
    assert entries == 3 and size == 3 * len(AUDIO) + records
    store.discard(keys[0])
    assert store.usage()[0] == 2
    store.clear()
    assert store.usage() == (0, 0) and not (tmp_path / "cache").exists()


def test_clearing_a_cache_that_was_never_made_is_fine(tmp_path):
    SegmentCache(tmp_path / "never").clear()
    assert not (tmp_path / "never").exists()


def stored(tmp_path, **changes):
    store, key = SegmentCache(tmp_path / "cache"), segment_key(**FIELDS)
    store.put(key, AUDIO, record_for(**changes))
    return store, key, store.audio_path(key).with_name("record.json")


def test_the_cache_marks_its_folder_for_backup_tools(tmp_path):
    store, _, _ = stored(tmp_path)
    marker = (tmp_path / "cache" / "CACHEDIR.TAG").read_text()
    assert marker.startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    store.clear()
    SegmentCache(tmp_path / "fresh").ready()
    assert (tmp_path / "fresh" / "CACHEDIR.TAG").read_text() == marker


def test_a_cache_folder_that_is_a_file_is_one_plain_error(tmp_path):
    (tmp_path / "cache").write_text("a file")
    store = SegmentCache(tmp_path / "cache")
    for call in (store.check, store.ready, store.usage):
        with pytest.raises(CacheError, match="is not a folder, so it cannot hold the segment cache"):
            call()


def test_a_cache_that_cannot_be_written_says_so(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    with pytest.raises(CacheError, match=r"the segment cache cannot be written \(Permission denied\)"):
        SegmentCache(tmp_path / "cache").ready()


def test_clear_removes_only_a_folder_the_cache_marked(tmp_path):
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "holiday.jpg").write_bytes(b"precious")
    with pytest.raises(CacheError, match="is not a segment cache \\(it has no CACHEDIR.TAG\\); nothing was removed"):
        SegmentCache(photos).clear()
    store, _, _ = stored(tmp_path)
    (tmp_path / "link").symlink_to(tmp_path / "cache")
    with pytest.raises(CacheError, match="is not a segment cache"):
        SegmentCache(tmp_path / "link").clear()
    assert (photos / "holiday.jpg").exists() and (tmp_path / "cache").exists()
    store.clear()
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("changes", [
    {"sample_rate": 0}, {"samples": 0}, {"speech_samples": 44101}, {"speech_samples": -1},
    {"loudness": float("inf")}, {"true_peak": float("nan")}, {"samples": True}, {"samples": 1.5},
    {"sentence_starts": (1.5,)}, {"blocks": ("loud",)}, {"sha256": 5},
])
def test_a_record_whose_values_make_no_sense_is_discarded(tmp_path, changes):
    store, key, _ = stored(tmp_path, **changes)
    assert store.get(key) is None
    assert not store.audio_path(key).parent.exists()


def test_a_record_edited_after_it_was_written_fails_its_own_digest(tmp_path):
    store, key, record = stored(tmp_path)
    data = json.loads(record.read_text())
    record.write_text(json.dumps({**data, "samples": data["samples"] * 2}))
    assert store.get(key) is None


def test_a_record_keeps_every_field_and_its_digest(tmp_path):
    _, _, record = stored(tmp_path)
    data = json.loads(record.read_text())
    assert set(data) == {"samples", "sample_rate", "sentence_starts", "speech_samples", "loudness", "blocks",
                         "true_peak", "sha256", "check"}
    assert len(data["check"]) == 64


def test_an_entry_stored_twice_keeps_the_first_and_leaves_nothing_hidden(tmp_path):
    store, key, _ = stored(tmp_path)
    store.put(key, AUDIO, record_for())
    assert store.get(key) == record_for()
    prefix = store.audio_path(key).parent.parent
    assert [p.name for p in prefix.iterdir()] == [key]


def test_a_prefix_that_is_a_file_is_replaced_when_storing(tmp_path):
    store, key = SegmentCache(tmp_path / "cache"), segment_key(**FIELDS)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / key[:2]).write_text("not a folder")
    store.put(key, AUDIO, record_for())
    assert store.get(key) == record_for()


def test_an_entry_that_is_a_file_is_damage_and_is_removed(tmp_path):
    store, key, _ = stored(tmp_path)
    import shutil

    entry = store.audio_path(key).parent
    shutil.rmtree(entry)
    entry.write_text("junk")
    assert store.get(key) is None and not entry.exists()


def test_hidden_folders_of_dead_writers_are_removed_when_storing(tmp_path):
    import subprocess
    import sys

    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)
    store, key, _ = stored(tmp_path)
    prefix = store.audio_path(key).parent.parent
    orphan, live, odd = (prefix / f".{key}.{dead}.x.tmp", prefix / f".{key}.{os.getpid()}.x.tmp",
                         prefix / ".x.y.tmp")
    for folder in (orphan, live):
        folder.mkdir()
        (folder / "audio.mp3").write_bytes(b"half")
    odd.write_text("?")
    store.put(key, AUDIO, record_for())  # the orphans sit beside this entry
    assert not orphan.exists() and live.exists() and odd.exists()


def test_usage_counts_only_whole_entries(tmp_path):
    store, key, _ = stored(tmp_path)
    (store.audio_path(key).parent.parent / "stray.mp3").write_bytes(b"x" * 100)
    entries, size = store.usage()
    assert entries == 1 and size == len(AUDIO) + store.audio_path(key).with_name("record.json").stat().st_size


def test_usage_leaves_out_an_entry_still_being_written(tmp_path):
    store, key, _ = stored(tmp_path)
    staging = store.audio_path(key).parent.parent / f".{key}.12345.tmp"
    staging.mkdir()
    for name in ("audio.mp3", "record.json"):
        (staging / name).write_bytes(b"x" * 50)
    assert store.usage() == SegmentCache(store.root).usage() == (1, len(AUDIO) + store.audio_path(key).with_name(
        "record.json").stat().st_size)


def test_a_cache_whose_marker_cannot_be_written_says_so_as_the_cache(tmp_path):
    with pytest.raises(CacheError, match=r"^/proc/1: the segment cache cannot be written"):
        SegmentCache(Path("/proc/1")).ready()


def test_a_records_fields_are_what_asdict_gives_and_round_trip_through_json():
    from dataclasses import asdict

    from audio_edition.cache import record_fields

    record = record_for()
    assert record_fields(record) == asdict(record)
    assert list(record_fields(record)) == list(asdict(record))
    stored = json.loads(json.dumps(record_fields(record)))
    assert SegmentRecord(**{**stored, "sentence_starts": tuple(stored["sentence_starts"]),
                            "blocks": tuple(stored["blocks"])}) == record
