"""Times, dates, money and measures: the classes that read a number together with
what it counts, said the way a careful reader says them aloud."""

import re

import pytest

from audio_edition.normalize import to_speech


@pytest.mark.parametrize("written, spoken", [
    ("at 3:10 pm", "at three ten p m"),
    ("at 3:09 pm", "at three oh nine p m"),
    ("at 3:00 PM", "at three p m"),
    ("at 12:00", "at twelve o'clock"),
    ("at 12:00 p.m. sharp", "at twelve p m sharp"),
    ("at 0:05", "at zero oh five"),
    ("at 13:45", "at thirteen forty-five"),
    ("at 23:59", "at twenty-three fifty-nine"),
    ("at 9:05 a.m.", "at nine oh five a m."),
    ("at 9:05 a.m. we left", "at nine oh five a m we left"),
    ("at 3:30 p.m. CDT", "at three thirty p m Central Daylight Time"),
    ("at 10:00 ET", "at ten o'clock Eastern Time"),
    ("from 9:00 to 10:30", "from nine to ten thirty"),
    ("from 9:00-10:30", "from nine to ten thirty"),
    ("from 8 to 9:00", "from eight to nine"),
    ("from 8:30 to 9:00 daily", "from eight thirty to nine daily"),
    ("at 5pm", "at five p m"),
    ("at 5 P.M.", "at five p m."),
    ("at 5 P M today", "at five p m today"),
    ("by 11 a.m.", "by eleven a m."),
    ("by 11 a.m. today", "by eleven a m today"),
    ("at 6 a.m. PST today", "at six a m Pacific Standard Time today"),
    ("from 10 a.m.–5 p.m. daily", "from ten a m to five p m daily"),
    ("from 10am-5pm daily", "from ten a m to five p m daily"),
    ("open 5-7pm", "open five to seven p m"),
    ("the p.m. shift", "the p m shift"),
    ("it airs at 7 ET", "it airs at seven Eastern Time"),
    ("at 8 GMT", "at eight G M T"),
])
def test_a_time_of_day_is_said_as_on_a_clock(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("on Dec. 5, 2020", "on December fifth, twenty twenty"),
    ("on Dec 5 2020", "on December fifth, twenty twenty"),
    ("by March 1st", "by March first"),
    ("on May 31 we", "on May thirty-first we"),
    ("on Sept. 30.", "on September thirtieth."),
    ("on March 32", "on March thirty-two"),
    ("on 5 March 2021", "on the fifth of March, twenty twenty-one"),
    ("on the 5th of March", "on the fifth of March"),
    ("on 2 Jan. there", "on the second of January there"),
    ("On 2024-05-01 we met", "On May first, twenty twenty-four we met"),
    ("by 2024-12-31", "by December thirty-first, twenty twenty-four"),
    ("on 5/12/2024", "on May twelfth, twenty twenty-four"),
    ("on 12/5/2024", "on December fifth, twenty twenty-four"),
    ("on 12/31/1999", "on December thirty-first, nineteen ninety-nine"),
    ("on 13/01/2024", "on the thirteenth of January, twenty twenty-four"),
    ("on 31/12/1999", "on the thirty-first of December, nineteen ninety-nine"),
    ("on 1/1/2000", "on January first, two thousand"),
    ("on 4/5 we", "on April fifth we"),
    ("by 6/1 they", "by June first they"),
    ("Until 12/31 only", "Until December thirty-first only"),
    ("on 7/10 days", "on seven out of ten days"),
    ("in Sept. we", "in September we"),
    ("in Jan we", "in Jan we"),
    ("since Jan.", "since January."),
    ("every Tues. and Thurs. night", "every Tuesday and Thursday night"),
    ("built c. 1850", "built circa eighteen fifty"),
    ("in the 1990s", "in the nineteen nineties"),
    ("in the 1900s", "in the nineteen hundreds"),
    ("in the 2000s", "in the two thousands"),
    ("in the '70s", "in the seventies"),
    ("in the 80s", "in the eighties"),
    ("in 1983", "in nineteen eighty-three"),
    ("in 1100", "in eleven hundred"),
    ("in 2099", "in twenty ninety-nine"),
    ("the class of '68", "the class of sixty-eight"),
    ("since '05", "since oh five"),
])
def test_a_date_or_year_is_said_as_people_say_dates(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("a count of 1099", "a count of one thousand ninety-nine"),
    ("a count of 2100", "a count of twenty-one hundred"),
    ("a count of 10,500", "a count of ten thousand five hundred"),
])
def test_a_number_outside_the_years_is_a_count(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, figures", [
    ("by 2024-13-01", ["twenty twenty-four", "thirteen", "one"]),
    ("by 2024-00-10", ["twenty twenty-four", "zero", "ten"]),
    ("by 2024-05-32", ["twenty twenty-four", "five", "thirty-two"]),
    ("by 2024-05-00", ["twenty twenty-four", "five", "zero"]),
    ("on 13/13/2024", ["thirteen", "thirteen", "twenty twenty-four"]),
    ("on 32/01/2024", ["thirty-two", "one", "twenty twenty-four"]),
    ("on 13/0/2024", ["thirteen", "zero", "twenty twenty-four"]),
    ("on 0/10/2024", ["zero", "ten", "twenty twenty-four"]),
])
def test_a_date_that_cannot_exist_is_not_read_as_a_date_but_keeps_its_figures(written, figures):
    spoken = to_speech(written)
    assert not any(month in spoken for month in ("January", "May", "October", "December"))
    assert not any(word in spoken for word in ("first", "second", "tenth", "thirteenth"))
    assert re.search(r"\b" + r"\b.*\b".join(map(re.escape, figures)) + r"\b", spoken), spoken


