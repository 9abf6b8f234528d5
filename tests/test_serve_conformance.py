"""The server as podcast apps and browsers expect it: CORS, validators and conditional
requests, resuming only the file begun, bounded ranges and idle connections, hidden
files, a quiet Server header, and a word when the feed points elsewhere."""

import os
import socket
import subprocess
import threading
import time

import pytest

from audio_edition.publish.serve import feed_elsewhere, make_server
from conftest import http_get as ask

DATA = bytes(range(256)) * 40


@pytest.fixture()
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "episode.mp3").write_bytes(DATA)
    (root / "episode.vtt").write_text("WEBVTT\n")
    (root / "chapters.json").write_text("{}")
    (root / "feed.xml").write_text("<rss/>")
    (root / ".env").write_text("SECRET=1")
    (root / ".feed.xml.lock").write_text("")
    (root / "env-link").symlink_to(root / ".env")
    server = make_server(root, port=0, idle_seconds=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/episode.vtt", "/chapters.json", "/feed.xml", "/episode.mp3"])
def test_every_file_may_be_fetched_by_a_web_player(site, path):
    response, _ = ask(site[1], path)
    assert response.status == 200 and response.getheader("Access-Control-Allow-Origin") == "*"


def test_a_preflight_is_answered(site):
    response, body = ask(site[1], "/episode.vtt", {"Origin": "https://player.example",
                                                  "Access-Control-Request-Method": "GET"}, method="OPTIONS")
    assert response.status == 204 and body == b""
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    assert "Range" in response.getheader("Access-Control-Allow-Headers")


def test_validators_let_a_client_revalidate(site):
    first, _ = ask(site[1], "/episode.mp3")
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag.startswith('"') and modified.endswith("GMT")
    assert ask(site[1], "/episode.mp3", {"If-None-Match": etag})[0].status == 304
    assert ask(site[1], "/episode.mp3", {"If-Modified-Since": modified})[0].status == 304
    older = "Mon, 01 Jan 1990 00:00:00 GMT"
    assert ask(site[1], "/episode.mp3", {"If-Modified-Since": older})[0].status == 200
    assert ask(site[1], "/episode.mp3", {"If-None-Match": '"another"', "If-Modified-Since": modified})[0].status == 200


def test_a_rebuilt_file_has_a_new_tag_and_a_resume_across_it_gets_the_whole_new_file(site):
    root, port = site
    etag = ask(port, "/episode.mp3")[0].getheader("ETag")
    assert ask(port, "/episode.mp3", {"Range": "bytes=100-", "If-Range": etag})[0].status == 206
    rebuilt = bytes(reversed(DATA))
    (root / "new.mp3").write_bytes(rebuilt)
    os.replace(root / "new.mp3", root / "episode.mp3")
    response, body = ask(port, "/episode.mp3", {"Range": "bytes=100-", "If-Range": etag})
    assert response.status == 200 and body == rebuilt and response.getheader("ETag") != etag


def test_a_range_of_thousands_of_digits_is_refused_and_the_server_goes_on(site):
    response, _ = ask(site[1], "/episode.mp3", {"Range": "bytes=" + "9" * 5000 + "-"})
    assert response.status == 416
    assert ask(site[1], "/episode.mp3")[1] == DATA


def test_an_idle_connection_is_closed(site):
    with socket.create_connection(("127.0.0.1", site[1]), timeout=10) as idle:
        started = time.monotonic()
        assert idle.recv(1) == b""  # the server closed it
        assert time.monotonic() - started < 8


@pytest.mark.parametrize("path", ["/.env", "/.feed.xml.lock", "/env-link", "/%2eenv"])
def test_hidden_files_are_not_served(site, path):
    assert ask(site[1], path)[0].status == 404


def test_the_server_header_names_no_python(site):
    assert ask(site[1], "/episode.mp3")[0].getheader("Server") == "audio-edition"


def test_curl_sees_the_validators_and_ranges(site):
    result = subprocess.run(["curl", "-sI", f"http://127.0.0.1:{site[1]}/episode.mp3"], capture_output=True,
                            text=True, timeout=30)
    headers = result.stdout.lower()
    assert "etag:" in headers and "last-modified:" in headers and "accept-ranges: bytes" in headers


FEED = """<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<atom:link href="{href}" rel="self" type="application/rss+xml"/></channel></rss>"""


@pytest.mark.parametrize("href, host, port, warned", [
    ("http://127.0.0.1:8000/feed.xml", "127.0.0.1", 8000, False),
    ("http://localhost:8000/feed.xml", "127.0.0.1", 8000, False),
    ("http://127.0.0.1:8000/feed.xml", "127.0.0.1", 8765, True),
    ("https://podcasts.example/feed.xml", "0.0.0.0", 443, False),
    ("https://podcasts.example/feed.xml", "127.0.0.1", 8000, True),
])
def test_serving_where_the_feed_does_not_point_is_said(tmp_path, href, host, port, warned):
    (tmp_path / "feed.xml").write_text(FEED.format(href=href))
    message = feed_elsewhere(tmp_path, host, port)
    assert bool(message) == warned
    if warned:
        assert href.rsplit("/", 1)[0] in message
