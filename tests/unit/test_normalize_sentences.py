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


class _Processor:
    """The library's processor, failing or giving pieces that are not the paragraph's."""

    def __init__(self, pieces=None):
        self.pieces = pieces

    def process(self):
        if self.pieces is None:
            raise ValueError("the library failed")
        return self.pieces


@pytest.mark.parametrize("processor", [
    _Processor(),
    _Processor(["It rained.", "We  left."]),
    _Processor(["We left. ", "It rained."]),
])
def test_a_paragraph_the_library_cannot_cut_in_order_is_one_sentence(monkeypatch, processor):
    monkeypatch.setattr(sentences, "_processor", lambda paragraph: processor)
    assert split_sentences("It rained. We left.") == ["It rained. We left."]


def test_the_library_cuts_the_same_paragraph_in_two():
    """The counterpart: with the library itself, the same paragraph is two sentences."""
    assert split_sentences("It rained. We left.") == ["It rained.", "We left."]


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


def test_a_sentence_longer_than_the_engines_limit_is_cut_at_its_last_clause_break():
    from audio_edition.normalize import cut_long

    clauses = ", ".join(["we walked down to the river and back again"] * 12) + "."
    pieces = cut_long(clauses, limit=40)
    assert " ".join(pieces) == clauses
    assert all(len(piece.split()) <= 40 for piece in pieces)
    assert all(piece.endswith(",") for piece in pieces[:-1]) and pieces[-1].endswith(".")
    assert all(len(piece.split()) > 20 for piece in pieces[:-1])  # a cut in the second half, not at the first comma


def test_a_long_run_without_punctuation_is_cut_after_the_limit_and_a_short_sentence_is_whole():
    from audio_edition.normalize import cut_long

    run = " ".join(f"word{n}" for n in range(250))
    assert [len(piece.split()) for piece in cut_long(run, limit=80)] == [80, 80, 80, 10]
    assert " ".join(cut_long(run, limit=80)) == run
    sentence = " ".join(["Long"] * 80) + "."
    assert cut_long(sentence, limit=80) == [sentence]


def test_no_line_of_a_script_is_longer_than_the_limit(tmp_path):
    from audio_edition.normalize.sentences import LONGEST_SENTENCE_WORDS
    from audio_edition.pipeline import script_article
    from audio_edition.settings import BuildSettings

    article = tmp_path / "run-on.txt"
    article.write_text("A Run-On Column\n\n" + " ".join(["and then we went on"] * 400) + "\n\nThe end.\n", "utf-8")
    lines = [line for part in script_article(article, BuildSettings()).parts for line in part.lines]
    assert max(len(line.written.split()) for line in lines) <= LONGEST_SENTENCE_WORDS
    assert sum(len(line.written.split()) for line in lines) >= 2000  # nothing of the run left out
