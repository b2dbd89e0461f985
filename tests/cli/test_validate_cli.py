"""``migrate validate`` through the CLI: exit codes, every format, bad input without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from migrate.layout.catalog import resolve
from migrate.validate.engine import Options, run
from tests.conftest import SAMPLES, invoke

VALID = SAMPLES / "valid" / "jumin.csv"
BAD = SAMPLES / "defective" / "bad_check_digits.csv"


def test_valid_file_exits_0_with_a_summary() -> None:
    out = invoke(["validate", str(VALID), "--layout", "juki"], 0).output
    assert "住民 (jumin), 9 records" in out
    assert out.rstrip().splitlines()[-1].startswith("valid: 0 errors")


def test_defective_file_exits_1() -> None:
    out = invoke(["validate", str(BAD), "--layout", "juki", "--lang", "en"], 1).output
    assert "VA08 mynumber-check-digit [error] × 1" in out


def test_json_equals_the_api_report() -> None:
    out = invoke(["validate", str(BAD), "--layout", "juki", "--format", "json"], 1).output
    doc = json.loads(out)
    api = run(BAD, resolve("juki"), Options()).to_dict()
    doc.pop("meta"), api.pop("meta")
    # the manifest differs in its clock times and the CLI's own options (--fail-on, --format)
    cli_manifest, api_manifest = doc.pop("manifest"), api.pop("manifest")
    assert doc == api
    assert cli_manifest["inputs"] == api_manifest["inputs"]
    assert cli_manifest["options"]["fail_on"] == "error"
    (f,) = doc["files"]
    assert f["counts"]["by_kind"]["check_digit"] == 4
    finding = next(x for x in f["findings"] if x["code"] == "VA08")
    assert finding | {"message": "", "message_ja": ""} == {
        "code": "VA08",
        "slug": "mynumber-check-digit",
        "kind": "check_digit",
        "severity": "error",
        "file": str(BAD),
        "line": 2,
        "record": 1,
        "field": "個人番号",
        "value": "***",
        "message": "",
        "message_ja": "",
        "key": "0000019/1",  # 宛名番号/履歴番号: not personal in the juki layout
    }


def test_personal_values_are_masked_unless_asked() -> None:
    masked = invoke(["validate", str(BAD), "--layout", "juki", "--format", "csv"], 1).output
    clear = invoke(
        ["validate", str(BAD), "--layout", "juki", "--format", "csv", "--show-values"], 1
    ).output
    rows = list(csv.DictReader(io.StringIO(clear)))
    mynumber = next(r for r in rows if r["code"] == "VA08")["value"]
    assert len(mynumber) == 12 and mynumber not in masked
    assert (
        next(r for r in csv.DictReader(io.StringIO(masked)) if r["code"] == "VA08")["value"]
        == "***"
    )


def test_junit_has_one_failing_testcase_per_error_rule() -> None:
    out = invoke(["validate", str(BAD), "--layout", "juki", "--format", "junit"], 1).output
    root = etree.fromstring(out.encode())
    cases = root.findall(".//testcase")
    failing = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failing == {"TY01 not-digits", "VA07 lg-code-check-digit", "VA08 mynumber-check-digit"}
    assert {c.get("name") for c in cases} >= {
        "VA09 juminhyo-code-check-digit",
        "RD02 encoding-guessed",
    }


def test_max_errors_caps_examples_but_not_counts(tmp_path: Path) -> None:
    rows = VALID.read_text(encoding="utf-8").splitlines()
    src = tmp_path / "many.csv"
    src.write_text(
        "\n".join([rows[0], *([rows[1].replace("131016", "131017")] * 50)]) + "\n", encoding="utf-8"
    )
    out = invoke(
        ["validate", str(src), "--layout", "juki", "--format", "json", "--max-errors", "3"], 1
    )
    f = json.loads(out.output)["files"][0]
    assert f["counts"]["by_code"]["VA07"] == 50
    assert sum(1 for x in f["findings"] if x["code"] == "VA07") == 3


def test_output_file_is_written_and_verdict_goes_to_stderr(tmp_path: Path) -> None:
    target = tmp_path / "r" / "report.json"
    res = invoke(
        ["validate", str(BAD), "--layout", "juki", "--format", "json", "-o", str(target)], 1
    )
    assert json.loads(target.read_text(encoding="utf-8"))["valid"] is False
    assert "invalid:" in res.stderr and res.stdout == ""


def test_fail_on_warning_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "w.csv"
    rows = VALID.read_text(encoding="utf-8").splitlines()
    src.write_text(
        "\n".join([rows[0], rows[1].replace(",0000019,", ",0000018,", 1)]) + "\n", encoding="utf-8"
    )
    invoke(["validate", str(src), "--layout", "juki", "--encoding", "utf-8"], 0)
    invoke(
        ["validate", str(src), "--layout", "juki", "--encoding", "utf-8", "--fail-on", "warning"], 1
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["validate", "nowhere.csv", "--layout", "juki"], "no such file"),
        (["validate", str(VALID), "--layout", "nosuch"], "unknown layout 'nosuch'"),
        (
            ["validate", str(VALID), "--layout", "juki", "--encoding", "latin-9"],
            "unsupported encoding",
        ),
        (
            ["validate", str(VALID), "--layout", "juki", "--file", "nosuch"],
            "no 移行ファイル 'nosuch'",
        ),
    ],
)
def test_could_not_run_exits_2_with_one_line(args: list[str], needle: str) -> None:
    res = subprocess.run([sys.executable, "-m", "migrate", *args], capture_output=True, text=True)
    assert res.returncode == 2
    assert needle in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_unknown_header_asks_for_file(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "migrate", "validate", str(src), "--layout", "juki"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and "pass --file" in res.stderr


def test_file_option_is_refused_for_a_package_not_ignored() -> None:
    args = ["validate", str(SAMPLES / "valid"), "--layout", "juki", "--file", "jumin"]
    res = subprocess.run([sys.executable, "-m", "migrate", *args], capture_output=True, text=True)
    assert res.returncode == 2 and "--file names the 移行ファイル of a single file" in res.stderr


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "RD04"), (b"\x00\x01\x02\xff" * 100, "RD03"), (b"\n\n", "RD04")],
)
def test_empty_and_binary_files_are_located_findings(
    tmp_path: Path, content: bytes, code: str
) -> None:
    src = tmp_path / "f.csv"
    src.write_bytes(content)
    out = invoke(
        ["validate", str(src), "--layout", "juki", "--file", "jumin", "--format", "json"], 1
    )
    (f,) = json.loads(out.output)["files"]
    assert [x["code"] for x in f["findings"] if x["code"] != "RD02"] == [code]


def test_wrong_encoding_gives_located_decode_errors() -> None:
    src = SAMPLES / "valid_cp932_jumin.csv"
    out = invoke(
        ["validate", str(src), "--layout", "juki", "--encoding", "utf-8", "--format", "json"], 1
    )
    (f,) = json.loads(out.output)["files"]
    errors = [x for x in f["findings"] if x["code"] == "RD01"]
    assert errors and errors[0]["line"] == 1 and "byte_offset" in errors[0]


def test_ragged_rows_are_structure_findings() -> None:
    out = invoke(
        [
            "validate",
            str(SAMPLES / "defective" / "structure.csv"),
            "--layout",
            "juki",
            "--format",
            "json",
        ],
        1,
    )
    codes = {x["code"] for x in json.loads(out.output)["files"][0]["findings"]}
    assert {"ST04", "ST05", "ST06"} <= codes


def test_directory_validates_the_package_and_references() -> None:
    out = invoke(
        ["validate", str(SAMPLES / "package_references"), "--layout", "juki", "--format", "json"], 1
    )
    doc = json.loads(out.output)
    refs = [
        (Path(x["file"]).name, x["line"])
        for f in doc["files"]
        for x in f["findings"]
        if x["code"] == "RL03"
    ]
    assert sorted(refs) == [("ido_rireki.csv", 11), ("jumin.csv", 10)]


def test_tsv_is_read_with_tabs(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(VALID.read_text(encoding="utf-8"))))
    src = tmp_path / "jumin.tsv"
    src.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    out = invoke(["validate", str(src), "--layout", "juki", "--format", "json"], 0).output
    assert json.loads(out)["files"][0]["records"] == 9
    invoke(["validate", str(src), "--layout", "juki", "--delimiter", "tab"], 0)
    invoke(["validate", str(src), "--layout", "juki", "--delimiter", ";;"], 2)
