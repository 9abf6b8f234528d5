from pathlib import Path

import pytest

from audio_edition.model import Plan, Segment
from audio_edition.structure import renumber
from audio_edition.pipeline import plan_article
from audio_edition.script import summary, with_length, write_script


def parts_by_kind(reference, kind):
    return [p for p in write_script(plan_article(reference)) if p.segment.kind == kind]


def test_items_are_announced_with_their_position(reference):
    third_reason = parts_by_kind(reference, "reason")[2]
    assert third_reason.speech.startswith("Reason three of six. He's Conflict Avoidant.")
    assert third_reason.chapter_title == "Reason 3 of 6: He’s Conflict Avoidant"
    last_tip = parts_by_kind(reference, "tip")[-1]
    assert last_tip.speech.startswith("Tip seven of seven. Create An Environment Of Trust.")


def test_intro_names_title_authors_and_contents(reference):
    intro = parts_by_kind(reference, "intro")[0]
    assert intro.speech.startswith("Why Won't He Let Me In? By Orna and Matthew Walters.")
    assert "six reasons, seven tips" in intro.speech


def test_every_part_has_words_and_a_pause(reference):
    for part in write_script(plan_article(reference)):
        assert part.speech.strip()
        assert part.pause_ms >= 500


def test_summary_is_one_line(reference):
    line = summary(plan_article(reference))
    assert "\n" not in line and "Orna and Matthew Walters" in line and "seven tips" in line


def _corpus_sample():
    articles = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    return articles[::25]


@pytest.mark.parametrize("article", _corpus_sample(), ids=lambda p: p.stem)
def test_with_length_is_the_script_written_again_with_the_minutes(article):
    plan = plan_article(article)
    lexicon = {"Ms.": "Miz"}
    timed = with_length(write_script(plan, lexicon), plan, lexicon, 7)
    assert timed == write_script(plan, lexicon, 7)
    assert timed != write_script(plan, lexicon)  # the intro did change: it says the length


def test_with_length_keeps_the_outro_when_the_intro_is_the_only_part():
    plan = Plan("A Short Note", "Ann Author", renumber([Segment("intro", "A Short Note", "Just this.")]))
    timed = with_length(write_script(plan), plan, None, 3)
    assert timed == write_script(plan, None, 3)
    assert timed[-1].lines[-1].spoken.endswith("Thank you for listening.")


def test_a_writer_whose_name_ends_in_a_period_is_announced_with_one(tmp_path):
    article = tmp_path / "fence.txt"
    article.write_text("The Fence\n\nDEAR AMY: Our neighbor built a fence on our side of the line.\n\n"
                       "— Rooted, Falls Church, Va.\n\nDEAR ROOTED: Ask for the survey first.\n\n"
                       "DEAR AMY: My sister never calls back.\n\n— Waiting in Waco\n\nDEAR WAITING: Call her.\n")
    letter, reply = [p for p in write_script(plan_article(article)) if p.segment.kind in ("letter", "reply")][:2]
    assert letter.segment.writer == "Rooted, Falls Church, Va."
    assert letter.speech.startswith("Letter one of two, from Rooted, Falls Church, Virginia. ")
    assert reply.speech.startswith("The reply to Rooted, Falls Church, Virginia. ")
    assert ".." not in letter.speech + reply.speech
