from pathlib import Path

import pytest

from audio_edition.normalize import apply_lexicon, split_sentences, to_speech
from audio_edition.pipeline import plan_article
from audio_edition.script import write_script
from audio_edition.settings import read_lexicon


@pytest.mark.parametrize(
    "written, spoken",
    [
        ("He’s here", "He's here"),
        ("“act like a man”", '"act like a man"'),
        ("a blank expression — he literally", "a blank expression, he literally"),
        ("any number of reasons – addiction", "any number of reasons, addiction"),
        ("and then…", "and then..."),
        ("women speak approximately 20,000 words", "women speak approximately twenty thousand words"),
        ("compared to men who speak roughly 7,000.", "compared to men who speak roughly seven thousand."),
        ("You’re 100% responsible", "You're one hundred percent responsible"),
        ("a 2.5% rise", "a two point five percent rise"),
        ("the 1st, 2nd and 23rd", "the first, second and twenty-third"),
        ("It costs $5.50, or £3", "It costs five dollars and fifty cents, or three pounds"),
        ("only $1", "only one dollar"),
        ("Meet at 3:30 pm", "Meet at three thirty p m"),
        ("at 10:00 sharp", "at ten o'clock sharp"),
        ("at 9:05 a.m.", "at nine oh five a m."),
        ("On 2024-05-01 we met", "On May first, twenty twenty-four we met"),
        ("Dr. Perel and Mr. Walters", "Doctor Perel and Mister Walters"),
        ("apples, e.g. red ones, etc.", "apples, for example red ones, et cetera."),
        ("featured on BRAVO’s show", "featured on Bravo's show"),
        ("MSN, Yahoo!, YourTango", "M S N, Yahoo, YourTango"),
        ("Please help!", "Please help!"),
        ("See https://example.com/advice/ today", "See example dot com slash advice today"),
        ("Write to ana.ruiz@example.org.", "Write to ana dot ruiz at example dot org."),
        ("Good news 🎉 today", "Good news today"),
        ("zero\u200bwidth", "zerowidth"),
        ("  spaced   out  ", "spaced out"),
    ],
)
def test_written_form_becomes_spoken_form(written, spoken):
    assert to_speech(written) == spoken


@pytest.mark.parametrize("paragraph, sentences", [
    ("Dr. Smith said hi. Then he left!", ["Dr. Smith said hi.", "Then he left!"]),
    ("Was it “fun”? Yes… maybe.", ["Was it “fun”?", "Yes… maybe."]),
    ("We ate pears, etc. Then slept.", ["We ate pears, etc.", "Then slept."]),
    ("We met on Dec. 5, 2020. It rained.", ["We met on Dec. 5, 2020.", "It rained."]),
    ("She left in Sept. 2019 for the U.S. and stayed. Good.",
     ["She left in Sept. 2019 for the U.S. and stayed.", "Good."]),
    ("Write to P.O. Box 12. Thanks!", ["Write to P.O. Box 12.", "Thanks!"]),
    ("Call ext. 204 at 3:30 p.m. CDT on Friday. He said so.",
     ["Call ext. 204 at 3:30 p.m. CDT on Friday.", "He said so."]),
    ("Meet me at 5 p.m. Bring food.", ["Meet me at 5 p.m.", "Bring food."]),
    ('He called it "a department-store scope." Then he laughed.',
     ['He called it "a department-store scope."', "Then he laughed."]),
    ("He called it “a department-store scope.” Then he laughed.",
     ["He called it “a department-store scope.”", "Then he laughed."]),
    ("It was fine. (That was the plan.) We went.", ["It was fine.", "(That was the plan.)", "We went."]),
    ("We live on Maple St. It is quiet.", ["We live on Maple St.", "It is quiet."]),
    ("We visited St. Louis and Dr. Lee. Then home.", ["We visited St. Louis and Dr. Lee.", "Then home."]),
    ("It weighs 150 lb. and runs. Yes.", ["It weighs 150 lb. and runs.", "Yes."]),
    ("Thank you. — Counting in Cleveland", ["Thank you.", "— Counting in Cleveland"]),
    ("Ticket No. 5 won. No. It lost.", ["Ticket No. 5 won.", "No.", "It lost."]),
    ("They live on 12 Elm Dr. It is quiet.", ["They live on 12 Elm Dr.", "It is quiet."]),
    ("Ask Dr. Lee. Now.", ["Ask Dr. Lee.", "Now."]),
    ("It is 6 ft. The tree is tall.", ["It is 6 ft.", "The tree is tall."]),
    ("We drove to Ft. Wayne. It rained.", ["We drove to Ft. Wayne.", "It rained."]),
    ("Go in. I will wait.", ["Go in.", "I will wait."]),
    ("Is it me. I ask.", ["Is it me.", "I ask."]),
])
def test_sentences_split_at_their_ends_only(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


def test_lexicon_wins_over_the_rules_and_ignores_case():
    lexicon = {"Orna": "Or-nah", "BRAVO": "Brah-voh"}
    assert to_speech("orna watched BRAVO’s show", lexicon) == "Or-nah watched Brah-voh's show"
    assert apply_lexicon("Ornament", lexicon) == "Ornament"  # whole words only


def test_lexicon_file_reaches_every_part(tmp_path, reference):
    settings = tmp_path / "show.toml"
    settings.write_text('[lexicon]\nOrna = "Or-nah"\n')
    parts = write_script(plan_article(reference), dict(read_lexicon(settings)))
    spoken = " ".join(p.speech for p in parts)
    assert "Or-nah and Matthew" in spoken and "Orna" not in spoken


def _paragraphs_of_the_test_articles() -> list[str]:
    from conftest import REFERENCE

    folders = [Path(__file__).parent / name for name in ("corpus", "normalize_articles", "normalize_heldout")]
    files = [REFERENCE, *(f for folder in folders for f in sorted(folder.glob("*")) if f.suffix in (".txt", ".md"))]
    paragraphs = {p for f in files for p in f.read_text("utf-8").split("\n\n") if p.strip()}
    return sorted(paragraphs)


def test_pysbd_told_only_the_abbreviations_written_with_their_period_cuts_as_with_all():
    """The shortcut that makes scripting twice as fast: over every paragraph of the test
    articles, pySBD gives the same pieces as with its whole list of abbreviations."""
    from audio_edition.normalize import sentences

    paragraphs = _paragraphs_of_the_test_articles()
    assert len(paragraphs) > 1000
    whole = sentences._segmenter()
    for paragraph in paragraphs:
        assert sentences._processor(paragraph).process() == whole.processor(paragraph).process(), paragraph
    # And where an abbreviation's period is there, the shortcut keeps it.
    written = "Ask Dr. Ruiz at 5 p.m. on Main St. about No. 5. Then call Mr. Hale."
    assert sentences._processor(written).process() == whole.processor(written).process()
    assert "Then call Mr. Hale." in sentences._processor(written).process()  # "Mr." is known, and kept
