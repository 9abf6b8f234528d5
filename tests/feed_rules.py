"""The rules a podcast feed is held to, where they apply to ours: the W3C feed
validator's RSS 2.0 and namespace checks, Apple Podcasts' requirements and the Podcast
Index namespace's. Each rule returns the problems it finds, so a test can show them all.

No maintained validator is on the package registries this project may use (the W3C's is
a web service); these checks follow the validator's documented messages."""

from __future__ import annotations

import email.utils
import re
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"
APPLE_DESCRIPTION_BYTES = 4000
TRANSCRIPT_TYPES = {"text/vtt", "application/x-subrip", "text/html", "text/plain", "application/json",
                    "application/srt"}


def problems(feed: bytes, feed_url: str) -> list[str]:
    """Every rule's problems with the feed, as messages."""
    rss = ET.fromstring(feed)
    channel = rss.find("channel")
    found = [] if rss.tag == "rss" and rss.get("version") == "2.0" else ["the root is not <rss version=\"2.0\">"]
    if channel is None:
        return [*found, "no <channel>"]
    found += _channel(channel, feed_url)
    guids = [item.findtext("guid") for item in channel.iter("item")]
    if len(guids) != len(set(guids)):
        found.append("two items share a guid")
    for item in channel.iter("item"):
        found += [f"item {item.findtext('title')!r}: {p}" for p in _item(item)]
    return found


def _channel(channel: ET.Element, feed_url: str) -> list[str]:
    found = [f"channel lacks <{tag}>" for tag in ("title", "link", "description", "language")
             if not (channel.findtext(tag) or "").strip()]
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    if self_link is None or self_link.get("href") != feed_url:
        found.append("atom:link rel=self does not name the feed's own address")
    found += _url_problems("channel link", channel.findtext("link") or "")
    image = channel.find(f"{ITUNES}image")
    if image is None or not re.search(r"\.(png|jpe?g)$", image.get("href", ""), re.I):
        found.append("itunes:image must be a PNG or JPEG address (Apple)")
    found += _url_problems("itunes:image", image.get("href", "") if image is not None else "")
    for tag in ("author", "category", "explicit"):
        if channel.find(f"{ITUNES}{tag}") is None:
            found.append(f"channel lacks itunes:{tag} (Apple)")
    if channel.findtext(f"{ITUNES}explicit") not in ("true", "false"):
        found.append("itunes:explicit must be true or false (Apple)")
    owner_email = channel.findtext(f"{ITUNES}owner/{ITUNES}email") or ""
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", owner_email):
        found.append("itunes:owner has no e-mail address (Apple)")
    try:
        uuid.UUID(channel.findtext(f"{PODCAST}guid") or "")
    except ValueError:
        found.append("podcast:guid is not a UUID (Podcast Index)")
    return found


def _item(item: ET.Element) -> list[str]:
    found = [] if (item.findtext("title") or "").strip() else ["no <title>"]
    enclosure = item.find("enclosure")
    if enclosure is None:
        return [*found, "no <enclosure>"]
    found += _url_problems("enclosure", enclosure.get("url", ""))
    if not (enclosure.get("length") or "").isdigit() or int(enclosure.get("length")) <= 0:
        found.append("enclosure length is not a positive whole number of bytes")
    if enclosure.get("type") not in ("audio/mpeg", "audio/mp4", "audio/x-m4a"):
        found.append(f"enclosure type {enclosure.get('type')!r} is not an audio type podcast apps play")
    guid = item.find("guid")
    if guid is None or not (guid.text or "").strip():
        found.append("no <guid>")
    elif guid.get("isPermaLink", "true") == "true" and not guid.text.startswith(("http://", "https://")):
        found.append("a guid that is not a URL must say isPermaLink=\"false\"")
    found += _date_problems(item.findtext("pubDate") or "")
    description = item.findtext("description") or ""
    if len(description.encode()) > APPLE_DESCRIPTION_BYTES:
        found.append(f"description of {len(description.encode())} bytes is over Apple's {APPLE_DESCRIPTION_BYTES}")
    duration = item.findtext(f"{ITUNES}duration") or ""
    if not re.fullmatch(r"\d+|(\d+:)?\d{1,2}:\d{2}", duration):
        found.append(f"itunes:duration {duration!r} is neither seconds nor [HH:]MM:SS (Apple)")
    found += _podcast_namespace(item)
    return found


def _podcast_namespace(item: ET.Element) -> list[str]:
    found = []
    chapters = item.find(f"{PODCAST}chapters")
    if chapters is not None and chapters.get("type") != "application/json+chapters":
        found.append("podcast:chapters type must be application/json+chapters")
    for transcript in item.iter(f"{PODCAST}transcript"):
        if transcript.get("type") not in TRANSCRIPT_TYPES:
            found.append(f"podcast:transcript type {transcript.get('type')!r} is not one the namespace lists")
        found += _url_problems("podcast:transcript", transcript.get("url", ""))
    return found


def _date_problems(text: str) -> list[str]:
    """RFC 822 as RSS 2.0 wants it (the validator flags ISO 8601 and two-digit years)."""
    if not re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                        r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)", text):
        return [f"pubDate {text!r} is not an RFC 822 date"]
    return [] if email.utils.parsedate_to_datetime(text) else [f"pubDate {text!r} does not parse"]


def _url_problems(what: str, url: str) -> list[str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        return [f"{what} {url!r} is not an absolute http(s) address without spaces"]
    return []
