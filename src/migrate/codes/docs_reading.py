"""Documentation of the RD (reading and decoding) and ST (structure) codes."""

from __future__ import annotations

from migrate.codes.model import CodeDoc

DOCS: dict[str, CodeDoc] = {
    "RD01": CodeDoc(
        what="Decodes the file in the declared (or guessed) encoding and locates every run of "
        "bytes that is not valid in it, by line and byte offset. Every such run is counted; "
        "the first ones are listed with their bytes in hex.",
        why="An undecodable byte becomes U+FFFD: the value it belonged to is no longer the "
        "value the old system held. `migrate convert` rejects a record whose mapped column "
        "held such bytes rather than write a damaged value.",
        example="A CP932 file read with `--encoding utf-8`: `RD01 bytes that cannot be "
        "decoded (utf-8: 0x8E at byte 1042)` on the line "
        "that holds 山 (0x8E52 in CP932).",
        fix="Declare the right encoding (`--encoding`, or `physical.encoding` in the layout). "
        "If the encoding is right, the bytes are damage or vendor-specific codes (e.g. 外字 "
        "written as raw bytes into Shift_JIS, which has no user-defined area): have the old "
        "system export them properly, or map them before validating.",
        fix_ja="--encoding で正しい文字コードを指定し、"
        "それでも残るバイトは出力元で修正してください",
    ),
    "RD02": CodeDoc(
        what="Reports that neither `--encoding` nor the layout's `physical.encoding` named the "
        "encoding, so it was guessed from the first megabyte: a BOM, then strict UTF-8, then "
        "CP932 or EUC-JP.",
        why="A guess is not a fact: an ASCII-only head fits several encodings, and a file that "
        "is CP932 after its first megabyte would then fail later. The report says which "
        "encoding it assumed so that a reader can confirm it.",
        example="`migrate validate jumin.csv --layout juki` → `RD02 no encoding was declared; "
        "cp932 is a guess, confirm it with --encoding`.",
        fix="Pass `--encoding cp932` (or whatever the export is written in), or set "
        "`physical.encoding` in the layout when every file of that layout uses one encoding.",
        fix_ja="--encoding で文字コードを明示してください（推定結果を確認したうえで）",
    ),
    "RD03": CodeDoc(
        what="Looks for NUL bytes while decoding; the first one stops the file's validation "
        "and its byte offset is reported.",
        why="Text exports never hold NUL bytes. A file that does is something else under a "
        'text name (a spreadsheet, an archive, a UTF-16 export): checking its "fields" '
        "would report noise.",
        example="`jumin.csv` that is really an .xlsx workbook → `RD03 the file holds binary "
        "data (NUL bytes), not text` with `byte_offset` 5.",
        fix="Export the data as delimited text in UTF-8, CP932, Shift_JIS or EUC-JP. UTF-16 "
        "is not supported: re-save it as UTF-8.",
        fix_ja="テキスト形式（UTF-8 または CP932 等の区切り文字形式）で出力し直してください",
    ),
    "RD04": CodeDoc(
        what="Reports a file of zero bytes, or, when the layout says the file has a header, a "
        "file whose header row is blank.",
        why="An empty 移行ファイル usually means the extraction ran with the wrong condition or "
        "was cut off; a blank header leaves nothing to identify or locate the columns by.",
        example="`setai.csv` of 0 bytes → `RD04 the file is empty`.",
        fix="Re-run the export and check its extraction conditions; if the file really has no "
        "records, it still needs its header row.",
        fix_ja="抽出条件を確認して出力し直してください（0件でも見出し行は必要です）",
    ),
    "RD05": CodeDoc(
        what="Reports that the CSV reader gave up on the file as delimited text; the detail "
        "quotes the first line of the reader's error. Nothing else in the file is checked.",
        why="When the text cannot be split into records, no record can be located or "
        "checked; reporting one clear file-level finding is better than a traceback.",
        example="`RD05 the file cannot be read as delimited text (…the reader's message…)`.",
        fix="Check the delimiter (`--delimiter`, or the layout's `physical.delimiter`), the "
        "quote character and the encoding; look at the file around the place the message "
        "names.",
        fix_ja="区切り文字・囲み文字・文字コードの指定を確認してください",
    ),
    "ST01": CodeDoc(
        what="Compares the header row with the layout: each item whose データ項目名称 does "
        "not appear in the header is reported on line 1.",
        why="Columns are found by name. An item that is not found is not checked at all, and "
        "the standard system will not receive it.",
        example="The header says `氏名（フリガナ）` where the layout says `氏名フリガナ` → "
        "`ST01 the header lacks the item 氏名フリガナ` (and `ST02` for the other name).",
        fix="Name the column exactly as the layout's データ項目名称 (全角/半角 and spaces "
        "count), or add the missing column.",
        fix_ja="見出しをレイアウトのデータ項目名称と完全に一致させるか、列を追加してください",
    ),
    "ST02": CodeDoc(
        what="Reports each header column whose name is not an item of the layout, and each "
        "repeat of a name that already appeared; the detail gives the column number.",
        why="An unknown column is data the standard does not take: it is either a misnamed "
        "item (then `ST01` names the item it should be) or something that must not be sent.",
        example="`ST02 the header has a column not in the layout: 7: '備考'`.",
        fix="Rename the column to the item it holds, or drop it from the export; drop a "
        "repeated column.",
        fix_ja="レイアウトにない列は削除するか、正しいデータ項目名称に直してください",
    ),
    "ST03": CodeDoc(
        what="When every item is present, compares their order in the header with the "
        "layout's order and reports the first column where they differ.",
        why="Values are still read by name, so every other check runs, but the standard "
        "layout fixes the order of items and importing systems may read by position.",
        example="`ST03 the header names the layout's items in another order (column 3: "
        "'生年月日', layout: '氏名')`.",
        fix="Write the columns in the layout's order (`migrate layouts show` lists it).",
        fix_ja="列の並びをレイアウトの順序に合わせてください",
    ),
    "ST04": CodeDoc(
        what="Counts the fields of every record and reports records with fewer fields than "
        "the header (or, without a header, than the layout has items); the note gives both "
        "counts.",
        why="A short record usually means a line break inside an unquoted value split one "
        "record in two: every value after the break sits in the wrong column. `migrate "
        "convert` rejects such a record for that reason alone.",
        example="`line 57 record 56: the record has too few fields; expected 42, found 17`.",
        fix="Quote values that hold line breaks (or remove the breaks) in the export, and "
        "check that the line is not cut off.",
        fix_ja="値の中の改行を囲み文字で囲むか除去し、レコードが途中で切れていないか確認してください",
    ),
    "ST05": CodeDoc(
        what="Reports records with more fields than the header (or the layout's items); the "
        "note gives both counts.",
        why="An extra field usually means an unquoted delimiter inside a value (a comma in an "
        "address): the values after it are shifted. `migrate convert` rejects such a record.",
        example="`住所` written as `本町1,2-3` without quotes → `the record has too many "
        "fields; expected 42, found 43`.",
        fix="Quote values that contain the delimiter, or remove a trailing delimiter the "
        "export adds to every line.",
        fix_ja="区切り文字を含む値を囲み文字で囲んでください（行末の余分な区切り文字も削除）",
    ),
    "ST06": CodeDoc(
        what="Reports blank lines among the records. A blank line counts as a record, so the "
        "record numbers of later findings still match the file.",
        why="A blank line carries no data but is not harmless: importers may read it as an "
        "empty record. `migrate validate` warns; `migrate convert` rejects it.",
        example="`line 120 record 119: blank line`.",
        fix="Remove blank lines from the export (often a trailing blank line, or a page "
        "break of a report-style export).",
        fix_ja="空行を削除してください",
    ),
    "ST07": CodeDoc(
        what="When a directory (an export package) is validated, reports each 移行ファイル "
        "the layout marks as required for which no file of the directory was identified.",
        why="The standard system needs every required 移行ファイル; a missing one also "
        "leaves the references into it unchecked.",
        example="A package without the 世帯 file → `ST07 the export package lacks the "
        "移行ファイル 世帯 (setai)`.",
        fix="Add the file. If it is there, make it identifiable: a header naming the items, "
        "or a file name matching the 移行ファイル's `match` patterns in the layout.",
        fix_ja="不足している移行ファイルを追加するか、見出し行・ファイル名で識別できるようにしてください",
    ),
    "ST08": CodeDoc(
        what="When a directory is validated, reports a data file that neither its header "
        "nor its file name identifies as any 移行ファイル of the layout; it is not "
        "validated. (A single file that cannot be identified is exit 2, asking for `--file`.)",
        why="A file nobody checked must not pass as checked: this warning says so.",
        example="`notes.txt` in the package folder → `ST08 matches no 移行ファイル of the "
        "layout, so it was not validated`.",
        fix="Remove stray files from the package, fix the file's header, or name it so a "
        "`match` pattern of the layout matches it; validate it alone with `--file`.",
        fix_ja="不要なファイルを除くか、見出し行・ファイル名を移行ファイルに合わせてください",
    ),
    "ST09": CodeDoc(
        what="A record whose quoting RFC 4180 does not allow: a quote inside an unquoted "
        'field (`12"monitor`), text after a closing quote (`"ab" ,x`), a quote after a '
        'space (`3, "x"`). Each line is checked with one regex; the record is located by '
        "line and byte offset in the source.",
        why="Such a record cannot be split into fields the same way by every reader: one "
        "stray quote can swallow the rest of the file or shift values into the wrong items. "
        "Its fields are not read (nothing is guessed); the rest of the file still is, and "
        "`migrate convert` rejects the record.",
        example="`1,12\"monitor,x` on line 2 → `the record's quoting is malformed (a quote inside "
        "an unquoted field, or text after a closing quote), so its fields cannot be told apart`.",
        fix='Quote the whole field and double every quote inside it (`"12""monitor"`), '
        "or fix the export program's quoting.",
        fix_ja="項目全体を引用符で囲み、内部の引用符は二重にしてください",
    ),
}
