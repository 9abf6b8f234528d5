"""The player page and the show page in headless Chromium: chapter buttons play from their
chapter, Tab reaches them, no autoplay, and axe-core finds nothing against WCAG 2.2 A and AA."""

import shutil
import socket
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT, run_cli

SLUG = "my-sister-wont-share-the-garden-what-now"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("chromedriver")), reason="chromium is not installed")]


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("player")
    assert run_cli("build", str(EXAMPLE), "--out", str(root), "--engine", "fake", "--format", "epub").returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    published = run_cli("publish", str(root / SLUG), "--base-url", f"http://127.0.0.1:{port}/")
    assert published.returncode == 0, published.stderr
    server = subprocess.Popen([sys.executable, "-m", "audio_edition", "serve", str(root), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    server.stderr.readline()
    yield f"http://127.0.0.1:{port}/{SLUG}/index.html", root / SLUG
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--autoplay-policy=no-user-gesture-required",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def _loaded(browser, url):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.getElementById('player').readyState >= 1"))


def test_third_chapter_button_seeks_to_its_start(browser, page_url):
    import json

    url, folder = page_url
    _loaded(browser, url)
    chapters = json.loads((folder / "chapters.json").read_text())["chapters"]
    buttons = browser.find_elements("css selector", ".chapters button")
    assert len(buttons) == len(chapters)
    buttons[2].click()
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert -0.01 <= now - chapters[2]["startTime"] < 0.5  # it plays from there


def test_nothing_plays_until_asked(browser, page_url):
    _loaded(browser, page_url[0])
    assert browser.execute_script("var p = document.getElementById('player'); return p.paused && !p.autoplay")


def test_tab_reaches_every_chapter_button(browser, page_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _loaded(browser, page_url[0])
    browser.execute_script("document.activeElement && document.activeElement.blur()")  # Tab from the page's top
    total = len(browser.find_elements("css selector", ".chapters button"))
    reached = set()
    # Once round the page's focusable elements is enough; twice over forgives a key
    # event a loaded machine dropped, or focus that began part way down.
    for _ in range(2 * (total + 15)):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        start = browser.execute_script(
            "var e = document.activeElement; return e.closest('.chapters') ? e.dataset.start : null")
        if start is not None:
            reached.add(start)
        if len(reached) == total:
            break
    assert len(reached) == total


def test_enter_on_a_focused_chapter_button_seeks(browser, page_url):
    from selenium.webdriver.common.keys import Keys

    _loaded(browser, page_url[0])
    button = browser.find_elements("css selector", ".chapters button")[3]
    browser.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.ENTER)
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert -0.01 <= now - float(button.get_attribute("data-start")) < 0.5


AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _fresh(browser, url):
    """The page as a first-time listener sees it: nothing remembered."""
    _loaded(browser, url)
    browser.execute_script("localStorage.clear()")
    _loaded(browser, url)


