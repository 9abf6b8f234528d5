"""The talking book (EPUB 3 with Media Overlays): valid by EPUBCheck, and every overlay
clip inside the audio, in order, pointing at a sentence that exists."""

import json
import subprocess
from pathlib import Path

import pytest

from audio_edition import engines
from conftest import EXAMPLE, REFERENCE_SLUG, ROOT, run_cli
from epub_reading import TEXTREF, Book, audio_seconds, overlay_pars, seconds

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
ARTICLES = [ROOT / "tests" / "articles" / name for name in ("borrowing.html", "reunion.md", "rain-essay.txt")]


@pytest.fixture(scope="module")
def books(tmp_path_factory, reference) -> list[Path]:
    """The reference article's talking book and those of a few test articles, built in one batch."""
    out = tmp_path_factory.mktemp("epub")
    result = run_cli("build", str(reference), *map(str, ARTICLES), str(EXAMPLE), "--out", str(out),
                     "--engine", "fake", "--format", "epub")
    assert result.returncode == 0, result.stderr
    found = sorted(out.glob("*/*.epub"))
    assert len(found) == len(ARTICLES) + 2
    return sorted(found, key=lambda p: p.stem != REFERENCE_SLUG)  # the reference first


@pytest.mark.slow
@pytest.mark.skipif(not EPUBCHECK_JAR.is_file(), reason="epubcheck is not installed")
def test_epubcheck_finds_no_error_and_no_warning(books):
    # EPUBCheck's wrapper script needs binfmt support; its jar runs anywhere Java does.
    # The books are checked side by side: the JVM's start is most of each check's time.
    checks = [subprocess.Popen(["java", "-jar", str(EPUBCHECK_JAR), str(book)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True) for book in books]
    for book, check in zip(books, checks):
        output = check.communicate(timeout=300)[0]
        assert "Messages: 0 fatals / 0 errors / 0 warnings" in output, f"{book.name}:\n{output}"
        assert check.returncode == 0


def check_overlays(path: Path, tmp_path: Path) -> None:
    """Every clip inside the audio (as ffprobe measures it), in reading order, and every
    text reference resolving to an element of the document it names."""
    book = Book(path)
    audio_items = [i for i in book.items.values() if i.get("media-type") == "audio/mpeg"]
    assert len(audio_items) == 1, path.name
    length = audio_seconds(book.zip.read(book.path(audio_items[0].get("href"))), tmp_path)
    pars = overlay_pars(book)
    assert pars, path.name
    previous_end = 0.0
    for document, text, audio in pars:
        begin, end = seconds(audio.get("clipBegin")), seconds(audio.get("clipEnd"))
        assert previous_end <= begin < end <= length + 0.001, (path.name, text.get("src"))
        previous_end = end
        assert audio.get("src") == audio_items[0].get("href")
        href, _, fragment = text.get("src").partition("#")
        assert href == document and fragment in book.ids(href), (path.name, text.get("src"))
    for seq in book.iter_overlays():
        href, _, fragment = seq.get(TEXTREF).partition("#")
        assert fragment in book.ids(href), (path.name, seq.get(TEXTREF))


@pytest.mark.slow
def test_every_clip_lies_inside_the_audio_in_order_and_every_reference_resolves(books, tmp_path):
    for path in books:
        check_overlays(path, tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(engines.unavailable("pyttsx3") is not None, reason="pyttsx3 cannot run here")
def test_the_real_voice_s_talking_book_holds_together_too(tmp_path, reference):
    """Under pyttsx3 the sentence times come from espeak-ng's report, not an estimate."""
    result = run_cli("build", str(reference), "--out", str(tmp_path), "--format", "epub", "--quiet",
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    check_overlays(tmp_path / REFERENCE_SLUG / f"{REFERENCE_SLUG}.epub", tmp_path)


@pytest.mark.slow  # builds whole editions: the unit tests cover its parts
def test_epub_alone_is_asked_for_and_the_mp3_still_made(tmp_path):
    result = run_cli("build", str(EXAMPLE), "--out", str(tmp_path), "--engine", "fake", "--format", "epub",
                     "--quiet")
    assert result.returncode == 0, result.stderr
    folder = next(tmp_path.iterdir())
    assert {p.suffix for p in folder.iterdir()} >= {".mp3", ".epub"}
    assert not list(folder.glob("*.m4b"))
    manifest = json.loads((folder / "edition.json").read_text())
    assert f"{folder.name}.epub" in manifest["files"]


def test_an_unknown_format_is_refused_with_the_choices():
    result = run_cli("build", str(EXAMPLE), "--engine", "fake", "--format", "mp3,pdf")
    assert result.returncode == 2
    assert "choose from mp3, m4b, epub" in result.stderr
