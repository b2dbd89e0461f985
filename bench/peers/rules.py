"""The rules of one 移行ファイル, read from the layout YAML, for the peers and the generator.

Deliberately independent of the ``migrate`` package: the peers must not share its code, only its
layout file. Each peer turns these plain records into its own checks by hand.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = ROOT / "layouts" / "chukan" / "juki.yaml"

# Characters outside each charset, as a regex class that Python re, RE2 (pyarrow) and Rust regex
# (polars) all read the same way. Never \d: it is Unicode-aware in all three.
# ALLOWED: one permitted character; BAD_CHARS: one character that breaks the charset.
ALLOWED = {
    # ァ..ヶ, ・ ー ヽ ヾ, the 全角 and the ASCII space (as migrate defines the charset)
    "katakana": "[\u30a1-\u30f6\u30fb-\u30fe\u3000 ]",
    "zenkaku": "[^\\x00-\\x7F｡-ﾟ]",  # double-byte in CP932
    "hankaku": "[\\x20-\\x7E｡-ﾟ]",  # printable single-byte in CP932
    "alnum": "[0-9A-Za-z]",
}
BAD_CHARS = {
    name: cls.replace("[^", "[", 1) if cls.startswith("[^") else "[^" + cls[1:]
    for name, cls in ALLOWED.items()
}
# CP932 bytes = 2 * chars - (number of single-byte characters).
SINGLE_BYTE = "[\\x00-\\x7F｡-ﾟ]"
DIGITS = "^[0-9]+$"
# Spaces that make a value blank: a value of only these counts as missing.
BLANKS = " \u3000"
# 外字: the Private Use Areas (BMP and planes 15-16).
PUA = "[\\x{E000}-\\x{F8FF}\\x{F0000}-\\x{FFFFD}\\x{100000}-\\x{10FFFD}]"
# The JIS X 0213 repertoire is data shipped with migrate (generated from the standard's tables).
REPERTOIRE = ROOT / "src" / "migrate" / "japan" / "data" / "jisx0213_ranges.txt"
# The finding code each check digit failure is reported under (as in migrate's codes.py).
CHECK_CODES = {"lg_code": "VA07", "mynumber": "VA08", "juminhyo_code": "VA09", "atena_m11": "VA10"}


@dataclass(frozen=True)
class Era:
    """A 年号コード with its base year (西暦 = base + 和暦年) and first/last day."""

    code: str
    name: str
    base: int
    first: date
    last: date


# Era boundaries (public fact: 元号法 and the 改元 政令); 明治 begins by the usual convention.
ERA_BOUNDS = {
    "明治": (1867, date(1868, 1, 25), date(1912, 7, 29)),
    "大正": (1911, date(1912, 7, 30), date(1926, 12, 24)),
    "昭和": (1925, date(1926, 12, 25), date(1989, 1, 7)),
    "平成": (1988, date(1989, 1, 8), date(2019, 4, 30)),
    "令和": (2018, date(2019, 5, 1), date(9999, 12, 31)),
}
# 住民記録 1.1.8: the first day of the next era written in these eras (明治45年7月30日,
# 大正15年12月25日) must be accepted.
OVERLAP_ERAS = ("明治", "大正")


@dataclass(frozen=True)
class Field:
    """One item of the file as the peers need it."""

    id: str
    name: str
    type: str
    length: int | None
    exact: bool
    unit: str  # "chars" or "bytes" (CP932)
    required: bool
    required_when: tuple[str, tuple[str, ...]] | None  # (column name, values)
    codes: tuple[str, ...] | None
    fmt: str | None
    uncertain: bool
    check: str | None
    charset: str | None
    gaiji: bool


@dataclass(frozen=True)
class FileRules:
    """Every rule the layout declares for one file, with columns named as in the header."""

    fields: tuple[Field, ...]
    keys: tuple[str, ...]
    date_orders: tuple[tuple[str, str], ...]
    eras: tuple[Era, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def by_id(self, item_id: str) -> Field:
        return next(f for f in self.fields if f.id == item_id)


def _code_values(table: dict, base: Path) -> tuple[str, ...]:
    if "values" in table:
        return tuple(str(k) for k in table["values"])
    with (base / table["file"]).open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    return tuple(r[0] for r in rows[1:])


def _unit(raw: dict, default: str, type_: str) -> str:
    """Text items count CP932 bytes by default; digits, codes and dates are ASCII: chars."""
    unit = raw.get("length_unit", default)
    return "bytes" if type_ == "text" and unit.startswith("bytes") else "chars"


def _field(raw: dict, names: dict[str, str], tables: dict, default: str, base: Path) -> Field:
    when = raw.get("required_when")
    return Field(
        id=raw["id"],
        name=raw["name"],
        type=raw["type"],
        length=raw.get("length"),
        exact=raw.get("length_exact", False),
        unit=_unit(raw, default, raw["type"]),
        required=raw.get("required", False),
        required_when=(names[when["field"]], tuple(when["in"])) if when else None,
        codes=_code_values(tables[raw["code"]], base) if "code" in raw else None,
        fmt=raw.get("format"),
        uncertain=raw.get("uncertain_dates", False),
        check=raw.get("check"),
        charset=raw.get("charset"),
        gaiji=raw.get("gaiji", False),
    )


def _eras(doc: dict) -> tuple[Era, ...]:
    table = doc["code_tables"][doc["era_codes"]]["values"]
    return tuple(Era(str(code), name, *ERA_BOUNDS[name]) for code, name in table.items())


def load_rules(file_id: str = "jumin", layout: Path = LAYOUT) -> FileRules:
    """Read the rules of ``file_id`` from the layout YAML."""
    doc = yaml.safe_load(layout.read_text(encoding="utf-8"))
    spec = next(f for f in doc["files"] if f["id"] == file_id)
    names = {i["id"]: i["name"] for i in spec["items"]}
    default = doc.get("defaults", {}).get("length_unit", "chars")
    tables = doc.get("code_tables", {})
    fields = tuple(_field(i, names, tables, default, layout.parent) for i in spec["items"])
    orders = tuple((names[d["earlier"]], names[d["later"]]) for d in spec.get("date_order", ()))
    keys = tuple(names[k] for k in spec.get("keys", ()))
    return FileRules(fields, keys, orders, _eras(doc))


def weight(k: int) -> int:
    """Modulus-11 weight of the k-th body digit counted from the right (k = 0 is the last).

    All four check digits use the cycle 2..7 from the right: 団体コード (2..6), 個人番号
    (2..7, 2..6), 住民票コード (2..7, 2..5) and 宛名番号 M11W2-7.
    """
    return 2 + k % 6


def check_from_remainder(check: str, r: int) -> int:
    """Check digit from the remainder: 団体コード (11 - r) mod 10, the others 0 if r <= 1."""
    if check == "lg_code":
        return (11 - r) % 10
    return 0 if r <= 1 else 11 - r


def check_digit(check: str, body: str) -> int:
    """Reference (scalar) check digit of a digit string body."""
    s = sum(int(d) * weight(k) for k, d in enumerate(reversed(body)))
    return check_from_remainder(check, s % 11)


def repertoire_ranges() -> list[tuple[int, int]]:
    """Code point ranges of the JIS X 0213 repertoire (as migrate ships it)."""
    out = []
    for line in REPERTOIRE.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            a, b = (int(x, 16) for x in line.split("-"))
            out.append((a, b))
    return out


def outside_repertoire() -> str:
    """Regex class of one character outside JIS X 0213 (Rust/RE2 ``\\x{…}`` syntax)."""
    parts = [
        f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in repertoire_ranges()
    ]
    return "[^" + "".join(parts) + "]"


def in_repertoire_python() -> str:
    """Regex class of one JIS X 0213 character in Python ``re`` syntax."""

    def esc(c: int) -> str:
        return f"\\U{c:08X}" if c > 0xFFFF else f"\\u{c:04X}"

    parts = [esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in repertoire_ranges()]
    return "[" + "".join(parts) + "]"
