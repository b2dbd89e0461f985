"""``migrate validate`` of XML files: the same checks as CSV, located by line and path.

Golden reports are the CLI's JSON for samples/xml/ (``meta`` and the version dropped);
regenerate with ``MIGRATE_REGEN_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from migrate.codes import CODES
from migrate.layout.catalog import resolve
from migrate.report.model import Report
from migrate.validate import xsd
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, SAMPLES, invoke

XML = ROOT / "samples" / "xml"
LAYOUT = XML / "juki_xml.layout.yaml"
XSD = XML / "juki.xsd"
CASES = {
    "valid.xml": 0,
    "valid_sjis.xml": 0,
    "defective/values.xml": 1,
    "defective/malformed.xml": 1,
    "hostile/billion_laughs.xml": 1,
    "hostile/external_entity.xml": 1,
    "hostile/external_dtd.xml": 1,
    "hostile/undefined_entity.xml": 1,
    "hostile/deep_nesting.xml": 1,
}


def validate(path: Path, layout: str = str(LAYOUT), **options: Any) -> Report:
    return run(path, resolve(layout), Options(max_errors=None, **options))


def codes(report: Report) -> dict[str | None, dict[str, int]]:
    return {r.file_id: dict(r.counts) for r in report.files if r.counts}


@pytest.mark.parametrize(("name", "exit_code"), sorted(CASES.items()))
def test_cli_json_matches_the_golden_report(name: str, exit_code: int) -> None:
    golden = XML / "expected" / (name.replace("/", "__") + ".validate.json")
    args = ["validate", f"samples/xml/{name}", "--layout", "samples/xml/juki_xml.layout.yaml"]
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        out = invoke([*args, "--xsd", "samples/xml/juki.xsd", "--format", "json"], exit_code)
    finally:
        os.chdir(cwd)
    volatile = ("meta", "tool_version", "manifest")  # the manifest holds clock times
    actual = {k: v for k, v in json.loads(out.stdout).items() if k not in volatile}
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_xm_code_has_a_case() -> None:
    """Each XM code is in a golden report of samples/xml/ (the golden test checks them)."""
    found: set[str] = set()
    for golden in (XML / "expected").glob("*.json"):
        report = json.loads(golden.read_text(encoding="utf-8"))
        found |= {code for f in report["files"] for code in f["counts"]["by_code"]}
    assert {c.code for c in CODES if c.code.startswith("XM")} <= found


def test_the_defects_are_found_by_the_csv_checks_and_located() -> None:
    report = validate(XML / "defective" / "values.xml")
    assert codes(report) == {
        None: {"XM05": 1},
        "jumin": {"TY05": 1, "VA01": 1, "VA02": 1, "VA03": 1, "VA10": 1, "XM06": 1},
        "ido": {"RL01": 1, "TY05": 1, "VA02": 1},
    }
    located = {(r.file_id, f.code, f.line, f.record) for r in report.files for f in r.findings}
    assert ("jumin", "VA01", 13, 2) in located  # 住所 missing from the second 住民
    assert ("ido", "RL01", 11, 2) in located  # 履歴番号 1 twice for one 宛名番号
    xm05 = next(f for r in report.files for f in r.findings if f.code == "XM05")
    assert xm05.line == 19 and "/住民記録[1]/世帯[1]" in xm05.message()


def test_a_stopped_read_checks_what_it_read_and_claims_no_missing_file() -> None:
    report = validate(XML / "defective" / "malformed.xml")
    assert codes(report) == {None: {"XM01": 1}}
    assert {r.file_id: r.records for r in report.files if r.file_id} == {"jumin": 1, "ido": 0}


def test_xsd_modes_find_the_same_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    path = XML / "defective" / "values.xml"
    tree = validate(path, xsd=XSD)
    monkeypatch.setattr(xsd, "TREE_LIMIT", 0)
    records = validate(path, xsd=XSD)
    assert (tree.meta["xsd_mode"], records.meta["xsd_mode"]) == ("tree", "records")

    def xm04(report: Report) -> list[tuple[int | None, str]]:
        found = [f for r in report.files for f in r.findings if f.code == "XM04"]
        return [(f.line, f.detail.split(":")[0]) for f in found]

    # records mode does not see the 世帯 element beside the records (XM05 reports it)
    assert xm04(records) == [x for x in xm04(tree) if x[0] != 19]
    assert len(xm04(records)) == 5


def test_an_unusable_schema_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xsd"
    bad.write_text("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:nope/></xs:schema>")
    out = invoke(
        ["validate", str(XML / "valid.xml"), "--layout", str(LAYOUT), "--xsd", str(bad)], 2
    )
    assert "Traceback" not in out.output
    with pytest.raises(Exception, match="not a usable XML Schema"):
        validate(XML / "valid.xml", xsd=bad)


def test_xsd_on_a_csv_file_is_a_usage_error() -> None:
    with pytest.raises(Exception, match="--xsd validates XML files"):
        validate(SAMPLES / "valid" / "jumin.csv", layout="juki", xsd=XSD)


def test_a_shipped_layout_reads_xml_by_content(tmp_path: Path) -> None:
    """Each child of the root a record, items by データ項目名称, the 移行ファイル by its name."""
    header, *rows = (SAMPLES / "valid" / "setai.csv").read_text("utf-8").splitlines()
    names = header.split(",")
    body = "".join(
        "<世帯>"
        + "".join(f"<{n}>{v}</{n}>" for n, v in zip(names, row.split(","), strict=True) if v)
        + "</世帯>\n"
        for row in rows
    )
    path = tmp_path / "setai.data"
    path.write_text(f"<?xml version='1.0'?>\n<台帳>\n{body}</台帳>\n", "utf-8")
    report = validate(path, layout="juki")
    (result,) = report.files
    assert (result.file_id, result.records, dict(result.counts)) == ("setai", len(rows), {})
    broken = path.read_text("utf-8").replace("<世帯>", "<世帯><世帯番号>1</世帯番号>", 1)
    path.write_text(broken, "utf-8")
    assert codes(validate(path, layout="juki")) == {"setai": {"XM06": 1}}
    path.write_text(broken.replace("世帯>", "町>"), "utf-8")
    with pytest.raises(Exception, match=r"cannot tell which 移行ファイル .* <町>"):
        validate(path, layout="juki")


def test_encoding_overrides_the_declaration() -> None:
    wrong = validate(XML / "valid_sjis.xml", encoding="utf-8")
    assert codes(wrong) == {None: {"RD01": 1}}
    rd01 = next(f for r in wrong.files for f in r.findings)
    assert rd01.line == 2 and wrong.files[0].encoding == "utf-8"
    assert validate(XML / "valid_sjis.xml", encoding="shift_jis").valid  # read as cp932
