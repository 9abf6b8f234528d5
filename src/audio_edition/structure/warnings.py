"""What in a plan a person may want to check before building."""

from __future__ import annotations

import re

from audio_edition.model import Plan
from audio_edition.structure.patterns import BYLINE, ITEM_MARKER, is_metadata_line, number, opening_words


def plan_warnings(plan: Plan) -> list[str]:
    """What in a plan a person may want to check before building."""
    warnings = []
    segments = plan.segments
    for index, segment in enumerate(segments):
        label = f"chapter {index + 1} ({segment.title})"
        if segment.kind == "section" and ITEM_MARKER.match(segment.title) and number(segment.title) is not None:
            warnings.append(f"{label}: looks numbered but was read as a section")
        if segment.kind != "intro" and (BYLINE.match(segment.title) or is_metadata_line(segment.title)):
            warnings.append(f"{label}: the title looks like a by-line or a date")
        lists_follow = index + 1 < len(segments) and segments[index + 1].kind in ("reason", "tip")
        if segment.kind not in ("intro", "reason", "tip") and not segment.text.strip() and not lists_follow:
            warnings.append(f"{label}: has no words")
        numbered = [p for p in segment.text.split("\n\n") if re.match(r"^\s*\d{1,3}[.)]\s", p)]
        if numbered:
            warnings.append(f"{label}: a numbered paragraph was read as prose: {opening_words(numbered[0])}")
    if not any(s.kind == "bio" for s in segments):
        warnings.append("no author's bio found")
    return warnings
