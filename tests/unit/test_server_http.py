"""The server as HTTP clients see it, on the wire: a browser's preflight, conditional
requests and resuming only the file begun, ranges at their edges, error answers, HEAD,
several requests on one kept-alive connection, and an idle connection closed."""

import http.client
import os
import socket
import threading
from email.utils import parsedate_to_datetime

import pytest
from conftest import http_get as get

from audio_edition.publish.serve import make_server

DATA = bytes(range(256)) * 40 + b"odd"  # 10,243 bytes
SIZE = len(DATA)
MODIFIED = 1_577_836_800
MODIFIED_TEXT = "Wed, 01 Jan 2020 00:00:00 GMT"
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "Content-Length, Content-Range, Accept-Ranges, ETag, Last-Modified"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    (root / "episode.mp3").write_bytes(DATA)
    (root / "empty.mp3").write_bytes(b"")
    (root / "notes.txt").write_text("notes")
    (root / "data.unknownext").write_text("?")
    (root / "captions.VTT").write_text("WEBVTT\n")
    (root / "back\\slash.txt").write_text("a name with a backslash")
    (root / ".hidden").mkdir()
    (root / "index.html").write_text("<p>the show</p>")
    os.mkfifo(root / "pipe.mp3")
    for name in ("episode.mp3", "empty.mp3", "notes.txt"):
        os.utime(root / name, (MODIFIED, MODIFIED))
    server = make_server(root, port=0, idle_seconds=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def exchange(port: int, method: str, path: str, headers: dict | None = None):
    """One request on its own connection, read to the end as the bytes came: the status
    line, the headers with their names as sent (Date set apart), and the body."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status, *fields = head.decode("latin-1").split("\r\n")
    answer = dict(field.split(": ", 1) for field in fields)
    assert len(answer) == len(fields), "no header is sent twice"
    assert parsedate_to_datetime(answer.pop("Date")).tzinfo is not None
    return status, answer, body


def etag_of(port: int, path: str = "/episode.mp3") -> str:
    return get(port, path, method="HEAD")[0].getheader("ETag")


def test_a_preflight_lets_any_origin_get_and_head_with_ranges_and_validators(site):
    status, headers, body = exchange(site, "OPTIONS", "/episode.mp3", {
        "Origin": "https://player.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "range, if-range"})
    assert (status, body) == ("HTTP/1.1 204 No Content", b"")
    assert headers == {
        "Server": "audio-edition",
        "Allow": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Range, If-Range, If-None-Match, If-Modified-Since",
        "Access-Control-Max-Age": "86400",
        "Content-Length": "0",
        **CORS,
    }


def test_a_whole_file_comes_with_its_type_length_validators_and_cors_headers(site):
    status, headers, body = exchange(site, "GET", "/episode.mp3")
    assert (status, body) == ("HTTP/1.1 200 OK", DATA)
    etag = headers.pop("ETag")
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2
    assert headers == {"Server": "audio-edition", "Content-Type": "audio/mpeg", "Content-Length": str(SIZE),
                       "Accept-Ranges": "bytes", "Last-Modified": MODIFIED_TEXT, **CORS}


def test_head_sends_the_headers_of_get_and_not_a_byte_of_body(site):
    get_status, get_headers, _ = exchange(site, "GET", "/episode.mp3")
    status, headers, body = exchange(site, "HEAD", "/episode.mp3")
    assert (status, headers, body) == (get_status, get_headers, b"")


def test_a_part_names_its_place_in_the_whole(site):
    status, headers, body = exchange(site, "GET", "/episode.mp3", {"Range": "bytes=100-199"})
    assert (status, body) == ("HTTP/1.1 206 Partial Content", DATA[100:200])
    assert headers["Content-Range"] == f"bytes 100-199/{SIZE}"
    assert headers["Content-Length"] == "100" and headers["Accept-Ranges"] == "bytes"
    assert headers["ETag"] == etag_of(site) and headers["Last-Modified"] == MODIFIED_TEXT


def test_a_range_past_the_end_is_refused_with_the_files_size(site):
    status, headers, body = exchange(site, "GET", "/episode.mp3", {"Range": f"bytes={SIZE}-"})
    assert (status, body) == ("HTTP/1.1 416 Requested Range Not Satisfiable", b"416 Requested Range Not Satisfiable\n")
    assert headers == {"Server": "audio-edition", "Content-Range": f"bytes */{SIZE}",
                       "Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(body)), **CORS}


def test_a_missing_file_is_a_short_plain_answer_and_head_gets_no_body(site):
    status, headers, body = exchange(site, "GET", "/nothing.mp3")
    assert (status, body) == ("HTTP/1.1 404 Not Found", b"404 Not Found\n")
    assert headers == {"Server": "audio-edition", "Content-Type": "text/plain; charset=utf-8",
                       "Content-Length": "14", **CORS}
    assert exchange(site, "HEAD", "/nothing.mp3") == (status, headers, b"")


def test_not_modified_carries_the_validators_and_no_body(site):
    etag = etag_of(site)
    status, headers, body = exchange(site, "GET", "/episode.mp3", {"If-None-Match": etag})
    assert (status, body) == ("HTTP/1.1 304 Not Modified", b"")
    assert headers == {"Server": "audio-edition", "ETag": etag, "Last-Modified": MODIFIED_TEXT, **CORS}


@pytest.mark.parametrize("tags, status", [
    ("{etag}", 304),
    ("*", 304),
    ("W/{etag}", 304),
    ('{etag}, "other"', 304),
    ('"other",{etag}', 304),
    ('"other"', 200),
    ('"other", W/"else"', 200),
])
def test_if_none_match_compares_each_listed_tag_weakly(site, tags, status):
    response, body = get(site, "/episode.mp3", {"If-None-Match": tags.format(etag=etag_of(site))})
    assert response.status == status
    assert body == (DATA if status == 200 else b"")


@pytest.mark.parametrize("since, status", [
    (MODIFIED_TEXT, 304),
    ("Thu, 02 Jan 2020 00:00:00 GMT", 304),
    ("Tue, 31 Dec 2019 23:59:59 GMT", 200),
    ("not a date", 200),
    ("", 200),
])
def test_if_modified_since_compares_with_the_files_time(site, since, status):
    assert get(site, "/episode.mp3", {"If-Modified-Since": since})[0].status == status


def test_if_none_match_decides_over_if_modified_since(site):
    headers = {"If-None-Match": '"other"', "If-Modified-Since": MODIFIED_TEXT}
    assert get(site, "/episode.mp3", headers)[0].status == 200
    headers = {"If-None-Match": etag_of(site), "If-Modified-Since": "Tue, 31 Dec 2019 00:00:00 GMT"}
    assert get(site, "/episode.mp3", headers)[0].status == 304


@pytest.mark.parametrize("if_range, status", [
    ("{etag}", 206),
    (" {etag} ", 206),
    (MODIFIED_TEXT, 206),
    ('"another-file"', 200),
    ("W/{etag}", 200),
    ("Thu, 02 Jan 2020 00:00:00 GMT", 200),
])
def test_a_resume_is_honoured_only_for_the_file_begun(site, if_range, status):
    response, body = get(site, "/episode.mp3", {"Range": "bytes=10-", "If-Range": if_range.format(etag=etag_of(site))})
    assert (response.status, body) == (status, DATA[10:] if status == 206 else DATA)


@pytest.mark.parametrize("header, part", [
    ("bytes=000000000000000100-000000000000000199", slice(100, 200)),
    (f"bytes={SIZE - 1}-", slice(SIZE - 1, None)),
    ("bytes=-1", slice(SIZE - 1, None)),
    (f"bytes=-{SIZE + 5}", slice(0, None)),
    ("bytes=7-7", slice(7, 8)),
    (f"bytes=0-{SIZE}", slice(0, None)),
])
def test_ranges_at_their_edges(site, header, part):
    response, body = get(site, "/episode.mp3", {"Range": header})
    start = range(SIZE)[part][0]
    assert (response.status, body) == (206, DATA[part])
    assert response.getheader("Content-Range") == f"bytes {start}-{start + len(body) - 1}/{SIZE}"


@pytest.mark.parametrize("header", [
    "bytes=0-9999999999999999999",
    "bytes=000000000000000000-9999999999999999999",
    "bytes=8-7",
    "bytes=-",
    "bits=0-5",
])
def test_a_range_not_honoured_gets_the_whole_file(site, header):
    response, body = get(site, "/episode.mp3", {"Range": header})
    assert (response.status, body) == (200, DATA)


@pytest.mark.parametrize("header", [
    "bytes=9999999999999999999-",
    "bytes=" + "9" * 5000 + "-",
    "bytes=-0",
    f"bytes={SIZE}-{SIZE + 10}",
])
def test_a_range_no_part_of_the_file_can_satisfy_is_refused(site, header):
    response, _ = get(site, "/episode.mp3", {"Range": header})
    assert response.status == 416
    assert response.getheader("Content-Range") == f"bytes */{SIZE}"


def test_an_empty_file_is_served_whole_and_has_no_part_to_send(site):
    response, body = get(site, "/empty.mp3")
    assert (response.status, body, response.getheader("Content-Length")) == (200, b"", "0")
    assert get(site, "/empty.mp3", method="HEAD")[0].getheader("Content-Length") == "0"
    assert get(site, "/empty.mp3", {"Range": "bytes=0-"})[0].status == 416
    response, body = get(site, "/empty.mp3", {"Range": "bytes=-5"})
    assert (response.status, body, response.getheader("Content-Range")) == (200, b"", None)


def test_several_requests_on_one_connection_each_get_exactly_their_answer(site):
    connection = http.client.HTTPConnection("127.0.0.1", site, timeout=5)
    asked = [("GET", "/episode.mp3", {"Range": "bytes=0-99"}, 206, DATA[:100]),
             ("HEAD", "/episode.mp3", {}, 200, b""),
             ("HEAD", "/nothing.mp3", {}, 404, b""),
             ("GET", "/episode.mp3", {"Range": "bytes=5000-5001"}, 206, DATA[5000:5002]),
             ("GET", "/nothing.mp3", {}, 404, b"404 Not Found\n"),
             ("GET", "/episode.mp3", {"If-None-Match": "*"}, 304, b""),
             ("GET", "/episode.mp3", {}, 200, DATA)]
    try:
        for method, path, headers, status, expected in asked:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            assert (response.status, response.read()) == (status, expected)
    finally:
        connection.close()


@pytest.mark.parametrize("path", [
    "/back%5cslash.txt",
    "/.hidden/../episode.mp3",
    "/%2ehidden/../episode.mp3",
    "/pipe.mp3",
    "/../served/episode.mp3",
])
def test_odd_names_hidden_folders_pipes_and_the_way_out_are_not_found(site, path):
    response, body = get(site, path)
    assert (response.status, body) == (404, b"404 Not Found\n")


def test_the_folder_itself_serves_its_page_and_dot_segments_inside_are_followed(site):
    assert get(site, "/")[1] == b"<p>the show</p>"
    assert get(site, "/./index.html")[1] == get(site, "/nothing/../index.html")[1] == b"<p>the show</p>"


@pytest.mark.parametrize("path, kind", [
    ("/notes.txt", "text/plain"),
    ("/captions.VTT", "text/vtt; charset=utf-8"),
    ("/data.unknownext", "application/octet-stream"),
])
def test_types_come_from_the_projects_table_then_the_systems_guess(site, path, kind):
    assert get(site, path)[0].getheader("Content-Type") == kind


def test_an_idle_connection_is_closed_after_the_servers_idle_time(site):
    with socket.create_connection(("127.0.0.1", site), timeout=5) as idle:
        assert idle.recv(1) == b""
