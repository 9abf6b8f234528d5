"""Build settings: defaults here, overridden once by the CLI, then passed down."""

from __future__ import annotations

import datetime
import io
import os
from dataclasses import astuple, dataclass, field
from pathlib import Path

from audio_edition.engines import DEFAULT_ENGINE, default_voice
from audio_edition.listen import ListenSettings

DEFAULT_SHOW = "Audio Editions"
MAX_ARTICLE_BYTES = 10_000_000
"""The default limit on an article's size: a book-length article is a few megabytes, and
reading stops here so that an endless stream (/dev/zero) is refused, not held in memory.
Defined here rather than with the readers, so that a speech worker, which needs the
settings but reads no article, does not import them."""


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-edition")) / "segments"


def _default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass(frozen=True)
class MasteringSettings:
    loudness: float = -16.0
    """Target integrated loudness, LUFS (podcast apps' target)."""
    ceiling_db: float = -3.0
    """Sample-peak ceiling, dBFS; leaves room for inter-sample and MP3 overshoot under -1 dBTP."""
    bitrate_kbps: int = 64
    quality: int = 7
    """LAME's speed/quality trade-off, 0 (best) to 9; 7 is fast and clean for speech at 64 kbps."""


@dataclass(frozen=True)
class Casting:
    """Who reads one kind of segment; None leaves the setting to the edition's default."""

    engine: str | None = None
    voice: str | None = None
    rate: int | None = None
    pitch: int | None = None


DEFAULT_CASTING: dict[str, dict[str, Casting]] = {
    # The reader's letter is another person: espeak-ng's female variant of the edition's
    # voice (a voice that starts with "+" is a variant of the one before it); under piper,
    # which ships one voice here, the same voice moved up three semitones.
    "pyttsx3": {"letter": Casting(voice="+f3", pitch=60)},
    "piper": {"letter": Casting(pitch=88)},
    "fake": {"letter": Casting(voice="high")},
}


@dataclass(frozen=True)
class BuildSettings:
    out_dir: Path = Path("output")
    """Editions go to `out_dir/<slug>/`."""
    engine: str = DEFAULT_ENGINE
    voice: str | None = None
    """The engine's voice id; None for the engine's default."""
    rate: int | None = None
    """Speaking rate in words per minute; None for the engine's default."""
    show: str = DEFAULT_SHOW
    """The show the edition belongs to: the album tag."""
    language: str = "en"
    """The article's language as a BCP 47 tag ("en", "en-us")."""
    formats: tuple[str, ...] = ("mp3",)
    """Formats to write: "mp3", "m4b" for audiobook apps, "epub" for a talking book
    (EPUB 3 with the text and the MP3 in sync)."""
    cover: Path | None = None
    """The user's own cover image; None draws one from the title and show."""
    cast: tuple[tuple[str, Casting], ...] = ()
    """Casting by segment kind from the show's settings file (--settings)."""
    cast_overrides: tuple[tuple[str, Casting], ...] = ()
    """Casting from the command line (--cast): it wins over every file."""
    chime: bool = False
    """A short synthesized chime after each section heading."""
    lexicon: tuple[tuple[str, str], ...] = ()
    """The show's pronunciation lexicon (--settings); an article's own adds to it."""
    mastering: MasteringSettings = MasteringSettings()
    max_article_bytes: int = MAX_ARTICLE_BYTES
    """Articles larger than this are refused."""
    cache_dir: Path | str = field(default_factory=default_cache_dir)
    """The segment cache: a folder, or an fsspec URL ("s3://bucket/prefix") for a cache
    the machines of a deployment share."""
    workers: int = field(default_factory=_default_workers)
    verify: ListenSettings | None = None
    """Listen to each part as it is spoken, and speak again one not heard as written."""
    date: str = field(default_factory=lambda: datetime.date.today().isoformat())
    broker: str = ""
    """A Celery broker's URL (redis://host:6379/0): parts go to the workers listening
    there instead of to local worker processes."""


AUDIO_FORMATS = ("mp3", "m4b")
FORMATS = (*AUDIO_FORMATS, "epub")
"""Everything `--format` can ask for; the MP3 is always made, being the others' source."""

_ISO_639_2 = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "nl": "nld", "pt": "por",
              "sv": "swe", "da": "dan", "no": "nor", "fi": "fin", "pl": "pol", "cs": "ces", "ru": "rus"}


def id3_language(language: str) -> str:
    """ID3 wants ISO 639-2 ("eng"); "und" when the language is not known here."""
    return _ISO_639_2.get(language.split("-")[0].lower(), "und")


def casting_for(settings: BuildSettings, kind: str, article_cast: tuple[tuple[str, Casting], ...] = ()) -> Casting:
    """Who reads segments of `kind`: the edition's engine and voice, then the engine's
    default casting, the show's settings file, the article's, and the command line."""
    resolved = Casting(settings.engine, settings.voice, settings.rate, None)
    given = [*settings.cast, *article_cast, *settings.cast_overrides]
    layers = [DEFAULT_CASTING.get(settings.engine, {}).get(kind)] + [c for k, c in given if k == kind]
    for layer in layers:
        if layer is not None:
            resolved = Casting(*(new if new is not None else old
                                 for new, old in zip(astuple(layer), astuple(resolved))))
            if layer.voice and layer.voice.startswith("+"):
                base = (settings.voice or default_voice(resolved.engine or settings.engine)).split("+")[0]
                resolved = Casting(resolved.engine, base + layer.voice, resolved.rate, resolved.pitch)
    return resolved


