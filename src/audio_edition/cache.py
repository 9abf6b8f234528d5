"""A content-addressed store of encoded segments.

Each entry is an MP3 fragment and a small JSON record, both named by the segment's
key: a hash of everything that shapes its audio (spoken text, engine and its version,
voice, rate, pause, loudness target, encoding). A rebuild encodes only segments whose
key changed. An entry whose MP3 does not match the digest in its record is damaged:
it is removed and rebuilt, never used.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from audio_edition.files import sha256_of, write_atomic

FORMAT_VERSION = 3
"""Bump when the way segments are rendered changes, so old entries are not reused."""


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
        return self.root / key[:2] / f"{key}.mp3"

    def _record_path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> SegmentRecord | None:
        """The record for `key` if its audio is present and intact, else None."""
        try:
            data = json.loads(self._record_path(key).read_text("utf-8"))
            record = SegmentRecord(**{**data, "sentence_starts": tuple(data["sentence_starts"]),
                                      "blocks": tuple(data["blocks"])})
            intact = sha256_of(self.audio_path(key)) == record.sha256
        except (OSError, ValueError, TypeError, KeyError):
            intact, record = False, None
        if not intact:
            self.discard(key)
            return None
        return record

    def put(self, key: str, audio: bytes, record: SegmentRecord) -> None:
        # The audio lands first: a record never points at audio that is not there. No
        # flush to the disk: an entry damaged by a power cut fails its digest and is rebuilt.
        write_atomic(self.audio_path(key), audio, durable=False)
        write_atomic(self._record_path(key), json.dumps(asdict(record)).encode("utf-8"), durable=False)

    def discard(self, key: str) -> None:
        self._record_path(key).unlink(missing_ok=True)
        self.audio_path(key).unlink(missing_ok=True)

    def usage(self) -> tuple[int, int]:
        """(entries, bytes) held."""
        files = [p for p in self.root.glob("*/*") if p.is_file()] if self.root.exists() else []
        return sum(1 for p in files if p.suffix == ".mp3"), sum(p.stat().st_size for p in files)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

