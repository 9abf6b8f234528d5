"""Input readers, keyed by file type. Each turns raw bytes into a `Document`."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Callable

from audio_edition.errors import ArticleError
from audio_edition.model import Document
from audio_edition.recall import note_read
from audio_edition.settings import MAX_ARTICLE_BYTES

Reader = Callable[[str, str], Document]
"""A reader takes the decoded text and a source name, and returns a `Document`."""

READERS: dict[str, tuple[str, str | None]] = {
    ".txt": ("audio_edition.readers.text", None),
    "": ("audio_edition.readers.text", None),
    ".md": ("audio_edition.readers.markdown", "markdown_it"),
    ".markdown": ("audio_edition.readers.markdown", "markdown_it"),
    ".html": ("audio_edition.readers.html", "trafilatura"),
    ".htm": ("audio_edition.readers.html", "trafilatura"),
}
"""File type -> (reader module, the library it needs). "-" is standard input, sniffed."""
STDIN = Path("-")


def read_article(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Document:
    """Read the article at `path` (or standard input for "-") with the reader for its type."""
    if path == STDIN:
        text = decode(read_bounded(sys.stdin.buffer, max_bytes, "standard input"), "standard input")
        return _visible(_reader(sniff(text), "standard input")(text, "standard input"))
    reader = _reader(path.suffix.lower(), str(path))
    return _visible(reader(decode(load_bytes(path, max_bytes), str(path)), str(path)))


_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
"""Soft hyphens and zero-width spaces: web pages and word processors set them inside
words to break lines. Left in, they split a word for the voice and the search of a
podcast app, and a screen reader may name them in a chapter's title."""


def _visible(document: Document) -> Document:
    """`document` without the invisible characters that only break lines (`_INVISIBLE`)."""
    if not any(_INVISIBLE.search(block.text) or _INVISIBLE.search(block.lead) for block in document.blocks):
        return document
    blocks = tuple(replace(block, text=_INVISIBLE.sub("", block.text), lead=_INVISIBLE.sub("", block.lead))
                   for block in document.blocks)
    return replace(document, blocks=blocks)


def _reader(suffix: str, source: str) -> Reader:
    if suffix not in READERS:
        known = ", ".join(sorted(s for s in READERS if s))
        raise ArticleError(f"{source}: unsupported file type {suffix!r} (supported: {known}, or - for standard input)")
    module, library = READERS[suffix]
    if library and importlib.util.find_spec(library) is None:
        raise ArticleError(f"{source}: the {suffix} reader is disabled: the Python package {library} is missing")
    return importlib.import_module(module).read


def sniff(text: str) -> str:
    """The file type that standard input looks like."""
    head = text[:4000].lower()
    if re.search(r"<(!doctype html|html|body|article|p|div)\b", head):
        return ".html"
    if re.search(r"^(#{1,6} |\s*[-*] |\s*\d+\. \*\*)|\*\*[^*]+\*\*", text[:4000], re.M):
        return ".md"
    return ".txt"


def load_bytes(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """The file's bytes, at most `max_bytes` of them: a larger file is refused."""
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not an article")
    try:
        with open(path, "rb") as handle:
            data = read_bounded(handle, max_bytes, str(path))
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror})") from exc
    note_read(path, data)
    return data


def read_bounded(stream: BinaryIO, max_bytes: int, source: str) -> bytes:
    """Read `stream` to its end, refusing it once it passes `max_bytes`.

    The size is never taken from the file system: a device or a pipe has none."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleError(f"{source}: is larger than {max_bytes / 1e6:g} MB, the limit for an article "
                           "(--max-size MB raises it)")
    return data


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, source: str) -> str:
    """Decode article bytes to text, refusing binary data."""
    if not data:
        raise ArticleError(f"{source}: the file is empty")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise ArticleError(f"{source}: looks like a binary file, not text")
    try:
        decoded = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        # Old articles are often Windows-1252; anything still undecodable is not text.
        decoded = data.decode("cp1252", errors="replace")
    if _control_share(decoded) > 0.05:
        raise ArticleError(f"{source}: looks like a binary file, not text")
    if not decoded.strip():
        raise ArticleError(f"{source}: holds only whitespace")
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f" or ch == "\ufffd")
    return controls / max(len(text), 1)
