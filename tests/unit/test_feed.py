"""The feed, made by calling `publish` on small edition folders: dates, order, lengths, guids."""

import datetime
import email.utils
import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from audio_edition.errors import AudioEditionError, OutputError
from audio_edition.model import Chapter, Plan
from audio_edition.package.manifest import file_entry, render_manifest
from audio_edition.publish.feed import (
    ITUNES, PODCAST, episode_guid, podcast_guid, publish, read_episode, render_feed,
)
from audio_edition.publish.show import DEFAULT_SHOW

SHOW = replace(DEFAULT_SHOW, base_url="https://example.org/pod/")
UTC = datetime.timezone.utc
MONDAY = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def make_edition(root, slug, title, audio_bytes=1000, summary="", files=()):
    """An edition folder as a build leaves it, as far as the feed reads it."""
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / f"{slug}.mp3").write_bytes(b"\xff" * audio_bytes)
    for name in files:
        (folder / name).write_text(name)
    chapters = [Chapter("chp0", "Opening & <intro>", 0, 65_000, "intro"),
                Chapter("chp1", "The Letter", 65_000, 3_725_400, "letter")]
    entries = {name: file_entry(folder / name) for name in (f"{slug}.mp3", *files)}
    manifest = render_manifest(Plan(title, "Ana Ruiz", ()), chapters, entries, {}, {}, "key",
                               {"summary": summary, "date": "2026-11-02", "show": SHOW.title, "language": "en"})
    (folder / "edition.json").write_text(manifest, "utf-8")
    return folder


def reseal(folder):
    manifest = json.loads((folder / "edition.json").read_text())
    manifest["files"] = {name: file_entry(folder / name) for name in manifest["files"]}
    (folder / "edition.json").write_text(json.dumps(manifest))


def items(data: bytes) -> list[ET.Element]:
    return ET.fromstring(data).find("channel").findall("item")


def dates(data: bytes) -> list[datetime.datetime]:
    return [email.utils.parsedate_to_datetime(item.findtext("pubDate")) for item in items(data)]


def test_pubdate_is_rfc_2822_and_the_moment_of_publishing(tmp_path):
    data = publish([make_edition(tmp_path, "one", "One")], SHOW, tmp_path / "feed.xml", "cover.png", MONDAY)
    [text] = [item.findtext("pubDate") for item in items(data)]
    # RFC 2822: "Mon, 02 Nov 2026 09:30:00 +0000"; ISO 8601 ("2026-11-02T09:30:00+00:00") fails here.
    assert text == "Mon, 02 Nov 2026 09:30:00 +0000"
    assert email.utils.parsedate_to_datetime(text) == MONDAY


def test_items_are_newest_first_whatever_the_publishing_order(tmp_path):
    feed = tmp_path / "feed.xml"
    days = {"b": 3, "a": 1, "c": 2}
    for slug, day in days.items():
        publish([make_edition(tmp_path, slug, slug.upper())], SHOW, feed, "c.png",
                MONDAY + datetime.timedelta(days=day))
    data = feed.read_bytes()
    assert [item.findtext("title") for item in items(data)] == ["B", "C", "A"]
    assert dates(data) == sorted(dates(data), reverse=True)


def test_newest_first_holds_across_months_and_years(tmp_path):
    feed = tmp_path / "feed.xml"
    moments = [datetime.datetime(2025, 12, 31, 23, 0, tzinfo=UTC), datetime.datetime(2026, 2, 1, tzinfo=UTC),
               datetime.datetime(2026, 1, 15, tzinfo=UTC)]
    for index, moment in enumerate(moments):
        publish([make_edition(tmp_path, f"e{index}", f"E{index}")], SHOW, feed, "c.png", moment)
    assert [item.findtext("title") for item in items(feed.read_bytes())] == ["E1", "E2", "E0"]


def test_republishing_keeps_the_first_date_and_the_guid_and_adds_no_duplicate(tmp_path):
    feed = tmp_path / "feed.xml"
    episode = make_edition(tmp_path, "one", "One")
    first = publish([episode], SHOW, feed, "c.png", MONDAY)
    again = publish([episode], SHOW, feed, "c.png", MONDAY + datetime.timedelta(days=9))
    assert [(i.findtext("guid"), i.findtext("pubDate")) for i in items(again)] == \
        [(i.findtext("guid"), i.findtext("pubDate")) for i in items(first)]


