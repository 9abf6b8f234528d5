"""Benchmarks as ratios against a floor, measured side by side in one run.

Each case and its floor run alternately, several times; the figures are medians, so
a noisy shared machine moves both sides alike. Results go to bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "articles" / "why-wont-he-let-me-in.txt"
RESULTS = ROOT / "bench" / "results.json"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def espeak_floor(work: Path) -> list[str]:
    """The floor for the default engine: espeak-ng on the whole text, one MP3 encode."""
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    return ["sh", "-c", f"espeak-ng -f '{REFERENCE}' -w '{wav}' && "
            f"ffmpeg -nostdin -loglevel error -y -i '{wav}' -codec:a libmp3lame -b:a 64k '{mp3}'"]


def build(article: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "audio_edition", "build", str(article), "--out", str(out), "--quiet", *options]


def compare(name: str, case, floor, runs: int, before=None) -> dict:
    """Run `case` and `floor` alternately `runs` times; return the medians and ratio."""
    case_times, floor_times = [], []
    for _ in range(runs):
        if before:
            before()
        case_times.append(timed(case()))
        floor_times.append(timed(floor()))
    result = {
        "case_seconds": round(statistics.median(case_times), 3),
        "floor_seconds": round(statistics.median(floor_times), 3),
        "runs": runs,
    }
    result["ratio"] = round(result["case_seconds"] / result["floor_seconds"], 3)
    print(f"{name:<44} {result['case_seconds']:>8.2f} s {result['floor_seconds']:>8.2f} s {result['ratio']:>7.2f}")
    return {name: result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per side (median of these)")
    args = parser.parse_args()
    results: dict = {}
    print(f"{'case':<44} {'case':>10} {'floor':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = work / "out"
        results.update(compare(
            "cold build, pyttsx3 / espeak-ng + ffmpeg", lambda: build(REFERENCE, out),
            lambda: espeak_floor(work), args.runs, before=lambda: shutil.rmtree(out, ignore_errors=True),
        ))
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "results": results}, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
