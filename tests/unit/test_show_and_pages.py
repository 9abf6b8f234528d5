"""The show's settings, publishing a folder of editions (feed, show cover, show page),
cover art, and the HTML pages, called directly."""

import io
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from audio_edition.errors import CoverError, ShowError
from audio_edition.model import Chapter, Cue, Plan
from audio_edition.package.cover import SIZE, draw_cover, load_cover
from audio_edition.package.html import render_player, render_show_page, render_transcript_html
from audio_edition.publish.publisher import publish_editions
from audio_edition.publish.show import DEFAULT_SHOW, load_show
from test_feed import make_edition

FULL = {"title": "Letters", "author": "Ana", "owner_name": "Ana", "owner_email": "a@example.org",
        "description": "Advice.", "language": "en-gb", "category": "Health & Fitness",
        "base_url": "https://example.org/pod"}


def show_file(tmp_path, settings, section=True):
    lines = [f"{key} = {value!r}".replace("'", '"') if not isinstance(value, bool) else
             f"{key} = {str(value).lower()}" for key, value in settings.items()]
    path = tmp_path / "show.toml"
    path.write_text(("[show]\n" if section else "") + "\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("section", [True, False])
def test_a_show_file_sets_every_field_and_the_base_url_ends_with_one_slash(tmp_path, section):
    show, folder = load_show(show_file(tmp_path, {**FULL, "explicit": True, "cover": "art.png"}, section))
    assert (show.title, show.language, show.category, show.explicit, show.cover) == \
        ("Letters", "en-gb", "Health & Fitness", True, "art.png")
    assert show.base_url == "https://example.org/pod/" and folder == tmp_path


def test_the_default_show_needs_no_file_and_a_base_url_overrides(tmp_path):
    show, folder = load_show(None)
    assert show == DEFAULT_SHOW and folder is None
    assert load_show(None, "https://x.org//")[0].base_url == "https://x.org/"
    assert load_show(show_file(tmp_path, FULL), "http://other.org")[0].base_url == "http://other.org/"


def test_missing_settings_are_named_in_order(tmp_path):
    path = show_file(tmp_path, {"title": "T", "author": " ", "base_url": "https://x.org"})
    with pytest.raises(ShowError) as error:
        load_show(path)
    assert str(error.value) == (f"{path}: missing required settings: author, owner_name, owner_email, "
                                "description, category")


@pytest.mark.parametrize("settings, message", [
    ({**FULL, "base_url": "ftp://x.org/"}, "base_url must be an http:// or https:// address"),
    ({**FULL, "colour": "red", "accent": "blue"}, "unknown settings: accent, colour"),
    ({**FULL, "explicit": "yes"}, "explicit must be true or false"),
])
def test_bad_settings_are_refused_saying_why(tmp_path, settings, message):
    with pytest.raises(ShowError, match=message):
        load_show(show_file(tmp_path, settings))


def test_an_unreadable_or_invalid_show_file_is_refused(tmp_path):
    with pytest.raises(ShowError, match="cannot be read"):
        load_show(tmp_path / "none.toml")
    (tmp_path / "bad.toml").write_text("title = ")
    with pytest.raises(ShowError, match="is not valid TOML"):
        load_show(tmp_path / "bad.toml")
    (tmp_path / "latin.toml").write_bytes(b'title = "caf\xe9"')
    with pytest.raises(ShowError, match="is not valid TOML"):
        load_show(tmp_path / "latin.toml")


def test_numbers_in_a_show_file_become_text(tmp_path):
    show, _ = load_show(show_file(tmp_path, {**FULL, "title": 42}))
    assert show.title == "42"


def test_publishing_writes_feed_show_cover_and_show_page(tmp_path):
    site = tmp_path / "site"
    make_edition(site, "one", "First & <Best>")
    make_edition(site, "two", "Second")
    published = publish_editions([site / "one", site / "two"], None, "https://example.org/pod", None)
    assert published.feed == (site / "feed.xml").resolve()
    assert (published.published, published.episodes) == (2, 2)
    channel = ET.parse(site / "feed.xml").getroot().find("channel")
    image = channel.find("{http://www.itunes.com/dtds/podcast-1.0.dtd}image").get("href")
    assert image == "https://example.org/pod/show-cover.png"
    assert (site / "show-cover.png").read_bytes() == draw_cover(DEFAULT_SHOW.title, DEFAULT_SHOW.author)
    page = (site / "index.html").read_text()
    assert '<h3><a href="one/index.html">First &amp; &lt;Best&gt;</a></h3>\n<p>By Ana Ruiz. Length: 1:02:05.</p>' in page
    assert '<a href="two/index.html">Second</a>' in page and 'href="feed.xml"' in page


def test_the_show_cover_is_rewritten_only_when_it_changes(tmp_path):
    site = tmp_path / "site"
    make_edition(site, "one", "One")
    publish_editions([site / "one"], None, None, None)
    cover = site / "show-cover.png"
    cover.touch()
    before = cover.stat().st_mtime_ns
    publish_editions([site / "one"], None, None, None)
    assert cover.stat().st_mtime_ns == before
    cover.write_bytes(b"old art")
    publish_editions([site / "one"], None, None, None)
    assert cover.read_bytes() == draw_cover(DEFAULT_SHOW.title, DEFAULT_SHOW.author)


def test_a_shows_own_cover_is_read_beside_its_file(tmp_path):
    site = tmp_path / "site"
    make_edition(site, "one", "One")
    Image.new("RGB", (1400, 1400), (1, 2, 3)).save(tmp_path / "art.jpg", format="JPEG")
    publish_editions([site / "one"], show_file(tmp_path, {**FULL, "cover": "art.jpg"}), None, None)
    assert (site / "show-cover.jpg").read_bytes() == (tmp_path / "art.jpg").read_bytes()


def test_an_edition_outside_the_feeds_folder_is_refused(tmp_path):
    make_edition(tmp_path / "elsewhere", "one", "One")
    with pytest.raises(Exception, match="is not inside"):
        publish_editions([tmp_path / "elsewhere" / "one"], None, None, tmp_path / "site" / "feed.xml")
    assert not (tmp_path / "site" / "feed.xml").exists()


def test_a_drawn_cover_is_a_square_png_whose_colours_follow_the_show():
    art = draw_cover("A Title Long Enough To Wrap Over Several Lines Of The Cover", "A")
    with Image.open(io.BytesIO(art)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (SIZE, SIZE), "RGB")
        background = image.getpixel((0, 0))
        assert len(image.getcolors(maxcolors=100_000)) > 2, "text is drawn on the background"
    assert draw_cover("Other", "A") != art
    with Image.open(io.BytesIO(draw_cover("Other", "B"))) as other_show:
        assert other_show.getpixel((0, 0)) != background


def image_file(tmp_path, size, kind="PNG", mode="RGB"):
    path = tmp_path / f"art.{kind.lower()}"
    Image.new(mode, size).save(path, format=kind)
    return path


@pytest.mark.parametrize("size, kind, mode, extension", [
    ((1400, 1400), "PNG", "RGB", ".png"), ((3000, 3000), "JPEG", "RGB", ".jpg"), ((1400, 1400), "PNG", "RGBA", ".png"),
    ((1500, 1500), "PNG", "P", ".png"), ((1500, 1500), "JPEG", "L", ".jpg"),
])
def test_a_cover_that_fits_is_read_as_it_is(tmp_path, size, kind, mode, extension):
    path = image_file(tmp_path, size, kind, mode)
    assert load_cover(path) == (path.read_bytes(), extension)


@pytest.mark.parametrize("size, kind, mode, message", [
    ((1400, 1399), "PNG", "RGB", "is 1400x1399; a cover must be square"),
    ((1399, 1399), "PNG", "RGB", "is 1399 px; a cover must be 1400 to 3000 px"),
    ((3001, 3001), "PNG", "RGB", "is 3001 px; a cover must be 1400 to 3000 px"),
    ((1400, 1400), "GIF", "P", "is GIF; a cover must be PNG or JPEG"),
    ((1400, 1400), "JPEG", "CMYK", "uses colour mode CMYK; a cover must be RGB"),
])
def test_a_cover_that_does_not_fit_is_refused_saying_why(tmp_path, size, kind, mode, message):
    path = image_file(tmp_path, size, kind, mode)
    with pytest.raises(CoverError) as error:
        load_cover(path)
    assert str(error.value) == f"{path}: {message}"


def test_a_cover_that_is_not_an_image_or_not_there_is_refused(tmp_path):
    (tmp_path / "a.png").write_text("not an image")
    with pytest.raises(CoverError, match="is not an image"):
        load_cover(tmp_path / "a.png")
    with pytest.raises(CoverError, match="cannot be read as an image"):
        load_cover(tmp_path / "none.png")


PLAN = Plan("Title <&>", "Ana", ())
CHAPTERS = (Chapter("chp0", "Opening", 0, 2000, "intro"), Chapter("chp1", "The Letter", 2000, 65_000, "letter"))
CUES = (Cue(0, 1000, "Hello <b>.", "Narrator"), Cue(1000, 2000, "Welcome.", "Narrator"),
        Cue(2000, 9000, "Dear editors.", "Sam"))


def test_the_transcript_page_puts_each_cue_under_its_chapter():
    page = render_transcript_html(PLAN, CHAPTERS, CUES, "en-gb")
    opening, letter = page.split('<h2 id="chp0">')[1].split('<h2 id="chp1">')
    assert "Hello &lt;b&gt;." in opening and "Welcome." in opening and "Dear editors." not in opening
    assert "Dear editors." in letter and '<span class="speaker">Sam:</span>' in letter
    assert '<span class="time">1:05</span>' not in page and '<span class="time">0:02</span>' in letter
    assert 'lang="en-gb"' in page and "Title &lt;&amp;&gt;" in page and "<b>" not in page


def test_the_player_page_links_the_audio_captions_and_cover():
    page = render_player(PLAN, CHAPTERS, CUES, {"audio": "a.mp3", "captions": "a.vtt", "cover": "cover.jpg"},
                         "Show <1>", "en")
    for expected in ('src="a.mp3"', 'src="a.vtt"', 'src="cover.jpg"', "Show &lt;1&gt;", "The Letter"):
        assert expected in page
    assert "autoplay" not in page


def test_the_show_page_lists_episodes_with_authors_only_when_known():
    show = load_show(None)[0]
    page = render_show_page(show, [{"title": "A", "authors": "", "slug": "a", "length": "1:00"},
                                   {"title": "B", "authors": "Bo", "slug": "b", "length": "2:00"}], "f.xml")
    first, second = page.split('<h3><a href="a/index.html">A</a></h3>')[1].split('<h3><a href="b/index.html">B</a></h3>')
    assert "<p>Length: 1:00.</p>" in first and "By" not in first
    assert "<p>By Bo. Length: 2:00.</p>" in second
    assert Path("f.xml").name in page


def test_a_cover_is_drawn_for_an_empty_title_too():
    with Image.open(io.BytesIO(draw_cover("", "Show"))) as image:
        assert image.size == (SIZE, SIZE)


def test_the_player_transcript_names_the_speaker_only_when_the_speaker_changes():
    cues = (*CUES, Cue(9000, 9500, "Yours, Sam.", "Sam"), Cue(9500, 9900, "Thanks.", "Narrator"))
    page = render_player(PLAN, CHAPTERS, cues, {"audio": "a.mp3", "captions": "a.vtt", "cover": "c.png",
                                                "transcript": "t.html", "epub": ""}, "Show", "en")
    transcript = page.split('id="transcript-box"')[1]
    assert re.findall(r'<span class="speaker">([^<]*)</span>', transcript) == ["Narrator:", "Sam:", "Narrator:"]
    assert transcript.count('class="sentence"') == len(cues)


def test_the_player_links_the_epub_only_when_there_is_one():
    files = {"audio": "a.mp3", "captions": "a.vtt", "cover": "c.png", "transcript": "t.html"}
    without = render_player(PLAN, CHAPTERS, CUES, {**files, "epub": ""}, "Show", "en")
    with_book = render_player(PLAN, CHAPTERS, CUES, {**files, "epub": "a.epub"}, "Show", "en")
    assert ".epub" not in without and 'href="a.epub"' in with_book
    assert 'href="t.html"' in without


def test_with_no_edition_and_no_feed_named_the_feed_goes_beside_builds_default_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    published = publish_editions([], None, None, None)
    assert published.feed == (tmp_path / "output" / "feed.xml").resolve()
    assert (published.published, published.episodes, published.removed) == (0, 0, 0)
    assert (tmp_path / "output" / "index.html").exists()


def test_taking_an_episode_out_is_counted(tmp_path):
    site = tmp_path / "site"
    make_edition(site, "one", "One")
    make_edition(site, "two", "Two")
    publish_editions([site / "one", site / "two"], None, None, None)
    published = publish_editions([], None, None, site / "feed.xml", remove=["one"])
    assert (published.published, published.episodes, published.removed) == (0, 1, 1)
    assert 'href="one/index.html"' not in (site / "index.html").read_text()


def test_the_pages_templates_are_compiled_once_and_kept_for_later_builds(tmp_path, monkeypatch):
    """A later build loads the templates the first one compiled: Jinja2's bytecode
    cache, checked against each template's source."""
    import jinja2

    from audio_edition.package import html

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # Jinja2 keeps them under the temporary folder
    html.environment.cache_clear()
    first = render_transcript_html(PLAN, CHAPTERS, CUES, "en-gb")
    assert len(list(tmp_path.glob("_jinja2-cache-*/__jinja2_*.cache"))) == 2  # the page and its base

    def compile_again(*args, **kwargs):
        raise AssertionError("a template was compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", compile_again)
    html.environment.cache_clear()
    try:
        assert render_transcript_html(PLAN, CHAPTERS, CUES, "en-gb") == first
    finally:
        html.environment.cache_clear()
