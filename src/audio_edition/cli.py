"""The command line: options become settings, one library call, its result shown.

Only this module prints or exits; library errors become one ``Error: ...`` line.
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import click

# The stages are imported where a command runs them: a build with nothing changed
# answers before reading an article, and needs none of them.
from audio_edition import engines, recall
from audio_edition.errors import AudioEditionError
from audio_edition.cache import cache_location, open_cache
from audio_edition.listen import DEFAULT_THRESHOLD, ListenSettings
from audio_edition.model import Plan
from audio_edition.readers import MAX_ARTICLE_BYTES, READERS
from audio_edition.settings import (
    FORMATS, BuildSettings, default_cache_dir, parse_cast_option, read_casting, read_deployment,
    read_lexicon,
)

if TYPE_CHECKING:
    from audio_edition import pipeline


class _Group(click.Group):
    """Turns the project's errors into one `Error:` line and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AudioEditionError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
@click.version_option(package_name="audio-edition")
def main() -> None:
    """Turn a written article into a chaptered, tagged audio edition."""


_ARTICLE = click.argument("article", type=click.Path(path_type=Path))
_MAX_SIZE = click.option("--max-size", "max_size", type=click.FloatRange(min=0, min_open=True),
                         default=MAX_ARTICLE_BYTES / 1e6, show_default=True,
                         help="The largest article to read, in MB.")
_THRESHOLD = click.option("--threshold", type=click.FloatRange(0, 10), default=DEFAULT_THRESHOLD, show_default=True,
                          help="Listening: the word error rate above which a chapter or part fails.")
_MODEL = click.option("--model", default=None, help="Listening: the recognizer's model, a folder holding a "
                      "CTranslate2 Whisper model or a model name (default: the packaged tiny.en).")


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    asked = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in asked if f not in FORMATS]
    if unknown or not asked:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}; mp3 is always made")
    return tuple(dict.fromkeys(["mp3", *asked]))


@main.command()
@_ARTICLE
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@_MAX_SIZE
def plan(article: Path, as_json: bool, max_size: float) -> None:
    """Show the segment plan of ARTICLE without synthesizing anything."""
    from audio_edition import pipeline

    result = pipeline.plan_article(article, int(max_size * 1e6))
    click.echo(json.dumps(plan_json(result), ensure_ascii=False, indent=2) if as_json else plan_table(result))
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)


@main.command()
@click.argument("article", required=False, type=click.Path(path_type=Path))
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), default=None,
              help="The script of a plan a person has edited (the JSON 'plan --json' prints).")
@click.option("--settings", "settings_file", type=click.Path(path_type=Path), default=None,
              help="A show's settings file: its [lexicon] and [acronyms] apply, as in build.")
@click.option("--json", "as_json", is_flag=True, help="Print the script as JSON, with each sentence as written.")
@click.option("--engine", default=engines.DEFAULT_ENGINE, show_default=True,
              help="As for build: the intro gives the length the parts take with this engine, once spoken.")
@click.option("--voice", default=None, help="As for build.")
@click.option("--rate", type=click.IntRange(80, 400), default=None, help="As for build.")
@click.option("--cache-dir", default=None, help="As for build.")
@_MAX_SIZE
def script(article: Path | None, plan_file: Path | None, settings_file: Path | None, as_json: bool, engine: str,
           voice: str | None, rate: int | None, cache_dir: str | None, max_size: float) -> None:
    """Show what will be said for ARTICLE, as build will say it: one spoken sentence a
    line, chapter by chapter, with who says it, and the lexicon entries used. The intro's
    length is the edition's as spoken when its parts are in the cache, else an estimate."""
    from audio_edition import pipeline
    from audio_edition.proofread import script_json, script_text

    if bool(article) == bool(plan_file):
        raise click.UsageError("give the article, or --plan PLAN.json")
    settings = BuildSettings(lexicon=read_lexicon(settings_file) if settings_file else (),
                             cast=read_casting(settings_file) if settings_file else (),
                             max_article_bytes=int(max_size * 1e6), engine=engine, voice=voice, rate=rate,
                             **({"cache_dir": cache_location(cache_dir)} if cache_dir else {}))
    result = pipeline.script_article(plan_file or article, settings)
    result = pipeline.timed_script(result, settings, open_cache(settings.cache_dir).get)
    click.echo(json.dumps(script_json(result), ensure_ascii=False, indent=2) if as_json else script_text(result))


