"""The command line: options become settings, one library call, its result shown.

Only this module prints or exits; library errors become one ``Error: ...`` line.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from audio_edition import engines, pipeline
from audio_edition.errors import AudioEditionError
from audio_edition.model import Plan
from audio_edition.settings import BuildSettings

_WORDS_PER_MINUTE = 175


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


@main.command()
@_ARTICLE
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
def plan(article: Path, as_json: bool) -> None:
    """Show the segment plan of ARTICLE without synthesizing anything."""
    result = pipeline.plan_article(article)
    click.echo(json.dumps(plan_json(result), ensure_ascii=False, indent=2) if as_json else plan_table(result))


@main.command()
@_ARTICLE
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder that receives the edition's folder.")
@click.option("--engine", default=engines.DEFAULT_ENGINE, show_default=True,
              help=f"Speech engine: {', '.join(engines.ENGINES)}.")
@click.option("--voice", default=None, help="The engine's voice id.")
@click.option("--rate", type=click.IntRange(80, 400), default=None, help="Words per minute.")
@click.option("--show", default=BuildSettings.show, show_default=True, help="Show name (album tag).")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def build(article: Path, out_dir: Path, engine: str, voice: str | None, rate: int | None,
          show: str, quiet: bool) -> None:
    """Build the audio edition of ARTICLE."""
    settings = BuildSettings(out_dir=out_dir, engine=engine, voice=voice, rate=rate, show=show)
    progress = None if quiet or not sys.stderr.isatty() else _print_progress
    edition = pipeline.build_edition(article, settings, progress)
    if not quiet:
        minutes = edition.duration_ms / 60000
        click.echo(f"Built {edition.audio_path} ({minutes:.1f} min, {len(edition.chapters)} chapters)")


def _print_progress(done: int, total: int) -> None:
    click.echo(f"\rSpeaking: {done}/{total} parts", nl=done == total, err=True)


def plan_json(plan: Plan) -> dict:
    return {
        "title": plan.title,
        "authors": plan.authors,
        "segments": [asdict(segment) for segment in plan.segments],
        "dropped": list(plan.dropped),
    }


def plan_table(plan: Plan) -> str:
    rows = [f"{plan.title}", f"by {plan.authors or 'unknown'}", ""]
    rows.append(f"{'#':>3}  {'kind':<8} {'words':>5} {'min':>4}  title")
    for index, segment in enumerate(plan.segments, start=1):
        words = len(segment.text.split())
        rows.append(f"{index:>3}  {segment.kind:<8} {words:>5} {words / _WORDS_PER_MINUTE:>4.1f}  {segment.title}")
    for text in plan.dropped:
        rows.append(f"  -  dropped: {text}")
    return "\n".join(rows)
