"""The segment cache in an object store (here fsspec's in-memory one), as every machine of
a deployment shares it: which locations name a store, one object per entry, reads kept in
the local mirror, damage discarded, the marker, usage, clearing, and a store that fails
said as one plain error."""

import errno
import hashlib
import json
import uuid
from pathlib import Path

import fsspec
import pytest

from audio_edition.cache import (
    SegmentCache,
    SegmentRecord,
    SharedSegmentCache,
    cache_location,
    is_url,
    open_cache,
    segment_key,
)
from audio_edition.errors import CacheError
from audio_edition.settings import default_cache_dir

AUDIO = b"\xff\xf3\n" + bytes(range(256)) * 8  # newlines inside the audio, as in any MP3
RECORD = SegmentRecord(samples=44100, sample_rate=22050, sentence_starts=(0, 9000), speech_samples=30000,
                       loudness=-23.5, blocks=(-16.1,), true_peak=-3.2, sha256=hashlib.sha256(AUDIO).hexdigest())
KEY = segment_key(sentences=("Hello.",), engine="fake")
MEMORY = fsspec.filesystem("memory")


@pytest.fixture()
def url():
    """A store of the test's own, removed afterwards."""
    address = f"memory://segments-{uuid.uuid4().hex}/cache"
    yield address
    path = fsspec.core.url_to_fs(address)[1]
    if MEMORY.exists(path):
        MEMORY.rm(path, recursive=True)


def shared(url, tmp_path, mirror="mirror") -> SharedSegmentCache:
    return open_cache(url, tmp_path / mirror)


def stored_object(url) -> str:
    """Where the entry of KEY lives in the store: PREFIX/ab/KEY."""
    return f"{fsspec.core.url_to_fs(url)[1]}/{KEY[:2]}/{KEY}"


@pytest.mark.parametrize("location, url", [
    ("s3://bucket/segments", True), ("gs://bucket", True), ("memory://x", True),
    ("file:///var/cache/segments", False), ("/var/cache/segments", False), ("segments", False),
])
def test_a_location_with_a_scheme_other_than_file_names_a_store(location, url):
    assert is_url(location) is url


def test_a_folder_or_file_url_opens_the_cache_in_that_folder(tmp_path):
    for location in (tmp_path / "segments", str(tmp_path / "segments"), f"file://{tmp_path / 'segments'}"):
        store = open_cache(location)
        assert isinstance(store, SegmentCache) and store.root == tmp_path / "segments"


def test_a_store_url_opens_the_shared_cache_with_its_mirror(url, tmp_path):
    store = open_cache(url + "/", tmp_path / "mirror")
    assert isinstance(store, SharedSegmentCache)
    assert store.root == url and store.mirror.root == tmp_path / "mirror"


def test_each_store_has_a_mirror_of_its_own_beside_the_default_cache():
    first, again, other = open_cache("s3://one/cache"), open_cache("s3://one/cache"), open_cache("s3://two/cache")
    assert first.mirror.root == again.mirror.root != other.mirror.root
    assert first.mirror.root.parent == other.mirror.root.parent == default_cache_dir().parent / "mirrors"


def test_an_entry_is_one_object_its_record_then_its_audio_and_the_writer_keeps_a_copy(url, tmp_path):
    store = shared(url, tmp_path)
    store.put(KEY, AUDIO, RECORD)
    assert store.audio_path(KEY).read_bytes() == AUDIO
    header, newline, audio = MEMORY.cat_file(stored_object(url)).partition(b"\n")
    assert (newline, audio) == (b"\n", AUDIO)
    assert {"samples", "sha256", "check"} <= set(json.loads(header))


def test_another_machine_reads_the_entry_and_keeps_it_in_its_mirror(url, tmp_path):
    shared(url, tmp_path, "here").put(KEY, AUDIO, RECORD)
    there = shared(url, tmp_path, "there")
    assert there.get(KEY) == RECORD
    assert there.audio_path(KEY) == tmp_path / "there" / KEY[:2] / KEY / "audio.mp3"
    assert there.audio_path(KEY).read_bytes() == AUDIO
    MEMORY.rm_file(stored_object(url))
    assert there.get(KEY) == RECORD, "a second read needs nothing from the store"


