"""edition.json: what the edition is, how it was made, and a digest of every file.

An edition on disk is read in one place, `read_edition`, into a typed `StoredEdition`;
the names of an edition's files come from one place, `EditionNames`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Mapping, Sequence

from audio_edition.errors import EditionError
from audio_edition.files import sha256_of, write_atomic
from audio_edition.listen import Heard, Listening
from audio_edition.model import Chapter, Plan

MANIFEST_NAME = "edition.json"


@dataclass(frozen=True)
class EditionNames:
    """The file names of the edition whose slug is `slug`."""

    slug: str
    transcript: str = "transcript.html"
    chapters: str = "chapters.json"
    player: str = "index.html"
    manifest: str = MANIFEST_NAME

    @property
    def mp3(self) -> str:
        return f"{self.slug}.mp3"

    @property
    def m4b(self) -> str:
        return f"{self.slug}.m4b"

    @property
    def epub(self) -> str:
        return f"{self.slug}.epub"

    @property
    def vtt(self) -> str:
        return f"{self.slug}.vtt"

    @property
    def srt(self) -> str:
        return f"{self.slug}.srt"

    @staticmethod
    def cover(extension: str) -> str:
        return f"cover{extension}"


@dataclass(frozen=True)
class FileEntry:
    size: int
    sha256: str


@dataclass(frozen=True)
class StoredEdition:
    """An edition as its edition.json describes it."""

    directory: Path
    slug: str
    title: str
    authors: str
    summary: str
    duration_ms: int
    chapters: tuple[Chapter, ...]
    files: Mapping[str, FileEntry]
    """Every file of the edition by name, the audio first."""
    build_key: str
    source: str = ""
    """The article it was built from; empty for editions that predate the field."""
    spoken: tuple[tuple[str, ...], ...] = ()
    """What each chapter was to say, one sentence each, in the spoken form the engine
    was handed; empty for editions that predate the field."""
    listening: Listening | None = None
    """What the recognizer heard when the edition was last listened to, if it was."""

    @property
    def names(self) -> EditionNames:
        return EditionNames(self.slug)

    @property
    def audio_path(self) -> Path:
        return self.directory / self.names.mp3


def file_entry(path: Path) -> dict:
    """Size and SHA-256 of a file."""
    return {"size": path.stat().st_size, "sha256": sha256_of(path)}


def render_manifest(
    plan: Plan, chapters: Sequence[Chapter], files: Mapping[str, dict], loudness: Mapping[str, float],
    engine: Mapping[str, str], build_key: str, about: Mapping[str, str], spoken: Sequence[Sequence[str]] = (),
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
        "spoken": [list(sentences) for sentences in spoken],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_edition(directory: Path) -> StoredEdition:
    """The edition in `directory`, or an `EditionError` saying what is missing or damaged."""
    path = directory / MANIFEST_NAME
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise EditionError(f"{directory}: is not an edition (it has no {MANIFEST_NAME}); build it first") from None
    except OSError as exc:
        raise EditionError(f"{path}: cannot be read ({exc.strerror})") from exc
    except ValueError as exc:
        raise EditionError(f"{path}: is not valid JSON ({exc}); build the edition again") from exc
    try:
        return _edition(directory, data)
    except (KeyError, TypeError, ValueError) as exc:
        reason = f"{exc.args[0]} is missing" if isinstance(exc, KeyError) else str(exc)
        raise EditionError(f"{path}: is damaged ({reason}); build the edition again") from exc


def _edition(directory: Path, data: object) -> StoredEdition:
    document = _typed(data, dict, "the document")
    title = _typed(document["title"], str, "title")
    files = _typed(document["files"], dict, "files")
    return StoredEdition(
        directory=directory,
        slug=_typed(document.get("slug", directory.name), str, "slug"),
        title=title,
        authors=_typed(document.get("authors", ""), str, "authors"),
        summary=_typed(document.get("summary", ""), str, "summary"),
        duration_ms=_typed(document["duration_ms"], int, "duration_ms"),
        chapters=tuple(_chapter(c) for c in _typed(document["chapters"], list, "chapters")),
        files={_typed(name, str, "a file name"): _file(entry) for name, entry in files.items()},
        build_key=_typed(document.get("build_key", ""), str, "build_key"),
        source=_typed(document.get("source", ""), str, "source"),
        spoken=tuple(tuple(_typed(s, str, "a spoken sentence") for s in _typed(chapter, list, "a chapter's sentences"))
                     for chapter in _typed(document.get("spoken", []), list, "spoken")),
        listening=_listening(document["listening"]) if "listening" in document else None,
    )


def _listening(data: object) -> Listening:
    listening = _typed(data, dict, "listening")
    return Listening(
        model=_typed(listening["model"], str, "the recognizer's model"),
        threshold=float(_typed(listening["threshold"], (int, float), "the threshold")),
        audio_sha256=_typed(listening["audio_sha256"], str, "the audio's sha256"),
        chapters=tuple(_heard(c) for c in _typed(listening["chapters"], list, "the chapters heard")),
    )


def _heard(data: object) -> Heard:
    heard = _typed(data, dict, "a chapter heard")
    return Heard(
        wer=float(_typed(heard["wer"], (int, float), "a chapter's wer")),
        words=_typed(heard["words"], int, "a chapter's words"),
        errors=_typed(heard["errors"], int, "a chapter's errors"),
        missing=tuple(_typed(w, str, "a word not heard") for w in _typed(heard["missing"], list, "words not heard")),
    )


def store_listening(directory: Path, listening: Listening) -> None:
    """Add what the recognizer heard to the edition's edition.json (replacing earlier
    figures), so a later check reports them without listening again."""
    path = directory / MANIFEST_NAME
    read_edition(directory)  # refuses a missing or damaged manifest with the reason
    document = json.loads(path.read_text("utf-8"))
    document["listening"] = asdict(listening)
    write_atomic(path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _chapter(data: object) -> Chapter:
    chapter = _typed(data, dict, "a chapter")
    return Chapter(
        element_id=_typed(chapter["element_id"], str, "a chapter's element_id"),
        title=_typed(chapter["title"], str, "a chapter's title"),
        start_ms=_typed(chapter["start_ms"], int, "a chapter's start_ms"),
        end_ms=_typed(chapter["end_ms"], int, "a chapter's end_ms"),
        kind=_typed(chapter["kind"], str, "a chapter's kind"),
    )


def _file(data: object) -> FileEntry:
    entry = _typed(data, dict, "a file entry")
    return FileEntry(_typed(entry["size"], int, "a file's size"), _typed(entry["sha256"], str, "a file's sha256"))


_TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "an object", (int, float): "a number"}


def _typed(value, kind: type, what: str):
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{what} is not {_TYPE_NAMES[kind]}")
    return value


def up_to_date(directory: Path, build_key: str) -> bool:
    """True if the edition in `directory` was built from the same inputs and every
    file is still as the manifest recorded it."""
    return current_edition(directory, build_key) is not None


def current_edition(directory: Path, build_key: str) -> StoredEdition | None:
    """The edition in `directory` if it was built from the same inputs and every file
    is still as the manifest recorded it; else None."""
    try:
        edition = read_edition(directory)
        unchanged = edition.build_key == build_key and all(
            file_entry(directory / name) == asdict(entry) for name, entry in edition.files.items())
    except (EditionError, OSError):
        return None
    return edition if unchanged else None
