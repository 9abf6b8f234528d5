"""Join the parts' audio with their pauses and encode the edition in one ffmpeg pass.

Audio is streamed to ffmpeg part by part, so memory holds one part at a time, not
the whole edition (10 hours of PCM would be 1.6 GB).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Sequence

from mutagen import MutagenError
from mutagen.mp3 import MP3
from pydub import AudioSegment

from audio_edition.errors import ToolError
from audio_edition.model import SegmentAudio, SpokenPart

SAMPLE_WIDTH = 2


def encode_mp3(
    parts: Sequence[SpokenPart],
    audio: Sequence[SegmentAudio],
    destination: Path,
    bitrate: str,
) -> tuple[list[int], int]:
    """Encode the parts, each followed by its pause, into a mono MP3 at `destination`.

    Returns each part's length in samples (pause included) and the sample rate.
    """
    sample_rate = audio[0].sample_rate
    command = [
        *_ffmpeg(), "-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", bitrate, "-id3v2_version", "0", "-write_xing", "1",
        "-f", "mp3", "-y", str(destination),
    ]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        frames = [_feed(process, part, clip, sample_rate) for part, clip in zip(parts, audio)]
    except BrokenPipeError:
        frames = []
    _, errors = process.communicate()
    if process.returncode != 0 or not frames:
        raise ToolError(f"ffmpeg could not encode the MP3: {_last_line(errors)}")
    return frames, sample_rate


def duration_ms(path: Path) -> int:
    """The MP3's duration as players report it (from its Xing/LAME header)."""
    try:
        return round(MP3(path).info.length * 1000)
    except MutagenError as exc:
        raise ToolError(f"{path}: ffmpeg wrote an unreadable MP3 ({exc})") from exc


def _feed(process: subprocess.Popen, part: SpokenPart, clip: SegmentAudio, sample_rate: int) -> int:
    speech = AudioSegment.from_wav(clip.path)
    speech = speech.set_channels(1).set_sample_width(SAMPLE_WIDTH).set_frame_rate(sample_rate)
    pause = AudioSegment.silent(duration=part.pause_ms, frame_rate=sample_rate)
    pause = pause.set_sample_width(SAMPLE_WIDTH)
    data = speech.raw_data + pause.raw_data
    process.stdin.write(data)
    return len(data) // SAMPLE_WIDTH


def _ffmpeg() -> list[str]:
    if shutil.which("ffmpeg") is None:
        raise ToolError("ffmpeg is not installed (Debian package ffmpeg)")
    return ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error"]


def _last_line(errors: bytes) -> str:
    lines = errors.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "no message"
