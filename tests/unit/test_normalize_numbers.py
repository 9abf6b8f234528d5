"""Numbers said as words: counts, ordinals, years, decimals, percentages, fractions and
ranges, each read the way a careful reader says it aloud."""

import pytest

from audio_edition.normalize import spell, to_speech


@pytest.mark.parametrize("number, said", [
    (0, "zero"),
    (7, "seven"),
    (105, "one hundred five"),
    (900, "nine hundred"),
    (1000, "one thousand"),
    (1050, "one thousand fifty"),
    (1100, "eleven hundred"),
    (1500, "fifteen hundred"),
    (9900, "ninety-nine hundred"),
    (10000, "ten thousand"),
    (10100, "ten thousand one hundred"),
    (12034, "twelve thousand thirty-four"),
    (1234567, "one million two hundred thirty-four thousand five hundred sixty-seven"),
    (-5, "minus five"),
    (-1500, "minus fifteen hundred"),
    (-2000, "minus two thousand"),
])
def test_a_count_is_said_without_and_or_commas_and_round_hundreds_as_hundreds(number, said):
    assert spell.cardinal(number) == said


@pytest.mark.parametrize("number, said", [
    (1, "first"), (2, "second"), (3, "third"), (11, "eleventh"), (12, "twelfth"), (13, "thirteenth"),
    (21, "twenty-first"), (22, "twenty-second"), (101, "one hundred first"), (111, "one hundred eleventh"),
])
def test_an_ordinal_is_said_without_and(number, said):
    assert spell.ordinal(number) == said


@pytest.mark.parametrize("number, said", [
    (1983, "nineteen eighty-three"),
    (1905, "nineteen oh five"),
    (1900, "nineteen hundred"),
    (2005, "two thousand five"),
    (2020, "twenty twenty"),
])
def test_a_year_is_said_in_pairs_with_oh_for_a_leading_zero(number, said):
    assert spell.year(number) == said


def test_digits_are_said_one_by_one_skipping_anything_else():
    assert spell.digits("204") == "two zero four"
    assert spell.digits("204", zero="oh") == "two oh four"
    assert spell.digits("5-0") == "five zero"
    assert spell.digits("3 9") == "three nine"


@pytest.mark.parametrize("written, said", [
    ("2.5", "two point five"),
    ("0.75", "zero point seven five"),
    (".5", "point five"),
    ("-3", "minus three"),
    ("\u22123", "minus three"),
    ("-0.5", "minus zero point five"),
    ("1,234.05", "one thousand two hundred thirty-four point zero five"),
    ("12", "twelve"),
])
def test_a_decimal_is_said_with_point_and_its_figures_one_by_one(written, said):
    assert spell.decimal(written) == said


@pytest.mark.parametrize("words, plural", [
    ("nineteen ninety", "nineteen nineties"),
    ("sixty", "sixties"),
    ("six", "sixes"),
    ("nineteen hundred", "nineteen hundreds"),
    ("two thousand", "two thousands"),
])
def test_the_plural_changes_only_the_last_word(words, plural):
    assert spell.plural(words) == plural


