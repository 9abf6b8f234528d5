"""The segmenter's rules, one class of article at a time, on small articles written
in the shapes publications use; each test fails when its rule is missing or wrong."""

import re
import subprocess
import sys
from collections import Counter

import pytest

from audio_edition.model import Block, Document
from audio_edition.readers import html, markdown, text
from audio_edition.script import chapter_title, write_script
from audio_edition.structure import RULES, classify, make_plan


def plan_of(source: str, reader=text):
    return make_plan(reader.read(source, "test"))


def outline(plan):
    return [(s.kind, chapter_title(s)) for s in plan.segments]


def spoken(plan) -> str:
    return " ".join(line.spoken for part in write_script(plan) for line in part.lines)


SYNDICATED = """Coworkers Leave Her Out of Lunch

DEAR ABBY: I work in a small office of eight people. Every Friday my co-workers -- all of them -- go to lunch together and never ask me. What did I do?
-- LEFT OUT IN LAWRENCE

DEAR LEFT OUT: Ask one of them, kindly, whether there is a reason. It may be an old habit nobody questioned.

DEAR ABBY: My husband keeps a compost bucket on the kitchen counter. It smells. He says it is "for the planet."
— HOLDING MY NOSE IN HOUSTON

DEAR HOLDING YOUR NOSE: Buy a bucket with a charcoal filter and a tight lid. Both of you win.

COPYRIGHT 2024 ANDREWS MCMEEL SYNDICATION

To order "How to Write Letters for All Occasions," send your name and mailing address, plus check or money order for $8, to: Dear Abby, Letter Booklet, P.O. Box 447, Mount Morris, IL 61054-0447.
"""


def test_several_letters_are_each_a_letter_named_by_its_signature():
    plan = plan_of(SYNDICATED)
    assert outline(plan) == [
        ("intro", "Introduction"),
        ("letter", "Letter 1 of 2: Left Out in Lawrence"),
        ("reply", "Reply to Left Out in Lawrence"),
        ("letter", "Letter 2 of 2: Holding My Nose in Houston"),
        ("reply", "Reply to Holding My Nose in Houston"),
    ]
    letter = plan.segments[1]
    assert letter.text.startswith("DEAR ABBY: I work") and letter.text.endswith("-- LEFT OUT IN LAWRENCE")
    assert "-- all of them --" in letter.text, "a dash inside a sentence is not a signature"


def test_syndicate_boilerplate_is_dropped_and_never_spoken():
    plan = plan_of(SYNDICATED)
    assert any(d.startswith("COPYRIGHT 2024") for d in plan.dropped)
    assert any(d.startswith("To order") for d in plan.dropped)
    assert "P.O. Box 447" not in spoken(plan) and "COPYRIGHT" not in spoken(plan)


def test_the_intro_says_how_many_letters_and_each_letter_is_announced_with_its_writer():
    lines = [line.spoken for part in write_script(plan_of(SYNDICATED)) for line in part.lines]
    assert any("two readers' letters and the replies" in line for line in lines)
    assert any(line.startswith("Letter two of two, from Holding My Nose in Houston") for line in lines)


QANDA = """Your Garden Questions

By Rosalind Vey

Q: Why are my tomato leaves curling? I water every day.
— Curled Up in Cleveland

A: Daily watering is the likely cause. Water deeply twice a week instead.

Question: Can I plant garlic in spring?
-- Late in Lansing

Answer: You can, but the heads will be small. Autumn is better.

*Rosalind Vey has gardened for thirty years and writes this column every other week.*
"""


def test_questions_and_answers_are_letters_and_replies_without_their_labels():
    plan = plan_of(QANDA, markdown)
    assert outline(plan) == [
        ("intro", "Introduction"),
        ("letter", "Question 1 of 2: Curled Up in Cleveland"),
        ("reply", "Answer to Curled Up in Cleveland"),
        ("letter", "Question 2 of 2: Late in Lansing"),
        ("reply", "Answer to Late in Lansing"),
        ("bio", "About the author"),
    ]
    assert plan.segments[1].text.startswith("Why are my tomato")
    assert {"Q:", "A:", "Question:", "Answer:"} <= set(plan.dropped)
    assert plan.authors == "Rosalind Vey" and "By Rosalind Vey" in plan.dropped


