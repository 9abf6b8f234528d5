"""edition.json read back through `read_edition`: the fields an older edition lacks take
their defaults, every field of the wrong shape is refused with its name, and the
figures of a listening are stored beside the rest without disturbing it."""

import json

import pytest

from audio_edition.errors import EditionError
from audio_edition.listen import Heard, Listening
from audio_edition.model import Chapter, Plan, Segment
from audio_edition.package.manifest import (
    EditionNames,
    read_edition,
    render_manifest,
    store_listening,
)

CHAPTERS = (Chapter("chp0", "Opening", 0, 1500, "intro"), Chapter("chp1", "The Letter", 1500, 4000, "letter"))
LISTENED = {"model": "tiny.en", "threshold": 0.5, "audio_sha256": "ab" * 32,
            "chapters": [{"wer": 0.0, "words": 4, "errors": 0, "missing": []},
                         {"wer": 0.25, "words": 8, "errors": 2, "missing": ["drums", "night"]}]}


def full_document():
    return {
        "title": "A Small Letter", "authors": "Ana Ruiz", "slug": "a-small-letter", "source": "letter.txt",
        "summary": "A letter.", "duration_ms": 4000,
        "chapters": [{"element_id": c.element_id, "title": c.title, "start_ms": c.start_ms, "end_ms": c.end_ms,
                      "kind": c.kind} for c in CHAPTERS],
        "files": {"a-small-letter.mp3": {"size": 5, "sha256": "cd" * 32}},
        "build_key": "key-3", "spoken": [["Opening."], ["Dear editors.", "I cannot sleep."]],
        "listening": LISTENED,
    }


def write(folder, document):
    (folder / "edition.json").write_text(json.dumps(document), "utf-8")
    return folder


def refusal(folder, document):
    write(folder, document)
    with pytest.raises(EditionError) as error:
        read_edition(folder)
    return str(error.value)


def test_every_field_reads_back_as_written(tmp_path):
    edition = read_edition(write(tmp_path, full_document()))
    assert (edition.directory, edition.slug, edition.title, edition.authors, edition.summary, edition.source) == \
        (tmp_path, "a-small-letter", "A Small Letter", "Ana Ruiz", "A letter.", "letter.txt")
    assert (edition.duration_ms, edition.chapters, edition.build_key) == (4000, CHAPTERS, "key-3")
    assert edition.spoken == (("Opening.",), ("Dear editors.", "I cannot sleep."))
    [(name, entry)] = edition.files.items()
    assert (name, entry.size, entry.sha256) == ("a-small-letter.mp3", 5, "cd" * 32)
    assert edition.listening == Listening("tiny.en", 0.5, "ab" * 32, (Heard(0.0, 4, 0, ()),
                                                                     Heard(0.25, 8, 2, ("drums", "night"))))
    assert edition.audio_path == tmp_path / "a-small-letter.mp3"


def test_an_edition_from_before_the_optional_fields_reads_with_their_defaults(tmp_path):
    folder = tmp_path / "old-edition"
    folder.mkdir()
    document = {key: full_document()[key] for key in ("title", "duration_ms", "chapters", "files")}
    edition = read_edition(write(folder, document))
    assert (edition.slug, edition.authors, edition.summary, edition.build_key, edition.source) == \
        ("old-edition", "", "", "", "")
    assert edition.spoken == () and edition.listening is None
    assert edition.audio_path == folder / "old-edition.mp3"


def test_whole_number_figures_of_a_listening_read_as_rates(tmp_path):
    document = full_document()
    document["listening"] = {**LISTENED, "threshold": 1, "chapters": [{**LISTENED["chapters"][0], "wer": 0}]}
    listening = read_edition(write(tmp_path, document)).listening
    assert (listening.threshold, listening.chapters[0].wer) == (1.0, 0.0)
    assert isinstance(listening.threshold, float) and isinstance(listening.chapters[0].wer, float)


def listening_changed(**fields):
    return lambda d: {**d, "listening": {**LISTENED, **fields}}


def heard_changed(**fields):
    return listening_changed(chapters=[{**LISTENED["chapters"][1], **fields}])


