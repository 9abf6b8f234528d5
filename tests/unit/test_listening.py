"""What an edition records for listening back: what each chapter was to say, and the
figures a check --listen stored, read back through the one reader of edition.json."""

import json

import pytest

from audio_edition.check import check_edition
from audio_edition.errors import EditionError
from audio_edition.listen import Heard, Listening
from audio_edition.package.manifest import MANIFEST_NAME, read_edition, store_listening
from editions import PARTS, build_edition


@pytest.fixture
def edition(tmp_path):
    return build_edition(tmp_path)


def listening_for(directory, *chapters: Heard, threshold: float = 0.5) -> Listening:
    stored = read_edition(directory)
    return Listening("tiny.en", threshold, stored.files[stored.names.mp3].sha256, chapters)


HEARD = (Heard(0.0, 9, 0, ()), Heard(0.25, 12, 3, ("neighbour", "drums")), Heard(0.6, 10, 6, ("cake",)))


def test_the_manifest_records_what_each_chapter_was_to_say(edition):
    assert read_edition(edition).spoken == tuple(tuple(line.spoken for line in part.lines) for part in PARTS)


def test_stored_figures_read_back_whole_and_leave_the_rest_of_the_manifest_alone(edition):
    before = json.loads((edition / MANIFEST_NAME).read_text("utf-8"))
    listening = listening_for(edition, *HEARD)
    store_listening(edition, listening)
    assert read_edition(edition).listening == listening
    after = json.loads((edition / MANIFEST_NAME).read_text("utf-8"))
    assert {k: v for k, v in after.items() if k != "listening"} == before


def test_the_editions_figure_weighs_each_chapter_by_its_words():
    listening = Listening("m", 0.5, "sha", HEARD)
    assert listening.wer == round(9 / 31, 3)


def test_damaged_figures_are_refused_with_the_reason(edition):
    store_listening(edition, listening_for(edition, *HEARD))
    path = edition / MANIFEST_NAME
    document = json.loads(path.read_text("utf-8"))
    document["listening"]["chapters"][1]["wer"] = "low"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(EditionError, match=r"is damaged \(a chapter's wer is not a number\)"):
        read_edition(edition)


def test_a_plain_check_reports_stored_figures_and_fails_the_chapter_above_the_threshold(edition):
    store_listening(edition, listening_for(edition, *HEARD))
    findings = check_edition(edition).findings
    heard = [(ok, message) for ok, message in findings if message.startswith("Chapter ")]
    assert heard == [
        (True, "Chapter 1 (Opening): word error rate 0.000, 0 of 9 words not heard."),
        (True, "Chapter 2 (The Letter): word error rate 0.250, 2 of 12 words not heard (neighbour drums)."),
        (False, "Chapter 3 (The Reply to Sam) is not heard as written: word error rate 0.600, 1 of 10 words "
                "not heard (cake); above 0.5."),
    ]
    assert (True, "The edition's word error rate is 0.290 (as stored by the last check --listen); a chapter "
                  "fails above 0.5.") in findings


def test_figures_for_other_audio_do_not_count(edition):
    store_listening(edition, Listening("tiny.en", 0.5, "0" * 64, HEARD))
    findings = check_edition(edition).findings
    assert (False, "The word error rates stored in the manifest are for other audio; check --listen again.") \
        in findings
    assert not any(message.startswith("Chapter ") for _, message in findings)


def test_an_edition_that_does_not_say_what_was_to_be_said_cannot_be_listened_to(edition):
    path = edition / MANIFEST_NAME
    document = json.loads(path.read_text("utf-8"))
    del document["spoken"]
    path.write_text(json.dumps(document), "utf-8")
    from audio_edition.listen import ListenSettings

    findings = check_edition(edition, ListenSettings()).findings
    assert (False, "edition.json does not say what each chapter was to say (the edition predates listening); "
                   "build it again to listen to it.") in findings
