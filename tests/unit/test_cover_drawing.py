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


def pixels(title: str, show: str = SHOW) -> np.ndarray:
    with Image.open(io.BytesIO(draw_cover(title, show))) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGB", (SIZE, SIZE))
        return np.asarray(image)


def bands(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Each run of rows holding ink, top to bottom: (top, bottom, left, right), inclusive."""
    inked = (image != image[0, 0]).any(axis=2)
    rows = np.flatnonzero(inked.any(axis=1))
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1) if rows.size else []
    found = []
    for run in runs:
        columns = np.flatnonzero(inked[run[0]:run[-1] + 1].any(axis=0))
        found.append((int(run[0]), int(run[-1]), int(columns[0]), int(columns[-1])))
    return found


def layout(image: np.ndarray):
    """The title's lines, the rule and the show name, as bands."""
    *lines, rule, name = bands(image)
    return lines, rule, name


def luminance(colour) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = map(channel, colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def height(band) -> int:
    return band[1] - band[0] + 1


def test_a_one_line_title_sits_centred_above_a_400_px_rule_and_the_show_name():
    [title], rule, name = layout(pixels(LINE))
    for _, _, left, right in (title, rule, name):
        assert abs((left + right) / 2 - SIZE / 2) <= 1
    top, bottom, left, right = rule
    assert (bottom - top + 1, left, right) == (6, SIZE // 2 - 200, SIZE // 2 + 200)
    assert abs((top + bottom) / 2 - (title[0] + 150 + 30)) <= 1, "30 px below the title line's 150 px place"
    assert name[0] == title[0] + 150 + 80


def test_the_title_is_set_in_120_px_type_and_the_show_name_in_64_px_in_one_ink_that_stands_out():
    image = pixels(LINE)
    [title], rule, name = layout(image)
    assert height(title) >= 80, "a capital of 120 px type is over 80 px tall"
    assert abs(height(title) / height(name) - 120 / 64) < 0.05
    paper, ink = tuple(image[0, 0]), tuple(image[rule[0] + 2, SIZE // 2])
    assert {tuple(p) for p in image[rule[0]:rule[1] + 1, rule[2] + 3:rule[3] - 2].reshape(-1, 3)} == {ink}
    assert (max(luminance(ink), luminance(paper)) + 0.05) / (min(luminance(ink), luminance(paper)) + 0.05) >= 4.5
    low, high = np.minimum(ink, paper), np.maximum(ink, paper)
    assert ((image >= low) & (image <= high)).all(), "every pixel is the background, the ink or a blend of the two"
    for top, bottom, left, right in (title, name):
        region = image[top:bottom + 1, left:right + 1].reshape(-1, 3)
        assert (region == ink).all(axis=1).sum() > 100, "the text's strokes are solid ink"


def test_title_lines_wrap_at_16_characters_stop_at_six_and_stay_centred_150_px_apart():
    two, six, seven = pixels(TWO_LINES), pixels(" ".join([LINE] * 6)), pixels(" ".join([LINE] * 7))
    assert (seven == six).all()
    (two_lines, two_rule, two_name), (six_lines, six_rule, six_name) = layout(two), layout(six)
    assert (len(two_lines), len(six_lines)) == (2, 6)
    for lines, name in ((two_lines, two_name), (six_lines, six_name)):
        assert [b[0] - a[0] for a, b in itertools.pairwise(lines)] == [150] * (len(lines) - 1)
        assert name[0] == lines[-1][0] + 150 + 80
        assert abs((lines[0][0] + name[1]) / 2 - SIZE / 2) <= 20
    assert six_lines[0][0] == two_lines[0][0] - 75 * 4, "each line more moves the block up by half a line"
    assert (tuple(two[0, 0]), tuple(two[two_rule[0] + 2, SIZE // 2])) == \
        (tuple(six[0, 0]), tuple(six[six_rule[0] + 2, SIZE // 2])), "the colours follow the show, not the title"


def test_an_empty_title_draws_no_title_and_keeps_the_place_of_a_one_line_title():
    lines, rule, name = layout(pixels(""))
    assert lines == []
    assert (rule, name) == layout(pixels(LINE))[1:]


def test_a_show_name_past_40_characters_is_shortened_at_a_word_to_fit():
    *_, (_, _, left, right) = layout(pixels(LINE, FORTY))
    *_, (_, _, short_left, short_right) = layout(pixels(LINE, FORTY + "s"))
    assert left > 20 and right < SIZE - 20
    assert short_right - short_left < right - left - 100, "the long last word gives way to a short ellipsis"


@pytest.mark.parametrize("kind, mode", [("PNG", "LA"), ("PNG", "I;16"), ("JPEG", "CMYK")])
def test_a_cover_with_an_alpha_or_print_colour_mode_is_refused_unless_it_is_an_rgba_png(tmp_path, kind, mode):
    path = tmp_path / f"art.{kind.lower()}"
    Image.new(mode, (SIZE, SIZE)).save(path, format=kind)
    with pytest.raises(CoverError) as error:
        load_cover(path)
    assert str(error.value) == f"{path}: uses colour mode {mode}; a cover must be RGB"


@pytest.mark.parametrize("title, show", [
    ("MMMMMMMM MMMMMMM", SHOW),  # sixteen wide capitals: wider than the cover in 120 px type
    ("WWWWWWWWWWWWWWWW", "Word Word Word Word Word Word Longerword"),
])
def test_wide_lines_are_set_smaller_to_keep_a_margin_from_the_edges(title, show):
    for top, bottom, left, right in bands(pixels(title, show)):
        assert left >= 24 and right <= SIZE - 25, (top, left, right)