def read_casting(path: Path) -> tuple[tuple[str, Casting], ...]:
    """Casting from a settings file: a table per segment kind under [cast].

        [cast.letter]
        engine = "pyttsx3"
        voice = "gmw/en-us+f3"
        rate = 165
        pitch = 60
    """
    from audio_edition.errors import AudioEditionError
    from audio_edition.model import SEGMENT_KINDS

    data = _read_toml(path)
    cast = []
    for kind, values in data.get("cast", {}).items():
        if kind not in SEGMENT_KINDS or not isinstance(values, dict):
            raise AudioEditionError(f"{path}: [cast.{kind}] is not a segment kind ({', '.join(SEGMENT_KINDS)})")
        unknown = set(values) - {"engine", "voice", "rate", "pitch"}
        if unknown:
            raise AudioEditionError(f"{path}: [cast.{kind}] has unknown settings: {', '.join(sorted(unknown))}")
        for name, allowed in _CASTING_RANGES.items():
            if name in values and not _within(values[name], allowed):
                raise AudioEditionError(f"{path}: [cast.{kind}] {name} must be {_described(allowed)}, "
                                        f"not {values[name]!r}")
        cast.append((kind, Casting(**values)))
    return tuple(cast)


_CASTING_RANGES: dict[str, tuple[int, int] | type] = {"engine": str, "voice": str, "rate": (80, 400),
                                                       "pitch": (0, 100)}
"""What each casting setting takes: text, or a whole number in a range (words a minute,
and pitch from 0 to 100 with 50 the voice's own)."""


def _within(value, allowed) -> bool:
    if allowed is str:
        return isinstance(value, str) and bool(value.strip())
    return isinstance(value, int) and not isinstance(value, bool) and allowed[0] <= value <= allowed[1]


def _described(allowed) -> str:
    return "text" if allowed is str else f"a whole number from {allowed[0]} to {allowed[1]}"


def parse_cast_option(text: str) -> tuple[str, Casting]:
    """"letter=pyttsx3:gmw/en-us+f3" -> ("letter", Casting(engine=..., voice=...))."""
    from audio_edition.errors import AudioEditionError
    from audio_edition.model import SEGMENT_KINDS

    kind, _, who = text.partition("=")
    engine, _, voice = who.partition(":")
    if kind not in SEGMENT_KINDS or not engine:
        raise AudioEditionError(f"--cast {text!r}: expected KIND=ENGINE[:VOICE], KIND one of {', '.join(SEGMENT_KINDS)}")
    return kind, Casting(engine=engine, voice=voice or None)


def read_lexicon(path: Path) -> tuple[tuple[str, str], ...]:
    """A pronunciation lexicon: a W3C PLS file (.pls), or a settings file's [lexicon]
    table (word = "how it is said") and [acronyms] lists, which add to the built-in ones.

        [lexicon]
        Orna = "Or-nah"
        "Main St." = "Main Street"

        [acronyms]
        letters = ["CDT", "AAVSO"]   # said letter by letter
        words = ["NOAA"]             # said as a word

    A settings file may also name other lexicons: lexicon_files = ["names.pls"].
    """
    from audio_edition.errors import AudioEditionError

    if path.suffix.lower() in (".pls", ".xml"):
        from audio_edition.normalize import read_pls

        return read_pls(path)
    data = _read_toml(path)
    lexicon = data.get("lexicon", {})
    if not isinstance(lexicon, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() for k, v in lexicon.items()):
        raise AudioEditionError(f"{path}: [lexicon] maps words to how they are said, both as text")
    return _lexicon_files(path, data.get("lexicon_files", [])) + _acronyms(path, data.get("acronyms", {})) + tuple(
        lexicon.items())


def _lexicon_files(path: Path, names: object) -> tuple[tuple[str, str], ...]:
    """The lexicons a settings file names (PLS or TOML), found beside it; its own table wins."""
    from audio_edition.errors import AudioEditionError

    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise AudioEditionError(f"{path}: lexicon_files is a list of file names")
    return tuple(entry for name in names for entry in read_lexicon(path.parent / name))


def _acronyms(path: Path, table: object) -> tuple[tuple[str, str], ...]:
    """[acronyms] as lexicon entries: "CDT" -> "C D T", "NOAA" -> "Noaa"."""
    from audio_edition.errors import AudioEditionError

    lists = table if isinstance(table, dict) else None
    if lists is None or set(lists) - {"letters", "words"} or not all(
            isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v) for v in lists.values()):
        raise AudioEditionError(f"{path}: [acronyms] holds two lists of words, letters = [...] and words = [...]")
    return tuple((w, " ".join(w.replace(".", ""))) for w in lists.get("letters", ())) + tuple(
        (w, w.capitalize()) for w in lists.get("words", ()))


def read_deployment(path: Path) -> dict[str, str]:
    """Where a deployment's parts go and are kept, from a settings file's top level, so
    a deployment needs no long command lines (the command line still wins):

        broker = "redis://queue.example.net:6379/0"
        cache = "s3://editions/segments"
    """
    from audio_edition.errors import AudioEditionError

    data = _read_toml(path)
    found = {name: data[name] for name in ("broker", "cache") if name in data}
    for name, value in found.items():
        if not isinstance(value, str) or not value.strip():
            raise AudioEditionError(f"{path}: {name} is a URL or a folder, as text")
    return found


def _read_toml(path: Path) -> dict:
    import tomllib

    from audio_edition.errors import AudioEditionError
    from audio_edition.recall import note_read

    try:
        data = path.read_bytes()
        note_read(path, data)
        # Decoded as `read_text` would, line endings made "\n" whatever the editor wrote.
        return tomllib.loads(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AudioEditionError(f"{path}: cannot be read as TOML settings ({exc})") from exc
