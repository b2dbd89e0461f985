"""The fleet summary page, in headless Chromium: totals, the matrix, escaping, no requests."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

from migrate.fleet.run import run_fleet
from migrate.fleet.summary import FleetSummary
from migrate.fleet.summary_html import render_html
from tests.browser import load_page, outside, text_of
from tests.fleet.conftest import fail_package, make_fleet
from tests.fleet.test_run import options

HOSTILE = '<img src="https://example.invalid/x.png">'


def _summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FleetSummary:
    root = make_fleet(tmp_path / "root", valid=2, defective=1)
    shutil.move(root / "130001", root / HOSTILE.replace("/", "_"))
    fail_package(monkeypatch, "130000", "130000: cannot read it <b>")
    return run_fleet(root, options(tmp_path / "out"))


@pytest.mark.browser
def test_the_page_shows_totals_and_one_row_per_package(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = _summary(tmp_path, monkeypatch)
    page = render_html(summary, "ja")
    assert outside(load_page(browser, page, tmp_path / "fleet.html")) == []
    assert browser.title == "移行データ一括検証結果"
    assert "パッケージ数 3: 合格 1 / 不合格 1 / 実行不可 1 — 合格率 33%" in text_of(
        browser, "#totals"
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")
    cells = [[c.text for c in r.find_elements(By.CSS_SELECTOR, "td")] for r in rows]
    by_name = {c[0]: c for c in cells}
    assert by_name["130000"][1:] == ["実行不可", "理由: 130000: cannot read it <b>"]
    assert by_name["130002"][1] == "不合格"
    assert any(c.startswith("NG ") for c in by_name["130002"][2:])
    hostile = HOSTILE.replace("/", "_")
    assert by_name[hostile][1] == "合格"  # the folder name is text on the page, not markup
    assert all(c.startswith("OK ") for c in by_name[hostile][2:])
    assert browser.find_elements(By.CSS_SELECTOR, "#matrix img") == []