def _audit(browser) -> list[dict]:
    assert AXE.is_file(), "axe-core is installed by scripts/setup (npm ci)"
    browser.execute_script(AXE.read_text("utf-8"))
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(function (r) { done({violations: r.violations, rules: r.passes.length + r.incomplete.length"
        " + r.inapplicable.length + r.violations.length}); }, function (e) { done({error: String(e)}); });",
        WCAG_22_A_AA)
    assert "error" not in result, result
    assert result["rules"] > 20  # the WCAG rule set really ran
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.mark.parametrize("page", ["player", "show"])
def test_axe_finds_no_violation_of_wcag_22_a_and_aa(browser, page_url, page):
    url = page_url[0] if page == "player" else page_url[0].rsplit("/", 2)[0] + "/index.html"
    _fresh(browser, page_url[0])
    if page == "show":
        browser.get(url)
    else:  # audit the page in use too: a chapter playing, a sentence marked, the live region speaking
        browser.find_elements("css selector", ".chapters button")[1].click()
        _wait(browser, "return document.querySelector('.transcript [aria-current]') !== null")
        browser.execute_script("document.getElementById('player').pause()")
    assert _audit(browser) == []


def _wait(browser, script, seconds=15):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, seconds).until(lambda d: d.execute_script(script))


def test_keyboard_only_tab_to_the_third_chapter_and_enter_plays_it_and_says_so(browser, page_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _fresh(browser, page_url[0])
    third = browser.find_elements("css selector", ".chapters button")[2]
    import json

    chapter = json.loads((page_url[1] / "chapters.json").read_text())["chapters"][2]
    title, start = chapter["title"], float(third.get_attribute("data-start"))
    assert abs(start - chapter["startTime"]) < 0.01
    for _ in range(60):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.execute_script("return document.activeElement === arguments[0]", third):
            break
    else:
        pytest.fail("Tab never reached the third chapter")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    _wait(browser, "var p = document.getElementById('player'); return !p.paused && p.currentTime > arguments[0] + 0.2"
          .replace("arguments[0]", str(start)))
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert start <= now < start + 5
    assert browser.find_element("id", "now-playing").text == f"Now playing: {title}"
    assert browser.execute_script("return document.activeElement === arguments[0]", third)  # focus stays
    browser.execute_script("document.getElementById('player').pause()")


def test_the_live_region_is_polite_and_the_player_page_links_mp3_epub_and_transcript(browser, page_url):
    import urllib.request

    _fresh(browser, page_url[0])
    region = browser.find_element("id", "now-playing")
    assert (region.get_attribute("aria-live"), region.get_attribute("role")) == ("polite", "status")
    links = {a.text: a.get_attribute("href") for a in browser.find_elements("css selector", "main ul a")}
    assert set(links) == {"Download the MP3", "Download the talking book (EPUB, text and audio in sync)",
                          "Read the transcript"}
    for href in links.values():
        with urllib.request.urlopen(href) as answer:
            assert answer.status == 200 and answer.read(1)


def test_a_sentence_selected_seeks_there_and_the_sentence_spoken_is_marked_and_in_view(browser, page_url):
    _fresh(browser, page_url[0])
    sentences = browser.find_elements("css selector", ".transcript .sentence")
    target = sentences[-3]
    browser.execute_script("arguments[0].scrollIntoView()", target)
    target.click()
    assert abs(browser.execute_script("return document.getElementById('player').currentTime")
               - float(target.get_attribute("data-start"))) < 0.05
    _wait(browser, "return arguments[0].getAttribute('aria-current') === 'true'".replace(
        "arguments[0]", "document.querySelectorAll('.transcript .sentence')[%d]" % (len(sentences) - 3)))
    browser.execute_script("document.getElementById('transcript-box').scrollTop = 0;"
                           "document.getElementById('back').focus();"
                           "document.getElementById('player').currentTime = arguments[0]",
                           float(sentences[-2].get_attribute("data-start")))
    _wait(browser, "var s = document.querySelectorAll('.transcript .sentence'); "
          "return s[s.length - 2].getAttribute('aria-current') === 'true'")
    in_view = browser.execute_script(
        "var box = document.getElementById('transcript-box'), s = document.querySelectorAll('.transcript .sentence');"
        "var item = s[s.length - 2];"
        "return item.offsetTop >= box.scrollTop && item.offsetTop + item.offsetHeight <= box.scrollTop + box.clientHeight")
    assert in_view
    assert browser.execute_script("return document.activeElement.id") == "back"  # focus did not move
    assert len(browser.find_elements("css selector", ".transcript [aria-current]")) == 1


def test_skips_speed_and_next_and_previous_chapter(browser, page_url):
    _fresh(browser, page_url[0])
    starts = [float(b.get_attribute("data-start")) for b in browser.find_elements("css selector", ".chapters button")]
    now = lambda: browser.execute_script("return document.getElementById('player').currentTime")  # noqa: E731
    browser.execute_script("document.getElementById('player').currentTime = arguments[0]", starts[1] + 20)
    browser.find_element("id", "back").click()
    assert abs(now() - (starts[1] + 5)) < 0.05
    browser.find_element("id", "forward").click()
    assert abs(now() - (starts[1] + 20)) < 0.05
    browser.find_element("id", "next-chapter").click()
    assert -0.01 <= now() - starts[2] < 0.5
    browser.find_element("id", "previous-chapter").click()  # at a chapter's start: the one before
    assert -0.01 <= now() - starts[1] < 0.5
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "speed")).select_by_visible_text("1.75×")
    assert browser.execute_script("return document.getElementById('player').playbackRate") == 1.75
    assert [o.text for o in Select(browser.find_element("id", "speed")).options] == \
        ["0.75×", "1×", "1.25×", "1.5×", "1.75×", "2×"]
    browser.execute_script("document.getElementById('player').pause()")


def test_the_position_is_remembered_and_offered_on_return_not_played(browser, page_url):
    _fresh(browser, page_url[0])
    browser.execute_script("var p = document.getElementById('player'); p.currentTime = 42; p.play()")
    _wait(browser, "return !document.getElementById('player').paused")
    browser.execute_script("document.getElementById('player').pause()")
    position = browser.execute_script("return document.getElementById('player').currentTime")
    _loaded(browser, page_url[0])
    offer = browser.find_element("id", "resume")
    assert offer.is_displayed() and "You stopped at 0:42" in offer.text
    assert browser.execute_script("var p = document.getElementById('player'); return p.paused && p.currentTime < 1")
    browser.find_element("id", "resume-play").click()
    assert abs(browser.execute_script("return document.getElementById('player').currentTime") - position) < 0.5
    assert not offer.is_displayed()
    browser.execute_script("document.getElementById('player').pause(); localStorage.clear()")


def test_space_on_a_chapter_plays_it_too_and_focus_stays(browser, page_url):
    import json

    from selenium.webdriver.common.keys import Keys

    _fresh(browser, page_url[0])
    button = browser.find_elements("css selector", ".chapters button")[4]
    start = float(button.get_attribute("data-start"))
    browser.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.SPACE)
    _wait(browser, f"var p = document.getElementById('player'); return !p.paused && p.currentTime >= {start - 0.01}")
    assert browser.execute_script("return document.activeElement === arguments[0]", button)
    title = json.loads((page_url[1] / "chapters.json").read_text())["chapters"][4]["title"]
    assert browser.find_element("id", "now-playing").text == f"Now playing: {title}"
    browser.execute_script("document.getElementById('player').pause()")
