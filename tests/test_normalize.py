import pytest

from audio_edition.normalize import to_speech


@pytest.mark.parametrize(
    "written, spoken",
    [
        ("He’s here", "He's here"),
        ("“act like a man”", '"act like a man"'),
        ("a blank expression — he literally", "a blank expression, he literally"),
        ("any number of reasons – addiction", "any number of reasons, addiction"),
        ("and then…", "and then..."),
        ("featured on BRAVO’s show", "featured on Bravo's show"),
        ("MSN, Yahoo!, YourTango", "MSN, Yahoo, YourTango"),
        ("Please help!", "Please help!"),
        ("Stop! Think.", "Stop! Think."),
        ("  spaced   out  ", "spaced out"),
    ],
)
def test_written_form_becomes_spoken_form(written, spoken):
    assert to_speech(written) == spoken