@pytest.mark.parametrize("change, reason", [
    (lambda d: {**d, "source": 7}, "source is not text"),
    (lambda d: {**d, "spoken": "Opening."}, "spoken is not a list"),
    (lambda d: {**d, "spoken": ["Opening."]}, "a chapter's sentences is not a list"),
    (lambda d: {**d, "spoken": [["Opening.", 2]]}, "a spoken sentence is not text"),
    (lambda d: {**d, "listening": None}, "listening is not an object"),
    (lambda d: {**d, "listening": {k: v for k, v in LISTENED.items() if k != "model"}}, "model is missing"),
    (listening_changed(model=["tiny.en"]), "the recognizer's model is not text"),
    (listening_changed(threshold="0.5"), "the threshold is not a number"),
    (listening_changed(audio_sha256=None), "the audio's sha256 is not text"),
    (listening_changed(chapters={}), "the chapters heard is not a list"),
    (listening_changed(chapters=[0.25]), "a chapter heard is not an object"),
    (heard_changed(wer=None), "a chapter's wer is not a number"),
    (heard_changed(words=8.0), "a chapter's words is not a whole number"),
    (heard_changed(errors=True), "a chapter's errors is not a whole number"),
    (heard_changed(missing="drums"), "words not heard is not a list"),
    (heard_changed(missing=["drums", 3]), "a word not heard is not text"),
])
def test_a_field_of_the_wrong_shape_is_refused_by_name(tmp_path, change, reason):
    message = refusal(tmp_path, change(full_document()))
    assert message == f"{tmp_path / 'edition.json'}: is damaged ({reason}); build the edition again"


def test_unreadable_manifests_are_refused_with_the_reason(tmp_path):
    (tmp_path / "edition.json").write_text('{"title": ', "utf-8")
    with pytest.raises(EditionError) as error:
        read_edition(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'edition.json'}: is not valid JSON (Expecting value")
    assert str(error.value).endswith("); build the edition again")
    (tmp_path / "edition.json").unlink()
    (tmp_path / "edition.json").mkdir()
    with pytest.raises(EditionError) as error:
        read_edition(tmp_path)
    assert str(error.value) == f"{tmp_path / 'edition.json'}: cannot be read (Is a directory)"


def test_an_editions_files_are_named_after_its_slug():
    names = EditionNames("drums-at-night")
    assert (names.mp3, names.m4b, names.epub, names.vtt, names.srt) == (
        "drums-at-night.mp3", "drums-at-night.m4b", "drums-at-night.epub", "drums-at-night.vtt",
        "drums-at-night.srt")
    assert (names.transcript, names.chapters, names.player, names.manifest) == \
        ("transcript.html", "chapters.json", "index.html", "edition.json")
    assert (names.cover(".jpg"), names.cover(".png")) == ("cover.jpg", "cover.png")


def test_a_rendered_manifest_reads_back_with_its_slug_source_and_spoken_sentences(tmp_path):
    plan = Plan("A Small Letter", "Ana Ruiz", (Segment("intro", "Opening", "Hi."),))
    text = render_manifest(plan, CHAPTERS, {}, {}, {}, "key-3", {"slug": "letters", "source": "in/letter.md"},
                           [["Hi."], ["Dear editors.", "Thanks."]])
    (tmp_path / "edition.json").write_text(text, "utf-8")
    edition = read_edition(tmp_path)
    assert (edition.slug, edition.source, edition.duration_ms) == ("letters", "in/letter.md", 4000)
    assert edition.spoken == (("Hi.",), ("Dear editors.", "Thanks."))


def test_storing_figures_replaces_earlier_ones_as_indented_utf8(tmp_path):
    document = full_document()
    del document["listening"]
    write(tmp_path, document)
    first = Listening("/models/modèle", 0.4, "ab" * 32, (Heard(1.0, 4, 4, ("opening",)), Heard(0.0, 8, 0, ())))
    second = Listening("tiny.en", 0.5, "ef" * 32, (Heard(0.0, 4, 0, ()), Heard(0.125, 8, 1, ("night",))))
    store_listening(tmp_path, first)
    text = (tmp_path / "edition.json").read_text("utf-8")
    assert '"model": "/models/modèle"' in text and text.startswith('{\n  "title": ') and text.endswith("}\n")
    assert read_edition(tmp_path).listening == first
    store_listening(tmp_path, second)
    assert read_edition(tmp_path).listening == second
    assert {k: v for k, v in json.loads((tmp_path / "edition.json").read_text("utf-8")).items()
            if k != "listening"} == document


def test_figures_are_not_stored_beside_a_missing_or_damaged_manifest(tmp_path):
    listening = Listening("tiny.en", 0.5, "ab" * 32, ())
    with pytest.raises(EditionError, match="is not an edition"):
        store_listening(tmp_path, listening)
    assert not (tmp_path / "edition.json").exists()
    damaged = json.dumps({**full_document(), "duration_ms": "long"})
    (tmp_path / "edition.json").write_text(damaged, "utf-8")
    with pytest.raises(EditionError, match=r"is damaged \(duration_ms is not a whole number\)"):
        store_listening(tmp_path, listening)
    assert (tmp_path / "edition.json").read_text("utf-8") == damaged
