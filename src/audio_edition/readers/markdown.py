"""Markdown articles, parsed with markdown-it-py.

Blocks keep what the Markdown says: heading levels, list items with their markers, bold
lead-ins ("**Ask For Time.** Set a time."), paragraphs set wholly in italics, and block
quotes. A list inside a list item is part of that item's text, however deep. Front
matter (the YAML block static-site generators and note apps put first) is metadata:
its title is the article's, its author and date a by-line; none of it is spoken. HTML
written into the Markdown is read as a page's article is, so its words are not lost
and its ad or share boxes are still marked as such."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from audio_edition.model import Block, Document
from audio_edition.readers import text as plain_text


_TASK_BOX = re.compile(r"^(?P<bullet>[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+)\[[ xX]\][ \t]+", re.M)
"""A task list's box ("- [ ] ", "- [x] "), as GitHub-flavoured Markdown writes them."""
_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}", re.S)
"""Hugo's and Jekyll's shortcodes and tags ("{{< figure src=... >}}", "{% include ad.html %}")."""
_HIGHLIGHT = re.compile(r"==(?P<words>[^=\s](?:[^=\n]*[^=\s])?)==")
"""A highlight, as Bear, Obsidian and others write it."""
_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:.*(?:\n(?:[ \t]+\S.*)?)*?(?=\n\[\^|\n\s*\n|\Z)", re.M)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_CALLOUT = re.compile(r"^(?P<marker>\[![\w-]+\][+-]?)\s*")
"""An Obsidian or GitHub callout's marker, opening a block quote."""


@dataclass
class _Lists:
    """Where the walk is: the lists it is inside, and whether an item's first paragraph
    is still to come."""

    stack: list[tuple[int, bool, str]] = field(default_factory=list)
    """(list id, ordered, marker of the current item) for each open list, outermost first."""
    opening_item: bool = False
    next_id: int = 1
    closed: tuple[int, str, int] | None = None
    """The last outermost list closed: its id, its token type, and where it closed."""

    def resumed(self, tokens: list, index: int) -> int:
        """The id of the list that the list opening at `index` carries on: one of the same
        kind closed just before it, with nothing between them but HTML comments (an
        exporter's "<!-- ad: inline-1 -->"), else 0."""
        if self.stack or self.closed is None or self.closed[1] != tokens[index].type:
            return 0
        between = tokens[self.closed[2] + 1:index]
        comments = all(t.type == "html_block" and _COMMENTS_ONLY.match(t.content) for t in between)
        return self.closed[0] if comments else 0


_COMMENTS_ONLY = re.compile(r"\A(?:\s*<!--.*?-->)+\s*\Z", re.S)
_DIV_FENCE = re.compile(r"^ {0,3}:{3,}[^\S\n]*(?:\{[^}\n]*\}|[\w-]+)?[^\S\n]*:*[^\S\n]*$", re.M)
_HEADING_ATTRIBUTES = re.compile(r"(?<=\S)[^\S\n]+\{[#.][^}\n]*\}[^\S\n]*$", re.M)


def read(text: str, source: str) -> Document:
    from markdown_it import MarkdownIt

    # markdown-it drops what is nested deeper than its limit (20 by default): quotes
    # within quotes, lists within lists. No depth is too deep to read; one too deep to
    # parse is read as plain text, its words all kept.
    from mdit_py_plugins.front_matter import front_matter_plugin

    text = _TASK_BOX.sub(r"\g<bullet>", text)  # "- [ ] **Ask.**": a checkbox is not words
    shortcodes = _SHORTCODE.findall(text)  # a site generator's "{{< newsletter >}}": markup, not words
    text = _SHORTCODE.sub("", text)
    text = _HIGHLIGHT.sub(r"\g<words>", text)  # "==highlighted==" keeps its words, not its marks
    # pandoc's fenced divs ("::: {.entry-content}") and heading attributes ("{#why .x}"): markup.
    text = _HEADING_ATTRIBUTES.sub("", _DIV_FENCE.sub("", text))
    # Footnotes ("[^2]" and "[^2]: Carskadon, M. A. ..."): a reader's references, listed, not spoken.
    notes = [" ".join(note.split()) for note in _FOOTNOTE.findall(text)]
    text = _FOOTNOTE_MARK.sub("", _FOOTNOTE.sub("", text))
    toml = _TOML_FRONT_MATTER.match(text)  # Hugo's "+++" front matter, which the plugin does not know
    if toml:
        text = text[toml.end():]
    try:
        tokens = MarkdownIt("commonmark", {"maxNesting": 100_000}).use(front_matter_plugin).parse(text)
    except RecursionError:
        return plain_text.read(text, source)
    front = tokens.pop(0).content if tokens and tokens[0].type == "front_matter" else None
    title, blocks, dropped = _front_matter(_yaml(front)) if front is not None else \
        _front_matter(_toml(toml["settings"])) if toml else ("", [], [])
    lists = _Lists()
    quotes = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            outer = (lists.stack[0][0] if lists.stack else 0) or lists.resumed(tokens, index)
            lists.stack.append((outer or lists.next_id, token.type == "ordered_list_open", ""))
            lists.next_id += 0 if outer else 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            closed = lists.stack.pop()
            lists.closed = None if lists.stack else (closed[0], token.type.replace("_close", "_open"), index)
        elif token.type == "list_item_open":
            list_id, ordered, _ = lists.stack[-1]
            lists.stack[-1] = (list_id, ordered, f"{token.info}{token.markup}" if ordered else token.markup)
            lists.opening_item = len(lists.stack) == 1
        elif token.type == "blockquote_open":
            quotes += 1
        elif token.type == "blockquote_close":
            quotes -= 1
        elif token.type == "html_block":  # HTML written into the Markdown: its words are the article's too
            from audio_edition.readers.html import fragment_blocks

            blocks.extend(replace(block, quoted=block.quoted or quotes > 0) for block in fragment_blocks(token.content))
        elif token.type == "inline":
            # An image's alt text describes a picture, as a page's caption does: not spoken.
            dropped += [f"image: {child.content}" for child in token.children or [] if child.type == "image"]
            block = _block(token, tokens[index - 1], lists, quotes > 0)
            callout = _CALLOUT.match(block.text) if block.quoted else None
            if callout:  # "> [!note] Title": the marker is the note-taking app's, not words to say
                dropped.append(callout["marker"])
                block = replace(block, text=block.text[callout.end():])
            blocks.append(block)
    body_titled = any(b.kind == "heading" and b.level == 1 for b in blocks[:3])
    if title and body_titled:
        dropped.insert(0, f"title: {title}")  # the body's own heading is the title, above the by-line
        first = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1)
        blocks.insert(0, blocks.pop(first))
    elif title:
        blocks.insert(0, Block("heading", title, level=1))
    return Document(source, tuple(b for b in blocks if b.text), (*shortcodes, *dropped, *notes))


