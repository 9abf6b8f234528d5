import json

from click.testing import CliRunner

from audio_edition.cli import main
from audio_edition.pipeline import plan_article
from conftest import EXAMPLE, REASON_HEADINGS, TIP_HEADINGS


def kinds(plan):
    return [s.kind for s in plan.segments]


def test_reference_plan_has_the_column_shape(reference):
    plan = plan_article(reference)
    assert plan.title == "Why Won’t He Let Me In?"
    assert plan.authors == "Orna and Matthew Walters"
    assert kinds(plan).count("letter") == 1
    assert kinds(plan).count("bio") == 1
    assert [s.title for s in plan.segments if s.kind == "reason"] == REASON_HEADINGS
    assert [s.title for s in plan.segments if s.kind == "tip"] == TIP_HEADINGS


def test_reference_plan_is_in_reading_order(reference):
    order = kinds(plan_article(reference))
    assert order[:4] == ["intro", "letter", "reply", "section"]
    assert order.index("letter") < order.index("reason") < order.index("tip") < order.index("bio")
    assert order[-2:] == ["closing", "bio"]


def test_items_are_numbered_by_position_not_by_their_digits(reference):
    reasons = [s for s in plan_article(reference).segments if s.kind == "reason"]
    assert [(s.position, s.count) for s in reasons] == [(n, 6) for n in range(1, 7)]


def test_suggested_reading_is_dropped_not_spoken(reference):
    plan = plan_article(reference)
    assert plan.dropped == ("Suggested Reading",)
    assert not any("Suggested Reading" in s.text or "Suggested Reading" in s.title for s in plan.segments)


def test_letter_runs_from_salutation_to_its_end(reference):
    letter = next(s for s in plan_article(reference).segments if s.kind == "letter")
    assert letter.text.startswith("“Dear Orna and Matthew,")
    assert letter.text.endswith("Please help!")


def test_last_tip_loses_the_closing_paragraph(reference):
    segments = plan_article(reference).segments
    last_tip = [s for s in segments if s.kind == "tip"][-1]
    closing = next(s for s in segments if s.kind == "closing")
    assert "ebb and flow" not in last_tip.text
    assert closing.text.startswith("Relationships have a natural ebb and flow.")


def test_example_article_has_the_same_shape():
    plan = plan_article(EXAMPLE)
    order = kinds(plan)
    assert (order.count("letter"), order.count("reason"), order.count("tip"), order.count("bio")) == (1, 4, 4, 1)
    letter = plan.segments[order.index("letter")]
    assert letter.text.endswith("Tired of Tomatoes"), "the signature belongs to the letter"
    assert plan.authors == "Ruth and Daniel Okafor"


