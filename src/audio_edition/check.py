"""Verify an edition: every container's chapters, the tags, loudness, transcripts, and
each file against the manifest; and, listening, whether each chapter says what it was
to say. Each finding is one plain sentence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
from pathlib import Path

from audio_edition.errors import AudioEditionError, EditionError
from audio_edition.listen import Listening, ListenSettings
from audio_edition.package.manifest import MANIFEST_NAME, StoredEdition, file_entry, read_edition, store_listening
from audio_edition.tools import ffprobe, measure_loudness

TOLERANCE_S = 0.05
LOUDNESS_RANGE = (-17.0, -15.0)
MAX_TRUE_PEAK = -1.0


@dataclass
class CheckReport:
    findings: list[tuple[bool, str]] = field(default_factory=list)

    def add(self, ok: bool, message: str) -> bool:
        self.findings.append((ok, message))
        return ok

    @property
    def passed(self) -> bool:
        return all(ok for ok, _ in self.findings)


def check_edition(directory: Path, listen: ListenSettings | None = None) -> CheckReport:
    """Check the edition in `directory`; the report says what passed and what failed.

    With `listen`, each chapter is recognized and compared with its script, and the
    figures are stored in the manifest; without, figures stored earlier are reported."""
    report = CheckReport()
    try:
        edition = read_edition(directory)
    except EditionError as exc:
        report.add(False, f"There is no readable {MANIFEST_NAME} in {directory}: {exc}")
        return report
    report.add(True, f"The manifest {MANIFEST_NAME} is readable.")
    _check_files(directory, edition, report)
    names, present = edition.names, lambda name: name in edition.files and (directory / name).exists()
    if not present(names.mp3):
        report.add(False, "The edition has no MP3.")
        return report
    mp3 = directory / names.mp3
    duration, chapters = _check_container(mp3, edition, report)
    if present(names.m4b):
        _check_same_chapters(directory / names.m4b, chapters, report)
    _check_tags(mp3, report)
    _check_loudness(mp3, report)
    for name in (names.vtt, names.srt):
        if present(name):
            _check_transcript(directory / name, duration, report)
    if (directory / names.chapters).exists():
        _check_json_chapters(directory / names.chapters, chapters, report)
    if listen:
        _listen_and_store(edition, listen, report)
    elif edition.listening:
        _report_listening(edition, edition.listening, report, stored=True)
    return report


def _listen_and_store(edition: StoredEdition, settings: ListenSettings, report: CheckReport) -> None:
    if len(edition.spoken) != len(edition.chapters):
        report.add(False, f"{MANIFEST_NAME} does not say what each chapter was to say (the edition predates "
                          "listening); build it again to listen to it.")
        return
    listening = listen_to_edition(edition, settings)
    store_listening(edition.directory, listening)
    _report_listening(edition, listening, report, stored=False)


def listen_to_edition(edition: StoredEdition, settings: ListenSettings) -> Listening:
    """Recognize each chapter of the edition's MP3 and compare it with its script."""
    import miniaudio

    from audio_edition.listen import SAMPLE_RATE, Recognizer, resample

    recognizer = Recognizer(settings.model)
    try:
        # At the file's own rate: miniaudio's resampler muffles speech enough to cost words.
        decoded = miniaudio.decode_file(str(edition.audio_path), output_format=miniaudio.SampleFormat.FLOAT32,
                                        nchannels=1)
    except miniaudio.DecodeError as exc:
        raise EditionError(f"{edition.audio_path}: cannot be decoded ({exc})") from exc
    samples = resample(np.asarray(decoded.samples, dtype=np.float32), decoded.sample_rate)
    per_ms = SAMPLE_RATE // 1000
    heard = tuple(recognizer.hear(samples[c.start_ms * per_ms:c.end_ms * per_ms], sentences)
                  for c, sentences in zip(edition.chapters, edition.spoken))
    return Listening(recognizer.model_name, settings.threshold, edition.files[edition.names.mp3].sha256, heard)


