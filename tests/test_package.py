"""The packaged edition: M4B, cover, transcripts, JSON chapters, manifest, and `check`."""

import hashlib
import json
import shutil
from html.parser import HTMLParser

import jsonschema
import pytest
import webvtt
from mutagen.id3 import ID3
from PIL import Image

from conftest import REFERENCE_SLUG, ROOT, ffprobe, run_cli

# Slow: every test runs the command line on whole articles; tests/unit covers the outputs and every check (tests/unit) fast.
pytestmark = pytest.mark.slow

SCHEMA = ROOT.parent / "shared" / "notes" / "chapters.schema.json"


@pytest.fixture(scope="module")
def edition(fake_reference_edition):
    return fake_reference_edition.parent


def chapter_list(path):
    return [(c["tags"]["title"], float(c["start_time"]), float(c["end_time"])) for c in ffprobe(path)["chapters"]]


def test_m4b_has_the_mp3s_chapters_and_tags(edition):
    mp3 = chapter_list(edition / f"{REFERENCE_SLUG}.mp3")
    m4b = chapter_list(edition / f"{REFERENCE_SLUG}.m4b")
    assert [c[0] for c in m4b] == [c[0] for c in mp3]
    assert all(abs(a[1] - b[1]) <= 0.05 and abs(a[2] - b[2]) <= 0.05 for a, b in zip(mp3, m4b))
    tags = ffprobe(edition / f"{REFERENCE_SLUG}.m4b")["format"]["tags"]
    assert tags["title"] == "Why Won’t He Let Me In?" and tags["artist"] == "Orna and Matthew Walters"


def test_webvtt_parses_with_ordered_cues_inside_the_audio(edition):
    duration = float(ffprobe(edition / f"{REFERENCE_SLUG}.mp3")["format"]["duration"])
    captions = list(webvtt.read(str(edition / f"{REFERENCE_SLUG}.vtt")))
    times = [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000) for c in captions]
    assert len(captions) > 100
    assert [start for start, _ in times] == sorted(start for start, _ in times)
    assert all(start < end <= duration for start, end in times)


def test_webvtt_voices_name_who_speaks(edition):
    text = (edition / f"{REFERENCE_SLUG}.vtt").read_text()
    assert "<v Heather>Why won’t he let me in?" in text
    assert "<v Orna and Matthew Walters>There are many reasons" in text
    assert "<v Narrator>Reason three of six." in text


def test_srt_parses_like_the_webvtt(edition):
    srt = list(webvtt.from_srt(str(edition / f"{REFERENCE_SLUG}.srt")))
    vtt = list(webvtt.read(str(edition / f"{REFERENCE_SLUG}.vtt")))
    assert [c.start for c in srt] == [c.start for c in vtt]


def test_json_chapters_validate_and_match_the_mp3(edition):
    document = json.loads((edition / "chapters.json").read_text())
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    assert document["version"] == "1.2.0"
    mp3 = chapter_list(edition / f"{REFERENCE_SLUG}.mp3")
    assert [(c["title"], c["startTime"]) for c in document["chapters"]] == [(t, s) for t, s, _ in mp3]


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "h2"
        if self._in:
            self.headings.append("")

    def handle_endtag(self, tag):
        self._in = False if tag == "h2" else self._in

    def handle_data(self, data):
        if self._in:
            self.headings[-1] += data


def test_html_transcript_has_the_chapters_as_headings(edition):
    parser = _Headings()
    parser.feed((edition / "transcript.html").read_text())
    titles = [t for t, _, _ in chapter_list(edition / f"{REFERENCE_SLUG}.mp3")]
    assert all(any(h.startswith(t) for h in parser.headings) for t in titles)


def test_cover_is_a_square_png_embedded_in_the_mp3(edition):
    with Image.open(edition / "cover.png") as image:
        assert image.format == "PNG" and image.size == (1400, 1400)
    tags = ID3(edition / f"{REFERENCE_SLUG}.mp3")
    [picture] = tags.getall("APIC")
    assert picture.data == (edition / "cover.png").read_bytes()
    [lyrics] = tags.getall("USLT")
    assert "Emotional authenticity is the doorway to emotional intimacy." in lyrics.text


