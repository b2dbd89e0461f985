"""The legacy layout of juki_legacy.dat, written from the generator's own byte tables.

Byte positions, names and lengths come from the same ``Col`` tables that write the data
and the mappings (``make_legacy_samples.LAYOUTS``), so the three never disagree. What an
item holds (type, codes, checks) is the table below. The layout is this project's own
synthetic vendor layout, never an official one.
"""

from __future__ import annotations

from typing import Any

# What each legacy field holds, as YAML flow text (name, length and bytes come from the Col).
ONLY_FOREIGN = 'required_when: {field: jumin_shubetsu, in: ["2"]}'
BIRTH_OR_DEATH = 'uncertain_dates_when: {field: ido_jiyu, in: ["02", "23"]}'
SEMANTICS = {
    "atena_no": "type: digits, length_exact: true, required: true, check: atena_m11",
    "rireki_no": "type: digits, length_exact: true, required: true",
    "setai_no": "type: digits, length_exact: true, required: true, check: atena_m11",
    "jumin_shubetsu": "type: code, required: true, code: jumin_shubetsu",
    "jumin_jotai": "type: code, required: true, code: jumin_jotai",
    "kojin_bango": "type: digits, length_exact: true, check: mynumber, personal: true",
    "juminhyo_code": "type: digits, length_exact: true, check: juminhyo_code, personal: true",
    "shimei": "type: text, required: true, gaiji: true, personal: true",
    "shimei_kana": "type: text, charset: hankaku, personal: true",
    "shimei_alpha": "type: text, charset: hankaku, personal: true, " + ONLY_FOREIGN,
    "birth_date": "type: date, format: wareki_gyymmdd, required: true, uncertain_dates: true, "
    "personal: true",
    "seibetsu": "type: code, required: true, code: seibetsu",
    "zokugara": "type: text, required: true, charset: zenkaku",
    "setainushi_shimei": "type: text, required: true, gaiji: true, personal: true",
    "jusho": "type: text, required: true, gaiji: true, personal: true",
    "jusho_code": "type: digits, length_exact: true",
    "yubin_bango": "type: digits, length_exact: true",
    "jumin_date": "type: date, format: wareki_gyymmdd, uncertain_dates: true",
    "ido_jiyu": "type: code, length_exact: true, required: true, code: ido_jiyu",
    "ido_date": "type: date, format: wareki_gyymmdd, required: true, " + BIRTH_OR_DEATH,
    "todokede_date": "type: date, format: yyyymmdd",
    "shori_date": "type: date, format: yyyymmdd, required: true",
    "kokuseki": "type: text, " + ONLY_FOREIGN,
    "setainushi_atena_no": "type: digits, length_exact: true, required: true",
    "setai_date": "type: date, format: wareki_gyymmdd",
    "nyuryoku_basho": "type: text",
    "ryuijiko": "type: text, gaiji: true, personal: true",
}

# Per 移行ファイル: keys, references and date orders, as YAML lines.
RELATIONS = {
    "jumin": """\
    keys: [atena_no, rireki_no]
    references:
      - {fields: [setai_no], file: setai, to: [setai_no]}
    date_order:
      - {earlier: birth_date, later: ido_date}
      - {earlier: birth_date, later: todokede_date}
      - {earlier: birth_date, later: jumin_date}
""",
    "setai": """\
    keys: [setai_no]
    references:
      - {fields: [setainushi_atena_no], file: jumin, to: [atena_no]}
""",
    "ido_rireki": """\
    keys: [atena_no, rireki_no]
    references:
      - {fields: [atena_no, rireki_no], file: jumin, to: [atena_no, rireki_no]}
    date_order:
      - {earlier: ido_date, later: shori_date}
""",
}
NAMES = {"jumin": "住民", "setai": "世帯", "ido_rireki": "異動履歴"}

HEAD = """\
# The legacy fixed-width layout of juki_legacy.dat: this project's OWN SYNTHETIC vendor layout,
# written for the sample (see README.md and tools/make_legacy_samples.py for the byte tables).
# It is not an official layout of any standard or vendor. It describes the file as written —
# vendor codes (性別 M/F, 2-digit 異動事由), 和暦 GYYMMDD dates with 1-digit 年号コード — so
# `migrate validate juki_legacy.dat --layout juki_legacy.layout.yaml` checks the legacy file
# itself, before any conversion.
format_version: 1
id: juki-legacy
title: 住民基本台帳 旧システム固定長（合成サンプル）
family: custom
spec:
  name: juki_legacy.dat synthetic vendor layout
  version: "1"
version: "0.1.0"
provenance:
  source: "this project's synthetic legacy layout (tools/make_legacy_samples.py); never official"
  confidence: confirmed
  note: "confirmed against the generator that writes juki_legacy.dat, nothing else"
physical:
  form: fixed-width
  encoding: cp932
  record_length: {record_length}
  terminator: crlf
  record_type: {{start: 1, length: 1}}
defaults:
  length_unit: "bytes:cp932"
  provenance:
    source: "tools/make_legacy_samples.py byte tables (synthetic)"
    confidence: confirmed
era_codes: nengo
code_tables:
  nengo:
    name: 年号コード（1桁）
    values: {{"1": 明治, "2": 大正, "3": 昭和, "4": 平成, "5": 令和}}
    provenance: {{source: "synthetic vendor coding (1 明治 … 5 令和)", confidence: confirmed}}
  jumin_shubetsu:
    name: 住民種別
    values: {{"1": 日本人住民, "2": 外国人住民}}
    provenance: {{source: "synthetic vendor coding", confidence: confirmed}}
  jumin_jotai:
    name: 住民状態
    values: {{"1": 住登者, "2": 転出者, "3": 死亡者, "9": その他消除者}}
    provenance: {{source: "synthetic vendor coding", confidence: confirmed}}
  seibetsu:
    name: 性別（ベンダー）
    values: {{"M": 男, "F": 女}}
    provenance: {{source: "synthetic vendor coding (codes/seibetsu.csv)", confidence: confirmed}}
  ido_jiyu:
    name: 異動事由（ベンダー2桁）
    values: {{"01": 転入, "02": 出生, "03": 職権記載, "11": 転居, "12": 世帯変更,
             "21": 転出, "22": 職権消除, "23": 死亡}}
    provenance: {{source: "synthetic vendor coding (codes/ido_jiyu.csv)", confidence: confirmed}}
"""


def legacy_layout(layouts: dict[str, tuple[str, tuple[Any, ...]]], record_length: int) -> str:
    """The layout YAML: one 移行ファイル per record type, one item per field that fills one."""
    out = [HEAD.format(record_length=record_length), "files:\n"]
    for kind, (fid, cols) in layouts.items():
        out.append(f'  - id: {fid}\n    name: {NAMES[fid]}\n    record_type: "{kind}"\n')
        out.append(RELATIONS[fid])
        out.append("    items:\n")
        for col in cols:
            if not col.targets:
                continue
            item = col.targets[0][0]
            out.append(
                f"      - {{id: {item}, name: {col.label}, length: {col.length}, "
                f"{SEMANTICS[item]}, bytes: {{start: {col.start}, length: {col.length}}}}}\n"
            )
    return "".join(out)
