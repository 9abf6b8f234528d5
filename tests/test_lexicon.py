"""The pronunciation lexicon: entries with punctuation and several words, whole-word
matching, PLS files and the [acronyms] lists, and the report of entries used."""

import pytest

from audio_edition.errors import AudioEditionError
from audio_edition.normalize import apply_lexicon, lexicon_matches, to_speech
from audio_edition.settings import read_lexicon

PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>Main St.</grapheme><alias>Main Street Mall</alias></lexeme>
  <lexeme><grapheme>Hildreth</grapheme><grapheme>HILDRETH</grapheme><alias>Hill-dreth</alias></lexeme>
  <lexeme><grapheme>Orna</grapheme><phoneme>ˈɔɹnə</phoneme></lexeme>
</lexicon>
"""


def test_an_entry_with_punctuation_and_spaces_matches_and_wins_over_the_rules():
    lexicon = {"P.O. Box": "post office box", "Main St.": "Main Street Mall"}
    assert to_speech("Write to P.O.  Box 12 on Main St. today.", lexicon) == \
        "Write to post office box twelve on Main Street Mall today."


def test_entries_match_whole_words_only_whatever_the_case():
    lexicon = {"Ann": "Anne", "St.": "Street"}
    assert apply_lexicon("ann met Joann at the Annual fair", lexicon) == "Anne met Joann at the Annual fair"
    assert apply_lexicon("Sts.", lexicon) == "Sts."


def test_an_entry_written_with_typographic_quotes_matches_plain_ones():
    assert to_speech("O'Neill came", {"O’Neill": "Oh-Neal"}) == "Oh-Neal came"


def test_the_longest_entry_wins():
    lexicon = {"Main": "Mane", "Main St.": "Main Street Mall"}
    assert apply_lexicon("Main St. and Main", lexicon) == "Main Street Mall and Mane"


def test_lexicon_matches_counts_each_entry_as_written():
    counts = lexicon_matches("Main St. and main st. but not Mainstay", {"Main St.": "x", "Orna": "y"})
    assert counts == {"Main St.": 2}


def test_a_pls_file_gives_its_aliases_and_leaves_phoneme_only_lexemes_out(tmp_path):
    path = tmp_path / "names.pls"
    path.write_text(PLS, "utf-8")
    assert read_lexicon(path) == (("Main St.", "Main Street Mall"), ("Hildreth", "Hill-dreth"),
                                  ("HILDRETH", "Hill-dreth"))


@pytest.mark.parametrize("text", ["<lexicon", "<other xmlns='x'/>"])
def test_a_file_that_is_not_pls_is_the_projects_error(tmp_path, text):
    path = tmp_path / "bad.pls"
    path.write_text(text, "utf-8")
    with pytest.raises(AudioEditionError, match="PLS"):
        read_lexicon(path)


def test_acronyms_from_the_settings_file_extend_the_built_in_lists(tmp_path):
    path = tmp_path / "show.toml"
    path.write_text('[acronyms]\nletters = ["AAVSO"]\nwords = ["NOAA"]\n', "utf-8")
    lexicon = dict(read_lexicon(path))
    assert to_speech("The AAVSO and NOAA agree.", lexicon) == "The A A V S O and Noaa agree."
    assert to_speech("The AAVSO and NOAA agree.") == "The Aavso and Noaa agree."


def test_acronyms_that_are_not_lists_of_words_are_refused(tmp_path):
    path = tmp_path / "show.toml"
    path.write_text('[acronyms]\nletters = "AAVSO"\n', "utf-8")
    with pytest.raises(AudioEditionError, match="acronyms"):
        read_lexicon(path)


def test_a_settings_file_names_pls_lexicons_and_its_own_table_wins(tmp_path):
    (tmp_path / "names.pls").write_text(PLS, "utf-8")
    show = tmp_path / "show.toml"
    show.write_text('lexicon_files = ["names.pls"]\n[lexicon]\n"Main St." = "Main Street"\n', "utf-8")
    lexicon = dict(read_lexicon(show))
    assert to_speech("Dr. Hildreth lived on Main St. in town.", lexicon) == \
        "Doctor Hill-dreth lived on Main Street in town."


def test_a_pls_lexicon_beside_the_article_is_used(tmp_path):
    from audio_edition.pipeline import script_article
    from audio_edition.settings import BuildSettings

    article = tmp_path / "walk.txt"
    article.write_text("A Walk\n\nWe walked down Main St. to the river and back.\n\nIt was a fine day.\n", "utf-8")
    (tmp_path / "walk.pls").write_text(PLS, "utf-8")
    script = script_article(article, BuildSettings())
    spoken = [line.spoken for part in script.parts for line in part.lines]
    assert "We walked down Main Street Mall to the river and back." in spoken


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_a_settings_file_is_read_whatever_its_line_endings(tmp_path, ending):
    path = tmp_path / "show.toml"
    path.write_bytes(ending.join([b"[lexicon]", b'Orna = "Or-nah"', b'"Main St." = "Main Street"', b""]))
    assert read_lexicon(path) == (("Orna", "Or-nah"), ("Main St.", "Main Street"))
