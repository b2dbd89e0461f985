"""Documentation of the RL (relations) and CV (conversion) codes."""

from __future__ import annotations

from migrate.codes.model import CodeDoc

DOCS: dict[str, CodeDoc] = {
    "RL01": CodeDoc(
        what="Files with `keys`: every record after the first whose key (all key items "
        "given) an earlier record already has; the note names the line of the first. "
        "Records with the wrong number of fields are left to `ST04`/`ST05`.",
        why="The key identifies the record in the standard system: two records with one "
        "key overwrite each other, or stop the import. `migrate convert` keeps the first and "
        "rejects the later ones.",
        example="Two 住民 records with 宛名番号 + 履歴番号 `00012343/1` → on the second: "
        "`the key (宛名番号 + 履歴番号) is duplicated; first at line 12`.",
        fix="Find why the old system holds the key twice (a history row without its own "
        "履歴番号, a record exported twice) and fix the extraction.",
        fix_ja="キーが重複する原因（二重出力・履歴番号の欠落等）を確認し、抽出を修正してください",
    ),
    "RL02": CodeDoc(
        what="Files with `date_order`: where both dates are calendar dates, the later item "
        "must not be before the earlier one. Reported on the later item; the detail names "
        "the earlier.",
        why="A 異動日 before the 生年月日 is impossible: one of the two dates is wrong, and "
        "ages, eligibility and histories computed from them will be wrong too.",
        example="生年月日 `19900401`, 異動日 `19890401` → `異動日 is earlier than 生年月日`.",
        fix="Check both dates against the source record and correct the wrong one.",
        fix_ja="原票で両方の日付を確認し、誤っている方を修正してください",
    ),
    "RL03": CodeDoc(
        what="Files with `references` (when a directory is validated, so the target file is "
        "there): each record whose referring items are all given must find the same values "
        "in the target 移行ファイル's `to` items.",
        why="A 住民 whose 世帯番号 has no 世帯 is an orphan the standard system will refuse. "
        "`migrate convert` rejects such records, and cascades: a rejected 世帯 rejects its "
        "住民, then their 異動履歴, until nothing changes.",
        example="住民 with 世帯番号 `000000000000123` absent from the 世帯 file → `the value "
        "of 世帯番号 does not exist in the 移行ファイル 世帯 (pkg/setai.csv)` (convert names "
        "the file id: `世帯 (setai)`).",
        fix="Export the missing target records (check the extraction conditions of both "
        "files), or correct the referring value.",
        fix_ja="参照先の移行ファイルに対応するレコードを出力するか、参照元の値を修正してください",
    ),
    "CV01": CodeDoc(
        what="`migrate convert`: a transform step of the mapping turned a non-empty source "
        "value into nothing (a date it cannot read, a value outside its range, a number it "
        "cannot parse). The detail names the transform and its step; the record is rejected "
        "into `rejects/<file id>.rejects.csv`.",
        why="A value that cannot be converted is never dropped in silence, and a `default` "
        "never hides it: the record waits in the rejects file until the value is fixed.",
        example="生年月日 from a legacy `3640108` (昭和64年1月8日, after 昭和 ended) through "
        "`wareki_to_iso` → `the value of 生年月日 could not be converted (wareki_to_iso, step "
        "1)`.",
        fix="Fix the value in the legacy data, or adjust the mapping's transforms to the "
        "forms the legacy system really writes; then convert the rejects file again.",
        fix_ja="旧データの値を修正するか、マッピングの変換手順を実データの形式に合わせてください",
    ),
    "CV02": CodeDoc(
        what="`migrate convert`: a `code_map` step met a legacy code its map does not list "
        "(with `unmapped: reject`); the detail names the code map and step. The record is "
        "rejected.",
        why="Guessing a standard code for an unknown legacy code would put a wrong fact into "
        "the new system; the rejects file lists every such record instead.",
        example="Legacy 続柄 code `77` not in code map `zokugara` → `the code in 続柄 is not in "
        "the code map (code_map zokugara, step 1)`.",
        fix="Add the legacy code to the code map (after deciding its standard code with "
        "the business owner), or correct the legacy value.",
        fix_ja="コード変換表に旧コードを追加するか、旧データのコードを修正してください",
    ),
    "CV03": CodeDoc(
        what="`migrate convert` of a fixed-width source with record types: a record whose "
        "record type no mapping takes. It goes to `rejects/unassigned.rejects.csv`, located "
        "by record number and byte offset; the detail shows the type and its bytes.",
        why="Every record read must be either converted or rejected with a reason: the "
        "reconciliation (records read = assigned + unassigned) depends on it.",
        example="`no mapping takes this record (record type '9' (0x39) has no mapping)`.",
        fix="Add a mapping for that record type, or confirm that the type (a trailer, a "
        "control record) is meant to be left behind.",
        fix_ja="そのレコード種別のマッピングを追加するか、移行対象外であることを確認してください",
    ),
    "CV04": CodeDoc(
        what="`migrate convert` of a fixed-width source: a record whose length does not "
        "match `record_length`, or a partial record at the end of the file. It goes to the "
        "unassigned rejects file with its byte offset.",
        why="In a fixed-width file every value is found by byte position: one byte too many "
        "or too few shifts every later value of the record.",
        example="`the record does not fit the record framing (the file ends inside a record)`.",
        fix="Check `record_length`, the line ends (CR LF or none) and the encoding in the "
        "mapping's source; a file cut short needs a new export.",
        fix_ja="レコード長・改行・文字コードの定義を確認し、途中で切れたファイルは出力し直してください",
    ),
    "CV05": CodeDoc(
        what="`migrate readiness`: an item of the target standard layout that is 必須 "
        "(データ出力条件) or required gets no value from the mapping (no `from`, `default` or "
        "`const`). The detail says 必須 and whether 実装類型 is ○.",
        why="A standard system rejects a record without its 必須 items: every record of the "
        "グループ would be refused at loading, so migration cannot start.",
        example="`the required target item 操作者ID has no source (必須, 実装類型 ○)`.",
        fix="Map the item from a legacy column, or give a `const`/`default` agreed with the "
        "receiving vendor.",
        fix_ja="旧データの列を対応付けるか、受入側と合意した固定値を設定してください",
    ),
    "CV06": CodeDoc(
        what="`migrate readiness`: an item the target layout marks 実装類型 ○ (a standard "
        "system must output it) that is not 必須 gets no value from the mapping. A warning: "
        "the item may be 条件付き必須 (its condition is in the detail) or legitimately empty.",
        why="Data the standard system is required to hold but the migration leaves empty is "
        "a gap to agree on before cut-over, not after.",
        example="`the target item 氏_日本人 (実装類型 ○) has no source (条件付き必須: "
        "日本人住民の場合は出力必須)`.",
        fix="Map it (e.g. split 氏名 into 氏/名), or record with the receiving vendor why it "
        "stays empty.",
        fix_ja="項目を対応付けるか、空で移行する理由を受入側と確認してください",
    ),
    "CV07": CodeDoc(
        what="`migrate readiness --exclusive`: a 宛名番号 of the converted package also occurs "
        "in another 宛名 file that must not share numbers with it (e.g. a 住登外者宛名番号 "
        "that repeats a 住民's 宛名番号).",
        why="The 共通機能標準仕様書 gives 住登外者 and 住民 one numbering space: a 住登外者"
        "宛名番号 must not repeat a 住民 宛名番号, and duplicates are removed before migration.",
        example="`the value of 宛名番号 is also in another 宛名 file (jutogai.csv: "
        "住登外者宛名基本情報)`.",
        fix="Resolve the duplicate (名寄せ, or renumber the 住登外者) before migration.",
        fix_ja="移行前に重複を解消してください（名寄せ又は住登外者の宛名番号の変更）",
    ),
}
