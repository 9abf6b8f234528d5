"""The feed as a whole, element by element, for a show with every setting and two
editions (one with every optional file, one with none); then the parts with limits or
history: the description's 4,000 bytes, summaries clipped at 1,000 characters, a base
URL changed between publishes, and the messages for editions gone or changed."""

import datetime
import shutil
import xml.etree.ElementTree as ET

import pytest

from audio_edition.errors import EditionError
from audio_edition.model import Chapter, Plan
from audio_edition.package.manifest import file_entry, render_manifest
from audio_edition.publish.feed import episode_guid, podcast_guid, publish, read_episode
from audio_edition.publish.show import Show

UTC = datetime.UTC
MONDAY = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
TUESDAY = MONDAY + datetime.timedelta(days=1)
SHOW = Show(title="Letters & Replies", author="Ana Ruiz", owner_name="Bo Li", owner_email="bo@example.org",
            description="Advice <in> letters.", language="en-gb", category="Society & Culture",
            subcategory="Relationships", explicit=True, base_url="https://example.org/pod/",
            link="https://example.org/")
TWO_CHAPTERS = (Chapter("chp0", "Opening", 0, 65_000, "intro"),
                Chapter("chp1", "The Letter", 65_000, 3_725_400, "letter"))
NAMESPACES = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
              "podcast": "https://podcastindex.org/namespace/1.0", "atom": "http://www.w3.org/2005/Atom"}


def edition(root, folder_name, title, *, slug=None, authors="", summary="", chapters=TWO_CHAPTERS, audio_bytes=1000,
            files=()):
    """An edition folder as a build leaves it, as far as the feed reads it."""
    slug = slug or folder_name
    folder = root / folder_name
    folder.mkdir(parents=True)
    (folder / f"{slug}.mp3").write_bytes(b"\xff" * audio_bytes)
    for name in files:
        (folder / name).write_text(name)
    entries = {name: file_entry(folder / name) for name in (f"{slug}.mp3", *files)}
    about = {"summary": summary, "language": "en", **({"slug": slug} if slug != folder_name else {})}
    (folder / "edition.json").write_text(render_manifest(Plan(title, authors, ()), chapters, entries, {}, {}, "key",
                                                         about), "utf-8")
    return folder


def shape(element: ET.Element):
    """An element as what it says: its tag, attributes, text and children, in any order."""
    children = sorted((shape(child) for child in element), key=repr)
    return element.tag, sorted(element.attrib.items()), (element.text or "").strip(), children


def items(data: bytes) -> list[ET.Element]:
    return ET.fromstring(data).find("channel").findall("item")


EXPECTED = """<rss version="2.0" xmlns:itunes="{itunes}" xmlns:podcast="{podcast}" xmlns:atom="{atom}"><channel>
  <title>Letters &amp; Replies</title>
  <link>https://example.org/</link>
  <description>Advice &lt;in&gt; letters.</description>
  <language>en-gb</language>
  <atom:link href="https://example.org/pod/feed.xml" rel="self" type="application/rss+xml"/>
  <itunes:author>Ana Ruiz</itunes:author>
  <itunes:owner><itunes:name>Bo Li</itunes:name><itunes:email>bo@example.org</itunes:email></itunes:owner>
  <itunes:image href="https://example.org/pod/show-cover.png"/>
  <itunes:category text="Society &amp; Culture"><itunes:category text="Relationships"/></itunes:category>
  <itunes:explicit>true</itunes:explicit>
  <itunes:type>episodic</itunes:type>
  <podcast:guid>{show_guid}</podcast:guid>
  <podcast:locked>no</podcast:locked>
  <item>
    <title>Second</title>
    <description>&lt;p&gt;Short.&lt;/p&gt;&lt;p&gt;Chapters:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;0:00 Only&lt;/li&gt;&lt;/ol&gt;</description>
    <enclosure url="https://example.org/pod/second/second.mp3" length="2000" type="audio/mpeg"/>
    <guid isPermaLink="false">{second_guid}</guid>
    <pubDate>Tue, 03 Nov 2026 09:30:00 +0000</pubDate>
    <link>https://example.org/pod/second/index.html</link>
    <itunes:duration>90</itunes:duration>
    <itunes:episodeType>full</itunes:episodeType>
    <itunes:explicit>true</itunes:explicit>
    <podcast:chapters url="https://example.org/pod/second/chapters.json" type="application/json+chapters"/>
  </item>
  <item>
    <title>First</title>
    <description>&lt;p&gt;First&lt;/p&gt;&lt;p&gt;Chapters:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;0:00 Opening&lt;/li&gt;&lt;li&gt;1:05 The Letter&lt;/li&gt;&lt;/ol&gt;</description>
    <enclosure url="https://example.org/pod/first/first.mp3" length="1000" type="audio/mpeg"/>
    <guid isPermaLink="false">{first_guid}</guid>
    <pubDate>Mon, 02 Nov 2026 09:30:00 +0000</pubDate>
    <link>https://example.org/pod/first/index.html</link>
    <itunes:duration>3725</itunes:duration>
    <itunes:episodeType>full</itunes:episodeType>
    <itunes:explicit>true</itunes:explicit>
    <itunes:author>Ana Ruiz</itunes:author>
    <itunes:image href="https://example.org/pod/first/cover.jpg"/>
    <podcast:chapters url="https://example.org/pod/first/chapters.json" type="application/json+chapters"/>
    <podcast:transcript url="https://example.org/pod/first/first.vtt" type="text/vtt" language="en-gb" rel="captions"/>
    <podcast:transcript url="https://example.org/pod/first/first.srt" type="application/x-subrip" language="en-gb"/>
    <podcast:transcript url="https://example.org/pod/first/transcript.html" type="text/html" language="en-gb"/>
  </item>
</channel></rss>"""


