"""Saved web pages: the article kept with what its markup says, the page around it dropped.

The article is the page's own article element (`<article>`, `itemprop=articleBody`, a
publishing system's content class, `<main>`); its blocks keep their heading levels, list
markers, bold lead-ins, emphasis and the class and role words of their elements, so the
segmenter can tell a byline, a bio or a "related" box from prose. An author box outside
the article is kept too: a bio is never dropped. A page with no such element is handed
to trafilatura, which is made to find the article in markup soup. Text of the page left
out is listed in the plan's `dropped`, so a person can see what will not be spoken.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Callable

from audio_edition.errors import ArticleError
from audio_edition.model import Block, Document

_CONTENT = re.compile(r"\b(entry-content|post-content|article-body|article-content|post-body|story-body|"
                      r"body-markup|available-content|article__body|content-body|w-richtext|art-text)\b")
_ABOUT_HEADING = re.compile(r"^about\s+(the\s+)?(authors?|writers?|columnists?)\b", re.I)
_BIO_BOX = re.compile(r"\b(author-bio|author-box|about-author|author-info|bio|author-description)\b")
_SKIPPED = {"script", "style", "noscript", "template", "nav", "form", "button", "svg", "iframe", "select",
            "textarea", "input", "label", "img", "picture", "video", "audio", "canvas", "object", "head"}
_BLOCK_LEVEL = {"p", "div", "section", "article", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                "blockquote", "table", "figure", "figcaption", "header", "footer", "aside", "main", "dl", "nav", "form"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_TEXT_BLOCKS = {"p", "figcaption", "dt", "dd", "address", "time"}
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "nav", "header", "footer",
               "aside", "section", "article", "blockquote", "tr", "td", "br", "ul", "ol", "figure", "figcaption")


def read(text: str, source: str) -> Document:
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fromstring(text)
    except (ValueError, etree.ParserError) as exc:
        raise ArticleError(f"{source}: the page cannot be read ({exc})") from exc
    try:
        article = _article_root(root)
        found = _trafilatura_blocks(text, source) if article is None else []
        if article is None and sum(len(block.text.split()) for block in found) < _FEW_WORDS:
            article = _densest(root)  # an old table-laid newsletter, where trafilatura finds next to nothing
        hidden: list[str] = []
        if article is None:
            blocks, before = _titled(root, found), []
            # trafilatura leaves a by-line out; the page still marks it ("dc-creator").
            shown = {block.text for block in blocks}
            blocks[1:1] = [b for b in _outside_bylines(root, None) if b.text not in shown]
        else:
            walker = _Walker()
            blocks, before = _title_first(root, article, walker.walk(article))
            hidden = [text for text in walker.hidden if text]
            blocks[1:1] = [*_outside_dek(root, article, blocks), *_outside_bylines(root, article)]
            blocks += _outside_bios(root, article)
    except RecursionError as exc:
        raise ArticleError(f"{source}: the page is nested too deeply to read") from exc
    blocks = [b for b in blocks if b.text]
    if not blocks:
        raise ArticleError(f"{source}: no article found in the page")
    kept = " ".join(b.text for b in blocks)
    elsewhere = _dropped(root, kept)
    return Document(source, tuple(blocks), (*before, *(t for t in hidden if t not in elsewhere), *elsewhere))


def fragment_blocks(fragment: str) -> list[Block]:
    """The blocks of a piece of HTML inside another format (a Markdown file's raw HTML),
    read as a page's article is: a `<div class="ad">` is still marked as one."""
    from lxml import etree, html as lxml_html

    try:
        wrapper = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, etree.ParserError):
        return []
    return [block for block in _Walker().walk(wrapper) if block.text]


def _article_root(root):
    """The element holding the article: its own element when the page marks one."""
    for path in ("//*[@itemprop='articleBody']/ancestor::article[1]", "//article", "//*[@itemprop='articleBody']"):
        found = root.xpath(path)
        if found:
            return _innermost(max(found, key=lambda e: len(e.text_content())), found)
    content = [e for e in root.iter("div", "section") if _CONTENT.search(_words_of(e))]
    if content:
        return content[0]
    found = root.xpath("//main|//*[@role='main']")
    return found[0] if found else None


