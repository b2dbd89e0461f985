"""Candidate replacements for a worklist entry: from shipped tables and from user tables.

Shipped: the NFC form where every character of it is in JIS X 0213 (CJK compatibility
ideographs such as 晴 U+FA12 → 晴), the JIS X 0213 code point of CP932's ～ ￠ ￡ ￢, and the
base of an IVS / SVS sequence. User supplied (their own licence, never shipped): the
MJ文字情報一覧表 (``--mj-table``) and the MJ縮退マップ (``--shrink-map``) as CSV; see
docs/chars.md for the columns read. Every candidate is a proposal; nothing is applied.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from migrate.chars.worklist import Candidate
from migrate.errors import InputError
from migrate.japan.gaiji import CP932_SPELLINGS, in_jisx0213, is_selector, parse_code_points

MJ_NAME = "MJ文字図形名"
MJ_KEYS = ("実装したUCS", "実装したMoji_JohoコレクションIVS", "実装したSVS", "対応する互換漢字")
MJ_UCS = "対応するUCS"
MJ_IVS = "実装したMoji_JohoコレクションIVS"
SHRINK_TARGET = "縮退先UCS"
SHRINK_KIND = "種別"


def _all_jis(text: str) -> bool:
    return bool(text) and all(in_jisx0213(ord(c)) for c in text)


def shipped(entry: str) -> list[Candidate]:
    """What migrate's own tables propose for ``entry``."""
    out = []
    if entry in CP932_SPELLINGS:
        out.append(
            Candidate(CP932_SPELLINGS[entry], "jisx0213", "同じJIS符号のJIS X 0213の符号位置")
        )
    base = "".join(c for c in entry if not is_selector(ord(c)))
    if base != entry and _all_jis(base):
        out.append(
            Candidate(base, "ivs_base", "異体字セレクタを除いた字（字形の区別は失われます）")
        )
    nfc = unicodedata.normalize("NFC", base)
    if nfc != base and _all_jis(nfc):
        out.append(Candidate(nfc, "nfc", "NFC（互換漢字の統合先。人名では字形が変わりえます）"))
    return out


def _read_csv(path: Path, required: tuple[str, ...], what: str) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: {what} lacks the column(s) {', '.join(missing)}")
            return list(reader)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: {what} is not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None


@dataclass
class UserTables:
    """The user's MJ文字情報一覧表 and MJ縮退マップ, as far as supplied.

    ``mj``: character → its rows of the 一覧表; ``shrink``: MJ文字図形名 → (縮退先, 種別).
    """

    mj: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    shrink: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, mj_table: Path | None, shrink_map: Path | None) -> UserTables:
        """The tables at these paths; InputError (exit 2) when one cannot be used."""
        if shrink_map is not None and mj_table is None:
            raise InputError(
                "--shrink-map needs --mj-table: the 縮退マップ is keyed by MJ文字図形名, "
                "which the MJ文字情報一覧表 gives for each character"
            )
        tables = cls()
        if mj_table is not None:
            index: dict[str, list[dict[str, str]]] = defaultdict(list)
            for row in _read_csv(mj_table, (MJ_NAME,), "the MJ文字情報一覧表"):
                for key in MJ_KEYS:
                    chars = parse_code_points(row.get(key) or "")
                    if chars and row not in index[chars]:
                        index[chars].append(row)
            tables.mj = dict(index)
        if shrink_map is not None:
            shrink: dict[str, list[tuple[str, str]]] = defaultdict(list)
            rows = _read_csv(shrink_map, (MJ_NAME, SHRINK_TARGET), "the MJ縮退マップ")
            for n, row in enumerate(rows, start=2):
                target = parse_code_points(row[SHRINK_TARGET] or "")
                if target is None:
                    raise InputError(f"{shrink_map}: line {n}: {SHRINK_TARGET} is no code point")
                shrink[row[MJ_NAME].strip()].append((target, (row.get(SHRINK_KIND) or "").strip()))
            tables.shrink = dict(shrink)
        return tables

    def candidates(self, entry: str) -> list[Candidate]:
        """The MJ文字図形名 of ``entry``, its 対応するUCS and IVS, and its 縮退 targets."""
        out: list[Candidate] = []
        for row in self.mj.get(entry, []):
            name = row[MJ_NAME].strip()
            out.append(Candidate(entry, "mj", f"{name}（この字そのもの）"))
            for key, note in ((MJ_UCS, "対応するUCS"), (MJ_IVS, "IVS")):
                chars = parse_code_points(row.get(key) or "")
                if chars and chars != entry:
                    out.append(Candidate(chars, "mj", f"{name} {note}"))
            for target, kind in self.shrink.get(name, []):
                out.append(Candidate(target, "shrink_map", f"{name} {kind}".strip()))
        return out
