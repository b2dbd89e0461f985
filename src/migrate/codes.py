"""The one table of finding codes.

Codes are a public contract: vendors' CI parses them. Never reuse or renumber a
code; add new ones at the end of their family and record them in CHANGELOG.md.

Families, in pipeline order: RD reading and decoding, ST structure, TY type and
format, VA values, RL relations between records and files; CV conversion (``migrate
convert`` only: why a legacy record could not be converted).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Kind(StrEnum):
    ENCODING = "encoding"
    STRUCTURE = "structure"
    REQUIRED = "required"
    TYPE = "type"
    LENGTH = "length"
    DATE = "date"
    CODE = "code"
    CHECK_DIGIT = "check_digit"
    CHARSET = "charset"
    UNIQUE = "unique"
    RELATION = "relation"
    REFERENCE = "reference"
    CONVERSION = "conversion"


@dataclass(frozen=True)
class Code:
    """One finding code: what it means, how bad it is, and how it reads."""

    code: str
    slug: str
    kind: Kind
    severity: Severity
    ja: str
    en: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: tuple[Code, ...] = (
    # RD: reading and decoding
    Code(
        "RD01",
        "encoding-error",
        Kind.ENCODING,
        _E,
        "復号できないバイト列があります（{detail}）",
        "bytes that cannot be decoded ({detail})",
    ),
    Code(
        "RD02",
        "encoding-guessed",
        Kind.ENCODING,
        _I,
        "文字コードが指定されていないため{encoding}と推定しました（推定であり確認が必要です）",
        "no encoding was declared; {encoding} is a guess, confirm it with --encoding",
    ),
    Code(
        "RD03",
        "binary-content",
        Kind.ENCODING,
        _E,
        "テキストではないデータ（NULバイト）が含まれています",
        "the file holds binary data (NUL bytes), not text",
    ),
    Code("RD04", "empty-file", Kind.STRUCTURE, _E, "ファイルが空です", "the file is empty"),
    Code(
        "RD05",
        "unparseable",
        Kind.STRUCTURE,
        _E,
        "区切り文字形式として読み取れません（{detail}）",
        "the file cannot be read as delimited text ({detail})",
    ),
    # ST: structure
    Code(
        "ST01",
        "missing-column",
        Kind.STRUCTURE,
        _E,
        "見出し行に項目「{field}」がありません",
        "the header lacks the item {field}",
    ),
    Code(
        "ST02",
        "extra-column",
        Kind.STRUCTURE,
        _E,
        "見出し行にレイアウトにない列「{detail}」があります",
        "the header has a column not in the layout: {detail}",
    ),
    Code(
        "ST03",
        "column-order",
        Kind.STRUCTURE,
        _E,
        "見出し行の項目の並びがレイアウトと異なります（{detail}）",
        "the header names the layout's items in another order ({detail})",
    ),
    Code(
        "ST04",
        "missing-cells",
        Kind.STRUCTURE,
        _E,
        "項目数が不足しています",
        "the record has too few fields",
    ),
    Code(
        "ST05",
        "extra-cells",
        Kind.STRUCTURE,
        _E,
        "項目数が超過しています",
        "the record has too many fields",
    ),
    Code("ST06", "blank-record", Kind.STRUCTURE, _W, "空行があります", "blank line"),
    Code(
        "ST07",
        "missing-file",
        Kind.STRUCTURE,
        _E,
        "移行ファイル「{detail}」が見つかりません",
        "the export package lacks the 移行ファイル {detail}",
    ),
    Code(
        "ST08",
        "unrecognised-file",
        Kind.STRUCTURE,
        _W,
        "どの移行ファイルにも該当しないため検証していません",
        "matches no 移行ファイル of the layout, so it was not validated",
    ),
    Code(
        "ST09",
        "malformed-quoting",
        Kind.STRUCTURE,
        _E,
        "引用符の使い方が誤っているため、レコードを項目に分けられません",
        "the record's quoting is malformed (a quote inside an unquoted field, or text after "
        "a closing quote), so its fields cannot be told apart",
    ),
    # TY: type, format and length
    Code(
        "TY01",
        "not-digits",
        Kind.TYPE,
        _E,
        "「{field}」は半角数字のみで記録してください",
        "{field} must hold ASCII digits only",
    ),
    Code(
        "TY02",
        "not-number",
        Kind.TYPE,
        _E,
        "「{field}」は数値ではありません",
        "{field} is not a number",
    ),
    Code(
        "TY03",
        "too-long",
        Kind.LENGTH,
        _E,
        "「{field}」の桁数が{detail}を超えています",
        "{field} is longer than {detail}",
    ),
    Code(
        "TY04",
        "wrong-length",
        Kind.LENGTH,
        _E,
        "「{field}」の桁数は{detail}でなければなりません",
        "{field} must be exactly {detail}",
    ),
    Code(
        "TY05",
        "invalid-date",
        Kind.DATE,
        _E,
        "「{field}」は{detail}の暦上の日付ではありません",
        "{field} is not a calendar date in the form {detail}",
    ),
    Code(
        "TY06",
        "invalid-wareki",
        Kind.DATE,
        _E,
        "「{field}」は和暦として成立しません（{detail}）",
        "{field} is not a valid 和暦 date ({detail})",
    ),
    Code(
        "TY07",
        "non-calendar-date",
        Kind.DATE,
        _I,
        "「{field}」は暦上にない日付ですが、この項目では許容されます",
        "{field} is not a calendar date; the standard accepts that for this item",
    ),
    Code(
        "TY08",
        "uncertain-date",
        Kind.DATE,
        _I,
        "「{field}」は不詳日（年月日の一部が00）として許容されます",
        "{field} is a 不詳 date (part of it is 00); the standard accepts that for this item",
    ),
    # VA: values
    Code(
        "VA01",
        "required-missing",
        Kind.REQUIRED,
        _E,
        "必須項目「{field}」が未設定です",
        "the required item {field} is empty",
    ),
    Code(
        "VA02",
        "unknown-code",
        Kind.CODE,
        _E,
        "「{field}」のコードがコード表「{detail}」にありません",
        "{field} holds a code that is not in the code table {detail}",
    ),
    Code(
        "VA03",
        "wrong-charset",
        Kind.CHARSET,
        _E,
        "「{field}」に{detail}以外の文字があります",
        "{field} holds characters other than {detail}",
    ),
    Code(
        "VA04",
        "gaiji-not-allowed",
        Kind.CHARSET,
        _E,
        "外字を使用できない項目「{field}」に外字（私用領域の文字）があります",
        "{field} does not allow 外字 but holds a Private Use Area character",
    ),
    Code(
        "VA05",
        "outside-jisx0213",
        Kind.CHARSET,
        _E,
        "「{field}」にJIS X 0213の範囲外の文字があります",
        "{field} holds a character outside JIS X 0213",
    ),
    Code(
        "VA06",
        "gaiji-present",
        Kind.CHARSET,
        _I,
        "「{field}」に外字（私用領域の文字）があります。文字同定が必要です",
        "{field} holds a Private Use Area character (外字) that needs 文字同定",
    ),
    Code(
        "VA07",
        "lg-code-check-digit",
        Kind.CHECK_DIGIT,
        _E,
        "「{field}」の全国地方公共団体コードの検査数字が誤っています",
        "{field}: the check digit of the 全国地方公共団体コード is wrong",
    ),
    Code(
        "VA08",
        "mynumber-check-digit",
        Kind.CHECK_DIGIT,
        _E,
        "「{field}」の個人番号の検査用数字が誤っています",
        "{field}: the check digit of the 個人番号 is wrong",
    ),
    Code(
        "VA09",
        "juminhyo-code-check-digit",
        Kind.CHECK_DIGIT,
        _W,
        "「{field}」の住民票コードの検査数字が一致しません（算式は推定）",
        "{field}: the check digit of the 住民票コード does not match (formula inferred)",
    ),
    Code(
        "VA10",
        "atena-check-digit",
        Kind.CHECK_DIGIT,
        _W,
        "「{field}」がモジュラス11（M11W2～7）の検査数字と一致しません（既存番号は不要）",
        "{field} fails the modulus 11 (weights 2-7) check digit; legacy numbers need not carry one",
    ),
    Code(
        "VA11",
        "hojin-bango-check-digit",
        Kind.CHECK_DIGIT,
        _E,
        "「{field}」の法人番号の検査用数字が誤っています",
        "{field}: the check digit of the 法人番号 is wrong",
    ),
    Code(
        "VA12",
        "control-character",
        Kind.CHARSET,
        _E,
        "「{field}」に制御文字（C0・C1制御文字、双方向制御文字、文字列途中のBOM）があります",
        "{field} holds a control character (C0 or C1, a bidi control, or a BOM mid-text)",
    ),
    # RL: relations
    Code(
        "RL01",
        "duplicate-key",
        Kind.UNIQUE,
        _E,
        "キー（{detail}）が重複しています",
        "the key ({detail}) is duplicated",
    ),
    Code(
        "RL02",
        "date-order",
        Kind.RELATION,
        _E,
        "「{field}」が{detail}より前の日付です",
        "{field} is earlier than {detail}",
    ),
    Code(
        "RL03",
        "reference-missing",
        Kind.REFERENCE,
        _E,
        "「{field}」の値が移行ファイル「{detail}」にありません",
        "the value of {field} does not exist in the 移行ファイル {detail}",
    ),
    # CV: conversion (migrate convert)
    Code(
        "CV01",
        "transform-failed",
        Kind.CONVERSION,
        _E,
        "「{field}」の値を変換できません（{detail}）",
        "the value of {field} could not be converted ({detail})",
    ),
    Code(
        "CV02",
        "unmapped-code",
        Kind.CONVERSION,
        _E,
        "「{field}」のコードがコード変換表にありません（{detail}）",
        "the code in {field} is not in the code map ({detail})",
    ),
    Code(
        "CV03",
        "unassigned-record",
        Kind.CONVERSION,
        _E,
        "どの移行ファイルにも割り当てられないレコードです（{detail}）",
        "no mapping takes this record ({detail})",
    ),
    Code(
        "CV04",
        "record-framing",
        Kind.CONVERSION,
        _E,
        "レコード長がレコード定義と合いません（{detail}）",
        "the record does not fit the record framing ({detail})",
    ),
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}
BY_SLUG: dict[str, Code] = {c.slug: c for c in CODES}


def get(code_or_slug: str) -> Code:
    """Look a code up by its code (``VA01``) or its slug (``required-missing``)."""
    found = BY_CODE.get(code_or_slug) or BY_SLUG.get(code_or_slug)
    if found is None:
        raise KeyError(code_or_slug)
    return found
