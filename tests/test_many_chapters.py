"""Editions of more than 255 chapters: one ID3 table of contents names at most 255, so
the tables nest; every container, the JSON chapters and the player page agree."""

import json
from html.parser import HTMLParser

import pytest
from mutagen.id3 import ID3, CTOCFlags

from audio_edition import pipeline
from audio_edition.settings import BuildSettings
from conftest import EXAMPLE, ffprobe, run_cli

TIPS = 299


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    segments = [{"kind": "intro", "title": "Opening", "text": "Three hundred small tips, read aloud."}]
    segments += [{"kind": "tip", "title": f"Rest idea {n}", "text": f"Idea {n} is to rest."} for n in range(1, TIPS + 1)]
    plan = root / "many.json"
    plan.write_text(json.dumps({"title": "Many Small Tips", "authors": "A. Writer", "segments": segments}))
    result = run_cli("build", "--plan", str(plan), "--out", str(root / "out"), "--engine", "fake",
                     "--format", "mp3,m4b", "--cache-dir", str(root / "cache"))
    assert result.returncode == 0, result.stderr
    return root / "out" / "many-small-tips"


def _ffprobe_chapters(path):
    return [(c["tags"]["title"], round(float(c["start_time"]), 2)) for c in ffprobe(path)["chapters"]]


@pytest.mark.slow
def test_players_read_every_chapter_of_the_mp3_and_the_m4b(edition):
    mp3 = _ffprobe_chapters(edition / "many-small-tips.mp3")
    assert len(mp3) == TIPS + 1 and mp3[-1][0].endswith(f"Rest idea {TIPS}")
    assert _ffprobe_chapters(edition / "many-small-tips.m4b") == mp3


@pytest.mark.slow
def test_nested_tables_of_contents_name_every_chapter_in_time_order(edition):
    tags = ID3(edition / "many-small-tips.mp3")
    tables = {t.element_id: t for t in tags.getall("CTOC")}
    [top] = [t for t in tables.values() if t.flags & CTOCFlags.TOP_LEVEL]
    assert all(len(t.child_element_ids) <= 255 for t in tables.values())

    def walk(table):
        for child in table.child_element_ids:
            yield from walk(tables[child]) if child in tables else [child]

    starts = {c.element_id: c.start_time for c in tags.getall("CHAP")}
    named = list(walk(top))
    assert len(named) == len(starts) == TIPS + 1 and set(named) == set(starts)
    assert [starts[i] for i in named] == sorted(starts.values())


@pytest.mark.slow
def test_json_chapters_and_the_player_page_list_the_same_chapters(edition):
    mp3 = _ffprobe_chapters(edition / "many-small-tips.mp3")
    document = json.loads((edition / "chapters.json").read_text())
    assert [(c["title"], round(c["startTime"], 2)) for c in document["chapters"]] == mp3
    page = _ChapterButtons()
    page.feed((edition / "index.html").read_text())
    assert [(title, round(float(start), 2)) for start, title in page.buttons] == mp3


class _ChapterButtons(HTMLParser):
    """(data-start, title) of each button in the page's chapter list."""

    def __init__(self):
        super().__init__()
        self.buttons, self._in_chapters, self._button = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "chapters" in (attrs.get("class") or "").split():
            self._in_chapters = True
        elif tag == "button" and self._in_chapters and "data-start" in attrs:
            self._button = [attrs["data-start"], ""]
        elif tag == "span" and self._button:
            self.buttons.append((self._button[0], self._button[1].strip()))
            self._button = None

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_chapters = False

    def handle_data(self, data):
        if self._button:
            self._button[1] += data


@pytest.mark.slow
def test_check_passes(edition):
    result = run_cli("check", str(edition))
    assert result.returncode == 0, result.stdout


@pytest.mark.slow  # builds whole editions: the unit tests cover its parts
def test_an_unexpected_failure_in_one_article_does_not_stop_the_batch(tmp_path, monkeypatch):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("A First Letter\n\nBy A. Writer\n\nA short letter.\n")
    second.write_text(EXAMPLE.read_text())
    real = pipeline.plan_article

    def plan_article(path, *args):
        if path == first:
            raise RuntimeError("a fault nobody foresaw")
        return real(path, *args)

    monkeypatch.setattr(pipeline, "plan_article", plan_article)
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", workers=1)
    results = pipeline.build_editions([first, second], settings, keep_going=True)
    assert results[0].edition is None and "a fault nobody foresaw" in results[0].error
    assert results[1].edition is not None and results[1].edition.audio_path.is_file()
    with pytest.raises(RuntimeError):  # one article alone: the fault is not hidden
        pipeline.build_editions([first], settings, keep_going=False)