_FEW_WORDS = 80
"""Fewer words than a column has: trafilatura missed the article."""


def _densest(root):
    """The smallest cell or container holding most of the page's words: the article of a
    page laid out in tables, which has no article element and no semantic markup."""
    body = root.find("body") if root.find("body") is not None else root
    total = len(" ".join(body.text_content().split()))
    holders = [e for e in body.iter("td", "div", "section") if len(" ".join(e.text_content().split())) * 2 >= total]
    return min(holders, key=lambda e: len(e.text_content()), default=None)


def _innermost(article, found: list):
    """The post's own article element, when a site builder wraps the whole page in
    another (Squarespace's `<article class="sections">`): the inner one that holds most
    of the outer's words."""
    inner = [e for e in found if e is not article and _inside(e, article)
             and len(e.text_content()) * 2 >= len(article.text_content())]
    return _innermost(max(inner, key=lambda e: len(e.text_content())), found) if inner else article


def _title_first(root, article, blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The article's title leads, and what the article puts above it (a kicker, the
    blog's own name, a breadcrumb) is dropped. The title is the heading the page marks as
    the post's title, else the article's first-level heading; a page often puts either
    above its article element."""
    marked = [i for i, b in enumerate(blocks) if b.kind == "heading" and any(map(_is_title_class, b.hints))]
    first_level = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1]
    index = (marked or first_level or [None])[0]
    if index is not None:
        return blocks[index:], [b.text for b in blocks[:index]]
    outside = sorted((e for e in root.iter(*_HEADINGS) if not _inside(e, article) and _is_titled(e)),
                     key=lambda e: "title" in _hint_words(e))  # "post-title" before a blog's own "title"
    h1 = next(iter(root.iter("h1")), None)
    if not outside and h1 is None and blocks and _opens_with_headline(blocks[0], _meta_title(root)):
        return blocks, []
    title = _plain(outside[0]) if outside else _plain(h1) if h1 is not None else _meta_title(root)
    return ([Block("heading", title, level=1), *blocks] if title else blocks), []


def _opens_with_headline(block: Block, meta_title: str) -> bool:
    """Whether the article opens with its own headline, which the page's <title> would
    only repeat: a heading the <title> begins with (Joomla's <h2 class=contentheading>),
    or an old newsletter's headline set in <b>."""
    from audio_edition.readers.text import is_title_like

    if block.kind == "heading":
        return bool(meta_title) and meta_title.startswith(block.text)
    lead = block.lead.strip()
    return bool(lead) and block.text.startswith(lead) and is_title_like(lead) and len(lead.split()) >= 3


def _titled(root, blocks: list[Block]) -> list[Block]:
    """trafilatura's blocks with the page's title first, which it often leaves out."""
    h1 = next((e for e in root.iter("h1") if _is_titled(e)), None) or next(iter(root.iter("h1")), None)
    # A word processor's page sets its title as a paragraph in the Title style; its
    # <title> is the document's file name or properties ("Column draft").
    heading = h1 if h1 is not None else next((e for e in root.iter("p") if _is_titled(e)), None)
    title = _plain(heading) if heading is not None else _meta_title(root)
    if not title or blocks and blocks[0].kind == "heading" and blocks[0].text == title:
        return blocks
    return [Block("heading", title, level=1), *(b for b in blocks if b.text != title)]


_TITLE_CLASSES = {"title", "entry-title", "post-title", "article-title", "headline", "article-headline", "story-title",
                  "p-name", "post-header__title", "page-title", "article__title", "story-headline", "msotitle",
                  "contentheading"}


def _is_title_class(word: str) -> bool:
    return word in _TITLE_CLASSES


def _is_titled(element) -> bool:
    return any(map(_is_title_class, _hint_words(element)))


_BYLINE_CLASS = re.compile(r"\b(byline|post-author|author-name|posted-by|article-author|entry-author|dc-creator)\b")
"""A by-line's class; "dc-creator" is a feed item's author, saved with its content."""


def _outside_bylines(root, article) -> list[Block]:
    """A by-line a page puts outside its article element ("Posted by ... at 9:14 AM"),
    or anywhere on a page without one (`article` None)."""
    found = []
    for element in root.iter("div", "span", "p", "a", "address"):
        if _BYLINE_CLASS.search(_words_of(element)) and not _inside(element, article) \
                and not any(_inside(element, seen) for seen in found):
            found.append(element)
    blocks = [Block("paragraph", _plain(e), hints=_hint_words(e)) for e in found[:3]]
    return [b for b in blocks if b.text and len(b.text.split()) <= 15]


_DEK_CLASS = re.compile(r"(?:^|[\s_-])(subtitle|standfirst|dek|deck|subhead|subheadline)(?:$|[\s_-])")


def _outside_dek(root, article, blocks: list[Block]) -> list[Block]:
    """The dek a page sets under its headline, between the headline and the article
    element ("A few hours of planning..."): the article's first words. A teaser's dek
    elsewhere on the page (a related post's) is not the article's."""
    shown, headline = {block.text for block in blocks}, False
    for element in root.iter():
        if element is article:
            break
        tag = _tag(element)
        headline = headline or tag == "h1"
        if headline and tag in (*_HEADINGS, "p", "div") and _DEK_CLASS.search(_words_of(element)):
            text = _plain(element)
            if text not in shown and 0 < len(text.split()) <= 40:
                return [Block("paragraph", text, hints=_hint_words(element))]
    return []


def _meta_title(root) -> str:
    """The page's title from its metadata, without the site's name after it ("My Column
    :: Family Matters :: The Sentinel")."""
    for path in ("//meta[@property='og:title']/@content", "//title/text()"):
        found = root.xpath(path)
        if found and str(found[0]).strip():
            title = " ".join(str(found[0]).split())
            first = re.split(r"\s(?:\||::|·|»)\s", title)[0]
            return first if len(first.split()) >= 3 else title
    return ""


def _outside_bios(root, article) -> list[Block]:
    """Author boxes a page puts beside or after its article element."""
    boxes = [e for e in root.iter("div", "section", "aside", "footer", "p")
             if _BIO_BOX.search(_words_of(e)) and not _inside(e, article)]
    boxes += [heading.getparent() for heading in root.iter(*_HEADINGS)  # <div><h3>About the author</h3>...</div>
              if _ABOUT_HEADING.match(_plain(heading)) and not _inside(heading, article)
              and heading.getparent() is not None and _tag(heading.getparent()) not in ("body", "html")]
    boxes += _footer_bios(root, article)
    outermost = [e for e in boxes if not any(other is not e and _inside(e, other) for other in boxes)]
    return [block for box in outermost for block in _Walker(("bio",)).walk(box)]


_ABOUT_A_PERSON = re.compile(r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s+(?:is|writes|has\s+written|"
                             r"has\s+been|was)\b")


def _footer_bios(root, article) -> list:
    """A paragraph in the page's footer about the article's own writer ("Dana Whitfield
    writes for Rooted Home..."), as site builders set an author's note: the name must
    be the article's (in its by-line), so a site's "about us" stays out."""
    named = _plain(article)
    found = []
    for footer in root.iter("footer"):
        if _inside(footer, article):
            continue
        for paragraph in footer.iter("p"):
            about = _ABOUT_A_PERSON.match(_plain(paragraph))
            if about and about["name"] in named and len(_plain(paragraph).split()) >= 12:
                found.append(paragraph)
    return found


def _inside(element, ancestor) -> bool:
    return element is ancestor or any(e is ancestor for e in element.iterancestors())


class _Walker:
    """Walks an element in reading order, making one block per paragraph, heading or item."""

    def __init__(self, extra_hints: tuple[str, ...] = ()):
        self.blocks: list[Block] = []
        self.hidden: list[str] = []
        """Text the page hides from readers ("aria-hidden", a pull quote): never spoken, listed as dropped."""
        self.extra_hints = extra_hints
        self.list_ids = itertools.count(1)
        self.section_lists: dict = {}
        """For each element holding <section>s: the list id they share when each is an item
        under its heading, else 0 (found once an element, not once a section)."""

    def walk(self, element) -> list[Block]:
        """The element's blocks; its own class words are left out: they name the whole
        article ("post has-sidebar"), not a part of it."""
        self._children(element, self.extra_hints, list_id=0, ordered=False, quoted=False)
        return self.blocks

    def _visit(self, element, hints, list_id, ordered, quoted) -> None:
        tag = _tag(element)
        if tag in _SKIPPED:
            return
        if element.get("hidden") is not None or element.get("aria-hidden") == "true":
            self.hidden.append(_plain(element))
            return
        # A picture's caption describes what a listener cannot see: marked as the
        # caption it is, whatever its class, it is dropped as furniture.
        hints = hints + _hint_words(element) + (("caption",) if tag == "figcaption" else ())
        if tag in _HEADINGS:
            self._add(element, "heading", hints, list_id, ordered, quoted, level=_HEADINGS[tag])
        elif tag in ("ul", "ol"):
            links = _links_of(element) if not list_id else ""
            if links == "contents":
                hints += ("toc",)  # never spoken: the chapters are the listener's contents
                self._label_contents()
            elif links == "elsewhere":
                hints += ("link-list",)  # under a heading, other pages' titles ("More Family Matters")
            self._list(element, hints, quoted, inner_of=list_id)
        elif tag == "dl" and not list_id and _terms_defined(element):
            self._definitions(element, hints, quoted)
        elif tag == "section" and not list_id and self._section_list(element.getparent()):
            # One item a section ("<section><h2>One: ...</h2><p>..."): what the section
            # holds is its item's, and what follows the last section is not.
            self._children(element, hints, self._section_list(element.getparent()), ordered, quoted)
        elif tag == "blockquote":
            self._children(element, hints, list_id, ordered, True)
        elif tag in _TEXT_BLOCKS or not _has_block(element):
            self._add(element, "paragraph", hints, list_id, ordered, quoted)
        else:
            self._children(element, hints, list_id, ordered, quoted)

    def _children(self, element, hints, list_id, ordered, quoted) -> None:
        loose = " ".join((element.text or "").split())
        if loose:  # text straight inside a container: a paragraph of its own
            self.blocks.append(Block("paragraph", loose, hints=hints, list_id=list_id, quoted=quoted))
        for child in element:
            if isinstance(child.tag, str):
                self._visit(child, hints, list_id, ordered, quoted)
            tail = " ".join((child.tail or "").split())
            if tail and _tag(element) not in ("ul", "ol"):
                self.blocks.append(Block("paragraph", tail, hints=hints, list_id=list_id, quoted=quoted))

    def _list(self, element, hints, quoted, inner_of: int) -> None:
        """A list's items; a list inside an item is part of that item's text."""
        ordered = _tag(element) == "ol"
        list_id = inner_of or next(self.list_ids)
        start = int(element.get("start", "1")) if (element.get("start") or "1").isdigit() else 1
        for number, item in enumerate((c for c in element if _tag(c) == "li"), start=start):
            if inner_of:
                self._children(item, hints, list_id, ordered, quoted)
                continue
            marker = f"{number}." if ordered else "•"
            self._item(item, hints + _hint_words(item), list_id, ordered, quoted, marker)

    def _section_list(self, parent) -> int:
        if parent not in self.section_lists:
            self.section_lists[parent] = next(self.list_ids) if _headed_sections(parent) else 0
        return self.section_lists[parent]

    def _definitions(self, element, hints, quoted) -> None:
        """A definition list: each term an item titled by it, what defines it the item's words."""
        list_id = next(self.list_ids)
        for child in _definition_parts(element):
            if _tag(child) == "dd":
                self._visit(child, hints, list_id, False, quoted)
            elif term := _plain(child):
                self.blocks.append(Block("item", term, marker="•", lead=term, hints=hints + _hint_words(child),
                                         list_id=list_id, quoted=quoted))

    def _item(self, item, hints, list_id, ordered, quoted, marker) -> None:
        first = len(self.blocks)
        nested = [c for c in item if _tag(c) in ("ul", "ol", "p", "div", "blockquote")]
        if nested:
            own = _plain_without(item, nested)
            if own:
                self.blocks.append(self._block(item, own, "paragraph", hints, list_id, ordered, quoted))
            for child in nested:
                self._visit(child, hints, list_id, ordered, quoted)
                after = _plain_after(item, child, nested)
                if after:  # "<li>Keep these:<ul>...</ul>Put them in one box.</li>"
                    self.blocks.append(Block("paragraph", after, hints=hints, list_id=list_id, quoted=quoted))
        else:
            self._add(item, "paragraph", hints, list_id, ordered, quoted)
        if len(self.blocks) > first:
            opening = self.blocks[first]
            self.blocks[first] = Block("item", opening.text, marker=marker, lead=opening.lead,
                                       emphasis=opening.emphasis, hints=opening.hints, list_id=list_id,
                                       ordered=ordered, quoted=quoted)

    def _label_contents(self) -> None:
        """Mark the line over a table of contents ("In this issue:", "Contents") as part of it."""
        if self.blocks and _CONTENTS_LABEL.search(self.blocks[-1].text) and len(self.blocks[-1].text.split()) <= 6:
            label = self.blocks[-1]
            self.blocks[-1] = replace(label, hints=(*label.hints, "toc"))

    def _add(self, element, kind, hints, list_id, ordered, quoted, level=0) -> None:
        # Older pages separate paragraphs with a blank line of breaks ("<br><br>"), not <p>.
        texts = _paragraphs(element) if kind == "paragraph" else [_plain(element)]
        hints = hints + _wrapped_hints(element)
        styled = _heading_class(_hint_words(element) + _wrapped_hints(element))
        if kind == "paragraph" and styled and len(texts) == 1:
            kind, level = "heading", styled  # a heading set by its class: <div class="h3">, <span class="heading">
        for text in filter(None, texts):
            self.blocks.append(self._block(element, text, kind, hints, list_id, ordered, quoted, level))

    @staticmethod
    def _block(element, text, kind, hints, list_id, ordered, quoted, level=0) -> Block:
        return Block(kind, text, level=level, lead=_lead(element), emphasis=_emphasis(element, text),
                     hints=tuple(dict.fromkeys(hints)), list_id=list_id, ordered=ordered, quoted=quoted)


def _headed_sections(parent) -> bool:
    """Whether an element holds two <section>s or more, each an item: its heading first,
    then prose (no other heading and no list, which would make it a part of its own)."""
    if parent is None:
        return False
    sections = [child for child in parent if _tag(child) == "section"]
    return len(sections) >= 2 and all(_one_item(section) for section in sections)


def _one_item(section) -> bool:
    first = next((c for c in section if isinstance(c.tag, str)), None)
    if first is None or _tag(first) not in _HEADINGS:
        return False
    inner = [_tag(e) for e in section.iter() if e is not section and e is not first]
    return not any(tag in _HEADINGS or tag in ("ul", "ol", "dl", "section") for tag in inner)


def _definition_parts(element) -> list:
    """A definition list's terms and definitions in order (HTML lets a <div> group a pair)."""
    return [part for child in element for part in (child if _tag(child) == "div" else [child])
            if _tag(part) in ("dt", "dd")]


def _terms_defined(element) -> bool:
    """Two terms or more, each followed by what defines it."""
    tags = [_tag(part) for part in _definition_parts(element)]
    terms = [index for index, tag in enumerate(tags) if tag == "dt"]
    return len(terms) >= 2 and all(index + 1 < len(tags) and tags[index + 1] == "dd" for index in terms)


def _links_of(element) -> str:
    """What a list of two items or more is when its words are nothing but links:
    "contents" when they all lead to places on this page (href="#..."), "elsewhere" when
    each item is one link to another page; else ""."""
    items = [child for child in element if _tag(child) == "li"]
    if len(items) < 2:
        return ""
    if _only_links(element, list(element.iter("a")), _on_this_page):
        return "contents"
    if all(len(links := list(item.iter("a"))) == 1 and _only_links(item, links, _on_another_page) for item in items):
        return "elsewhere"
    return ""


def _on_this_page(href: str) -> bool:
    return href.startswith("#")


def _on_another_page(href: str) -> bool:
    return bool(href) and not href.startswith("#")


def _only_links(element, links: list, leads: Callable[[str], bool]) -> bool:
    """Whether `element`'s words are its links' words, and each link's address passes `leads`."""
    return bool(links) and all(leads(link.get("href") or "") for link in links) \
        and " ".join(map(_plain, links)).split() == _plain(element).split()


_CONTENTS_LABEL = re.compile(r":$|^(table\s+of\s+)?contents$|^(in\s+this\s+\w+|on\s+this\s+page|jump\s+to)\b", re.I)


def _heading_class(words: tuple[str, ...]) -> int:
    """The level a class names a heading at ("h3" -> 3, "heading" -> 3), or 0."""
    for word in words:
        if re.fullmatch(r"h[1-6]", word):
            return int(word[1])
        if word in ("heading", "subheading", "subhead", "section-heading", "section-title"):
            return 3
    return 0


def _wrapped_hints(element) -> tuple[str, ...]:
    """The class words of the one element that holds all of a block's words
    ("<p><a data-testid=authorName>Odile Farrant</a></p>"): they name the block too."""
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) != 1 or (element.text or "").strip() or (children[0].tail or "").strip():
        return ()
    return _hint_words(children[0])


def _has_block(element) -> bool:
    return any(_tag(d) in _BLOCK_LEVEL for d in element.iterdescendants())


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _hint_words(element) -> tuple[str, ...]:
    return tuple(_words_of(element).split())


def _words_of(element) -> str:
    return " ".join(str(element.get(name) or "") for name in _HINT_ATTRIBUTES).lower()


_HINT_ATTRIBUTES = ("class", "id", "role", "itemprop", "rel", "data-testid", "data-hook", "data-qa")
"""Where pages name their parts: classes, and the test and app hooks of Next.js, Wix and Arc sites."""


def _plain(element) -> str:
    """The element's words; a line break (`<br>`) is kept, for a signature on its own line."""
    return _lines("".join(_texts(element)))


def _paragraphs(element) -> list[str]:
    """The element's words as `_plain` gives them, in paragraphs where two line breaks
    with nothing between them ("<br><br>") end one."""
    return [_lines(paragraph) for paragraph in re.split(r"\n[ \t\r\f\v]*\n", "".join(_texts(element)))]


def _lines(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(line for line in (" ".join(raw.split()) for raw in lines) if line)


def _texts(element):
    """The element's text, skipping what is never read (scripts, buttons, forms)."""
    if _tag(element) in _SKIPPED:
        return
    if _tag(element) == "br":
        yield "\n"
    yield (element.text or "").replace("\n", " ")
    for child in element:
        if isinstance(child.tag, str):
            yield from _texts(child)
            drop_cap = len((child.text or "").strip()) == 1 and (child.tail or "")[:1].islower()
            if (child.get("class") or _tag(child) in _SEPARATED) and not drop_cap:
                yield " "  # "<span class=author>Ruth Ambrose</span><time>October 3</time>"; not "<span>E</span>very"
        yield (child.tail or "").replace("\n", " ")


_SEPARATED = {"time", "div", "p", "li", "img", "td", "th", "dd", "dt"}


def _plain_without(item, nested) -> str:
    """The item's own words up to its first nested block; the words after a nested
    block follow that block (`_Walker._item`)."""
    return _words_until_nested(item.text or "", item, nested)


def _plain_after(item, block, nested) -> str:
    """An item's own words after its nested `block`, up to the next nested block."""
    children = list(item)
    return _words_until_nested(block.tail or "", children[children.index(block) + 1:], nested)


def _words_until_nested(start: str, children, nested) -> str:
    parts = [start]
    for child in children:
        if any(child is n for n in nested):
            break
        if isinstance(child.tag, str):
            parts.extend(_texts(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _lead(element) -> str:
    """The bold words an element opens with ("<strong>Set a limit.</strong> Two hours...")."""
    if (element.text or "").strip():
        return ""
    first = next((c for c in element if isinstance(c.tag, str)), None)
    if first is None or _tag(first) not in ("strong", "b"):
        if first is not None and _tag(first) in ("p", "span") and not (first.text or "").strip():
            return _lead(first)
        return ""
    return _plain(first)


def _emphasis(element, text: str) -> str:
    """`italic` or `bold` when one such element holds all of the block's words."""
    for child in element.iter("em", "i", "strong", "b"):
        if child is not element and _plain(child) == text:
            return "italic" if _tag(child) in ("em", "i") else "bold"
    return ""


def _trafilatura_blocks(text: str, source: str) -> list[Block]:
    """A page without an article element: trafilatura finds the article."""
    import trafilatura

    try:
        xml = trafilatura.extract(text, output_format="xml", include_formatting=True, favor_recall=True)
    except (RecursionError, ValueError) as exc:
        raise ArticleError(f"{source}: the page cannot be read ({type(exc).__name__})") from exc
    if not xml:
        return []
    blocks: list[Block] = []
    list_ids = itertools.count(1)
    main = ET.fromstring(xml).find("main")
    for element in main if main is not None else []:
        if element.tag == "head":
            level = int((element.get("rend") or "h2")[1:] or 2) if (element.get("rend") or "h2")[1:].isdigit() else 2
            blocks.append(Block("heading", _et_text(element), level=level))
        elif element.tag == "p":
            blocks.append(Block("paragraph", _et_text(element), lead=_et_lead(element)))
        elif element.tag == "quote":
            paragraphs = list(element.iter("p")) or [element]
            blocks.extend(Block("paragraph", _et_text(p), quoted=True) for p in paragraphs)
        elif element.tag == "list":
            list_id, ordered = next(list_ids), element.get("rend") == "ol"
            for number, item in enumerate(element.iter("item"), start=1):
                blocks.append(Block("item", _et_text(item), marker=f"{number}." if ordered else "•",
                                    lead=_et_lead(item), list_id=list_id, ordered=ordered))
    return blocks


def _et_text(element: ET.Element) -> str:
    """The element's words; trafilatura's line breaks (`<lb/>`) are kept, as `_plain` keeps `<br>`."""
    return _lines("".join(_et_pieces(element)))


def _et_pieces(element: ET.Element):
    yield (element.text or "").replace("\n", " ")
    for child in element:
        if child.tag == "lb":
            yield "\n"
        else:
            yield from _et_pieces(child)
        yield (child.tail or "").replace("\n", " ")


def _et_lead(element: ET.Element) -> str:
    lead = element.find("hi")
    if lead is not None and (element.text or "").strip() == "" and lead.get("rend") == "#b":
        return _et_text(lead)
    return ""


def _dropped(root, kept: str) -> tuple[str, ...]:
    """Text blocks of the page that are not in the article, in page order."""
    from copy import deepcopy

    page = deepcopy(root)
    for element in list(page.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in page.iter(*_BLOCK_TAGS):  # each block of the page on its own line
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    kept_words = set(_words(kept))
    dropped = []
    for line in page.text_content().splitlines():
        line = " ".join(line.split())
        if line and any(word not in kept_words for word in _words(line)):
            dropped.append(line)
    return tuple(dropped)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())
