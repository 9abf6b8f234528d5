"""The M4B encoded from the tagged MP3: written over what was there before."""

from mutagen.mp4 import MP4

from audio_edition.model import Chapter
from audio_edition.package.id3 import Tags
from audio_edition.package.m4b import encode_m4b
from audio_edition.tools import ffprobe
from editions import silent_mp3

TAGS = Tags(title="Letters", artist="Ana Ruiz", album="The Show", date="2026-11-29", comment="A reply.",
            language="eng")
CHAPTERS = (Chapter("chp0", "Opening", 0, 500, "intro"), Chapter("chp1", "The Letter", 500, 1000, "letter"))


def test_encoding_over_an_earlier_m4b_replaces_it(tmp_path):
    mp3 = silent_mp3(tmp_path / "a.mp3")
    m4b = tmp_path / "a.m4b"
    m4b.write_bytes(b"an older, broken edition")
    encode_m4b(mp3, TAGS, CHAPTERS, None, m4b)
    assert [c["tags"]["title"] for c in ffprobe(m4b)["chapters"]] == ["Opening", "The Letter"]
    assert MP4(m4b)["\xa9nam"] == ["Letters"]
