"""Publishing a folder of editions as a whole: where the feed goes when no one says, what
is counted, the show's own settings in the feed, and a show page whose links lead to
each edition's pages wherever its folder sits."""

import datetime
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from test_feed_document import edition

from audio_edition.model import Chapter
from audio_edition.publish.publisher import publish_editions

SHOW_TOML = """[show]
title = "Letters"
author = "Ana"
owner_name = "Ana"
owner_email = "a@example.org"
description = "Advice."
language = "en"
category = "History"
base_url = "https://example.org/pod"
"""


def page_links(site) -> list[str]:
    return re.findall(r'<a href="([^"]+)">', (site / "index.html").read_text())


def test_without_a_feed_named_it_goes_beside_the_first_edition_or_into_output(tmp_path, monkeypatch):
    output = tmp_path / "output"
    published = publish_editions([edition(output, "one", "One"), edition(output, "two", "Two")], None, None, None)
    assert (published.feed, published.published, published.episodes, published.removed) == \
        (output / "feed.xml", 2, 2, 0)
    monkeypatch.chdir(tmp_path)
    published = publish_editions([], None, None, None, remove=["one"])
    assert (published.feed, published.published, published.episodes, published.removed) == \
        (output / "feed.xml", 0, 1, 1)
    assert [item.findtext("title") for item in ET.parse(output / "feed.xml").getroot().iter("item")] == ["Two"]


def test_the_shows_own_settings_are_what_the_feed_and_page_say(tmp_path):
    (tmp_path / "show.toml").write_text(SHOW_TOML)
    site = tmp_path / "site"
    publish_editions([edition(site, "one", "One")], tmp_path / "show.toml", None, None)
    channel = ET.parse(site / "feed.xml").getroot().find("channel")
    assert (channel.findtext("title"), channel.findtext("link")) == ("Letters", "https://example.org/pod/")
    assert "<h1>Letters</h1>" in (site / "index.html").read_text()


def test_episodes_are_dated_the_moment_they_are_published_in_utc(tmp_path):
    site = tmp_path / "site"
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    publish_editions([edition(site, "one", "One")], None, None, None)
    text = ET.parse(site / "feed.xml").getroot().find("channel/item").findtext("pubDate")
    assert text.endswith(" +0000")
    assert before <= parsedate_to_datetime(text) <= datetime.datetime.now(datetime.UTC)


def test_the_show_page_links_to_editions_in_nested_folders(tmp_path):
    site = tmp_path / "site"
    nested = edition(site / "season-1", "one", "One")
    publish_editions([nested, edition(site, "two", "Two")], None, None, site / "feed.xml")
    links = page_links(site)
    assert "season-1/one/index.html" in links and "season-1/one/transcript.html" in links
    assert "two/index.html" in links and "two/transcript.html" in links
    for link in links:
        assert (site / link).parent.is_dir(), link


def test_an_edition_without_authors_is_listed_with_its_length_alone(tmp_path):
    site = tmp_path / "site"
    chapters = (Chapter("chp0", "Only", 0, 61_000, "intro"),)
    publish_editions([edition(site, "one", "One", chapters=chapters)], None, None, None)
    page = (site / "index.html").read_text()
    assert "<p>Length: 1:01.</p>" in page and "By " not in page
