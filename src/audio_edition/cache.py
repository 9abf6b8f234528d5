"""A content-addressed store of encoded segments.

Each entry is a folder named by the segment's key, holding the MP3 fragment and a small
JSON record. The key is a hash of everything that shapes the audio (spoken text, engine
and its version, voice, rate, pause, loudness target, encoding). A rebuild encodes only
segments whose key changed.

An entry is written whole in a hidden folder beside it, then renamed into place, so a
lookup sees a whole entry or none, even while other builds share the cache. The record
carries a digest of itself and of the audio; an entry that does not match them is
damaged: it is moved out of sight, removed, and rebuilt, never used. The cache marks
its folder (CACHEDIR.TAG), and clears only a folder so marked.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

from audio_edition.errors import CacheError, OutputError
from audio_edition.files import pid_alive, sha256_of, write_atomic

FORMAT_VERSION = 4
"""Bump when the way segments are rendered or stored changes, so old entries are not reused."""

MARKER = "CACHEDIR.TAG"
MARKER_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
               "# This folder is audio-edition's segment cache: 'audio-edition cache --clear' empties it.\n")
"""The Cache Directory Tagging format: backup tools skip such a folder."""
AUDIO_NAME, RECORD_NAME = "audio.mp3", "record.json"


@dataclass(frozen=True)
class SegmentRecord:
    """What the cache knows about one encoded segment."""

    samples: int
    """Decoded length in samples, pause and encoder padding included."""
    sample_rate: int
    sentence_starts: tuple[int, ...]
    """Where each sentence starts, in samples from the segment's start."""
    speech_samples: int
    """Where the speech ends and the pause begins."""
    loudness: float
    """Integrated loudness of the speech before mastering, LUFS."""
    blocks: tuple[float, ...]
    """Loudness of each 400 ms gating block of the encoded audio, LUFS."""
    true_peak: float
    """True peak of the encoded audio, dBTP."""
    sha256: str


