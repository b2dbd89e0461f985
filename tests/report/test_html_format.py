"""The HTML report as text: escaped values, a strict CSP, the findings blob, masked values.

What a browser makes of it is tested in test_html_browser.py.
"""

from __future__ import annotations

import html
import json
import re

from lxml import html as lhtml

from migrate.report.formats.html_format import json_for_script, render
from migrate.report.model import Finding, Report
from tests.report.conftest import BIRTH, MYNUMBER, build_report
from tests.report.planted import HOSTILE, planted_report


def _blob(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_planted_values_are_text_not_markup() -> None:
    page = render(planted_report(), "ja")
    for value in HOSTILE:
        assert html.escape(value, quote=True) in page  # the examples show it as text
        if "<" in value:
            assert value not in page  # never as it is: escaped, or \\u003c in the blob
    doc = lhtml.fromstring(page)
    assert len(doc.xpath("//script")) == 2  # the data blob and the page's own script
    assert doc.xpath("//img") == []
    assert not any(el.get("onerror") or el.get("onmouseover") for el in doc.iter())
    rows = _blob(page)["rows"]
    assert [r[7] for r in rows][: len(HOSTILE)] == list(HOSTILE)  # type: ignore[index]


def test_the_data_blob_cannot_close_its_script_element() -> None:
    text = json_for_script({"v": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"v": "</script><b>&"}


def test_a_strict_content_security_policy_allows_nothing_from_outside() -> None:
    page = render(planted_report(), "en")
    (csp,) = lhtml.fromstring(page).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp.startswith("default-src 'none';")
    assert "unsafe-inline" not in csp and "http" not in csp
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    doc = lhtml.fromstring(page)
    assert not [el for el in doc.iter() if el.get("src") or el.get("href")]


def test_personal_values_stay_masked_unless_shown() -> None:
    assert MYNUMBER not in render(build_report(), "ja")
    assert BIRTH not in render(build_report(), "ja")
    shown = render(build_report(show_values=True), "ja")
    assert MYNUMBER in shown and BIRTH in shown


def test_first_screen_verdict_counts_and_reconciliation(report: Report) -> None:
    doc = lhtml.fromstring(render(report, "ja"))
    assert doc.get("lang") == "ja"
    assert doc.get_element_by_id("verdict").text_content() == "不合格"
    totals = doc.get_element_by_id("totals").text_content()
    assert "エラー 3" in totals and "警告 7" in totals and "情報 2" in totals
    codes = sorted(s.get("data-code") for s in doc.xpath("//section[@class='code']"))
    assert codes == sorted(c for f in report.files for c in f.counts)
    assert doc.xpath("//svg[@class='chart']")
    recon = doc.xpath("//table[@class='recon']//tbody/tr")
    assert [td.text_content() for td in recon[0]][:5] == [
        "pkg/jumin.csv", "住民 (jumin)", "9", "7", "2"
    ]  # fmt: skip


def test_english_and_a_passing_verdict() -> None:
    report = Report("1", "juki", "1", "s")
    doc = lhtml.fromstring(render(report, "en"))
    assert doc.get("lang") == "en"
    assert doc.get_element_by_id("verdict").text_content() == "PASS"


def test_a_hundred_thousand_findings_travel_as_one_blob() -> None:
    report = planted_report()
    (result,) = report.files
    for n in range(100_000):
        result.add(
            Finding("VA02", result.path, line=n + 100, record=n + 99, field="性別", value="9")
        )
    page = render(report, "ja")
    assert len(_blob(page)["rows"]) == len(result.findings)  # type: ignore[arg-type]
    assert len(page) < 25_000_000
