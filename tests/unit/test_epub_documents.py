"""The talking book's documents, read back from the package: each chapter's text, the
navigation, each chapter's overlay and its clock values, and the authors as creators."""

import io

import pytest
from epub_reading import EPUB_TYPE, NS, TEXTREF, Book, seconds

from audio_edition.cache import SegmentRecord
from audio_edition.chapters import make_chapters
from audio_edition.model import Chapter, Cue, Line, Plan, Segment, SpokenPart
from audio_edition.package.epub import BookInfo, creators, render_epub, smil_clock
from audio_edition.package.transcripts import make_cues

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
X = f"{{{NS['x']}}}"
SMIL = f"{{{NS['smil']}}}"
PLAN = Plan("Letters & <Replies>", "Ana Ruiz", ())
CHAPTERS = (Chapter("chp0", "Opening", 0, 2000, "intro"), Chapter("chp1", "The Letter <1>", 2000, 5000, "letter"),
            Chapter("chp2", "Quiet", 5000, 6000, "closing"))
CUES = (Cue(0, 800, "Hello.", "Narrator", True), Cue(800, 1900, "Welcome & <all>.", "Narrator"),
        Cue(2000, 3100, "Dear editors,", "Sam", True), Cue(3100, 3500, "my neighbour drums.", "Sam"),
        Cue(3500, 4999, "Please help.", "Sam", True), Cue(5000, 5000, "The end.", "Narrator", True))
INFO = BookInfo("letters", "en-gb", "2026-03-04", "The Show", "", "letters & more.mp3", ".png")


def open_book(chapters=CHAPTERS, cues=CUES, plan=PLAN) -> Book:
    return Book(io.BytesIO(render_epub(plan, chapters, cues, b"audio", b"cover", INFO)))


def spans(book: Book, href: str) -> list[tuple[str, str]]:
    return [(e.get("id"), e.text) for e in book.xml(href).iter(f"{X}span")]


def paragraphs(book: Book, href: str) -> list[list[str]]:
    return [[span.text for span in p.iter(f"{X}span")] for p in book.xml(href).iter(f"{X}p")]


def stray_text(root, containers: set[str]) -> list[str]:
    """Text standing directly inside elements meant to hold only other elements."""
    found = []
    for element in root.iter():
        if element.tag.rpartition("}")[2] in containers:
            found += [text for text in (element.text, *(child.tail for child in element)) if text and text.strip()]
    return found


def test_each_chapter_holds_its_own_sentences_numbered_through_the_book():
    book = open_book()
    assert spans(book, "chp0.xhtml") == [("s1", "Hello."), ("s2", "Welcome & <all>.")]
    assert spans(book, "chp1.xhtml") == [("s3", "Dear editors,"), ("s4", "my neighbour drums."), ("s5", "Please help.")]
    assert spans(book, "chp2.xhtml") == [("s6", "The end.")]


def test_sentences_keep_their_paragraphs_with_a_space_between_them():
    book = open_book()
    assert paragraphs(book, "chp1.xhtml") == [["Dear editors,", "my neighbour drums."], ["Please help."]]
    first = next(book.xml("chp1.xhtml").iter(f"{X}p"))
    assert "".join(first.itertext()) == "Dear editors, my neighbour drums."


def test_a_chapter_whose_first_sentence_does_not_open_a_paragraph_still_starts_one():
    cues = (Cue(0, 500, "Continued.", "Narrator"), Cue(500, 900, "More.", "Narrator"))
    assert paragraphs(open_book(CHAPTERS[:1], cues), "chp0.xhtml") == [["Continued.", "More."]]


def test_the_paragraphs_of_the_written_article_are_the_paragraphs_of_the_book():
    lines = (Line("Dear editors,", "dear editors", "writer", True), Line("I cannot sleep.", "i cannot sleep", "writer"),
             Line("Please help.", "please help", "writer", True))
    parts = (SpokenPart(Segment("letter", "The Letter", "Dear editors, I cannot sleep. Please help."), "The Letter",
                        lines, 500),)
    records = (SegmentRecord(3500, 1000, (0, 1000, 2000), 3000, -20.0, (), -3.0, "0" * 64),)
    chapters = make_chapters(parts, [r.samples for r in records], 1000)
    book = open_book(chapters, make_cues(parts, records, chapters, Plan("T", "Ana", ())))
    assert paragraphs(book, "chp0.xhtml") == [["Dear editors,", "I cannot sleep."], ["Please help."]]


def test_a_chapter_is_a_section_labelled_by_its_heading_in_the_books_language():
    document = open_book().xml("chp1.xhtml")
    assert (document.get("lang"), document.get(XML_LANG)) == ("en-gb", "en-gb")
    assert document.find("x:head/x:title", NS).text == "The Letter <1>"
    link = document.find("x:head/x:link", NS)
    assert (link.get("rel"), link.get("href")) == ("stylesheet", "book.css")
    [section] = document.iter(f"{X}section")
    heading = section.find("x:h1", NS)
    assert (section.get("id"), section.get(EPUB_TYPE), section.get("role")) == ("sec-chp1", "chapter", "doc-chapter")
    assert section.get("aria-labelledby") == heading.get("id") == "h-chp1"
    assert heading.text == "The Letter <1>"