LISTICLE = """# 5 Signs Your Team Is Burning Out

*By Priya Raman · 7 min read*

Burnout rarely announces itself.

## 1. They've Stopped Speaking Up in Meetings

Silence is not agreement.

### 2. Questions Feel Like Tests

People guard their answers.

## What You Can Do

- **Ask, then wait.** Silence after a question is useful.
- **Cancel one meeting a week.** Give the time back.
- **Say what you see.** Name the pattern without blame.

Priya Raman is a management coach who writes about teams.
"""


def test_numbered_headings_are_items_and_the_list_kind_comes_from_its_wording():
    plan = plan_of(LISTICLE, markdown)
    assert outline(plan) == [
        ("intro", "Introduction"),
        ("reason", "Reason 1 of 2: They've Stopped Speaking Up in Meetings"),
        ("reason", "Reason 2 of 2: Questions Feel Like Tests"),
        ("section", "What You Can Do"),
        ("tip", "Tip 1 of 3: Ask, then wait"),
        ("tip", "Tip 2 of 3: Cancel one meeting a week"),
        ("tip", "Tip 3 of 3: Say what you see"),
        ("bio", "About the author"),
    ]
    assert plan.authors == "Priya Raman"
    assert not re.search(r"\bone\.", spoken(plan)), "the marker is never spoken"


def test_a_numbered_html_list_with_no_heading_follows_its_introducing_sentence():
    page = """<html><body><article><h1>My Sister Won't Call Back</h1>
    <p>Dear Ruth,</p><p>My sister has not returned a call in a month. What should I do?</p><p>— Waiting in Waco</p>
    <p>Dear Waiting,</p><p>Here's what I'd try, in this order:</p>
    <ol><li>Send one short text that asks for nothing back and says you miss her voice and her jokes.</li>
    <li>Write a letter. Paper feels different.</li>
    <li>Ask your mother. She may know more.</li></ol>
    <p>Whatever happens, keep the door open.</p></article></body></html>"""
    plan = plan_of(page, html)
    assert outline(plan) == [
        ("intro", "Introduction"),
        ("letter", "Letter from Waiting in Waco"),
        ("reply", "The Reply"),
        ("tip", "Tip 1 of 3: Send one short text that asks…"),
        ("tip", "Tip 2 of 3: Write a letter"),
        ("tip", "Tip 3 of 3: Ask your mother"),
        ("closing", "Whatever happens, keep the door open."),
    ]
    assert plan.segments[2].text.endswith("in this order:")
    first_tip = plan.segments[3]
    assert first_tip.text.startswith("Send one short text"), "a cut title's words stay in the text"


@pytest.mark.parametrize("reader", [text, markdown])
def test_a_title_cut_from_a_long_sentence_is_said_once(reader):
    page = """Tips For Mornings

Here are some ways to make mornings easier:

- Lay out your clothes the night before so there is one less decision to make at dawn.
- Pack lunches in the evening while the kitchen is still a mess from dinner anyway.
"""
    plan = plan_of(page, reader)
    assert [s.kind for s in plan.segments].count("tip") == 2
    assert spoken(plan).count("Lay out your clothes the night before") == 1


def test_a_bulleted_shopping_list_stays_in_its_text_and_each_line_is_said_once():
    article = """Soup Night

You will need these:

- two onions
- a bag of lentils
- lay out your clothes the night before

That is all."""
    plan = plan_of(article)
    assert [s.kind for s in plan.segments] == ["intro"]
    assert spoken(plan).lower().count("lay out your clothes the night before") == 1


