"""A readiness verdict as a sign-off: 件数突合表 rows, manifest, and the page in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.readiness.model import Readiness
from migrate.readiness.signoff import readiness_manifest, readiness_rows, readiness_signoff
from migrate.report.formats.html_format import render_signoff
from migrate.report.manifest import sha256_file
from tests.browser import load_page, outside, text_of
from tests.conftest import SAMPLES
from tests.readiness.test_judge import MAPPINGS, STANDARD, verdict

UNKNOWN_CODES = SAMPLES / "defective" / "unknown_codes.csv"


def _manifest(r: Readiness) -> Any:
    return readiness_manifest(r, STANDARD, MAPPINGS, {"encoding": None})


def test_rows_give_each_source_file_then_each_target_group() -> None:
    r = verdict(UNKNOWN_CODES)
    rows = readiness_rows(r)
    (source,) = r.sources
    (target,) = r.targets
    assert [(x.name, x.records_in, x.valid, x.with_errors) for x in rows] == [
        ("住民 (jumin)", source.result.records, 5, 4),
        ("移行先 / target: 住民 (jumin)", target.records_in, target.records_ready, 4),
    ]
    assert all(x.rejected is None and x.out is None and x.balances is None for x in rows)


def test_the_manifest_hashes_the_target_layout_every_mapping_and_every_source() -> None:
    r = verdict(SAMPLES / "valid")
    m = _manifest(r).to_dict()
    assert m["command"] == "readiness" and m["options"]["source_layout"] == "juki"
    assert m["layout"]["id"] == "standard-juki"
    assert m["layout"]["sha256"] == sha256_file(Path(STANDARD.path))
    assert [x["sha256"] for x in m["mappings"]] == [sha256_file(x.path) for x in MAPPINGS]
    hashed = {Path(i["path"]).name: i["sha256"] for i in m["inputs"]}
    assert hashed == {p.name: sha256_file(p) for p in (SAMPLES / "valid").glob("*.csv")}


def test_the_verdict_decides_pass_or_fail() -> None:
    assert readiness_signoff(verdict(SAMPLES / "valid")).fails is False
    assert readiness_signoff(verdict(UNKNOWN_CODES)).fails is True


@pytest.mark.browser
def test_the_page_shows_verdict_rows_and_no_personal_value(browser: Any, tmp_path: Path) -> None:
    masked = verdict(UNKNOWN_CODES)
    shown = verdict(UNKNOWN_CODES, show_values=True)
    personal = {
        f.value
        for a, b in zip(shown.report().files, masked.report().files, strict=True)
        for f, g in zip(a.sorted_findings(), b.sorted_findings(), strict=True)
        if g.value == "***" and f.value and len(f.value) >= 4
    }
    assert personal  # the sample has masked 生年月日 values to look for
    page = render_signoff(readiness_signoff(masked, _manifest(masked)), "ja")
    assert outside(load_page(browser, page, tmp_path / "readiness.html")) == []
    assert browser.title == "標準準拠システムへの移行可否判定結果"
    assert text_of(browser, "#verdict") == "不合格"
    table = text_of(browser, "#reconciliation")
    assert "移行先 / target: 住民 (jumin)" in table
    assert not [v for v in personal if v in browser.page_source]
