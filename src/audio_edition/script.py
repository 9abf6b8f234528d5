"""What is spoken: the intro, each part's announcement, and the pauses between parts.

A listener who cannot see the page hears where they are: the intro says what the
edition holds, and each reason or tip is announced with its position.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Mapping, Sequence

from num2words import num2words

from audio_edition.model import Line, Plan, Segment, SpokenPart
from audio_edition.normalize import cut_long, split_sentences, to_speech

PAUSE_AFTER_KIND_MS = {
    "intro": 1200,
    "section": 900,
    "reason": 1000,
    "tip": 1000,
}
DEFAULT_PAUSE_MS = 1100
WORDS_PER_MINUTE = 175
"""A usual speaking rate, for estimates made before anything is spoken."""

_KIND_NAMES = {"reason": ("reason", "reasons"), "tip": ("tip", "tips")}


def write_script(plan: Plan, lexicon: Mapping[str, str] | None = None, minutes: int | None = None,
                 known: "KnownLines | None" = None) -> tuple[SpokenPart, ...]:
    """Turn the plan into the parts the engine speaks, one per chapter; the last part
    ends with an outro, so a listener knows the edition is over. The lexicon says how
    words are pronounced, for every engine. The intro gives the edition's length:
    `minutes` once the parts have been spoken, else an estimate from the words.
    Paragraphs `known` (written with the same lexicon) are taken as they were written."""
    speak = known or functools.partial(_lines, lexicon=lexicon or {})
    return tuple(_part(plan, index, speak, minutes) for index in range(len(plan.segments)))


def write_parts(plan: Plan, indexes: Sequence[int], known: "KnownLines") -> list[SpokenPart]:
    """The parts at `indexes` as `write_script` writes them with `known`, which keeps
    their lines for it: so a build can hand some parts out before the rest is written."""
    return [_part(plan, index, known) for index in indexes]


def _part(plan: Plan, index: int, speak, minutes: int | None = None) -> SpokenPart:
    part = _spoken(plan, plan.segments[index], speak, minutes)
    return _ended(plan, part, speak) if index == len(plan.segments) - 1 else part


def with_length(parts: tuple[SpokenPart, ...], plan: Plan, lexicon: Mapping[str, str] | None,
                minutes: int) -> tuple[SpokenPart, ...]:
    """`parts`, as `write_script` wrote them, with the intro saying the edition lasts
    `minutes`: the same as writing the script again with them, for the cost of the
    intro alone (the other parts are most of scripting's time)."""
    speak = functools.partial(_lines, lexicon=lexicon or {})
    timed = list(parts)
    for index, part in enumerate(parts):
        if part.segment.kind == "intro":
            timed[index] = _spoken(plan, part.segment, speak, minutes)
            if index == len(parts) - 1:
                timed[index] = _ended(plan, timed[index], speak)
    return tuple(timed)


def _ended(plan: Plan, last: SpokenPart, speak) -> SpokenPart:
    """The last part with the outro after it."""
    return SpokenPart(last.segment, last.chapter_title, last.lines + speak(_outro(plan), "narrator"), last.pause_ms)


def chapter_title(segment: Segment) -> str:
    """The title a player shows: items carry their position ("Reason 3 of 6: ..."),
    letters their writer ("Letter 2 of 2: Holding My Nose in Houston")."""
    if segment.kind in _KIND_NAMES:
        noun = _KIND_NAMES[segment.kind][0].capitalize()
        return f"{noun} {segment.position} of {segment.count}: {segment.title}"
    if segment.kind == "intro":
        return "Introduction"
    if segment.kind == "letter":
        return _letter_title(segment)
    if segment.kind == "reply" and segment.title in _REPLY_NOUNS:
        return _reply_title(segment)
    return segment.title


_PLURALS = {"reply": "replies", "answer": "answers"}
_LETTER_NOUNS = {"The Letter": "Letter", "The Question": "Question"}
_REPLY_NOUNS = {"The Reply": "Reply", "The Answer": "Answer"}


def _letter_title(segment: Segment) -> str:
    noun = _LETTER_NOUNS.get(segment.title, "Letter")
    if segment.count > 1:
        return f"{noun} {segment.position} of {segment.count}" + (f": {segment.writer}" if segment.writer else "")
    return f"{noun} from {segment.writer}" if segment.writer else segment.title


def _reply_title(segment: Segment) -> str:
    noun = _REPLY_NOUNS[segment.title]
    if segment.count > 1:
        return f"{noun} to {segment.writer}" if segment.writer else f"{noun} {segment.position} of {segment.count}"
    return segment.title


def summary(plan: Plan) -> str:
    """One line saying what the edition holds, for tags and feeds."""
    by = f", by {plan.authors}" if plan.authors else ""
    return f"{plan.title}{by}: {_contents(plan)}."


_BODY_ROLE = {"intro": "narrator", "bio": "narrator", "letter": "writer"}


def _spoken(plan: Plan, segment: Segment, speak, minutes: int | None = None) -> SpokenPart:
    role = _BODY_ROLE.get(segment.kind, "columnists")
    lines = ()
    for paragraph in _announcement(plan, segment, minutes).split("\n\n"):
        lines += speak(paragraph, "narrator")
    for paragraph in segment.text.split("\n\n"):
        lines += speak(paragraph, role)
    pause = PAUSE_AFTER_KIND_MS.get(segment.kind, DEFAULT_PAUSE_MS)
    return SpokenPart(segment, chapter_title(segment), lines, pause)


class KnownLines:
    """Each paragraph's lines as a script of the same article wrote them before, with the
    same lexicon and this same program: a rebuild after an edit writes again only the
    paragraphs that changed, where sentence splitting and normalizing are most of the
    time a script takes. `lines` holds what this script used, to be kept for the next."""

    def __init__(self, lexicon: Mapping[str, str], known: Mapping[str, list] | None = None) -> None:
        self._lexicon = lexicon
        self.known = known or {}
        self.lines: dict[str, list] = {}
        """What each paragraph said, by role and paragraph: JSON-ready."""

    def __call__(self, paragraph: str, role: str) -> tuple[Line, ...]:
        key = f"{role}\n{paragraph}"
        if key in self.lines or key in self.known:
            lines = tuple(Line(*fields) for fields in (self.lines[key] if key in self.lines else self.known[key]))
        else:
            lines = _lines(paragraph, role, self._lexicon)
        self.lines[key] = [[line.written, line.spoken, line.role, line.opens_paragraph] for line in lines]
        return lines


def _lines(paragraph: str, role: str, lexicon: Mapping[str, str]) -> tuple[Line, ...]:
    """A paragraph's sentences, written and spoken, the first marked as opening it."""
    pieces = (piece for sentence in split_sentences(paragraph) for piece in cut_long(sentence))
    sentences = [(s, _stopped(spoken)) for s in pieces if (spoken := to_speech(s, lexicon))]
    return tuple(Line(s, spoken, role, index == 0) for index, (s, spoken) in enumerate(sentences))


def _stopped(spoken: str) -> str:
    """A line with no closing punctuation (a list's line, a signature) ends with a
    full stop, so the voice does not run it into the next."""
    return spoken if spoken.rstrip().endswith((".", "?", "!", "…", ":", ";", ",", '"', "”", "'", "’", ")")) else spoken + "."


def _outro(plan: Plan) -> str:
    by = f", by {plan.authors}" if plan.authors else ""
    return f"That was {_sentence(plan.title)[:-1]}{by}. Thank you for listening."


def _announcement(plan: Plan, segment: Segment, minutes: int | None = None) -> str:
    if segment.kind == "intro":
        # The title stands alone, as a paragraph, so a pause sets it off from what
        # follows. The article's own by-line, when it has one, is read with the intro.
        by = f"By {plan.authors}. " if plan.authors and not segment.text.lower().startswith("by ") else ""
        return f"{_sentence(plan.title)}\n\n{by}{_length(plan, minutes)}\n\nIn this edition: {_contents(plan)}."
    if segment.kind == "letter":
        return _letter_announcement(segment)
    if segment.kind == "reply":
        return _reply_announcement(segment)
    if segment.kind in _KIND_NAMES:
        noun = _KIND_NAMES[segment.kind][0].capitalize()
        position, count = num2words(segment.position), num2words(segment.count)
        # A title cut from the item's opening words ("Call her before the…") is not
        # said: the text goes on to say those words in full.
        title = "" if segment.title.endswith("…") else f" {_sentence(segment.title)}"
        return f"{noun} {position} of {count}.{title}"
    if segment.kind in ("section", "bio") and not segment.title.endswith("…"):
        return _sentence(segment.title)
    return ""


def _letter_announcement(segment: Segment) -> str:
    """"First, the reader's letter.", or "Letter two of three, from Left Out in Lawrence."."""
    noun = _LETTER_NOUNS.get(segment.title, "Letter").lower()
    by = f", from {segment.writer}" if segment.writer else ""
    if segment.count > 1:
        return _sentence(f"{noun.capitalize()} {num2words(segment.position)} of {num2words(segment.count)}{by}")
    return _sentence(f"First, the reader's {noun}{by}")  # a name may end in its own period: "Columbia, Mo."


def _reply_announcement(segment: Segment) -> str:
    """"The reply.", "The reply to Left Out in Lawrence."; nothing for the reply's later
    parts, which go on without a break in sense."""
    if segment.title not in _REPLY_NOUNS:
        return ""
    noun = _REPLY_NOUNS[segment.title].lower()
    if segment.count > 1:
        return _sentence(f"The {noun} to {segment.writer}") if segment.writer else \
            f"{noun.capitalize()} {num2words(segment.position)} of {num2words(segment.count)}."
    return f"The {noun}."


def estimated_minutes(words: int) -> float:
    """How long `words` words take to say at a usual rate."""
    return words / WORDS_PER_MINUTE


def _length(plan: Plan, minutes: int | None = None) -> str:
    """"About ten minutes.": as spoken when known, else from the words at a usual rate."""
    if minutes is None:
        minutes = max(1, round(estimated_minutes(sum(len(s.text.split()) for s in plan.segments))))
    return f"About {num2words(minutes)} minute{'s' if minutes != 1 else ''}."


def _contents(plan: Plan) -> str:
    """"a reader's letter, the reply, six reasons, seven tips, and a note about the authors"."""
    counts = Counter(s.kind for s in plan.segments)
    pieces = []
    questions = any(s.kind == "letter" and s.title == "The Question" for s in plan.segments)
    letter, reply = ("question", "answer") if questions else ("letter", "reply")
    if counts["letter"] == 1:
        pieces.append(f"a reader's {letter}")
    elif counts["letter"]:
        pieces.append(f"{num2words(counts['letter'])} readers' {letter}s")
    if any(s.kind == "reply" and s.title in _REPLY_NOUNS for s in plan.segments):
        pieces.append(f"the {reply}" if counts["letter"] <= 1 else f"the {_PLURALS[reply]}")
    for kind, (one, many) in _KIND_NAMES.items():
        if counts[kind]:
            pieces.append(f"{num2words(counts[kind])} {one if counts[kind] == 1 else many}")
    if counts["bio"]:
        pieces.append("a note about the " + ("authors" if " and " in plan.authors else "author"))
    if not pieces:
        chapters = len(plan.segments)
        pieces.append(f"{num2words(chapters)} chapter{'s' if chapters != 1 else ''}")
    if len(pieces) == 1:
        return pieces[0]
    # The serial comma: spoken, it is a pause that keeps the last two items apart.
    return ", ".join(pieces[:-1]) + ("," if len(pieces) > 2 else "") + " and " + pieces[-1]


def _sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "?", "!")) else text.rstrip() + "."
