"""The talking book: an EPUB 3 whose text and audio play in sync, sentence by sentence.

Reading apps for people who are blind, have low vision or dyslexia (Thorium, Apple Books,
Dolphin EasyReader, Voice Dream) read EPUB 3 Media Overlays: each chapter is an XHTML
document whose every spoken sentence has an id, and a SMIL document pairs each id with
its clip of the edition's MP3, which travels inside the package. The chapters and the
sentence times are the edition's own (the chapter list and the cues), so the book, the
captions and the podcast chapters agree.

Everything is built in memory; the caller writes the bytes once.
"""

from __future__ import annotations

import html
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import Sequence

from audio_edition.model import Chapter, Cue, Plan

ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class a reading system puts on the sentence being read (media:active-class)."""
_FOLDER = "EPUB"
_NAMESPACE = uuid.UUID("0d7bd5a4-6e0b-5b7f-9d45-6a1f2f5d6c11")
"""Identifiers are UUIDv5 of the slug under this namespace: the same edition keeps its identity."""
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@dataclass(frozen=True)
class BookInfo:
    """What the package says about the book, beyond the plan."""

    slug: str
    language: str
    """BCP 47 ("en", "en-us")."""
    date: str
    """The edition's date, YYYY-MM-DD."""
    publisher: str
    """The show the edition belongs to."""
    summary: str
    audio_name: str
    """The MP3's file name inside the package."""
    cover_ext: str
    """".png" or ".jpg"."""


@dataclass(frozen=True)
class _Sentence:
    element_id: str
    cue: Cue


def render_epub(plan: Plan, chapters: Sequence[Chapter], cues: Sequence[Cue], audio: bytes, cover: bytes,
                info: BookInfo) -> bytes:
    """The EPUB's bytes: the text per chapter, a nav document, one overlay per chapter,
    the MP3 and the cover."""
    sections = _sections(chapters, cues)
    files = {
        "META-INF/container.xml": _CONTAINER,
        f"{_FOLDER}/package.opf": package_document(plan, sections, info),
        f"{_FOLDER}/nav.xhtml": nav_document(plan, chapters, info.language),
        f"{_FOLDER}/book.css": _STYLE,
    }
    for chapter, sentences in sections:
        files[f"{_FOLDER}/{chapter.element_id}.xhtml"] = chapter_document(chapter, sentences, info.language)
        if _clips(sentences):  # the same test the manifest makes, so every file is declared
            files[f"{_FOLDER}/{chapter.element_id}.smil"] = overlay_document(chapter, sentences, info.audio_name)
    return _zip(files, {f"{_FOLDER}/{info.audio_name}": audio, f"{_FOLDER}/cover{info.cover_ext}": cover})


def _sections(chapters: Sequence[Chapter], cues: Sequence[Cue]) -> list[tuple[Chapter, list[_Sentence]]]:
    """Each chapter with its sentences, numbered through the book so every id is unique."""
    sentences = [_Sentence(f"s{number}", cue) for number, cue in enumerate(cues, start=1)]
    return [(c, [s for s in sentences if c.start_ms <= s.cue.start_ms < c.end_ms]) for c in chapters]


def _text(value: str) -> str:
    """Text as XML holds it: escaped, without the control characters XML forbids."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", value))


def smil_clock(ms: int) -> str:
    """A SMIL full clock value: 0:01:02.345."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _clips(sentences: Sequence[_Sentence]) -> list[_Sentence]:
    """The sentences that have audio of their own: a clip must end after it begins."""
    return [s for s in sentences if s.cue.end_ms > s.cue.start_ms]


def overlay_duration(sentences: Sequence[_Sentence]) -> int:
    """The time an overlay plays, in ms: the sum of its clips."""
    return sum(s.cue.end_ms - s.cue.start_ms for s in _clips(sentences))


def _document(title: str, language: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'xml:lang="{_text(language)}" lang="{_text(language)}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{_text(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="book.css"/>\n</head>\n'
        f"<body>\n{body}</body>\n</html>\n"
    )


