"""Documentation of the TY (type, format, length) and VA (values) codes."""

from __future__ import annotations

from migrate.codes.model import CodeDoc

_BLANK = "Empty values (nothing, or only half- or full-width spaces) are left to `VA01`."

DOCS: dict[str, CodeDoc] = {
    "TY01": CodeDoc(
        what="Items of type `digits` must hold ASCII digits 0-9 and nothing else. " + _BLANK,
        why="Numbers such as 宛名番号 are compared and joined as digit strings; a full-width "
        "digit, a hyphen or a padding space makes an equal number look different.",
        example="宛名番号 `０００１２３４３` (full-width) → "
        "`宛名番号 must hold ASCII digits only`.",
        fix="Convert full-width digits to ASCII and remove separators and padding in the "
        "export (or with a mapping transform in `migrate convert`).",
        fix_ja="全角数字を半角に直し、ハイフン・空白などの数字以外の文字を除いてください",
    ),
    "TY02": CodeDoc(
        what="Items of type `number` must read `[-+]digits[.digits]` in ASCII: an optional "
        "sign, digits, and an optional decimal part. " + _BLANK,
        why="Amounts are loaded as numbers; thousands separators, full-width digits or a "
        "bare decimal point are read differently (or not at all) by importers.",
        example="`1,200` → `… is not a number`; `1200` and `-0.5` pass.",
        fix="Write plain ASCII numbers without separators, currency signs or units.",
        fix_ja="桁区切りや単位を除き、半角の数値で記録してください",
    ),
    "TY03": CodeDoc(
        what="Items with a maximum 桁数: the value's length must not exceed it, measured in "
        "the item's unit: characters, or bytes in an encoding (`bytes:cp932` counts ASCII and "
        "half-width kana as one byte, other characters as two). Dates are left to their "
        "date checks.",
        why="The standard system stores the item in that many bytes or characters; a longer "
        "value is cut or refused on import, and a cut name or address is a wrong one.",
        example="氏名 of 41 全角 characters in an item of `80 bytes (cp932)` → "
        "`氏名 is longer than 80 bytes (cp932)`.",
        fix="Find why the value is long (joined fields, padding, a wrong item); shorten it "
        "only by a decision recorded for that item, never by silent cutting.",
        fix_ja="桁数を超える原因（余分な空白・項目の取り違え等）を確認し、方針を決めて修正してください",
    ),
    "TY04": CodeDoc(
        what="Items with `length_exact` (codes, fixed-width numbers): the value's length must "
        "equal the 桁数, in the item's unit. " + _BLANK,
        why="Fixed-length values are compared as they are: a code without its leading zeros "
        "or its check digit is another code, or none.",
        example="団体コード `13101` → `団体コード must be exactly 6 bytes (cp932)`.",
        fix="Restore leading zeros (spreadsheets drop them) or the missing check digit; "
        "make sure the export keeps the value as text.",
        fix_ja="先頭の0の欠落などを直し、定められた桁数で記録してください",
    ),
    "TY05": CodeDoc(
        what="Date items (`yyyymmdd`, `wareki_gyymmdd`, `wareki_eeyymmdd`) must have the "
        "form's digits and be a calendar date (leap years counted). Where the item does not "
        "accept them, 不詳 dates (a 00 part) and non-calendar dates are errors here too.",
        why="A date that is not a date cannot be loaded, compared or aged; an export that "
        "writes `20230230` or `2023/1/5` needs fixing at the source.",
        example="生年月日 `20230230` in an item that accepts no non-calendar dates → "
        "`生年月日 is not a calendar date in the form YYYYMMDD`.",
        fix="Write the date in the item's form without separators; correct impossible dates "
        "from the source records. If the standard allows 不詳 or non-calendar dates for the "
        "item, the layout should say `uncertain_dates`.",
        fix_ja="項目の形式（例: YYYYMMDD）で暦上正しい日付を記録してください",
    ),
    "TY06": CodeDoc(
        what="和暦 dates: the 年号コード must be in the layout's era code table (detail "
        "`unknown era code`), and the date must lie within that era's period (detail "
        "`outside the era`).",
        why="The era fixes the year: 平成32年 does not exist (平成 ended on 31年4月30日), and an "
        "unknown era code turns every such date into an unknown year.",
        example="`04320101` (平成32年1月1日) → `… is not a valid 和暦 date (outside the era)`; "
        "`09010101` → `(unknown era code)`.",
        fix="Convert dates after an era change to the new era (平成32年 → 令和2年) and map the "
        "old system's era codes to the layout's 年号コード.",
        fix_ja="元号の期間内の日付に直し、年号コードをコード表の値に合わせてください",
    ),
    "TY07": CodeDoc(
        what="Items that accept non-calendar dates (the layout's `uncertain_dates`, e.g. "
        "生年月日 under 住民記録 standard 1.1.8): a date with month 1-12 and day 1-31 that is "
        "not on the calendar (0229 of a common year, 0431), or the first day of a new era "
        "written in the old one (明治45年7月30日), is accepted and noted.",
        why="Old registers hold such dates and the standard keeps them as they are; they are "
        "listed so that nobody 'corrects' them by accident and their count is known.",
        example="生年月日 `19230229` → `生年月日 is not a calendar date; the standard accepts "
        "that for this item` (info).",
        fix="Nothing to fix: keep the value as recorded. Check only that it is the "
        "registered date, not a typing error.",
        fix_ja="修正は不要です（原票どおりであることだけ確認してください）",
    ),
    "TY08": CodeDoc(
        what="Items that accept 不詳 dates (`uncertain_dates`): a date whose month or day "
        "(or year) is 00 is accepted and noted.",
        why="An unknown day or month is a fact of the register (e.g. a foreign resident's "
        "birth date); the standard keeps it, and its count is worth knowing.",
        example="生年月日 `19500000` → `生年月日 is a 不詳 date (part of it is 00); the "
        "standard accepts that for this item` (info).",
        fix="Nothing to fix when the register says the date is unknown.",
        fix_ja="修正は不要です（不詳であることを原票で確認してください）",
    ),
    "TY09": CodeDoc(
        what="TIME items of a 基本データリスト layout: `HH:MM` or `HH:MM:SS`, 24-hour clock, "
        "zero-padded, hours 00-23, minutes and seconds 00-59.",
        why="The standard system reads a TIME item in exactly that form; `9:00`, `0900` or "
        "`24:00` would be refused or read as another time.",
        example="操作時刻 `9:00` → `操作時刻 is not a time of day in the form HH:MM[:SS]`.",
        fix="Write the time zero-padded on the 24-hour clock (`09:00`); convert 午前/午後 "
        "forms in the conversion mapping.",
        fix_ja="時刻をHH:MM（:SS）の形式（0埋め、24時間表記）で設定してください",
    ),
    "VA01": CodeDoc(
        what="Required items (`required: true`), and items required under a condition "
        "(`required_when`: another item holds one of given values), must hold a value: not "
        "empty and not only half- or full-width spaces.",
        why="The standard system cannot register a record without its required items; an "
        "empty 団体コード or 氏名 stops the whole record.",
        example="氏名 empty → `the required item 氏名 is empty`; 国籍・地域 empty where "
        "住民種別 is `2` (外国人住民).",
        fix="Fill the item from the source system; if the old system never held it, agree "
        "with the vendor how to derive it.",
        fix_ja="必須項目に値を設定してください（旧システムにない場合は設定方法を協議）",
    ),
    "VA02": CodeDoc(
        what="Items with a code table: a given value must be one of the table's codes, "
        "compared exactly as text.",
        why="A code the standard does not define has no meaning in the new system; `1` is not "
        "`01`, and an old system's private code needs mapping.",
        example="性別 `9` where the table 性別 has `1` and `2` → `性別 holds a code that is not "
        "in the code table 性別`.",
        fix="Map the old system's codes to the standard's (a `code_map` in the mapping "
        "file) and keep leading zeros.",
        fix_ja="コード表の値に変換してください（旧コードはコード変換表で対応付け）",
    ),
    "VA03": CodeDoc(
        what="Items with a `charset` must hold only its characters: 半角数字, 半角英数字, "
        "全角カタカナ (with ー・ヽヾ and spaces), 全角文字, or 半角文字.",
        why="Searching and sorting by フリガナ depend on one script: half-width kana or "
        "hiragana in a katakana item are not found by a katakana search.",
        example="氏名フリガナ `ﾔﾏﾀﾞ ﾀﾛｳ` → `氏名フリガナ holds characters other than 全角カタカナ`.",
        fix="Convert the item's script in the export (half-width to full-width kana, "
        "hiragana to katakana) — for that item only, never for names wholesale.",
        fix_ja="項目の文字種（例: 全角カタカナ）に合わせて変換してください",
    ),
    "VA04": CodeDoc(
        what="Text items that do not allow 外字 (`gaiji` not set): a Private Use Area "
        "character (U+E000-F8FF, planes 15-16) is an error.",
        why="A PUA code point means a character only the old system's 外字 table knows; in "
        "the new system it shows as another glyph or as nothing.",
        example="在留資格 holding U+E123 → `在留資格 does not allow 外字 but holds a Private "
        "Use Area character`.",
        fix="Identify the character (文字同定) and replace it with a standard character, or "
        "with the agreed notation, before the export.",
        fix_ja="外字を文字同定し、標準の文字に置き換えてください",
    ),
    "VA05": CodeDoc(
        what="Text items that do not allow 外字: a character outside the JIS X 0213 "
        "repertoire that is not a PUA character (emoji, CJK characters beyond JIS X 0213 such "
        "as 𠮷) is an error.",
        why="The standard limits these items to JIS X 0213; other characters cannot be "
        "stored or printed reliably by every standard system.",
        example="在留資格 holding 😀 → `在留資格 holds a character outside JIS X 0213`.",
        fix="Replace the character with one inside JIS X 0213. (Items that allow 外字, such "
        "as 氏名, note such characters as `VA06` instead.)",
        fix_ja="JIS X 0213 の範囲内の文字に置き換えてください",
    ),
    "VA06": CodeDoc(
        what="Text items that allow 外字 (`gaiji: true`, e.g. 氏名): every value holding a "
        "character outside JIS X 0213, PUA 外字 included, is noted.",
        why="Such characters are allowed but each needs 文字同定 (identification against MJ "
        "文字 / 住基ネット統一文字) before the move; the count is the size of that work.",
        example="氏名 holding U+E001 → `氏名 holds a Private Use Area character (外字) that "
        "needs 文字同定` (info).",
        fix="Run 文字同定 for the listed values and record the standard character (MJ) each "
        "外字 maps to.",
        fix_ja="外字の文字同定を行い、対応する標準文字（MJ文字等）を確定してください",
    ),
    "VA07": CodeDoc(
        what="全国地方公共団体コード of 6 digits: the last digit must equal (11 - S mod 11) "
        "mod 10, S being the first five digits weighted 6, 5, 4, 3, 2. Values not of 6 "
        "digits are left to the type and length checks.",
        why="A wrong check digit means a mistyped or truncated code: the record would be "
        "assigned to another municipality, or to none.",
        example="`131016` (千代田区) passes; `131017` → `団体コード: the check digit of the "
        "全国地方公共団体コード is wrong`.",
        fix="Use the 6-digit code with its check digit, as listed by 総務省.",
        fix_ja="検査数字を含む正しい6桁の団体コードを記録してください",
    ),
    "VA08": CodeDoc(
        what="個人番号 of 12 digits: the last digit must be the check digit of the 省令 "
        "formula (weights 2-7 then 2-6 from the right, 11 - S mod 11, 0 when the remainder "
        "is 0 or 1).",
        why="A 個人番号 with a wrong check digit is not a number anyone holds: a typing or "
        "shifting error that must be corrected, not migrated.",
        example="`123456789018` passes; `123456789012` → `個人番号: the check digit of the "
        "個人番号 is wrong` (value shown as `***` unless `--show-values`).",
        fix="Correct the number from the source record (住基ネット); never recompute the "
        "check digit to make it pass.",
        fix_ja="原票・住基ネットで正しい個人番号を確認してください（検査用数字の再計算はしない）",
    ),
    "VA09": CodeDoc(
        what="住民票コード of 11 digits: the last digit is checked with the 個人番号 formula "
        "over a 10-digit body. The formula is inferred, not published, so this is a warning.",
        why="A mismatch most likely means a mistyped code; since the formula is not "
        "official, confirm before changing anything.",
        example="`12345678903` passes; `12345678901` → `住民票コード: the check digit of the "
        "住民票コード does not match (formula inferred)`.",
        fix="Compare the listed values with 住基ネット; correct those that differ there.",
        fix_ja="住基ネットの住民票コードと照合し、異なるものを修正してください",
    ),
    "VA10": CodeDoc(
        what="宛名番号 and 世帯番号 with the `atena_m11` check: the last digit must be the "
        "modulus 11 check digit with weights 2-7 repeating from the right (0 when the "
        "remainder is 0 or 1). Leading zeros weigh nothing, so every length is checked alike.",
        why="The standard asks new numbers to carry this check digit; numbers issued by the "
        "old system need not, hence a warning rather than an error.",
        example="`00012343` passes; `00012345` → `宛名番号 fails the modulus 11 (weights "
        "2-7) check digit; legacy numbers need not carry one`.",
        fix="Nothing, if the old numbers never had check digits (decide that once per "
        "system); otherwise correct the mistyped numbers.",
        fix_ja="既存番号に検査数字がない場合は対応不要です。付番誤りのみ修正してください",
    ),
    "VA11": CodeDoc(
        what="法人番号 of 13 digits: the FIRST digit must equal 9 - (S mod 9), S being the "
        "12-digit body weighted 1, 2, 1, 2 … from its right end.",
        why="A 法人番号 with a wrong check digit names no corporation: the record could not "
        "be matched with 国税庁's register.",
        example="`9234567890123` passes; `1234567890123` → `法人番号: the check digit of the "
        "法人番号 is wrong`; so does `0111101000006` (the check digit is never 0).",
        fix="Look the corporation up in the 国税庁法人番号公表サイト and record its number.",
        fix_ja="国税庁法人番号公表サイトで正しい法人番号を確認してください",
    ),
    "VA12": CodeDoc(
        what="Text items: a C0 control character (other than TAB, LF, CR), DEL, a C1 control, "
        "a bidi control (U+202A–U+202E, U+2066–U+2069, U+200E/F) or U+FEFF inside a value, "
        "checked on every record with one regex per item.",
        why="Invisible characters make two equal-looking names differ, break 名寄せ and "
        "printing, and a bidi override can make a value read as something else on screen.",
        example="氏名 `山田` + U+0007 + `太郎` → `氏名 holds a control character (C0 or C1, a "
        "bidi control, or a BOM mid-text)`.",
        fix="Remove the invisible character at its source (often a paste from another system "
        "or a BOM written mid-file by a concatenation).",
        fix_ja="制御文字を元データから除いてください",
    ),
}
