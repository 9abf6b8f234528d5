"""An article's script as an editor proofreads it: every sentence as the voice will say
it, chapter by chapter, with who says it, and which lexicon entries were used. Built from
the very parts `build` hands the engines (`pipeline.script_article`)."""

from __future__ import annotations

from collections import Counter

from audio_edition.normalize import lexicon_matches
from audio_edition.pipeline import ArticleScript


def lexicon_use(script: ArticleScript) -> list[tuple[str, str, int]]:
    """Each lexicon entry (as written, as said) with the times it occurs in the script's text."""
    lexicon = dict(script.lexicon)
    used: Counter[str] = Counter()
    for part in script.parts:
        for line in part.lines:
            used.update(lexicon_matches(line.written, lexicon))
    return [(written, said, used[written]) for written, said in lexicon.items()]


def script_text(script: ArticleScript) -> str:
    """One spoken sentence a line, "role: sentence", a heading per chapter."""
    rows = [script.plan.title, ""]
    for number, part in enumerate(script.parts, start=1):
        rows.append(f"[{number}] {part.chapter_title}")
        rows.extend(f"{line.role}: {line.spoken}" for line in part.lines)
        rows.append("")
    if script.lexicon:
        rows.append("Lexicon entries used:")
        rows.extend(f"  {written} -> {said}: {count}" for written, said, count in lexicon_use(script))
    return "\n".join(rows).rstrip("\n")


def script_json(script: ArticleScript) -> dict:
    return {
        "title": script.plan.title,
        "chapters": [
            {"title": part.chapter_title, "kind": part.segment.kind, "pause_ms": part.pause_ms,
             "lines": [{"role": line.role, "spoken": line.spoken, "written": line.written,
                        "opens_paragraph": line.opens_paragraph} for line in part.lines]}
            for part in script.parts
        ],
        "lexicon": [{"written": w, "said": s, "matches": n} for w, s, n in lexicon_use(script)],
    }
