"""What a build settles before anything is spoken: an unchanged edition is known to be
unchanged before a word is scripted, any input that shapes it (the article's own
lexicon, the program's code) rebuilds it, and a batch hands out all its parts first."""

import signal
import time
from pathlib import Path

import psutil
import pytest

from num2words import num2words

from audio_edition import pipeline, recall, script
from audio_edition.engines import Voice
from audio_edition.package.manifest import read_edition
from audio_edition.settings import BuildSettings
from audio_edition.speak import SpeechJob
from conftest import SHORT_COLUMN as ARTICLE



@pytest.fixture
def built(tmp_path):
    article = tmp_path / "waves.txt"
    article.write_text(ARTICLE, "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", date="2026-11-29")
    [first] = pipeline.build_editions([article], settings)
    assert first.edition and not first.edition.up_to_date
    return article, settings


def _scripting_forbidden(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an unchanged edition was scripted again")

    monkeypatch.setattr(script, "write_script", refuse)


def test_an_unchanged_edition_is_up_to_date_without_scripting(built, monkeypatch):
    article, settings = built
    _scripting_forbidden(monkeypatch)
    [again] = pipeline.build_editions([article], settings)
    assert again.error is None and again.edition.up_to_date


def test_the_articles_own_lexicon_rebuilds_it(built):
    article, settings = built
    article.with_suffix(".toml").write_text('[lexicon]\nAda = "Ay-da"\n', "utf-8")
    [again] = pipeline.build_editions([article], settings)
    assert again.error is None and not again.edition.up_to_date
    assert again.spoken >= 1  # the letter, which names Ada, is said anew


def test_a_new_version_of_the_program_rebuilds_it_from_the_cache(built, monkeypatch):
    article, settings = built
    monkeypatch.setattr(recall, "code_digest", lambda: "another version")
    [again] = pipeline.build_editions([article], settings)
    assert again.error is None and not again.edition.up_to_date
    assert again.spoken == 0  # the same parts: every one comes from the cache


def test_the_code_digest_changes_with_any_file_of_the_program(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "stage.py").write_text("STEP = 1\n")
    (tmp_path / "templates" / "page.html").write_text("<p>{{ title }}</p>")
    before = recall.folder_digest(tmp_path)
    (tmp_path / "__pycache__" / "stage.cpython-311.pyc").write_bytes(b"compiled")
    assert recall.folder_digest(tmp_path) == before  # compiled files come and go
    (tmp_path / "templates" / "page.html").write_text("<p>{{ title | e }}</p>")
    assert recall.folder_digest(tmp_path) != before
    (tmp_path / "templates" / "page.html").write_text("<p>{{ title }}</p>")
    assert recall.folder_digest(tmp_path) == before
    (tmp_path / "templates" / "page.html").rename(tmp_path / "templates" / "other.html")
    assert recall.folder_digest(tmp_path) != before


def test_the_program_digest_is_of_the_installed_package():
    assert recall.code_digest() == recall.folder_digest(Path(recall.__file__).parent)


def _batch(tmp_path: Path, count: int) -> list[Path]:
    articles = []
    for index, name in enumerate(("Ada", "Bea", "Cy", "Dot")[:count]):
        article = tmp_path / f"{name.lower()}.txt"
        article.write_text(ARTICLE.replace("Ada", name).replace("Neighbour Waves", f"Neighbour Waves, {index}"), "utf-8")
        articles.append(article)
    return articles


def _calls_building(articles, tmp_path, monkeypatch, ahead: int | None) -> list[tuple[str, int]]:
    """What the build asked of the speak stage: ("send", parts) ahead, ("run", parts)."""
    calls = []

    class Recording(pipeline.Speaker):
        def send_ahead(self, jobs):
            calls.append(("send", len(jobs)))
            super().send_ahead(jobs)

        def run(self, jobs, progress=None, meanwhile=None, at_the_end=None):
            calls.append(("run", len(jobs)))
            return super().run(jobs, progress, meanwhile, at_the_end)

    if ahead:
        Recording.ahead = ahead
    monkeypatch.setattr(pipeline, "Speaker", Recording)
    # One worker: every intro is asked for as the article's last part goes out, and
    # spoken after it in the same run (these short columns last a minute, estimate or not).
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", workers=1)
    results = pipeline.build_editions(articles, settings)
    assert all(r.edition for r in results)
    return calls


def test_a_batch_hands_out_its_articles_parts_ahead_as_far_as_the_stage_asks(tmp_path, monkeypatch):
    calls = _calls_building(_batch(tmp_path, 4), tmp_path, monkeypatch, ahead=3)
    kinds = [kind for kind, _ in calls]
    assert kinds[:3] == ["send"] * 3 and all(n > 0 for _, n in calls[:3])
    # Then the first article is finished (its parts and its intro) before the fourth is read.
    assert kinds[3:5] == ["run", "send"]
    assert kinds.count("send") == 4 and kinds.count("run") == 4


def test_local_workers_take_a_batch_one_article_at_a_time(tmp_path, monkeypatch):
    kinds = [kind for kind, _ in _calls_building(_batch(tmp_path, 3), tmp_path, monkeypatch, ahead=None)]
    assert kinds == ["send", "run"] * 3


def test_two_articles_of_a_batch_with_one_title_do_not_share_a_folder(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE, "utf-8")
    second.write_text(ARTICLE.replace("Wave back.", "Wave first."), "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache")
    built, refused = pipeline.build_editions([first, second], settings)
    assert built.edition and built.error is None
    assert refused.edition is None and refused.error.startswith(
        f"{tmp_path / 'out' / 'why-my-neighbour-waves'}: is where this batch builds the edition of {first}")
    assert "Wave back." in (tmp_path / "out" / "why-my-neighbour-waves" / "transcript.html").read_text("utf-8")


def _started_workers(monkeypatch) -> list[tuple[list[str], int]]:
    from audio_edition import speak

    started = []
    real = speak.Speaker.prepare

    def record(self, engine_names, workers):
        started.append((list(engine_names), workers))
        return real(self, engine_names, workers)

    monkeypatch.setattr(speak.Speaker, "prepare", record)
    return started


def test_a_first_build_starts_every_worker_before_scripting(tmp_path, monkeypatch):
    article = tmp_path / "waves.txt"
    article.write_text(ARTICLE, "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", workers=2)
    started = _started_workers(monkeypatch)
    [result] = pipeline.build_editions([article], settings)
    assert result.error is None
    assert started == [(["fake"], 2)]


def test_a_rebuild_starts_one_worker_and_an_unchanged_edition_none(built, monkeypatch):
    article, settings = built
    started = _started_workers(monkeypatch)
    [again] = pipeline.build_editions([article], settings)
    assert again.edition.up_to_date and started == []
    article.write_text(ARTICLE.replace("Wave back.", "Wave back, warmly."), "utf-8")
    [edited] = pipeline.build_editions([article], settings)
    assert edited.error is None and edited.spoken >= 1
    assert started == [(["fake"], 1)]


def test_a_rebuild_known_to_be_one_starts_its_worker_before_reading(built, monkeypatch):
    article, settings = built
    article.write_text(ARTICLE.replace("Wave back.", "Wave back, warmly."), "utf-8")
    started = _started_workers(monkeypatch)
    read = pipeline.article_inputs
    monkeypatch.setattr(pipeline, "article_inputs", lambda *args: (started.append("read"), read(*args))[1])
    [edited] = pipeline.build_editions([article], settings, workers_ahead=1)
    assert edited.error is None and edited.spoken >= 1
    assert started[:2] == [(["fake"], 1), "read"]


def _speech_workers() -> list[psutil.Process]:
    return [child for child in psutil.Process().children(recursive=True)
            if "audio_edition.worker" in " ".join(child.cmdline())]


def _speech_workers_once_started(count: int) -> list[psutil.Process]:
    """The workers, once `count` have started or ten seconds have passed: workers
    started together come from one interpreter, which forks the others after its imports."""
    deadline = time.monotonic() + 10
    while len(_speech_workers()) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # time for any more to show
    return _speech_workers()


def test_prepare_starts_workers_only_up_to_the_pools_size_and_unused_ones_end(tmp_path):
    from audio_edition.speak import Speaker

    settings = BuildSettings(engine="fake", cache_dir=tmp_path / "cache", workers=2)
    with Speaker(settings) as speaker:
        speaker.prepare(["fake"], 5)
        speaker.prepare(["fake"], 1)
        workers = _speech_workers_once_started(2)
        assert len(workers) == 2
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive


def test_a_worker_never_given_a_part_is_killed_not_waited_for(tmp_path):
    from audio_edition.speak import WorkerConfig, start_workers

    settings = BuildSettings(engine="fake")
    config = WorkerConfig("fake", tmp_path / "cache", settings.mastering)
    [idle], [used] = start_workers(config, 1), start_workers(config, 1)
    used.given = True  # as `give` marks it
    idle.stop()
    used.stop()
    assert idle.process.popen.returncode == -signal.SIGKILL
    assert used.process.popen.returncode == 0  # told to finish, it left of itself


def test_a_worker_started_ahead_whose_engine_will_not_load_is_an_engine_error(tmp_path):
    """Started ahead, a worker whose engine fails to load has ended before it is given
    a part: the build says why, as it does for a worker given its part at once."""
    from audio_edition.engines import Voice
    from audio_edition.errors import EngineError
    from audio_edition.speak import SpeechJob, WorkerConfig, WorkerPool

    config = WorkerConfig("no-such-engine", tmp_path / "cache", BuildSettings().mastering)
    job = SpeechJob("key", ("Hello.",), Voice(), 100, "chapter 1 (Hello)", engine="no-such-engine")
    with WorkerPool(config, 1) as pool:
        pool.start(1)
        workers = _speech_workers()
        psutil.wait_procs(workers, timeout=30)  # it has read its configuration and ended
        with pytest.raises(EngineError, match="unknown engine 'no-such-engine'"):
            pool.run([job])


LONG_REPLY = ARTICLE.replace("Wave back. It costs nothing, and it says you see him.",
                             "\n\n".join(["Wave back. It costs nothing, and it says you see him, every single "
                                          "morning of the year, rain or shine."] * 120))


def _job(text: str, key: str) -> SpeechJob:
    return SpeechJob(key, (text,), Voice(), 500, key, engine="fake")


def test_a_worker_idle_at_the_end_speaks_what_the_end_asks_for(tmp_path):
    from audio_edition.speak import WorkerConfig, WorkerPool

    long, short, extra = _job("Wave back. " * 400, "long"), _job("Wave.", "short"), _job("An intro.", "extra")
    asked, progress = [], []

    def at_the_end(speaking):
        asked.append([job.key for job in speaking])
        return [extra]

    settings = BuildSettings(engine="fake", cache_dir=tmp_path / "cache")
    with WorkerPool(WorkerConfig("fake", settings.cache_dir, settings.mastering, None), 2) as pool:
        records = pool.run([long, short], lambda done, total: progress.append((done, total)), at_the_end=at_the_end)
    assert asked == [["long"]]  # once, when the short part was back and the long one still spoken
    assert set(records) == {"long", "short", "extra"}
    assert progress[-1] == (3, 3)


def test_the_end_is_asked_for_as_the_last_parts_go_out_and_its_jobs_go_by_length(tmp_path, monkeypatch):
    """With two workers, once a part has come back and one part waits, the end's jobs
    join the waiting ones, longest first: a worker then ends on the shortest part, not
    on the intro after it."""
    from audio_edition import speak
    from audio_edition.speak import WorkerConfig, WorkerPool

    jobs = [_job("Wave back. " * 600, "longest"), _job("Wave back. " * 60, "long"),
            _job("Wave back. " * 30, "middle"), _job("Wave.", "shortest")]
    extra = _job("An intro. " * 10, "extra")
    asked, given = [], []
    real_give = speak._Worker.give
    monkeypatch.setattr(speak._Worker, "give", lambda self, job: (given.append(job.key), real_give(self, job))[1])

    def at_the_end(unspoken):
        asked.append(sorted(job.key for job in unspoken))
        return [extra]

    settings = BuildSettings(engine="fake", cache_dir=tmp_path / "cache")
    with WorkerPool(WorkerConfig("fake", settings.cache_dir, settings.mastering, None), 2) as pool:
        records = pool.run(jobs, at_the_end=at_the_end)
    assert asked == [["longest", "middle", "shortest"]]
    assert given == ["longest", "long", "middle", "extra", "shortest"]
    assert set(records) == {"longest", "long", "middle", "shortest", "extra"}


def test_an_intro_spoken_ahead_with_the_wrong_length_is_spoken_again(tmp_path, monkeypatch):
    article = tmp_path / "waves.txt"
    article.write_text(LONG_REPLY, "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", workers=2)
    guessed = []
    spoken_minutes = pipeline._spoken_minutes

    def wrong_while_speaking(script, settings, record_of, unspoken=()):
        minutes = spoken_minutes(script, settings, record_of, unspoken)
        if unspoken and minutes is not None:
            guessed.append(minutes + 7)
            return minutes + 7
        return minutes

    monkeypatch.setattr(pipeline, "_spoken_minutes", wrong_while_speaking)
    [result] = pipeline.build_editions([article], settings)
    assert guessed, "the intro was not spoken ahead: the long reply should have kept a worker busy"
    said = " ".join(read_edition(result.edition.directory).spoken[0])
    assert f"About {num2words(guessed[0])} minutes" not in said
    assert f"About {num2words(guessed[0] - 7)} minute" in said
    assert result.spoken == len(result.edition.chapters)  # the guess spoken in vain is not an edition's part


def test_an_intro_spoken_ahead_with_the_right_length_is_kept(tmp_path, monkeypatch):
    article = tmp_path / "waves.txt"
    article.write_text(LONG_REPLY, "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", workers=2)
    monkeypatch.setattr(pipeline, "_spoken_minutes", lambda script, settings, record_of, unspoken=(): 2)
    runs = []
    run = pipeline.Speaker.run
    monkeypatch.setattr(pipeline.Speaker, "run", lambda self, jobs, *args, **kwargs: (
        runs.append(len(jobs)), run(self, jobs, *args, **kwargs))[1])
    [result] = pipeline.build_editions([article], settings)
    assert runs == [len(result.edition.chapters) - 1]  # the intro came with the parts, not after them
    assert "About two minutes" in " ".join(read_edition(result.edition.directory).spoken[0])
    assert result.spoken == len(result.edition.chapters)


def test_a_first_build_hands_its_longest_parts_out_before_the_rest_is_scripted(tmp_path, monkeypatch):
    from audio_edition import speak

    article = tmp_path / "waves.txt"
    article.write_text(LONG_REPLY, "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache", workers=2)
    events = []
    real_written, real_start_on = pipeline.written, speak.Speaker.start_on
    monkeypatch.setattr(pipeline, "written", lambda *args: (events.append("script"), real_written(*args))[1])
    monkeypatch.setattr(speak.Speaker, "start_on",
                        lambda self, jobs: (events.append([job.label for job in jobs]), real_start_on(self, jobs))[1])
    [result] = pipeline.build_editions([article], settings, workers_ahead=2)
    assert result.error is None
    early, then = events
    assert then == "script"
    # The long reply first, then the next longest; each named by its chapter in the edition.
    chapters = {chapter.title: number for number, chapter in enumerate(result.edition.chapters, start=1)}
    assert len(early) == 2 and early[0].startswith(f"chapter {chapters['The Reply']} (The Reply)")
    assert result.spoken == len(result.edition.chapters)


def test_parts_handed_out_ahead_are_spoken_once_and_gathered_with_the_rest(tmp_path, monkeypatch):
    from audio_edition.speak import WorkerConfig, WorkerPool

    spoken = tmp_path / "spoken.log"
    monkeypatch.setenv("AUDIO_EDITION_FAKE_LOG", str(spoken))
    jobs = [_job("Wave back. " * 40, "first"), _job("Wave back. " * 20, "second"), _job("Wave.", "third")]
    settings = BuildSettings(engine="fake", cache_dir=tmp_path / "cache")
    with WorkerPool(WorkerConfig("fake", settings.cache_dir, settings.mastering, None), 2) as pool:
        pool.start(2)
        pool.give_now(jobs[0])
        assert pool.idle() == 1
        records = pool.run(jobs)
    assert set(records) == {"first", "second", "third"}
    assert len(spoken.read_text().splitlines()) == 3  # each spoken once


def test_the_parts_written_ahead_are_those_the_whole_script_writes(reference):
    from audio_edition.script import KnownLines, write_parts, write_script

    plan = pipeline.plan_article(reference)
    whole = write_script(plan, {})
    known = KnownLines({})
    ahead = write_parts(plan, [len(plan.segments) - 1, 3], known)  # the last part carries the outro
    assert ahead == [whole[-1], whole[3]]
    assert write_script(plan, known=known) == whole


def test_parts_spoken_while_the_rest_is_scripted_count_as_spoken(tmp_path, monkeypatch):
    # The longest parts go to idle workers before the script is written; on a busy
    # machine a worker can store one before the build asks the cache what is missing.
    article = tmp_path / "waves.txt"
    article.write_text(ARTICLE, "utf-8")
    settings = BuildSettings(out_dir=tmp_path / "out", engine="fake", cache_dir=tmp_path / "cache",
                             date="2026-11-29", workers=2)
    scripted = pipeline.written

    def written_slowly(*args, **kwargs):
        deadline = time.monotonic() + 20
        while len(list((tmp_path / "cache").rglob("*.json"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        return scripted(*args, **kwargs)

    monkeypatch.setattr(pipeline, "written", written_slowly)
    [first] = pipeline.build_editions([article], settings)
    assert first.error is None
    assert first.spoken == len(first.edition.chapters)