@main.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), default=None,
              help="Build from a plan a person has edited (the JSON 'plan --json' prints).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder that receives each edition's folder.")
@click.option("--engine", default=engines.DEFAULT_ENGINE, show_default=True,
              help=f"Speech engine: {', '.join(engines.ENGINES)}.")
@click.option("--voice", default=None, help="The engine's voice id.")
@click.option("--rate", type=click.IntRange(80, 400), default=None, help="Words per minute.")
@click.option("--show", default=BuildSettings.show, show_default=True, help="Show name (album tag).")
@click.option("--format", "formats", default="mp3", show_default=True, callback=_formats,
              help=f"Formats, comma-separated: {', '.join(FORMATS)}; mp3 is always made; epub is a talking "
                   "book, its text in sync with the MP3.")
@click.option("--cover", type=click.Path(path_type=Path), default=None,
              help="Cover image (PNG or JPEG, square, 1400-3000 px); default: drawn from the title.")
@click.option("--language", default=BuildSettings.language, show_default=True, help="The article's language.")
@click.option("--cast", "casts", multiple=True, metavar="KIND=ENGINE[:VOICE]",
              help="Who reads a kind of segment, e.g. letter=pyttsx3:gmw/en-us+f3 (repeatable).")
@click.option("--settings", "settings_file", type=click.Path(path_type=Path), default=None,
              help="A show's settings file with [cast.KIND] tables.")
@click.option("--chime", is_flag=True, help="A short synthesized chime after each section heading.")
@click.option("--cache-dir", default=None,
              help="Where spoken segments are kept between builds: a folder (default: the user's cache folder) "
                   "or an object store's URL (s3://bucket/prefix) shared by the machines of a deployment.")
