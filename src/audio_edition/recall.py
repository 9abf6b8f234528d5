"""Builds remembered: a build asked again with nothing changed is answered at once.

A build that succeeds leaves a record in the segment cache's folder, named by the digest
of the request: the command's options, the articles, the working folder, the day, this
program's code and the installed packages. The record holds every input file the build
read, by the SHA-256 of its bytes (a file looked for and not there, as None), and the
folder and build key of each edition it made. Asked the same again, the build finds the
record; if every input still has the same bytes and every edition is still as its
manifest describes it, nothing has changed, and the answer needs no article read,
planned or scripted, and none of the modules that do it imported.

Anything the record cannot vouch for (a missing, damaged or stale record, an input or an
edition changed) leaves the build to the full path, which decides with the build key.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from audio_edition.files import sha256_of, write_atomic

RECORD_VERSION = 1
RECORDS_FOLDER = "builds"
"""The records' folder inside the segment cache's."""

_reads: contextvars.ContextVar[dict[str, str | None] | None] = contextvars.ContextVar("reads", default=None)


@contextlib.contextmanager
def noting_reads() -> Iterator[dict[str, str | None]]:
    """Within it, the input files a build reads are noted in the dictionary yielded:
    absolute path -> SHA-256 of the bytes read, or None for a file looked for and absent."""
    noted: dict[str, str | None] = {}
    token = _reads.set(noted)
    try:
        yield noted
    finally:
        _reads.reset(token)


def note_read(path: Path, data: bytes | None) -> None:
    """Note that `path` was read and gave `data` (None: it was looked for and not found).
    Every reader of a build's input files calls this; outside `noting_reads` it does nothing."""
    noted = _reads.get()
    if noted is not None:
        noted[os.path.abspath(path)] = None if data is None else hashlib.sha256(data).hexdigest()


def request_digest(request: Mapping[str, object]) -> str:
    """The digest naming a build's record: the request (options and articles, as given),
    and what else shapes the edition without being an input file."""
    return hashlib.sha256(json.dumps({
        "record": RECORD_VERSION,
        "request": {name: repr(value) for name, value in request.items()},
        "folder": os.getcwd(),  # relative paths in the request mean other files elsewhere
        "day": datetime.date.today().isoformat(),  # an edition's date is the day's by default
        "code": code_digest(),
        "packages": _packages_fingerprint(),
        "environment": sorted((k, v) for k, v in os.environ.items() if k.startswith("AUDIO_EDITION_")),
    }, sort_keys=True).encode()).hexdigest()


def _packages_fingerprint() -> list[tuple[str, int]]:
    """When each folder of installed packages last changed: installing, upgrading or
    removing a package (an engine, its voice, a reader's library) changes it."""
    folders = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    return [(folder, os.stat(folder).st_mtime_ns) for folder in folders if os.path.isdir(folder)]


@functools.cache
def code_digest() -> str:
    """A digest of this program's files (code, templates): a new version rebuilds editions."""
    return folder_digest(Path(__file__).parent)


def folder_digest(folder: Path) -> str:
    """A digest of every file in `folder` and below, names and contents, compiled files aside."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Recalled:
    """What the record of a build says of the same build asked again."""

    found: bool = False
    """A whole record of the request was there: unless nothing changed, the editions it
    names are being rebuilt."""
    audio_paths: tuple[Path, ...] | None = None
    """Each edition's audio, in order, when nothing the build read or wrote has changed."""


def recalled(cache_folder: Path, digest: str) -> Recalled:
    """What the record of the build asked as `digest` says of it now."""
    from audio_edition.package.manifest import current_edition

    try:
        record = json.loads((cache_folder / RECORDS_FOLDER / f"{digest}.json").read_bytes())
        reads = {str(path): sha for path, sha in record["reads"].items()}
        editions = [(Path(entry["directory"]), entry["build_key"]) for entry in record["editions"]]
        if record["record"] != RECORD_VERSION or not editions:
            return Recalled()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Recalled()
    try:
        if any(_sha256_or_none(Path(path)) != sha for path, sha in reads.items()):
            return Recalled(found=True)
    except OSError:  # an input that cannot be read now: the full way says why
        return Recalled(found=True)
    stored = [current_edition(directory, key) for directory, key in editions]
    if None in stored:
        return Recalled(found=True)
    return Recalled(found=True, audio_paths=tuple(edition.audio_path for edition in stored))


def remember(cache_folder: Path, digest: str, reads: Mapping[str, str | None], directories: Sequence[Path]) -> None:
    """Record that the build asked as `digest` read `reads` and made the editions in
    `directories`, each as its manifest now describes it. A record that cannot be written
    costs the next build its shortcut only, so the failure is not raised."""
    from audio_edition.errors import AudioEditionError
    from audio_edition.package.manifest import read_edition

    try:
        editions = [{"directory": str(d), "build_key": read_edition(d).build_key} for d in directories]
        document = {"record": RECORD_VERSION, "reads": dict(reads), "editions": editions}
        write_atomic(cache_folder / RECORDS_FOLDER / f"{digest}.json", json.dumps(document, indent=1).encode(),
                     durable=False)
    except AudioEditionError:
        return
    _forget_other_days(cache_folder / RECORDS_FOLDER)


def _forget_other_days(folder: Path) -> None:
    """Remove the records written before today: the day is part of every request's
    digest, so none of them can be asked for again."""
    today = datetime.date.today()
    with contextlib.suppress(OSError):
        for path in folder.glob("*.json"):
            with contextlib.suppress(OSError):
                if datetime.date.fromtimestamp(path.stat().st_mtime) < today:
                    path.unlink()


def _sha256_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
