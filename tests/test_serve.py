"""`audio-edition serve`: ranges, types, no escape from the folder; gPodder downloads from it."""

import filecmp
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import EXAMPLE, run_cli
from conftest import http_get as get

# Slow: builds and serves through the command line; tests/unit/test_server.py covers
# containment, ranges and HEAD fast.
pytestmark = pytest.mark.slow

SLUG = "my-sister-wont-share-the-garden-what-now"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    assert run_cli("build", str(EXAMPLE), "--out", str(root), "--engine", "fake").returncode == 0
    (root / "empty-folder").mkdir()
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("not for the web")
    (root / "link-out").symlink_to(outside)
    port = free_port()
    assert run_cli("publish", str(root / SLUG), "--base-url", f"http://127.0.0.1:{port}/").returncode == 0
    server = subprocess.Popen([sys.executable, "-m", "audio_edition", "serve", str(root), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    assert "Serving" in server.stderr.readline()
    yield root, port
    server.terminate()
    server.wait(10)


def test_files_come_with_type_and_length(site):
    root, port = site
    response, body = get(port, f"/{SLUG}/{SLUG}.mp3")
    assert response.status == 200
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert int(response.getheader("Content-Length")) == len(body) == (root / SLUG / f"{SLUG}.mp3").stat().st_size
    assert get(port, f"/{SLUG}/{SLUG}.vtt")[0].getheader("Content-Type").startswith("text/vtt")
    assert get(port, "/feed.xml")[0].getheader("Content-Type") == "application/rss+xml"


@pytest.mark.parametrize("header, status, part", [
    ("bytes=0-99", 206, slice(0, 100)),
    ("bytes=100-", 206, slice(100, None)),
    ("bytes=-50", 206, slice(-50, None)),
    ("bytes=10-5", 200, slice(None)),
    ("bytes=abc", 200, slice(None)),
    ("bytes=99999999-", 416, None),
])
def test_byte_ranges(site, header, status, part):
    root, port = site
    data = (root / SLUG / f"{SLUG}.mp3").read_bytes()
    response, body = get(port, f"/{SLUG}/{SLUG}.mp3", {"Range": header})
    assert response.status == status
    if status == 416:
        assert response.getheader("Content-Range") == f"bytes */{len(data)}"
    else:
        assert body == data[part]
    if status == 206:
        start = len(data) - len(body) if header.startswith("bytes=-") else int(header[6:].split("-")[0])
        assert response.getheader("Content-Range") == f"bytes {start}-{start + len(body) - 1}/{len(data)}"


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "//etc/passwd",
    "/link-out", "/empty-folder/", "/no-such-file.mp3", "/%00",
])
def test_nothing_outside_the_folder_and_no_listing(site, path):
    response, body = get(site[1], path)
    assert response.status in (403, 404)
    assert b"root:" not in body and b"not for the web" not in body


def test_head_gives_headers_without_a_body(site):
    response, body = get(site[1], "/feed.xml", method="HEAD")
    assert response.status == 200 and body == b"" and int(response.getheader("Content-Length")) > 0


@pytest.mark.slow
def test_200_concurrent_requests_all_complete(site):
    root, port = site
    expected = (root / SLUG / "chapters.json").read_bytes()
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda _: get(port, f"/{SLUG}/chapters.json"), range(200)))
    assert all(r.status == 200 and body == expected for r, body in results)


def test_a_slow_client_does_not_block_others(site):
    root, port = site
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x\r\n")  # never finishes its request
    started = time.monotonic()
    response, _ = get(port, "/feed.xml")
    assert response.status == 200 and time.monotonic() - started < 5
    slow.close()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("gpo") is None, reason="gPodder's gpo is not installed")
def test_gpodder_subscribes_and_downloads_the_episode_byte_for_byte(site, tmp_path):
    root, port = site
    env = {**os.environ, "GPODDER_HOME": str(tmp_path / "gpodder"), "GPODDER_DOWNLOAD_DIR": str(tmp_path / "dl")}
    for command in (["subscribe", f"http://127.0.0.1:{port}/feed.xml"], ["download"]):
        result = subprocess.run(["gpo", *command], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    [downloaded] = [p for p in (tmp_path / "dl").rglob("*.mp3")]
    assert filecmp.cmp(downloaded, root / SLUG / f"{SLUG}.mp3", shallow=False)


def test_a_file_replaced_while_it_is_requested_is_sent_whole(tmp_path, monkeypatch):
    """publish replaces feed.xml by a rename; the answer is either file, whole, never one's
    length with the other's bytes."""
    import threading

    from audio_edition.publish import serve

    old, new = b"<rss>old</rss>\n", b"<rss>" + b"new " * 500 + b"</rss>\n"
    (tmp_path / "feed.xml").write_bytes(old)
    replacement = tmp_path / "replacement"
    replacement.write_bytes(new)

    def open_after_a_publish(path, *args, **kwargs):
        if replacement.exists():  # the rename lands between the request's first look and its read
            os.replace(replacement, tmp_path / "feed.xml")
        return open(path, *args, **kwargs)

    monkeypatch.setattr(serve, "open", open_after_a_publish, raising=False)
    server = serve.make_server(tmp_path, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        response, body = get(server.server_address[1], "/feed.xml")
    finally:
        server.shutdown()
        server.server_close()
    assert body in (old, new)
    assert int(response.getheader("Content-Length")) == len(body)