def test_a_key_the_store_lacks_is_a_miss(url, tmp_path):
    assert shared(url, tmp_path).get(KEY) is None


@pytest.mark.parametrize("damage", [
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),
    lambda data: b"not a record\n" + AUDIO,
    lambda data: data.replace(b'"samples": 44100', b'"samples": 44101'),
    lambda data: data.partition(b"\n")[0],
])
def test_a_damaged_object_is_discarded_not_used(url, tmp_path, damage):
    shared(url, tmp_path, "writer").put(KEY, AUDIO, RECORD)
    MEMORY.pipe_file(stored_object(url), damage(MEMORY.cat_file(stored_object(url))))
    reader = shared(url, tmp_path, "reader")
    assert reader.get(KEY) is None
    assert not MEMORY.exists(stored_object(url))
    assert not reader.audio_path(KEY).exists()


def test_discard_takes_the_entry_from_the_store_and_the_mirror(url, tmp_path):
    store = shared(url, tmp_path)
    store.put(KEY, AUDIO, RECORD)
    store.discard(KEY)
    assert not MEMORY.exists(stored_object(url)) and not store.audio_path(KEY).exists()
    assert store.get(KEY) is None
    store.discard(KEY)


def test_ready_marks_the_store_and_its_mirror(url, tmp_path):
    shared(url, tmp_path).ready()
    prefix = fsspec.core.url_to_fs(url)[1]
    assert MEMORY.cat_file(f"{prefix}/CACHEDIR.TAG").startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    assert (tmp_path / "mirror" / "CACHEDIR.TAG").is_file()


def test_usage_counts_every_object_but_the_marker(url, tmp_path):
    store = shared(url, tmp_path)
    store.ready()
    store.put(KEY, AUDIO, RECORD)
    MEMORY.pipe_file(f"{fsspec.core.url_to_fs(url)[1]}/ab/empty", b"")
    entries, size = store.usage()
    assert (entries, size) == (2, len(MEMORY.cat_file(stored_object(url))))


def test_clear_empties_only_a_marked_store_and_its_mirror(url, tmp_path):
    store = shared(url, tmp_path)
    store.put(KEY, AUDIO, RECORD)
    with pytest.raises(CacheError) as error:
        store.clear()
    assert str(error.value) == f"{url}: is not a segment cache (it has no CACHEDIR.TAG); nothing was removed"
    assert MEMORY.exists(stored_object(url))
    store.ready()
    store.clear()
    assert not MEMORY.exists(fsspec.core.url_to_fs(url)[1]) and not (tmp_path / "mirror").exists()


def test_an_unknown_kind_of_store_is_said_once_when_checked(tmp_path):
    store = open_cache("nosuch://bucket/cache", tmp_path / "mirror")
    with pytest.raises(CacheError) as error:
        store.check()
    assert str(error.value) == "nosuch://bucket/cache: cannot reach this segment cache (Protocol not known: nosuch)"


def failing(*args, **kwargs):
    raise PermissionError(errno.EACCES, "Access Denied")


@pytest.mark.parametrize("method, call, doing", [
    ("cat_file", lambda store: store.get(KEY), "read"),
    ("pipe_file", lambda store: store.put(KEY, AUDIO, RECORD), "written"),
    ("pipe_file", lambda store: store.ready(), "written"),
    ("find", lambda store: store.usage(), "read"),
    ("exists", lambda store: store.clear(), "read"),
    ("rm", lambda store: store.clear(), "cleared"),
])
def test_a_store_that_fails_is_one_plain_error(url, tmp_path, monkeypatch, method, call, doing):
    store = shared(url, tmp_path)
    store.ready()
    monkeypatch.setattr(store.fs, method, failing)
    with pytest.raises(CacheError) as error:
        call(store)
    assert str(error.value) == f"{url}: the segment cache cannot be {doing} ([Errno 13] Access Denied)"
    assert not store.audio_path(KEY).exists()


@pytest.mark.parametrize("given, location", [
    ("s3://editions/segments", "s3://editions/segments"),
    ("file:///srv/segments", Path("/srv/segments")),
    ("segments", Path("segments")),
])
def test_a_cache_given_as_text_is_a_url_or_a_folder(given, location):
    assert cache_location(given) == location
