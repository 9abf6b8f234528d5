"""The podcast feed: RSS 2.0 with the itunes and Podcasting 2.0 namespaces.

Publishing reads the feed already there, replaces the items of the editions being
published (matched by guid, which never changes) and renders every other item afresh
from its own edition, so the feed always says what the files are. Each edition's audio
is checked against its manifest first: an edition being rebuilt, changed or deleted
stops the publish and is named. The read-modify-write is serialized by a lock file
and the feed written atomically.
"""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import fcntl
import html
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import quote, unquote, urlsplit

from audio_edition.errors import EditionError, OutputError
from audio_edition.files import sha256_of, write_atomic
from audio_edition.package.manifest import MANIFEST_NAME, StoredEdition, read_edition
from audio_edition.package.transcripts import clock
from audio_edition.publish.show import Show

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
EPISODE_NAMESPACE = uuid.UUID("9f3c2a4e-1b7d-5c8e-9a2f-6d4b8e1c3a70")
for _prefix, _uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
    ET.register_namespace(_prefix, _uri)

_TRANSCRIPTS = ((".vtt", "text/vtt", "captions"), (".srt", "application/x-subrip", None),
                ("transcript.html", "text/html", None))


def read_episode(folder: Path) -> StoredEdition:
    """The edition in `folder`, its audio checked against its manifest (size and digest)."""
    edition = read_edition(folder)
    entry = edition.files.get(edition.names.mp3)
    try:
        same = entry is not None and edition.audio_path.stat().st_size == entry.size \
            and sha256_of(edition.audio_path) == entry.sha256
    except OSError:
        same = False
    if not same:
        raise EditionError(f"{edition.audio_path}: does not match {folder / edition.names.manifest} (a build "
                           "is under way, or the file was changed); build the edition again, then publish")
    return edition


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without scheme and trailing slash (Podcasting 2.0)."""
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, re.sub(r"^[a-z]+://", "", feed_url).rstrip("/")))


def episode_guid(slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(EPISODE_NAMESPACE, slug)}"


def publish(
    editions: Sequence[Path], show: Show, feed: Path, show_cover: str, now: datetime.datetime,
    remove: Sequence[str] = (),
) -> bytes:
    """Write the feed at `feed` with the editions in the folders `editions` added or
    updated, the episodes of the slugs in `remove` taken out, and every other episode
    refreshed from its edition; return the feed's bytes."""
    with _locked(feed):
        old_items = _existing_items(feed)
        feed_url = show.base_url + _relative_url(feed, feed.parent)
        removed = _removed(remove, old_items, feed)
        folders = {episode_guid(read_edition(f).slug): f for f in editions}
        for guid, item in old_items.items():
            if guid not in folders and guid not in removed:
                folders[guid] = _folder_of(item, show, feed)
        items = [_item(read_episode(folder), show, feed.parent, _kept_date(old_items.get(guid), now))
                 for guid, folder in folders.items()]
        items.sort(key=_pub_date, reverse=True)
        data = render_feed(show, feed_url, show_cover, items)
        write_atomic(feed, data)
    return data


