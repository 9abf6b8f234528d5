"""Step two: one walk in reading order groups the blocks' roles into segments."""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field, replace

from audio_edition.model import Block, Segment
from audio_edition.structure.patterns import (
    ANSWER, BIO_SUBJECT, BYLINE, BYLINE_HINTS, CREDENTIAL, DATE, HINTED_BY, NAME, NAMED_DATE, NAMED_META, POSTED,
    POSTSCRIPT, PRONOUNS, QUESTION, SALUTATION, WORD, WRITTEN_BY, author_names, bullet_kind, clean_title, join,
    list_kind, list_kind_cue, number, opening_words, writer_name,
    title_and_rest,
)
from audio_edition.structure.roles import Role, hinted


LONG_WORDS = 700
"""A stretch of prose longer than this (about four minutes) is split into chapters."""
_CHAPTER_WORDS = 450


@dataclass
class _Open:
    """The segment being filled."""

    kind: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    writer: str = ""
    qa: bool = False
    signed: bool = False
    """A letter whose signature has been read: what follows it is the reply."""
    style: str = ""
    """How the letter is set apart ("quoted", "italic"): the first paragraph set
    otherwise is the reply's."""
    after_list: bool = False
    """Prose after a list: `closing` when no list follows, else `reply`."""


@dataclass
class Walk:
    """One pass over the roles in reading order: the lead until a letter or heading, then
    one open segment at a time, closed by whatever opens the next; the bio set aside."""

    title: str
    lead: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    done: list[_Open | Segment] = field(default_factory=list)
    current: _Open | None = None
    bio: list[Role] = field(default_factory=list)
    letter_writers: list[str] = field(default_factory=list)
    answered_in_turn: bool = False
    """A letter answered under each answerer's heading ("Her take", then "His take")."""

    def read(self, roles: list[Role]) -> None:
        index = 0
        while index < len(roles):
            role = roles[index]
            if role.name in ("item", "numbered-heading"):
                index = self._list(roles, index)
                continue
            self._one(role)
            index += 1

    def _one(self, role: Role) -> None:
        """What one block does: drops out, joins the bio, opens a segment or adds to one."""
        block = role.block
        if role.name in ("furniture", "boilerplate", "byline"):
            self.dropped.append(block.text)
        elif role.name in ("bio", "bio-heading"):
            self.bio.append(role)
        elif role.name == "question":
            self._drop_marker(role.title)
            if role.title:  # "Q:" written
                self._open("letter", "The Question", block.text[len(QUESTION.match(block.text)[0]):], qa=True,
                           style=_style(block))
            else:  # the question set apart in bold: the first paragraph not in bold answers it
                self._open("letter", "The Question", block.text, qa=True, style="bold")
        elif role.name == "answer":
            self._drop_marker(role.title)
            self._open("reply", "The Answer", block.text[len(ANSWER.match(block.text)[0]):], qa=True,
                       writer=self._last_writer())
        elif role.name == "letter-salutation":
            self._open("letter", "The Letter", block.text, style=_style(block))
        elif role.name == "reply-salutation":
            self._open("reply", "The Reply", block.text, writer=self._last_writer())
        elif role.name == "signature":
            self._letter_without_greeting()
            self._append(block.text)
            self._sign(role.title)
        elif role.name == "heading" and _TAKE.match(block.text) and self.current is not None \
                and (self.current.kind == "letter" or self.answered_in_turn):
            # One letter answered in turn ("HER TAKE" / "HIS TAKE"): each answer is a reply.
            self.answered_in_turn = True
            self._open("reply", writer_name(block.text.strip("*_ :")), None, writer=self._last_writer())
        elif role.name == "heading":
            self._open("section", block.text, None)
        elif self._letter_is_over(block):
            # A reply that greets nobody ("Mary, thanks for the hint!") follows the
            # signature, or the end of the quote or italics that set the letter apart.
            qa = self.current.qa
            self._open("reply", "The Answer" if qa else "The Reply", block.text, qa=qa, writer=self._last_writer())
        else:
            self._append(block.text)

    def _letter_is_over(self, block: Block) -> bool:
        letter = self.current
        if letter is None or letter.kind != "letter":
            return False
        if letter.signed:
            return not POSTSCRIPT.match(block.text)  # "P.S." after the signature is the letter's
        if letter.style:
            return (_style(block) or ("bold" if block.emphasis == "bold" else "")) != letter.style
        # An unsigned letter that ends on its question, answered by prose that speaks to
        # its writer ("How do I put this right?" / "It's unsettling when... You're left...").
        return bool(letter.paragraphs) and letter.paragraphs[-1].rstrip(" \"”’)").endswith("?") \
            and _speaks_to_the_writer(block.text)

    def _letter_without_greeting(self) -> None:
        """A signature under a reply signs the next letter, which began without a greeting
        ("My sister-in-law has started..." / "-- SECOND-GUESSING IN SAGINAW"): the
        reply's last paragraphs written in the first person, not to "you", are that
        letter's; the reply keeps at least its first."""
        reply = self.current
        if reply is None or reply.kind != "reply" or reply.qa:
            return
        start = len(reply.paragraphs)
        while start > 1 and _writes_in_the_first_person(reply.paragraphs[start - 1]):
            start -= 1
        if start < len(reply.paragraphs):
            letter = reply.paragraphs[start:]
            del reply.paragraphs[start:]
            self._open("letter", "The Letter", None)
            self.current.paragraphs.extend(letter)

    def _drop_marker(self, marker: str) -> None:
        if WORD.search(marker):
            self.dropped.append(marker.strip())

    def _last_writer(self) -> str:
        return self.letter_writers[-1] if self.letter_writers else ""

    def _open(self, kind: str, title: str, first: str | None, **extra) -> None:
        self._close()
        self.current = _Open(kind, title, [first] if first else [], **extra)
        if kind == "letter":
            self.letter_writers.append("")

    def _sign(self, name: str) -> None:
        if self.current and self.current.kind == "letter":
            self.current.writer = name
            self.current.signed = True
            self.letter_writers[-1] = name

    def _append(self, text: str) -> None:
        if self.current is None:
            self.lead.append(text)
        else:
            self.current.paragraphs.append(text)

    def _close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
        self.current = None

    # --- lists

    def _list(self, roles: list[Role], start: int) -> int:
        """Read the list that starts at `start` into its items (or, when it is no list,
        into prose); return the index of the first role after it."""
        run = _ListRun.read(roles, start)
        cues = [self._lead_in(), self._heading_before()]
        announced = cues[0].rstrip().endswith(":")  # "Here's what I'd put in the bag now:"
        if not run.is_a_list(cued=any(list_kind_cue(cue) for cue in cues), announced=announced):
            for role in roles[start:run.end]:
                self._one(_as_prose(role) if role.name in ("item", "numbered-heading") else role)
            return run.end
        self.dropped.extend([*run.markers_with_words(), *run.skipped])
        kind = list_kind([*cues, self.title])
        self._close()
        items = run.items()
        for position, (title, text) in enumerate(items, start=1):
            self.done.append(Segment(kind, title, text, position, len(items)))
        if run.trailing:
            self.current = _Open("closing", opening_words(run.trailing[0]), list(run.trailing), after_list=True)
        return run.end

    def _lead_in(self) -> str:
        """The sentence that introduces a list: the last of the paragraph before it."""
        paragraphs = self.current.paragraphs if self.current is not None else self.lead
        return _last_sentence(paragraphs[-1]) if paragraphs else ""

    def _heading_before(self) -> str:
        """The heading of the section a list opens in, which may name its kind."""
        if self.current is not None and self.current.kind == "section":
            return self.current.title
        return ""

    def finish(self) -> list[Segment]:
        self._close()
        segments: list[Segment] = []
        later_list = False
        for entry in reversed(self.done):
            if isinstance(entry, Segment):
                later_list = later_list or entry.kind in ("reason", "tip")
                segments.append(entry)
            else:
                segments.append(self._segment(entry, later_list))
        segments.reverse()
        segments = _number_letters(segments)
        if self.bio:
            segments.append(_bio_segment(self.bio))
        return segments

    @staticmethod
    def _segment(entry: _Open, later_list: bool) -> Segment:
        kind = ("reply" if later_list else "closing") if entry.after_list else entry.kind
        return Segment(kind, entry.title, "\n\n".join(entry.paragraphs), writer=entry.writer)


