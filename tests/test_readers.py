"""Readers and structure: fixture articles with their expected plans, hostile inputs,
and the promise that no word of the input is lost silently."""

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from audio_edition.cli import plan_json
from audio_edition.errors import ArticleError
from audio_edition.pipeline import plan_article, plan_from_json
from audio_edition.readers import decode, sniff
from audio_edition.readers.text import read
from audio_edition.structure import make_plan
from conftest import run_cli

ARTICLES = Path(__file__).parent / "articles"
FIXTURES = sorted(p for p in ARTICLES.iterdir() if p.suffix != ".json")


@pytest.mark.parametrize("article", FIXTURES, ids=lambda p: p.name)
def test_fixture_article_gives_its_expected_plan(article):
    expected = json.loads(article.with_suffix(".json").read_text("utf-8"))
    assert plan_json(plan_article(article)) == expected


def test_fixtures_cover_every_reader_and_the_text_variants():
    suffixes = {p.suffix for p in FIXTURES}
    assert {".txt", ".md", ".html"} <= suffixes
    assert b"\r\n" in (ARTICLES / "canceling-crlf.txt").read_bytes()
    assert "1) " in (ARTICLES / "canceling-crlf.txt").read_text() and "Step 1:" in (ARTICLES / "apology-steps.txt").read_text()


def test_structured_fixtures_find_letter_items_and_bio():
    for name in ("canceling-crlf.txt", "apology-steps.txt", "reunion.md", "borrowing.html"):
        kinds = Counter(s.kind for s in plan_article(ARTICLES / name).segments)
        assert kinds["letter"] == 1 and kinds["bio"] == 1 and kinds["reason"] + kinds["tip"] >= 3, name


def test_web_page_furniture_is_dropped_and_listed():
    plan = plan_article(ARTICLES / "borrowing.html")
    spoken = " ".join(s.title + " " + s.text for s in plan.segments)
    for furniture in ("Advertisement", "Related stories", "Copyright", "Columns", "tracker"):
        assert furniture not in spoken
    assert any("Advertisement" in d for d in plan.dropped) and any("Related" in d for d in plan.dropped)


def test_reference_plan_still_has_the_column_shape(reference):
    kinds = Counter(s.kind for s in plan_article(reference).segments)
    assert (kinds["letter"], kinds["reason"], kinds["tip"], kinds["bio"]) == (1, 6, 7, 1)


def _words(text):
    return Counter(re.findall(r"[^\W\d_]+", text.lower()))


def _accounted(plan):
    return _words(" ".join([plan.title, *(s.title + " " + s.text for s in plan.segments), *plan.dropped]))


def test_every_word_of_the_reference_is_spoken_or_listed_as_dropped(reference):
    plan = plan_article(reference)
    assert not _words(reference.read_text()) - _accounted(plan)


@pytest.mark.parametrize("article", FIXTURES, ids=lambda p: p.name)
def test_every_word_of_a_text_or_markdown_fixture_is_accounted_for(article):
    if article.suffix == ".html":
        pytest.skip("a web page's markup and attributes are not words of the article")
    assert not _words(article.read_text()) - _accounted(plan_article(article))


LINES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.sampled_from(["Dear Pat,", "  1. A Numbered Item", "2) Another Item", "Step 3: A Step", "About the authors",
                     "Suggested Reading", "6 Reasons Why", "How To Fix It", "", "\r\n", "Please help!", "— Torn",
                     "Maureen", "Maureen, you're right.", ", a", "With love and gratitude,", "P.S. One more thing.",
                     "----", "DEAR FED UP:", "Why It Happens:", "- A whole sentence item.", "Step one: Begin",
                     "Who's right? — Split Decision", "Brockton, Mass.", "### A Heading", "Correction: An earlier version"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=40).map("\n".join))
def test_any_text_plans_with_every_word_accounted_for_or_raises_the_article_error(text):
    try:
        plan = make_plan(read(decode(text.encode("utf-8"), "fuzz"), "fuzz"))
    except ArticleError:
        return
    assert not _words(text) - _accounted(plan)


