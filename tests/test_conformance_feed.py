"""The feeds the project writes, held to the W3C validator's, Apple's and Podcast
Index's rules (tests/feed_rules.py), and the rules themselves shown to catch a bad feed."""

import pytest

from conftest import run_cli
from feed_rules import problems

# Slow: the feed comes from editions built by the command line (one of 300 chapters).
pytestmark = pytest.mark.slow

BASE = "https://podcasts.example/show/"


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    out = tmp_path_factory.mktemp("feed-rules")
    hostile = out.parent / "hostile.md"
    hostile.write_text('# Q&A: "Is <3 Enough?" & Other ]]> Questions\n\nBy Sam <Rivera> & Co\n\n'
                       "Dear Sam, is <3 enough?\n\n— Torn\n\nDear Torn, yes.\n")
    tips = out.parent / "tips.txt"
    tips.write_text("Ten Tips\n\n" + "".join(f"{n}. Tip Number {n}\n\nSay it once.\n\n" for n in range(1, 301)))
    for article in (hostile, tips):
        built = run_cli("build", str(article), "--out", str(out), "--engine", "fake")
        assert built.returncode == 0, built.stderr
    published = run_cli("publish", *[str(p) for p in sorted(out.iterdir()) if p.is_dir()], "--base-url", BASE)
    assert published.returncode == 0, published.stderr
    return (out / "feed.xml").read_bytes()


def test_the_published_feed_breaks_no_rule(feed):
    assert problems(feed, BASE + "feed.xml") == []


@pytest.mark.parametrize("break_it, rule", [
    (lambda f: f.replace(b"+0000</pubDate>", b"</pubDate>", 1), "is not an RFC 822 date"),
    (lambda f: f.replace(b'isPermaLink="false"', b"", 1), 'must say isPermaLink="false"'),
    (lambda f: f.replace(b'type="audio/mpeg"', b'type="video/ogg"', 1), "is not an audio type"),
    (lambda f: f.replace(b"https://podcasts.example/show/", b"/show/", 1), "is not an absolute"),
    (lambda f: f.replace(b"<itunes:explicit>false", b"<itunes:explicit>no", 1), "itunes:explicit must be"),
    (lambda f: f.replace(b"</description>", b"x" * 5000 + b"</description>", 2), "over Apple's"),
])
def test_each_rule_catches_the_fault_it_is_for(feed, break_it, rule):
    assert any(rule in problem for problem in problems(break_it(feed), BASE + "feed.xml"))
