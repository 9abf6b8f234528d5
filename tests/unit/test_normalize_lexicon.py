"""The pronunciation lexicon: entries said as a person wrote them, whole words only,
whatever the case, the longest first; read from a PLS file or counted in a text."""

import pytest

from audio_edition.errors import AudioEditionError
from audio_edition.normalize import apply_lexicon, lexicon_matches, read_pls, to_speech

PLS_NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon"


def pls(lexemes: str, root: str = "lexicon", namespace: str = PLS_NAMESPACE) -> str:
    return f'<?xml version="1.0"?>\n<{root} version="1.0" xmlns="{namespace}" alphabet="ipa">{lexemes}</{root}>'


def test_an_entry_replaces_whole_words_whatever_their_case():
    lexicon = {"Orna": "Or-nah"}
    assert apply_lexicon("orna and ORNA met Ornament", lexicon) == "Or-nah and Or-nah met Ornament"
    assert apply_lexicon("Borna", lexicon) == "Borna"


def test_an_entry_of_several_words_matches_whatever_the_spaces_between_them():
    lexicon = {"P.O.  Box": "post office box"}
    assert apply_lexicon("Write to p.o. box 5 or P.O.\tBox 6", lexicon) == \
        "Write to post office box 5 or post office box 6"


def test_an_entry_ending_in_punctuation_does_not_match_inside_a_longer_word():
    assert apply_lexicon("Main St.Louis and Main St. here", {"Main St.": "Main Street"}) == \
        "Main St.Louis and Main Street here"


def test_the_longest_entry_wins_over_a_shorter_one_inside_it():
    lexicon = {"New": "Knew", "New York": "Noo York"}
    assert apply_lexicon("New York is new", lexicon) == "Noo York is Knew"


def test_blank_entries_and_an_empty_lexicon_change_nothing():
    assert apply_lexicon("a b c", {}) == "a b c"
    assert apply_lexicon("a b c", {"  ": "x"}) == "a b c"
    assert lexicon_matches("a b c", {" ": "x"}) == {}


def test_the_lexicon_is_applied_before_every_rule():
    assert to_speech("Meet Dr. Who at 5pm", {"Dr. Who": "Doctor Who"}) == "Meet Doctor Who at five p m"
    assert to_speech("Route 66 today", {"66": "sixty six"}) == "Route sixty six today"


def test_matches_are_counted_by_the_entry_as_written():
    counts = lexicon_matches("Main St. and MAIN  ST. but not Mainstay, Orna", {"Main St.": "x", "Orna": "y", "Ann": "z"})
    assert counts == {"Main St.": 2, "Orna": 1}


def test_matches_see_the_text_with_typographic_quotes_made_plain():
    assert lexicon_matches("O’Neill and O'Neill", {"O'Neill": "Oh-Neal"}) == {"O'Neill": 2}


def test_a_pls_file_gives_each_grapheme_its_alias_with_spaces_made_single(tmp_path):
    path = tmp_path / "names.pls"
    path.write_text(pls(
        "<lexeme><grapheme> Main\n St. </grapheme><alias> Main   Street </alias></lexeme>"
        "<lexeme><grapheme>Hildreth</grapheme><grapheme>HILDRETH</grapheme><alias>Hill-dreth</alias></lexeme>"
    ), "utf-8")
    assert read_pls(path) == (("Main St.", "Main Street"), ("Hildreth", "Hill-dreth"), ("HILDRETH", "Hill-dreth"))


def test_a_pls_lexeme_without_a_usable_alias_or_grapheme_is_left_out(tmp_path):
    path = tmp_path / "names.pls"
    path.write_text(pls(
        "<lexeme><grapheme>Orna</grapheme><phoneme>ˈɔɹnə</phoneme></lexeme>"
        "<lexeme><grapheme>Blank</grapheme><alias>  </alias></lexeme>"
        "<lexeme><grapheme>Empty</grapheme><alias/></lexeme>"
        "<lexeme><grapheme> </grapheme><grapheme/><grapheme>Kept</grapheme><alias>Kept it</alias></lexeme>"
    ), "utf-8")
    assert read_pls(path) == (("Kept", "Kept it"),)


@pytest.mark.parametrize("text, reason", [
    ("<lexicon", "cannot be read as a PLS lexicon"),
    (pls("", root="other"), "is not a PLS lexicon"),
    (pls("", namespace="urn:other"), "is not a PLS lexicon"),
])
def test_a_file_that_is_not_a_pls_lexicon_is_refused_with_its_path(tmp_path, text, reason):
    path = tmp_path / "bad.pls"
    path.write_text(text, "utf-8")
    with pytest.raises(AudioEditionError, match=reason) as raised:
        read_pls(path)
    assert str(path) in str(raised.value)


def test_a_missing_pls_file_is_refused_with_its_path(tmp_path):
    with pytest.raises(AudioEditionError, match="cannot be read"):
        read_pls(tmp_path / "missing.pls")
