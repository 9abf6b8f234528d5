"""The one place outputs reach the disk: atomically, via a temporary file beside the target."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

from audio_edition.errors import OutputError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(target: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path in `target`'s folder; on success it replaces `target`.

    A failure or an interruption leaves `target` as it was: the old file or none.
    `durable` also flushes the file to the disk before the rename, so a power cut
    cannot leave an empty file either; a cache, which checks what it reads, skips it.
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_orphans(target)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({exc.strerror})") from exc
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for publishing
    try:
        yield temporary
        if durable:
            _sync(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror})") from exc
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `target` atomically."""
    with atomic_path(target, durable) as temporary:
        temporary.write_bytes(data)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in pieces: an edition's audio can be large."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _remove_orphans(target: Path) -> None:
    """Remove temporary files a killed process left for `target`: their names carry
    the writer's process id, and that process is gone."""
    for orphan in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = orphan.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            orphan.unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    """True while the process `pid` runs: temporary names carry their writer's id."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_alive = pid_alive  # the older, private name, still in use


def _sync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
