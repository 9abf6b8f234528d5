"""A local speech worker: one process, one loaded engine, one part at a time.

Started by `speak.WorkerPool` as ``python -m audio_edition.worker [--pids FD] FD...``:
it serves the connection on the first FD, and forks a copy of itself for each further
FD once its imports are done, so workers started together pay for one interpreter's
start-up (`--pids` is where the copies' process ids are written, for the pool to watch
them). Each reads its configuration, then jobs, from its connection, and answers each
job with the part's cache record or a `PartFailure`.
"""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection
from typing import Sequence

from audio_edition import engines
from audio_edition.cache import open_cache
from audio_edition.errors import EngineError
from audio_edition.render import Listener, attempt, failure, release_memory
from audio_edition.speak import PartFailure, WorkerConfig


def main(arguments: Sequence[str]) -> None:
    pids = None
    if arguments[0] == "--pids":
        pids, arguments = int(arguments[1]), arguments[2:]
    connections = [int(fd) for fd in arguments]
    own, copies = _forked(connections, pids)
    serve(Connection(own))
    # The copies are this process's children: waiting for them counts their CPU time in
    # this process's, and so in the build's.
    for pid in copies:
        os.waitpid(pid, 0)


def _forked(connections: list[int], pids: int | None) -> tuple[int, list[int]]:
    """Fork a copy of this process for each connection but the first; return the
    connection this process serves and the copies' process ids (none in a copy)."""
    copies = []
    for index, fd in enumerate(connections[1:], start=1):
        pid = os.fork()
        if pid == 0:  # the copy serves `fd` alone
            for other in [connections[0], *connections[index + 1:], *([pids] if pids is not None else [])]:
                os.close(other)
            return fd, []
        os.close(fd)
        copies.append(pid)
        if pids is not None:
            os.write(pids, f"{pid}\n".encode("ascii"))
    if pids is not None:
        os.close(pids)
    return connections[0], copies


def serve(connection: Connection) -> None:
    """Load the engine the configuration names, then speak each job until told to stop
    (None) or the build has gone (the connection closed)."""
    with connection:
        config: WorkerConfig | None = _next(connection)
        if config is None:
            return
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
        while (job := _next(connection)) is not None:
            connection.send(attempt(engine, job, cache, config.mastering, listener))
            release_memory()


def _next(connection: Connection):
    """The next message, or None once the build has closed its end."""
    try:
        return connection.recv()
    except EOFError:
        return None


if __name__ == "__main__":
    main(sys.argv[1:])
    # Every part is stored and answered, and output goes nowhere: leave without the
    # interpreter's teardown (the engine, numpy), which the build would wait for.
    os._exit(0)
