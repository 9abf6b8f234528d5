"""The player page in headless Chromium: chapter buttons seek, Tab reaches them, no autoplay."""

import shutil
import socket
import subprocess
import sys

import pytest

from conftest import EXAMPLE, run_cli

SLUG = "my-sister-wont-share-the-garden-what-now"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("chromedriver")), reason="chromium is not installed")]


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("player")
    assert run_cli("build", str(EXAMPLE), "--out", str(root), "--engine", "fake").returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
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
    assert abs(now - chapters[2]["startTime"]) < 0.05


def test_nothing_plays_until_asked(browser, page_url):
    _loaded(browser, page_url[0])
    assert browser.execute_script("var p = document.getElementById('player'); return p.paused && !p.autoplay")


def test_tab_reaches_every_chapter_button(browser, page_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _loaded(browser, page_url[0])
    total = len(browser.find_elements("css selector", ".chapters button"))
    reached = set()
    for _ in range(total + 15):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        start = browser.execute_script(
            "var e = document.activeElement; return e.closest('.chapters') ? e.dataset.start : null")
        if start is not None:
            reached.add(start)
    assert len(reached) == total


def test_enter_on_a_focused_chapter_button_seeks(browser, page_url):
    from selenium.webdriver.common.keys import Keys

    _loaded(browser, page_url[0])
    button = browser.find_elements("css selector", ".chapters button")[3]
    browser.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.ENTER)
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert abs(now - float(button.get_attribute("data-start"))) < 0.05
