"""Small editions made through the library for the unit tests: a few seconds of the
fake engine's speech per chapter, mastered and packaged as a build does it."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from pathlib import Path

from PIL import Image

from audio_edition import engines
from audio_edition.cache import SegmentCache, segment_key
from audio_edition.engines import Voice
from audio_edition.model import Line, Plan, Segment, SpokenPart
from audio_edition.package.edition import AudioParts, write_edition
from audio_edition.package.manifest import MANIFEST_NAME, file_entry
from audio_edition.settings import BuildSettings, MasteringSettings
from audio_edition.speak import SpeechJob
from audio_edition.render import render

SLUG = "a-small-letter"
PLAN = Plan(
    title="A Small Letter",
    authors="Ana Ruiz",
    writer="Sam",
    segments=(
        Segment("intro", "Opening", "A small letter, read aloud for the tests."),
        Segment("letter", "The Letter", "Dear editors, my neighbour plays the drums at night and I cannot sleep."),
        Segment("reply", "The Reply to Sam", "Dear Sam, talk to him in daylight, bring cake, and ask for quiet hours."),
    ),
)
PARTS = tuple(
    SpokenPart(
        segment=segment,
        chapter_title=segment.title,
        lines=tuple(Line(sentence.strip() + ".", sentence.strip() + ".", role, index == 0)
                    for index, sentence in enumerate(segment.text.rstrip(".").split(","))),
        pause_ms=700,
    )
    for segment, role in zip(PLAN.segments, ("narrator", "writer", "columnists"))
)


# Chapter titles grow longer in time order: mutagen stores frames shortest first, so
# tags edited with plain mutagen keep the chapters in time order.


def silent_mp3(path: Path, seconds: float = 1.0, rate: int = 8000, kbps: int = 32) -> Path:
    """A bare MP3 stream of silence at `path`, to tag and chapter."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    path.write_bytes(encoder.encode(bytes(2 * int(rate * seconds))) + encoder.flush())
    return path


def small_cover() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def speak_parts(cache_dir: Path, mastering: MasteringSettings = MasteringSettings()) -> AudioParts:
    """Each part spoken by the fake engine and mastered, as a speech worker does it."""
    engine, cache = engines.load("fake"), SegmentCache(cache_dir)
    records, paths = [], []
    for part in PARTS:
        sentences = tuple(line.spoken for line in part.lines)
        key = segment_key(sentences=sentences, mastering=asdict(mastering))
        records.append(render(engine, SpeechJob(key, sentences, Voice(), part.pause_ms, part.chapter_title, (0,)),
                              cache, mastering))
        paths.append(cache.audio_path(key))
    return AudioParts(PARTS, records, paths)


def build_edition(root: Path, mastering: MasteringSettings = MasteringSettings(),
                  formats: tuple[str, ...] = ("mp3",)) -> Path:
    """Package a three-chapter edition under `root`; return its folder."""
    settings = BuildSettings(out_dir=root, engine="fake", formats=formats, date="2026-11-29",
                             cache_dir=root / "cache", workers=1)
    audio = speak_parts(root / "cache", mastering)
    edition = write_edition(PLAN, SLUG, audio, root / SLUG, settings, (small_cover(), ".png"), "build-key")
    return edition.directory


def reseal(directory: Path) -> None:
    """Make the manifest vouch for the files as they are now, so a check of the
    manifest passes and only the check under test can fail."""
    path = directory / MANIFEST_NAME
    manifest = json.loads(path.read_text("utf-8"))
    manifest["files"] = {name: file_entry(directory / name) for name in manifest["files"]
                         if (directory / name).exists()}
    path.write_text(json.dumps(manifest), "utf-8")
