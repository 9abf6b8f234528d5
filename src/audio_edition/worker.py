"""A local speech worker: one process, one loaded engine, one part at a time.

Started by `speak.WorkerPool` as ``python -m audio_edition.worker FD``: it reads its
configuration, then jobs, from the connection on FD, and answers each job with the
part's cache record or a `PartFailure`.
"""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection

from audio_edition import engines
from audio_edition.cache import open_cache
from audio_edition.errors import EngineError
from audio_edition.render import Listener, attempt, failure, release_memory
from audio_edition.speak import PartFailure, WorkerConfig


def main(fd: int) -> None:
    connection = Connection(fd)
    config: WorkerConfig = connection.recv()
    try:
        engine = engines.load(config.engine)
    except EngineError as exc:
        connection.send(PartFailure("engine", str(exc)))
        return
    except Exception as exc:
        connection.send(failure("engine", f"{type(exc).__name__}: {exc}"))
        return
    cache = open_cache(config.cache_root)
    listener = Listener(config.verify) if config.verify else None
    while (job := connection.recv()) is not None:
        connection.send(attempt(engine, job, cache, config.mastering, listener))
        release_memory()


if __name__ == "__main__":
    main(int(sys.argv[1]))
    # Every part is stored and answered, and output goes nowhere: leave without the
    # interpreter's teardown (the engine, numpy), which the build would wait for.
    os._exit(0)
