"""The words of a 中間標準 workbook: header names, yes/no marks, データ型 and 桁数, and cell text.

Matching is on normalised text (NFKC, no whitespace, case-folded); values are read as written.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

HEADER_ROWS = 20  # the header row is searched for in this many rows at the top of a sheet

# Normalised header text → column key (item sheets, then code sheets).
MAX_LENGTH = 100_000  # 桁数 beyond this is not a declaration but a mistake
ITEM_COLUMNS = {
    **dict.fromkeys(["項番", "no", "no."], "no"),
    **dict.fromkeys(["id", "項目id"], "id"),
    **dict.fromkeys(["データ項目名称", "項目名称", "項目名"], "name"),
    "データ型": "type",
    "桁数": "length",
    **dict.fromkeys(["外字使用", "外字使用の有無", "外字"], "gaiji"),
    **dict.fromkeys(["コード", "コード名称", "コードid"], "code"),
    **dict.fromkeys(["必須", "必須区分"], "required"),
    **dict.fromkeys(["備考", "説明", "備考/説明"], "note"),
}
CODE_COLUMNS = {
    **dict.fromkeys(["コード名称", "コード表名称", "コード表名"], "table"),
    "コードid": "table_id",
    **dict.fromkeys(["コード", "コード値"], "code"),
    **dict.fromkeys(["名称", "内容", "コード内容"], "label"),
    **dict.fromkeys(["備考", "説明"], "note"),
    **dict.fromkeys(["項番", "no", "no."], "no"),
}
GAIJI = {
    True: {"○", "〇", "◯", "有", "あり", "可", "1"},
    False: {"×", "無", "なし", "不可", "0", ""},
}
REQUIRED = {True: {"○", "〇", "◯", "必須", "1", "y"}, False: {"", "×", "任意", "0", "n", "-"}}
DATES = {
    **dict.fromkeys(["日付", "年月日", "西暦日付", "日付(西暦)"], "yyyymmdd"),
    **dict.fromkeys(["和暦日付", "和暦年月日", "日付(和暦)"], "wareki_eeyymmdd"),
}


def norm(text: str) -> str:
    """Text for matching: NFKC (full-width → ascii), no whitespace at all, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def cell_text(cell: Any) -> str:
    """A cell as written: numbers without '.0', zero-padded by a "00" number format."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        fmt = str(cell.number_format)
        return str(v).zfill(len(fmt)) if re.fullmatch("0+", fmt) else str(v)
    return str(v).strip()


def find_header(ws: Any, columns: dict[str, str], needed: set[str]) -> tuple[int, dict[str, Any]]:
    """The header row (1-based, 0 if none) and column key → header cell."""
    for row in ws.iter_rows(min_row=1, max_row=HEADER_ROWS):
        found = {columns[norm(cell_text(c))]: c for c in row if norm(cell_text(c)) in columns}
        if needed <= found.keys():
            return row[0].row, found
    return 0, {}


def parse_length(cell: Any) -> tuple[int, int | None] | str | None:
    """桁数: (n, None), (n, m) for "n,m" / "n.m", None when blank, or an error message."""
    raw = cell_text(cell)
    if not raw:
        return None
    m = re.fullmatch(r"(\d+)(?:[,.](\d+))?", norm(raw))
    if not m:
        return f"桁数 {raw!r} is not a number"
    if int(m[1]) < 1:
        return f"桁数 {raw!r} is not a positive number"
    if int(m[1]) > MAX_LENGTH:
        return f"桁数 {raw!r} is larger than {MAX_LENGTH}"
    return int(m[1]), int(m[2]) if m[2] is not None else None


def parse_type(word: str, decimals: bool) -> dict[str, Any] | None:
    """データ型 (normalised) → type, charset and format; None when not recognised."""
    if m := re.fullmatch(r"(全角|半角|混在)(文字列?)?|文字列?", word):
        charset = {"全角": "zenkaku", "半角": "hankaku"}.get(m[1] or "")
        return {"type": "text", **({"charset": charset} if charset else {})}
    if word in {"数字", "数値(整数)", "整数"}:
        return {"type": "digits"}
    if word == "数値":
        return {"type": "number" if decimals else "digits"}
    if word in DATES:
        return {"type": "date", "format": DATES[word]}
    if word == "コード":
        return {"type": "code"}
    return None
