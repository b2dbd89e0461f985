"""One case per finding code: a minimal layout, an input, and the findings it must produce.

The meta-test at the bottom fails when a code in codes.py has no case here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate import codes
from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import mini_layout

T = {"id": "t", "name": "文字", "type": "text"}
D = {"id": "d", "name": "番号", "type": "digits", "length": 6, "length_exact": True}
STD = {"data_item_id": "03100029", "romaji": "t", "data_type": "X", "output": "任意"}

# code → (items, file extras, file bytes, expected (line, field) of that code, options)
CASES: dict[
    str,
    tuple[
        list[dict[str, Any]],
        dict[str, Any],
        bytes,
        list[tuple[int | None, str | None]],
        dict[str, Any],
    ],
] = {
    "RD01": (
        [T],
        {},
        "文字\n山\n".encode("cp932") + b"\x85\x40\n",
        [(3, None)],
        {"encoding": "cp932"},
    ),
    "RD02": ([T], {}, "文字\n山\n".encode(), [(None, None)], {"encoding": None}),
    "RD03": ([T], {}, b"\x00\x01binary", [(None, None)], {}),
    "RD04": ([T], {}, b"", [(None, None)], {}),
    # A lone CR after a closing quote: the CSV reader gives up (an unclosed quote, the
    # example before, is now ST09: test_engine.py).
    "RD05": ([T], {}, b'\xe6\x96\x87\xe5\xad\x97\n""\r\r\n', [(None, None)], {}),
    "ST01": (
        [T, {"id": "u", "name": "他", "type": "text"}],
        {},
        "文字\nあ\n".encode(),
        [(1, "他")],
        {},
    ),
    "ST02": ([T], {}, "文字,余分\nあ,い\n".encode(), [(1, None)], {}),
    "ST03": (
        [T, {"id": "u", "name": "他", "type": "text"}],
        {},
        "他,文字\nい,あ\n".encode(),
        [(1, None)],
        {},
    ),
    "ST04": (
        [T, {"id": "u", "name": "他", "type": "text"}],
        {},
        "文字,他\nあ\n".encode(),
        [(2, None)],
        {},
    ),
    "ST05": ([T], {}, "文字\nあ,い\n".encode(), [(2, None)], {}),
    "ST06": ([T], {}, "文字\nあ\n\nい\n".encode(), [(3, None)], {}),
    "ST08": ([T], {}, "なにか\nあ\n".encode(), [], {}),  # directory case: see test_package_*
    "ST09": ([T], {}, '文字\nあ\n"い" う\nえ\n'.encode(), [(3, None)], {}),
    "TY01": ([D], {}, "番号\n12345A\n".encode(), [(2, "番号")], {}),
    "TY02": (
        [{"id": "n", "name": "数", "type": "number"}],
        {},
        "数\n1.2.3\n".encode(),
        [(2, "数")],
        {},
    ),
    "TY03": (
        [{**T, "length": 4, "length_unit": "bytes:cp932"}],
        {},
        "文字\nあいう\n".encode(),
        [(2, "文字")],
        {},
    ),
    "TY04": ([D], {}, "番号\n12345\n".encode(), [(2, "番号")], {}),
    "TY05": (
        [{"id": "d", "name": "日", "type": "date", "format": "yyyymmdd"}],
        {},
        "日\n20230229\n".encode(),
        [(2, "日")],
        {},
    ),
    "TY06": (
        [{"id": "d", "name": "日", "type": "date", "format": "wareki_eeyymmdd"}],
        {},
        "日\n04310501\n".encode(),
        [(2, "日")],
        {},
    ),
    "TY07": (
        [{"id": "d", "name": "日", "type": "date", "format": "yyyymmdd", "uncertain_dates": True}],
        {},
        "日\n20230229\n".encode(),
        [(2, "日")],
        {},
    ),
    "TY08": (
        [{"id": "d", "name": "日", "type": "date", "format": "yyyymmdd", "uncertain_dates": True}],
        {},
        "日\n19800000\n".encode(),
        [(2, "日")],
        {},
    ),
    "TY09": (
        [{**T, "name": "時刻", "standard": {**STD, "data_type": "TIME"}}],
        {},
        "時刻\n24:00\n".encode(),
        [(2, "時刻")],
        {},
    ),
    "VA01": ([{**T, "required": True}], {}, "文字\n\u3000\n".encode(), [(2, "文字")], {}),
    "VA02": (
        [{"id": "s", "name": "性別", "type": "code", "code": "sex"}],
        {},
        "性別\n3\n".encode(),
        [(2, "性別")],
        {},
    ),
    "VA03": ([{**T, "charset": "katakana"}], {}, "文字\nﾔﾏﾀﾞ\n".encode(), [(2, "文字")], {}),
    "VA04": ([T], {}, "文字\n山\ue000\n".encode(), [(2, "文字")], {}),
    "VA05": ([T], {}, "文字\n𠮷\n".encode(), [(2, "文字")], {}),
    "VA06": ([{**T, "gaiji": True}], {}, "文字\n山\ue000\n".encode(), [(2, "文字")], {}),
    "VA07": ([{**D, "check": "lg_code"}], {}, "番号\n011000\n".encode(), [(2, "番号")], {}),
    "VA08": (
        [{"id": "m", "name": "個人番号", "type": "digits", "check": "mynumber"}],
        {},
        "個人番号\n621498320258\n".encode(),
        [(2, "個人番号")],
        {},
    ),
    "VA09": (
        [{"id": "j", "name": "住民票コード", "type": "digits", "check": "juminhyo_code"}],
        {},
        "住民票コード\n12345678904\n".encode(),
        [(2, "住民票コード")],
        {},
    ),
    "VA10": (
        [{"id": "a", "name": "宛名番号", "type": "digits", "length": 8, "check": "atena_m11"}],
        {},
        "宛名番号\n12345675\n".encode(),
        [(2, "宛名番号")],
        {},
    ),
    "VA12": ([T], {}, "文字\nあ\u202eい\n".encode(), [(2, "文字")], {}),
    "VA11": (
        [{"id": "h", "name": "法人番号", "type": "digits", "length": 13, "check": "hojin_bango"}],
        {},
        "法人番号\n7123456789012\n2835678256246\n0123456789012\n".encode(),
        [(3, "法人番号"), (4, "法人番号")],  # 9 - (S mod 9) is never 0 (issue 15, defect 5)
        {},
    ),
    "RL01": ([D], {"keys": ["d"]}, "番号\n011002\n011011\n011002\n".encode(), [(4, "番号")], {}),
    "RL02": (
        [
            {"id": "a", "name": "生", "type": "date", "format": "yyyymmdd"},
            {"id": "b", "name": "異動", "type": "date", "format": "yyyymmdd"},
        ],
        {"date_order": [{"earlier": "a", "later": "b"}]},
        "生,異動\n20000101,19991231\n".encode(),
        [(2, "異動")],
        {},
    ),
}
PACKAGE_CODES = {"ST07", "ST08", "RL03"}  # need several files: tested below


def _run(tmp_path: Path, write_layout: Any, code: str) -> list[tuple[int | None, str | None]]:
    items, extra, data, _, opts = CASES[code]
    layout = load_layout(write_layout(mini_layout(items, **extra)))
    if "encoding" in opts:
        layout = layout.__class__(
            **{**layout.__dict__, "physical": layout.physical.__class__(encoding=opts["encoding"])}
        )
    src = tmp_path / "data.csv"
    src.write_bytes(data)
    report = run(src, layout, Options(file_id="main"))
    (result,) = report.files
    return [(f.line, f.field) for f in result.findings if f.code == code]


@pytest.mark.parametrize("code", sorted(set(CASES) - {"ST08"}))
def test_case_produces_its_code(tmp_path: Path, write_layout: Any, code: str) -> None:
    assert _run(tmp_path, write_layout, code) == CASES[code][3]


def test_package_missing_file_unrecognised_file_and_reference(
    tmp_path: Path, write_layout: Any
) -> None:
    items = [
        {"id": "k", "name": "鍵", "type": "digits"},
        {"id": "p", "name": "親", "type": "digits"},
    ]
    doc = mini_layout(items, references=[{"fields": ["p"], "file": "parent", "to": ["k"]}])
    doc["files"].append(
        {
            "id": "parent",
            "name": "親ファイル",
            "items": [{"id": "k", "name": "親鍵", "type": "digits"}],
        }
    )
    doc["files"].append(
        {"id": "other", "name": "他ファイル", "items": [{"id": "z", "name": "別", "type": "text"}]}
    )
    layout = load_layout(write_layout(doc))
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "child.csv").write_text("鍵,親\n1,10\n2,99\n", encoding="utf-8")
    (pkg / "parent.csv").write_text("親鍵\n10\n", encoding="utf-8")
    (pkg / "notes.csv").write_text("メモ\nこんにちは\n", encoding="utf-8")
    report = run(pkg, layout, Options())
    found = {(f.code, Path(f.file).name, f.line) for r in report.files for f in r.findings}
    assert ("RL03", "child.csv", 3) in found
    assert ("ST08", "notes.csv", None) in found
    assert ("ST07", "pkg", None) in found
    assert not any(c == "RL03" and n != "child.csv" for c, n, _ in found)


def test_every_code_has_a_case() -> None:
    # The CV family belongs to migrate convert: tests/convert/test_pipeline.py has its cases;
    # the XM family to XML files: tests/validate/test_xml.py has its cases.
    validation = {c.code for c in codes.CODES if not c.code.startswith(("CV", "XM"))}
    assert validation <= set(CASES) | PACKAGE_CODES
