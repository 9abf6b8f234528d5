"""Find a column's structure in a read article and make the segment plan.

The segmenter works in two steps, on any reader's blocks alike:

1. Each block gets a role from `RULES`, named and tried in order: page furniture and
   boilerplate (dropped and listed), the bio, by-lines and datelines (metadata), letters'
   salutations, questions and answers, signatures, list items, headings, prose.
2. One walk in reading order groups the roles into segments: the intro (lead), letters
   and replies (one or more exchanges), sections, numbered lists of reasons or tips with
   what follows them, and the bio last.

Articles without a column's shape still get a plan: their headings become sections.
"""

from __future__ import annotations

from dataclasses import replace

from audio_edition.errors import ArticleError
from audio_edition.model import Document, Plan, Segment
from audio_edition.structure.grouping import Metadata, Walk, bio_subject, find_writer, renumber, split_long
from audio_edition.structure.patterns import ALPHANUMERIC, PREHEADER, WORD
from audio_edition.structure.roles import RULES, classify, split_dateline, split_lines, split_signature
from audio_edition.structure.warnings import plan_warnings

__all__ = ["RULES", "classify", "make_plan", "renumber"]


def make_plan(document: Document) -> Plan:
    """Turn a read article into its segment plan, in reading order."""
    blocks = [piece for block in document.blocks for line in split_lines(block) for signed in split_signature(line)
              for piece in split_dateline(signed) if ALPHANUMERIC.search(piece.text)]  # a rule ("=====") is no block
    if not any(WORD.search(b.text) for b in blocks):
        raise ArticleError(f"{document.source}: holds no words to speak")
    above = _above_title(blocks)
    title = blocks[len(above)].text
    roles = classify(blocks[len(above) + 1:], title)
    walk = Walk(title)
    walk.read(roles)
    segments, long_sections = split_long((Segment("intro", title, "\n\n".join(walk.lead)), *walk.finish()))
    metadata = Metadata.of(roles)
    plan = Plan(title=title, authors=metadata.authors or bio_subject(roles), segments=segments,
                dropped=(*document.dropped, *above, *walk.dropped), writer=find_writer(segments), date=metadata.date)
    long = [f"{t}: a very long section, split into chapters at paragraph breaks" for t in long_sections]
    return replace(plan, warnings=(*plan_warnings(plan), *long))


def _above_title(blocks) -> list[str]:
    """What a newsletter or page puts above the title ("View this email in your browser")."""
    above = []
    while len(above) + 1 < len(blocks) and PREHEADER.match(blocks[len(above)].text.strip("*_ ")):
        above.append(blocks[len(above)].text)
    return above
