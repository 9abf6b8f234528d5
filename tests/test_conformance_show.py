"""Show settings as podcast directories take them: each bad one refused with one line
naming the setting and what is allowed; Apple's categories with subcategories."""

import xml.etree.ElementTree as ET

import pytest

from audio_edition.errors import CoverError, ShowError
from audio_edition.package.cover import load_cover
from audio_edition.publish.show import load_show
from conftest import run_cli

GOOD = {"title": '"Letters"', "author": '"Ana"', "owner_name": '"Ana"', "owner_email": '"ana@example.org"',
        "description": '"Advice."', "language": '"en-US"', "category": '"Society & Culture"',
        "base_url": '"https://example.org/pod"'}


def show_file(tmp_path, **changes):
    settings = {**GOOD, **changes}
    path = tmp_path / "show.toml"
    path.write_text("[show]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()))
    return path


@pytest.mark.parametrize("setting, value, said", [
    ("base_url", '"https://example.org/pod?x=1&y=2"', "base_url must have no query"),
    ("base_url", '"https://example.org/pod#top"', "base_url must have no query"),
    ("base_url", '"https://example.org/my pod"', "base_url must be an http:// or https:// address"),
    ("base_url", '"https://"', "base_url must be an http:// or https:// address with a host"),
    ("owner_email", '"ana at example"', "owner_email must be an e-mail address"),
    ("language", '"klingon!!"', "language must be a language code"),
    ("category", '"Podcasts About Things"', "category must be one of Apple's"),
    ("subcategory", '"Relationships"', None),
    ("subcategory", '"Baseball"', "subcategory must be one of Society & Culture's"),
    ("link", '"javascript:alert(1)"', "link must be an http:// or https:// address"),
    ("title", "{a = 1}", "title must be text"),
])
def test_each_bad_setting_is_refused_naming_it(tmp_path, setting, value, said):
    path = show_file(tmp_path, **{setting: value})
    if said is None:
        assert load_show(path)[0].subcategory == "Relationships"
        return
    with pytest.raises(ShowError, match=said):
        load_show(path)


def test_an_upper_case_scheme_is_an_address_like_any_other(tmp_path):
    show, _ = load_show(show_file(tmp_path, base_url='"HTTP://example.org/pod"'))
    assert show.base_url == "http://example.org/pod/"


def test_publish_refuses_a_bad_show_with_one_error_line(tmp_path):
    path = show_file(tmp_path, language='"klingon!!"')
    result = run_cli("publish", "--remove", "nothing", "--settings", str(path), "--feed", str(tmp_path / "feed.xml"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: {path}: language must be a language code such as "
                                                  "en or en-US (BCP 47), not 'klingon!!'"]


def test_the_feed_names_the_subcategory_inside_its_category(tmp_path):
    from audio_edition.publish.feed import ITUNES, render_feed

    show, _ = load_show(show_file(tmp_path, subcategory='"Relationships"'))
    channel = ET.fromstring(render_feed(show, "https://example.org/pod/feed.xml", "", [])).find("channel")
    [category] = channel.findall(f"{{{ITUNES}}}category")
    assert category.get("text") == "Society & Culture"
    assert [c.get("text") for c in category.findall(f"{{{ITUNES}}}category")] == ["Relationships"]


def test_an_episode_description_stays_within_apples_limit_and_says_what_is_left_out(tmp_path):
    import datetime

    from audio_edition.model import Chapter, Plan
    from audio_edition.package.manifest import file_entry, render_manifest
    from audio_edition.publish.feed import DESCRIPTION_BYTES, publish

    folder = tmp_path / "site" / "long"
    folder.mkdir(parents=True)
    (folder / "long.mp3").write_bytes(b"\xff" * 1000)
    chapters = [Chapter(f"chp{n}", f"Tip {n} of 300: a title of a usual length", n * 1000, (n + 1) * 1000, "tip")
                for n in range(300)]
    manifest = render_manifest(Plan("Long", "Ana", ()), chapters, {"long.mp3": file_entry(folder / "long.mp3")},
                               {}, {}, "key", {"summary": "", "date": "2026-11-02", "show": "S", "language": "en"})
    (folder / "edition.json").write_text(manifest, "utf-8")
    show, _ = load_show(show_file(tmp_path))
    publish([folder], show, tmp_path / "site" / "feed.xml", "https://example.org/pod/cover.png",
            datetime.datetime.now(datetime.timezone.utc))
    [item] = ET.parse(tmp_path / "site" / "feed.xml").getroot().iter("item")
    description = item.find("description").text
    assert len(description.encode()) <= DESCRIPTION_BYTES
    shown = description.count("<li>")
    assert 10 < shown < 300 and f"and {300 - shown} more chapters" in description


def test_a_damaged_cover_is_named_by_its_file(tmp_path):
    from PIL import Image

    whole = tmp_path / "whole.png"
    Image.new("RGB", (1400, 1400), "teal").save(whole)
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole.read_bytes()[:len(whole.read_bytes()) // 2])
    with pytest.raises(CoverError) as error:
        load_cover(cut)
    assert str(cut) in str(error.value) and "<_io" not in str(error.value)


def test_one_option_name_has_one_meaning():
    from click.testing import CliRunner

    from audio_edition.cli import main

    build = CliRunner().invoke(main, ["build", "--help"]).output
    publish = CliRunner().invoke(main, ["publish", "--help"]).output
    assert "--settings" in build and "--settings" in publish, "the show's settings file, in both"
    assert "--show" in build and "--show" not in publish, "--show is the show's name, which only build takes"


def test_republishing_under_another_base_url_moves_every_episode(tmp_path):
    import datetime

    from audio_edition.model import Chapter, Plan
    from audio_edition.package.manifest import file_entry, render_manifest
    from audio_edition.publish.feed import publish

    site = tmp_path / "site"
    for slug in ("first", "second"):
        folder = site / slug
        folder.mkdir(parents=True)
        (folder / f"{slug}.mp3").write_bytes(b"\xff" * 500)
        manifest = render_manifest(Plan(slug.title(), "Ana", ()), [Chapter("chp0", "Only", 0, 1000, "intro")],
                                   {f"{slug}.mp3": file_entry(folder / f"{slug}.mp3")}, {}, {}, "key",
                                   {"summary": "", "date": "2026-11-02", "show": "S", "language": "en"})
        (folder / "edition.json").write_text(manifest, "utf-8")
    now = datetime.datetime.now(datetime.timezone.utc)
    first, _ = load_show(show_file(tmp_path, base_url='"https://one.example/pod"'))
    publish([site / "first"], first, site / "feed.xml", "https://one.example/pod/cover.png", now)
    second, _ = load_show(show_file(tmp_path, base_url='"https://two.example/pod"'))
    publish([site / "second"], second, site / "feed.xml", "https://two.example/pod/cover.png", now)
    urls = [e.get("url") for e in ET.parse(site / "feed.xml").getroot().iter("enclosure")]
    assert sorted(urls) == ["https://two.example/pod/first/first.mp3", "https://two.example/pod/second/second.mp3"]


def test_publishing_one_edition_says_one_edition_and_one_episode(tmp_path):
    from click.testing import CliRunner

    from audio_edition.cli import main
    from audio_edition.model import Chapter, Plan
    from audio_edition.package.manifest import file_entry, render_manifest

    folder = tmp_path / "site" / "only"
    folder.mkdir(parents=True)
    (folder / "only.mp3").write_bytes(b"\xff" * 500)
    manifest = render_manifest(Plan("Only", "Ana", ()), [Chapter("chp0", "Only", 0, 1000, "intro")],
                               {"only.mp3": file_entry(folder / "only.mp3")}, {}, {}, "key",
                               {"summary": "", "date": "2026-11-02", "show": "S", "language": "en"})
    (folder / "edition.json").write_text(manifest, "utf-8")
    result = CliRunner().invoke(main, ["publish", str(folder), "--base-url", "https://example.org/pod"])
    assert result.exit_code == 0, result.output
    assert "Published 1 edition to" in result.output and "(1 episode in all)" in result.output
