"""Input readers, keyed by file type. Each turns raw bytes into a `Document`."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from audio_edition.errors import ArticleError
from audio_edition.model import Document
from audio_edition.readers import text

Reader = Callable[[str, str], Document]
"""A reader takes the decoded text and a source name, and returns a `Document`."""

READERS: dict[str, Reader] = {
    ".txt": text.read,
    "": text.read,
}


def read_article(path: Path) -> Document:
    """Read the article at `path` with the reader for its file type."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(s for s in READERS if s))
        raise ArticleError(f"{path}: unsupported file type {path.suffix!r} (supported: {known})")
    return reader(decode(load_bytes(path), str(path)), str(path))


def load_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not an article")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror})") from exc


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
