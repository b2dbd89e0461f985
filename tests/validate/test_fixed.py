"""``migrate validate`` of a fixed-width file against a layout of form fixed-width.

Each record type is a 移行ファイル checked by the same rules; findings carry the record,
the line and the byte offset of the record. The golden report is the JSON of the CLI for
the legacy sample; regenerate with ``MIGRATE_REGEN_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate.io.ebcdic import iconv_has
from migrate.layout.catalog import resolve
from migrate.report.model import Report
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, invoke

LEGACY = ROOT / "samples" / "juki-legacy"
DAT = LEGACY / "juki_legacy.dat"
LAYOUT = LEGACY / "juki_legacy.layout.yaml"
GOLDEN = LEGACY / "expected" / "juki_legacy.validate.json"
RECORD = 402  # 400 bytes + CRLF


def validate(path: Path, layout: Path = LAYOUT, **options: Any) -> Report:
    return run(path, resolve(str(layout)), Options(max_errors=None, **options))


def located(report: Report) -> set[tuple[str | None, str, int | None, int | None, str | None]]:
    """(移行ファイル, code, record, byte offset, field) of every finding listed."""
    return {
        (r.file_id, f.code, f.record, f.byte_offset, f.field)
        for r in report.files
        for f in r.findings
    }


def test_cli_json_matches_the_golden_report() -> None:
    args = ["validate", str(DAT.relative_to(ROOT)), "--layout", str(LAYOUT.relative_to(ROOT))]
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        out = invoke([*args, "--format", "json"], 1).stdout
    finally:
        os.chdir(cwd)
    # what varies between runs and versions stays out of the golden: meta, the tool version and
    # the manifest (clock times, hashes of the tool's own layout file); report_format is
    # pinned by tests/test_contract_schemas.py, so the golden keeps the findings only.
    varies = ("meta", "tool_version", "manifest", "report_format")
    actual = {k: v for k, v in json.loads(out).items() if k not in varies}
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert actual == {k: v for k, v in golden.items() if k not in varies}


def test_the_deliberately_bad_records_are_found_and_located() -> None:
    report = validate(DAT)
    # samples/juki-legacy/README.md: three bad 住民 records, the last three of type 1
    assert located(report) == {
        ("jumin", "VA02", 31, 30 * RECORD, "性別"),  # 性別 U
        ("jumin", "TY06", 32, 31 * RECORD, "生年月日"),  # 昭和64年1月8日
        ("jumin", "VA09", 33, 32 * RECORD, "住民票コード"),  # check digit + 1
    }
    lines = {f.line for r in report.files for f in r.findings}
    assert lines == {31, 32, 33}  # one record per line (CRLF)
    records = {r.file_id: r.records for r in report.files}
    assert records == {"jumin": 33, "setai": 12, "ido_rireki": 30}
    assert report.totals()["error"] == 2 and report.totals()["warning"] == 1


def _record(data: bytes, n: int) -> bytes:
    return data[(n - 1) * RECORD : n * RECORD]


def test_read_problems_keys_and_references_are_located(tmp_path: Path) -> None:
    data = DAT.read_bytes()
    first = bytearray(_record(data, 1))
    first[61:63] = b"\x85\x40"  # an unassigned CP932 lead byte in 氏名 (bytes 62-101)
    ido = _record(data, 46)  # the first 異動履歴 record
    orphan = b"3" + b"9" * 15 + ido[16:]  # a 宛名番号 no 住民 has
    records = [bytes(first), data[RECORD : 45 * RECORD], ido, ido, orphan]
    records += [b"9" + b" " * 399 + b"\r\n", b"1short\r\n"]
    path = tmp_path / "legacy.dat"
    path.write_bytes(b"".join(records))
    found = located(validate(path))
    assert ("jumin", "RD01", 1, 61, "氏名") in found
    assert ("ido_rireki", "RL01", 47, 46 * RECORD, "宛名番号 + 履歴番号") in found
    assert ("ido_rireki", "RL03", 48, 47 * RECORD, "宛名番号 + 履歴番号") in found
    assert (None, "ST08", 49, 48 * RECORD, None) in found  # record type 9
    assert (None, "ST04", 50, 49 * RECORD, None) in found  # 6 bytes, not 400


def test_a_record_type_without_records_is_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "only_jumin.dat"
    path.write_bytes(DAT.read_bytes()[: 30 * RECORD])
    report = validate(path)
    assert {(r.file_id, f.code) for r in report.files for f in r.findings} == {
        ("setai", "ST07"),
        ("ido_rireki", "ST07"),
    }  # references into a missing 移行ファイル are not checked, as in a package


def test_file_option_validates_one_record_type() -> None:
    report = validate(DAT, file_id="setai")
    assert [(r.file_id, r.records) for r in report.files] == [("setai", 12)]
    assert not located(report)


def test_a_directory_is_refused_in_one_line(tmp_path: Path) -> None:
    result = invoke(["validate", str(tmp_path), "--layout", str(LAYOUT)], 2)
    assert "a fixed-width layout validates one file" in str(result.exception)


@pytest.mark.skipif(not iconv_has("IBM930"), reason="this machine's iconv has no IBM930")
def test_ebcdic_with_packed_numbers(tmp_path: Path) -> None:
    doc = yaml.safe_load(LAYOUT.read_text(encoding="utf-8"))
    doc["physical"] = {"form": "fixed-width", "encoding": "ibm930", "record_length": 300}
    items = [
        {
            "id": "atena_no",
            "name": "宛名番号",
            "type": "digits",
            "length": 15,
            "check": "atena_m11",
            "bytes": {"start": 1, "length": 15},
        },
        {
            "id": "rireki_no",
            "name": "履歴番号",
            "type": "digits",
            "length": 5,
            "required": True,
            "bytes": {"start": 16, "length": 3, "type": "packed"},
        },
        {
            "id": "shimei",
            "name": "氏名",
            "type": "text",
            "length": 42,
            "charset": "zenkaku",
            "length_unit": "chars",
            "bytes": {"start": 57, "length": 42},
        },
        {
            "id": "seibetsu",
            "name": "性別",
            "type": "code",
            "code": "seibetsu",
            "bytes": {"start": 136, "length": 1},
        },
    ]
    doc["files"] = [
        {"id": "jumin", "name": "住民", "keys": ["atena_no", "rireki_no"], "items": items}
    ]
    layout = tmp_path / "ebcdic.layout.yaml"
    layout.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    data = bytearray((LEGACY / "jumin_ebcdic.dat").read_bytes())
    data[300 + 17] = 0x12  # record 2: 履歴番号 COMP-3 with no valid sign nibble
    path = tmp_path / "jumin.dat"
    path.write_bytes(bytes(data))
    report = validate(path, layout)
    (result,) = report.files
    assert result.records == 10
    assert located(report) == {
        ("jumin", "RD01", 2, 315, "履歴番号"),  # the bad byte
        ("jumin", "TY01", 2, 300, "履歴番号"),  # the record; its value reads as U+FFFD
    }


def test_problems_beyond_those_held_are_still_counted(tmp_path: Path) -> None:
    from migrate.report.model import FileResult
    from migrate.validate.fixed import open_fixed_width, problem_findings

    path = tmp_path / "types.dat"
    path.write_bytes(b"".join(b"9" + b" " * 399 + b"\r\n" for _ in range(5)))
    layout = resolve(str(LAYOUT))
    opening = open_fixed_width(path, layout, None, tmp_path, keep=2)
    results = {s.id: FileResult(str(path), s.id, s.name) for s in layout.files}
    framing = problem_findings(opening, layout, results, cap=1000)
    assert framing is not None and framing.counts["ST08"] == 5
    assert [f.record for f in framing.findings] == [1, 2]
