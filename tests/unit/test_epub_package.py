"""The talking book's container and package document, rendered in memory and read back:
the zip as reading systems open it, the metadata, the manifest and the spine."""

import io
import uuid
import zipfile

import pytest
from epub_reading import NS, Book, seconds

from audio_edition.model import Chapter, Cue, Plan
from audio_edition.package.epub import (
    ACCESSIBILITY_SUMMARY,
    ACTIVE_CLASS,
    BookInfo,
    render_epub,
)

PLAN = Plan("Letters & <Replies>", "Orna and Matthew Walters", ())
CHAPTERS = (Chapter("chp0", "Opening", 0, 2000, "intro"), Chapter("chp1", "The Letter", 2000, 5000, "letter"),
            Chapter("chp2", "Quiet", 5000, 6000, "closing"))
CUES = (Cue(0, 800, "Hello.", "Narrator", True), Cue(800, 1900, "Welcome.", "Narrator"),
        Cue(2000, 3100, "Dear editors,", "Sam", True), Cue(3100, 3500, "my neighbour drums.", "Sam"),
        Cue(3500, 4999, "Please help.", "Sam", True), Cue(5000, 5000, "The end.", "Narrator", True))
INFO = BookInfo("letters", "en-gb", "2026-03-04", "The Show", "A letter & its reply.", "letters.mp3", ".png")
AUDIO, COVER = b"ID3 the audio", b"\x89PNG the cover"


def render(plan=PLAN, chapters=CHAPTERS, cues=CUES, info=INFO) -> bytes:
    return render_epub(plan, chapters, cues, AUDIO, COVER, info)


def open_book(data: bytes) -> Book:
    return Book(io.BytesIO(data))


def metadata(book: Book, name: str) -> list[str]:
    return [e.text for e in book.opf.iterfind(f"opf:metadata/dc:{name}", NS)]


def test_the_container_opens_with_its_mimetype_stored_and_names_the_package_document():
    archive = zipfile.ZipFile(io.BytesIO(render()))
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == b"application/epub+zip"
    assert open_book(render()).opf_path == "EPUB/package.opf"


def test_text_is_compressed_and_the_audio_and_cover_are_stored_as_given():
    archive = zipfile.ZipFile(io.BytesIO(render()))
    assert archive.read("EPUB/letters.mp3") == AUDIO and archive.read("EPUB/cover.png") == COVER
    for entry in archive.infolist()[1:]:
        binary = entry.filename.endswith((".mp3", ".png"))
        assert entry.compress_type == (zipfile.ZIP_STORED if binary else zipfile.ZIP_DEFLATED), entry.filename
    assert archive.testzip() is None