@pytest.mark.parametrize("written, spoken", [
    ("We counted 20,000 birds.", "We counted twenty thousand birds."),
    ("It was -5 outside", "It was minus five outside"),
    ("a score of (-3)", "a score of (minus three)"),
    ("from 7-5", "from seven to five"),
    ("a 3D film", "a three D film"),
    ("an MP3 file", "an M P three file"),
    ("5M more passengers", "Five million more passengers"),
    ("2.5M more people", "Two point five million more people"),
    ("nearly 2B people", "nearly two billion people"),
    ("the 5M", "the five M"),
])
def test_a_count_no_other_class_claims_is_said_as_a_number(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("the 1st", "the first"),
    ("the 2nd and 3rd", "the second and third"),
    ("her 11th, 12th and 13th years", "her eleventh, twelfth and thirteenth years"),
    ("the 21st century", "the twenty-first century"),
    ("the 111th day", "the one hundred eleventh day"),
    ("the 1,000th visitor", "the one thousandth visitor"),
])
def test_an_ordinal_figure_is_said_as_an_ordinal(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("pi is 3.14 or so", "pi is three point one four or so"),
    ("only 0.5 left", "only zero point five left"),
    ("a .22 rifle", "a point two two rifle"),
    ("it fell -0.25 today", "it fell minus zero point two five today"),
    ("update to 3.2.1 now", "update to three point two point one now"),
    ("ping 10.0.0.1 first", "ping ten dot zero dot zero dot one first"),
    ("a score of (2.5) today", "a score of (two point five) today"),
    ("see version (3.2.1) now", "see version (three point two point one) now"),
    ("it is 2.5", "it is two point five"),
])
def test_a_decimal_or_version_is_said_point_by_point(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("100% sure", "One hundred percent sure"),
    ("a 2.5% rise", "a two point five percent rise"),
    ("a 3 % fee", "a three percent fee"),
    ("down -4%", "down minus four percent"),
    ("rates of 1,200%", "rates of twelve hundred percent"),
])
def test_a_percentage_is_said_with_percent(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("add 1/2", "add one half"),
    ("about 1/3", "about one third"),
    ("nearly 2/3", "nearly two thirds"),
    ("some 3/4", "some three quarters"),
    ("exactly 3/16", "exactly three sixteenths"),
    ("walk 1 1/2 miles", "walk one and a half miles"),
    ("wait 2 3/4 hours", "wait two and three quarters hours"),
    ("take 1/2 cup", "take half a cup"),
    ("take 1/2 hour", "take half an hour"),
    ("take 1/4 cup", "take a quarter cup"),
    ("a 1/2 hour break", "a half hour break"),
    ("1/2 of them", "One half of them"),
    ("8/10 dentists", "Eight out of ten dentists"),
    ("scored 45/100", "scored forty-five out of one hundred"),
    ("rated 3/17", "rated three out of seventeen"),
    ("rated 1/1", "rated one out of one"),
    ("open 24/7", "open twenty-four seven"),
    ("the 9/11 attacks", "the nine eleven attacks"),
    ("365/24/7 access", "Three sixty-five, twenty-four seven access"),
    ("a 150/50 split", "a one hundred fifty out of fifty split"),
    ("add 1/2 apple", "add half an apple"),
    ("add 1/2 onion", "add half an onion"),
    ("add 1/2 banana", "add half a banana"),
    ("a 50/50 chance", "a fifty-fifty chance"),
    ("vision of 20/20", "vision of twenty-twenty"),
])
def test_a_fraction_is_said_as_a_share_or_as_out_of(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("ages 10-15", "ages ten to fifteen"),
    ("from 1990-95", "from nineteen ninety to ninety-five"),
    ("in 2020–2021", "in twenty twenty to twenty twenty-one"),
    ("read pp. 3-5", "read pages three to five"),
    ("see p. 4", "see page four"),
    ("a 50-50 split", "a fifty-fifty split"),
    ("grades K-12", "grades K through twelve"),
    ("Pre-K-5 pupils", "Pre-K through five pupils"),
    ("open Mon.–Fri.", "open Monday through Friday."),
    ("from June–August", "from June through August"),
    ("a 1:1 ratio", "a one to one ratio"),
    ("a 3:2 win", "a three to two win"),
    ("costs $10-$20", "costs ten to twenty dollars"),
])
def test_a_range_is_said_from_one_end_to_the_other(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("Rocky IV", "Rocky four"), ("Final Fantasy VII", "Final Fantasy seven"), ("Division II", "Division two"),
    ("in Title IX", "in Title nine"), ("WWII veterans", "World War two veterans"), ("during WWI", "during World War one"),
    ("Louis XIV", "Louis the Fourteenth"), ("Windows XP", "Windows X P"), ("an IV drip", "an I V drip"),
    ("I saw it. I did", "I saw it. I did"), ("The IV line was out", "The I V line was out"),
    ("Started IV fluids", "Started I V fluids"),
])
def test_a_roman_numeral_after_a_name_is_its_number_and_letters_stay_letters(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("his blood pressure was 142/91", "his blood pressure was one forty-two over ninety-one"),
    ("Blood pressure: 124/79", "Blood pressure: one twenty-four over seventy-nine"),
    ("a 150/50 split", "a one hundred fifty out of fifty split"),
    ("rated 4.5/5", "rated four point five out of five"),
    ("220 - 56 = 164", "Two hundred twenty minus fifty-six equals one hundred sixty-four"),
    ("60%–70% of it", "Sixty to seventy percent of it"),
])
def test_a_reading_a_rating_a_sum_and_a_range_of_percents(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("v2.3.1", "version two point three point one"), ("1080p webcam", "Ten eighty p webcam"),
    ("repeat x8", "repeat eight times"), ("150 min/week", "One hundred fifty minutes per week"),
    ("3 mg/kg", "Three milligrams per kilogram"), ("18 ng/mL", "Eighteen nanograms per milliliter"),
    ("16 fl. oz. of water", "Sixteen fluid ounces of water"), ("a 70Wh battery", "a seventy watt hour battery"),
    ("at 0600 hours", "at oh six hundred hours"), ("at 1430 hours", "at fourteen thirty hours"),
    ("for FY2026", "for fiscal year twenty twenty-six"),
    ("ISBN 978-0-316-48210-3", "I S B N nine seven eight zero three one six four eight two one zero three"),
    ("the 2nd ed. of it", "the second edition of it"), ("Vol. II of her series", "Volume two of her series"),
    ("12 Elm Dr., Suite 210", "Twelve Elm Drive, Suite two ten"),
    ("the 44107 and 44116 ZIP codes", "the four four one oh seven and four four one one six Zip codes"),
])
def test_versions_resolutions_rates_clock_codes_and_book_words(written, spoken):
    assert to_speech(written) == spoken
