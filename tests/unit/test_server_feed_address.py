"""Where the server listens, and the word it has when the feed in its folder was
published for another address."""

import errno

import pytest

from audio_edition.publish.serve import feed_elsewhere, make_server
from audio_edition.publish.show import DEFAULT_SHOW

FEED = """<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Letters</title>
{link}</channel></rss>"""


def published_for(folder, href):
    (folder / "feed.xml").write_text(FEED.format(link=f'<atom:link href="{href}" rel="self"/>'))
    return folder


@pytest.mark.parametrize("href, host, port", [
    ("http://127.0.0.1:8000/feed.xml", "127.0.0.1", 8000),
    ("http://localhost:8000/feed.xml", "127.0.0.1", 8000),
    ("http://127.0.0.1:8000/feed.xml", "localhost", 8000),
    ("http://[::1]:8000/feed.xml", "127.0.0.1", 8000),
    ("http://192.168.1.5:8080/pod/feed.xml", "192.168.1.5", 8080),
    ("http://localhost/feed.xml", "127.0.0.1", 80),
    ("https://127.0.0.1/feed.xml", "127.0.0.1", 443),
    ("https://podcasts.example/feed.xml", "0.0.0.0", 443),
    ("http://podcasts.example:8000/feed.xml", "::", 8000),
])
def test_no_word_when_the_feed_points_at_this_server(tmp_path, href, host, port):
    assert feed_elsewhere(published_for(tmp_path, href), host, port) is None


@pytest.mark.parametrize("href, host, port, published", [
    ("http://127.0.0.1:8000/feed.xml", "127.0.0.1", 8765, "http://127.0.0.1:8000/"),
    ("http://podcasts.example:8000/feed.xml", "127.0.0.1", 8000, "http://podcasts.example:8000/"),
    ("http://localhost/feed.xml", "127.0.0.1", 443, "http://localhost/"),
    ("https://127.0.0.1/feed.xml", "127.0.0.1", 80, "https://127.0.0.1/"),
    ("https://podcasts.example/feed.xml", "127.0.0.1", 443, "https://podcasts.example/"),
    ("http://192.168.1.5:8000/feed.xml", "192.168.1.6", 8000, "http://192.168.1.5:8000/"),
])
def test_a_feed_published_for_another_address_is_named_with_both_addresses(tmp_path, href, host, port, published):
    message = feed_elsewhere(published_for(tmp_path, href), host, port)
    assert message == (f"{tmp_path / 'feed.xml'} links to {published}, but this server is at {host}:{port}: "
                       "podcast apps will not find the episodes (publish again with --base-url)")


@pytest.mark.parametrize("feed", [
    None,
    "<rss><channel>",
    FEED.format(link=""),
    FEED.format(link='<atom:link rel="self"/>'),
    FEED.format(link='<atom:link href="/feed.xml" rel="self"/>'),
    FEED.format(link='<atom:link href="" rel="self"/>'),
])
def test_no_word_when_the_folder_has_no_feed_or_its_feed_names_no_server(tmp_path, feed):
    if feed is not None:
        (tmp_path / "feed.xml").write_text(feed)
    assert feed_elsewhere(tmp_path, "127.0.0.1", 9) is None


def test_by_default_the_server_listens_where_the_default_show_is_published(tmp_path):
    published_for(tmp_path, DEFAULT_SHOW.base_url + "feed.xml")
    try:
        server = make_server(tmp_path)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        pytest.skip("the default port is taken on this machine")
    try:
        host, port = server.server_address
        assert (host, port) == ("127.0.0.1", 8000)
        assert feed_elsewhere(tmp_path, host, port) is None
        assert server.daemon_threads, "a request being answered does not keep the process alive"
    finally:
        server.server_close()
