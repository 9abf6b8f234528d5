"""Publish editions: the show's cover, the feed, and the show page, in the output folder."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from audio_edition.errors import AudioEditionError
from audio_edition.files import write_atomic
from audio_edition.package.cover import draw_cover, load_cover
from audio_edition.package.html import render_show_page
from audio_edition.package.transcripts import clock
from audio_edition.publish.feed import ITUNES, publish
from audio_edition.publish.show import Show, load_show


@dataclass(frozen=True)
class Published:
    feed: Path
    published: int
    episodes: int
    """Episodes in the feed after publishing."""
    removed: int = 0


DEFAULT_FEED = Path("output") / "feed.xml"
"""The feed when neither --feed nor an edition says where: beside `build`'s default output."""


def publish_editions(
    editions: Sequence[Path], show_file: Path | None, base_url: str | None, feed: Path | None,
    remove: Sequence[str] = (),
) -> Published:
    """Add or update `editions` in the feed, take out the episodes of the slugs in
    `remove`, refresh every other episode from its edition, and write the show page."""
    show, show_folder = load_show(show_file, base_url)
    feed = (feed or (editions[0].resolve().parent / "feed.xml" if editions else DEFAULT_FEED)).resolve()
    root = feed.parent
    for edition in editions:
        if root not in edition.resolve().parents:
            raise AudioEditionError(f"{edition}: is not inside {root}, where the feed is; URLs could not reach it")
    cover_name = _write_show_cover(show, show_folder, root)
    data = publish([e.resolve() for e in editions], show, feed, show.base_url + cover_name,
                   datetime.datetime.now(datetime.timezone.utc), remove)
    items = ET.fromstring(data).find("channel").findall("item")
    listings = [_listing(item, show.base_url) for item in items]
    write_atomic(root / "index.html", render_show_page(show, listings, feed.name).encode())
    return Published(feed, len(editions), len(items), len(remove))


def _write_show_cover(show: Show, show_folder: Path | None, root: Path) -> str:
    if show.cover:
        data, extension = load_cover((show_folder or Path.cwd()) / show.cover)
    else:
        data, extension = draw_cover(show.title, show.author), ".png"
    name = f"show-cover{extension}"
    if not (root / name).exists() or (root / name).read_bytes() != data:
        write_atomic(root / name, data)
    return name


def _listing(item: ET.Element, base_url: str) -> dict:
    """An episode as the show page lists it; "slug" is its folder's path from the page
    (editions may sit in nested folders under the feed's), as its page's link says."""
    link = item.findtext("link") or ""
    seconds = int(item.findtext(f"{{{ITUNES}}}duration") or 0)
    return {"title": item.findtext("title"), "authors": item.findtext(f"{{{ITUNES}}}author") or "",
            "slug": link.removeprefix(base_url).rpartition("/")[0], "length": clock(seconds * 1000)}
