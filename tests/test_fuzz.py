"""Property tests over the decoder and the normalizer (the reader and structure finder:
test_readers.py)."""

from hypothesis import given, settings, strategies as st

from audio_edition.errors import ArticleError
from audio_edition.normalize import split_sentences, to_speech
from audio_edition.readers import decode

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_the_article_error(data):
    try:
        text = decode(data, "fuzz")
    except ArticleError:
        return
    assert text.strip() and "\r" not in text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_normalizer_leaves_no_figure_or_typographic_character_for_the_engine(text):
    spoken = to_speech(text)
    assert not set("0123456789‘’“”–—…") & set(spoken)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_sentence_split_keeps_every_word(text):
    assert " ".join(split_sentences(text)).split() == text.split()
