"""The HTML report in a real browser: headless Chromium (Debian ``chromium`` and
``chromium-driver``) driven by selenium through the system chromedriver.

For each defective juki sample: the rendered verdict, counts and codes match the report, the
page made no request beyond its own file, no personal value is in it, and hostile values
render as text. The browser comes from tests/browser.py. Set ``MIGRATE_UPDATE_SCREENSHOT=1``
to rewrite docs/img/html-report.png.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from migrate.layout.catalog import resolve
from migrate.report.formats.html_format import render
from migrate.report.model import Finding, Report
from migrate.validate.engine import Options, run
from tests.browser import load_page, outside, text_of
from tests.conftest import ROOT, SAMPLES
from tests.report.planted import HOSTILE, OUTSIDE, planted_report

pytestmark = pytest.mark.browser

DEFECTIVE = sorted((SAMPLES / "defective").glob("*.csv"))
SCREENSHOT = ROOT / "docs" / "img" / "html-report.png"


def _personal_values(target: Path) -> set[str]:
    """The values the report masks, taken from a run that shows them (4+ characters, so
    that a masked ``1`` is not confused with a count)."""
    shown = run(target, resolve("juki"), Options(show_values=True))
    masked = run(target, resolve("juki"), Options())
    return {
        s.value
        for a, b in zip(shown.files, masked.files, strict=True)
        for s, m in zip(a.sorted_findings(), b.sorted_findings(), strict=True)
        if m.value == "***" and s.value and len(s.value) >= 4
    }


def test_the_network_check_sees_a_request_when_there_is_one(browser: Any, tmp_path: Path) -> None:
    """The control: a page without the report's CSP that loads an image is caught."""
    urls = load_page(browser, f'<!DOCTYPE html><img src="{OUTSIDE}">', tmp_path / "leak.html")
    assert OUTSIDE in outside(urls)


@pytest.mark.parametrize("target", DEFECTIVE, ids=lambda p: p.name)
def test_defective_sample_renders_its_verdict_counts_and_codes(
    browser: Any, tmp_path: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.common.by import By

    monkeypatch.chdir(ROOT)  # paths as a user gives them: relative
    target = target.relative_to(ROOT)
    report: Report = run(target, resolve("juki"), Options())
    urls = load_page(browser, render(report, "ja"), tmp_path / "report.html")
    assert outside(urls) == []
    assert text_of(browser, "#verdict") == "不合格"
    totals = text_of(browser, "#totals")
    for severity, label in (("error", "エラー"), ("warning", "警告"), ("info", "情報")):
        assert f"{label} {report.totals()[severity]:,}" in totals
    sections = browser.find_elements(By.CSS_SELECTOR, "section.code")
    shown = {s.get_attribute("data-code"): int(s.get_attribute("data-count")) for s in sections}
    counted: dict[str, int] = {}
    for f in report.files:
        for code, n in f.counts.items():
            counted[code] = counted.get(code, 0) + n
    assert shown == counted
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows tr")
    assert len(rows) == min(100, sum(len(f.findings) for f in report.files))
    source = browser.page_source
    assert not [v for v in _personal_values(target) if v in source]
    if target.name == "bad_check_digits.csv":
        browser.save_screenshot(str(tmp_path / "shot.png"))
        assert (tmp_path / "shot.png").stat().st_size > 10_000
        if os.environ.get("MIGRATE_UPDATE_SCREENSHOT"):
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tmp_path / "shot.png", SCREENSHOT)


def test_hostile_values_render_as_text_and_fetch_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    urls = load_page(browser, render(planted_report(), "en"), tmp_path / "planted.html")
    assert outside(urls) == []
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert not browser.execute_script("return window.__pwned === true || document.title === '1'")
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows tr")
    texts = [r.find_elements(By.TAG_NAME, "td")[7].get_attribute("textContent") for r in rows]
    assert texts[: len(HOSTILE)] == list(HOSTILE)
    csp = [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert csp == []  # nothing even tried to load or run


def test_the_findings_table_filters_sorts_and_pages(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = planted_report()
    (result,) = report.files
    for n in range(250):
        line, record = n + 100, n + 99
        result.add(
            Finding("VA02", result.path, line=line, record=record, field="性別", value=f"v{n}")
        )
    load_page(browser, render(report, "en"), tmp_path / "many.html")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tr")) == 100
    assert text_of(browser, "#page") == f"1–100 of {len(result.findings)}"
    browser.find_element(By.ID, "next").click()
    assert text_of(browser, "#page") == f"101–200 of {len(result.findings)}"
    browser.find_element(By.ID, "q").send_keys("v249")
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows tr")
    assert [r.find_elements(By.TAG_NAME, "td")[7].text for r in rows] == ["v249"]
    browser.find_element(By.ID, "q").clear()
    browser.find_element(By.ID, "q").send_keys(" ")  # fires input; matches all values
    line = browser.find_elements(By.CSS_SELECTOR, "#table th")[1]
    line.click()
    line.click()  # descending by line
    first = browser.find_elements(By.CSS_SELECTOR, "#rows tr")[0].find_elements(By.TAG_NAME, "td")
    assert first[1].text == str(max(f.line or 0 for f in result.findings))


def test_a_hundred_thousand_findings_stay_responsive(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = planted_report()
    (result,) = report.files
    for n in range(100_000):
        line, record = n + 100, n + 99
        result.add(
            Finding("VA02", result.path, line=line, record=record, field="性別", value=f"v{n}")
        )
    load_page(browser, render(report, "en"), tmp_path / "big.html")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tr")) == 100
    # one filter pass over every row and one sort, timed inside the page
    elapsed = browser.execute_script(
        """
        const q = document.getElementById("q"), t0 = performance.now();
        q.value = "v99999"; q.dispatchEvent(new Event("input"));
        document.querySelectorAll("#table th")[2].click();
        return performance.now() - t0;
        """
    )
    assert text_of(browser, "#page") == "1–1 of 1"
    assert elapsed < 3000, f"filter and sort of 100k rows took {elapsed:.0f} ms"
