"""The project's few error classes.

Every error a user can cause or meet derives from `AudioEditionError`; the CLI turns
it into one ``Error: ...`` line. Third-party failures are wrapped where they enter.
"""


class AudioEditionError(Exception):
    """Base class: a failure with a message fit to show a user as it is."""


class ArticleError(AudioEditionError):
    """The article cannot be read or holds no text to speak."""


class EngineError(AudioEditionError):
    """A speech engine is unknown, unavailable, or failed on a segment."""


class ToolError(AudioEditionError):
    """An external tool (ffmpeg, ffprobe) is missing or failed."""


class OutputError(AudioEditionError):
    """An output could not be written."""


class CoverError(AudioEditionError):
    """A cover image does not meet podcast apps' rules."""


class ShowError(AudioEditionError):
    """The show settings are missing, unreadable or incomplete."""


class EditionError(AudioEditionError):
    """An edition on disk is missing, damaged, or belongs to another article."""


class CacheError(AudioEditionError):
    """The segment cache folder cannot be used as one."""


class ListenError(AudioEditionError):
    """The recognizer cannot run here, or its model cannot be loaded."""


class SpeechError(AudioEditionError):
    """A part could not be spoken: the engine failed twice, or the program itself did."""

    def __init__(self, message: str, traceback: str = "") -> None:
        super().__init__(message)
        self.traceback = traceback
        """Where it failed, in the worker that tried: kept for a bug report."""


class BrokerError(AudioEditionError):
    """The message broker that hands parts to remote workers cannot be reached."""
