"""Writers sharing the segment cache: a writer killed part way leaves no entry a reader
could take, and nothing outside the cache; what dead writers leave is cleared by the next
one, even when another writer clears it first or its files cannot be deleted; and the
cache works whatever the system's temporary folder is."""

import errno
import hashlib
import os
import tempfile

import pytest

from audio_edition.cache import SegmentCache, SegmentRecord, segment_key

AUDIO = b"\xff\xf3" + bytes(range(256)) * 8
RECORD = SegmentRecord(samples=44100, sample_rate=22050, sentence_starts=(0,), speech_samples=30000,
                       loudness=-23.5, blocks=(-16.1,), true_peak=-3.2, sha256=hashlib.sha256(AUDIO).hexdigest())
KEY = segment_key(sentences=("Hello.",), engine="fake")
DEAD = 4_194_304 + 4321
"""A process id above the largest Linux hands out: no process ever has it."""


@pytest.fixture()
def system_tmp(tmp_path, monkeypatch):
    """The system's temporary folder, moved to an empty folder of the test's own."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def dying_at(target: str, move):
    """`move` (os.rename or os.replace), except that moving anything to `target` ends
    the process at once."""
    def move_or_die(source, destination, **kwargs):
        if os.fspath(destination) == target:
            os._exit(0)
        return move(source, destination, **kwargs)
    return move_or_die


def killed_while_storing(store: SegmentCache, key: str) -> None:
    """Store `key` in a child process that dies after writing everything and before
    putting the entry in place, the worst moment."""
    entry = os.fspath(store.audio_path(key).parent)
    child = os.fork()
    if child == 0:
        try:
            os.rename, os.replace = dying_at(entry, os.rename), dying_at(entry, os.replace)
            store.put(key, AUDIO, RECORD)
        finally:
            os._exit(1)
    assert os.waitpid(child, 0)[1] == 0, "the child died where it was meant to"


def test_a_writer_killed_part_way_leaves_no_entry_and_nothing_outside_the_cache(tmp_path, system_tmp):
    store = SegmentCache(tmp_path / "cache")
    killed_while_storing(store, KEY)
    prefix = store.audio_path(KEY).parent.parent
    assert store.get(KEY) is None
    assert list(system_tmp.iterdir()) == []
    left = [path.name for path in prefix.iterdir()]
    assert left and all(name.startswith(".") for name in left), "what it left is hidden"
    store.put(KEY, AUDIO, RECORD)
    assert [path.name for path in prefix.iterdir()] == [KEY]
    assert store.get(KEY) == RECORD


def test_the_cache_needs_only_its_own_folder_not_the_systems_temporary_one(tmp_path, system_tmp):
    system_tmp.rmdir()
    store = SegmentCache(tmp_path / "cache")
    store.ready()
    store.put(KEY, AUDIO, RECORD)
    assert store.get(KEY) == RECORD


def leftovers(prefix, key: str) -> dict:
    """What dead writers left beside an entry: a folder and a file, named as writers name them."""
    made = {"folder": prefix / f".{key}.{DEAD}.a1b2.tmp", "file": prefix / f".{key}.{DEAD}.discarded.tmp",
            "short": prefix / f".{key}.{DEAD}.tmp"}
    prefix.mkdir(parents=True, exist_ok=True)
    made["folder"].mkdir()
    (made["folder"] / "audio.mp3").write_bytes(b"half")
    made["file"].write_bytes(b"old")
    made["short"].write_bytes(b"old")
    return made


def test_dead_writers_leftovers_of_every_shape_are_cleared_by_the_next_writer(tmp_path):
    store = SegmentCache(tmp_path)
    made = leftovers(store.audio_path(KEY).parent.parent, KEY)
    store.put(KEY, AUDIO, RECORD)
    assert not any(os.path.lexists(path) for path in made.values())


def test_leftovers_another_writer_clears_first_are_no_trouble(tmp_path, monkeypatch):
    store = SegmentCache(tmp_path)
    made = leftovers(store.audio_path(KEY).parent.parent, KEY)
    kill = os.kill

    def other_writer_clears_then_answers(pid, signal):
        if pid == DEAD:
            for path in made.values():
                if path.is_dir():
                    (path / "audio.mp3").unlink(missing_ok=True)
                    path.rmdir()
                else:
                    path.unlink(missing_ok=True)
            raise ProcessLookupError(errno.ESRCH, "No such process")
        return kill(pid, signal)

    monkeypatch.setattr(os, "kill", other_writer_clears_then_answers)
    store.put(KEY, AUDIO, RECORD)
    assert store.get(KEY) == RECORD


def test_leftovers_whose_files_cannot_be_deleted_do_not_stop_a_writer(tmp_path, monkeypatch):
    store = SegmentCache(tmp_path)
    made = leftovers(store.audio_path(KEY).parent.parent, KEY)
    unlink = os.unlink

    def refuse_inside_the_leftover(path, *args, **kwargs):
        if os.fspath(path) == "audio.mp3" or os.fspath(path).startswith(os.fspath(made["folder"])):
            raise PermissionError(errno.EACCES, "Permission denied")
        return unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse_inside_the_leftover)
    store.put(KEY, AUDIO, RECORD)
    monkeypatch.undo()
    assert store.get(KEY) == RECORD


def test_leftovers_of_a_living_writer_are_left_alone(tmp_path):
    store = SegmentCache(tmp_path)
    prefix = store.audio_path(KEY).parent.parent
    prefix.mkdir(parents=True)
    working = prefix / f".{KEY}.{os.getpid()}.c3d4.tmp"
    working.mkdir()
    store.put(KEY, AUDIO, RECORD)
    assert working.is_dir()