def chapter_document(chapter: Chapter, sentences: Sequence[_Sentence], language: str) -> str:
    """A chapter's text: its title as a heading, then its sentences in their paragraphs,
    each sentence a span whose id the overlay points at."""
    paragraphs: list[list[str]] = []
    for sentence in sentences:
        if sentence.cue.opens_paragraph or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(f'<span id="{sentence.element_id}">{_text(sentence.cue.text)}</span>')
    body = "".join(f"<p>{' '.join(spans)}</p>\n" for spans in paragraphs)
    heading = f"h-{chapter.element_id}"
    return _document(chapter.title, language, (
        f'<section id="{_section_id(chapter)}" epub:type="chapter" role="doc-chapter" aria-labelledby="{heading}">\n'
        f'<h1 id="{heading}">{_text(chapter.title)}</h1>\n{body}</section>\n'))


def _section_id(chapter: Chapter) -> str:
    return f"sec-{chapter.element_id}"


def nav_document(plan: Plan, chapters: Sequence[Chapter], language: str) -> str:
    """The table of contents (the edition's chapters) and the landmarks."""
    items = "".join(f'<li><a href="{c.element_id}.xhtml">{_text(c.title)}</a></li>\n' for c in chapters)
    first = chapters[0].element_id
    return _document(plan.title, language, (
        f'<nav epub:type="toc" id="toc">\n<h1>{_text(plan.title)}</h1>\n<ol>\n{items}</ol>\n</nav>\n'
        '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>Landmarks</h2>\n<ol>\n'
        f'<li><a epub:type="bodymatter" href="{first}.xhtml">Start</a></li>\n</ol>\n</nav>\n'))


def overlay_document(chapter: Chapter, sentences: Sequence[_Sentence], audio_name: str) -> str:
    """A chapter's Media Overlay: each sentence paired with its clip of the MP3."""
    pars = "".join(
        f'<par id="p-{s.element_id}"><text src="{chapter.element_id}.xhtml#{s.element_id}"/>'
        f'<audio src="{_text(audio_name)}" clipBegin="{smil_clock(s.cue.start_ms)}" '
        f'clipEnd="{smil_clock(s.cue.end_ms)}"/></par>\n'
        for s in _clips(sentences))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        f'<body>\n<seq id="seq-{chapter.element_id}" epub:textref="{chapter.element_id}.xhtml#{_section_id(chapter)}" '
        f'epub:type="chapter">\n{pars}</seq>\n</body>\n</smil>\n'
    )


def creators(authors: str) -> list[str]:
    """Each author on their own: "Orna and Matthew Walters" -> Orna Walters, Matthew Walters.

    A lone first name before a full name shares its family name, as in the by-line."""
    names = [n.strip() for n in re.split(r",|\s+and\s+|\s*&\s*", authors) if n.strip()]
    if len(names) > 1 and len(names[-1].split()) > 1:
        family = names[-1].split()[-1]
        names = [f"{n} {family}" if len(n.split()) == 1 else n for n in names]
    return names


ACCESSIBILITY_SUMMARY = (
    "The full text of the article with its audio, read aloud sentence by sentence: every "
    "sentence is synchronized with its clip of the audio, and reading systems highlight the "
    "sentence being read. The text and the audio each convey the whole article. A table of "
    "contents lists every chapter.")


def package_document(plan: Plan, sections: Sequence[tuple[Chapter, list[_Sentence]]], info: BookInfo) -> str:
    """package.opf: metadata (accessibility, overlay durations), manifest and spine."""
    overlays = [(c, overlay_duration(s)) for c, s in sections if _clips(s)]
    spine = "".join(f'<itemref idref="{c.element_id}"/>\n' for c, _ in sections)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" '
        f'xml:lang="{_text(info.language)}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(_metadata(plan, overlays, info))
        + "\n</metadata>\n<manifest>\n" + "\n".join(_manifest(sections, {c.element_id for c, _ in overlays}, info))
        + f"\n</manifest>\n<spine>\n{spine}</spine>\n</package>\n"
    )


