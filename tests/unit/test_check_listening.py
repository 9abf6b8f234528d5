"""`check --listen` on a small edition: each chapter's stretch of the MP3 goes to the
recognizer with the sentences it was to say, and the figures are reported and stored
in edition.json. A stand-in recognizer hears every word but those it is told to lose."""

import hashlib
import shutil

import numpy as np
import pytest
from editions import PARTS, SLUG, build_edition

from audio_edition import check, listen
from audio_edition.check import check_edition, listen_to_edition, run_check
from audio_edition.errors import EditionError
from audio_edition.listen import Heard, Listening, ListenSettings, compare, words
from audio_edition.package.manifest import read_edition, store_listening

MODEL = "/models/whisper-small"


@pytest.fixture(autouse=True)
def quick_loudness(monkeypatch):
    monkeypatch.setattr(check, "measure_loudness", lambda path: (-16.0, -3.0))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("listen"))


@pytest.fixture
def edition(built, tmp_path):
    return shutil.copytree(built, tmp_path / SLUG)


class StandIn:
    """Loads as any model; hears each word said, except the words in `lost`; keeps what
    it was handed."""

    def __init__(self):
        self.lost = frozenset()
        self.loaded = []
        self.handed = []
        self.model_name = ""

    def __call__(self, model):
        self.loaded.append(model)
        self.model_name = model
        return self

    def hear(self, samples, expected):
        self.handed.append((samples, tuple(expected)))
        return compare(expected, " ".join(w for w in words(" ".join(expected)) if w not in self.lost))


@pytest.fixture
def recognizer(monkeypatch):
    stand_in = StandIn()
    monkeypatch.setattr(listen, "Recognizer", stand_in)
    return stand_in


def spoken(part):
    return tuple(line.spoken for line in part.lines)


def test_each_chapter_is_heard_from_its_own_stretch_of_the_audio(edition, recognizer):
    stored = read_edition(edition)
    listening = listen_to_edition(stored, ListenSettings(MODEL, threshold=0.3))
    assert recognizer.loaded == [MODEL]
    assert [expected for _, expected in recognizer.handed] == [spoken(part) for part in PARTS]
    per_ms = listen.SAMPLE_RATE // 1000
    lengths = [(c.end_ms - c.start_ms) * per_ms for c in stored.chapters]
    handed = [len(samples) for samples, _ in recognizer.handed]
    # The last stretch ends with the audio, which may end within a millisecond of the last chapter.
    assert handed[:-1] == lengths[:-1] and lengths[-1] - per_ms < handed[-1] <= lengths[-1]
    for samples, _ in recognizer.handed:  # speech, then the pause that ends the chapter
        assert samples.dtype == np.float32 and samples.ndim == 1 and np.abs(samples).max() <= 1.0
        assert np.sqrt(np.mean(samples[:per_ms * 1000] ** 2)) > 0.05
        assert np.abs(samples[-per_ms * 400:]).max() < 0.01
    sha256 = hashlib.sha256((edition / f"{SLUG}.mp3").read_bytes()).hexdigest()
    every_word = tuple(Heard(0.0, len(words(" ".join(spoken(part)))), 0, ()) for part in PARTS)
    assert listening == Listening(MODEL, 0.3, sha256, every_word)


def test_listening_reports_each_chapter_and_stores_the_figures(edition, recognizer):
    recognizer.lost = frozenset({"drums"})
    report = check_edition(edition, ListenSettings(MODEL, threshold=0.1))
    letter = len(words(" ".join(spoken(PARTS[1]))))
    opening, reply = (len(words(" ".join(spoken(part)))) for part in (PARTS[0], PARTS[2]))
    heard = [(ok, message) for ok, message in report.findings if message.startswith(("Chapter ", "The edition"))]
    assert heard == [
        (True, f"Chapter 1 (Opening): word error rate 0.000, 0 of {opening} words not heard."),
        (True, f"Chapter 2 (The Letter): word error rate {1 / letter:.3f}, 1 of {letter} words not heard (drums)."),
        (True, f"Chapter 3 (The Reply to Sam): word error rate 0.000, 0 of {reply} words not heard."),
        (True, (f"The edition's word error rate is {1 / (opening + letter + reply):.3f} (stored in the manifest); "
                "a chapter fails above 0.1.")),
    ]
    assert read_edition(edition).listening.chapters[1] == Heard(round(1 / letter, 3), letter, 1, ("drums",))
    later = [message for _, message in check_edition(edition).findings]
    assert later[-4:-1] == [message for _, message in heard[:3]]
    assert later[-1].endswith("(as stored by the last check --listen); a chapter fails above 0.1.")


def test_a_chapter_not_heard_as_written_fails_by_name(edition, recognizer):
    recognizer.lost = frozenset({"dear", "sam", "talk", "to", "him"})
    report = run_check(edition, ListenSettings(MODEL, threshold=0.2))
    assert not report.passed
    [failure] = [message for ok, message in report.findings if not ok]
    assert failure.startswith("Chapter 3 (The Reply to Sam) is not heard as written: word error rate ")
    assert failure.endswith("words not heard (dear sam talk to him); above 0.2.")


def test_audio_that_cannot_be_decoded_is_an_edition_error(edition, recognizer):
    stored = read_edition(edition)
    stored.audio_path.write_bytes(b"not an mp3 at all" * 100)
    with pytest.raises(EditionError, match=rf"^{stored.audio_path}: cannot be decoded \("):
        listen_to_edition(stored, ListenSettings(MODEL))


def stored_figures(directory, *chapters, threshold=0.5):
    audio = read_edition(directory)
    store_listening(directory, Listening("tiny.en", threshold, audio.files[audio.names.mp3].sha256, chapters))
    return [(ok, message) for ok, message in check_edition(directory).findings
            if message.startswith(("Chapter ", "The edition"))]


def test_a_rate_at_the_threshold_passes(edition):
    at = Heard(0.5, 10, 5, ("a", "b", "c", "d", "e"))
    findings = stored_figures(edition, at, at, at, threshold=0.5)
    assert all(ok for ok, _ in findings) and len(findings) == 4
    assert findings[-1][1].startswith("The edition's word error rate is 0.500 ")


def test_an_edition_above_the_threshold_fails_as_a_whole(edition):
    [*_, (ok, message)] = stored_figures(edition, Heard(0.4, 10, 4, ()), Heard(0.4, 10, 4, ()),
                                         Heard(0.4, 10, 4, ()), threshold=0.35)
    assert not ok and message.startswith("The edition's word error rate is 0.400 ")


def test_only_the_first_twelve_words_not_heard_are_named(edition):
    twelve = tuple(f"w{n}" for n in range(1, 13))
    findings = stored_figures(edition, Heard(0.6, 20, 12, twelve), Heard(0.65, 20, 13, (*twelve, "w13")),
                              Heard(0.0, 20, 0, ()), threshold=1.0)
    assert findings[0][1].endswith(f"12 of 20 words not heard ({' '.join(twelve)}).")
    assert findings[1][1].endswith(f"13 of 20 words not heard ({' '.join(twelve)} ...).")


def test_every_missing_file_is_named(edition):
    (edition / f"{SLUG}.srt").unlink()
    (edition / "transcript.html").unlink()
    failures = [message for ok, message in check_edition(edition).findings if not ok]
    assert failures == [f"{SLUG}.srt is missing.", "transcript.html is missing."]
