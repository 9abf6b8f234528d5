"""Atomic writing: a write that fails part way (a full disk, simulated) leaves the old
file whole, or no file; nothing temporary is left behind."""

import builtins
import errno
import hashlib
import io
import os
import stat
import subprocess
import sys

import pytest

from audio_edition import files
from audio_edition.errors import OutputError
from audio_edition.files import atomic_path, sha256_of, write_atomic
from audio_edition.publish.feed import publish

OLD = b"the old feed, complete\n" * 100


class _FillsUp(io.RawIOBase):
    """A file that takes half of what it is given, then reports a full disk."""

    def __init__(self, real):
        self.real = real

    def writable(self):
        return True

    def fileno(self):
        return self.real.fileno()

    def write(self, data):
        data = bytes(data)
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self):
        self.real.close()
        super().close()


@pytest.fixture
def fill_disk(monkeypatch):
    """Call it with a folder: from then on, every file opened for writing there fails
    half way through its first write."""
    real_open = io.open

    def arm(folder):
        def failing_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            if any(flag in mode for flag in "wax+") and os.fspath(file).startswith(str(folder)):
                return _FillsUp(handle)
            return handle

        monkeypatch.setattr(io, "open", failing_open)
        monkeypatch.setattr(builtins, "open", failing_open)

    return arm


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_write_that_fails_part_way_leaves_the_old_file_whole(tmp_path, fill_disk):
    target = tmp_path / "feed.xml"
    target.write_bytes(OLD)
    fill_disk(tmp_path)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"<rss>the new feed</rss>\n" * 200)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_first_write_that_fails_leaves_no_file(tmp_path, fill_disk):
    fill_disk(tmp_path)
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "new.json", b"{}" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_a_feed_publish_that_fails_part_way_keeps_the_old_feed(tmp_path, fill_disk):
    from test_feed import MONDAY, SHOW, make_edition

    feed = tmp_path / "site" / "feed.xml"
    publish([make_edition(tmp_path / "site", "one", "One")], SHOW, feed, "c.png", MONDAY)
    before = feed.read_bytes()
    second = make_edition(tmp_path / "site", "two", "Two")
    fill_disk(tmp_path / "site")
    with pytest.raises(OutputError):
        publish([second], SHOW, feed, "c.png", MONDAY)
    assert feed.read_bytes() == before
    assert [p.name for p in feed.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_packaging_that_fails_part_way_keeps_the_previous_edition(tmp_path, fill_disk):
    from editions import build_edition

    folder = build_edition(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    fill_disk(folder)
    with pytest.raises(OutputError):
        build_edition(tmp_path / "out")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_exception_inside_the_block_keeps_the_old_file(tmp_path):
    target = tmp_path / "a.mp3"
    target.write_bytes(OLD)
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as temporary:
            temporary.write_bytes(b"half")
            raise KeyboardInterrupt
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_successful_write_replaces_the_file_with_readable_permissions(tmp_path):
    target = tmp_path / "deep" / "er" / "feed.xml"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert leftovers(target.parent) == []


def test_the_temporary_file_is_beside_the_target_until_the_rename(tmp_path):
    target = tmp_path / "feed.xml"
    target.write_bytes(OLD)
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary != target
        assert temporary.name.startswith(".feed.xml.") and temporary.name.endswith(".tmp")
        temporary.write_bytes(b"new")
        assert target.read_bytes() == OLD
    assert target.read_bytes() == b"new" and not temporary.exists()


def test_durable_writes_reach_the_disk_and_others_skip_the_flush(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    write_atomic(tmp_path / "a", b"x", durable=False)
    assert synced == []
    write_atomic(tmp_path / "b", b"x")
    assert len(synced) == 1


def test_a_folder_that_cannot_be_made_is_an_output_error(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write here"):
        write_atomic(tmp_path / "file" / "feed.xml", b"x")


def test_a_rename_that_fails_is_an_output_error_and_leaves_nothing(tmp_path):
    (tmp_path / "feed.xml").mkdir()  # a folder where the file should go
    (tmp_path / "feed.xml" / "keep").write_text("k")
    with pytest.raises(OutputError, match="cannot be written"):
        write_atomic(tmp_path / "feed.xml", b"x")
    assert leftovers(tmp_path) == []


def test_temporary_files_of_dead_writers_are_removed_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = tmp_path / f".feed.xml.{int(dead.stdout)}.abc.tmp"
    live = tmp_path / f".feed.xml.{os.getpid()}.abc.tmp"
    other = tmp_path / f".other.xml.{int(dead.stdout)}.abc.tmp"
    for path in (orphan, live, other):
        path.write_text("partial")
    write_atomic(tmp_path / "feed.xml", b"x")
    assert not orphan.exists() and live.exists() and other.exists()


def test_a_process_that_cannot_be_signalled_counts_as_alive(monkeypatch):
    def refuse(pid, signal):
        raise PermissionError

    monkeypatch.setattr(os, "kill", refuse)
    assert files._alive(1)


def test_sha256_of_a_file(tmp_path):
    data = os.urandom(200_000)
    (tmp_path / "a").write_bytes(data)
    assert sha256_of(tmp_path / "a") == hashlib.sha256(data).hexdigest()


def test_a_temporary_name_without_a_process_id_is_left_alone(tmp_path):
    odd = tmp_path / ".feed.xml.notapid.abc.tmp"
    odd.write_text("someone else's")
    write_atomic(tmp_path / "feed.xml", b"x")
    assert odd.exists()


def test_a_first_packaging_that_fails_leaves_no_edition_folder(tmp_path, fill_disk):
    from editions import SLUG, build_edition

    fill_disk(tmp_path / "out" / SLUG)
    with pytest.raises(OutputError):
        build_edition(tmp_path / "out")
    assert not (tmp_path / "out" / SLUG).exists()