def test_other_episodes_are_kept_and_a_republished_one_is_updated(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([make_edition(tmp_path, "one", "One"), make_edition(tmp_path, "two", "Two")], SHOW, feed, "c.png", MONDAY)
    (tmp_path / "one" / "one.mp3").write_bytes(b"\xff" * 5000)
    reseal(tmp_path / "one")
    data = publish([tmp_path / "one"], SHOW, feed, "c.png", MONDAY)
    lengths = {i.findtext("title"): i.find("enclosure").get("length") for i in items(data)}
    assert lengths == {"One": "5000", "Two": "1000"}


def test_enclosure_length_type_url_and_duration(tmp_path):
    data = publish([make_edition(tmp_path, "my edition", "One", audio_bytes=12345)], SHOW, tmp_path / "feed.xml",
                   "c.png", MONDAY)
    [item] = items(data)
    enclosure = item.find("enclosure")
    assert enclosure.attrib == {"url": "https://example.org/pod/my%20edition/my%20edition.mp3",
                                "length": "12345", "type": "audio/mpeg"}
    assert item.findtext(f"{{{ITUNES}}}duration") == "3725"  # 3,725.4 s rounded
    assert item.findtext("link") == "https://example.org/pod/my%20edition/index.html"


def test_guids_are_stable_distinct_and_not_permalinks(tmp_path):
    data = publish([make_edition(tmp_path, "one", "Same"), make_edition(tmp_path, "two", "Same")], SHOW,
                   tmp_path / "feed.xml", "c.png", MONDAY)
    guids = [item.find("guid") for item in items(data)]
    assert {g.text for g in guids} == {episode_guid("one"), episode_guid("two")}
    assert all(g.get("isPermaLink") == "false" for g in guids)
    assert episode_guid("one") == episode_guid("one") != episode_guid("one-2")
    assert episode_guid("one").startswith("urn:uuid:")


def test_the_podcast_guid_ignores_scheme_and_trailing_slash():
    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("http://podnews.net/rss/") == podcast_guid("https://podnews.net/rss")
    assert podcast_guid("https://podnews.net/rss2") != podcast_guid("https://podnews.net/rss")


def test_the_channel_names_its_own_url_and_guid(tmp_path):
    feed = tmp_path / "shows" / "feed.xml"
    data = publish([], SHOW, feed, "https://example.org/pod/cover.png", MONDAY)
    channel = ET.fromstring(data).find("channel")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == "https://example.org/pod/feed.xml" and self_link.get("rel") == "self"
    assert channel.findtext(f"{{{PODCAST}}}guid") == podcast_guid("https://example.org/pod/feed.xml")
    assert channel.find(f"{{{ITUNES}}}image").get("href") == "https://example.org/pod/cover.png"
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert feed.read_bytes() == data


def test_description_lists_the_chapters_with_escaped_text(tmp_path):
    data = publish([make_edition(tmp_path, "one", "One", summary="Love <3 & tea")], SHOW, tmp_path / "f.xml",
                   "c.png", MONDAY)
    description = items(data)[0].findtext("description")
    assert description == ("<p>Love &lt;3 &amp; tea</p><p>Chapters:</p><ol><li>0:00 Opening &amp; &lt;intro&gt;</li>"
                           "<li>1:05 The Letter</li></ol>")


def test_transcripts_and_chapters_are_linked_when_present(tmp_path):
    episode = make_edition(tmp_path, "one", "One", files=("one.vtt", "transcript.html", "cover.jpg"))
    [item] = items(publish([episode], SHOW, tmp_path / "f.xml", "c.png", MONDAY))
    transcripts = {t.get("type"): t.attrib for t in item.findall(f"{{{PODCAST}}}transcript")}
    assert set(transcripts) == {"text/vtt", "text/html"}
    assert transcripts["text/vtt"]["rel"] == "captions" and "rel" not in transcripts["text/html"]
    assert transcripts["text/vtt"]["url"] == "https://example.org/pod/one/one.vtt"
    assert item.find(f"{{{ITUNES}}}image").get("href") == "https://example.org/pod/one/cover.jpg"
    assert item.find(f"{{{PODCAST}}}chapters").get("url") == "https://example.org/pod/one/chapters.json"


def test_a_folder_that_is_not_an_edition_is_refused(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(AudioEditionError, match="is not an edition"):
        read_episode(tmp_path / "x")
    (tmp_path / "x" / "edition.json").write_text(json.dumps({"title": "X"}))
    with pytest.raises(AudioEditionError):
        read_episode(tmp_path / "x")


def test_an_edition_whose_audio_is_not_the_one_its_manifest_names_is_refused(tmp_path):
    folder = make_edition(tmp_path, "one", "One")
    (folder / "one.mp3").write_bytes(b"\xfe" * 1000)  # same length, other bytes
    with pytest.raises(AudioEditionError, match="does not match"):
        publish([folder], SHOW, tmp_path / "feed.xml", "c.png", MONDAY)
    assert not (tmp_path / "feed.xml").exists()


def test_a_damaged_existing_feed_is_an_error_and_is_left_as_it_was(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(b"<rss><channel><item>")
    with pytest.raises(OutputError, match="not valid XML"):
        publish([make_edition(tmp_path, "one", "One")], SHOW, feed, "c.png", MONDAY)
    assert feed.read_bytes() == b"<rss><channel><item>"


def test_control_characters_are_dropped_from_text():
    data = render_feed(replace(SHOW, title="A\x00B\x1fC\tD"), "https://example.org/pod/feed.xml", "c.png", [])
    assert ET.fromstring(data).find("channel").findtext("title") == "ABC\tD"


def channel_of(data: bytes) -> ET.Element:
    return ET.fromstring(data).find("channel")


def test_the_channel_carries_the_shows_settings():
    show = replace(SHOW, title="Letters", description="d" * 4100, language="en-gb", author="Ana", owner_name="Bo",
                   owner_email="bo@example.org", category="Health", explicit=True, link="https://example.org/")
    data = render_feed(show, "https://example.org/pod/feed.xml", "https://example.org/pod/c.png", [])
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<rss") and data.endswith(b"</rss>\n")
    channel = channel_of(data)
    text = {child.tag: child.text for child in channel}
    assert (text["title"], text["link"], text["language"]) == ("Letters", "https://example.org/", "en-gb")
    assert text["description"] == "d" * 4000
    assert text[f"{{{ITUNES}}}author"] == "Ana" and text[f"{{{ITUNES}}}explicit"] == "true"
    assert text[f"{{{ITUNES}}}type"] == "episodic" and text[f"{{{PODCAST}}}locked"] == "no"
    assert channel.findtext(f"{{{ITUNES}}}owner/{{{ITUNES}}}name") == "Bo"
    assert channel.findtext(f"{{{ITUNES}}}owner/{{{ITUNES}}}email") == "bo@example.org"
    assert channel.find(f"{{{ITUNES}}}category").get("text") == "Health"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("type") == "application/rss+xml"
    assert channel_of(render_feed(SHOW, "u", "c", [])).findtext("link") == SHOW.base_url


def test_an_item_says_it_is_a_full_episode_with_the_shows_explicit_flag(tmp_path):
    [item] = items(publish([make_edition(tmp_path, "one", "One")], replace(SHOW, explicit=True),
                           tmp_path / "feed.xml", "c.png", MONDAY))
    assert item.findtext(f"{{{ITUNES}}}episodeType") == "full"
    assert item.findtext(f"{{{ITUNES}}}explicit") == "true"
    assert item.findtext(f"{{{ITUNES}}}author") == "Ana Ruiz"
    assert item.find(f"{{{PODCAST}}}chapters").get("type") == "application/json+chapters"
    assert item.find(f"{{{ITUNES}}}image") is None  # no cover among the edition's files


def test_an_episode_is_taken_out_by_slug_and_an_unknown_slug_is_an_error(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([make_edition(tmp_path, "one", "One"), make_edition(tmp_path, "two", "Two")], SHOW, feed, "c.png", MONDAY)
    data = publish([], SHOW, feed, "c.png", MONDAY, remove=["one"])
    assert [item.findtext("title") for item in items(data)] == ["Two"]
    with pytest.raises(AudioEditionError, match="has no episode 'one', 'gone' to remove"):
        publish([], SHOW, feed, "c.png", MONDAY, remove=["one", "gone"])
    assert feed.read_bytes() == data


def test_an_episode_whose_edition_is_gone_stops_the_publish(tmp_path):
    import shutil

    feed = tmp_path / "feed.xml"
    publish([make_edition(tmp_path, "one", "One")], SHOW, feed, "c.png", MONDAY)
    before = feed.read_bytes()
    shutil.rmtree(tmp_path / "one")
    with pytest.raises(AudioEditionError, match="has no edition at .* any more"):
        publish([make_edition(tmp_path, "two", "Two")], SHOW, feed, "c.png", MONDAY)
    assert feed.read_bytes() == before


def test_publishing_takes_a_lock_beside_the_feed(tmp_path):
    publish([], SHOW, tmp_path / "shows" / "feed.xml", "c.png", MONDAY)
    assert (tmp_path / "shows" / ".feed.xml.lock").exists()


def test_an_episode_with_an_unreadable_date_sorts_last(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([make_edition(tmp_path, "old", "Old")], SHOW, feed, "c.png", MONDAY)
    feed.write_text(feed.read_text().replace("Mon, 02 Nov 2026 09:30:00 +0000", "sometime"))
    data = publish([make_edition(tmp_path, "new", "New")], SHOW, feed, "c.png", MONDAY - datetime.timedelta(days=400))
    assert [(i.findtext("title"), i.findtext("pubDate")) for i in items(data)] == \
        [("New", "Sun, 28 Sep 2025 09:30:00 +0000"), ("Old", "sometime")]
