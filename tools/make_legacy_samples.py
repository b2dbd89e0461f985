"""Regenerate samples/juki-legacy/: legacy exports for ``migrate convert``, all synthetic.

Three legacy sources of the same invented town (団体コード 131016) with their mapping files:

- ``juki_legacy.dat``: fixed-width CP932, CRLF, 400-byte records typed by byte 1
  (1 住民, 2 世帯, 3 異動履歴), 和暦 GYYMMDD dates, 全角 padding, half-width kana;
- ``jumin_wareki_kana.csv``: a CP932 CSV with the vendor's own headers and mixed 和暦 text;
- ``jumin_ebcdic.dat``: IBM930 EBCDIC, back-to-back 300-byte records, SO/SI in DBCS fields
  (encoded with glibc iconv through ctypes), 履歴番号 as COMP-3 packed decimal.

Every name, number and address is invented; check digits come from tools/make_samples.py.
Byte positions live in one place (the ``*_FIELDS`` tables below): the mapping files and the
layout tables of the README are written from them. A rerun writes byte-identical files.
Run: .venv/bin/python tools/make_legacy_samples.py [OUTDIR]
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_legacy_layout import legacy_layout
from make_samples import juminhyo, m11, mynumber

from migrate.japan.kana import kana_table

ROOT = Path(__file__).resolve().parent.parent / "samples" / "juki-legacy"
LG = "131016"
RECORD_LENGTH = 400
EBCDIC_RECORD_LENGTH = 300
EBCDIC_CCSID = "IBM930"
ERAS = [  # (1-digit legacy code, name, letter, first day)
    ("1", "明治", "M", date(1868, 1, 25)),
    ("2", "大正", "T", date(1912, 7, 30)),
    ("3", "昭和", "S", date(1926, 12, 25)),
    ("4", "平成", "H", date(1989, 1, 8)),
    ("5", "令和", "R", date(2019, 5, 1)),
]
TWO_DIGIT_CODES = {"01": "明治", "02": "大正", "03": "昭和", "04": "平成", "05": "令和"}
SEX = {"1": "M", "2": "F"}  # standard → vendor
IDO_CODES = [  # vendor code, standard 異動事由, meaning
    ("01", "101", "転入"),
    ("02", "103", "出生"),
    ("03", "102", "国外転入"),
    ("11", "301", "転居"),
    ("12", "302", "軽微な修正"),
    ("21", "201", "転出"),
    ("22", "202", "国外転出"),
    ("23", "203", "死亡"),
]
IDO_VENDOR = {std: vendor for vendor, std, _ in IDO_CODES}

# ---------------------------------------------------------------- the town


ADDRESSES = [  # 12 世帯: (address, 郵便番号, 住所コード)
    ("東京都千代田区霞が関一丁目１番１号", "1000013", "13101001001"),
    ("東京都千代田区丸の内二丁目３番４号", "1000005", "13101002002"),
    ("東京都千代田区永田町三丁目５番", "1000014", "13101003003"),
    ("東京都千代田区神田一丁目２番３号", "1010044", "13101004001"),
    ("東京都千代田区九段南一丁目６番５号", "1020074", "13101005001"),
    ("東京都千代田区麹町四丁目２番", "1020083", "13101006004"),
    ("東京都千代田区神田神保町二丁目１番", "1010051", "13101007002"),
    ("東京都千代田区有楽町一丁目７番１号", "1000006", "13101008001"),
    ("東京都千代田区富士見二丁目１０番２号", "1020071", "13101009002"),
    ("東京都千代田区一番町１３番地", "1020082", "13101010001"),
    ("東京都千代田区神田駿河台三丁目４番", "1010062", "13101011003"),
    ("東京都千代田区飯田橋一丁目５番", "1020072", "13101012001"),
]
OLD_ADDRESS = "東京都千代田区神田錦町一丁目１番"
MOVED_IN = [date(2010, 4, 1) + timedelta(days=37 * i) for i in range(len(ADDRESSES))]


@dataclass
class Person:
    """One resident; ``bad`` names the deliberate defect of a rejected record."""

    n: int
    setai: int  # index into ADDRESSES
    sei: str
    mei: str
    sei_kana: str
    mei_kana: str
    birth: date
    sex: str  # standard code
    zokugara: str
    shubetsu: str = "1"
    alpha: str = ""
    kokuseki: str = ""
    bad: str = ""
    moves: bool = False  # a second 履歴 (転居 from OLD_ADDRESS)

    @property
    def atena(self) -> str:
        return m11(f"{10000 + self.n:06d}").zfill(15)

    @property
    def setai_no(self) -> str:
        return m11(f"{100 + self.setai:06d}").zfill(15)

    @property
    def shimei(self) -> str:
        return f"{self.sei}\u3000{self.mei}" if self.mei else self.sei

    @property
    def kana(self) -> str:
        return f"{self.sei_kana}\u3000{self.mei_kana}"

    @property
    def kojin_bango(self) -> str:
        return mynumber(f"{(self.n * 7919 + 31337) % 10**11:011d}")

    @property
    def juminhyo_code(self) -> str:
        code = juminhyo(f"{(self.n * 1234567 + 89) % 10**10:010d}")
        if self.bad == "juminhyo":
            code = code[:-1] + str((int(code[-1]) + 1) % 10)
        return code

    @property
    def born_here(self) -> bool:
        return self.birth > MOVED_IN[self.setai]


P = Person
PEOPLE: list[Person] = [
    P(1, 0, "山田", "太郎", "ヤマダ", "タロウ", date(1965, 4, 12), "1", "世帯主"),
    P(2, 0, "山田", "花子", "ヤマダ", "ハナコ", date(1968, 8, 30), "2", "妻"),
    P(3, 0, "山田", "一郎", "ヤマダ", "イチロウ", date(1995, 1, 5), "1", "子", moves=True),
    P(4, 1, "佐藤", "次郎", "サトウ", "ジロウ", date(1989, 1, 7), "1", "世帯主"),  # 昭和64年1月7日
    P(5, 1, "佐藤", "美咲", "サトウ", "ミサキ", date(1989, 1, 8), "2", "妻"),  # 平成元年1月8日
    P(6, 1, "佐藤", "葵", "サトウ", "アオイ", date(2019, 5, 1), "2", "子"),  # 令和元年5月1日
    P(7, 2, "鈴木", "健", "スズキ", "ケン", date(1926, 12, 25), "1", "世帯主"),  # 昭和元年
    P(8, 2, "鈴木", "ハル", "スズキ", "ハル", date(1926, 12, 24), "2", "妻"),  # 大正15年末日
    P(9, 3, "高橋", "清", "タカハシ", "キヨシ", date(1912, 7, 30), "1", "世帯主"),  # 大正元年
    P(10, 3, "高橋", "誠", "タカハシ", "マコト", date(1948, 3, 15), "1", "子"),
    P(11, 4, "田中", "正男", "タナカ", "マサオ", date(1912, 7, 29), "1", "世帯主"),  # 明治末日
    P(12, 4, "田中", "陽菜", "タナカ", "ヒナ", date(2019, 4, 30), "2", "孫"),  # 平成31年4月30日
    P(13, 5, "伊藤", "浩二", "イトウ", "コウジ", date(1970, 1, 1), "1", "世帯主"),
    P(14, 5, "伊藤", "由美", "イトウ", "ユミ", date(1972, 2, 22), "2", "妻"),
    P(15, 5, "伊藤", "翔", "イトウ", "ショウ", date(2005, 6, 10), "1", "子", moves=True),
    P(16, 6, "渡辺", "直樹", "ワタナベ", "ナオキ", date(1983, 9, 9), "1", "世帯主"),
    P(17, 6, "渡辺", "ゆかり", "ワタナベ", "ユカリ", date(1985, 11, 20), "2", "妻"),
    P(18, 7, "中村", "恵子", "ナカムラ", "ケイコ", date(1955, 5, 5), "2", "世帯主"),
    P(19, 7, "中村", "和也", "ナカムラ", "カズヤ", date(2010, 11, 2), "1", "子"),
    P(20, 8, "小林", "大輔", "コバヤシ", "ダイスケ", date(1999, 7, 19), "1", "世帯主", moves=True),
    P(21, 8, "小林", "さくら", "コバヤシ", "サクラ", date(2000, 4, 1), "2", "妻"),
    P(22, 8, "小林", "蓮", "コバヤシ", "レン", date(2022, 1, 15), "1", "子"),
    P(23, 9, "加藤", "勇", "カトウ", "イサム", date(1940, 8, 8), "1", "世帯主"),
    P(24, 9, "加藤", "みどり", "カトウ", "ミドリ", date(1944, 10, 3), "2", "妻"),
    P(
        25,
        10,
        "ＳＭＩＴＨ",
        "ＪＯＨＮ",
        "スミス",
        "ジョン",
        date(1980, 3, 15),
        "1",
        "世帯主",
        shubetsu="2",
        alpha="SMITH JOHN",
        kokuseki="アメリカ合衆国",
    ),
    P(
        26,
        11,
        "金",
        "民俊",
        "キム",
        "ミンジュン",
        date(1991, 6, 27),
        "1",
        "世帯主",
        shubetsu="2",
        alpha="KIM MINJUN",
        kokuseki="大韓民国",
    ),
    P(
        27,
        11,
        "金",
        "知恩",
        "キム",
        "ジウン",
        date(1993, 2, 14),
        "2",
        "妻",
        shubetsu="2",
        alpha="KIM JIEUN",
        kokuseki="大韓民国",
    ),
    # The three deliberate defects (rejected by convert; no 異動履歴, never a 世帯主):
    P(28, 0, "山田", "次郎", "ヤマダ", "ジロウ", date(1997, 3, 3), "1", "子", bad="sex"),
    P(29, 5, "伊藤", "昭", "イトウ", "アキラ", date(1989, 1, 8), "1", "子", bad="showa64"),
    P(30, 6, "渡辺", "健太", "ワタナベ", "ケンタ", date(2008, 8, 8), "1", "子", bad="juminhyo"),
]


def head_of(setai: int) -> Person:
    return next(p for p in PEOPLE if p.setai == setai and p.zokugara == "世帯主")


# ---------------------------------------------------------------- text helpers

_Z2H = {z: h for h, z in kana_table().items()}


def hankaku_kana(text: str) -> str:
    """Full-width katakana → JIS X 0201 half-width (全角 space → ASCII space)."""
    return "".join(_Z2H.get(c, " " if c == "\u3000" else c) for c in text)


def wareki(d: date, digits: int = 1) -> str:
    """``GYYMMDD`` (``digits=2``: ``GGYYMMDD``) by the era table above."""
    code, _, _, start = next(e for e in reversed(ERAS) if d >= e[3])
    return f"{code.zfill(digits)}{d.year - start.year + 1:02d}{d:%m%d}"


def wareki_text(d: date, style: int) -> str:
    """和暦 as vendors typed it: 平成15.01.07, H15/1/7, 昭和40年4月12日, 令和元年5月1日."""
    _, name, letter, start = next(e for e in reversed(ERAS) if d >= e[3])
    yy = d.year - start.year + 1
    if style == 0:
        return f"{name}{yy:02d}.{d.month:02d}.{d.day:02d}"
    if style == 1:
        return f"{letter}{yy}/{d.month}/{d.day}"
    return f"{name}{'元' if yy == 1 else yy}年{d.month}月{d.day}日"


def fit(text: str, width: int, kind: str) -> bytes:
    """``text`` in CP932, padded to ``width`` bytes (全角 fields with U+3000); never cut."""
    if kind == "zen":
        data = text.encode("cp932")
        data += "\u3000".encode("cp932") * ((width - len(data)) // 2)
        data = data.ljust(width, b" ")
    elif kind == "num":
        data = text.zfill(width).encode("ascii")
    else:
        data = text.encode("cp932").ljust(width, b" ")
    if len(data) != width:
        raise ValueError(f"{text!r} does not fit {width} bytes")
    return data


# ---------------------------------------------------------------- fixed-width layouts


@dataclass(frozen=True)
class Col:
    """One field of a legacy record: vendor label, bytes, how it is written, what it fills."""

    label: str
    length: int
    kind: str  # num | zen | kana | text | code | wareki | date | filler
    targets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (item id, transform lines)
    note: str = ""
    start: int = field(default=0, compare=False)


TRIM = ("{name: trim}",)
W2I = ("{name: wareki_to_iso}",)


def _w2w_yaml() -> str:
    body = ", ".join(f'"{k}": {v}' for k, v in TWO_DIGIT_CODES.items())
    return "{name: iso_to_wareki, codes: {" + body + "}}"


W2W = ("{name: wareki_to_iso}", _w2w_yaml())


def layout(*cols: Col, length: int) -> tuple[Col, ...]:
    out, pos = [], 1
    for c in cols:
        out.append(Col(c.label, c.length, c.kind, c.targets, c.note, pos))
        pos += c.length
    if pos - 1 > length:
        raise ValueError(f"layout of {pos - 1} bytes > {length}")
    if pos - 1 < length:
        out.append(Col("FILLER", length - pos + 1, "filler", (), "空白", pos))
    return tuple(out)


def one(item: str, *steps: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return ((item, tuple(steps)),)


KIND = Col("レコード区分", 1, "text", note="1 住民 / 2 世帯 / 3 異動履歴")
JUMIN_FIELDS = layout(
    KIND,
    Col("宛名番号", 15, "num", one("atena_no")),
    Col("履歴番号", 5, "num", one("rireki_no")),
    Col("世帯番号", 15, "num", one("setai_no")),
    Col("住民種別", 1, "code", one("jumin_shubetsu"), "1 日本人 / 2 外国人"),
    Col("住民状態", 1, "code", one("jumin_jotai")),
    Col("個人番号", 12, "num", one("kojin_bango")),
    Col("住民票コード", 11, "num", one("juminhyo_code")),
    Col("氏名", 40, "zen", one("shimei", *TRIM), "全角, U+3000 詰め"),
    Col("カナ氏名", 40, "kana", one("shimei_kana", *TRIM, "{name: kana_h2z}"), "半角カナ"),
    Col("英字氏名", 40, "text", one("shimei_alpha", *TRIM), "外国人のみ"),
    Col(
        "生年月日",
        7,
        "wareki",
        (("birth_date", W2I), ("birth_date_wareki", W2W)),
        "和暦 GYYMMDD (1 明治 … 5 令和)",
    ),
    Col("性別", 1, "code", one("seibetsu", "{name: code_map, map: sex}"), "M / F"),
    Col("続柄", 20, "zen", one("zokugara", *TRIM)),
    Col("世帯主氏名", 40, "zen", one("setainushi_shimei", *TRIM)),
    Col("住所", 80, "zen", one("jusho", *TRIM)),
    Col("住所コード", 11, "num", one("jusho_code")),
    Col("郵便番号", 7, "num", one("yubin_bango")),
    Col("住民となった日", 7, "wareki", one("jumin_date", *W2I), "和暦 GYYMMDD"),
    Col("異動事由", 2, "code", one("ido_jiyu", "{name: code_map, map: ido_jiyu}"), "ベンダー2桁"),
    Col("異動日", 7, "wareki", one("ido_date", *W2I), "和暦 GYYMMDD"),
    Col("届出日", 8, "date", one("todokede_date"), "西暦 YYYYMMDD"),
    Col("処理日", 8, "date", one("shori_date"), "西暦 YYYYMMDD"),
    Col("国籍", 20, "zen", one("kokuseki", *TRIM), "外国人のみ"),
    length=RECORD_LENGTH,
)
SETAI_FIELDS = layout(
    KIND,
    Col("世帯番号", 15, "num", one("setai_no")),
    Col("世帯主宛名番号", 15, "num", one("setainushi_atena_no")),
    Col("世帯主氏名", 40, "zen", one("setainushi_shimei", *TRIM)),
    Col("住所", 80, "zen", one("jusho", *TRIM)),
    Col("住所コード", 11, "num", one("jusho_code")),
    Col("郵便番号", 7, "num", one("yubin_bango")),
    Col("世帯構成日", 7, "wareki", one("setai_date", *W2I), "和暦 GYYMMDD"),
    length=RECORD_LENGTH,
)
IDO_FIELDS = layout(
    KIND,
    Col("宛名番号", 15, "num", one("atena_no")),
    Col("履歴番号", 5, "num", one("rireki_no")),
    Col("異動事由", 2, "code", one("ido_jiyu", "{name: code_map, map: ido_jiyu}"), "ベンダー2桁"),
    Col("異動日", 7, "wareki", one("ido_date", *W2I), "和暦 GYYMMDD"),
    Col("届出日", 8, "date", one("todokede_date"), "西暦 YYYYMMDD"),
    Col("処理日", 8, "date", one("shori_date"), "西暦 YYYYMMDD"),
    Col("入力場所", 20, "zen", one("nyuryoku_basho", *TRIM)),
    Col("留意事項", 100, "zen", one("ryuijiko", *TRIM)),
    length=RECORD_LENGTH,
)
LAYOUTS = {
    "1": ("jumin", JUMIN_FIELDS),
    "2": ("setai", SETAI_FIELDS),
    "3": ("ido_rireki", IDO_FIELDS),
}

# ---------------------------------------------------------------- the records


def history(p: Person) -> list[dict[str, str]]:
    """The 住民 records (履歴) of one person, as legacy text values by vendor label."""
    move_in = MOVED_IN[p.setai]
    first = p.birth if p.born_here else move_in
    ido = "103" if p.born_here else ("102" if p.shubetsu == "2" else "101")
    todokede = first + timedelta(days=7 if p.born_here else 3)
    head = head_of(p.setai)
    address, yubin, jcode = ADDRESSES[p.setai]
    birth = "3640108" if p.bad == "showa64" else wareki(p.birth)
    base = {
        "レコード区分": "1",
        "宛名番号": p.atena,
        "履歴番号": "1",
        "世帯番号": p.setai_no,
        "住民種別": p.shubetsu,
        "住民状態": "1",
        "個人番号": p.kojin_bango,
        "住民票コード": p.juminhyo_code,
        "氏名": p.shimei,
        "カナ氏名": hankaku_kana(p.kana),
        "英字氏名": p.alpha,
        "生年月日": birth,
        "性別": "U" if p.bad == "sex" else SEX[p.sex],
        "続柄": p.zokugara,
        "世帯主氏名": head.shimei,
        "住所": OLD_ADDRESS if p.moves else address,
        "住所コード": jcode,
        "郵便番号": yubin,
        "住民となった日": wareki(first),
        "異動事由": IDO_VENDOR[ido],
        "異動日": wareki(first),
        "届出日": f"{todokede:%Y%m%d}",
        "処理日": f"{todokede:%Y%m%d}",
        "国籍": p.kokuseki,
    }
    if not p.moves:
        return [base]
    moved = date(2020, 8, 1) + timedelta(days=11 * p.n)
    second = dict(
        base,
        履歴番号="2",
        住所=address,
        異動事由=IDO_VENDOR["301"],
        異動日=wareki(moved),
        届出日=f"{moved + timedelta(days=2):%Y%m%d}",
        処理日=f"{moved + timedelta(days=2):%Y%m%d}",
    )
    return [base, second]


def jumin_records() -> list[dict[str, str]]:
    return [r for p in PEOPLE for r in history(p)]


def setai_records() -> list[dict[str, str]]:
    out = []
    for i, (address, yubin, jcode) in enumerate(ADDRESSES):
        head = head_of(i)
        out.append(
            {
                "レコード区分": "2",
                "世帯番号": head.setai_no,
                "世帯主宛名番号": head.atena,
                "世帯主氏名": head.shimei,
                "住所": address,
                "住所コード": jcode,
                "郵便番号": yubin,
                "世帯構成日": wareki(MOVED_IN[i]),
            }
        )
    return out


def ido_records() -> list[dict[str, str]]:
    good = [p for p in PEOPLE if not p.bad]
    out = []
    for p in good:
        for r in history(p):
            out.append(
                {
                    "レコード区分": "3",
                    "宛名番号": r["宛名番号"],
                    "履歴番号": r["履歴番号"],
                    "異動事由": r["異動事由"],
                    "異動日": r["異動日"],
                    "届出日": r["届出日"],
                    "処理日": r["処理日"],
                    "入力場所": "本庁" if p.setai % 3 else "神田出張所",
                    "留意事項": "転居届（区内）" if r["履歴番号"] == "2" else "",
                }
            )
    return out


def render_record(fields: tuple[Col, ...], values: dict[str, str]) -> bytes:
    out = b"".join(
        fit(values.get(c.label, ""), c.length, "text" if c.kind == "filler" else c.kind)
        for c in fields
    )
    assert len(out) == RECORD_LENGTH
    return out


def legacy_dat() -> bytes:
    recs = [render_record(JUMIN_FIELDS, r) for r in jumin_records()]
    recs += [render_record(SETAI_FIELDS, r) for r in setai_records()]
    recs += [render_record(IDO_FIELDS, r) for r in ido_records()]
    return b"".join(r + b"\r\n" for r in recs)


# ---------------------------------------------------------------- mapping files


def _yaml_items(fields: tuple[Col, ...]) -> list[str]:
    lines = []
    for c in fields:
        for item, steps in c.targets:
            kind = ", type: packed" if c.kind == "packed" else ""
            src = f"{{start: {c.start}, length: {c.length}{kind}}}"
            if not steps:
                lines.append(f"  {item}: {{from: {src}}}  # {c.label}")
                continue
            lines.append(f"  {item}:  # {c.label}")
            lines.append(f"    from: {src}")
            lines.append("    transforms:")
            lines += [f"      - {s}" for s in steps]
    return lines


def dat_mapping(kind: str) -> str:
    file_id, fields = LAYOUTS[kind]
    out = [
        "# Generated by tools/make_legacy_samples.py: edit the generator, not this file.",
        "format_version: 1",
        f"description: juki_legacy.dat record type {kind} → juki/{file_id} (synthetic sample)",
        "target: {layout: juki, file: " + file_id + "}",
        "source:",
        "  form: fixed-width",
        "  encoding: cp932",
        f"  record_length: {RECORD_LENGTH}",
        "  terminator: crlf",
        f'  record_type: {{start: 1, length: 1, value: "{kind}"}}',
        "items:",
        '  lg_code: {const: "' + LG + '"}  # not in the legacy file',
        *_yaml_items(fields),
    ]
    maps = []
    if "map: sex" in "".join(s for c in fields for _, st in c.targets for s in st):
        maps.append("  sex: {file: codes/seibetsu.csv, unmapped: reject}")
    if "map: ido_jiyu" in "".join(s for c in fields for _, st in c.targets for s in st):
        maps.append("  ido_jiyu: {file: codes/ido_jiyu.csv, unmapped: reject}")
    if maps:
        out += ["code_maps:", *maps]
    return "\n".join(out) + "\n"


def code_map_files() -> dict[str, str]:
    sex = ["# vendor 性別 → juki 性別 (synthetic vendor codes)", "from,to"]
    sex += [f"{v},{k}" for k, v in SEX.items()]
    ido = ["# vendor 異動事由 (2 digits) → juki 異動事由 (layouts/codes/juki_ido_jiyu.csv)"]
    ido.append("from,to")
    ido += [f"{v},{s}" for v, s, _ in IDO_CODES]
    return {
        "codes/seibetsu.csv": "\n".join(sex) + "\n",
        "codes/ido_jiyu.csv": "\n".join(ido) + "\n",
    }


# ---------------------------------------------------------------- the CSV export

CSV_HEADER = [
    "宛名番号", "履歴番号", "世帯番号", "氏", "名", "カナ氏名", "生年月日", "性別",
    "続柄", "世帯主氏名", "住所", "郵便番号", "異動事由", "異動日", "処理日",
]  # fmt: skip


def csv_people() -> list[Person]:
    """20 日本人 of the town, the last one with the impossible 昭和64年1月8日."""
    good = [p for p in PEOPLE if not p.bad and p.shubetsu == "1"][:19]
    bad = next(p for p in PEOPLE if p.bad == "showa64")
    return [*good, bad]


def csv_rows() -> list[list[str]]:
    rows = []
    for i, p in enumerate(csv_people()):
        r = history(p)[0]
        birth = "昭和64年1月8日" if p.bad == "showa64" else wareki_text(p.birth, i % 3)
        todokede = date(int(r["届出日"][:4]), int(r["届出日"][4:6]), int(r["届出日"][6:]))
        first = p.birth if p.born_here else MOVED_IN[p.setai]
        rows.append(
            [
                str(int(p.atena)),  # the vendor drops leading zeros
                "1",
                str(int(p.setai_no)),
                p.sei,
                p.mei,
                hankaku_kana(p.kana),
                birth,
                "男" if p.sex == "1" else "女",
                p.zokugara,
                head_of(p.setai).shimei,
                ADDRESSES[p.setai][0],
                ADDRESSES[p.setai][1],
                r["異動事由"],
                wareki_text(first, (i + 1) % 3),
                f"{todokede:%Y/%m/%d}",
            ]
        )
    return rows


def csv_bytes() -> bytes:
    lines = [",".join(CSV_HEADER)] + [",".join(r) for r in csv_rows()]
    return ("\r\n".join(lines) + "\r\n").encode("cp932")


CSV_MAPPING = f"""\
# Generated by tools/make_legacy_samples.py: edit the generator, not this file.
format_version: 1
description: jumin_wareki_kana.csv (a vendor's CP932 CSV) → juki/jumin (synthetic sample)
target: {{layout: juki, file: jumin}}
source: {{form: delimited, encoding: cp932, delimiter: ",", header: true}}
items:
  lg_code: {{const: "{LG}"}}
  atena_no: {{from: 宛名番号}}
  rireki_no: {{from: 履歴番号}}
  setai_no: {{from: 世帯番号}}
  jumin_shubetsu: {{const: "1"}}   # this export holds 日本人住民 only
  jumin_jotai: {{const: "1"}}
  shimei:
    from: [氏, 名]
    transforms:
      - {{name: join, separator: "\u3000"}}
  shimei_kana:
    from: カナ氏名
    transforms:
      - {{name: kana_h2z}}
  birth_date:
    from: 生年月日
    transforms:
      - {{name: wareki_to_iso}}
  birth_date_wareki:
    from: 生年月日
    transforms:
      - {{name: wareki_to_iso}}
      - {_w2w_yaml()}
  seibetsu:
    from: 性別
    transforms:
      - {{name: code_map, map: sex}}
  zokugara: {{from: 続柄}}
  setainushi_shimei: {{from: 世帯主氏名}}
  jusho: {{from: 住所}}
  yubin_bango: {{from: 郵便番号}}
  ido_jiyu:
    from: 異動事由
    transforms:
      - {{name: code_map, map: ido_jiyu}}
  ido_date:
    from: 異動日
    transforms:
      - {{name: wareki_to_iso}}
  shori_date:
    from: 処理日
    transforms:
      - {{name: date_format, to: YYYYMMDD}}
code_maps:
  sex:
    values: {{"男": "1", "女": "2"}}
    unmapped: reject
  ido_jiyu: {{file: codes/ido_jiyu.csv, unmapped: reject}}
"""

# ---------------------------------------------------------------- the EBCDIC export

EBCDIC_FIELDS = layout(
    Col("宛名番号", 15, "num", one("atena_no")),
    Col("履歴番号", 3, "packed", one("rireki_no"), "COMP-3 パック10進, 5 桁"),
    Col("世帯番号", 15, "num", one("setai_no")),
    Col("個人番号", 12, "num", one("kojin_bango")),
    Col("住民票コード", 11, "num", one("juminhyo_code")),
    Col("氏名", 42, "dbcs", one("shimei", *TRIM), "SO + 20 全角 + SI"),
    Col("カナ氏名", 30, "kana", one("shimei_kana", *TRIM, "{name: kana_h2z}"), "半角カナ"),
    Col(
        "生年月日",
        7,
        "wareki",
        (("birth_date", W2I), ("birth_date_wareki", W2W)),
        "和暦 GYYMMDD",
    ),
    Col("性別", 1, "code", one("seibetsu", "{name: code_map, map: sex}"), "M / F"),
    Col("続柄", 22, "dbcs", one("zokugara", *TRIM), "SO + 10 全角 + SI"),
    Col("世帯主氏名", 42, "dbcs", one("setainushi_shimei", *TRIM), "SO + 20 全角 + SI"),
    Col("住所", 62, "dbcs", one("jusho", *TRIM), "SO + 30 全角 + SI"),
    Col("異動事由", 2, "code", one("ido_jiyu", "{name: code_map, map: ido_jiyu}"), "ベンダー2桁"),
    Col("異動日", 8, "date", one("ido_date"), "西暦 YYYYMMDD"),
    Col("処理日", 8, "date", one("shori_date"), "西暦 YYYYMMDD"),
    length=EBCDIC_RECORD_LENGTH,
)


def ebcdic_people() -> list[Person]:
    """The first 10 good 日本人 of the town (whose names fit 20 全角)."""
    return [p for p in PEOPLE if not p.bad and p.shubetsu == "1"][:10]


def iconv_encode(text: str, to: str = EBCDIC_CCSID) -> bytes:
    """UTF-8 → ``to`` with glibc iconv (ctypes), flushing the shift state (SI at the end)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.iconv_open.restype = ctypes.c_void_p
    libc.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.iconv.restype = ctypes.c_size_t
    libc.iconv.argtypes = [ctypes.c_void_p] * 5
    libc.iconv_close.argtypes = [ctypes.c_void_p]
    cd = libc.iconv_open(to.encode(), b"UTF-8")
    if cd in (None, ctypes.c_size_t(-1).value):
        raise RuntimeError(f"iconv has no {to} converter")
    data = text.encode("utf-8")
    src = ctypes.create_string_buffer(data, len(data))
    dst = ctypes.create_string_buffer(len(data) * 4 + 16)
    in_p, out_p = ctypes.c_char_p(ctypes.addressof(src)), ctypes.c_char_p(ctypes.addressof(dst))
    in_n, out_n = ctypes.c_size_t(len(data)), ctypes.c_size_t(len(dst))
    try:
        if libc.iconv(cd, ctypes.byref(in_p), ctypes.byref(in_n), ctypes.byref(out_p),
                      ctypes.byref(out_n)) == ctypes.c_size_t(-1).value:  # fmt: skip
            raise ValueError(f"cannot encode {text!r} in {to} (errno {ctypes.get_errno()})")
        libc.iconv(cd, None, None, ctypes.byref(out_p), ctypes.byref(out_n))  # close SO
    finally:
        libc.iconv_close(cd)
    return dst.raw[: len(dst) - out_n.value]


def ebcdic_field(text: str, col: Col) -> bytes:
    if col.kind == "dbcs":  # pad with 全角 spaces inside SO … SI
        text = text + "\u3000" * ((col.length - 2) // 2 - len(text))
        data = iconv_encode(text)
    elif col.kind == "num":
        data = iconv_encode(text.zfill(col.length))
    elif col.kind == "packed":  # COMP-3: 2·length-1 digits, then the sign nibble C
        nibbles = [int(d) for d in text.zfill(2 * col.length - 1)] + [0xC]
        data = bytes((nibbles[i] << 4) | nibbles[i + 1] for i in range(0, len(nibbles), 2))
    else:
        data = iconv_encode(text.ljust(col.length))
    if len(data) != col.length:
        raise ValueError(f"{col.label}: {text!r} takes {len(data)} bytes, not {col.length}")
    return data


def ebcdic_values(p: Person) -> dict[str, str]:
    r = history(p)[0]
    first = p.birth if p.born_here else MOVED_IN[p.setai]
    return {
        "宛名番号": p.atena,
        "履歴番号": "1",
        "世帯番号": p.setai_no,
        "個人番号": p.kojin_bango,
        "住民票コード": p.juminhyo_code,
        "氏名": p.shimei,
        "カナ氏名": hankaku_kana(p.kana),
        "生年月日": wareki(p.birth),
        "性別": SEX[p.sex],
        "続柄": p.zokugara,
        "世帯主氏名": head_of(p.setai).shimei,
        "住所": ADDRESSES[p.setai][0],
        "異動事由": r["異動事由"],
        "異動日": f"{first:%Y%m%d}",
        "処理日": r["処理日"],
    }


def ebcdic_bytes() -> bytes:
    out = []
    for p in ebcdic_people():
        values = ebcdic_values(p)
        out.append(b"".join(ebcdic_field(values.get(c.label, ""), c) for c in EBCDIC_FIELDS))
    return b"".join(out)


def ebcdic_mapping() -> str:
    out = [
        "# Generated by tools/make_legacy_samples.py: edit the generator, not this file.",
        "format_version: 1",
        "description: jumin_ebcdic.dat (IBM930, no terminator) → juki/jumin (synthetic sample)",
        "target: {layout: juki, file: jumin}",
        "source:",
        "  form: fixed-width",
        f"  encoding: {EBCDIC_CCSID.lower()}",
        f"  record_length: {EBCDIC_RECORD_LENGTH}",
        "  terminator: none",
        "items:",
        '  lg_code: {const: "' + LG + '"}',
        '  jumin_shubetsu: {const: "1"}',
        '  jumin_jotai: {const: "1"}',
        *_yaml_items(EBCDIC_FIELDS),
        "code_maps:",
        "  sex: {file: codes/seibetsu.csv, unmapped: reject}",
        "  ido_jiyu: {file: codes/ido_jiyu.csv, unmapped: reject}",
    ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- README


def layout_table(fields: tuple[Col, ...]) -> str:
    rows = ["| bytes | length | field | written as | target item(s) |", "|---|---:|---|---|---|"]
    for c in fields:
        targets = ", ".join(f"`{t}`" for t, _ in c.targets) or "—"
        how = c.note or {"num": "数字, 0 詰め", "zen": "全角, U+3000 詰め"}.get(c.kind, "")
        rows.append(f"| {c.start}-{c.start + c.length - 1} | {c.length} | {c.label} | {how} "
                    f"| {targets} |")  # fmt: skip
    return "\n".join(rows)


def readme() -> str:
    n_jumin, n_setai, n_ido = len(jumin_records()), len(setai_records()), len(ido_records())
    maps = " \\\n    ".join(
        f"--mapping samples/juki-legacy/juki_legacy.{fid}.mapping.yaml"
        for fid, _ in LAYOUTS.values()
    )
    return README.format(
        n_jumin=n_jumin,
        n_setai=n_setai,
        n_ido=n_ido,
        n_good_kept=n_jumin - 2,
        rl=RECORD_LENGTH,
        erl=EBCDIC_RECORD_LENGTH,
        n_csv=len(csv_people()),
        n_good_csv=len(csv_people()) - 1,
        n_ebc=len(ebcdic_people()),
        jumin_table=layout_table(JUMIN_FIELDS),
        setai_table=layout_table(SETAI_FIELDS),
        ido_table=layout_table(IDO_FIELDS),
        ebcdic_table=layout_table(EBCDIC_FIELDS),
        csv_header=",".join(CSV_HEADER),
        maps=maps,
        bad_sex=next(p for p in PEOPLE if p.bad == "sex").atena,
        bad_s64=next(p for p in PEOPLE if p.bad == "showa64").atena,
        bad_jhc=next(p for p in PEOPLE if p.bad == "juminhyo").atena,
    )


README = """\
# samples/juki-legacy: legacy exports for `migrate convert`

Generated by `tools/make_legacy_samples.py` (`.venv/bin/python tools/make_legacy_samples.py`;
a rerun writes byte-identical files, `tests/test_legacy_samples.py` checks it). **Every name,
number and address is invented**; the 団体コード 131016 (千代田区) is a public identifier.
Check digits of 宛名番号 / 世帯番号 (M11), 個人番号 and 住民票コード are computed by the
functions of `tools/make_samples.py`. Do not edit the files here by hand: edit the generator.

| file | what it is |
|---|---|
| `juki_legacy.dat` | fixed-width CP932, CRLF, {rl}-byte records typed by byte 1: {n_jumin} 住民 \
(`1`), {n_setai} 世帯 (`2`), {n_ido} 異動履歴 (`3`) |
| `juki_legacy.layout.yaml` | its own layout for `migrate validate` (synthetic, never official) |
| `juki_legacy.jumin.mapping.yaml` | record type `1` → `juki`/`jumin` |
| `juki_legacy.setai.mapping.yaml` | record type `2` → `juki`/`setai` |
| `juki_legacy.ido_rireki.mapping.yaml` | record type `3` → `juki`/`ido_rireki` |
| `jumin_wareki_kana.csv` | a vendor's CP932 CSV of {n_csv} 住民, own headers, mixed 和暦 text |
| `jumin_wareki_kana.mapping.yaml` | → `juki`/`jumin` (delimited) |
| `jumin_ebcdic.dat` | IBM930 EBCDIC, {n_ebc} back-to-back {erl}-byte 住民 records, SO/SI in \
DBCS fields, 履歴番号 as COMP-3 packed decimal |
| `jumin_ebcdic.mapping.yaml` | → `juki`/`jumin` (fixed-width, `ibm930`) |
| `codes/seibetsu.csv` | vendor 性別 `M`/`F` → `1`/`2` (`from,to`) |
| `codes/ido_jiyu.csv` | vendor 2-digit 異動事由 → the layout's 3-digit codes (`from,to`) |

The mapping files are written by the generator from the same byte tables as the data.

## Commands

```sh
for m in samples/juki-legacy/*.mapping.yaml; do migrate mapping check "$m"; done

migrate convert samples/juki-legacy/juki_legacy.dat \\
    {maps} \\
    -o out/
migrate validate out/ --layout juki

migrate validate samples/juki-legacy/juki_legacy.dat \\
    --layout samples/juki-legacy/juki_legacy.layout.yaml

migrate convert samples/juki-legacy/jumin_wareki_kana.csv \\
    --mapping samples/juki-legacy/jumin_wareki_kana.mapping.yaml -o out-csv/
migrate convert samples/juki-legacy/jumin_ebcdic.dat \\
    --mapping samples/juki-legacy/jumin_ebcdic.mapping.yaml -o out-ebcdic/
```

## Deliberate defects and what convert should do

`juki_legacy.dat` holds exactly three bad 住民 records (type `1`, 履歴番号 1). None of them
is a 世帯主 and none has a 異動履歴 record, so rejecting them leaves no dangling reference:

1. 宛名番号 `{bad_sex}`: 性別 `U`, not in `codes/seibetsu.csv` (`unmapped: reject`):
   **rejected** (`CV02`).
2. 宛名番号 `{bad_s64}`: 生年月日 `3640108` = 昭和64年1月8日, a date that does not exist
   (昭和 ended on 1月7日): `wareki_to_iso` cannot convert it, **rejected** (`CV01`, once for
   生年月日 and once for 生年月日（和暦）, which the same bytes fill).
3. 宛名番号 `{bad_jhc}`: 住民票コード whose check digit is wrong (last digit + 1): **kept**.
   The layout rates `VA09` a warning (the formula is inferred), and warnings never reject;
   `migrate validate` of the output reports it.

So `migrate convert` of `juki_legacy.dat` with the three mappings writes `jumin.csv` with
{n_good_kept} records and `rejects/jumin.rejects.csv` with 2 (exit 1), `setai.csv` with
{n_setai} and `ido_rireki.csv` with {n_ido}, none rejected. `migrate validate out/ --layout
juki` accepts the folder: 0 errors, 1 warning (the `VA09` above). The rejects sit in
`out/rejects/`, so validate does not take them for export files.

`migrate validate juki_legacy.dat --layout juki_legacy.layout.yaml` finds the same three
in the legacy file itself, each located by record, line and byte offset: `VA02` (性別 `U`
is not a vendor code), `TY06` (昭和64年1月8日) and the `VA09` warning; 世帯 and 異動履歴
are clean (exit 1; the report is `expected/juki_legacy.validate.json`).

`jumin_wareki_kana.csv` has one bad record, the last: 生年月日 `昭和64年1月8日` → 1 reject,
{n_good_csv} converted. `jumin_ebcdic.dat` has none.

## Legacy traits

- 氏名, 住所, 続柄, 世帯主氏名 in 全角, padded with 全角 spaces (U+3000) to their byte width
  (`trim`); フリガナ in half-width kana with a half-width space, padded with spaces
  (`trim`, `kana_h2z`).
- 生年月日 as 和暦 `GYYMMDD` with a 1-digit era code (1 明治 … 5 令和; `wareki_to_iso`),
  including 元年 and era boundary dates: 明治45年7月29日, 大正元年7月30日,
  大正15年12月24日, 昭和元年12月25日, 昭和64年1月7日, 平成元年1月8日, 平成31年4月30日,
  令和元年5月1日. The same byte range also fills 生年月日（和暦） through `wareki_to_iso` then
  `iso_to_wareki` with the layout's 2-digit 年号コード table.
- 性別 as `M`/`F` and 異動事由 as 2-digit vendor codes (`code_map` from `codes/*.csv`).
- Numbers zero-padded (宛名番号 and 世帯番号 to 15 digits, 履歴番号 to 5); 団体コード is not in
  the file (`const`). 届出日 and 処理日 are 西暦 `YYYYMMDD`.
- Three persons have a second 履歴 (転居 within the city, vendor code `11`).
- Two 世帯 are 外国人住民 (住民種別 `2`, 英字氏名, 国籍).

## juki_legacy.dat

Every record is {rl} bytes + CRLF; record types 2 and 3 are padded with spaces to the same
length. Positions are 1-based bytes (CP932: 全角 = 2 bytes, half-width kana = 1).

### Type 1: 住民

{jumin_table}

### Type 2: 世帯

{setai_table}

### Type 3: 異動履歴

{ido_table}

## jumin_wareki_kana.csv

CP932, CRLF, header `{csv_header}`. 宛名番号 and 世帯番号 without leading zeros, 氏 and
名 in two columns (`join` with U+3000), half-width kana, 生年月日 and 異動日 in mixed 和暦
text (`平成15.01.07`, `H15/1/7`, `昭和40年4月12日`, `令和元年5月1日`), 性別 `男`/`女`
(inline code map), 処理日 `YYYY/MM/DD` (`date_format`).

## jumin_ebcdic.dat

IBM930 (CCSID 930: katakana single-byte set, so lower-case letters do not exist; 0x81 is ｱ),
{erl}-byte records back to back, no terminator. Encoded by glibc iconv. DBCS fields hold
SO (0x0E) + 全角 text padded with 全角 spaces (0x4040) + SI (0x0F) inside their byte range;
the other fields are single-byte, padded with EBCDIC spaces (0x40).

{ebcdic_table}
"""


def files() -> dict[str, bytes]:
    out = {
        "juki_legacy.dat": legacy_dat(),
        "jumin_wareki_kana.csv": csv_bytes(),
        "jumin_wareki_kana.mapping.yaml": CSV_MAPPING.encode(),
        "jumin_ebcdic.dat": ebcdic_bytes(),
        "jumin_ebcdic.mapping.yaml": ebcdic_mapping().encode(),
    }
    for kind, (fid, _) in LAYOUTS.items():
        out[f"juki_legacy.{fid}.mapping.yaml"] = dat_mapping(kind).encode()
    out["juki_legacy.layout.yaml"] = legacy_layout(LAYOUTS, RECORD_LENGTH).encode()
    out |= {k: v.encode() for k, v in code_map_files().items()}
    out["README.md"] = readme().encode()
    return out


def main(root: Path = ROOT) -> None:
    for name, data in files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files())} files under {root}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