def test_plan_json_has_the_documented_shape(reference):
    result = CliRunner().invoke(main, ["plan", str(reference), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Why Won’t He Let Me In?"
    assert data["authors"] == "Orna and Matthew Walters"
    assert {s["kind"] for s in data["segments"]} <= {
        "intro", "letter", "reply", "section", "reason", "tip", "closing", "bio"}
    assert [s["title"] for s in data["segments"] if s["kind"] == "tip"] == TIP_HEADINGS
    assert all(set(s) >= {"kind", "title", "text"} for s in data["segments"])


def test_plan_table_lists_every_segment(reference):
    result = CliRunner().invoke(main, ["plan", str(reference)])
    assert result.exit_code == 0
    for heading in REASON_HEADINGS + TIP_HEADINGS:
        assert heading in result.output
    assert "dropped: Suggested Reading" in result.output


def test_a_signature_run_on_after_a_question_is_the_letters_and_prose_with_a_dash_is_not(tmp_path):
    from audio_edition.model import Block
    from audio_edition.structure.roles import split_signature

    signed = Block("paragraph", "We have argued for months. Who's right? — Split Decision in Sacramento")
    assert [b.text for b in split_signature(signed)] == ["We have argued for months. Who's right?",
                                                         "— Split Decision in Sacramento"]
    for prose in ("I said no. — and that was that", "He left. — Then he came back and knocked again.",
                  "It was over. — Or so I thought, until the morning after the wedding when she called"):
        assert split_signature(Block("paragraph", prose)) == [Block("paragraph", prose)]


def test_a_letters_closing_words_keep_its_writers_name_and_a_postscript_stays_in_the_letter(tmp_path):
    article = tmp_path / "open-letter.md"
    article.write_text("# To the Crossing Guard\n\nOur readers wrote in; this letter is printed with permission.\n\n"
                       "Dear Mr. Pruitt,\n\nYou walked us across Elm Street for thirty-four years.\n\n"
                       "Enjoy your retirement.\n\nWith love and gratitude,\nMarguerite Olsen\n\n"
                       "P.S. Eli says you still owe him a high five.\n", "utf-8")
    from audio_edition.script import chapter_title

    plan = plan_article(article)
    assert [(s.kind, chapter_title(s)) for s in plan.segments] == [("intro", "Introduction"),
                                                                   ("letter", "Letter from Marguerite Olsen")]
    assert plan.segments[1].text.endswith("P.S. Eli says you still owe him a high five.")


def test_a_column_pasted_without_a_headline_keeps_its_first_letter_and_is_titled_by_its_file(tmp_path):
    from audio_edition.script import chapter_title

    article = tmp_path / "dear-abby_march-3.txt"
    article.write_text("DEAR ABBY: My husband and I have been married 12 years. Every holiday his mother criticizes "
                       "my cooking, and he says nothing. What should I do?\n-- SIMMERING IN SPOKANE\n\n"
                       "DEAR SIMMERING: Your husband needs to speak up. Tell him before the next holiday.\n\n"
                       "DEAR ABBY: My best friend borrowed $500 and has not mentioned it since. How do I bring it "
                       "up?\n-- OUT OF POCKET\n\nDEAR OUT: Bring it up directly and kindly.\n", "utf-8")
    plan = plan_article(article)
    assert plan.title == "Dear abby march 3"
    assert [chapter_title(s) for s in plan.segments] == [
        "Introduction", "Letter 1 of 2: Simmering in Spokane", "Reply to Simmering in Spokane",
        "Letter 2 of 2: Out of Pocket", "Reply to Out of Pocket"]
    assert plan.segments[1].text.startswith("DEAR ABBY: My husband")
    assert any("titled from its file's name" in warning for warning in plan.warnings)


def test_a_long_headline_without_a_full_stop_is_still_the_title(tmp_path):
    headline = "Ask Amy: My sister-in-law keeps borrowing money from us and never pays it back, so what now"
    article = tmp_path / "amy.txt"
    article.write_text(f"{headline}\n\nShe has borrowed four times this year.\n", "utf-8")
    plan = plan_article(article)
    assert plan.title == headline
    assert not any("file's name" in warning for warning in plan.warnings)


_BROKEN_BY_BREAKS = """DEAR MARGE: My roommate leaves dishes in the sink for days. What can I do?<br>-- FED UP IN FRESNO<br><br>
DEAR FED UP: Stop cleaning up after her. Make a schedule together and stick to it.<br><br>
DEAR MARGE: My son wants a phone for his tenth birthday. Is ten too young?<br>-- UNSURE IN UTICA<br><br>
DEAR UNSURE: A basic phone for calls and texts is reasonable. Set clear rules from the start.<br><br>
Write to Marge at marge@dailybugle.example."""


def test_a_page_that_breaks_its_paragraphs_with_br_alone_is_read_letter_by_letter(tmp_path):
    from audio_edition.script import chapter_title

    want = ["Introduction", "Letter 1 of 2: Fed Up in Fresno", "Reply to Fed Up in Fresno",
            "Letter 2 of 2: Unsure in Utica", "Reply to Unsure in Utica"]
    for name, body in (("article.html", f"<article><h1>Ask Marge</h1><div>{_BROKEN_BY_BREAKS}</div></article>"),
                       ("soup.html", f"<div class='story'><h1>Ask Marge</h1><div>{_BROKEN_BY_BREAKS}</div></div>")):
        page = tmp_path / name
        page.write_text(f"<html><head><title>Ask Marge</title></head><body>{body}</body></html>", "utf-8")
        plan = plan_article(page)
        assert [chapter_title(s) for s in plan.segments] == want, name
        assert plan.segments[-1].text.endswith("Set clear rules from the start."), name
        assert any("marge@dailybugle.example" in dropped for dropped in plan.dropped), name


def test_steps_numbered_in_words_lose_their_marker_from_the_title(tmp_path):
    from audio_edition.script import chapter_title

    steps = "".join(f"Step {word}: {title}\n{'-' * 20}\n\n{title} helps. Do it daily.\n\n" for word, title in
                    (("one", "Keep the same wake time"), ("two", "Dim the lights"), ("three", "Keep it cool")))
    article = tmp_path / "sleep.md"
    article.write_text(f"Three Ways to Sleep Better\n{'=' * 26}\n\nHere is how to start.\n\n{steps}", "utf-8")
    titles = [chapter_title(s) for s in plan_article(article).segments]
    assert titles == ["Introduction", "Tip 1 of 3: Keep the same wake time", "Tip 2 of 3: Dim the lights",
                      "Tip 3 of 3: Keep it cool"]
    plain = tmp_path / "sleep.txt"
    plain.write_text("Sleep Better\n\nHere is how to start.\n\n" + "".join(
        f"Step {word}: {title}\n\n{title} helps. Do it daily.\n\n" for word, title in
        (("one", "Keep the same wake time"), ("two", "Dim the lights"), ("three", "Keep it cool"))), "utf-8")
    assert [chapter_title(s) for s in plan_article(plain).segments][1:] == titles[1:]


def test_a_letters_paragraph_that_opens_with_punctuation_is_prose(tmp_path):
    article = tmp_path / "odd.txt"
    article.write_text("Odd Letter\n\nDear Pat, I need advice.\n\n, and more\n\nMore of the letter here.\n", "utf-8")
    plan = plan_article(article)
    assert ", and more" in plan.segments[1].text
