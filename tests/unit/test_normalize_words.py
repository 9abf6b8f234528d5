"""Written shorthand said in full: abbreviations, letters and acronyms, Roman numerals,
web and e-mail addresses, telephone numbers, postal addresses and symbols."""

import pytest

from audio_edition.normalize import to_speech
from audio_edition.normalize.electronic import say
from audio_edition.normalize.roman import value


@pytest.mark.parametrize("written, spoken", [
    ("we met Dr. Lee", "we met Doctor Lee"),
    ("ask Dr. Lee today", "ask Doctor Lee today"),
    ("they live at 12 Elm Dr. now", "they live at twelve Elm Drive now"),
    ("they live on Elm Dr.", "they live on Elm Drive."),
    ("we visited St. Louis", "we visited Saint Louis"),
    ("St. Paul spoke", "Saint Paul spoke"),
    ("we live on Maple St. now", "we live on Maple Street now"),
    ("we live on Maple St.", "we live on Maple Street."),
    ("on 5th St. today", "on fifth Street today"),
    ("ask the Dr.", "ask the Doctor."),
    ("ticket No. 5 won", "ticket number five won"),
    ("see Nos. 5 and 6", "see numbers five and six"),
    ("he said No. Then", "he said No. Then"),
    ("see Fig. 3", "see Figure three"),
    ("in Rm. 12", "in Room twelve"),
    ("item #4", "item number four"),
    ("apples, e.g. red ones", "apples, for example red ones"),
    ("pears, i.e. fruit", "pears, that is fruit"),
    ("apples, pears, etc.", "apples, pears, et cetera."),
    ("apples, pears, etc. and more", "apples, pears, et cetera and more"),
    ("Smith et al. found", "Smith and others found"),
    ("Mr. and Mrs. Walters", "Mister and Missus Walters"),
    ("Ali vs. Frazier", "Ali versus Frazier"),
    ("Apple vs. X", "Apple versus X"),
    ('he said "Acme Inc."', 'he said "Acme Incorporated."'),
    ("Acme Inc.", "Acme Incorporated."),
    ("(see Acme Inc.)", "(see Acme Incorporated.)"),
    ("Acme Inc. said", "Acme Incorporated said"),
])
def test_an_abbreviation_is_said_in_full_keeping_the_sentence_end(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("the FBI said", "the F B I said"),
    ("the FAQ page", "the F A Q page"),
    ("NASA launched", "Nasa launched"),
    ("the NASA's probe", "the Nasa's probe"),
    ("it is OK now", "it is okay now"),
    ("the CEOs met", "the C E Os met"),
    ("the CEO's car", "the C E O's car"),
    ("the BBQ grill", "the B B Q grill"),
    ("the XYZ plan", "the X Y Z plan"),
    ("the TSMC plant", "the T S M C plant"),
    ("BRAVO's show", "Bravo's show"),
    ("the GRAVEL road", "the Gravel road"),
    ("we were TOLD to wait", "we were Told to wait"),
    ("NASA and IT teams met", "Nasa and I T teams met"),
    ("the IT and NASA teams", "the I T and Nasa teams"),
    ("DO IT", "Do It"),
    ("WHO CARES? US.", "Who Cares? Us."),
    ("in the U.S. today", "in the U S today"),
    ("back to the U.S.", "back to the U S."),
    ("a PhD student", "a P h D student"),
    ("a Ph.D. student", "a P h D student"),
    ("DEAR JUNE: IT IS OVER", "Dear June: It Is Over"),
    ("TOLLING IN TOPEKA WHO KNEW", "Tolling In Topeka Who Knew"),
    ("THE FBI AGENTS", "The F B I Agents"),
])
def test_capitals_are_spelled_when_people_spell_them_and_read_as_words_otherwise(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("numeral, number", [
    ("I", 1), ("IV", 4), ("V", 5), ("IX", 9), ("XIV", 14), ("XL", 40), ("XC", 90), ("CD", 400),
    ("MCMXCIV", 1994), ("MMXXIV", 2024),
])
def test_a_roman_numeral_has_its_value(numeral, number):
    assert value(numeral) == number


@pytest.mark.parametrize("written, spoken", [
    ("Chapter IV begins", "Chapter four begins"),
    ("read chapter XIV today", "read chapter fourteen today"),
    ("after World War II ended", "after World War two ended"),
    ("Chapter I of the book", "Chapter one of the book"),
    ("in part I.", "in part one."),
    ("Part I: The Start", "Part one: The Start"),
    ("in this chapter I explain", "in this chapter I explain"),
    ("Henry VIII was king", "Henry the Eighth was king"),
    ("Henry VIII's wives", "Henry the Eighth's wives"),
    ("Pope Benedict XVI said", "Pope Benedict the Sixteenth said"),
    ("Robert Griffin III threw", "Robert Griffin the third threw"),
    ("Robert Griffin, III threw", "Robert Griffin the third threw"),
    ("I think so", "I think so"),
    ("the letter V is", "the letter V is"),
])
def test_a_roman_numeral_is_a_number_only_where_context_says_so(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("see https://www.example.com/faq today", "see w w w dot example dot com slash faq today"),
    ("see https://example.com/advice/ today", "see example dot com slash advice today"),
    ("see www.example.org.", "see w w w dot example dot org."),
    ("see http://my-site.example.net/a_b?x=1&y=2 now",
     "see my dash site dot example dot net slash a underscore b question mark x equals one and y equals two now"),
    ("see stlouisastronomy.example.org/faq today", "see stlouisastronomy dot example dot org slash faq today"),
    ("see example.com.", "see example dot com."),
    ("see HTTPS://www.example.com/faq now", "see w w w dot example dot com slash faq now"),
    ("Www.example.com is down", "W w w dot example dot com is down"),
    ("see https://example.com/TX now", "see example dot com slash T X now"),
    ("write to ana.ruiz@example.org.", "write to ana dot ruiz at example dot org."),
    ("write to ana+news@mail.example.co.uk now", "write to ana plus news at mail dot example dot co dot uk now"),
    ("follow #Cleveland now", "follow hashtag Cleveland now"),
    ("follow @ClevelandAstro now", "follow at ClevelandAstro now"),
])
def test_a_web_or_mail_address_is_said_symbol_by_symbol(written, spoken):
    assert to_speech(written) == spoken


