"""Headless Chromium for the tests of browser-facing output (Debian ``chromium`` and
``chromium-driver``, driven by selenium through the system chromedriver).

In CI (``CI=true``) a missing browser fails the tests instead of skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module, logging every network request."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        message = "headless Chromium is needed: apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def load_page(browser: Any, page: str, path: Path) -> list[str]:
    """Open ``page`` from ``path``; the URLs of every request the page made."""
    path.write_text(page, encoding="utf-8")
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get(path.as_uri())
    messages = [json.loads(e["message"])["message"] for e in browser.get_log("performance")]
    return [
        m["params"]["request"]["url"]
        for m in messages
        if m["method"] == "Network.requestWillBeSent"
    ]


def outside(urls: list[str]) -> list[str]:
    """The URLs that leave the page's own file."""
    return [u for u in urls if not u.startswith(("file:", "data:", "about:"))]


def text_of(browser: Any, css: str) -> str:
    """The rendered text of the first element matching ``css``."""
    from selenium.webdriver.common.by import By

    text: str = browser.find_element(By.CSS_SELECTOR, css).text
    return text