def test_manifest_vouches_for_every_file(edition):
    manifest = json.loads((edition / "edition.json").read_text())
    assert set(manifest["files"]) >= {f"{REFERENCE_SLUG}.mp3", f"{REFERENCE_SLUG}.m4b", "cover.png",
                                      f"{REFERENCE_SLUG}.vtt", f"{REFERENCE_SLUG}.srt", "transcript.html",
                                      "chapters.json"}
    for name, entry in manifest["files"].items():
        data = (edition / name).read_bytes()
        assert entry == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert -17 <= manifest["loudness"]["integrated_lufs"] <= -15
    assert manifest["loudness"]["true_peak_dbtp"] <= -1
    assert manifest["duration_ms"] == manifest["chapters"][-1]["end_ms"]
    assert len(manifest["plan"]["segments"]) == len(manifest["chapters"])


def _image(tmp_path, size, kind="PNG"):
    path = tmp_path / f"cover.{kind.lower()}"
    Image.new("RGB", size, (200, 40, 40)).save(path, format=kind)
    return path


@pytest.mark.parametrize("size, message", [((1400, 1000), "must be square"), ((800, 800), "1400 to 3000 px")])
def test_a_cover_that_does_not_fit_is_refused(tmp_path, reference, size, message):
    out = tmp_path / "out"
    result = run_cli("build", str(reference), "--out", str(out), "--engine", "fake",
                     "--cover", str(_image(tmp_path, size)))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert not out.exists()


def test_a_users_jpeg_cover_is_used(tmp_path, reference):
    cover = _image(tmp_path, (1500, 1500), "JPEG")
    result = run_cli("build", str(reference), "--out", str(tmp_path / "out"), "--engine", "fake",
                     "--cover", str(cover))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out" / REFERENCE_SLUG
    assert (folder / "cover.jpg").read_bytes() == cover.read_bytes()
    assert ID3(folder / f"{REFERENCE_SLUG}.mp3").getall("APIC")[0].mime == "image/jpeg"


def test_check_passes_on_a_fresh_build(edition):
    result = run_cli("check", str(edition))
    assert result.returncode == 0, result.stdout
    assert "FAILED" not in result.stdout and "0 failed" in result.stdout


@pytest.fixture
def copy(edition, tmp_path):
    target = tmp_path / "edition"
    shutil.copytree(edition, target)
    return target


def _failures(folder):
    result = run_cli("check", str(folder))
    assert result.returncode == 1
    return [line for line in result.stdout.splitlines() if line.startswith("FAILED")]


def test_check_fails_on_a_replaced_mp3(copy):
    mp3 = copy / f"{REFERENCE_SLUG}.mp3"
    mp3.write_bytes((copy / f"{REFERENCE_SLUG}.mp3").read_bytes()[:-4000] + bytes(4000))
    assert any(f"{mp3.name} does not match the manifest" in line for line in _failures(copy))


def test_check_fails_on_a_truncated_mp3(copy):
    mp3 = copy / f"{REFERENCE_SLUG}.mp3"
    mp3.write_bytes(mp3.read_bytes()[: mp3.stat().st_size // 2])
    failures = _failures(copy)
    assert any("does not match the manifest" in line for line in failures)
    assert any("do not cover the audio" in line for line in failures)


def test_check_fails_on_an_mp3_retagged_without_chapters(copy):
    mp3 = copy / f"{REFERENCE_SLUG}.mp3"
    tags = ID3(mp3)
    tags.delall("CHAP")
    tags.delall("CTOC")
    tags.save(mp3)
    failures = _failures(copy)
    assert any("has 0 chapters; the manifest lists 21" in line for line in failures)
    assert any("table of contents" in line for line in failures)

