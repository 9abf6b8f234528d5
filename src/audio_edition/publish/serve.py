"""Serve the output folder over HTTP for podcast apps and browsers on this machine.

Byte ranges let apps seek and resume (206, and 416 for a range past the end). Only
files inside the folder are served: paths are resolved, symbolic links included,
and anything that lands outside is refused; folders are never listed.
"""

from __future__ import annotations

import mimetypes
import os
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

TYPES = {
    ".mp3": "audio/mpeg", ".m4b": "audio/mp4", ".m4a": "audio/mp4", ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8", ".json": "application/json", ".xml": "application/rss+xml",
    ".html": "text/html; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A threaded server for `root`; call `serve_forever()` on it."""
    handler = type("Handler", (_Handler,), {"root": root.resolve()})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    root: Path
    server_version = "audio-edition"
    protocol_version = "HTTP/1.1"

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
        size = os.fstat(handle.fileno()).st_size
        span = _parse_range(self.headers.get("Range"), size)
        if span == "unsatisfiable":
            return self._error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, {"Content-Range": f"bytes */{size}"})
        start, end = span or (0, size - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
        self.send_header("Content-Type", _content_type(path))
        self.send_header("Content-Length", str(max(0, end - start + 1)))
        self.send_header("Accept-Ranges", "bytes")
        if span:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if send_body:
            self._send_file(handle, start, end - start + 1)

    def _resolve(self) -> Path | None:
        """The file the request names, or None if it is missing, a folder without an
        index page, or outside the served folder."""
        relative = unquote(urlsplit(self.path).path)
        if "\x00" in relative or "\\" in relative:
            return None
        try:
            candidate = (self.root / relative.lstrip("/")).resolve()
            if candidate != self.root and self.root not in candidate.parents:
                return None
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
    if first == "":
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # an invalid range is ignored
    if start >= size:
        return "unsatisfiable"
    return start, end


def _content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
