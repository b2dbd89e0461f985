"""``migrate mapping draft`` on the command line: stdout or ``-o``, exit 2 on bad input."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from migrate.errors import MigrateError
from tests.conftest import SAMPLES, invoke

JUMIN = SAMPLES / "valid" / "jumin.csv"


def test_draft_goes_to_stdout_and_passes_check(tmp_path: Path) -> None:
    result = invoke(["mapping", "draft", str(JUMIN), "--layout", "juki"], 0)
    doc = yaml.safe_load(result.stdout)
    assert doc["target"] == {"layout": "juki", "file": "jumin"}
    assert doc["source"] == {
        "path": str(JUMIN.resolve()),  # absolute on stdout: the draft may be saved anywhere
        "form": "delimited",
        "encoding": "utf-8",
        "delimiter": ",",
        "header": True,
    }
    out = tmp_path / "m.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    checked = invoke(["mapping", "check", str(out)], 0)
    assert checked.stdout == "ok: 40 items mapped to juki/jumin\n"


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "drafts" / "jumin.yaml"
    result = invoke(["mapping", "draft", str(JUMIN), "--layout", "juki", "-o", str(out)], 0)
    assert result.stdout == ""
    assert f"draft written to {out}" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# DRAFT mapping")
    # relative to the mapping file, so the pair can move together
    path = yaml.safe_load(out.read_text(encoding="utf-8"))["source"]["path"]
    assert (out.parent / path).resolve() == JUMIN.resolve()
    converted = invoke(["convert", "-m", str(out), "--dry-run"], 0)  # no SOURCE needed
    assert "in 9 = out 9 + rejected 0" in converted.stdout


def test_tsv_without_header_with_rows_and_file(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.tsv"
    legacy.write_text("131016\t1\n" * 4, encoding="utf-8")
    args = ["mapping", "draft", str(legacy), "--layout", "juki", "--file", "setai"]
    result = invoke([*args, "--no-header", "--rows", "3", "--delimiter", "tab"], 0)
    doc = yaml.safe_load(result.stdout)
    assert doc["source"]["delimiter"] == "\t" and doc["source"]["header"] is False
    assert doc["items"]["lg_code"] == {"from": "1"}
    assert "profiled the first 3 records" in result.stdout


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--layout", "nosuch"], "unknown layout 'nosuch'"),
        (["--layout", "juki", "--file", "nosuch"], "no 移行ファイル 'nosuch'"),
        (["--layout", "juki", "--encoding", "latin9"], "unsupported encoding"),
        (["--layout", "juki", "--delimiter", ";;"], "--delimiter must be one character"),
    ],
)
def test_bad_input_exits_2_with_one_line(extra: list[str], needle: str) -> None:
    result = invoke(["mapping", "draft", str(JUMIN), *extra], 2)
    assert isinstance(result.exception, MigrateError)
    assert needle in str(result.exception) and "\n" not in str(result.exception)


def test_unknown_file_kind_names_the_choices(tmp_path: Path) -> None:
    legacy = tmp_path / "export.csv"
    legacy.write_text("A,B\n1,2\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "migrate", "mapping", "draft", str(legacy), "--layout", "juki"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.count("\n") == 1
    assert (
        "pass --file with one of: jumin (住民), setai (世帯), ido_rireki (異動履歴)" in res.stderr
    )


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = invoke(["mapping", "draft", str(tmp_path / "none.csv"), "--layout", "juki"], 2)
    assert "no such file" in str(result.exception)


# A 国保 被保険者資格 export as a vendor system might write it: romanised and short column
# names, 和暦 birth dates, half-width kana. Synthetic values.
KOKUHO_LEGACY = [
    line.split(",")
    for line in """\
DANTAI_CD,ATENA_CD,RIREKI_RENBAN,SETAI_CD,HIHOKEN_NO,EDA_NO,SHIMEI_KANJI,ｼﾒｲ,SEINENGAPPI,\
SEIBETSU_CD,ZOKUGARA,SHUTOKU_YMD,取得事由,SOSHITSU_YMD,喪失事由,負担割合
131016,19,1,27,A-0001,01,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ,S40.04.12,1,世帯主,20200401,01,,,3
131016,35,1,27,A-0001,02,山田　花子,ﾔﾏﾀﾞ ﾊﾅｺ,S42.08.30,2,妻,20200401,01,20230331,53,3
131016,43,1,51,A-0002,01,佐藤　一郎,ｻﾄｳ ｲﾁﾛｳ,H05.01.08,1,世帯主,20210115,02,,,3
""".splitlines()
]


def test_a_kokuho_export_with_vendor_names_is_drafted_from_layout_aliases(
    tmp_path: Path,
) -> None:
    legacy = tmp_path / "hiho_master.csv"
    with legacy.open("w", encoding="cp932", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(KOKUHO_LEGACY)
    out = tmp_path / "kokuho.yaml"
    invoke(["mapping", "draft", str(legacy), "--layout", "kokuho", "-o", str(out)], 0)
    text = out.read_text(encoding="utf-8")
    assert "# Target kokuho/hihokensha (被保険者資格), told from the header" in text
    said = dict(re.findall(r'^  # \S+ ← "(.+)" \[([a-z-]+)\]', text, re.M))
    alias = "header-synonym"
    assert said == {
        "DANTAI_CD": alias,
        "ATENA_CD": alias,
        "RIREKI_RENBAN": alias,
        "SETAI_CD": alias,
        "HIHOKEN_NO": alias,
        "EDA_NO": alias,
        "SHIMEI_KANJI": alias,
        "ｼﾒｲ": alias,
        "SEINENGAPPI": alias,
        "SEIBETSU_CD": alias,
        "ZOKUGARA": "header",  # the item's id, once normalised
        "SHUTOKU_YMD": alias,
        "取得事由": alias,
        "SOSHITSU_YMD": alias,
        "喪失事由": alias,
        "負担割合": alias,
    }
    items = yaml.safe_load(text)["items"]
    assert {k: v["from"] for k, v in items.items()} == {
        "lg_code": "DANTAI_CD",
        "atena_no": "ATENA_CD",
        "rireki_no": "RIREKI_RENBAN",
        "setai_no": "SETAI_CD",
        "hihokensha_bango": "HIHOKEN_NO",
        "edaban": "EDA_NO",
        "shimei": "SHIMEI_KANJI",
        "shimei_kana": "ｼﾒｲ",
        "birth_date": "SEINENGAPPI",
        "seibetsu": "SEIBETSU_CD",
        "zokugara": "ZOKUGARA",
        "shikaku_shutoku_date": "SHUTOKU_YMD",
        "shutoku_jiyu": "取得事由",
        "shikaku_soshitsu_date": "SOSHITSU_YMD",
        "soshitsu_jiyu": "喪失事由",
        "futan_wariai": "負担割合",
    }
    assert items["birth_date"]["transforms"] == [{"name": "wareki_to_iso"}]
    assert items["shimei_kana"]["transforms"] == [{"name": "kana_h2z"}]
    assert "# TODO 個人番号 (kojin_bango): optional, no source column found" in text
    checked = invoke(["mapping", "check", str(out)], 0)
    assert checked.stdout == "ok: 16 items mapped to kokuho/hihokensha\n"
