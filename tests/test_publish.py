"""The feed, the show page and publishing, checked with feedparser and podcastparser."""

import itertools
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import podcastparser
import pytest
from mutagen.id3 import ID3

from conftest import EXAMPLE, REFERENCE_SLUG, run_cli

# Slow: every test runs the command line on whole articles; tests/unit covers the feed (tests/unit/test_feed.py) fast.
pytestmark = pytest.mark.slow

HOSTILE_TITLE = 'Q&A: "Is <3 Enough?" & Other ]]> Questions'
HOSTILE_SLUG = "q-a-is-3-enough-other-questions"
BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def output(tmp_path_factory, reference):
    """Three editions built with the fake engine, not yet published."""
    out = tmp_path_factory.mktemp("published")
    hostile = out.parent / "hostile.txt"
    hostile.write_text(f"{HOSTILE_TITLE}\n\nBy Sam <Rivera> & Co\n\nA short piece about <3 and ]]> in text.\n")
    for article in (reference, EXAMPLE, hostile):
        result = run_cli("build", str(article), "--out", str(out), "--engine", "fake")
        assert result.returncode == 0, result.stderr
    return out


EDITIONS = [REFERENCE_SLUG, "my-sister-wont-share-the-garden-what-now", HOSTILE_SLUG]


def publish(out, *slugs, feed=None, extra=()):
    args = ["publish", *[str(out / s) for s in slugs], "--base-url", BASE, *extra]
    if feed:
        args += ["--feed", str(feed)]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return (feed or out / "feed.xml")


def test_feed_parses_without_errors_and_lists_every_edition(output, tmp_path):
    feed = publish(output, *EDITIONS, feed=output / f"{tmp_path.name}.xml")
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 3
    assert parsed.feed.title == "Audio Editions"
    for entry in parsed.entries:
        [enclosure] = entry.enclosures
        assert enclosure.type == "audio/mpeg"
        slug = enclosure.href.split("/")[-2]
        assert int(enclosure.length) == (output / slug / f"{slug}.mp3").stat().st_size
        assert enclosure.href.startswith(BASE)


def test_the_channel_carries_what_apple_and_podcasting_2_require(output, tmp_path):
    feed = publish(output, *EDITIONS, feed=output / f"{tmp_path.name}.xml")
    root = ET.parse(feed).getroot()
    channel = root.find("channel")
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": "https://podcastindex.org/namespace/1.0",
          "atom": "http://www.w3.org/2005/Atom"}
    for path in ("title", "description", "language", "itunes:image", "itunes:category", "itunes:explicit",
                 "itunes:author", "itunes:owner/itunes:email", "podcast:guid", "atom:link"):
        assert channel.find(path, ns) is not None, path
    assert channel.find("itunes:explicit", ns).text in ("true", "false")
    item = channel.find("item")
    for path in ("guid", "pubDate", "itunes:duration", "itunes:episodeType", "podcast:chapters"):
        assert item.find(path, ns) is not None, path
    kinds = {t.get("type") for t in item.findall("podcast:transcript", ns)}
    assert kinds == {"text/vtt", "application/x-subrip", "text/html"}


def test_podcast_guid_is_uuid5_of_the_feed_url():
    from audio_edition.publish.feed import podcast_guid

    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_podcastparser_reads_titles_enclosures_durations_and_guids(output, tmp_path):
    feed = publish(output, *EDITIONS, feed=output / f"{tmp_path.name}.xml")
    with open(feed, "rb") as handle:
        parsed = podcastparser.parse(BASE + "feed.xml", handle)
    episodes = {e["title"]: e for e in parsed["episodes"]}
    assert set(episodes) == {"Why Won’t He Let Me In?", "My Sister Won’t Share the Garden. What Now?", HOSTILE_TITLE}
    reference = episodes["Why Won’t He Let Me In?"]
    assert reference["total_time"] > 500
    assert reference["guid"].startswith("urn:uuid:")
    assert reference["enclosures"][0]["file_size"] == (output / REFERENCE_SLUG / f"{REFERENCE_SLUG}.mp3").stat().st_size


def test_republishing_keeps_guid_and_date_and_adds_no_duplicate(output, tmp_path):
    feed = output / f"{tmp_path.name}.xml"
    publish(output, *EDITIONS, feed=feed)
    first = {e.title: (e.id, e.published) for e in feedparser.parse(feed.read_bytes()).entries}
    publish(output, REFERENCE_SLUG, feed=feed)
    again = feedparser.parse(feed.read_bytes()).entries
    assert len(again) == 3
    assert {e.title: (e.id, e.published) for e in again} == first


@pytest.mark.parametrize("order", list(itertools.permutations(EDITIONS)))
def test_three_editions_published_in_any_order_are_all_listed(output, tmp_path, order):
    feed = output / f"{tmp_path.name}.xml"
    for slug in order:
        publish(output, slug, feed=feed)
    entries = feedparser.parse(feed.read_bytes()).entries
    assert sorted(e.enclosures[0].href.split("/")[-2] for e in entries) == sorted(EDITIONS)


def test_concurrent_publishes_both_land(output, tmp_path):
    feed = output / f"{tmp_path.name}.xml"
    processes = [
        subprocess.Popen([sys.executable, "-m", "audio_edition", "publish", str(output / slug), "--base-url", BASE,
                          "--feed", str(feed)], stderr=subprocess.PIPE)
        for slug in EDITIONS
    ]
    assert all(p.wait(120) == 0 for p in processes)
    assert len(feedparser.parse(feed.read_bytes()).entries) == 3


