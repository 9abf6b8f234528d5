"""The talking book of a small edition: its sentences, overlays, metadata and navigation."""

import io
import re
import zipfile

import webvtt

from audio_edition.package.epub import creators
from editions import PARTS, PLAN, SLUG, build_edition
from epub_reading import EPUB_TYPE, NS, Book, overlay_pars, seconds


def test_each_sentence_of_the_transcript_is_one_element_of_the_text_and_one_clip(tmp_path):
    """The small unit edition: the book's sentences in reading order are the captions'
    sentences, and each clip starts where its caption does."""
    folder = build_edition(tmp_path, formats=("mp3", "epub"))
    book = Book(folder / f"{SLUG}.epub")
    captions = list(webvtt.read(folder / f"{SLUG}.vtt"))
    pars = overlay_pars(book)
    assert len(pars) == len(captions) > 3
    for (document, text, audio), caption in zip(pars, captions):
        element = book.ids(document)[text.get("src").partition("#")[2]]
        assert "".join(element.itertext()) == re.sub(r"<[^>]+>", "", caption.raw_text)
        assert abs(seconds(audio.get("clipBegin")) - seconds(caption.start)) < 0.002


def test_the_package_says_how_it_can_be_read_and_how_long_it_plays(tmp_path):
    

    book = Book(build_edition(tmp_path, formats=("mp3", "epub")) / f"{SLUG}.epub")
    assert set(book.meta("schema:accessMode")) == {"textual", "auditory"}
    assert {"textual", "auditory"} <= set(book.meta("schema:accessModeSufficient"))
    assert set(book.meta("schema:accessibilityFeature")) >= {"synchronizedAudioText", "tableOfContents",
                                                             "readingOrder"}
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert book.meta("schema:accessibilitySummary")[0].strip()
    assert book.meta("media:active-class") == ["-epub-media-overlay-active"]
    assert ".-epub-media-overlay-active" in book.zip.read(book.path("book.css")).decode()
    overlays = [i for i in book.spine() if i.get("media-overlay")]
    assert len(overlays) == len(PLAN.segments)
    per_overlay = []
    for item in overlays:
        [duration] = book.meta("media:duration", "#" + item.get("media-overlay"))
        clips = [(seconds(a.get("clipBegin")), seconds(a.get("clipEnd")))
                 for a in book.xml(book.items[item.get("media-overlay")].get("href")).iterfind(".//smil:audio", NS)]
        assert abs(seconds(duration) - sum(end - begin for begin, end in clips)) < 0.002
        per_overlay.append(seconds(duration))
    assert abs(seconds(book.meta("media:duration")[0]) - sum(per_overlay)) < 0.002
    metadata = book.opf.find("opf:metadata", NS)
    assert metadata.find("dc:language", NS).text == "en"
    assert metadata.find("dc:title", NS).text == PLAN.title
    assert [c.text for c in metadata.iterfind("dc:creator", NS)] == ["Ana Ruiz"]
    covers = [i for i in book.items.values() if i.get("properties") == "cover-image"]
    assert len(covers) == 1 and book.zip.read(book.path(covers[0].get("href"))).startswith(b"\x89PNG")


def test_the_navigation_document_lists_every_chapter_in_order(tmp_path):
    

    book = Book(build_edition(tmp_path, formats=("mp3", "epub")) / f"{SLUG}.epub")
    [nav] = [i for i in book.items.values() if i.get("properties") == "nav"]
    toc = next(n for n in book.xml(nav.get("href")).iter("{%s}nav" % NS["x"]) if n.get(EPUB_TYPE) == "toc")
    links = [(a.get("href"), a.text) for a in toc.iter("{%s}a" % NS["x"])]
    assert [title for _, title in links] == [p.chapter_title for p in PARTS]
    assert [href for href, _ in links] == [i.get("href") for i in book.spine()]


def test_the_package_opens_with_its_mimetype_stored_first(tmp_path):
    

    archive = zipfile.ZipFile(build_edition(tmp_path, formats=("mp3", "epub")) / f"{SLUG}.epub")
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == b"application/epub+zip"


def test_authors_become_one_creator_each():
    assert creators("Orna and Matthew Walters") == ["Orna Walters", "Matthew Walters"]
    assert creators("Marta Silva, Joe Park & Li Wei") == ["Marta Silva", "Joe Park", "Li Wei"]
    assert creators("Ana Ruiz") == ["Ana Ruiz"]
    assert creators("") == []


def test_a_date_not_in_w3c_form_is_left_out_rather_than_warned_of():
    from audio_edition.model import Chapter, Cue
    from audio_edition.package.epub import BookInfo, render_epub

    chapters, cues = (Chapter("chp0", "One", 0, 1000, "intro"),), (Cue(0, 900, "Hi.", "Narrator", True),)
    for date, expected in (("2026-03-04", "<dc:date>2026-03-04</dc:date>"), ("March 4th", None)):
        book = render_epub(PLAN, chapters, cues, b"mp3", b"png", BookInfo("s", "en", date, "Show", "", "s.mp3", ".png"))
        opf = zipfile.ZipFile(io.BytesIO(book)).read("EPUB/package.opf").decode()
        assert (expected in opf) if expected else "<dc:date>" not in opf
        assert '<meta property="dcterms:modified">' in opf


def test_a_chapter_with_no_audio_of_its_own_has_text_but_no_overlay_and_no_stray_file():
    from audio_edition.model import Chapter, Cue
    from audio_edition.package.epub import BookInfo, render_epub

    chapters = (Chapter("chp0", "One", 0, 1000, "intro"), Chapter("chp1", "Two", 1000, 2000, "section"))
    cues = (Cue(0, 900, "Hi.", "Narrator", True), Cue(1500, 1500, "Silent.", "Narrator", True))
    data = render_epub(PLAN, chapters, cues, b"mp3", b"png", BookInfo("s", "en", "2026-01-01", "Show", "", "s.mp3",
                                                                        ".png"))
    archive = zipfile.ZipFile(io.BytesIO(data))
    opf = archive.read("EPUB/package.opf").decode()
    assert "EPUB/chp0.smil" in archive.namelist() and "EPUB/chp1.smil" not in archive.namelist()
    assert 'media-overlay="mo-chp0"' in opf and "mo-chp1" not in opf
    assert 'id="s2">Silent.</span>' in archive.read("EPUB/chp1.xhtml").decode()
