"""The drawn cover, measured: where the title, the rule and the show name fall, how the
title wraps, how large the type is and the colours it is drawn in; and the colour modes
a user's cover may use."""

import io
import itertools

import numpy as np
import pytest
from PIL import Image

from audio_edition.errors import CoverError
from audio_edition.package.cover import SIZE, draw_cover, load_cover

SHOW = "HHHH HHHH"
LINE = "HHHHHHH HHHHHHHH"
"""Sixteen characters of flat capitals: one full title line, whose ink starts at the top of its place."""
TWO_LINES = "HHHHHHHH HHHHHHHH"
"""Seventeen characters: one more than a line holds."""
FORTY = "Little letters, little notes, Postscript"
"""A show name of 40 characters, the most the cover shows whole."""


class Covers:
    """Covers drawn once per module and measured."""

    def __init__(self) -> None:
        self.drawn: dict[tuple[str, str], bytes] = {}
        self.decoded: dict[tuple[str, str], np.ndarray] = {}

    def png(self, title: str, show: str = SHOW) -> bytes:
        if (title, show) not in self.drawn:
            self.drawn[title, show] = draw_cover(title, show)
        return self.drawn[title, show]

    def pixels(self, title: str, show: str = SHOW) -> np.ndarray:
        if (title, show) not in self.decoded:
            with Image.open(io.BytesIO(self.png(title, show))) as image:
                assert (image.format, image.mode, image.size) == ("PNG", "RGB", (SIZE, SIZE))
                self.decoded[title, show] = np.asarray(image)
        return self.decoded[title, show]

    def bands(self, title: str, show: str = SHOW) -> list[tuple[int, int, int, int]]:
        """Each run of rows holding ink, top to bottom: (top, bottom, left, right), inclusive."""
        image = self.pixels(title, show)
        inked = (image != image[0, 0]).any(axis=2)
        rows = np.flatnonzero(inked.any(axis=1))
        runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1) if rows.size else []
        found = []
        for run in runs:
            columns = np.flatnonzero(inked[run[0]:run[-1] + 1].any(axis=0))
            found.append((int(run[0]), int(run[-1]), int(columns[0]), int(columns[-1])))
        return found

    def layout(self, title: str, show: str = SHOW):
        """The title's lines, the rule and the show name, as bands."""
        *lines, rule, name = self.bands(title, show)
        return lines, rule, name


@pytest.fixture(scope="module")
def covers() -> Covers:
    return Covers()


def colours(image: np.ndarray) -> np.ndarray:
    """Every colour the image uses, as 0xRRGGBB."""
    packed = image.astype(np.int32)
    return np.unique(packed[..., 0] << 16 | packed[..., 1] << 8 | packed[..., 2])


def luminance(colour) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = map(channel, colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def height(band) -> int:
    return band[1] - band[0] + 1


def test_the_title_rule_and_show_name_are_centred_one_below_the_other(covers):
    [title], rule, name = covers.layout(LINE)
    for _, _, left, right in (title, rule, name):
        assert abs((left + right) / 2 - SIZE / 2) <= 1
    assert title[1] < rule[0] and rule[1] < name[0]


def test_the_title_is_set_in_120_px_type_and_the_show_name_in_64_px(covers):
    [title], _, name = covers.layout(LINE)
    assert height(title) >= 80, "a capital of 120 px type is over 80 px tall"
    assert abs(height(title) / height(name) - 120 / 64) < 0.05


def test_the_rule_is_400_px_long_6_px_thick_and_30_px_below_the_titles_last_line(covers):
    [title], (top, bottom, left, right), _ = covers.layout(LINE)
    assert (bottom - top + 1, left, right) == (6, SIZE // 2 - 200, SIZE // 2 + 200)
    assert abs((top + bottom) / 2 - (title[0] + 150 + 30)) <= 1


def test_the_show_name_sits_80_px_below_the_titles_last_line_place(covers):
    [title], _, name = covers.layout(LINE)
    assert name[0] == title[0] + 150 + 80


def test_title_lines_are_150_px_apart_and_the_block_stays_centred_as_the_title_grows(covers):
    [one], _, _ = covers.layout(LINE)
    for title, count in ((TWO_LINES, 2), (" ".join([LINE] * 6), 6)):
        lines, _, name = covers.layout(title)
        assert len(lines) == count
        assert [b[0] - a[0] for a, b in itertools.pairwise(lines)] == [150] * (count - 1)
        assert lines[0][0] == one[0] - 75 * (count - 1)
        assert abs((lines[0][0] + name[1]) / 2 - SIZE / 2) <= 20
        assert name[0] == lines[-1][0] + 150 + 80


def test_the_title_wraps_at_16_characters(covers):
    assert len(covers.layout(LINE)[0]) == 1
    assert len(covers.layout(TWO_LINES)[0]) == 2


def test_a_title_of_more_than_six_lines_shows_its_first_six(covers):
    assert covers.png(" ".join([LINE] * 7)) == covers.png(" ".join([LINE] * 6))


def test_an_empty_title_draws_no_title_and_keeps_the_place_of_a_one_line_title(covers):
    lines, rule, name = covers.layout("")
    assert lines == []
    assert (rule, name) == covers.layout(LINE)[1:]


def test_a_show_name_past_40_characters_is_shortened_at_a_word_to_fit(covers):
    *_, (_, _, left, right) = covers.layout(LINE, FORTY)
    *_, (_, _, short_left, short_right) = covers.layout(LINE, FORTY + "s")
    assert left > 20 and right < SIZE - 20
    assert short_right - short_left < right - left - 100, "the long last word gives way to a short ellipsis"


def test_everything_is_drawn_in_one_ink_that_stands_out_from_the_background(covers):
    image = covers.pixels(LINE)
    [title], rule, name = covers.layout(LINE)
    paper, ink = tuple(image[0, 0]), tuple(image[rule[0] + 2, SIZE // 2])
    assert {tuple(p) for p in image[rule[0]:rule[1] + 1, rule[2] + 3:rule[3] - 2].reshape(-1, 3)} == {ink}
    assert (max(luminance(ink), luminance(paper)) + 0.05) / (min(luminance(ink), luminance(paper)) + 0.05) >= 4.5
    low, high = np.minimum(ink, paper), np.maximum(ink, paper)
    assert ((image >= low) & (image <= high)).all(), "every pixel is the background, the ink or a blend of the two"
    for top, bottom, left, right in (title, name):
        region = image[top:bottom + 1, left:right + 1].reshape(-1, 3)
        assert (region == ink).all(axis=1).sum() > 100, "the text's strokes are solid ink"


def test_the_colours_follow_the_show_and_not_the_title(covers):
    one, six = covers.pixels(LINE), covers.pixels(" ".join([LINE] * 6))
    assert tuple(one[0, 0]) == tuple(six[0, 0])
    assert (colours(one) == colours(six)).all()


@pytest.mark.parametrize("kind, mode", [("PNG", "LA"), ("PNG", "I;16"), ("JPEG", "CMYK")])
def test_a_cover_with_an_alpha_or_print_colour_mode_is_refused_unless_it_is_an_rgba_png(tmp_path, kind, mode):
    path = tmp_path / f"art.{kind.lower()}"
    Image.new(mode, (SIZE, SIZE)).save(path, format=kind)
    with pytest.raises(CoverError) as error:
        load_cover(path)
    assert str(error.value) == f"{path}: uses colour mode {mode}; a cover must be RGB"