@click.option("--broker", default=None, metavar="URL",
              help="Send the parts to the Celery workers listening at this broker (redis://host:6379/0) "
                   "instead of speaking them here.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@_MAX_SIZE
@click.option("--slug", default="", help="The edition's own slug (folder, file and episode name) "
              "instead of one made from the title; one article only.")
@click.option("--verify", is_flag=True, help="Listen to each part as it is spoken (needs audio-edition[listen]); "
              "speak again, up to twice, a part above the threshold.")
@_THRESHOLD
@_MODEL
def build(articles: tuple[Path, ...], out_dir: Path, engine: str, voice: str | None, rate: int | None,
          show: str, formats: tuple[str, ...], cover: Path | None, language: str, casts: tuple[str, ...],
          settings_file: Path | None, chime: bool, cache_dir: str | None, broker: str | None, quiet: bool,
          plan_file: Path | None, max_size: float, slug: str, verify: bool, threshold: float,
          model: str | None) -> None:
    """Build the audio edition of each ARTICLE (files, or folders of articles).

    An article's own settings file, ARTICLE.toml beside it, may cast its segments."""
    overrides = _deployment(settings_file, broker, cache_dir)
    if bool(articles) == bool(plan_file):
        raise click.UsageError("give the articles to build, or --plan PLAN.json")
    paths = [plan_file] if plan_file else expand_articles(articles)
    records, request = _build_records(overrides, paths)
    recalled = recall.recalled(records, request) if records else recall.Recalled()
    if recalled.audio_paths is not None:
        if not quiet:
            for line in up_to_date_summary(recalled.audio_paths):
                click.echo(line)
        return
    from audio_edition import pipeline

    with recall.noting_reads() as reads:
        settings = BuildSettings(
            out_dir=out_dir, engine=engine, voice=voice or engines.voice_for(engine, language), rate=rate,
            show=show, formats=formats, cover=cover,
            language=language, chime=chime, cast=read_casting(settings_file) if settings_file else (),
            lexicon=read_lexicon(settings_file) if settings_file else (),
            cast_overrides=tuple(parse_cast_option(c) for c in casts), max_article_bytes=int(max_size * 1e6),
            verify=ListenSettings(model, threshold) if verify else None,
            **overrides)
        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            # One article: its failure is the command's error. Several: each is reported.
            results = pipeline.build_editions(paths, settings, progress, keep_going=len(paths) > 1, slug=slug,
                                              workers_ahead=_workers_ahead(recalled, records, settings))
    if not quiet:
        for line in build_summary(results, verifying=verify):
            click.echo(line)
    failures = [r for r in results if r.error]
    for failure in failures:
        click.echo(f"Error: {failure.article}: {failure.error}", err=True)
    if failures:
        sys.exit(1)
    if records:
        recall.remember(records, request, reads, [r.edition.directory for r in results])


def _workers_ahead(recalled: recall.Recalled, records: Path | None, settings: BuildSettings) -> int:
    """How many workers to start before the articles are read. A build whose record says
    its inputs changed nearly always speaks a part or two: one. A build with no record of
    the same request today is most often a first build, which speaks every part: all.
    When it proves up to date after all (the first build of a day, say), they are
    killed unused, a quarter of a second of CPU on another core lost. Builds that keep no
    record (standard input, a broker, an object store) start theirs once they know."""
    if recalled.found:
        return 1
    return settings.workers if records is not None else 0


def _build_records(overrides: dict, paths: list[Path]) -> tuple[Path | None, str]:
    """Where this build's record is kept, and the digest naming it. Some builds keep
    none: an article on standard input, which cannot be read twice; a cache in an object
    store; and builds through a broker, which say so when the broker has gone away even
    if nothing changed."""
    cache_folder = overrides.get("cache_dir") or default_cache_dir()
    if Path("-") in paths or overrides.get("broker") or not isinstance(cache_folder, Path):
        return None, ""
    ctx = click.get_current_context()
    # How the result is shown shapes no file: a quiet build and a talkative one share a record.
    request = {name: value for name, value in ctx.params.items() if name != "quiet"}
    return cache_folder, recall.request_digest({**request, "articles": paths})


def expand_articles(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder stands for the articles directly inside it."""
    expanded: list[Path] = []
    for path in paths:
        if path != Path("-") and path.is_dir():
            # Hidden files (.DS_Store, an editor's notes) are never articles.
            inside = sorted(p for p in path.iterdir()
                            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in READERS)
            if not inside:
                raise AudioEditionError(f"{path}: is a folder with no articles in it")
            expanded.extend(inside)
        else:
            expanded.append(path)
    return expanded


def _count(number: int, noun: str, plural: str = "") -> str:
    """"1 chapter", "2 chapters"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def up_to_date_summary(audio_paths: Sequence[Path]) -> list[str]:
    """What a build says when every edition was already up to date."""
    lines = [f"Up to date: {path}" for path in audio_paths]
    if len(audio_paths) > 1:
        lines.append(_batch_line(len(audio_paths), len(audio_paths)))
    return lines


def _batch_line(built: int, total: int) -> str:
    return f"{built} of {total} articles built, {total - built} failed"


def build_summary(results: list[pipeline.BuildResult], verifying: bool = False) -> list[str]:
    lines = []
    for result in results:
        if result.edition and result.edition.up_to_date:
            lines.append(f"Up to date: {result.edition.audio_path}")
        elif result.edition:
            edition = result.edition
            lines.append(
                f"Built {edition.audio_path} ({edition.duration_ms / 60000:.1f} min, "
                f"{_count(len(edition.chapters), 'chapter')}, {result.spoken} spoken, "
                f"{len(edition.chapters) - result.spoken} from cache)"
            )
            if verifying:
                lines += _verification(result)
    if len(results) > 1:
        lines.append(_batch_line(sum(1 for r in results if r.edition), len(results)))
    return lines


def _verification(result: pipeline.BuildResult) -> list[str]:
    from audio_edition import speak

    lines = [f"Listened to {_count(result.spoken, 'part')} as spoken: {result.respoken} spoken again"]
    for label, heard in result.unheard:
        lines.append(f"Not heard as written after {1 + speak.RESPEAK_LIMIT} tries: {label}: word error rate "
                     f"{heard.wer:.3f}; not heard: {' '.join(heard.missing[:12])}")
    return lines


@contextlib.contextmanager
def progress_bar(enabled: bool):
    """A rich progress bar fed by the pipeline's progress callback."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("Speaking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("speak", total=None)

        def update(done: int, total: int) -> None:
            if done == 1:
                bar.reset(task, total=total)
            bar.update(task, completed=done, total=total)

        yield update


@main.command()
def voices() -> None:
    """List the speech engines, whether each can run here (and why not), and their voices."""
    for name in engines.ENGINES:
        reason = engines.unavailable(name)
        if reason:
            click.echo(f"{name}: unavailable: {reason}")
            continue
        found, default = engines.voices(name), engines.default_voice(name)
        click.echo(f"{name}: available, {_count(len(found), 'voice')}"
                   f"{' (default engine)' if name == engines.DEFAULT_ENGINE else ''}")
        for voice in found:
            click.echo(f"  {voice}{' (default voice)' if voice == default else ''}")
        extra = engines.variants(name)
        if extra:
            example = "f3" if "f3" in extra else extra[0]
            click.echo(f"  variants, added to any voice as in {default or found[0]}+{example}: {', '.join(extra)}")


def _deployment(settings_file: Path | None, broker: str | None, cache_dir: str | None) -> dict:
    """The broker and the cache: from the command line, else the settings file."""
    found = read_deployment(settings_file) if settings_file else {}
    broker, cache_dir = broker or found.get("broker"), cache_dir or found.get("cache")
    return {**({"broker": broker} if broker else {}), **({"cache_dir": cache_location(cache_dir)} if cache_dir else {})}


@main.command()
@click.option("--broker", default=None, metavar="URL", help="The Celery broker to take parts from (redis://host:6379/0).")
@click.option("--cache-dir", default=None,
              help="The segment cache the builders read: a folder, or an object store's URL (s3://bucket/prefix); "
                   "default: the one each build names.")
@click.option("--concurrency", type=click.IntRange(min=1), default=None,
              help="Parts spoken at once, one process each (default: one per core).")
@click.option("--settings", "settings_file", type=click.Path(path_type=Path), default=None,
              help="A settings file whose broker and cache apply when not given here.")
@click.option("--redeliver-after", type=click.IntRange(min=5), default=None, metavar="SECONDS",
              help="Seconds after which a part taken by a worker that died goes to another (default: 60).")
def worker(broker: str | None, cache_dir: str | None, concurrency: int | None, settings_file: Path | None,
           redeliver_after: int | None) -> None:
    """Speak parts sent by 'build --broker', until stopped (needs audio-edition[distributed])."""
    from audio_edition.distributed import REDELIVER_AFTER, run_worker

    deployment = _deployment(settings_file, broker, cache_dir)
    if not deployment.get("broker"):
        raise click.UsageError("give --broker URL, or a --settings file with broker = URL")
    run_worker(deployment["broker"], str(deployment.get("cache_dir", "")), concurrency or BuildSettings().workers,
               redeliver_after or REDELIVER_AFTER)


@main.command()
@click.option("--cache-dir", default=None, help="The cache: a folder, or an object store's URL.")
@click.option("--clear", is_flag=True, help="Remove every cached segment.")
def cache(cache_dir: str | None, clear: bool) -> None:
    """Report the segment cache's size, or clear it."""
    store = open_cache(cache_location(cache_dir) if cache_dir else default_cache_dir())
    if clear:
        store.clear()
        click.echo(f"Cleared {store.root}")
        return
    entries, size = store.usage()
    click.echo(f"{store.root}: {entries} segments, {size / 1e6:.1f} MB")


@main.command()
@click.argument("edition", type=click.Path(path_type=Path))
@click.option("--listen", is_flag=True, help="Recognize each chapter and compare it with what was to be said "
              "(needs audio-edition[listen]); the figures are kept in edition.json.")
@_THRESHOLD
@_MODEL
def check(edition: Path, listen: bool, threshold: float, model: str | None) -> None:
    """Verify the edition in folder EDITION: chapters, tags, loudness, transcripts, files,
    and with --listen what each chapter says."""
    from audio_edition.check import run_check

    report = run_check(edition, ListenSettings(model, threshold) if listen else None)
    for ok, message in report.findings:
        click.echo(f"{'Passed' if ok else 'FAILED'}: {message}")
    failed = sum(1 for ok, _ in report.findings if not ok)
    click.echo(f"{len(report.findings) - failed} checks passed, {failed} failed.")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("editions", nargs=-1, type=click.Path(path_type=Path))
@click.option("--settings", "show_file", type=click.Path(path_type=Path), default=None,
              help="The show's settings file (show.toml), as for build; default: a show for trying things out.")
@click.option("--base-url", default=None, help="Where the output folder is served (overrides the show's).")
@click.option("--feed", type=click.Path(path_type=Path), default=None,
              help="The feed to write or update (default: feed.xml beside the editions).")
@click.option("--remove", "remove", multiple=True, metavar="SLUG",
              help="Take the episode of edition SLUG out of the feed and the show page (repeatable).")
def publish(editions: tuple[Path, ...], show_file: Path | None, base_url: str | None, feed: Path | None,
            remove: tuple[str, ...]) -> None:
    """Add or update EDITIONS (edition folders) in the podcast feed and the show page.

    Every other episode in the feed is refreshed from its edition."""
    from audio_edition.publish.publisher import publish_editions

    if not editions and not remove:
        raise click.UsageError("give the editions to publish, or --remove SLUG")
    result = publish_editions(editions, show_file, base_url, feed, remove)
    removed = f", {result.removed} removed" if result.removed else ""
    click.echo(f"Published {_count(result.published, 'edition')} to {result.feed}{removed} "
               f"({_count(result.episodes, 'episode')} in all)")


@main.command()
@click.argument("folder", required=False, default=Path("output"), type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(folder: Path, port: int, host: str) -> None:
    """Serve FOLDER (default: output) over HTTP for podcast apps and browsers."""
    from audio_edition.publish.serve import feed_elsewhere, make_server

    if not folder.is_dir():
        raise AudioEditionError(f"{folder}: no such folder")
    try:
        server = make_server(folder, host, port)
    except OSError as exc:
        raise AudioEditionError(f"cannot listen on {host}:{port} ({exc.strerror})") from exc
    click.echo(f"Serving {folder} at http://{host}:{server.server_address[1]}/ (Ctrl-C stops)", err=True)
    elsewhere = feed_elsewhere(folder, host, server.server_address[1])
    if elsewhere:
        click.echo(f"Warning: {elsewhere}", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def plan_json(plan: Plan) -> dict:
    return {
        "title": plan.title,
        "authors": plan.authors,
        "writer": plan.writer,
        "date": plan.date,
        "segments": [asdict(segment) for segment in plan.segments],
        "dropped": list(plan.dropped),
        "warnings": list(plan.warnings),
    }


def plan_table(plan: Plan) -> str:
    from audio_edition.script import chapter_title, estimated_minutes

    rows = [plan.title, *([f"by {plan.authors}"] if plan.authors else []), ""]
    rows.append(f"{'#':>3}  {'kind':<8} {'words':>5} {'min':>4}  title")
    for index, segment in enumerate(plan.segments, start=1):
        words = len(segment.text.split())
        rows.append(f"{index:>3}  {segment.kind:<8} {words:>5} {estimated_minutes(words):>4.1f}  "
                    f"{chapter_title(segment)}")
    for text in plan.dropped:
        rows.append(f"  -  dropped: {text}")
    return "\n".join(rows)
