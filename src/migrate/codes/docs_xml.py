"""Documentation of the XM codes: reading XML and validating it against an XML Schema."""

from __future__ import annotations

from migrate.codes.model import CodeDoc

DOCS: dict[str, CodeDoc] = {
    "XM01": CodeDoc(
        what="Reads the XML with a streaming parser; the first place where the text is not "
        "well-formed (an unclosed tag, an undefined entity, a stray `&`) is reported with its "
        "line and the path of the element being read. Reading stops there: the records before "
        "it are validated, the rest are not read.",
        why="After a syntax error an XML parser cannot tell where the next record begins; "
        "guessing would invent or merge records. The records already read are still checked "
        "so that one broken tag near the end does not hide every other finding.",
        example="`<氏名>山田</氏>` on line 12 → `XM01 not well-formed XML; reading stopped here "
        "(Opening and ending tag mismatch: 氏名 line 12 and 氏)`.",
        fix="Have the exporting system write well-formed XML (escape `&` and `<` in values as "
        "`&amp;` and `&lt;`); check the file with any XML parser before migrating.",
        fix_ja="出力元で整形式のXML（& や < のエスケープ等）を出力してください",
    ),
    "XM02": CodeDoc(
        what="Looks at the text before the root element; a `<!DOCTYPE` declaration refuses the "
        "file before any of it is parsed. No entity is defined or expanded and no external "
        "DTD or entity is fetched.",
        why="A DTD is how XML attacks work: entity expansion (billion laughs, quadratic "
        "blow-up) exhausts memory, external entities read local files or reach the network. "
        "Migration exports have no need of a DTD; refusing it is the only safe reading.",
        example='A file starting `<!DOCTYPE lolz [<!ENTITY lol "lol"> …]>` → `XM02 the XML '
        "holds a DTD (DOCTYPE); it is refused unread`, line 2.",
        fix="Export without a DOCTYPE (validate the structure with `--xsd` instead of a DTD).",
        fix_ja="DOCTYPE宣言を含まないXMLを出力し、構造の検証には --xsd を使ってください",
    ),
    "XM03": CodeDoc(
        what="Stops reading at a limit that keeps memory bounded: elements nested deeper than "
        "64, a record element holding more than 100,000 elements, a value longer than "
        "1,048,576 characters, or no root element in the first 64 KiB. libxml2's own limits "
        "(`huge_tree` off) apply as well.",
        why="The reader holds one record at a time; a record without end, or a value without "
        "end, would make memory grow with the file. No real migration record comes near the "
        "limits.",
        example="A file nesting `<a>` 100,000 deep → `XM03 the XML exceeds a reading limit; "
        "reading stopped here (elements nested deeper than 64)` at the line of the 65th.",
        fix="Check that the layout's record element (`physical.xml.record`) is the repeated "
        "element of the export, and that the file is the export it claims to be.",
        fix_ja="レイアウトのレコード要素の指定と、ファイルの内容を確認してください",
    ),
    "XM04": CodeDoc(
        what="With `--xsd SCHEMA.xsd`, validates the file against the user's XML Schema with "
        "lxml; every schema error is a finding with its line and the path lxml gives. A file "
        "that fits in memory is validated as one tree; a larger one record by record against "
        "the record element's declaration (the report's `meta.xsd_mode` says which).",
        why="An XML Schema (for instance an APPLIC 業務ユニット's) states structure the layout "
        "does not: element order, occurrence, facets. Its errors are findings like any other "
        "so that one report carries them.",
        example="`<生年月日>1990-13-01</生年月日>` → `XM04 does not conform to the XML Schema "
        "(Element '生年月日': '1990-13-01' is not a valid value of the atomic type "
        "'xs:date'.)`.",
        fix="Correct the data at the exporting system, or the schema if it is out of date.",
        fix_ja="出力元のデータ（またはスキーマ）を修正してください",
    ),
    "XM05": CodeDoc(
        what="Reports an element at the depth of the record element whose name is not the "
        "record element's; it is not read, and reading goes on.",
        why="Such an element holds data that the layout does not place: it would otherwise be "
        "dropped in silence.",
        example="Record `/住民記録/住民` and a `<世帯>` beside the 住民 elements → `XM05 an "
        "element the layout does not name was not read (<世帯> is not a record element of the "
        "layout)`.",
        fix="Add the element to the layout (a 移行ファイル with its own binding) or remove it "
        "from the export.",
        fix_ja="レイアウトに要素を追加するか、出力から除いてください",
    ),
    "XM06": CodeDoc(
        what="Reports an item element that occurs more than once in its row, or that holds "
        "child elements; the first element's text is read.",
        why="A 項目 holds one value; a second value, or values in child elements, would "
        "otherwise be lost without a word.",
        example="`<住民><氏名>山田</氏名><氏名>山田太郎</氏名></住民>` → `XM06 the element of 氏名 "
        "occurs twice or holds elements: only its first text was read`.",
        fix="Export each 項目 once per row; a repeated group is a 移行ファイル of its own "
        "(`files[].xml.path`).",
        fix_ja="項目は行ごとに1回だけ出力し、繰返しは別の移行ファイルとして定義してください",
    ),
}