@dataclass
class _ListRun:
    """A list's items, each with the blocks that follow it, and the paragraphs after it."""

    entries: list[tuple[Role, list[Block]]]
    trailing: list[str]
    end: int
    is_headings: bool
    skipped: list[str]
    """Furniture met inside the list (an ad between items): dropped."""

    @classmethod
    def read(cls, roles: list[Role], start: int) -> "_ListRun":
        kind = roles[start].name
        list_id = roles[start].block.list_id
        entries: list[tuple[Role, list[Block]]] = []
        skipped: list[str] = []
        index = start
        while index < len(roles):
            role = roles[index]
            if role.name == kind and cls._continues(entries, role, list_id, kind):
                entries.append((role, []))
            elif role.name == "prose" and entries:
                entries[-1][1].append(role.block)
            elif role.name == "item" and kind == "numbered-heading" and entries:
                # A list under a numbered heading is that item's, words as written.
                entries[-1][1].append(replace(role.block, text=role.written or role.block.text))
            elif role.name in ("furniture", "boilerplate") and entries:
                skipped.append(role.block.text)
            else:
                break
            index += 1
        body, trailing = cls._last_body(entries, list_id, kind == "numbered-heading" and _closing_section(roles, index))
        entries[-1] = (entries[-1][0], body)
        return cls(entries, [b.text for b in trailing], index, kind == "numbered-heading", skipped)

    @staticmethod
    def _continues(entries, role: Role, list_id: int, kind: str) -> bool:
        """Whether an item carries on the list: the same list element, the next number,
        the same bullet; but a list of bare lines ends at the prose after it."""
        if not entries:
            return True
        previous = entries[-1][0]
        bare_lines = len(entries) >= 2 and entries[-1][1] and not any(body for _, body in entries[:-1])
        if bare_lines and not (list_id and role.block.list_id == list_id):
            return False
        if kind == "numbered-heading":
            return role.block.level == previous.block.level or number(role.title) == (number(previous.title) or 0) + 1
        if list_id and role.block.list_id == list_id:
            return True
        if role.block.ordered or number(role.title) is not None:
            return number(role.title) == (number(previous.title) or 0) + 1 or not list_id
        return not list_id and bullet_kind(role.title) == bullet_kind(previous.title)

    @staticmethod
    def _last_body(entries, list_id: int, bounded: bool) -> tuple[list[Block], list[Block]]:
        """The last item's own blocks, and the paragraphs after the list. Items that are
        headings, followed by a closing section (`_closing_section`), keep all they
        hold: that section is the article's own closing."""
        body = entries[-1][1]
        if list_id and entries[-1][0].block.list_id == list_id:
            own = list(itertools.takewhile(lambda b: b.list_id == list_id, body))
            return own, body[len(own):]
        if len(entries) < 3 or bounded:
            return body, []
        usual = int(statistics.median(len(b) for _, b in entries[:-1]))
        return body[:usual], body[usual:]

    def is_a_list(self, cued: bool, announced: bool = False) -> bool:
        """Two or more items. Bullets count only when they read as items: bold lead-ins,
        a short title sentence with more to say after it, sentences under words that
        announce tips or reasons ("Here are some ways to..."), or whole sentences after a
        sentence that ends on a colon (not a packing list's "a light rain jacket")."""
        if len(self.entries) < 2:
            return False
        first = self.entries[0][0]
        if self.is_headings or first.block.ordered or number(first.title) is not None:
            return True
        led = sum(1 for role, _ in self.entries if role.block.lead)
        titled = sum(1 for role, body in self.entries if title_and_rest(role.block.text)[1] or body)
        sentences = sum(1 for role, _ in self.entries if len(role.block.text.split()) >= 4)
        whole = sum(1 for role, _ in self.entries
                    if role.block.text[:1].isupper() and _SENTENCE_END.search(role.block.text))
        return led * 2 >= len(self.entries) or titled == len(self.entries) or cued and sentences == len(self.entries) \
            or announced and whole == len(self.entries)

    def markers_with_words(self) -> list[str]:
        return [role.title.strip() for role, _ in self.entries if WORD.search(role.title)]

    def items(self) -> list[tuple[str, str]]:
        return [_item_title_and_text(role.block, [b.text for b in body]) for role, body in self.entries]


