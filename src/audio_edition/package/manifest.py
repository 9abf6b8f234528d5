"""edition.json: what the edition is, how it was made, and a digest of every file."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Mapping, Sequence

from audio_edition.files import sha256_of
from audio_edition.model import Chapter, Plan

MANIFEST_NAME = "edition.json"


def file_entry(path: Path) -> dict:
    """Size and SHA-256 of a file."""
    return {"size": path.stat().st_size, "sha256": sha256_of(path)}


def render_manifest(
    plan: Plan, chapters: Sequence[Chapter], files: Mapping[str, dict], loudness: Mapping[str, float],
    engine: Mapping[str, str], build_key: str, about: Mapping[str, str],
) -> str:
    document = {
        "title": plan.title,
        "authors": plan.authors,
        **about,
        "duration_ms": chapters[-1].end_ms,
        "chapters": [asdict(c) for c in chapters],
        "files": dict(files),
        "loudness": dict(loudness),
        "engine": dict(engine),
        "plan": {"title": plan.title, "authors": plan.authors, "writer": plan.writer,
                 "segments": [asdict(s) for s in plan.segments], "dropped": list(plan.dropped)},
        "build_key": build_key,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_manifest(directory: Path) -> dict | None:
    try:
        return json.loads((directory / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(directory: Path, build_key: str) -> bool:
    """True if the edition in `directory` was built from the same inputs and every
    file is still as the manifest recorded it."""
    manifest = read_manifest(directory)
    if not manifest or manifest.get("build_key") != build_key:
        return False
    try:
        return all(file_entry(directory / name) == entry for name, entry in manifest["files"].items())
    except OSError:
        return False