def test_the_same_edition_gives_the_same_bytes():
    data = render()
    assert render() == data
    assert {entry.date_time for entry in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_every_file_in_the_package_is_declared_and_every_declared_file_is_there():
    book = open_book(render())
    declared = {book.path(item.get("href")) for item in book.items.values()}
    assert declared == set(book.zip.namelist()) - {"mimetype", "META-INF/container.xml", "EPUB/package.opf"}
    assert len(declared) == 4 + len(CHAPTERS) + 2  # nav, style, cover, audio; the texts; two overlays


def test_the_package_document_holds_no_text_outside_its_metadata():
    opf = open_book(render()).opf
    structure = {"package", "metadata", "manifest", "spine", "item", "itemref"}
    stray = [text for element in opf.iter() if element.tag.rpartition("}")[2] in structure
             for text in (element.text, *(child.tail for child in element)) if text and text.strip()]
    assert stray == []


def test_the_manifest_gives_each_file_its_media_type_and_role():
    items = open_book(render()).items
    described = {key: (item.get("href"), item.get("media-type"), item.get("properties"), item.get("media-overlay"))
                 for key, item in items.items()}
    assert described == {
        "nav": ("nav.xhtml", "application/xhtml+xml", "nav", None),
        "css": ("book.css", "text/css", None, None),
        "cover": ("cover.png", "image/png", "cover-image", None),
        "audio": ("letters.mp3", "audio/mpeg", None, None),
        "chp0": ("chp0.xhtml", "application/xhtml+xml", None, "mo-chp0"),
        "mo-chp0": ("chp0.smil", "application/smil+xml", None, None),
        "chp1": ("chp1.xhtml", "application/xhtml+xml", None, "mo-chp1"),
        "mo-chp1": ("chp1.smil", "application/smil+xml", None, None),
        "chp2": ("chp2.xhtml", "application/xhtml+xml", None, None),
    }


@pytest.mark.parametrize("extension", [".jpg", ".jpeg"])
def test_a_jpeg_cover_is_declared_as_jpeg(extension):
    info = BookInfo("letters", "en", "2026-03-04", "Show", "", "letters.mp3", extension)
    book = open_book(render(info=info))
    assert (book.items["cover"].get("href"), book.items["cover"].get("media-type")) == (f"cover{extension}",
                                                                                        "image/jpeg")
    assert book.zip.read(f"EPUB/cover{extension}") == COVER


def test_the_spine_reads_every_chapter_in_order_with_or_without_audio():
    assert [item.get("href") for item in open_book(render()).spine()] == ["chp0.xhtml", "chp1.xhtml", "chp2.xhtml"]


def test_the_metadata_names_the_book_its_authors_publisher_and_date():
    book = open_book(render())
    assert (book.opf.get("version"), book.opf.get("{http://www.w3.org/XML/1998/namespace}lang")) == ("3.0", "en-gb")
    [identifier] = book.opf.iterfind("opf:metadata/dc:identifier", NS)
    assert identifier.get("id") == book.opf.get("unique-identifier")
    assert uuid.UUID(identifier.text.removeprefix("urn:uuid:")).version == 5
    assert identifier.text.startswith("urn:uuid:")
    assert metadata(book, "title") == ["Letters & <Replies>"]
    assert metadata(book, "language") == ["en-gb"]
    assert metadata(book, "creator") == ["Orna Walters", "Matthew Walters"]
    assert [e.get("id") for e in book.opf.iterfind("opf:metadata/dc:creator", NS)] == ["creator1", "creator2"]
    assert metadata(book, "publisher") == ["The Show"]
    assert metadata(book, "date") == ["2026-03-04"]
    assert metadata(book, "description") == ["A letter & its reply."]
    assert book.meta("dcterms:modified") == ["2026-03-04T00:00:00Z"]


def test_the_identifier_follows_the_slug_so_a_rebuilt_edition_keeps_its_identity():
    def identifier(slug):
        info = BookInfo(slug, "en", "2026-03-04", "Show", "", "a.mp3", ".png")
        return metadata(open_book(render(info=info)), "identifier")[0]

    assert identifier("letters") == identifier("letters") != identifier("letters-2")


def test_a_book_without_authors_names_no_creator():
    assert metadata(open_book(render(plan=Plan("Title", "", ()))), "creator") == []


@pytest.mark.parametrize("date", ["March 4th", "2026-3-4", "2026-03-04T10:00", " 2026-03-04", "2026-03-04\n"])
def test_a_date_not_in_yyyy_mm_dd_form_gives_no_date_and_the_epoch_as_modified(date):
    info = BookInfo("letters", "en", date, "Show", "", "a.mp3", ".png")
    book = open_book(render(info=info))
    assert metadata(book, "date") == []
    assert book.meta("dcterms:modified") == ["1970-01-01T00:00:00Z"]


def test_the_accessibility_metadata_says_how_the_book_can_be_read_and_that_it_holds_no_hazard():
    book = open_book(render())
    schema = sorted((m.get("property"), m.text) for m in book.opf.iterfind("opf:metadata/opf:meta", NS)
                    if m.get("property").startswith("schema:"))
    assert schema == sorted([
        ("schema:accessMode", "textual"), ("schema:accessMode", "auditory"),
        ("schema:accessModeSufficient", "textual"), ("schema:accessModeSufficient", "auditory"),
        ("schema:accessModeSufficient", "textual,auditory"),
        ("schema:accessibilityFeature", "synchronizedAudioText"),
        ("schema:accessibilityFeature", "tableOfContents"), ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", ACCESSIBILITY_SUMMARY),
    ])


def test_each_overlay_lasts_as_long_as_its_clips_and_the_book_as_long_as_its_overlays():
    book = open_book(render())

    def clips_ms(chapter):
        return sum(c.end_ms - c.start_ms for c in CUES if chapter.start_ms <= c.start_ms < chapter.end_ms)

    for chapter in CHAPTERS[:2]:
        [duration] = book.meta("media:duration", f"#mo-{chapter.element_id}")
        assert round(seconds(duration) * 1000) == clips_ms(chapter)
    assert book.meta("media:duration", "#mo-chp2") == []
    [total] = book.meta("media:duration")
    assert round(seconds(total) * 1000) == clips_ms(CHAPTERS[0]) + clips_ms(CHAPTERS[1]) == 4899
    assert book.meta("media:active-class") == [ACTIVE_CLASS]
    assert f".{ACTIVE_CLASS} " in book.zip.read("EPUB/book.css").decode()


def test_a_book_whose_sentences_have_no_audio_has_no_overlay_and_lasts_nothing():
    cues = (Cue(0, 0, "Silent.", "Narrator", True),)
    book = open_book(render(chapters=CHAPTERS[:1], cues=cues))
    assert [item.get("media-overlay") for item in book.spine()] == [None]
    assert not [name for name in book.zip.namelist() if name.endswith(".smil")]
    assert book.meta("media:duration") == ["0:00:00.000"]