def test_the_navigation_lists_every_chapter_in_order_and_marks_where_the_text_starts():
    book = open_book()
    navigation = book.xml("nav.xhtml")
    assert navigation.get(XML_LANG) == "en-gb"
    assert navigation.find("x:head/x:title", NS).text == "Letters & <Replies>"
    toc, landmarks = navigation.iter(f"{X}nav")
    assert (toc.get(EPUB_TYPE), toc.get("id"), toc.find("x:h1", NS).text) == ("toc", "toc", "Letters & <Replies>")
    links = [(a.get("href"), a.text) for a in toc.iterfind("x:ol/x:li/x:a", NS)]
    assert links == [(f"{c.element_id}.xhtml", c.title) for c in CHAPTERS]
    assert (landmarks.get(EPUB_TYPE), landmarks.get("hidden")) == ("landmarks", "hidden")
    [start] = landmarks.iterfind("x:ol/x:li/x:a", NS)
    assert (start.get(EPUB_TYPE), start.get("href")) == ("bodymatter", "chp0.xhtml")
    assert landmarks.find("x:h2", NS).text == "Landmarks"


def test_the_documents_hold_no_text_outside_their_headings_sentences_and_links():
    book = open_book()
    structure = {"html", "head", "body", "section", "nav", "ol", "li", "link", "meta"}
    for href in ("nav.xhtml", "chp0.xhtml", "chp1.xhtml", "chp2.xhtml"):
        assert stray_text(book.xml(href), structure) == [], href
    for href in ("chp0.smil", "chp1.smil"):
        assert stray_text(book.xml(href), {"smil", "body", "seq", "par", "text", "audio"}) == [], href


def test_each_overlay_pairs_every_sentence_of_its_chapter_with_its_clip_of_the_audio():
    book = open_book()
    for chapter in CHAPTERS[:2]:
        overlay = book.xml(f"{chapter.element_id}.smil")
        assert (overlay.tag, overlay.get("version")) == (f"{SMIL}smil", "3.0")
        [sequence] = overlay.iterfind("smil:body/smil:seq", NS)
        assert (sequence.get("id"), sequence.get(EPUB_TYPE)) == (f"seq-{chapter.element_id}", "chapter")
        document, _, section = sequence.get(TEXTREF).partition("#")
        assert (document, section) == (f"{chapter.element_id}.xhtml", f"sec-{chapter.element_id}")
        assert section in book.ids(document)
        pairs = []
        for par in sequence.iterfind("smil:par", NS):
            text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
            href, _, sentence = text.get("src").partition("#")
            assert (href, par.get("id")) == (document, f"p-{sentence}")
            assert audio.get("src") == "letters & more.mp3"
            pairs.append((book.ids(href)[sentence].text, round(seconds(audio.get("clipBegin")) * 1000),
                          round(seconds(audio.get("clipEnd")) * 1000)))
        assert pairs == [(c.text, c.start_ms, c.end_ms) for c in CUES if chapter.start_ms <= c.start_ms < chapter.end_ms]


def test_a_sentence_without_audio_of_its_own_is_in_the_text_but_has_no_clip():
    cues = (Cue(0, 500, "Spoken.", "Narrator", True), Cue(500, 500, "Not spoken.", "Narrator"),
            Cue(500, 900, "Spoken too.", "Narrator"))
    book = open_book(CHAPTERS[:1], cues)
    assert [text for _, text in spans(book, "chp0.xhtml")] == ["Spoken.", "Not spoken.", "Spoken too."]
    sources = [t.get("src") for t in book.xml("chp0.smil").iter(f"{SMIL}text")]
    assert sources == ["chp0.xhtml#s1", "chp0.xhtml#s3"]
    assert book.meta("media:duration", "#mo-chp0") == ["0:00:00.900"]


def test_text_is_escaped_and_loses_the_characters_xml_forbids():
    forbidden = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF]))
    written = f"Tab\there & <b>\"quoted\"</b> 'too'{forbidden}."
    book = open_book(CHAPTERS[:1], (Cue(0, 500, written, "Narrator", True),),
                     Plan(f"Title{forbidden} & more", "Ana", ()))
    assert spans(book, "chp0.xhtml") == [("s1", "Tab\there & <b>\"quoted\"</b> 'too'.")]
    assert book.xml("nav.xhtml").find("x:head/x:title", NS).text == "Title & more"
    assert book.opf.find("opf:metadata/dc:title", NS).text == "Title & more"


@pytest.mark.parametrize("ms, clock", [
    (0, "0:00:00.000"), (5, "0:00:00.005"), (999, "0:00:00.999"), (1000, "0:00:01.000"), (59_999, "0:00:59.999"),
    (60_000, "0:01:00.000"), (3_599_999, "0:59:59.999"), (3_600_000, "1:00:00.000"), (3_723_004, "1:02:03.004"),
    (36_000_000, "10:00:00.000"),
])
def test_clock_values_are_smil_full_clock_values_of_the_time(ms, clock):
    assert smil_clock(ms) == clock
    assert round(seconds(clock) * 1000) == ms


@pytest.mark.parametrize("authors, names", [
    ("Orna and Matthew Walters", ["Orna Walters", "Matthew Walters"]),
    ("Ana & Bo Li", ["Ana Li", "Bo Li"]),
    ("Ana,Bo Li", ["Ana Li", "Bo Li"]),
    ("Ana, Bo and Cy Li", ["Ana Li", "Bo Li", "Cy Li"]),
    ("Ana Ruiz and Bo", ["Ana Ruiz", "Bo"]),
    ("Ana Maria Ruiz and Bo Li", ["Ana Maria Ruiz", "Bo Li"]),
    ("Jo and Mary Ann Smith", ["Jo Smith", "Mary Ann Smith"]),
    ("Anderson Cooper", ["Anderson Cooper"]),
    ("Sandy Grand", ["Sandy Grand"]),
    ("Ana Ruiz, , Bo Li", ["Ana Ruiz", "Bo Li"]),
    ("  Ana Ruiz  ", ["Ana Ruiz"]),
    ("Cher", ["Cher"]),
    (" , ", []),
])
def test_authors_become_one_creator_each_sharing_a_family_name_as_the_by_line_does(authors, names):
    assert creators(authors) == names