def test_hostile_title_reads_back_exactly_in_feed_page_and_tags(output, tmp_path):
    feed = publish(output, *EDITIONS, feed=output / f"{tmp_path.name}.xml")
    titles = [e.title for e in feedparser.parse(feed.read_bytes()).entries]
    assert HOSTILE_TITLE in titles
    assert ET.parse(feed).getroot().find("channel/item[title]") is not None
    assert str(ID3(output / HOSTILE_SLUG / f"{HOSTILE_SLUG}.mp3")["TIT2"]) == HOSTILE_TITLE

    class H1(HTMLParser):
        text, inside = "", False

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "h1"

        def handle_endtag(self, tag):
            self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.text += data

    page = H1()
    page.feed((output / HOSTILE_SLUG / "index.html").read_text())
    assert page.text == HOSTILE_TITLE
    assert "<3" not in (output / HOSTILE_SLUG / "index.html").read_text()


def test_show_page_lists_the_episodes(output, tmp_path):
    publish(output, *EDITIONS)
    page = (output / "index.html").read_text()
    for slug in EDITIONS:
        assert f'href="{slug}/index.html"' in page
    assert 'href="feed.xml"' in page


def test_a_show_file_missing_settings_is_named(output, tmp_path):
    show = tmp_path / "show.toml"
    show.write_text('title = "Letters"\nauthor = "Us"\nbase_url = "https://example.org/"\n')
    result = run_cli("publish", str(output / REFERENCE_SLUG), "--settings", str(show), "--feed", str(tmp_path / "f.xml"))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Error: {show}: missing required settings: owner_name, owner_email, "
                                     "description, category")


def test_a_show_file_sets_the_channel(output, tmp_path):
    show = tmp_path / "show.toml"
    show.write_text(
        '[show]\ntitle = "Letters & Replies"\nauthor = "Orna and Matthew Walters"\nowner_name = "Orna"\n'
        'owner_email = "orna@example.org"\ndescription = "Advice, read aloud."\nlanguage = "en-us"\n'
        'category = "Health & Fitness"\nexplicit = false\nbase_url = "https://example.org/pod"\n')
    feed = output / f"{tmp_path.name}.xml"
    result = run_cli("publish", str(output / REFERENCE_SLUG), "--settings", str(show), "--feed", str(feed))
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse(feed.read_bytes())
    assert parsed.feed.title == "Letters & Replies" and parsed.feed.language == "en-us"
    assert parsed.entries[0].enclosures[0].href.startswith("https://example.org/pod/")


def _two_published_editions(tmp_path):
    out = tmp_path / "out"
    for name, title in (("a.txt", "First Letter"), ("b.txt", "Second Letter")):
        (tmp_path / name).write_text(f"{title}\n\nBy A. Writer\n\nA short letter about {name}.\n")
        assert run_cli("build", str(tmp_path / name), "--out", str(out), "--engine", "fake").returncode == 0
    publish(out, "first-letter", "second-letter")
    return out


def _enclosures(out):
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    return {e.title: (int(e.enclosures[0].length), e.itunes_duration) for e in parsed.entries}


def test_every_publish_refreshes_every_episode_from_its_edition(tmp_path):
    out = _two_published_editions(tmp_path)
    (tmp_path / "a.txt").write_text("First Letter\n\nBy A. Writer\n\nA longer letter now, " + "word " * 300 + ".\n")
    assert run_cli("build", str(tmp_path / "a.txt"), "--out", str(out), "--engine", "fake").returncode == 0
    publish(out, "second-letter")
    manifest = json.loads((out / "first-letter" / "edition.json").read_text())
    length, duration = _enclosures(out)["First Letter"]
    assert length == (out / "first-letter" / "first-letter.mp3").stat().st_size
    assert int(duration) == round(manifest["duration_ms"] / 1000)


def test_an_edition_whose_audio_disagrees_with_its_manifest_stops_the_publish(tmp_path):
    out = _two_published_editions(tmp_path)
    before = (out / "feed.xml").read_bytes()
    with open(out / "first-letter" / "first-letter.mp3", "ab") as mp3:  # a build's new audio, manifest not yet
        mp3.write(b"\xff" * 1000)
    result = run_cli("publish", str(out / "second-letter"), "--base-url", BASE)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {out / 'first-letter' / 'first-letter.mp3'}: does not match")
    assert (out / "feed.xml").read_bytes() == before


def test_a_deleted_edition_is_reported_and_remove_takes_it_out(tmp_path):
    import shutil

    out = _two_published_editions(tmp_path)
    shutil.rmtree(out / "first-letter")
    result = run_cli("publish", str(out / "second-letter"), "--base-url", BASE)
    assert result.returncode == 1
    assert "'First Letter' has no edition" in result.stderr and "--remove first-letter" in result.stderr
    removed = run_cli("publish", "--remove", "first-letter", "--feed", str(out / "feed.xml"), "--base-url", BASE)
    assert removed.returncode == 0, removed.stderr
    assert set(_enclosures(out)) == {"Second Letter"}
    page = (out / "index.html").read_text()
    assert "first-letter" not in page and "second-letter" in page
    unknown = run_cli("publish", "--remove", "first-letter", "--feed", str(out / "feed.xml"), "--base-url", BASE)
    assert unknown.returncode == 1 and "no episode 'first-letter' to remove" in unknown.stderr