def _closing_section(roles: list[Role], index: int) -> bool:
    """Whether `roles[index]` heads a section of prose with no list under it: what a
    list's last item runs up to (a bridge may stand before a heading over more items)."""
    if index >= len(roles) or roles[index].name != "heading":
        return False
    under = itertools.takewhile(lambda role: role.name not in ("heading", "bio-heading"), roles[index + 1:])
    return not any(role.name in ("item", "numbered-heading") for role in under)


_SENTENCE_END = re.compile(r"\w[.!?][\"”’)]?(?:\s|$)")


def _style(block: Block) -> str:
    return "quoted" if block.quoted else "italic" if block.emphasis == "italic" else ""


def _last_sentence(paragraph: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", paragraph.strip())[-1]


def _as_prose(role: Role) -> Role:
    """A lone marked line is not a list: its words, marker and all, are prose."""
    if role.name == "numbered-heading":
        return replace(role, name="heading", block=replace(role.block, text=f"{role.title} {role.block.text}"))
    return replace(role, name="prose", block=replace(role.block, text=role.written or role.block.text))


def _item_title_and_text(block: Block, body: list[str]) -> tuple[str, str]:
    """An item's title and the words spoken after it: the bold lead-in, a heading's
    words, the whole item when short, its first sentence when short, else its opening
    words (then the text keeps them, so nothing is said twice or lost)."""
    text = block.text
    if block.lead and text.startswith(block.lead):
        rest = text[len(block.lead):].strip()
        return clean_title(block.lead), join([rest, *body])
    if block.kind == "heading":  # a numbered heading, or a numbered line alone
        return clean_title(text), join(body)
    title, rest = title_and_rest(text)
    if title:
        return clean_title(title), join([rest, *body])
    return opening_words(text), join([text, *body])


def renumber(segments: list[Segment]) -> tuple[Segment, ...]:
    """Number a plan's items by their place in their list (a run of items of one kind)
    and its letters when there are several: after a person edits a plan, removing or
    moving an item keeps the announcements right."""
    numbered = list(segments)
    index = 0
    while index < len(numbered):
        kind = numbered[index].kind
        end = index
        while end < len(numbered) and numbered[end].kind == kind:
            end += 1
        if kind in ("reason", "tip"):
            for position in range(index, end):
                numbered[position] = replace(numbered[position], position=position - index + 1, count=end - index)
        index = end
    letters = [replace(s, position=0, count=0) if s.kind in ("letter", "reply") else s for s in numbered]
    return tuple(_number_letters(letters))


def _number_letters(segments: list[Segment]) -> list[Segment]:
    """Letters and replies carry their place when a column holds several exchanges."""
    letters = [i for i, s in enumerate(segments) if s.kind == "letter"]
    if len(letters) < 2:
        return segments
    numbered = list(segments)
    for position, index in enumerate(letters, start=1):
        numbered[index] = replace(segments[index], position=position, count=len(letters))
        reply = next((j for j in range(index + 1, len(segments)) if segments[j].kind in ("letter", "reply")), None)
        answers = reply is not None and segments[reply].kind == "reply"
        if answers and segments[reply].title in ("The Reply", "The Answer"):
            numbered[reply] = replace(segments[reply], position=position, count=len(letters),
                                      writer=segments[index].writer)
    return numbered


def _bio_segment(roles: list[Role]) -> Segment:
    """The bio, titled by its heading ("About the authors") or, without one, by how
    many people it introduces."""
    titled_by = next((r for r in roles if r.name == "bio-heading"), None)
    heading = titled_by.block.text if titled_by else ""
    paragraphs = [r.block.text.strip("*_ ").strip() if r.block.emphasis else r.block.text
                  for r in roles if r is not titled_by]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p)]
    # People are named in full ("Joe Park is..."); "Send questions..." names nobody.
    subjects = {m["names"] for s in sentences if (m := BIO_SUBJECT.match(s)) and 2 <= len(m["names"].split()) <= 8
                and m["names"].split()[0].casefold() not in PRONOUNS}
    several = len(subjects) > 1 or any(re.search(r"\s(and|&)\s", name) for name in subjects) \
        or bool(re.match(rf"^[—–-]?\s*{NAME}\s+are\b", " ".join(paragraphs[:1]))) \
        or bool(subjects) and any(s.startswith(("They ", "Together they ", "Both ")) for s in sentences)
    return Segment("bio", heading or ("About the authors" if several else "About the author"), join(paragraphs))


