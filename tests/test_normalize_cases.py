"""The corpus of written -> spoken cases, one file per class (tests/normalize_cases/):
each case is a whole sentence that must stay one sentence and be said, as a whole,
the way a careful reader would say it."""

from pathlib import Path

import pytest

from audio_edition.normalize import split_sentences, to_speech

CASES = Path(__file__).parent / "normalize_cases"
CLASSES = ("cardinal", "ordinal", "decimal", "fraction", "money", "measure", "percent", "date", "time", "range",
           "telephone", "electronic", "letters", "roman", "verbatim", "abbreviation", "address")


def read_cases() -> list:
    cases = []
    for path in sorted(CASES.glob("*.tsv")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if line.strip() and not line.startswith("#"):
                written, spoken = line.split("\t")
                cases.append(pytest.param(written, spoken, id=f"{path.stem}:{number}"))
    return cases


@pytest.mark.parametrize("written, spoken", read_cases())
def test_each_case_is_one_sentence_said_as_a_reader_says_it(written, spoken):
    assert split_sentences(written) == [written.strip()]
    assert to_speech(written) == spoken


def test_the_corpus_covers_every_class():
    counts = {name: sum(1 for case in read_cases() if case.id.startswith(f"{name}:")) for name in CLASSES}
    assert sum(counts.values()) >= 400
    assert min(counts.values()) >= 15, counts
