"""Tags as ID3v2.3 readers read them: the date in TYER and TDAT, which v2.3 has, not
TDRC, which only v2.4 has."""

import lameenc
from mutagen.id3 import ID3

from audio_edition.model import Chapter
from audio_edition.package.id3 import Tags, write_id3


def test_the_date_is_stored_in_frames_id3v23_has(tmp_path):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(22050)
    encoder.set_channels(1)
    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(encoder.encode(bytes(2 * 22050)) + encoder.flush())
    tags = Tags(title="T", artist="A", album="S", date="2026-11-29", comment="", language="eng")
    write_id3(mp3, tags, (Chapter("chp0", "Only", 0, 1000, "intro"),))
    raw = ID3(mp3, translate=False)  # the frames as stored, not as mutagen upgrades them
    assert raw.version == (2, 3, 0)
    assert "TDRC" not in raw
    assert (str(raw["TYER"]), str(raw["TDAT"])) == ("2026", "2911")
    assert len(raw.getall("CHAP")) == 1 and len(raw.getall("CTOC")) == 1
