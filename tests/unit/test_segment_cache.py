"""The segment cache, called directly: keys, round trips, damaged and partial entries."""

import hashlib
import json

import pytest

from audio_edition.cache import SegmentCache, SegmentRecord, segment_key

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