def segment_key(**fields) -> str:
    """A stable key from the fields that shape a segment's audio."""
    payload = json.dumps({"format": FORMAT_VERSION, **fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class SegmentCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def audio_path(self, key: str) -> Path:
        return self._entry(key) / AUDIO_NAME

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def check(self) -> None:
        """Raise `CacheError` if the cache's folder is not a folder."""
        if self.root.exists() and not self.root.is_dir():
            raise CacheError(f"{self.root}: is not a folder, so it cannot hold the segment cache")

    def ready(self) -> None:
        """Make the cache's folder and its marker, and raise `CacheError` if it cannot be
        written: said once, plainly, rather than as a failure of every segment."""
        self.check()
        try:
            self._mark()
            with tempfile.TemporaryFile(dir=self.root):
                pass
        except (OSError, OutputError) as exc:  # the marker is written atomically: OutputError
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise CacheError(f"{self.root}: the segment cache cannot be written ({reason})") from exc

    def get(self, key: str) -> SegmentRecord | None:
        """The record for `key` if its entry is whole and intact, else None (a damaged
        entry is discarded)."""
        entry = self._entry(key)
        try:
            record = _parse_record(json.loads((entry / RECORD_NAME).read_text("utf-8")))
            intact = record is not None and sha256_of(entry / AUDIO_NAME) == record.sha256
        except FileNotFoundError:
            return None if not os.path.lexists(entry) else self._damaged(key)
        except (OSError, ValueError):
            intact = False
        return record if intact else self._damaged(key)

    def _damaged(self, key: str) -> None:
        self.discard(key)
        return None

    def put(self, key: str, audio: bytes, record: SegmentRecord) -> None:
        """Store the entry: written whole in a hidden folder, then renamed into place. No
        flush to the disk: an entry damaged by a power cut fails its digest and is rebuilt."""
        folder = self._prefix(key)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}.{os.getpid()}.", suffix=".tmp", dir=folder))
        try:
            (staging / AUDIO_NAME).write_bytes(audio)
            (staging / RECORD_NAME).write_text(_render_record(record), "utf-8")
            os.chmod(staging, 0o755)
            try:
                os.rename(staging, self._entry(key))
            except OSError:
                if not self._entry(key).is_dir():
                    raise
                # Another build stored this key first; its entry serves both.
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _mark(self) -> None:
        """Make the cache's folder, marked as the cache's own."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not (self.root / MARKER).is_file():
            write_atomic(self.root / MARKER, MARKER_TEXT.encode(), durable=False)

    def _prefix(self, key: str) -> Path:
        """The entry's parent folder, made if missing; a file in its place is damage."""
        self._mark()
        folder = self.root / key[:2]
        if os.path.lexists(folder) and not folder.is_dir():
            folder.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        _remove_orphans(folder)
        return folder

    def discard(self, key: str) -> None:
        """Remove the entry, if the cache can be written; otherwise it stays, unused."""
        entry = self._entry(key)
        hidden = entry.with_name(f".{key}.{os.getpid()}.discarded.tmp")
        try:
            os.rename(entry, hidden)  # out of sight at once: no lookup sees half an entry
        except OSError:
            return
        if hidden.is_dir() and not hidden.is_symlink():
            shutil.rmtree(hidden, ignore_errors=True)
        else:
            hidden.unlink(missing_ok=True)

    def usage(self) -> tuple[int, int]:
        """(entries, bytes) held."""
        self.check()
        # Hidden folders are entries being written, or left by a killed writer: not entries.
        files = [p for p in self.root.glob("*/*/*")
                 if p.name in (AUDIO_NAME, RECORD_NAME) and not p.parent.name.startswith(".") and p.is_file()]
        return sum(1 for p in files if p.name == AUDIO_NAME), sum(p.stat().st_size for p in files)

    def clear(self) -> None:
        """Remove every entry, and the folder: only a folder the cache made (its marker says so)."""
        if not os.path.lexists(self.root):
            return
        self.check()
        if self.root.is_symlink() or not (self.root / MARKER).is_file():
            raise CacheError(f"{self.root}: is not a segment cache (it has no {MARKER}); nothing was removed")
        try:
            shutil.rmtree(self.root)
        except OSError as exc:
            raise CacheError(f"{self.root}: cannot be cleared ({exc.strerror})") from exc


def record_fields(record: SegmentRecord) -> dict:
    """The record's fields by name, as `asdict` gives them, without its deep copy of
    every number in the record's long tuples (a sixth of a part's bookkeeping)."""
    return {field.name: getattr(record, field.name) for field in fields(SegmentRecord)}


def _render_record(record: SegmentRecord) -> str:
    fields_ = record_fields(record)
    return json.dumps({**fields_, "check": _digest(fields_)})


def _digest(fields_: dict) -> str:
    return hashlib.sha256(json.dumps(fields_, sort_keys=True).encode("utf-8")).hexdigest()


_NUMBERS = {"samples": int, "sample_rate": int, "speech_samples": int, "loudness": float, "true_peak": float}


def _parse_record(data: object) -> SegmentRecord | None:
    """The record, or None unless it is whole: every field, the right types, sane
    values, and a digest that matches."""
    names = [f.name for f in fields(SegmentRecord)]
    if not isinstance(data, dict) or set(data) != {*names, "check"}:
        return None
    stored = {name: data[name] for name in names}
    if data["check"] != _digest(stored) or not _sane(stored):
        return None
    return SegmentRecord(**{**stored, "sentence_starts": tuple(stored["sentence_starts"]),
                            "blocks": tuple(stored["blocks"])})


def _sane(data: dict) -> bool:
    numbers_ok = all(isinstance(data[name], kind if kind is int else (int, float))
                     and not isinstance(data[name], bool) and math.isfinite(data[name]) for name, kind in _NUMBERS.items())
    lists_ok = (isinstance(data["sentence_starts"], list) and all(isinstance(s, int) for s in data["sentence_starts"])
                and isinstance(data["blocks"], list) and all(isinstance(b, (int, float)) for b in data["blocks"]))
    return (numbers_ok and lists_ok and isinstance(data["sha256"], str) and data["samples"] > 0
            and data["sample_rate"] > 0 and 0 <= data["speech_samples"] <= data["samples"])


def _remove_orphans(folder: Path) -> None:
    """Remove the hidden folders of writers that were killed: their names carry the
    writer's process id, and that process is gone."""
    for orphan in folder.glob(".*.tmp"):
        pid = orphan.name.split(".")[2] if orphan.name.count(".") >= 3 else ""
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(orphan, ignore_errors=True) if orphan.is_dir() else orphan.unlink(missing_ok=True)


def is_url(location: Path | str) -> bool:
    """Whether a cache location names an object store ("s3://bucket/prefix") rather than a folder."""
    return "://" in str(location) and not str(location).startswith("file://")


def cache_location(location: Path | str) -> Path | str:
    """A cache location as given: an fsspec URL kept as it is, or a folder (a file://
    URL names one too)."""
    return str(location) if is_url(location) else Path(str(location).removeprefix("file://"))


def open_cache(location: Path | str, mirror: Path | None = None) -> "SegmentCache | SharedSegmentCache":
    """The segment cache at `location`: a folder, or an fsspec URL (`s3://bucket/prefix`,
    `gs://...`) that every machine of a deployment reaches. A URL's entries are also
    kept in `mirror`, a local folder, where the edition is assembled from."""
    location = cache_location(location)
    if isinstance(location, Path):
        return SegmentCache(location)
    from audio_edition.settings import default_cache_dir

    local = mirror or default_cache_dir().parent / "mirrors" / hashlib.sha256(location.encode()).hexdigest()[:16]
    return SharedSegmentCache(location.rstrip("/"), SegmentCache(local))


class SharedSegmentCache:
    """The segment cache in an object store, through fsspec, with a local mirror.

    Each entry is one object, `PREFIX/ab/KEY`: the record as one JSON line, then the
    MP3. One object is written by one PUT, so a reader sees a whole entry or none, and
    two writers racing on one key leave one of the two whole. A read checks the digests
    as the local cache does, and keeps the entry in the mirror, so assembling reads
    local files and a rebuild downloads nothing again."""

    def __init__(self, url: str, mirror: SegmentCache) -> None:
        self.root = url
        self.mirror = mirror
        self._opened = None

    @property
    def fs(self):
        """The store's fsspec file system, opened on first use."""
        return self._open()[0]

    @property
    def _path(self) -> str:
        """The cache's prefix as the file system names it ("bucket/prefix")."""
        return self._open()[1]

    def _open(self):
        if self._opened is None:
            import fsspec

            try:
                self._opened = fsspec.core.url_to_fs(self.root)
            except (ImportError, ValueError) as exc:
                raise CacheError(f"{self.root}: cannot reach this segment cache ({exc})") from exc
        return self._opened

    def _object(self, key: str) -> str:
        return f"{self._path}/{key[:2]}/{key}"

    def audio_path(self, key: str) -> Path:
        return self.mirror.audio_path(key)

    def check(self) -> None:
        self.mirror.check()
        self._open()  # an unknown protocol, or its library missing, is said now, once

    def ready(self) -> None:
        """Mark the store as the cache's and raise `CacheError` if it cannot be written."""
        self.check()
        self.mirror.ready()
        self._call("written", lambda: self.fs.pipe_file(f"{self._path}/{MARKER}", MARKER_TEXT.encode()))

    def get(self, key: str) -> SegmentRecord | None:
        record = self.mirror.get(key)
        if record is not None:
            return record
        try:
            data = self.fs.cat_file(self._object(key))
        except FileNotFoundError:
            return None
        except Exception as exc:  # storage libraries (botocore, gcsfs) raise their own kinds
            raise CacheError(f"{self.root}: the segment cache cannot be read ({exc})") from exc
        header, _, audio = data.partition(b"\n")
        try:
            record = _parse_record(json.loads(header))
        except ValueError:
            record = None
        if record is None or hashlib.sha256(audio).hexdigest() != record.sha256:
            self.discard(key)
            return None
        self.mirror.put(key, audio, record)
        return record

    def put(self, key: str, audio: bytes, record: SegmentRecord) -> None:
        entry = _render_record(record).encode("utf-8") + b"\n" + audio
        self._call("written", lambda: self.fs.pipe_file(self._object(key), entry))
        self.mirror.put(key, audio, record)

    def discard(self, key: str) -> None:
        self.mirror.discard(key)
        try:
            self.fs.rm_file(self._object(key))
        except Exception:  # noqa: BLE001
            pass  # gone already, or read-only: it stays, unused

    def usage(self) -> tuple[int, int]:
        found = self._call("read", lambda: self.fs.find(self._path, detail=True))
        entries = [info for path, info in found.items() if not path.endswith(MARKER)]
        return len(entries), sum(int(info.get("size") or 0) for info in entries)

    def clear(self) -> None:
        """Remove every entry, and the mirror: only a store the cache marked as its own."""
        if not self._call("read", lambda: self.fs.exists(f"{self._path}/{MARKER}")):
            raise CacheError(f"{self.root}: is not a segment cache (it has no {MARKER}); nothing was removed")
        self._call("cleared", lambda: self.fs.rm(self._path, recursive=True))
        self.mirror.clear()

    def _call(self, doing: str, action):
        try:
            return action()
        except Exception as exc:  # storage libraries (botocore, gcsfs) raise their own kinds
            raise CacheError(f"{self.root}: the segment cache cannot be {doing} ({exc})") from exc