_MISSING_SHOWN = 12


def _report_listening(edition: StoredEdition, listening: Listening, report: CheckReport, stored: bool) -> None:
    if listening.audio_sha256 != edition.files[edition.names.mp3].sha256:
        report.add(False, "The word error rates stored in the manifest are for other audio; check --listen again.")
        return
    for number, (chapter, heard) in enumerate(zip(edition.chapters, listening.chapters), 1):
        missing = " ".join(heard.missing[:_MISSING_SHOWN]) + (" ..." if len(heard.missing) > _MISSING_SHOWN else "")
        detail = f"word error rate {heard.wer:.3f}, {len(heard.missing)} of {heard.words} words not heard" + (
            f" ({missing})" if missing else "")
        ok = heard.wer <= listening.threshold
        report.add(ok, f"Chapter {number} ({chapter.title}): {detail}." if ok else
                   f"Chapter {number} ({chapter.title}) is not heard as written: {detail}; "
                   f"above {listening.threshold}.")
    when = "as stored by the last check --listen" if stored else "stored in the manifest"
    ok = listening.wer <= listening.threshold
    report.add(ok, f"The edition's word error rate is {listening.wer:.3f} ({when}); a chapter fails above "
                   f"{listening.threshold}.")


def _check_files(directory: Path, edition: StoredEdition, report: CheckReport) -> None:
    for name, entry in edition.files.items():
        path = directory / name
        if not path.exists():
            report.add(False, f"{name} is missing.")
            continue
        same = file_entry(path) == {"size": entry.size, "sha256": entry.sha256}
        report.add(same, f"{name} matches the manifest." if same else
                   f"{name} does not match the manifest: it was changed or replaced after the build.")


def _chapters_of(path: Path) -> tuple[float, list[tuple[str, float, float]]]:
    probe = ffprobe(path)
    chapters = [(c.get("tags", {}).get("title", ""), float(c["start_time"]), float(c["end_time"]))
                for c in probe.get("chapters", [])]
    return float(probe["format"].get("duration", 0)), chapters


def _check_container(path: Path, edition: StoredEdition, report: CheckReport):
    duration, chapters = _chapters_of(path)
    name = path.name
    expected = len(edition.chapters)
    if not report.add(len(chapters) == expected,
                      f"{name} has {len(chapters)} chapters, as the manifest lists." if len(chapters) == expected
                      else f"{name} has {len(chapters)} chapters; the manifest lists {expected}."):
        return duration, chapters
    ordered = all(a[1] <= b[1] for a, b in zip(chapters, chapters[1:]))
    report.add(ordered, f"{name}: chapters are in time order." if ordered
               else f"{name}: chapters are out of time order.")
    gaps = [a[0] for a, b in zip(chapters, chapters[1:]) if abs(a[2] - b[1]) > TOLERANCE_S]
    report.add(not gaps, f"{name}: each chapter ends where the next begins." if not gaps
               else f"{name}: chapter {gaps[0]!r} does not end where the next begins.")
    covers = chapters[0][1] <= TOLERANCE_S and abs(chapters[-1][2] - duration) <= TOLERANCE_S
    report.add(covers, f"{name}: the chapters cover the whole {duration:.1f} seconds." if covers
               else f"{name}: the chapters do not cover the audio ({duration:.1f} seconds).")
    return duration, chapters


def _check_same_chapters(path: Path, reference: list, report: CheckReport) -> None:
    _, chapters = _chapters_of(path)
    same = len(chapters) == len(reference) and all(
        a[0] == b[0] and abs(a[1] - b[1]) <= TOLERANCE_S for a, b in zip(chapters, reference))
    report.add(same, f"{path.name} has the same chapter titles and times as the MP3." if same
               else f"{path.name} does not have the same chapters as the MP3.")


