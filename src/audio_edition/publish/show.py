"""The show: settings from show.toml, checked, with a default show for trying things out."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from audio_edition import settings
from audio_edition.errors import ShowError
from audio_edition.publish.categories import APPLE_CATEGORIES

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
    subcategory: str = ""
    """One of the category's subcategories on Apple's list, such as "Relationships"; optional."""
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
"""For trying things out: `publish` without --settings uses it, served by `serve` on port 8000."""


def load_show(path: Path | None, base_url: str | None = None) -> tuple[Show, Path | None]:
    """The show from `path` (or the default show), with `base_url` overriding the file's.

    Returns the show and the folder its relative paths are read from."""
    show, folder = (DEFAULT_SHOW, None) if path is None else (_read(path), path.parent)
    if base_url:
        show = replace(show, base_url=base_url)
    where = path or "the default show"
    missing = [name for name in REQUIRED if not str(getattr(show, name)).strip()]
    if missing:
        raise ShowError(f"{where}: missing required settings: {', '.join(missing)}")
    base_url = _web_address(where, "base_url", show.base_url, parts=False)
    _check(where, show)
    return replace(show, base_url=base_url.rstrip("/") + "/"), folder


_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")


def _check(where, show: Show) -> None:
    """Each setting as podcast directories take it, or one error naming it and what is allowed."""
    import langcodes

    if not _EMAIL.match(show.owner_email):
        raise ShowError(f"{where}: owner_email must be an e-mail address, not {show.owner_email!r}")
    if not langcodes.tag_is_valid(show.language):
        raise ShowError(f"{where}: language must be a language code such as en or en-US (BCP 47), "
                        f"not {show.language!r}")
    if show.category not in APPLE_CATEGORIES:
        raise ShowError(f"{where}: category must be one of Apple's: {', '.join(APPLE_CATEGORIES)}; "
                        f"not {show.category!r}")
    allowed = APPLE_CATEGORIES[show.category]
    if show.subcategory and show.subcategory not in allowed:
        choices = ", ".join(allowed) or "none"
        raise ShowError(f"{where}: subcategory must be one of {show.category}'s: {choices}; not {show.subcategory!r}")
    if show.link:
        _web_address(where, "link", show.link, parts=True)


def _web_address(where, name: str, value: str, parts: bool) -> str:
    """An http(s) address with a host and, unless `parts`, no query or fragment (episode
    addresses are made by appending to it); its scheme in lower case."""
    address = urlsplit(value)
    scheme = address.scheme.lower()
    if scheme not in ("http", "https") or not address.hostname or any(c.isspace() for c in value):
        raise ShowError(f"{where}: {name} must be an http:// or https:// address with a host and no spaces, "
                        f"not {value!r}")
    if not parts and (address.query or address.fragment or value.rstrip().endswith(("?", "#"))):
        raise ShowError(f"{where}: {name} must have no query (?) or fragment (#): episode addresses are "
                        f"made by adding to it; not {value!r}")
    return scheme + value[len(address.scheme):]


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
    for name, value in section.items():
        text_like = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        if name != "explicit" and not text_like:
            raise ShowError(f"{path}: {name} must be text, not {type(value).__name__} {value!r}")
    return Show(**{k: v if k == "explicit" else str(v) for k, v in section.items()})