@pytest.mark.parametrize("written, spoken", [
    ("only $1", "only one dollar"),
    ("only $5", "only five dollars"),
    ("it costs $5.50", "it costs five dollars and fifty cents"),
    ("it costs $1.01", "it costs one dollar and one cent"),
    ("it costs $2.00", "it costs two dollars"),
    ("it costs $0.99", "it costs ninety-nine cents"),
    ("it costs $0.01", "it costs one cent"),
    ("it costs $2.5", "it costs two point five dollars"),
    ("it costs $1,250", "it costs one thousand two hundred fifty dollars"),
    ("raised $1.5 million", "raised one point five million dollars"),
    ("raised $5M", "raised five million dollars"),
    ("raised $3bn", "raised three billion dollars"),
    ("raised $20k", "raised twenty thousand dollars"),
    ("raised $2 trillion", "raised two trillion dollars"),
    ("a $5 fee", "a five dollar fee"),
    ("a $1.50 fee", "a one dollar fifty fee"),
    ("$5 tickets", "Five dollar tickets"),
    ("a $0.50 stamp", "a fifty cent stamp"),
    ("a $2.5 cut", "a two point five dollar cut"),
    ("a $3M budget", "a three million dollar budget"),
    ("$5 each", "Five dollars each"),
    ("$5 we said", "Five dollars we said"),
    ("$4,000 in savings", "Four thousand dollars in savings"),
    ("$40 a month", "Forty dollars a month"),
    ("$30 monthly", "Thirty dollars monthly"),
    ("only £3", "only three pounds"),
    ("only £1.01", "only one pound and one penny"),
    ("only £0.05", "only five pence"),
    ("only €2", "only two euros"),
    ("only ¥100", "only one hundred yen"),
    ("from $10-$20", "from ten to twenty dollars"),
    ("from $10 to $20", "from ten to twenty dollars"),
    ("from $1-2 million", "from one to two million dollars"),
    ("from $1-2M", "from one to two million dollars"),
    ("from £5–10", "from five to ten pounds"),
    ("it lost 3.5bn", "it lost three point five billion"),
    ("a 2tn economy", "a two trillion economy"),
])
def test_money_is_said_with_its_currency_after_the_amount(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("ran 5 km today", "ran five kilometers today"),
    ("ran 1 km today", "ran one kilometer today"),
    ("ran 1.5 km today", "ran one point five kilometers today"),
    ("a 5 kg sack", "a five kilogram sack"),
    ("an 8 lb bag", "an eight pound bag"),
    ("20 lb bags", "Twenty pound bags"),
    ("20 lb weighs less", "Twenty pounds weighs less"),
    ("it weighs 5 kg unless wet", "it weighs five kilograms unless wet"),
    ("at 60 mph", "at sixty miles per hour"),
    ("at 100 km/h today", "at one hundred kilometers per hour today"),
    ("it weighs 150 lb.", "it weighs one hundred fifty pounds."),
    ("it weighs 150 lb. and runs", "it weighs one hundred fifty pounds and runs"),
    ("a 5 in. gap", "a five inch gap"),
    ("a gap of 5 in.", "a gap of five inches."),
    ("a 2 GB card", "a two gigabyte card"),
    ("use 6-8 Tbsp. of it", "use six to eight tablespoons of it"),
    ("use 6-8 Tbsp.", "use six to eight tablespoons."),
    ("add 1 1/2 tsp. salt", "add one and a half teaspoons salt"),
    ("add 2 3/4 tsp salt", "add two and three quarters teaspoons salt"),
    ("add 1/8 tsp salt", "add one eighth teaspoon salt"),
    ("add 1/2 tsp salt", "add half a teaspoon salt"),
    ("add 3/4 tsp salt", "add three quarters of a teaspoon salt"),
    ("add 1/8 tsp.", "add one eighth teaspoon."),
    ("add one extra Tbsp. now", "add one extra tablespoon now"),
    ("add a Tsp. now", "add a teaspoon now"),
    ("measure in Tbsp. now", "measure in tablespoons now"),
    ("signs are in km/h", "signs are in kilometers per hour"),
    ("it was 14°F", "it was fourteen degrees Fahrenheit"),
    ("it was -5°C", "it was minus five degrees Celsius"),
    ("it was -1°C", "it was minus one degree Celsius"),
    ("it fell -1 km", "it fell minus one kilometer"),
    ("it was 1°", "it was one degree"),
    ("a 20° slope", "a twenty degrees slope"),
    ("at 300 °K", "at three hundred degrees Kelvin"),
    ("he is 5'10\" tall", "he is five foot ten tall"),
    ("he is 6'0\" tall", "he is six foot tall"),
    ("a 5 ft 10 in man", "a five feet ten inches man"),
    ("just 1 ft 1 in", "just one foot one inch"),
    ("it is 3x faster", "it is three times faster"),
    ("a 6x8 rug", "a six by eight rug"),
    ("a 6 x 8 rug", "a six by eight rug"),
    ("just 50¢", "just fifty cents"),
    ("just 1¢", "just one cent"),
])
def test_a_measure_is_said_with_its_unit_in_full(written, spoken):
    assert to_speech(written) == spoken
