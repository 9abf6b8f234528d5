"""Serve the output folder over HTTP for podcast apps and browsers on this machine.

Byte ranges let apps seek and resume (206, and 416 for a range past the end); an
ETag and Last-Modified let them revalidate (304) and resume only the file they began
(If-Range). Every answer allows any origin (CORS), so web players can fetch the
transcripts, chapters and feed. Only files inside the folder are served: paths are
resolved, symbolic links included, and anything that lands outside is refused, as are
hidden files (a lock file, `.env`); folders are never listed.
"""

from __future__ import annotations

import mimetypes
import os
import re
import xml.etree.ElementTree as ET
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

_ATOM = "http://www.w3.org/2005/Atom"
"""The feed's own address is its atom:link (publish.feed writes it); importing the feed
module for one name would load the manifest and listening code into the server."""

TYPES = {
    ".mp3": "audio/mpeg", ".m4b": "audio/mp4", ".m4a": "audio/mp4", ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8", ".json": "application/json", ".xml": "application/rss+xml",
    ".html": "text/html; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_MAX_DIGITS = 18
"""A range bound longer than this lies past any file (and Python refuses to read
numbers of thousands of digits)."""
_CHUNK = 64 * 1024
IDLE_SECONDS = 15
"""An idle connection is closed after this long, so idle clients cannot hold every thread."""
_CORS = {"Access-Control-Allow-Origin": "*",
         "Access-Control-Expose-Headers": "Content-Length, Content-Range, Accept-Ranges, ETag, Last-Modified"}


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000,
                idle_seconds: float = IDLE_SECONDS) -> ThreadingHTTPServer:
    """A threaded server for `root`; call `serve_forever()` on it."""
    handler = type("Handler", (_Handler,), {"root": root.resolve(), "timeout": idle_seconds})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    root: Path
    server_version = "audio-edition"
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS

    def version_string(self) -> str:
        return self.server_version  # the Python version is nobody's business

    def end_headers(self) -> None:
        for name, value in _CORS.items():
            self.send_header(name, value)
        super().end_headers()

    def do_OPTIONS(self) -> None:
        """A browser's preflight: any origin may GET and HEAD, with ranges and validators."""
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Range, If-Range, If-None-Match, If-Modified-Since")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the name is the base class's
        pass  # quiet: the CLI says where it serves; per-request lines would drown that

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def _respond(self, send_body: bool) -> None:
        path = self._resolve()
        try:
            handle = open(path, "rb") if path is not None else None
        except OSError:
            handle = None
        if handle is None:
            return self._error(HTTPStatus.NOT_FOUND)
        # One open file gives both the size and the bytes: `publish` renames a new
        # feed.xml into place at any moment, and the path may name another file by now.
        with handle:
            self._answer(handle, path, send_body)

    def _answer(self, handle: BinaryIO, path: Path, send_body: bool) -> None:
        stat = os.fstat(handle.fileno())
        size, validators = stat.st_size, _validators(stat)
        if _not_modified(self.headers, validators):
            return self._not_modified(validators)
        wanted = self.headers.get("Range") if _range_applies(self.headers.get("If-Range"), validators) else None
        span = _parse_range(wanted, size)
        if span == "unsatisfiable":
            return self._error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, {"Content-Range": f"bytes */{size}"})
        start, end = span or (0, size - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
        self.send_header("Content-Type", _content_type(path))
        self.send_header("Content-Length", str(max(0, end - start + 1)))
        self.send_header("Accept-Ranges", "bytes")
        for name, value in validators.items():
            self.send_header(name, value)
        if span:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if send_body:
            self._send_file(handle, start, end - start + 1)

    def _not_modified(self, validators: dict[str, str]) -> None:
        self.send_response(HTTPStatus.NOT_MODIFIED)
        for name, value in validators.items():
            self.send_header(name, value)
        self.end_headers()

    def _resolve(self) -> Path | None:
        """The file the request names, or None if it is missing, hidden, a folder
        without an index page, or outside the served folder."""
        relative = unquote(urlsplit(self.path).path)
        if "\x00" in relative or "\\" in relative or any(_hidden(part) for part in relative.split("/")):
            return None
        try:
            candidate = (self.root / relative.lstrip("/")).resolve()
            if candidate != self.root and self.root not in candidate.parents:
                return None
            if any(_hidden(part) for part in candidate.relative_to(self.root).parts):
                return None  # reached through a link
            if candidate.is_dir():
                candidate = candidate / "index.html"
            return candidate if candidate.is_file() else None
        except (OSError, ValueError):
            return None

    def _send_file(self, handle: BinaryIO, start: int, length: int) -> None:
        try:
            handle.seek(start)
            while length > 0:
                chunk = handle.read(min(_CHUNK, length))
                if not chunk:
                    break
                self.wfile.write(chunk)
                length -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away; nothing to tell it

    def _error(self, status: HTTPStatus, headers: dict | None = None) -> None:
        body = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _parse_range(header: str | None, size: int):
    """(start, end) for one satisfiable byte range, "unsatisfiable", or None for a
    full response (no header, or one this server does not honour, as HTTP allows)."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if len(first) > _MAX_DIGITS or len(last) > _MAX_DIGITS:
        return "unsatisfiable" if len(first) > _MAX_DIGITS else None
    if first == "":
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        if size == 0:
            return None  # the whole of an empty file is its last bytes; no Content-Range can name them
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # an invalid range is ignored
    if start >= size:
        return "unsatisfiable"
    return start, end


def feed_elsewhere(folder: Path, host: str, port: int) -> str | None:
    """Why the feed in `folder` will not be found at this address, if it will not: its
    links name the server it was published for (its base URL), which may be another."""
    feed = folder / "feed.xml"
    try:
        link = ET.parse(feed).getroot().find(f"channel/{{{_ATOM}}}link")
    except (OSError, ET.ParseError):
        return None
    href = urlsplit(link.get("href", "")) if link is not None else None
    if href is None or not href.hostname:
        return None
    published_port = href.port or (443 if href.scheme == "https" else 80)
    loopback = {"127.0.0.1", "localhost", "::1"}
    same_host = host in ("0.0.0.0", "::") or href.hostname == host or {href.hostname, host} <= loopback
    if published_port == port and same_host:
        return None
    return (f"{feed} links to {href.scheme}://{href.netloc}/, but this server is at {host}:{port}: "
            "podcast apps will not find the episodes (publish again with --base-url)")


def _hidden(name: str) -> bool:
    return name.startswith(".") and name not in (".", "..")


def _validators(stat: os.stat_result) -> dict[str, str]:
    """A strong ETag (which file, its size, its change time) and Last-Modified: a
    rebuilt edition is a new file with a new tag, even within the same second."""
    return {"ETag": f'"{stat.st_ino:x}-{stat.st_size:x}-{stat.st_mtime_ns:x}"',
            "Last-Modified": formatdate(stat.st_mtime, usegmt=True)}


def _not_modified(headers, validators: dict[str, str]) -> bool:
    """RFC 9110: If-None-Match decides when present, else If-Modified-Since."""
    tags = headers.get("If-None-Match")
    if tags is not None:
        return tags.strip() == "*" or validators["ETag"] in {t.strip().removeprefix("W/") for t in tags.split(",")}
    since = _http_date(headers.get("If-Modified-Since"))
    modified = _http_date(validators["Last-Modified"])
    return since is not None and modified is not None and modified <= since


def _range_applies(if_range: str | None, validators: dict[str, str]) -> bool:
    """A range is honoured only for the file the client began: If-Range names it by its
    ETag or its date; for any other file the whole of the new one is sent."""
    if if_range is None:
        return True
    if_range = if_range.strip()
    if if_range.startswith('"'):
        return if_range == validators["ETag"]
    return if_range == validators["Last-Modified"]


def _http_date(value: str | None):
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None


def _content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