_TOML_FRONT_MATTER = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(?P<settings>.*?)^\+\+\+[ \t]*$\n?", re.S | re.M)


def _yaml(content: str) -> tuple[str, object]:
    import yaml

    try:
        return content, yaml.safe_load(content)
    except yaml.YAMLError:
        return content, None


def _toml(content: str) -> tuple[str, object]:
    import tomllib

    try:
        return content, tomllib.loads(content)
    except tomllib.TOMLDecodeError:
        return content, None


def _front_matter(parsed: tuple[str, object]) -> tuple[str, list[Block], list[str]]:
    """The title, the author and date as a by-line, and every other setting listed as
    dropped, so no word of the file goes unaccounted."""
    content, data = parsed
    if not isinstance(data, dict):
        return "", [], [line for line in content.splitlines() if line.strip()]
    fields = {str(k).lower(): v for k, v in data.items()}
    title = _words_of(fields.pop("title")) if fields.get("title") else ""
    blocks = []
    author = next((fields.pop(k) for k in ("author", "authors", "by") if fields.get(k)), None)
    date = fields.pop("date", None)
    if author:
        byline = f"By {_words_of(author)}" + (f" | {date}" if date else "")
        blocks.append(Block("paragraph", byline, hints=("byline",)))
    elif date:
        blocks.append(Block("paragraph", str(date), hints=("dateline",)))
    used = [key for key in ("title", "author", "authors", "by", "date") if str(key) in {str(k).lower() for k in data}]
    listed = [f"front matter: {', '.join(used)}"] if used else []
    return title, blocks, [*listed, *(f"{key}: {_words_of(value)}" for key, value in fields.items())]


def _words_of(value) -> str:
    if isinstance(value, (list, tuple)):
        return " and ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _block(token, opener, lists: _Lists, quoted: bool) -> Block:
    text, lead, emphasis = _plain(token), _lead(token), _emphasis(token)
    if opener.type == "heading_open":
        return Block("heading", text, level=int(opener.tag[1:]), quoted=quoted)
    if not lists.stack:
        return Block("paragraph", text, lead=lead, emphasis=emphasis, quoted=quoted)
    list_id, ordered, marker = lists.stack[0]
    kind = "item" if lists.opening_item else "paragraph"
    lists.opening_item = False
    return Block(kind, text, marker=marker if kind == "item" else "", lead=lead, emphasis=emphasis,
                 list_id=list_id, ordered=ordered, quoted=quoted)


def _plain(token) -> str:
    """The inline text without its markup: emphasis, links and code become their words."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _lead(token) -> str:
    """The bold words a paragraph opens with."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open":
        return ""
    closing = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    return " ".join("".join(c.content for c in children[1:closing]).split()) if closing else ""


def _emphasis(token) -> str:
    """`italic` or `bold` when the whole paragraph is wrapped in one emphasis."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) >= 3 and children[0].type in ("em_open", "strong_open"):
        closer = children[0].type.replace("_open", "_close")
        if children[-1].type == closer and sum(c.type == closer for c in children) == 1:
            return "italic" if closer == "em_close" else "bold"
    return ""
