"""The show: settings from show.toml, checked, with a default show for trying things out."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from audio_edition import settings
from audio_edition.errors import ShowError

REQUIRED = ("title", "author", "owner_name", "owner_email", "description", "language", "category", "base_url")


@dataclass(frozen=True)
class Show:
    title: str = ""
    author: str = ""
    owner_name: str = ""
    owner_email: str = ""
    description: str = ""
    language: str = "en"
    """BCP 47, as RSS wants it ("en", "en-us")."""
    category: str = ""
    """A category from Apple's list, such as "Society & Culture"."""
    explicit: bool = False
    base_url: str = ""
    """Where the output folder is served; every URL in the feed starts with it."""
    link: str = ""
    """The show's web site; the show page if empty."""
    cover: str = ""
    """The show's cover image, relative to show.toml; drawn from the title if empty."""


DEFAULT_SHOW = Show(
    title=settings.DEFAULT_SHOW,
    author="audio-edition",
    owner_name="audio-edition",
    owner_email="editions@example.org",
    description="Articles read aloud, with chapters and transcripts, made by audio-edition.",
    language="en",
    category="Society & Culture",
    base_url="http://127.0.0.1:8000/",
)
"""For trying things out: `publish` without --show uses it, served by `serve` on port 8000."""


def load_show(path: Path | None, base_url: str | None = None) -> tuple[Show, Path | None]:
    """The show from `path` (or the default show), with `base_url` overriding the file's.

    Returns the show and the folder its relative paths are read from."""
    show, folder = (DEFAULT_SHOW, None) if path is None else (_read(path), path.parent)
    if base_url:
        show = replace(show, base_url=base_url)
    missing = [name for name in REQUIRED if not str(getattr(show, name)).strip()]
    if missing:
        where = path or "the default show"
        raise ShowError(f"{where}: missing required settings: {', '.join(missing)}")
    if not show.base_url.startswith(("http://", "https://")):
        raise ShowError(f"base_url must start with http:// or https://, not {show.base_url!r}")
    return replace(show, base_url=show.base_url.rstrip("/") + "/"), folder


def _read(path: Path) -> Show:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ShowError(f"{path}: cannot be read ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ShowError(f"{path}: is not valid TOML ({exc})") from exc
    section = data.get("show", data)
    known = {f.name: f.type for f in fields(Show)}
    unknown = sorted(set(section) - set(known))
    if unknown:
        raise ShowError(f"{path}: unknown settings: {', '.join(unknown)}")
    if "explicit" in section and not isinstance(section["explicit"], bool):
        raise ShowError(f"{path}: explicit must be true or false")
    return Show(**{k: v if k == "explicit" else str(v) for k, v in section.items()})
