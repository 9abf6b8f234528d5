"""Join the parts' encoded segments into the edition's MP3.

Segments are MP3 frames encoded one part at a time (`mastering`), so the edition is
their concatenation: no re-encoding, and memory holds one buffer, not the edition.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Sequence


def join_segments(segments: Sequence[Path], destination: Path) -> None:
    """Write the segments one after another into `destination`."""
    with open(destination, "wb") as out:
        for segment in segments:
            with open(segment, "rb") as part:
                shutil.copyfileobj(part, out)
