"""A part as it travels to a Celery worker: JSON, and back to the same part."""

import json

from audio_edition.distributed import job_data, job_from
from audio_edition.engines import Voice
from audio_edition.speak import SpeechJob


def test_a_part_survives_the_trip_through_json():
    job = SpeechJob("key1", ("Tip three of seven.", "Speak your truth."), Voice("gmw/en-us+f3", 160, 40), 500,
                    "chapter 3 (Tip 3 of 7)", paragraph_starts=(0, 1), chime=True, engine="pyttsx3")
    data = json.loads(json.dumps(job_data(job)))
    assert job_from(data) == job
    assert data["voice"] == {"name": "gmw/en-us+f3", "rate": 160, "pitch": 40}
    assert data["sentences"] == ["Tip three of seven.", "Speak your truth."]


def test_a_part_with_the_defaults_survives_it_too():
    job = SpeechJob("key2", ("One.",), Voice(), 0, "part 1")
    assert job_from(json.loads(json.dumps(job_data(job)))) == job