def _bio_names(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        subject = BIO_SUBJECT.match(paragraph)
        if subject and len(subject["names"].split()) <= 8:
            return subject["names"].strip()
    return ""


def bio_subject(roles: list[Role]) -> str:
    return _bio_names([r.block.text.strip("*_ ") for r in roles if r.name == "bio"])


@dataclass(frozen=True)
class Metadata:
    authors: str = ""
    date: str = ""

    @classmethod
    def of(cls, roles: list[Role]) -> "Metadata":
        authors, date = "", ""
        for role in roles:
            if role.name != "byline":
                continue
            text = role.block.text.strip("*_ ")
            byline = WRITTEN_BY.search(text) or BYLINE.match(text) or CREDENTIAL.match(text)
            posted = POSTED.match(text)
            named = (HINTED_BY.match(text) or NAMED_META.match(text)) if hinted(role.block, BYLINE_HINTS) \
                else NAMED_DATE.match(text)  # "Ramona Fitch · Tue, 03 Jun 2025": a name set before a date
            names = (byline and byline["names"]) or (posted and posted["names"]) or (named and named["names"]) or ""
            authors = authors or author_names(names)
            found = DATE.search(text)
            date = date or (found[0] if found else "")
        return cls(authors, date)


_TAKE = re.compile(r"^\W*(?:(?:her|his|our|their|my|the\s+\w+['’]s)\s+(?:take|answer|response|reply|view|verdict)"
                   r"|[A-Z][a-z]+['’]s\s+(?:take|answer|response|reply|view|verdict)|[A-Z][a-z]+\s+says)\W*$", re.I)
"""A heading over one answerer's reply to the letter: "Her take", "Matthew's answer", "Orna says"."""
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:re|ve|ll|d))\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|myself|i['’](?:m|ve|ll|d))\b", re.I)


def _speaks_to_the_writer(text: str) -> bool:
    """Prose in the second person, as a reply is, not the first, as a letter is."""
    return _mostly(text, _SECOND_PERSON, _FIRST_PERSON)


def _writes_in_the_first_person(text: str) -> bool:
    """Prose in the first person, as a letter is, hardly speaking to "you"."""
    return _mostly(text, _FIRST_PERSON, _SECOND_PERSON)


def _mostly(text: str, person: re.Pattern[str], other: re.Pattern[str]) -> bool:
    """Whether the text says `person`'s pronouns twice or more, and over twice as often as `other`'s."""
    said, other_said = len(person.findall(text)), len(other.findall(text))
    return said >= 2 and said > 2 * other_said


def find_writer(segments: tuple[Segment, ...]) -> str:
    """The letter's writer as the reply greets them ("Dear Heather,"), for a column of
    one letter; a column of several names each letter's writer in its segment."""
    if sum(1 for s in segments if s.kind == "letter") != 1:
        return ""
    reply = next((s for s in segments if s.kind == "reply" and s.title == "The Reply"), None)
    greeting = SALUTATION.match(reply.text) if reply else None
    return greeting["names"].strip() if greeting else ""


def split_long(segments: tuple[Segment, ...]) -> tuple[tuple[Segment, ...], list[str]]:
    """Split long prose at paragraph boundaries into chapters of a few minutes, so a
    listener can move through an article that has few headings; say which were split."""
    result: list[Segment] = []
    split: list[str] = []
    for segment in segments:
        if segment.kind in ("reason", "tip") or len(segment.text.split()) <= LONG_WORDS:
            result.append(segment)
            continue
        pieces = _paragraph_groups(segment.text.split("\n\n"))
        split.append(segment.title)
        result.append(replace(segment, text=pieces[0]))
        result.extend(Segment("section", f"{segment.title}, continued" if segment.kind != "intro"
                              else opening_words(piece), piece) for piece in pieces[1:])
    return tuple(result), split


def _paragraph_groups(paragraphs: list[str]) -> list[str]:
    groups: list[list[str]] = [[]]
    words = 0
    for paragraph in paragraphs:
        if groups[-1] and words + len(paragraph.split()) > _CHAPTER_WORDS:
            groups.append([])
            words = 0
        groups[-1].append(paragraph)
        words += len(paragraph.split())
    return ["\n\n".join(g) for g in groups]