def test_an_address_is_said_with_single_spaces_between_its_words():
    assert say("https://example.com/a/?q=1&x=2") == "example dot com slash a slash question mark q equals 1 and x equals 2"
    assert say("www.my--site.org/") == "w w w dot my dash dash site dot org"


@pytest.mark.parametrize("written, spoken", [
    ("call (216) 555-0142 now", "call two one six, five five five, oh one four two now"),
    ("call 216-555-0142 now", "call two one six, five five five, oh one four two now"),
    ("call 216.555.0142 now", "call two one six, five five five, oh one four two now"),
    ("call 1-800-555-0199 now", "call one, eight hundred, five five five, oh one nine nine now"),
    ("call +1 216 555 0142 now", "call one, two one six, five five five, oh one four two now"),
    ("call 216-555-0142 x204 now", "call two one six, five five five, oh one four two, extension two oh four now"),
    ("call 1-800-FLOWERS now", "call one, eight hundred, Flowers now"),
    ("call 1-888-FLOWERS now", "call one, eight eight eight, Flowers now"),
    ("call +44 20 7946 0958 now", "call plus four four, two oh, seven nine four six, oh nine five eight now"),
    ("call 555-0142 now", "call five five five, oh one four two now"),
    ("reach us at 555-0142 now", "reach us at five five five, oh one four two now"),
    ("dial 911 now", "dial nine one one now"),
    ("call ext. 204 now", "call extension two oh four now"),
    ("call Ext 9 now", "call extension nine now"),
])
def test_a_telephone_number_is_said_digit_by_digit_in_its_groups(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("Akron, OH 44308", "Akron, Ohio four four three oh eight"),
    ("Akron, OH 44308-1234", "Akron, Ohio four four three oh eight, one two three four"),
    ("Akron, OH 44308-1204", "Akron, Ohio four four three oh eight, one two oh four"),
    ("Washington, DC 20500", "Washington, D C two oh five oh oh"),
    ("Marietta, OH was laid out", "Marietta, Ohio was laid out"),
    ("Columbus, OH, in spring", "Columbus, Ohio, in spring"),
    ("the ZIP code is 44308", "the Zip code is four four three oh eight"),
    ("zip 10001 area", "zip one oh oh oh one area"),
    ("at 125 Main St.", "at one twenty-five Main Street."),
    ("at 302 Oak Ave. now", "at three oh two Oak Avenue now"),
    ("at 2219 West Elm Road now", "at twenty-two nineteen West Elm Road now"),
    ("at 1600 Pennsylvania Avenue now", "at sixteen hundred Pennsylvania Avenue now"),
    ("at 1210 Elm Street now", "at twelve ten Elm Street now"),
    ("at 1209 Elm Street now", "at twelve oh nine Elm Street now"),
    ("P.O. Box 125 now", "P O Box one twenty-five now"),
    ("P.O. Box 1200 now", "P O Box twelve hundred now"),
])
def test_a_postal_address_is_said_as_people_read_one_out(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("He’s here", "He's here"),
    ("“quoted”", '"quoted"'),
    ("wait…", "wait..."),
    ("a blank look — he said", "a blank look, he said"),
    ("a blank look -- he said", "a blank look, he said"),
    ("— Counting in Cleveland", "Counting in Cleveland"),
    ("salt & pepper", "salt and pepper"),
    ("R&D", "R and D"),
    ("$12/year", "Twelve dollars a year"),
    ("$3/gal.", "Three dollars a gallon"),
    ("3 times/week", "Three times a week"),
    ("By Ann Lee | 5 min read", "By Ann Lee, five minutes read"),
    ("a *really* good one", "a really good one"),
    ("MSN, Yahoo!, Bing", "M S N, Yahoo, Bing"),
    ("C++ and Go", "C plus plus and Go"),
    ("tea w/ milk", "tea with milk"),
    ("and/or", "and or"),
    ("x = 5", "x equals five"),
    ("~5 people", "About five people"),
    ("Acme™ and Zeta®", "Acme and Zeta"),
    ("© 2020 Acme", "Copyright twenty twenty Acme"),
    ("Copyright © 2020", "Copyright twenty twenty"),
    ("add 1½ cups", "add one and a half cups"),
    ("add ¾ cup", "add three quarters cup"),
    ("a\u00a0b\tc", "a b c"),
    ("a\x07b", "a b"),
    ("Good news 🎉 today", "Good news today"),
    ("Sunny ☀ today", "Sunny today"),
    ("Loop ➿ here", "Loop here"),
    ("Tile 🀀 here", "Tile here"),
    ("zero\u200bwidth", "zerowidth"),
    ("a 401(k) plan", "a four oh one k plan"),
    ("card 1234567812345678 used", "card one two three four five six seven eight one two three four five six seven eight used"),
])
def test_symbols_and_typography_are_said_or_dropped_as_a_reader_would(written, spoken):
    assert to_speech(written) == spoken


def test_a_sentence_that_began_with_a_figure_begins_with_a_capital():
    assert to_speech("6 reasons why") == "Six reasons why"
    assert to_speech("iPhone 5 sales") == "iPhone five sales"
    assert to_speech("e.g. this") == "for example this"
    assert to_speech("") == ""
