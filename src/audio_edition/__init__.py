"""Turn a written article into a chaptered, tagged audio edition, offline."""

__version__ = "0.1.0"