def render_feed(show: Show, feed_url: str, cover_url: str, items: Sequence[ET.Element]) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", show.title)
    _text(channel, "link", show.link or show.base_url)
    _text(channel, "description", show.description[:4000])
    _text(channel, "language", show.language)
    ET.SubElement(channel, f"{{{ATOM}}}link", {"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    _text(channel, f"{{{ITUNES}}}author", show.author)
    owner = ET.SubElement(channel, f"{{{ITUNES}}}owner")
    _text(owner, f"{{{ITUNES}}}name", show.owner_name)
    _text(owner, f"{{{ITUNES}}}email", show.owner_email)
    ET.SubElement(channel, f"{{{ITUNES}}}image", {"href": cover_url})
    category = ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": show.category})
    if show.subcategory:
        ET.SubElement(category, f"{{{ITUNES}}}category", {"text": show.subcategory})
    _text(channel, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    _text(channel, f"{{{ITUNES}}}type", "episodic")
    _text(channel, f"{{{PODCAST}}}guid", podcast_guid(feed_url))
    _text(channel, f"{{{PODCAST}}}locked", "no")
    channel.extend(items)
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def _removed(slugs: Sequence[str], old_items: dict[str, ET.Element], feed: Path) -> set[str]:
    guids = {episode_guid(slug): slug for slug in slugs}
    unknown = [slug for guid, slug in guids.items() if guid not in old_items]
    if unknown:
        raise EditionError(f"{feed}: has no episode {', '.join(map(repr, unknown))} to remove")
    return set(guids)


def _folder_of(item: ET.Element, show: Show, feed: Path) -> Path:
    """The edition folder of an episode already in the feed, from its enclosure's URL."""
    enclosure = item.find("enclosure")
    path = unquote(urlsplit(enclosure.get("url", "") if enclosure is not None else "").path)
    base = urlsplit(show.base_url).path
    relative = Path(path[len(base):] if path.startswith(base) else path.lstrip("/"))
    folder = feed.parent / relative.parent
    if not (folder / MANIFEST_NAME).is_file() or relative.parent == Path("."):
        raise EditionError(f"{feed}: the episode {item.findtext('title')!r} has no edition at {folder} any more; "
                           f"build it again, or take it out with --remove {relative.stem or folder.name}")
    return folder


def _item(edition: StoredEdition, show: Show, root: Path, published: str) -> ET.Element:
    names = edition.names
    url = lambda name: show.base_url + _relative_url(edition.directory / name, root)  # noqa: E731
    item = ET.Element("item")
    _text(item, "title", edition.title)
    _text(item, "description", _description(edition))
    # The length is the manifest's, which `read_episode` has just checked against the file.
    ET.SubElement(item, "enclosure", {"url": url(names.mp3), "length": str(edition.files[names.mp3].size),
                                      "type": "audio/mpeg"})
    _text(item, "guid", episode_guid(edition.slug), isPermaLink="false")
    _text(item, "pubDate", published)
    _text(item, "link", url(names.player))
    _text(item, f"{{{ITUNES}}}duration", str(round(edition.duration_ms / 1000)))
    _text(item, f"{{{ITUNES}}}episodeType", "full")
    _text(item, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    if edition.authors:
        _text(item, f"{{{ITUNES}}}author", edition.authors)
    cover = next((n for n in edition.files if n.startswith("cover.")), None)
    if cover:
        ET.SubElement(item, f"{{{ITUNES}}}image", {"href": url(cover)})
    ET.SubElement(item, f"{{{PODCAST}}}chapters", {"url": url(names.chapters), "type": "application/json+chapters"})
    for suffix, kind, rel in _TRANSCRIPTS:
        name = names.transcript if suffix.endswith(".html") else f"{edition.slug}{suffix}"
        if name in edition.files:
            attributes = {"url": url(name), "type": kind, "language": show.language}
            ET.SubElement(item, f"{{{PODCAST}}}transcript", {**attributes, **({"rel": rel} if rel else {})})
    return item


DESCRIPTION_BYTES = 4000
"""Apple Podcasts' limit on an episode's description; the full chapter list is in the
JSON chapters and the audio's own chapters."""


def _description(edition: StoredEdition) -> str:
    """HTML, escaped once here and once more by the XML writer, so "<3" stays text; as
    many chapters as fit in `DESCRIPTION_BYTES`, then how many more there are."""
    head = f"<p>{html.escape(_clip(edition.summary or edition.title, 1000))}</p><p>Chapters:</p><ol>"
    items = [f"<li>{clock(c.start_ms)} {html.escape(c.title)}</li>" for c in edition.chapters]
    room = DESCRIPTION_BYTES - len(head.encode()) - len("</ol><p>… and 9999 more chapters.</p>".encode())
    shown = 0
    while shown < len(items) and len(items[shown].encode()) <= room:
        room -= len(items[shown].encode())
        shown += 1
    more = f"<p>… and {len(items) - shown} more chapters.</p>" if shown < len(items) else ""
    return head + "".join(items[:shown]) + "</ol>" + more


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _XML_INVALID.sub("", text)
    return element


def _relative_url(path: Path, root: Path) -> str:
    return quote(path.resolve().relative_to(root.resolve()).as_posix())


def _existing_items(feed: Path) -> dict[str, ET.Element]:
    if not feed.exists():
        return {}
    try:
        channel = ET.parse(feed).getroot().find("channel")
    except ET.ParseError as exc:
        raise OutputError(f"{feed}: the existing feed is not valid XML ({exc}); move it away to start anew") from exc
    return {item.findtext("guid"): item for item in channel.findall("item")} if channel is not None else {}


def _kept_date(item: ET.Element | None, now: datetime.datetime) -> str:
    """An episode keeps the date it was first published."""
    if item is not None and item.findtext("pubDate"):
        return item.findtext("pubDate")
    return email.utils.format_datetime(now)


def _pub_date(item: ET.Element) -> datetime.datetime:
    try:
        return email.utils.parsedate_to_datetime(item.findtext("pubDate"))
    except (TypeError, ValueError):
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)


@contextlib.contextmanager
def _locked(feed: Path) -> Iterator[None]:
    """Serialize publishes to one feed, across processes."""
    feed.parent.mkdir(parents=True, exist_ok=True)
    with open(feed.parent / f".{feed.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