def test_bylines_datelines_and_reading_times_are_metadata():
    article = """Coping With a Noisy Neighbor

By Dana Whitfield | Updated March 14, 2024, 6:05 a.m. ET

Noise complaints are the most common dispute between neighbors.

What To Try

Talk first. Most people do not know they are loud."""
    plan = plan_of(article)
    assert plan.authors == "Dana Whitfield" and plan.date == "March 14, 2024"
    assert plan.dropped[0].startswith("By Dana Whitfield")
    assert "Dana Whitfield" not in " ".join(s.title + s.text for s in plan.segments)


@pytest.mark.parametrize("bio", [
    "*Jane Doe is a family therapist in Denver and writes about siblings.*",
    "Jane Doe is a family therapist in Denver who writes about siblings.",
])
def test_a_last_paragraph_about_the_author_is_the_bio(bio):
    plan = plan_of(f"# Siblings\n\nEvery family has its arguments.\n\n## Why\n\nBecause it does.\n\n{bio}\n\n"
                   "© 2024 The Daily Example. All rights reserved.\n", markdown)
    assert outline(plan)[-1] == ("bio", "About the author")
    assert plan.segments[-1].text.startswith("Jane Doe is a family therapist")
    assert plan.authors == "Jane Doe"
    assert any("All rights reserved" in d for d in plan.dropped)


def test_an_author_box_outside_the_article_is_kept_as_the_bio():
    page = """<html><body><article><h1>On Rain</h1><p>Rain falls on everyone alike.</p></article>
    <aside class="related"><h3>Related</h3><ul><li><a href="/x">On Snow</a></li></ul></aside>
    <div class="author-bio"><p>Lee Ann Cho writes about weather for the Gazette.</p></div></body></html>"""
    plan = plan_of(page, html)
    assert outline(plan) == [("intro", "Introduction"), ("bio", "About the author")]
    assert "On Snow" not in spoken(plan)


def test_a_page_byline_by_class_gives_the_author():
    page = """<html><body><article><header><h1>Lunch Rules</h1>
    <div class="byline"><span class="author">Mira Osei</span><time>May 2, 2025</time></div></header>
    <div class="entry-content"><p>Eat with people.</p><div class="share-buttons"><p>Share this</p></div></div>
    </article></body></html>"""
    plan = plan_of(page, html)
    assert plan.authors == "Mira Osei" and plan.date == "May 2, 2025"
    assert "Share this" not in spoken(plan)


@pytest.mark.parametrize("text, role, rule", [
    ("Related: How to Talk to Your Boss", "furniture", "furniture-heading"),
    ("Related: how we chose these and why it matters to readers like you.", "boilerplate", "boilerplate"),
    ("© 2024 The Daily Example. All rights reserved.", "boilerplate", "boilerplate"),
    ("Have a tech question? Email help@example.org.", "boilerplate", "boilerplate"),
    ("Dear Abby, my dog barks.", "letter-salutation", "salutation"),
    ("Dear readers, this is my last column.", "prose", "prose"),
    ("Q: Why do cats purr?", "question", "question-marker"),
    ("3) Keep a list", "item", "marked-line"),
    ("Step 4: Ask again", "item", "marked-line"),
    ("• Bring a friend. It helps.", "item", "marked-line"),
    ("Published July 7, 2026", "byline", "byline"),
    ("A plain sentence of prose.", "prose", "prose"),
])
def test_each_rule_names_the_role_it_gives(text, role, rule):
    blocks = [Block("paragraph", "Filler prose so the block is not near the top.")] * 7 + [Block("paragraph", text)]
    got = classify(blocks)[-1]
    if role == "byline":
        got = classify([Block("paragraph", text)])[0]
    assert (got.name, got.rule) == (role, rule)


def test_the_rules_are_tried_in_a_documented_order():
    names = [name for name, _ in RULES]
    assert names[-1] == "prose" and names.index("bio") < names.index("boilerplate") < names.index("item")


