"""Sentence boundaries: a paragraph is cut where its sentences end, and nowhere else,
every character of it kept."""

import pytest

from audio_edition.normalize import sentences, split_sentences


@pytest.mark.parametrize("paragraph, sentences", [
    ("It rained. We stayed in.", ["It rained.", "We stayed in."]),
    ("Did it rain? Yes! We stayed in.", ["Did it rain?", "Yes!", "We stayed in."]),
    ("Dr. Smith said hi. Then he left.", ["Dr. Smith said hi.", "Then he left."]),
    ("Ask Dr. Lee. Now.", ["Ask Dr. Lee.", "Now."]),
    ("See Dr. Lee tomorrow.", ["See Dr. Lee tomorrow."]),
    ("They live on 12 Elm Dr. It is quiet.", ["They live on 12 Elm Dr.", "It is quiet."]),
    ("We live on Maple St. It is quiet.", ["We live on Maple St.", "It is quiet."]),
    ("We prayed to St. Jude. It worked.", ["We prayed to St. Jude.", "It worked."]),
    ("Fruit, e.g. apples, is good. Eat it.", ["Fruit, e.g. apples, is good.", "Eat it."]),
    ("Fruit, e.g. Apples, is good.", ["Fruit, e.g. Apples, is good."]),
    ("Some fruit, i.e. Apples, is good.", ["Some fruit, i.e. Apples, is good."]),
    ("Mr. Walters came. Mrs. Walters did not.", ["Mr. Walters came.", "Mrs. Walters did not."]),
    ("Meet Prof. Stone today.", ["Meet Prof. Stone today."]),
    ("We met on Dec. 5, 2020. It rained.", ["We met on Dec. 5, 2020.", "It rained."]),
    ("Ticket No. 5 won. No. It lost.", ["Ticket No. 5 won.", "No.", "It lost."]),
    ("See ch. 4 now. Then rest.", ["See ch. 4 now.", "Then rest."]),
    ("Read pp. 3-5 first. Then rest.", ["Read pp. 3-5 first.", "Then rest."]),
    ("Call ext. 204 now. Then wait.", ["Call ext. 204 now.", "Then wait."]),
    ("Meet me at 5 p.m. Bring food.", ["Meet me at 5 p.m.", "Bring food."]),
    ("Call at 3:30 p.m. CDT on Friday. He said so.", ["Call at 3:30 p.m. CDT on Friday.", "He said so."]),
    ("Meet at 5 a.m. PST. Then go.", ["Meet at 5 a.m. PST.", "Then go."]),
    ("Jesus was born c. 4 BC in Judea. Then more.", ["Jesus was born c. 4 BC in Judea.", "Then more."]),
    ("Stop. Stop. Stop.", ["Stop.", "Stop.", "Stop."]),
    ("We drove to Ft. Wayne. It rained.", ["We drove to Ft. Wayne.", "It rained."]),
    ("It is 6 ft. The tree is tall.", ["It is 6 ft.", "The tree is tall."]),
    ("We ate pears, etc. Then slept.", ["We ate pears, etc.", "Then slept."]),
    ("Go in. I will wait.", ["Go in.", "I will wait."]),
    ("Is it me. I ask.", ["Is it me.", "I ask."]),
    ("It is so. I'm sure.", ["It is so.", "I'm sure."]),
    ("He said it. and then left.", ["He said it. and then left."]),
])
def test_a_paragraph_is_cut_at_its_sentence_ends_only(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


@pytest.mark.parametrize("paragraph, sentences", [
    ('He called it "a scope." Then he laughed.', ['He called it "a scope."', "Then he laughed."]),
    ("He called it “a scope.” Then he laughed.", ["He called it “a scope.”", "Then he laughed."]),
    ("It was fine. (That was the plan.) We went.", ["It was fine.", "(That was the plan.)", "We went."]),
    ("(It was fine.) We went.", ["(It was fine.)", "We went."]),
    ('She said "Go." Now he asked.', ['She said "Go."', "Now he asked."]),
    ("He left. )", ["He left. )"]),
    ('"We won. ” Then we ate.', ['"We won. ”', "Then we ate."]),
    ('"Yes," we said. "We won. ” Then we ate.', ['"Yes," we said.', '"We won. ”', "Then we ate."]),
    ('He said "yes" and "we won. ” Then we ate.', ['He said "yes" and "we won. ”', "Then we ate."]),
    ('“We won. " Then we ate.', ['“We won. "', "Then we ate."]),
    ('“We won.” “Yes. " Then we ate.', ['“We won.” “Yes. "', "Then we ate."]),
    ('(We won. " Then we ate.', ['(We won. "', "Then we ate."]),
    ('He yelled "Run. We ran.', ['He yelled "Run.', "We ran."]),
])
def test_a_closing_quote_or_bracket_stays_with_the_sentence_it_closes(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


@pytest.mark.parametrize("paragraph, sentences", [
    ('He said "yes" and left. ” Then we ate.', ['He said "yes" and left.', "” Then we ate."]),
    ('He said “yes” and left. " Then we ate.', ["He said “yes” and left.", '" Then we ate.']),
    ('He left (we won) today. " Then we ate.', ["He left (we won) today.", '" Then we ate.']),
    ("” It ended. She said “go.", ["” It ended.", "She said “go."]),
])
def test_a_stray_closing_mark_stays_where_it_is_when_no_sentence_before_it_is_open(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


class _Segmenter:
    def __init__(self, pieces=None):
        self.pieces = pieces

    def segment(self, paragraph):
        if self.pieces is None:
            raise ValueError("the library failed")
        return self.pieces


@pytest.mark.parametrize("segmenter", [
    _Segmenter(),
    _Segmenter(["It rained.", "We  left."]),
    _Segmenter(["We left. ", "It rained."]),
])
def test_a_paragraph_the_library_cannot_cut_in_order_is_one_sentence(monkeypatch, segmenter):
    monkeypatch.setattr(sentences, "_segmenter", lambda: segmenter)
    assert split_sentences("It rained. We left.") == ["It rained. We left."]


@pytest.mark.parametrize("paragraph", [
    "Score was 0!0 at the end.",
    "Ask on Yahoo!Answers today.",
])
def test_a_mark_inside_a_word_is_not_a_sentence_end(paragraph):
    assert split_sentences(paragraph) == [paragraph]


def test_every_character_of_each_sentence_is_kept_as_written():
    paragraph = "First  one,  spaced…  out.   Second “one”!  Third (too)."
    cut = split_sentences(paragraph)
    assert cut == ["First  one,  spaced…  out.", "Second “one”!", "Third (too)."]
    assert all(sentence in paragraph for sentence in cut)


def test_an_empty_or_blank_paragraph_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("   ") == []
