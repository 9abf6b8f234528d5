"""Saved web pages: the article kept, the page around it dropped (and listed).

trafilatura finds the article and leaves out navigation, headers, footers, scripts,
styles, ads and "related" blocks; it is well kept, fast, and keeps the structure we
need (headings, paragraphs, quotes, lists with bold lead-ins). Text of the page it
left out is listed in the plan's `dropped`, so a person can see what will not be
spoken.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from audio_edition.errors import ArticleError
from audio_edition.model import Block, Document


def read(text: str, source: str) -> Document:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(text, output_format="python", include_formatting=True,
                                                with_metadata=True, favor_recall=True)
        xml = trafilatura.extract(text, output_format="xml", include_formatting=True, favor_recall=True)
    except (RecursionError, ValueError) as exc:
        raise ArticleError(f"{source}: the page cannot be read ({type(exc).__name__})") from exc
    if not xml:
        raise ArticleError(f"{source}: no article found in the page")
    blocks = _blocks(ET.fromstring(xml).find("main"))
    author = getattr(extracted, "author", None) if extracted is not None else None
    if author and len(blocks) > 1:
        blocks.insert(1, Block("paragraph", f"By {author.replace(';', ' and')}"))
    kept = " ".join(b.text for b in blocks)
    return Document(source, tuple(blocks), _dropped(text, kept))


def _blocks(main: ET.Element | None) -> list[Block]:
    blocks: list[Block] = []
    for element in main if main is not None else []:
        if element.tag == "head":
            blocks.append(Block("heading", _text(element)))
        elif element.tag == "p":
            blocks.append(Block("paragraph", _text(element)))
        elif element.tag == "quote":
            blocks.extend(Block("paragraph", _text(p)) for p in element.iter("p"))
            if not list(element.iter("p")):
                blocks.append(Block("paragraph", _text(element)))
        elif element.tag == "list":
            for item in element.iter("item"):
                blocks.extend(_item(item))
    return [b for b in blocks if b.text]


def _item(item: ET.Element) -> list[Block]:
    lead = item.find("hi")
    if lead is not None and (item.text or "").strip() == "":
        title = _text(lead).rstrip(".:")
        rest = " ".join(((lead.tail or "") + "".join(_text(c) + (c.tail or "") for c in list(item)[1:])).split())
        return [Block("item", title), *([Block("paragraph", rest)] if rest else [])]
    text = _text(item)
    first, _, rest = text.partition(". ")
    if rest and len(first.split()) <= 12:
        return [Block("item", first.rstrip(".")), Block("paragraph", rest)]
    return [Block("item", text)]


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _dropped(page: str, kept: str) -> tuple[str, ...]:
    """Text blocks of the page that are not in the article, in page order."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return ()
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):  # each block of the page on its own line
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    kept_words = set(_words(kept))
    dropped = []
    for line in root.text_content().splitlines():
        line = " ".join(line.split())
        if line and any(word not in kept_words for word in _words(line)):
            dropped.append(line)
    return tuple(dropped)


_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "nav", "header", "footer",
               "aside", "section", "article", "blockquote", "tr", "td", "br", "ul", "ol", "figure", "figcaption")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())
