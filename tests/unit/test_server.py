"""The server, in this process: containment (against a sibling folder whose name starts
with the served folder's), byte ranges, HEAD, types."""

import threading

import pytest

from audio_edition.publish.serve import _parse_range, make_server
from conftest import http_get as get

DATA = bytes(range(256)) * 40  # 10,240 bytes
TYPES = {".mp3": "audio/mpeg", ".m4b": "audio/mp4", ".m4a": "audio/mp4", ".vtt": "text/vtt; charset=utf-8",
         ".srt": "application/x-subrip; charset=utf-8", ".json": "application/json", ".xml": "application/rss+xml",
         ".html": "text/html; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg", ".JPG": "image/jpeg",
         ".txt": "text/plain", ".css": "text/css"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("served")
    root, private = base / "site", base / "site-private"
    (root / "show").mkdir(parents=True)
    private.mkdir()
    (private / "secret.txt").write_text("private words")
    (base / "site.txt").write_text("private words")
    (root / "show" / "episode.mp3").write_bytes(DATA)
    (root / "show" / "index.html").write_text("<p>show</p>")
    (root / "feed.xml").write_text("<rss/>")
    (root / "index.html").write_text("<p>the show</p>")
    (root / "notes.unknownext").write_text("?")
    (root / "empty").mkdir()
    for name in TYPES:
        (root / f"kind{name}").write_bytes(b"x")
    (root / "to-private").symlink_to(private)
    (root / "to-secret.txt").symlink_to(private / "secret.txt")
    (root / "to-episode.mp3").symlink_to(root / "show" / "episode.mp3")
    server = make_server(root, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", [
    "/../site-private/secret.txt",
    "/%2e%2e/site-private/secret.txt",
    "/%2E%2E/site-private/secret.txt",
    "/..%2fsite-private%2fsecret.txt",
    "/show/../../site-private/secret.txt",
    "/../site.txt",
    "/%2e%2e/site.txt",
    "/to-private/secret.txt",
    "/to-secret.txt",
    "/to-private/",
])
def test_a_sibling_folder_whose_name_starts_alike_is_out_of_reach(site, path):
    response, body = get(site, path)
    assert response.status == 404
    assert b"private words" not in body


@pytest.mark.parametrize("path", ["/empty/", "/empty", "/nothing.mp3", "/%00", "/show%5c..%5cfeed.xml", "/show/x/"])
def test_missing_files_folders_without_a_page_and_odd_names_are_not_found(site, path):
    assert get(site, path)[0].status == 404


def test_files_inside_are_served_with_type_and_length(site):
    response, body = get(site, "/show/episode.mp3")
    assert (response.status, body) == (200, DATA)
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert response.getheader("Content-Length") == str(len(DATA))
    assert response.getheader("Accept-Ranges") == "bytes"
    assert get(site, "/feed.xml")[0].getheader("Content-Type") == "application/rss+xml"
    assert get(site, "/notes.unknownext")[0].getheader("Content-Type") == "application/octet-stream"


@pytest.mark.parametrize("suffix", TYPES)
def test_each_kind_of_file_gets_its_type(site, suffix):
    assert get(site, f"/kind{suffix}")[0].getheader("Content-Type") == TYPES[suffix]


def test_not_found_is_a_short_plain_text_answer(site):
    response, body = get(site, "/nothing")
    assert (response.status, body) == (404, b"404 Not Found\n")
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert response.getheader("Content-Length") == str(len(body))
    assert response.getheader("Server").startswith("audio-edition")


def test_a_link_to_a_file_inside_and_a_folders_page_are_served(site):
    assert get(site, "/to-episode.mp3")[1] == DATA
    assert get(site, "/show/")[1] == b"<p>show</p>"
    assert get(site, "/")[1] == get(site, "/index.html")[1] == b"<p>the show</p>"
    assert get(site, "/show/./../show/episode.mp3?x=1")[1] == DATA


@pytest.mark.parametrize("header, part", [
    ("bytes=0-99", slice(0, 100)),
    ("bytes=100-", slice(100, None)),
    ("bytes=-50", slice(-50, None)),
    ("bytes=10240-", None),
    ("bytes=10000-99999", slice(10000, None)),
    ("bytes=0-0", slice(0, 1)),
    ("bytes=-99999", slice(0, None)),
])
def test_byte_ranges(site, header, part):
    response, body = get(site, "/show/episode.mp3", {"Range": header})
    if part is None:
        assert response.status == 416
        assert response.getheader("Content-Range") == f"bytes */{len(DATA)}"
        return
    start = range(len(DATA))[part][0]
    assert response.status == 206 and body == DATA[part]
    assert response.getheader("Content-Range") == f"bytes {start}-{start + len(body) - 1}/{len(DATA)}"
    assert response.getheader("Content-Length") == str(len(body))


@pytest.mark.parametrize("header", ["bytes=10-5", "bytes=abc", "bytes=-", "items=0-5", "bytes=0-5,10-20"])
def test_a_range_the_server_does_not_honour_gets_the_whole_file(site, header):
    response, body = get(site, "/show/episode.mp3", {"Range": header})
    assert (response.status, body) == (200, DATA)
    assert response.getheader("Content-Range") is None


def test_head_has_the_headers_of_get_and_no_body(site):
    head, body = get(site, "/show/episode.mp3", method="HEAD")
    assert head.status == 200 and body == b""
    assert head.getheader("Content-Length") == str(len(DATA))
    missing, body = get(site, "/nothing", method="HEAD")
    assert missing.status == 404 and body == b""


def test_range_parsing_at_its_edges():
    assert _parse_range(None, 100) is None
    assert _parse_range("", 100) is None
    assert _parse_range(" bytes=5-9 ", 100) == (5, 9)
    assert _parse_range("bytes=99-", 100) == (99, 99)
    assert _parse_range("bytes=100-", 100) == "unsatisfiable"
    assert _parse_range("bytes=-0", 100) == "unsatisfiable"
    assert _parse_range("bytes=-1", 100) == (99, 99)
    assert _parse_range("bytes=5-5", 100) == (5, 5)
    assert _parse_range("bytes=6-5", 100) is None