def test_doubtful_plans_are_warned_about():
    article = """An Essay

1. A numbered line alone

By the sea

Words here.

Empty Heading

Another Heading

More words."""
    warnings = plan_of(article).warnings
    assert any("numbered" in w for w in warnings)
    assert any("Empty Heading" in w and "no words" in w for w in warnings)
    assert "no author's bio found" in warnings
    long = plan_of("Long\n\n" + "\n\n".join(["word " * 100] * 12)).warnings
    assert any("very long" in w for w in long)


def test_the_reference_has_no_warnings(reference):
    from audio_edition.pipeline import plan_article
    assert plan_article(reference).warnings == ()


@pytest.mark.parametrize("source", [
    "# T\n\n" + "> " * 20 + "Deeply quoted words stay.",
    "# T\n\n" + "> " * 2000 + "Too deep to parse, still read.",
    "# T\n\n" + "".join("  " * depth + "- level words " + str(depth) + "\n" for depth in range(10)),
    "# T\n\n" + "".join("  " * d + f"- head {d}\n\n" + "  " * d + f"  body words {d}\n\n" for d in range(10)),
    "# T\n\n" + "".join("  " * depth + "- **Lead.** level words\n" for depth in range(10)),
    "# T\n\n" + "".join("   " * d + "1. level words that go on for a while and then some more\n" for d in range(10)),
], ids=["quotes", "quotes-2000", "lists", "items-with-bodies", "bold-leads", "numbered-long"])
def test_deep_nesting_loses_no_words(source):
    plan = plan_of(source, markdown)
    said = " ".join(s.title + " " + s.text for s in plan.segments)
    assert Counter(re.findall(r"[a-z]+", source.lower())) - Counter(re.findall(r"[a-z]+", said.lower())) == Counter()


def test_planning_is_linear_in_the_number_of_headings(tmp_path):
    """60,000 headings: a quadratic planner takes many minutes here, a linear one seconds."""
    article = tmp_path / "headings.txt"
    article.write_text("Title\n\n" + "".join(f"Heading {n}\n\nSome words under it.\n\n" for n in range(60_000)))
    code = ("from pathlib import Path; from audio_edition.pipeline import plan_article; "
            f"print(len(plan_article(Path({str(article)!r})).segments))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == 60_001


def test_a_document_of_only_furniture_still_plans():
    plan = make_plan(Document("t", (Block("heading", "Title", level=1), Block("paragraph", "Advertisement"))))
    assert [s.kind for s in plan.segments] == ["intro"] and plan.dropped == ("Advertisement",)


from hypothesis import given, settings, strategies as st  # noqa: E402

from audio_edition.errors import ArticleError  # noqa: E402

PIECES = st.sampled_from([
    "DEAR ABBY: I have a problem at work.", "-- LEFT OUT IN LAWRENCE", "— Torn", "DEAR LEFT OUT: Talk to them.",
    "Q: Why?", "A: Because.", "## 1. A Numbered Heading", "### 2) Another", "1. An item", "2. **Bold lead.** Body",
    "- **Lead.** Text", "* plain bullet", "• Bullet. More.", "Step 3: Do it", "By Jane Doe | Updated May 1, 2024",
    "*Jane Doe is a writer.*", "About the author", "© 2024 Example. All rights reserved.", "Related:",
    "> Quoted words here.", "Here are some ways to cope:", "", "Plain prose sentence.", "# Title", "Dear readers,",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=30).map("\n\n".join))
def test_any_markdown_column_plans_with_every_word_accounted_for(source):
    try:
        plan = plan_of(source, markdown)
    except ArticleError:
        return
    said = " ".join([plan.title, *(s.title + " " + s.text for s in plan.segments), *plan.dropped])
    assert Counter(re.findall(r"[^\W\d_]+", source.lower())) - Counter(re.findall(r"[^\W\d_]+", said.lower())) == Counter()


TAGS = st.sampled_from(["p", "h1", "h2", "h3", "li", "div", "blockquote", "em", "strong"])
CLASSES = st.sampled_from(["", "byline", "author-bio", "related", "entry-content", "ad-slot", "subtitle"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TAGS, CLASSES, PIECES), max_size=25))
def test_any_web_page_plans_or_gives_the_article_error(elements):
    body = "".join(f'<{tag} class="{cls}">{text}</{tag}>' for tag, cls, text in elements)
    try:
        plan = plan_of(f"<html><body><article>{body}</article></body></html>", html)
    except ArticleError:
        return
    assert plan.segments[0].kind == "intro"


