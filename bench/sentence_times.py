"""How far the proportional estimate of sentence starts is from where espeak-ng (through
pyttsx3) says each sentence began, over the reference article's calls as a build makes them.

    .venv/bin/python bench/sentence_times.py [ARTICLE]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from audio_edition.engines import Voice
from audio_edition.engines.pyttsx3_engine import Pyttsx3Engine
from audio_edition.pipeline import script_article
from audio_edition.settings import BuildSettings
from audio_edition.render import CHUNK_WORDS, chunks, reported_starts, sentence_starts

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "articles" / "why-wont-he-let-me-in.txt"


def errors_ms(article: Path) -> tuple[list[float], int]:
    """The estimate's error for every sentence that does not open its call (those start
    exactly either way), and the number of calls whose report could not be used."""
    engine, errors, unusable = Pyttsx3Engine(), [], 0
    for part in script_article(article, BuildSettings()).parts:
        sentences = [line.spoken for line in part.lines]
        opens = [i for i, line in enumerate(part.lines) if line.opens_paragraph]
        for chunk, _ in chunks(sentences, opens, CHUNK_WORDS):
            if len(chunk) < 2:
                continue
            spoken = list(engine.speak(" ".join(chunk), Voice()))
            samples, rate = sum(len(c.pcm) // 2 for c in spoken), spoken[0].sample_rate
            reported = reported_starts(chunk, engine.sentence_times(), samples)
            if reported is None:
                unusable += 1
                continue
            estimated = sentence_starts(chunk, samples)
            errors.extend((e - r) * 1000 / rate for e, r in zip(estimated[1:], reported[1:]))
    return errors, unusable


def main() -> None:
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE
    errors, unusable = errors_ms(article)
    absolute = sorted(abs(e) for e in errors)
    print(f"{len(errors)} sentence starts compared, {unusable} calls without a usable report")
    print(f"estimate minus reported: median |error| {statistics.median(absolute):.0f} ms, "
          f"90th percentile {absolute[int(0.9 * len(absolute))]:.0f} ms, largest {absolute[-1]:.0f} ms, "
          f"mean {statistics.mean(errors):+.0f} ms")


if __name__ == "__main__":
    main()
