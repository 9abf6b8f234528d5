"""What the segment cache keeps and gives back: keys that stay the same from one release
to the next, entries an earlier release wrote, records at the edges of sense, damage of
every shape removed (and nothing else), and what usage counts."""

import errno
import hashlib
import json
import os
import shutil
import stat

import pytest

from audio_edition.cache import FORMAT_VERSION, SegmentCache, SegmentRecord, segment_key
from audio_edition.errors import CacheError

AUDIO = b"\xff\xf3" + bytes(range(256)) * 8


def record_for(audio: bytes = AUDIO, **changes) -> SegmentRecord:
    fields = {"samples": 44100, "sample_rate": 22050, "sentence_starts": (0, 9000), "speech_samples": 30000,
              "loudness": -23.5, "blocks": (-16.1, -15.9), "true_peak": -3.2,
              "sha256": hashlib.sha256(audio).hexdigest()}
    return SegmentRecord(**{**fields, **changes})


KEY = segment_key(sentences=("Hello.",), engine="fake")


def test_a_key_is_the_digest_of_the_sorted_fields_and_format_so_caches_outlive_releases():
    # Entries on disk are named by their keys: the same fields must give the same key in
    # every release that renders alike, accents and all, or every segment is made again.
    fields = f'{{"engine": "fake", "format": {FORMAT_VERSION}, "sentences": ["Café crème.", "Zoë"]}}'
    key = segment_key(sentences=("Café crème.", "Zoë"), engine="fake")
    assert key == hashlib.sha256(fields.encode()).hexdigest()


def test_an_entry_as_an_earlier_release_wrote_it_is_read(tmp_path):
    fields = {"samples": 44100, "sample_rate": 22050, "sentence_starts": [0, 9000], "speech_samples": 30000,
              "loudness": -23.5, "blocks": [-16.1, -15.9], "true_peak": -3.2,
              "sha256": hashlib.sha256(AUDIO).hexdigest()}
    check = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
    entry = tmp_path / KEY[:2] / KEY
    entry.mkdir(parents=True)
    (entry / "audio.mp3").write_bytes(AUDIO)
    (entry / "record.json").write_text(json.dumps({**fields, "check": check}))
    assert SegmentCache(tmp_path).get(KEY) == record_for()


@pytest.mark.parametrize("changes", [
    {"samples": 1, "speech_samples": 1},
    {"speech_samples": 0},
    {"speech_samples": 44100},
    {"sample_rate": 1},
    {"sentence_starts": (), "blocks": ()},
])
def test_a_record_at_the_edges_of_sense_is_kept(tmp_path, changes):
    store = SegmentCache(tmp_path)
    store.put(KEY, AUDIO, record_for(**changes))
    assert store.get(KEY) == record_for(**changes)


def test_a_segment_of_no_samples_is_refused_even_when_its_speech_agrees(tmp_path):
    store = SegmentCache(tmp_path)
    store.put(KEY, AUDIO, record_for(samples=0, speech_samples=0))
    assert store.get(KEY) is None


def test_audio_without_its_record_is_cleared_away_so_the_segment_can_be_stored_again(tmp_path):
    store = SegmentCache(tmp_path)
    store.audio_path(KEY).parent.mkdir(parents=True)
    store.audio_path(KEY).write_bytes(AUDIO)
    assert store.get(KEY) is None
    store.put(KEY, AUDIO, record_for())
    assert store.get(KEY) == record_for()


def test_an_entry_that_is_a_file_goes_without_a_trace(tmp_path):
    store = SegmentCache(tmp_path)
    store.put(KEY, AUDIO, record_for())
    entry = store.audio_path(KEY).parent
    shutil.rmtree(entry)
    entry.write_text("junk")
    assert store.get(KEY) is None
    assert list(entry.parent.iterdir()) == []


def test_an_entry_that_is_a_link_is_removed_without_touching_what_it_points_to(tmp_path):
    store = SegmentCache(tmp_path / "cache")
    elsewhere = tmp_path / "photos"
    elsewhere.mkdir()
    (elsewhere / "record.json").write_text("{}")
    (elsewhere / "audio.mp3").write_bytes(b"precious")
    entry = store.audio_path(KEY).parent
    entry.parent.mkdir(parents=True)
    entry.symlink_to(elsewhere)
    assert store.get(KEY) is None
    assert list(entry.parent.iterdir()) == []
    assert (elsewhere / "audio.mp3").read_bytes() == b"precious"


def test_a_damaged_entry_whose_files_cannot_be_deleted_is_put_out_of_sight(tmp_path, monkeypatch):
    # As in a cache shared by several users: the entry is another user's, so this one may
    # move it aside but not delete what is in it.
    store = SegmentCache(tmp_path)
    store.put(KEY, AUDIO, record_for())
    store.audio_path(KEY).write_bytes(b"damaged")
    unlink = os.unlink

    def refuse(path, *args, **kwargs):
        if os.fspath(path).endswith(("audio.mp3", "record.json")):
            raise PermissionError(errno.EACCES, "Permission denied")
        return unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    assert store.get(KEY) is None
    assert not os.path.lexists(store.audio_path(KEY).parent)
    monkeypatch.undo()
    store.put(KEY, AUDIO, record_for())
    assert store.get(KEY) == record_for()


def test_an_entry_is_readable_by_everyone_sharing_the_cache_and_writable_by_its_writer(tmp_path):
    store = SegmentCache(tmp_path)
    store.put(KEY, AUDIO, record_for())
    assert stat.S_IMODE(store.audio_path(KEY).parent.stat().st_mode) == 0o755


def test_a_cache_whose_folders_do_not_exist_yet_is_made_on_first_use(tmp_path):
    store = SegmentCache(tmp_path / "home" / ".cache" / "audio-edition" / "segments")
    store.put(KEY, AUDIO, record_for())
    assert store.get(KEY) == record_for()
    assert (tmp_path / "home" / ".cache" / "audio-edition" / "segments" / "CACHEDIR.TAG").is_file()


def test_usage_counts_stored_audio_and_the_files_of_entries_only(tmp_path):
    store = SegmentCache(tmp_path)
    store.put(KEY, AUDIO, record_for())
    entry = store.audio_path(KEY).parent
    (entry / "notes.txt").write_text("x" * 500)
    lone = tmp_path / "ab" / ("ab" + "0" * 62)
    lone.mkdir(parents=True)
    (lone / "record.json").write_text("{}")
    entries, size = store.usage()
    assert entries == 1
    assert size == len(AUDIO) + (entry / "record.json").stat().st_size + 2


def test_a_cache_that_cannot_be_cleared_says_why(tmp_path, monkeypatch):
    store = SegmentCache(tmp_path / "cache")
    store.put(KEY, AUDIO, record_for())

    def busy(path, *args, **kwargs):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(shutil, "rmtree", busy)
    with pytest.raises(CacheError) as error:
        store.clear()
    assert str(error.value) == f"{tmp_path / 'cache'}: cannot be cleared (Device or resource busy)"
