"""ffmpeg and ffprobe, called in one place, their failures wrapped with the reason."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from audio_edition.errors import ToolError


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise ToolError(f"{tool} is not installed (Debian package ffmpeg)")
    return found


def ffmpeg(*args: str) -> str:
    """Run ffmpeg with `args`; return what it printed on stderr."""
    command = [_require("ffmpeg"), "-hide_banner", "-nostdin", "-nostats", *args]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        raise ToolError(f"ffmpeg failed: {lines[-1] if lines else 'no message'}")
    return result.stderr


def ffprobe(path: Path) -> dict:
    """ffprobe's view of `path`: format, streams and chapters."""
    command = [_require("ffprobe"), "-v", "error", "-show_format", "-show_streams", "-show_chapters",
               "-of", "json", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        raise ToolError(f"{path}: ffprobe cannot read it ({result.stderr.strip() or 'no message'})")
    return json.loads(result.stdout)


def measure_loudness(path: Path) -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP) of an audio file, by ffmpeg's ebur128."""
    report = ffmpeg("-i", str(path), "-map", "0:a", "-af", "ebur128=peak=true", "-f", "null", "-")
    summary = report[report.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated or not peak:
        raise ToolError(f"{path}: ffmpeg gave no loudness summary")
    return float(integrated[1]), float(peak[1])