def _check_tags(path: Path, report: CheckReport) -> None:
    from mutagen.id3 import ID3, CTOCFlags, ID3NoHeaderError

    try:
        tags = ID3(path)
    except (ID3NoHeaderError, OSError):
        report.add(False, f"{path.name} has no ID3 tags.")
        return
    missing = [f for f in ("TIT2", "TPE1", "TALB", "TCON", "TDRC") if f not in tags]
    report.add(not missing, f"{path.name} has its title, artist, album, genre and date tags." if not missing
               else f"{path.name} lacks the tags {', '.join(missing)}.")
    tocs = [t for t in tags.getall("CTOC") if t.flags & CTOCFlags.TOP_LEVEL]
    chapter_ids = [c.element_id for c in tags.getall("CHAP")]
    tables = {t.element_id: t.child_element_ids for t in tags.getall("CTOC")}
    complete = len(tocs) == 1 and chapter_ids and _named_chapters(tocs[0].element_id, tables) == sorted(chapter_ids)
    report.add(bool(complete), f"{path.name} has one top-level table of contents naming every chapter."
               if complete else f"{path.name} lacks a top-level table of contents naming every chapter.")


def _named_chapters(table: str, tables: dict[str, list[str]], depth: int = 0) -> list[str]:
    """The chapter ids a table of contents names, through the tables nested in it."""
    if depth > 8:  # a table that contains itself names nothing
        return []
    named = []
    for child in tables.get(table, []):
        named += _named_chapters(child, tables, depth + 1) if child in tables else [child]
    return sorted(named)


def _check_loudness(path: Path, report: CheckReport) -> None:
    integrated, peak = measure_loudness(path)
    low, high = LOUDNESS_RANGE
    report.add(low <= integrated <= high, f"{path.name}: loudness {integrated} LUFS is within {low} to {high}."
               if low <= integrated <= high else f"{path.name}: loudness {integrated} LUFS is outside {low} to {high}.")
    report.add(peak <= MAX_TRUE_PEAK, f"{path.name}: true peak {peak} dBTP is at most {MAX_TRUE_PEAK}."
               if peak <= MAX_TRUE_PEAK else f"{path.name}: true peak {peak} dBTP is above {MAX_TRUE_PEAK}.")


def _check_transcript(path: Path, duration: float, report: CheckReport) -> None:
    import webvtt

    try:
        captions = webvtt.read(str(path)) if path.suffix == ".vtt" else webvtt.from_srt(str(path))
    except Exception as exc:  # webvtt-py raises several types for malformed files
        report.add(False, f"{path.name} cannot be parsed ({exc}).")
        return
    # start_in_seconds drops the milliseconds: a cue 0.9 s past the end would pass.
    times = [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000) for c in captions]
    ordered = all(a[0] <= b[0] for a, b in zip(times, times[1:])) and all(s <= e for s, e in times)
    within = all(e <= duration + TOLERANCE_S for _, e in times)
    ok = bool(times) and ordered and within
    report.add(ok, f"{path.name}: {len(times)} cues, in order, within the audio." if ok
               else f"{path.name}: cues are missing, out of order, or past the end of the audio.")


def _check_json_chapters(path: Path, reference: list, report: CheckReport) -> None:
    try:
        document = json.loads(path.read_text("utf-8"))
        starts = [c["startTime"] for c in document["chapters"]]
        ok = document["version"] == "1.2.0" and starts == sorted(starts) and len(starts) == len(reference)
    except (ValueError, KeyError, TypeError, OSError):
        ok = False
    report.add(ok, f"{path.name} lists the chapters in order (version 1.2.0)." if ok
               else f"{path.name} is not valid JSON chapters matching the audio.")


def run_check(directory: Path, listen: ListenSettings | None = None) -> CheckReport:
    if not directory.is_dir():
        raise AudioEditionError(f"{directory}: no such edition folder")
    return check_edition(directory, listen)
