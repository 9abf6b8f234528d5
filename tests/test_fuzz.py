"""Property tests over the reader, the structure finder and the normalizer."""

from hypothesis import given, settings, strategies as st

from audio_edition.errors import ArticleError
from audio_edition.normalize import split_sentences, to_speech
from audio_edition.readers import decode
from audio_edition.readers.text import read
from audio_edition.structure import make_plan

LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["Dear Pat,", "  1. A Numbered Item", "About the authors", "Suggested Reading",
                     "6 Reasons Why", "How To Fix It", "", "\r\n", "Please help!"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=40).map("\n".join))
def test_any_text_plans_or_raises_the_article_error(text):
    try:
        plan = make_plan(read(decode(text.encode("utf-8"), "fuzz"), "fuzz"))
    except ArticleError:
        return
    assert plan.segments[0].kind == "intro"
    assert all(s.title or s.text for s in plan.segments)


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
def test_normalizer_never_fails_and_drops_typographic_quotes(text):
    spoken = to_speech(text)
    assert isinstance(spoken, str)
    assert not set("‘’“”–—…") & set(spoken)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_sentence_split_keeps_every_word(text):
    assert " ".join(split_sentences(text)).split() == text.split()