def test_the_feed_says_what_the_show_and_each_edition_are_and_nothing_else(tmp_path):
    feed = tmp_path / "feed.xml"
    first = edition(tmp_path, "first", "First", authors="Ana Ruiz",
                    files=("first.vtt", "first.srt", "transcript.html", "cover.jpg"))
    second = edition(tmp_path, "second", "Second", summary="Short.", audio_bytes=2000,
                     chapters=(Chapter("chp0", "Only", 0, 90_400, "intro"),))
    publish([first], SHOW, feed, "https://example.org/pod/show-cover.png", MONDAY)
    data = publish([second], SHOW, feed, "https://example.org/pod/show-cover.png", TUESDAY)
    expected = ET.fromstring(EXPECTED.format(**NAMESPACES, show_guid=podcast_guid("https://example.org/pod/feed.xml"),
                                             first_guid=episode_guid("first"), second_guid=episode_guid("second")))
    assert shape(ET.fromstring(data)) == shape(expected)
    assert [item.findtext("title") for item in items(data)] == ["Second", "First"]


def description(tmp_path, **options) -> str:
    [item] = items(publish([edition(tmp_path, "one", "One", **options)], SHOW, tmp_path / "feed.xml", "c.png", MONDAY))
    return item.findtext("description")


def test_a_summary_of_a_thousand_characters_is_kept_whole(tmp_path):
    summary = "a" * 1000
    assert description(tmp_path, summary=summary).startswith(f"<p>{summary}</p><p>Chapters:</p>")


def test_a_longer_summary_is_clipped_to_a_thousand_characters_at_most_without_a_trailing_space(tmp_path):
    summary = "ab " * 500  # the first 999 characters end with a space
    assert description(tmp_path, summary=summary).startswith("<p>" + "ab " * 332 + "ab…</p>")
    assert description(tmp_path / "b", summary="x" * 1001).startswith("<p>" + "x" * 999 + "…</p>")


def test_chapters_fill_the_description_to_its_4000_bytes_and_the_rest_are_counted(tmp_path):
    # 61 bytes of head ("<p>" + 34 characters + "</p><p>Chapters:</p><ol>"), 78 chapters of 50 bytes
    # each, and room kept for the longest ending ("</ol><p>… and 9999 more chapters.</p>", 39
    # bytes) make exactly 4,000: the 78th chapter still fits, the 79th does not.
    chapters = tuple(Chapter(f"chp{i}", f"{i:02d}" + "t" * 34, i * 1000, (i + 1) * 1000, "reason") for i in range(100))
    text = description(tmp_path, summary="s" * 34, chapters=chapters)
    assert text.count("<li>") == 78 and "<li>1:17 77" in text and "<li>1:18 78" not in text
    assert text.endswith("</ol><p>… and 22 more chapters.</p>")
    assert len(text.encode()) == 61 + 78 * 50 + len("</ol><p>… and 22 more chapters.</p>".encode()) <= 4000


def test_an_edition_without_authors_has_no_author_in_its_item(tmp_path):
    [item] = items(publish([edition(tmp_path, "one", "One")], SHOW, tmp_path / "feed.xml", "c.png", MONDAY))
    assert item.find(f"{{{NAMESPACES['itunes']}}}author") is None