def test_each_letter_is_voiced_in_the_captions_by_its_own_writer(tmp_path):
    from conftest import run_cli

    article = tmp_path / "lunch.txt"
    article.write_text(SYNDICATED)
    result = run_cli("build", str(article), "--out", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 0, result.stderr
    vtt = next((tmp_path / "out").rglob("*.vtt")).read_text()
    assert "<v Left Out in Lawrence>DEAR ABBY: I work" in vtt
    assert "<v Holding My Nose in Houston>DEAR ABBY: My husband" in vtt


@pytest.mark.parametrize("letter", [
    "> Dear Sam,\n>\n> My neighbor mows at six in the morning.\n>\n> Help!",
    "*Dear Sam,*\n\n*My neighbor mows at six in the morning.*\n\n*Help!*",
])
def test_a_letter_set_apart_ends_where_its_quote_or_italics_end(letter):
    plan = plan_of(f"# Early Mowing\n\n{letter}\n\nIt sounds like a long summer. Talk to him first.\n", markdown)
    assert outline(plan) == [("intro", "Introduction"), ("letter", "The Letter"), ("reply", "The Reply")]
    assert plan.segments[2].text.startswith("It sounds like")


def test_front_matter_is_metadata_and_no_word_of_it_is_lost():
    source = ('---\ntitle: "Why My Tomatoes Split"\nauthor: [Rosa Diaz, Ken Mori]\ndate: 2024-07-03\n'
              "tags: [garden, tomatoes]\n---\n\nEvery summer, the same question.\n\n## Why It Happens\n\nUneven watering.\n")
    plan = plan_of(source, markdown)
    assert (plan.title, plan.authors, plan.date) == ("Why My Tomatoes Split", "Rosa Diaz and Ken Mori", "2024-07-03")
    assert outline(plan) == [("intro", "Introduction"), ("section", "Why It Happens")]
    assert "tomatoes" not in spoken(plan).lower().replace("why my tomatoes split", "")
    said = " ".join([plan.title, *(s.title + " " + s.text for s in plan.segments), *plan.dropped])
    assert Counter(re.findall(r"[a-z]+", source.lower())) - Counter(re.findall(r"[a-z]+", said.lower())) == Counter()


@pytest.mark.parametrize("paragraph, dropped", [
    ("From 1912 to 1968, every letter addressed to P.O. Box 1 went to the mayor.", False),
    ("Go with him once. You can write to the society at P.O. Box 2219, Cleveland, OH 44101.", False),
    ("Write to June at P.O. Box 1120, Riverton, KS 66801, or email dearjune@courier.example.", True),
    ("Have a tech question? Email helpdesk@tribune.example.", True),
    ("Email june@courier.example", True),
])
def test_prose_that_names_an_address_is_not_a_contact_line(paragraph, dropped):
    plan = plan_of(f"A Title\n\nSome opening words of the piece.\n\n{paragraph}\n\nA closing line of prose.")
    assert (paragraph in plan.dropped) == dropped


@pytest.mark.parametrize("title", ["Tags We Never Removed", "Copyright Law for Beginners", "Topics of the Week"])
def test_a_title_that_starts_like_boilerplate_is_still_the_title(title):
    plan = plan_of(f"{title}\n\nBy Ana Ruiz\n\nSome words of the article itself.\n")
    assert plan.title == title and plan.authors == "Ana Ruiz"


def test_a_newsletters_preheader_above_the_title_is_dropped():
    plan = plan_of("View this email in your browser\n\nThe Front Porch\n\nWords of the letter.\n")
    assert plan.title == "The Front Porch" and plan.dropped[0] == "View this email in your browser"


NUMBERS_OVER_TITLES = """Three Habits That Wreck a Lawn

Good habits keep a lawn green, and after years of this work, here are the three mistakes I see most often.

1
Mowing too short

Cutting low stresses the grass and lets weeds in.

2
Watering every day

Shallow roots follow shallow water.

3
Skipping the soil test

Guessing at fertilizer wastes money.
"""


def test_numbers_set_over_their_titles_are_items_and_the_counted_noun_names_their_kind():
    assert outline(plan_of(NUMBERS_OVER_TITLES)) == [
        ("intro", "Introduction"), ("reason", "Reason 1 of 3: Mowing too short"),
        ("reason", "Reason 2 of 3: Watering every day"), ("reason", "Reason 3 of 3: Skipping the soil test")]


def test_a_lone_number_over_a_line_is_no_item():
    plan = plan_of("A Note On Tables\n\nThe figures follow.\n\n2\nRows were dropped\n\nThat is all we know.\n")
    assert [s.kind for s in plan.segments if s.kind in ("reason", "tip")] == []


WRITES_UNSIGNED = """My Sister Stopped Calling

Maya, 41, from Hull, writes: My sister and I spoke every Sunday for years.

Then she stopped. Did I say something wrong? I keep going over our last call.

I have tried texting her twice. How do I reach her without making it worse?

It hurts when someone goes quiet on you. You're left guessing, and your guesses are harsher than the truth.

Write to her once, warmly, and then give her time.
"""


def test_a_letter_opened_by_its_writer_ends_where_prose_turns_to_its_writer():
    plan = plan_of(WRITES_UNSIGNED)
    assert [s.kind for s in plan.segments] == ["intro", "letter", "reply"]
    letter, reply = plan.segments[1], plan.segments[2]
    # "Did I say something wrong?" does not end it: the next paragraph is still the writer's.
    assert letter.text.startswith("Maya, 41, from Hull, writes:") and letter.text.endswith("making it worse?")
    assert reply.text.startswith("It hurts when someone goes quiet")


def test_a_letter_answered_in_turn_has_a_reply_under_each_answerer():
    source = ("Separate Rooms\n\nDear Ann and Bo,\n\nMy husband wants his own room. Is this the end?\n\n"
              "— Banished in Bath\n\nHER TAKE\n\nYou are not being silly.\n\nHIS TAKE\n\nI sleep better alone.\n")
    assert outline(plan_of(source)) == [("intro", "Introduction"), ("letter", "Letter from Banished in Bath"),
                                        ("reply", "Her Take"), ("reply", "His Take")]


def test_lettered_items_are_a_list():
    source = ("Before The Drive\n\nCheck these before you leave:\n\na) Check the tires. Cold tires read true.\n\n"
              "b) Top off the fluids. Oil and coolant both.\n\nc) Test the brakes. Listen for grinding.\n")
    assert outline(plan_of(source))[1:] == [("tip", "Tip 1 of 3: Check the tires"),
                                            ("tip", "Tip 2 of 3: Top off the fluids"),
                                            ("tip", "Tip 3 of 3: Test the brakes")]


def test_a_running_header_with_its_page_numbers_is_dropped():
    source = ("FIELD NOTES | SPRING 2025\n\nFive Birding Mistakes\n\nBy Ann Lee\n\nBirding is easy to start.\n\n"
              "32 | FIELD NOTES | SPRING 2025\n\nIt is harder to keep up.\n\n33 | FIELD NOTES | SPRING 2025\n")
    plan = plan_of(source)
    assert plan.title == "Five Birding Mistakes"
    assert {"32 | FIELD NOTES | SPRING 2025", "33 | FIELD NOTES | SPRING 2025"} <= set(plan.dropped)
    assert "FIELD NOTES" not in spoken(plan)
