"""Reading an EPUB in the tests: its package document, overlays and files."""

import json
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "smil": "http://www.w3.org/ns/SMIL", "x": "http://www.w3.org/1999/xhtml"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
TEXTREF = "{http://www.idpf.org/2007/ops}textref"


def seconds(clock: str) -> float:
    hours, minutes, rest = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def audio_seconds(data: bytes, tmp_path: Path) -> float:
    """The audio's length as ffprobe measures it, not as the edition says."""
    path = tmp_path / "audio.mp3"
    path.write_bytes(data)
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-of", "json", str(path)],
                           capture_output=True, text=True, check=True)
    return float(json.loads(probe.stdout)["format"]["duration"])


class Book:
    """An EPUB opened for checking: its package document, and its files by path."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = ElementTree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.folder = self.opf_path.rpartition("/")[0]
        self.opf = ElementTree.fromstring(self.zip.read(self.opf_path))
        self.items = {i.get("id"): i for i in self.opf.iterfind("opf:manifest/opf:item", NS)}

    def path(self, href: str) -> str:
        return f"{self.folder}/{href}" if self.folder else href

    def xml(self, href: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.zip.read(self.path(href)))

    def spine(self) -> list[ElementTree.Element]:
        return [self.items[ref.get("idref")] for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)]

    def meta(self, prop: str, refines: str | None = None) -> list[str]:
        return [m.text for m in self.opf.iterfind("opf:metadata/opf:meta", NS)
                if m.get("property") == prop and m.get("refines") == refines]

    def iter_overlays(self):
        """Every overlay's sequences, with the document each refers to."""
        for item in self.spine():
            if item.get("media-overlay"):
                yield from self.xml(self.items[item.get("media-overlay")].get("href")).iterfind(".//smil:seq", NS)

    def ids(self, href: str) -> dict[str, ElementTree.Element]:
        return {e.get("id"): e for e in self.xml(href).iter() if e.get("id")}


def overlay_pars(book: Book) -> list[tuple[str, ElementTree.Element, ElementTree.Element]]:
    """Every (document, text, audio) pairing of the book's overlays, in reading order."""
    pars = []
    for item in book.spine():
        overlay = item.get("media-overlay")
        if overlay:
            smil = book.xml(book.items[overlay].get("href"))
            pars.extend((item.get("href"), par.find("smil:text", NS), par.find("smil:audio", NS))
                        for par in smil.iterfind(".//smil:par", NS))
    return pars
