"""Each show setting as podcast directories take it: what is accepted, and for what is
not, the one message that names the file, the setting and what is allowed."""

import json

import pytest

from audio_edition.errors import ShowError
from audio_edition.publish.categories import APPLE_CATEGORIES
from audio_edition.publish.show import load_show

FULL = {"title": "Letters", "author": "Ana", "owner_name": "Ana", "owner_email": "a@example.org",
        "description": "Advice.", "language": "en-gb", "category": "Health & Fitness",
        "base_url": "https://example.org/pod"}


def show_file(tmp_path, **settings):
    """show.toml with FULL's settings changed by `settings` (None leaves one out)."""
    values = {key: value for key, value in {**FULL, **settings}.items() if value is not None}
    path = tmp_path / "show.toml"
    path.write_text("[show]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items()))
    return path


def refusal(path, base_url=None) -> str:
    with pytest.raises(ShowError) as error:
        load_show(path, base_url)
    return str(error.value)


@pytest.mark.parametrize("setting, value, message", [
    ("owner_email", "ana at example.org", "owner_email must be an e-mail address, not 'ana at example.org'"),
    ("language", "english!", "language must be a language code such as en or en-US (BCP 47), not 'english!'"),
    ("base_url", "https:///pod", ("base_url must be an http:// or https:// address with a host and no spaces, "
                                  "not 'https:///pod'")),
    ("base_url", "https://example.org/my pod/", ("base_url must be an http:// or https:// address with a host and "
                                                 "no spaces, not 'https://example.org/my pod/'")),
    ("base_url", "https://example.org/pod?x=1", ("base_url must have no query (?) or fragment (#): episode addresses "
                                                 "are made by adding to it; not 'https://example.org/pod?x=1'")),
    ("base_url", "https://example.org/pod#top", ("base_url must have no query (?) or fragment (#): episode "
                                                 "addresses are made by adding to it; "
                                                 "not 'https://example.org/pod#top'")),
    ("link", "example.org", ("link must be an http:// or https:// address with a host and no spaces, "
                             "not 'example.org'")),
    ("subcategory", "Poetry", ("subcategory must be one of Health & Fitness's: Alternative Health, Fitness, "
                               "Medicine, Mental Health, Nutrition, Sexuality; not 'Poetry'")),
    ("title", ["A", "B"], "title must be text, not list ['A', 'B']"),
    ("explicit", 1, "explicit must be true or false"),
])
def test_a_setting_directories_would_refuse_is_named_with_what_is_allowed(tmp_path, setting, value, message):
    path = show_file(tmp_path, **{setting: value})
    assert refusal(path) == f"{path}: {message}"


@pytest.mark.parametrize("ending", ["?", "#"])
def test_a_base_url_ending_in_an_empty_query_or_fragment_is_refused(tmp_path, ending):
    path = show_file(tmp_path, base_url="https://example.org/pod/" + ending)
    assert "base_url must have no query (?) or fragment (#)" in refusal(path)


def test_a_category_must_be_apples_and_the_message_lists_them_all(tmp_path):
    path = show_file(tmp_path, category="Gardening")
    assert refusal(path) == f"{path}: category must be one of Apple's: {', '.join(APPLE_CATEGORIES)}; not 'Gardening'"
    assert "Arts, Business, Comedy, Education" in refusal(path)


def test_a_category_without_subcategories_allows_none(tmp_path):
    path = show_file(tmp_path, category="History", subcategory="Wars")
    assert refusal(path) == f"{path}: subcategory must be one of History's: none; not 'Wars'"


def test_the_default_show_names_itself_in_its_messages():
    assert refusal(None, "ftp://example.org/") == ("the default show: base_url must be an http:// or https:// address "
                                                   "with a host and no spaces, not 'ftp://example.org/'")


def test_a_subcategory_from_the_categorys_list_a_link_with_a_query_and_any_scheme_case_are_taken(tmp_path):
    show, _ = load_show(show_file(tmp_path, category="Society & Culture", subcategory="Relationships",
                                  link="https://example.org/letters?from=feed#latest",
                                  base_url="HTTPS://Example.org/pod"))
    assert (show.category, show.subcategory) == ("Society & Culture", "Relationships")
    assert show.link == "https://example.org/letters?from=feed#latest"
    assert show.base_url == "https://Example.org/pod/"


def test_a_base_url_given_on_the_command_line_is_checked_like_the_files(tmp_path):
    path = show_file(tmp_path)
    assert refusal(path, "https://example.org/pod?x=1").startswith(f"{path}: base_url must have no query")
    assert load_show(path, "http://127.0.0.1:8765")[0].base_url == "http://127.0.0.1:8765/"


def test_explicit_false_and_numbers_are_read_as_they_are_meant(tmp_path):
    show, folder = load_show(show_file(tmp_path, explicit=False, description=3.5))
    assert show.explicit is False and show.description == "3.5" and folder == tmp_path
