"""The typed layout model: 業務 (Layout) → 移行ファイル (FileSpec) → 項目 (Item), code tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# The physical model lives in io (layouts and mappings share it); re-exported here.
from migrate.io.physical import ByteRange as ByteRange
from migrate.io.physical import Physical as Physical
from migrate.io.physical import XmlGroup as XmlGroup
from migrate.io.physical import XmlNode as XmlNode
from migrate.japan.charsets import Charset


class Confidence(StrEnum):
    """How sure a provenance is: stated by a source, inferred, or not known."""

    CONFIRMED = "confirmed"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


class DataType(StrEnum):
    """The データ型 of an item, which decides the checks its values get."""

    TEXT = "text"
    DIGITS = "digits"
    NUMBER = "number"
    DATE = "date"
    CODE = "code"


class DateFormat(StrEnum):
    """How a date item is written: 西暦 digits, 和暦 with a 1- or 2-character era, or ISO.

    The 和暦 era characters are codes of the layout's ``era_codes`` table.
    """

    YYYYMMDD = "yyyymmdd"
    WAREKI_GYYMMDD = "wareki_gyymmdd"
    WAREKI_EEYYMMDD = "wareki_eeyymmdd"
    ISO = "yyyy-mm-dd"  # 基本データリスト DATE: 0000-01-01 / 9999-12-31 bound open periods


class CheckName(StrEnum):
    """The check-digit schemes an item can name (see ``japan/check_digits.py``)."""

    LG_CODE = "lg_code"
    MYNUMBER = "mynumber"
    JUMINHYO_CODE = "juminhyo_code"
    ATENA_M11 = "atena_m11"
    HOJIN_BANGO = "hojin_bango"


@dataclass(frozen=True)
class Provenance:
    """Where a definition comes from and how sure we are of it."""

    source: str
    confidence: Confidence
    note: str = ""


@dataclass(frozen=True)
class LengthUnit:
    """What 桁数 counts: characters, or bytes in a named legacy encoding."""

    unit: str  # "chars" or "bytes"
    encoding: str | None = None

    def describe(self, n: int) -> str:
        """A length in this unit for messages: ``10 chars`` or ``10 bytes (cp932)``."""
        if self.unit == "bytes":
            return f"{n} bytes ({self.encoding})"
        return f"{n} chars"


@dataclass(frozen=True)
class Condition:
    """``field`` holds one of ``values``: makes a rule apply to some records only."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class StandardItem:
    """What a 基本データリスト states of an item beyond the generic checks (docs/standard.md)."""

    data_item_id: str  # 8 digits: 業務 code (3) + item code (5); the stable key
    romaji: str
    data_type: str  # X, Ｎ, 9, 9V, S9, BLOB, YEAR, DATE, TIME as written
    output: str  # データ出力条件: 必須, 条件付き必須 or 任意
    digits: int | None = None  # 桁数 as stated (9V(n,m): n; S9: digits without the sign)
    scale: int | None = None  # 9V(n,m): m, the digits after the point
    code_id: str | None = None  # コード as written: 個別 id (001) or 連携 (業務名 + id)
    repeat: int | None = None  # 繰り返し: the maximum number of values
    condition: str = ""  # 条件付き必須: the condition (the ※※ text of 項目説明)
    implementation_required: bool = False  # 実装類型 ○
    foreign_key: bool = False
    definition: str = ""  # 項目定義
    fusho_text: str | None = None  # DATE: the id of its 不詳表記 item, required when 不詳


@dataclass(frozen=True)
class Item:
    """One 項目 of a 移行ファイル."""

    id: str
    name: str
    type: DataType
    length: int | None
    length_unit: LengthUnit
    length_exact: bool = False
    required: bool = False
    required_when: Condition | None = None
    gaiji: bool = False
    code: str | None = None
    format: DateFormat | None = None
    uncertain_dates: bool = False
    uncertain_dates_when: Condition | None = None
    check: CheckName | None = None
    charset: Charset | None = None
    personal: bool = False
    provenance: Provenance | None = None
    description: str = ""
    aliases: tuple[str, ...] = ()  # other column names legacy exports give it (mapping draft)
    bytes: ByteRange | None = None  # where a fixed-width record holds it
    xml: XmlNode | None = None  # where an XML row holds it (None: the element named ``name``)
    standard: StandardItem | None = None


@dataclass(frozen=True)
class Reference:
    """Values of ``fields`` must exist as ``target_fields`` in the 移行ファイル ``file``."""

    fields: tuple[str, ...]
    file: str
    target_fields: tuple[str, ...]


@dataclass(frozen=True)
class DateOrder:
    """``later`` must not be before ``earlier`` when both are dates."""

    earlier: str
    later: str


@dataclass(frozen=True)
class FileSpec:
    """One 移行ファイル: its items, keys and references."""

    id: str
    name: str
    items: tuple[Item, ...]
    keys: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    date_orders: tuple[DateOrder, ...] = ()
    filename_patterns: tuple[str, ...] = ()
    required: bool = True
    provenance: Provenance | None = None
    record_type: str | None = None  # its records' value of the fixed-width record-type field
    xml: XmlGroup | None = None  # where its rows are in an XML record (None: the record)

    def item(self, item_id: str) -> Item:
        """The item with id ``item_id``; KeyError if the file has none."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)


@dataclass(frozen=True)
class CodeTable:
    """A code table: code → label, with its own provenance."""

    id: str
    name: str
    values: dict[str, str]
    provenance: Provenance


@dataclass(frozen=True)
class CharsetExtra:
    """Characters beyond JIS X 0213 the target system accepts (e.g. MJ+ 追加文字).

    ``ranges``: inclusive code-point ranges; ``migrate chars`` lists them as allowed.
    """

    name: str
    ranges: tuple[tuple[int, int], ...]

    def allows(self, cp: int) -> bool:
        """Whether ``cp`` lies in one of the ranges."""
        return any(a <= cp <= b for a, b in self.ranges)

    def to_dict(self) -> dict[str, object]:
        """As a layout file writes it: ``{name, ranges: ["U+F0000-U+FFFFD", "U+E0100"]}``."""
        spelled = [f"U+{a:04X}" if a == b else f"U+{a:04X}-U+{b:04X}" for a, b in self.ranges]
        return {"name": self.name, "ranges": spelled}


@dataclass(frozen=True)
class Layout:
    """One 業務 of a specification family, with its 移行ファイル and code tables."""

    id: str
    title: str
    family: str
    spec_name: str
    spec_version: str
    version: str
    provenance: Provenance
    physical: Physical
    files: tuple[FileSpec, ...]
    code_tables: dict[str, CodeTable] = field(default_factory=dict)
    gyomu_no: int | None = None
    era_codes: str | None = None
    path: str = ""
    charset_extra: CharsetExtra | None = None

    def file(self, file_id: str) -> FileSpec:
        """The 移行ファイル with this id or name; KeyError naming the known ones if none."""
        for f in self.files:
            if f.id == file_id or f.name == file_id:
                return f
        known = ", ".join(f"{f.id} ({f.name})" for f in self.files)
        raise KeyError(f"no 移行ファイル {file_id!r} in layout {self.id}; known: {known}")
