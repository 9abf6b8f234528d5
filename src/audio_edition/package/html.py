"""HTML made from templates (Jinja2, autoescaped): the transcript page."""

from __future__ import annotations

import functools
from typing import Sequence

from audio_edition.model import Chapter, Cue, Plan
from audio_edition.package.transcripts import clock


@functools.cache
def environment():
    from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape

    try:
        # Compiling the pages' templates costs every build 17 ms (1.5 ms loaded); Jinja2 keeps them
        # compiled in its own folder for this user, checked against each template's source.
        compiled = FileSystemBytecodeCache()
    except RuntimeError:  # no private folder for it here: compile each time
        compiled = None
    env = Environment(loader=PackageLoader("audio_edition", "templates"), bytecode_cache=compiled,
                      autoescape=select_autoescape(["html", "xml"]), keep_trailing_newline=True)
    env.globals["clock"] = clock
    return env


def render_transcript_html(plan: Plan, chapters: Sequence[Chapter], cues: Sequence[Cue], language: str) -> str:
    sections = [(c, [q for q in cues if c.start_ms <= q.start_ms < c.end_ms]) for c in chapters]
    return environment().get_template("transcript.html").render(
        plan=plan, chapters=chapters, sections=sections, language=language)


def render_player(plan: Plan, chapters: Sequence[Chapter], cues: Sequence[Cue], files: dict[str, str],
                  show: str, language: str) -> str:
    """The edition's player page, for a keyboard or a screen reader: native audio, chapter
    buttons that play from there and say so in a polite live region, previous and next
    chapter, skips of 15 seconds, a speed control, the transcript whose sentences seek and
    whose current sentence is marked, the position remembered; no autoplay.

    `files` names the audio, captions, cover, transcript and EPUB ("" when there is none)."""
    return environment().get_template("player.html").render(
        plan=plan, chapters=chapters, cues=cues, show=show, language=language, **files)


def render_show_page(show, episodes: Sequence[dict], feed: str) -> str:
    return environment().get_template("show.html").render(show=show, episodes=episodes, feed=feed)