def _metadata(plan: Plan, overlays: Sequence[tuple[Chapter, int]], info: BookInfo) -> list[str]:
    identifier = uuid.uuid5(_NAMESPACE, info.slug)
    return [
        f'<dc:identifier id="uid">urn:uuid:{identifier}</dc:identifier>',
        f"<dc:title>{_text(plan.title)}</dc:title>",
        f"<dc:language>{_text(info.language)}</dc:language>",
        *(f'<dc:creator id="creator{n}">{_text(name)}</dc:creator>'
          for n, name in enumerate(creators(plan.authors), start=1)),
        f"<dc:publisher>{_text(info.publisher)}</dc:publisher>",
        *([f"<dc:date>{info.date}</dc:date>"] if _iso_date(info.date) else []),
        f"<dc:description>{_text(info.summary)}</dc:description>",
        f'<meta property="dcterms:modified">{_modified(info.date)}</meta>',
        *_accessibility(),
        f'<meta property="media:duration">{smil_clock(sum(d for _, d in overlays))}</meta>',
        *(f'<meta property="media:duration" refines="#mo-{c.element_id}">{smil_clock(d)}</meta>'
          for c, d in overlays),
        f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>',
    ]


def _manifest(sections: Sequence[tuple[Chapter, list[_Sentence]]], with_overlay: set[str],
              info: BookInfo) -> list[str]:
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="book.css" media-type="text/css"/>',
        f'<item id="cover" href="cover{info.cover_ext}" media-type="{_IMAGE_TYPES[info.cover_ext]}" '
        'properties="cover-image"/>',
        f'<item id="audio" href="{_text(info.audio_name)}" media-type="audio/mpeg"/>',
    ]
    for chapter, _ in sections:
        name = chapter.element_id
        overlay = f' media-overlay="mo-{name}"' if name in with_overlay else ""
        items.append(f'<item id="{name}" href="{name}.xhtml" media-type="application/xhtml+xml"{overlay}/>')
        if overlay:
            items.append(f'<item id="mo-{name}" href="{name}.smil" media-type="application/smil+xml"/>')
    return items


def _accessibility() -> list[str]:
    """What a reader learns before opening the book: how it can be read, and that nothing
    in it is a hazard."""
    properties = [
        ("accessMode", "textual"), ("accessMode", "auditory"),
        ("accessModeSufficient", "textual"), ("accessModeSufficient", "auditory"),
        ("accessModeSufficient", "textual,auditory"),
        ("accessibilityFeature", "synchronizedAudioText"), ("accessibilityFeature", "tableOfContents"),
        ("accessibilityFeature", "readingOrder"),
        ("accessibilityHazard", "none"),
        ("accessibilitySummary", ACCESSIBILITY_SUMMARY),
    ]
    return [f'<meta property="schema:{name}">{_text(value)}</meta>' for name, value in properties]


def _modified(date: str) -> str:
    """dcterms:modified from the edition's date, so rebuilding the same edition gives the
    same book; a date not in YYYY-MM-DD form cannot be used and gives the epoch."""
    return f"{date}T00:00:00Z" if _iso_date(date) else "1970-01-01T00:00:00Z"


def _iso_date(date: str) -> bool:
    """EPUBCheck warns of a dc:date not in W3C form; the edition's date is YYYY-MM-DD unless set otherwise."""
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) is not None


def _zip(texts: dict[str, str], binaries: dict[str, bytes]) -> bytes:
    """The OCF container: `mimetype` first and stored, as reading systems sniff it; the
    audio and the image stored too, being compressed already."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in texts.items():
            archive.writestr(_entry(name), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for name, data in binaries.items():
            archive.writestr(_entry(name), data, zipfile.ZIP_STORED)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """A fixed time stamp: the same edition gives the same bytes."""
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))


_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    f'<rootfiles>\n<rootfile full-path="{_FOLDER}/package.opf" media-type="application/oebps-package+xml"/>\n'
    "</rootfiles>\n</container>\n"
)

_STYLE = f"""body {{ font-family: serif; line-height: 1.5; }}
h1, h2 {{ font-family: sans-serif; }}
.{ACTIVE_CLASS} {{ background-color: #fff3bf; color: #1b1b1b; }}
"""
