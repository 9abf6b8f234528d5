"""The values that flow between stages: frozen dataclasses, no behaviour of note."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SEGMENT_KINDS = ("intro", "letter", "reply", "section", "reason", "tip", "closing", "bio")


@dataclass(frozen=True)
class Segment:
    """One stretch of the article that becomes one chapter."""

    kind: str
    """One of `SEGMENT_KINDS`."""
    title: str
    """The heading as written, or a short title made from the opening words."""
    text: str
    """The written text, paragraphs separated by a blank line."""
    position: int = 0
    """For `reason` and `tip`: 1-based place in its list; 0 otherwise."""
    count: int = 0
    """For `reason` and `tip`: how many items its list holds; 0 otherwise. Letters and
    replies are numbered too when the column holds several."""
    writer: str = ""
    """For `letter` and `reply`: the letter's writer as signed ("Left Out in Lawrence")."""


@dataclass(frozen=True)
class Plan:
    """What will be spoken, in reading order, and what will not."""

    title: str
    authors: str
    segments: tuple[Segment, ...]
    dropped: tuple[str, ...] = ()
    """Text of the input that is deliberately not spoken (page furniture)."""
    writer: str = ""
    """Who wrote the reader's letter, as the reply addresses them ("Heather")."""
    date: str = ""
    """The date the article gives in its by-line or dateline, as written."""
    warnings: tuple[str, ...] = ()
    """Why a person may want to check the plan before building (doubtful structure)."""
    slug: str = ""
    """The edition's own slug, when a person chose one; otherwise it is made from the title."""


ROLES = ("narrator", "writer", "columnists")


@dataclass(frozen=True)
class Line:
    """One sentence, as written (for transcripts) and as spoken (for the engine)."""

    written: str
    spoken: str
    role: str = "narrator"
    """Who says it: one of `ROLES` (the narrator announces, the writer wrote the letter)."""
    opens_paragraph: bool = False
    """True for a paragraph's first sentence: a longer pause comes before it."""


@dataclass(frozen=True)
class SpokenPart:
    """A segment as the listener hears it: announcement, spoken text, then a pause."""

    segment: Segment
    chapter_title: str
    lines: tuple[Line, ...]
    pause_ms: int
    """Silence after this part, chosen by the boundary that follows it."""

    @property
    def speech(self) -> str:
        """The words handed to the engine, already normalized for speech."""
        return " ".join(line.spoken for line in self.lines)


@dataclass(frozen=True)
class Chapter:
    """A chapter of the edition; times in milliseconds, end exclusive."""

    element_id: str
    title: str
    start_ms: int
    end_ms: int
    kind: str


@dataclass(frozen=True)
class Cue:
    """One sentence of the transcript with its time in the audio (ms)."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str
    opens_paragraph: bool = False
    """True for a paragraph's first sentence: the talking book's text keeps the paragraphs."""


@dataclass(frozen=True)
class Edition:
    """A finished edition: what was built and where it is."""

    plan: Plan
    slug: str
    directory: Path
    audio_path: Path
    chapters: tuple[Chapter, ...]
    duration_ms: int
    engine: str
    files: tuple[Path, ...] = ()
    """Every file of the edition, the audio first."""
    up_to_date: bool = False
    """True when nothing had changed and no file was rewritten."""


@dataclass(frozen=True)
class Block:
    """A unit a reader found in the article, before its structure is known. Readers keep
    what the source says; the segmenter decides what it means."""

    kind: str
    """`heading`, `item` (the first paragraph of a list item) or `paragraph`."""
    text: str
    """The words as written, without markup or list marker."""
    level: int = 0
    """A heading's level (1-6) where the source says; 0 when it does not."""
    marker: str = ""
    """A list item's marker as written: "1.", "2)", "Step 3:", "•", "-"."""
    lead: str = ""
    """The bold lead-in opening the block ("Set a time limit."), when there is one."""
    emphasis: str = ""
    """`italic` or `bold` when the whole block is set that way."""
    hints: tuple[str, ...] = ()
    """Class, id and role words of a web page's element ("byline", "author-bio", "related")."""
    list_id: int = 0
    """The list a block belongs to (an item and its later paragraphs); 0 outside lists."""
    ordered: bool = False
    """True for items of a numbered list."""
    quoted: bool = False
    """True inside a block quote."""


@dataclass(frozen=True)
class Document:
    """An article as a reader saw it: blocks in reading order."""

    source: str
    """Where it came from, for messages."""
    blocks: tuple[Block, ...]
    dropped: tuple[str, ...] = ()
    """Text of the input the reader left out (a web page's navigation, ads...)."""