@pytest.mark.parametrize("name, data, outcome", [
    ("one-line.txt", ("A Title\n\n" + "word " * 1_000_000).encode(), "plan"),
    ("latin1.txt", "Caf\xe9 Talk\n\nA na\xefve r\xe9sum\xe9 of the week.".encode("latin-1"), "plan"),
    ("utf16.txt", "\ufeffA Title\n\nText in UTF-16 with a byte-order mark.".encode("utf-16"), "plan"),
    ("no-article.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "error"),
    ("deep.html", ("<html><body>" + "<div>" * 20000 + "<p>Deep.</p>" + "</div>" * 20000 + "</body></html>").encode(), "either"),
    ("title-only.md", b"# Only A Title\n", "plan"),
    ("letter-only.txt", b"A Letter\n\nDear Pat,\n\nI need advice about my garden.\n\nPlease help!\n", "plan"),
])
def test_hostile_inputs_give_a_plan_or_one_error_line(tmp_path, name, data, outcome):
    path = tmp_path / name
    path.write_bytes(data)
    result = run_cli("plan", str(path), "--json", timeout=120)
    assert "Traceback" not in result.stderr
    if outcome == "error" or (outcome == "either" and result.returncode):
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith("Error: ")
    else:
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["segments"][0]["kind"] == "intro"


def test_a_letter_with_no_reply_is_still_a_letter(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("A Letter\n\nDear Pat,\n\nI need advice about my garden.\n\nPlease help!\n")
    assert [s.kind for s in plan_article(path).segments] == ["intro", "letter"]


@pytest.mark.parametrize("text, kind", [
    ("<!doctype html><html><body><p>Hi</p></body></html>", ".html"),
    ("# A Title\n\nSome text.", ".md"),
    ("A Title\n\n1. **Bold.** lead", ".md"),
    ("A Title\n\nPlain text.", ".txt"),
])
def test_standard_input_is_sniffed(text, kind):
    assert sniff(text) == kind


def test_plan_reads_standard_input(reference):
    result = subprocess.run([sys.executable, "-m", "audio_edition", "plan", "-", "--json"],
                            input=(ARTICLES / "reunion.md").read_bytes(), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Is It Okay To Skip The Reunion?"


@pytest.mark.slow  # builds whole editions: the unit tests cover its parts
def test_build_from_an_edited_plan_renumbers_the_items(tmp_path, reference):
    plan = plan_json(plan_article(reference))
    plan["segments"] = [s for s in plan["segments"] if s["title"] != "He’s Conflict Avoidant"]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(plan))
    assert [s.position for s in plan_from_json(edited).segments if s.kind == "reason"] == [1, 2, 3, 4, 5]
    result = run_cli("build", "--plan", str(edited), "--out", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 0, result.stderr
    vtt = next((tmp_path / "out").rglob("*.vtt")).read_text()
    assert "Reason five of five." in vtt and "Reason six of six." not in vtt and "Conflict Avoidant" not in vtt


def test_a_plan_that_is_not_a_plan_gets_one_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "segments": [{"kind": "villain", "title": "y"}]}')
    result = run_cli("build", "--plan", str(bad), "--out", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 1 and result.stderr.startswith("Error: ") and "kinds" in result.stderr


def test_html_written_into_markdown_is_read_and_its_furniture_marked(tmp_path):
    from audio_edition.pipeline import plan_article

    article = tmp_path / "export.md"
    article.write_text("# An Export\n\nFirst paragraph.\n\n<p>A paragraph the exporter wrote as HTML.</p>\n\n"
                       "<div class=\"ad-slot\">Buy now</div>\n\n<!-- a comment -->\n\n"
                       "<blockquote><p>Quoted <b>bold</b> words.</p></blockquote>\n\nLast paragraph.\n", "utf-8")
    plan = plan_article(article)
    assert plan.segments[0].text.split("\n\n") == ["First paragraph.", "A paragraph the exporter wrote as HTML.",
                                                   "Quoted bold words.", "Last paragraph."]
    assert "Buy now" in plan.dropped


@pytest.mark.parametrize("name, article", [
    ("soft.txt", "A Title\n\nDear Ada,\n\nMy rela\u00adtion\u00adship with\u200b my neigh\u00adbour is hard.\n\nWaving"),
    ("soft.html", "<article><h1>A Title</h1><p>Dear Ada,</p><p>My rela&shy;tion&shy;ship with&#8203; my "
                  "neigh&shy;bour is hard.</p><p>Waving</p></article>"),
    ("soft.md", "# A Title\n\nDear Ada,\n\nMy rela\u00adtion\u00adship with\u200b my neigh&shy;bour is hard.\n\nWaving"),
])
def test_soft_hyphens_and_zero_width_spaces_are_left_out(tmp_path, name, article):
    # Pages set them inside words to break lines; the voice, the titles and a podcast
    # app's search all need the word whole.
    path = tmp_path / name
    path.write_text(article, "utf-8")
    plan = plan_article(path)
    text = " ".join(segment.text for segment in plan.segments)
    assert "My relationship with my neighbour is hard." in text
    assert not re.search("[\u00ad\u200b]", text + plan.title)


def test_a_letter_quoted_as_an_email_reply_quotes_is_read_without_its_marks():
    text = ("Title Of The Column\n\nOn Sun, Jun 22, 2025 at 10:41 PM, a reader wrote:\n\n"
            "> Dear Ann,\n>\n> My friend asked me to be\n> her baby's godmother.\n>\n> -- Torn in Tulsa\n\n"
            "Dear Torn,\n\nSay yes.\n")
    document = read(text, "reply.txt")
    quoted = [(block.text, block.quoted) for block in document.blocks]
    assert quoted == [("Title Of The Column", False), ("Dear Ann,", True),
                      ("My friend asked me to be\nher baby's godmother.", True), ("-- Torn in Tulsa", True),
                      ("Dear Torn,", False), ("Say yes.", False)]
    assert document.dropped == ("On Sun, Jun 22, 2025 at 10:41 PM, a reader wrote:",)


def test_a_line_that_opens_with_on_and_ends_wrote_is_kept_when_nothing_quoted_follows():
    text = "Title Of The Column\n\nOn May 3, 1990, my father wrote:\n\nHe wrote it all down.\n"
    assert "On May 3, 1990, my father wrote:" in [block.text for block in read(text, "essay.txt").blocks]


def test_text_a_page_hides_from_readers_is_listed_as_dropped_not_spoken():
    from audio_edition.readers import html

    page = ("<html><body><article><h1>A Title For The Page</h1><p>First paragraph of the reply.</p>"
            "<aside class='pull-quote' aria-hidden='true'><p>First paragraph, quoted.</p></aside>"
            "<p>Second paragraph.</p></article></body></html>")
    document = html.read(page, "page.html")
    assert "First paragraph, quoted." in document.dropped
    assert all("quoted" not in block.text for block in document.blocks)


def test_a_word_hyphenated_at_a_hard_wrapped_line_end_is_one_word_and_a_compound_keeps_its_hyphen():
    text = "Title Of The Piece\n\nPeople who have just dis-\ncovered birds saw a wood-\npecker and a well-\nknown owl.\n"
    assert read(text, "pdf.txt").blocks[1].text == \
        "People who have just discovered birds saw a woodpecker and a well-known owl."


def test_a_read_later_export_gives_its_title_and_keeps_its_author_as_a_by_line():
    text = ("Title: Wind chimes keep a reader up\nAuthor: Rosalind Achebe\nURL: https://example.com/x\n"
            "Saved: 2025-07-19 21:14\n\nDear Rosalind: The chimes ring all night.\n")
    document = read(text, "export.txt")
    assert [(b.kind, b.text) for b in document.blocks[:2]] == [
        ("heading", "Wind chimes keep a reader up"), ("paragraph", "Author: Rosalind Achebe")]
    assert document.dropped == ("URL: https://example.com/x", "Saved: 2025-07-19 21:14")
    assert make_plan(document).authors == "Rosalind Achebe"


def _page_plan(tmp_path, body: str):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article><h1>Six Ways To Use Less Water</h1>{body}</article></body></html>", "utf-8")
    return plan_article(path)


def test_a_table_of_contents_is_dropped_with_its_label_and_a_list_of_other_links_is_not(tmp_path):
    contents = ('<p>We cut the bill by a third.</p><p><strong>In this issue:</strong></p>'
                '<ul><li><a href="#one">The frost</a></li><li><a href="#two">The seed swap</a></li></ul>'
                '<h2 id="one">The frost</h2><p>It did not come.</p><h2 id="two">The seed swap</h2><p>It did.</p>')
    plan = _page_plan(tmp_path, contents)
    spoken = " ".join(segment.text for segment in plan.segments)
    assert "In this issue" not in spoken and "The seed swap" not in plan.segments[0].text
    assert {"In this issue:", "The frost", "The seed swap"} <= set(plan.dropped)
    assert [s.title for s in plan.segments[1:]] == ["The frost", "The seed swap"]
    # Footnotes link back to the page, but say more than their links: they are words to keep.
    notes = contents.replace('<a href="#one">The frost</a>', 'A note on frost <a href="#one">back</a>') \
        .replace('<a href="#two">The seed swap</a>', 'A note on seeds <a href="#two">back</a>')
    assert "A note on frost" in " ".join(s.text for s in _page_plan(tmp_path, notes).segments)


def test_a_definition_list_is_a_list_of_items_titled_by_its_terms(tmp_path):
    plan = _page_plan(tmp_path, '<p>Our bill was $212.</p><h2>Why it was so high</h2><dl>'
                                '<dt>We watered at noon</dt><dd>Half of it went into the air.</dd>'
                                '<div><dt>The lawn was green in August</dt><dd>Grass wants to sleep in summer.</dd></div>'
                                '</dl><p>None of this was hard to fix.</p>')
    items = [(s.kind, s.title, s.text) for s in plan.segments if s.position]
    assert items == [("reason", "We watered at noon", "Half of it went into the air."),
                     ("reason", "The lawn was green in August", "Grass wants to sleep in summer.")]
    assert plan.segments[-1].text == "None of this was hard to fix."


def test_a_signature_in_capitals_is_a_name_in_title_case_each_part_of_a_compound_too():
    from audio_edition.structure.patterns import writer_name

    assert writer_name("-- SECOND-GUESSING IN SAGINAW") == "Second-Guessing in Saginaw"
    assert writer_name("— MOTHER-IN-LAW IN MAINE") == "Mother-in-Law in Maine"
    assert writer_name("-- fed-up in Ohio") == "fed-up in Ohio"  # as written when not in capitals


def test_a_heading_over_nothing_but_other_pages_links_is_dropped_and_a_list_of_linked_tips_is_not(tmp_path):
    related = ('<p>Our bill was $212.</p><h3>More Family Matters</h3><ul><li><a href="/a">How to negotiate a '
               'curfew</a></li><li><a href="/b">What allowance is fair?</a></li></ul><p>None of this is hard.</p>')
    plan = _page_plan(tmp_path, related)
    assert "More Family Matters" in plan.dropped and "How to negotiate a curfew" in plan.dropped
    assert "curfew" not in " ".join(s.text for s in plan.segments)
    tips = related.replace('<a href="/a">How to negotiate a curfew</a>', '<a href="/a">Negotiate</a> a curfew together') \
        .replace('<a href="/b">What allowance is fair?</a>', '<a href="/b">Agree</a> on an allowance')
    assert "curfew together" in " ".join(s.text for s in _page_plan(tmp_path, tips).segments)


def test_toml_front_matter_gives_the_title_and_author(tmp_path):
    path = tmp_path / "post.md"
    path.write_text('+++\ntitle = "Ask the Bike Mechanic"\nauthor = "Tomasz Wren"\ntags = ["bikes"]\n+++\n\n'
                    "Spring brings questions.\n\nAnother paragraph.\n", "utf-8")
    plan = plan_article(path)
    assert (plan.title, plan.authors) == ("Ask the Bike Mechanic", "Tomasz Wren")
    assert "+++" not in " ".join(s.text for s in plan.segments) and "tags: bikes" in plan.dropped
