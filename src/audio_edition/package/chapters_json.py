"""Podcasting 2.0 JSON chapters (version 1.2.0) from the chapter list."""

from __future__ import annotations

import json
from typing import Sequence

from audio_edition.model import Chapter, Plan

VERSION = "1.2.0"


def render_json_chapters(plan: Plan, chapters: Sequence[Chapter], show: str, audio_name: str) -> str:
    document = {
        "version": VERSION,
        "title": plan.title,
        "author": plan.authors,
        "podcastName": show,
        "fileName": audio_name,
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title, "toc": True}
            for c in chapters
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