def test_an_episode_of_a_show_for_everyone_says_it_is_not_explicit(tmp_path):
    show = Show(**{**SHOW.__dict__, "explicit": False})
    data = publish([edition(tmp_path, "one", "One")], show, tmp_path / "feed.xml", "c.png", MONDAY)
    explicit = f"{{{NAMESPACES['itunes']}}}explicit"
    assert [ET.fromstring(data).find("channel").findtext(explicit), items(data)[0].findtext(explicit)] == \
        ["false", "false"]


def test_taking_out_an_episode_the_feed_lacks_names_the_feed_and_the_slug(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([edition(tmp_path, "one", "One")], SHOW, feed, "c.png", MONDAY)
    with pytest.raises(EditionError) as error:
        publish([], SHOW, feed, "c.png", MONDAY, remove=["gone"])
    assert str(error.value) == f"{feed}: has no episode 'gone' to remove"


def test_after_the_base_url_changes_every_episode_is_found_and_moves_to_the_new_address(tmp_path):
    feed = tmp_path / "feed.xml"
    old = Show(**{**SHOW.__dict__, "base_url": "http://127.0.0.1:8000/"})
    publish([edition(tmp_path, "one", "One")], old, feed, "c.png", MONDAY)
    data = publish([edition(tmp_path, "two", "Two")], SHOW, feed, "c.png", TUESDAY)
    urls = {item.findtext("title"): item.find("enclosure").get("url") for item in items(data)}
    assert urls == {"One": "https://example.org/pod/one/one.mp3", "Two": "https://example.org/pod/two/two.mp3"}
    assert [item.findtext("pubDate") for item in items(data)][1] == "Mon, 02 Nov 2026 09:30:00 +0000"


def test_an_episode_in_a_nested_folder_is_found_again(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([edition(tmp_path / "season 1", "one", "One")], SHOW, feed, "c.png", MONDAY)
    data = publish([edition(tmp_path, "two", "Two")], SHOW, feed, "c.png", TUESDAY)
    assert {item.find("enclosure").get("url") for item in items(data)} == {
        "https://example.org/pod/season%201/one/one.mp3", "https://example.org/pod/two/two.mp3"}


def test_an_edition_rebuilt_in_another_folder_replaces_its_episode(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([edition(tmp_path, "one", "One")], SHOW, feed, "c.png", MONDAY)
    shutil.rmtree(tmp_path / "one")
    moved = edition(tmp_path, "letters-1", "One, again", slug="one")
    [item] = items(publish([moved], SHOW, feed, "c.png", TUESDAY))
    assert (item.findtext("title"), item.find("enclosure").get("url")) == \
        ("One, again", "https://example.org/pod/letters-1/one.mp3")
    assert item.findtext("pubDate") == "Mon, 02 Nov 2026 09:30:00 +0000"


def test_a_gone_edition_is_named_with_the_slug_that_takes_it_out(tmp_path):
    feed = tmp_path / "feed.xml"
    publish([edition(tmp_path, "letters-1", "One", slug="one")], SHOW, feed, "c.png", MONDAY)
    shutil.rmtree(tmp_path / "letters-1")
    with pytest.raises(EditionError) as error:
        publish([], SHOW, feed, "c.png", MONDAY)
    assert str(error.value) == (f"{feed}: the episode 'One' has no edition at {tmp_path / 'letters-1'} any more; "
                                "build it again, or take it out with --remove one")
    assert [item.findtext("title") for item in items(publish([], SHOW, feed, "c.png", MONDAY, remove=["one"]))] == []


def test_an_old_episode_without_an_enclosure_is_named_not_guessed(tmp_path):
    feed = tmp_path / "feed.xml"
    lost = f"<item><title>Lost</title><guid>{episode_guid('lost')}</guid></item>"
    feed.write_text(f"<rss><channel>{lost}</channel></rss>")
    with pytest.raises(EditionError, match=f"the episode 'Lost' has no edition at {tmp_path} any more"):
        publish([], SHOW, feed, "c.png", MONDAY)


def test_an_existing_feed_without_a_channel_is_started_afresh(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    assert [item.findtext("title") for item in items(publish([edition(tmp_path, "one", "One")], SHOW, feed, "c.png",
                                                             MONDAY))] == ["One"]


def test_an_edition_whose_audio_is_gone_is_refused_saying_what_to_do(tmp_path):
    folder = edition(tmp_path, "one", "One")
    (folder / "one.mp3").unlink()
    with pytest.raises(EditionError) as error:
        read_episode(folder)
    assert str(error.value) == (f"{folder / 'one.mp3'}: does not match {folder / 'edition.json'} (a build is under "
                                "way, or the file was changed); build the edition again, then publish")
