"""``migrate mapping draft``: profiling, matching, proposed transforms and the YAML it writes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate.layout.catalog import resolve
from migrate.layout.names import normalise
from migrate.mapping.draft import DraftOptions, draft_mapping, propose
from migrate.mapping.loader import load_mapping, mapping_problems
from migrate.mapping.profile import read_sample
from migrate.mapping.proposal import Draft
from tests.conftest import SAMPLES
from tools.make_samples import mynumber

JUKI = resolve("juki")


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def draft_of(tmp_path: Path, rows: list[list[str]], file_id: str | None = "jumin") -> Draft:
    path = write_csv(tmp_path / "legacy.csv", rows)
    sample = read_sample(
        path, encoding=None, delimiter=None, header=True, rows=100, workdir=tmp_path
    )
    return propose(JUKI, sample, file_id)


def steps(draft: Draft, item: str) -> list[dict[str, Any]]:
    return [{"name": s.name, **s.params} for s in draft.proposals[item].steps]


def draft_yaml(tmp_path: Path, rows: list[list[str]], **options: Any) -> tuple[Path, str]:
    """Write the CSV, draft it, write the draft next to it; the mapping's path and text."""
    legacy = write_csv(tmp_path / "legacy.csv", rows, options.pop("encoding_written", "utf-8"))
    out = tmp_path / "mapping.yaml"
    text = draft_mapping(legacy, DraftOptions("juki", **options), out)
    out.write_text(text, encoding="utf-8")
    return out, text


def test_normalise_folds_ascii_width_spaces_and_case_only() -> None:
    assert normalise("ＢＩＲＴＨ＿ＤＡＴＥ") == normalise("birth date") == "birthdate"
    assert normalise("宛名　番号") == "宛名番号"
    assert normalise("ｶﾅ") == "ｶﾅ"  # half-width kana are data, not ASCII: not folded


def test_exact_normalised_and_synonym_headers(tmp_path: Path) -> None:
    d = draft_of(
        tmp_path,
        [
            ["団体コード", "宛名 番号", "BIRTH", "ＳＥＸ", "カナ氏名"],
            ["131016", "19", "19650412", "1", "ヤマダ"],
        ],
    )
    got = {i: (p.columns, p.confidence) for i, p in d.proposals.items()}
    assert got == {
        "lg_code": (("団体コード",), "header"),
        "atena_no": (("宛名 番号",), "header"),
        "birth_date": (("BIRTH",), "header-synonym"),
        "seibetsu": (("ＳＥＸ",), "header-synonym"),
        "shimei_kana": (("カナ氏名",), "header-synonym"),
        "birth_date_wareki": (("BIRTH",), "header-synonym"),  # the 和暦 twin of 生年月日
    }
    assert steps(d, "birth_date") == []  # already 西暦 YYYYMMDD
    codes = JUKI.code_tables["nengo"].values
    assert steps(d, "birth_date_wareki") == [{"name": "iso_to_wareki", "codes": codes}]


def test_check_digit_column_is_matched_by_profile(tmp_path: Path) -> None:
    numbers = [mynumber(f"{n:011d}") for n in (12345678901, 23456789012, 34567890123, 4)]
    d = draft_of(tmp_path, [["X1", "X2"], *([n, "abc"] for n in numbers)])
    p = d.proposals["kojin_bango"]
    assert (p.columns, p.confidence) == (("X1",), "profile")
    assert "個人番号 check digit" in p.reason
    assert "X2" not in d.used


def test_failing_check_digits_are_not_matched(tmp_path: Path) -> None:
    valid = [mynumber(f"{n:011d}") for n in (12345678902, 23456789013, 34567890124)]
    wrong = [v[:-1] + str((int(v[-1]) + 1) % 10) for v in valid]
    d = draft_of(tmp_path, [["X1"], *([n] for n in wrong)])
    assert "kojin_bango" not in d.proposals


def test_wareki_column_gets_wareki_to_iso(tmp_path: Path) -> None:
    d = draft_of(
        tmp_path,
        [
            ["生年月日", "誕生日"],
            ["S40.4.12", "03400412"],
            ["昭和43年8月30日", "04070105"],
            ["3400412", "05010501"],
            ["H元.1.8", "03640107"],
        ],
    )
    assert steps(d, "birth_date") == [{"name": "wareki_to_iso"}]
    # the synonym column is left over (生年月日 is taken): its 2-digit codes are profiled
    assert "誕生日" not in d.used


def test_two_digit_era_codes_take_the_layouts_table(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["BIRTH"], ["03400412"], ["04070105"], ["05010501"]])
    codes = JUKI.code_tables["nengo"].values
    assert steps(d, "birth_date") == [{"name": "wareki_to_iso", "codes": codes}]


def test_wareki_twin_fills_the_seireki_item(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["生年月日（和暦）"], ["03400412"], ["04070105"]])
    assert d.proposals["birth_date"].columns == ("生年月日（和暦）",)
    assert steps(d, "birth_date_wareki") == []
    assert steps(d, "birth_date")[0]["name"] == "wareki_to_iso"


def test_separated_seireki_gets_date_format(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["異動日"], ["2010/04/01"], ["2011/05/02"]])
    assert steps(d, "ido_date") == [{"name": "date_format", "to": "YYYYMMDD"}]


def test_halfwidth_kana_padding_and_fullwidth_digits(tmp_path: Path) -> None:
    d = draft_of(
        tmp_path,
        [
            ["氏名フリガナ", "郵便番号", "住民票コード"],
            ["ﾔﾏﾀﾞ ﾀﾛｳ", "１００００１３", "12345674"],
            ["サトウ　ハナコ", " 1000014", "00012345674"],
        ],
    )
    assert steps(d, "shimei_kana") == [{"name": "kana_h2z"}]
    assert steps(d, "yubin_bango") == [{"name": "trim"}, {"name": "alnum_z2h"}]
    assert steps(d, "juminhyo_code") == [{"name": "pad", "width": 11}]


def test_sei_and_mei_are_joined(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["SEI", "MEI", "氏カナ", "名カナ"], ["山田", "太郎", "ﾔﾏﾀﾞ", "ﾀﾛｳ"]])
    assert d.proposals["shimei"].columns == ("SEI", "MEI")
    assert steps(d, "shimei") == [{"name": "join", "separator": "\u3000"}]
    assert d.proposals["shimei_kana"].columns == ("氏カナ", "名カナ")
    assert steps(d, "shimei_kana") == [
        {"name": "join", "separator": "\u3000"},
        {"name": "kana_h2z"},
    ]


def test_code_column_gets_a_code_map_skeleton(tmp_path: Path) -> None:
    rows = [["SEX"], ["M"], ["F"], ["1"], ["M"], ["02"], ["男"]]
    out, text = draft_yaml(tmp_path, rows, file_id="jumin")
    doc = yaml.safe_load(text)
    assert doc["items"]["seibetsu"]["transforms"] == [{"name": "code_map", "map": "seibetsu"}]
    assert doc["code_maps"]["seibetsu"] == {
        "values": {"02": "2", "1": "1", "F": "", "M": "", "男": "1"},
        "unmapped": "reject",
    }
    assert '"M": ""  # TODO: not a 性別 code; 2 records' in text
    assert "    # 性別 codes: 1 男, 2 女\n    values:" in text  # the codes, listed once
    problems = mapping_problems(doc, out)
    assert not [p for p in problems if "seibetsu" in p or "code_maps" in p]


def test_valid_codes_need_no_code_map(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["性別"], ["1"], ["2"]])
    assert steps(d, "seibetsu") == []
    assert d.proposals["seibetsu"].code_map is None


def legacy_jumin(tmp_path: Path, encoding: str) -> Path:
    """samples/juki/valid/jumin.csv with legacy headers, split names and 和暦 birth dates."""
    with (SAMPLES / "valid" / "jumin.csv").open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    renamed = {"生年月日": "BIRTH", "性別": "SEX", "宛名番号": "ATENA_NO", "個人番号": "NO"}
    wareki = header.index("生年月日（和暦）")
    out = [[renamed.get(h, h) for h in header]]
    for row in rows:
        row[header.index("生年月日")] = "S" + row[wareki][2:] if row[wareki] else ""
        row[header.index("性別")] = {"1": "M", "2": "F"}[row[header.index("性別")]]
        out.append(row)
    return write_csv(tmp_path / "jumin_legacy.csv", out, encoding)


def test_complete_draft_passes_load_mapping(tmp_path: Path) -> None:
    legacy = legacy_jumin(tmp_path, "cp932")
    out = tmp_path / "maps" / "jumin.yaml"
    text = draft_mapping(legacy, DraftOptions("juki"), out)
    out.parent.mkdir()
    out.write_text(text, encoding="utf-8")
    loaded = load_mapping(out)
    assert (loaded.file.id, loaded.source.encoding, loaded.source.delimiter) == (
        "jumin",
        "cp932",
        ",",
    )
    assert "encoding: cp932  # guessed from the bytes" in text
    assert "# DRAFT mapping" in text and "jumin_legacy.csv" in text
    by_id = {i.target: i for i in loaded.items}
    assert by_id["birth_date"].source == ("BIRTH",)
    assert [s.name for s in by_id["birth_date"].transforms] == ["wareki_to_iso"]
    assert by_id["kojin_bango"].source == ("NO",)
    assert loaded.code_maps["seibetsu"].values == {"F": "", "M": ""}


def test_declared_encoding_is_not_called_a_guess(tmp_path: Path) -> None:
    legacy = legacy_jumin(tmp_path, "cp932")
    text = draft_mapping(legacy, DraftOptions("juki", encoding="MS932", rows=3))
    assert "  encoding: cp932\n" in text
    assert "profiled the first 3 records" in text


def test_incomplete_draft_lists_todos_that_check_reports(tmp_path: Path) -> None:
    out, text = draft_yaml(tmp_path, [["団体コード", "謎"], ["131016", "x"]], file_id="jumin")
    assert "  # TODO 氏名 (shimei): required, no source column found" in text
    assert "  # TODO 旧氏 (kyuuji): optional, no source column found" in text
    assert '# source column "謎" not used: 1 values, 1 distinct' in text
    problems = mapping_problems(yaml.safe_load(text), out)
    assert "items/shimei: required target item (氏名) has no from, default or const" in problems


def test_awkward_header_names_stay_valid_yaml(tmp_path: Path) -> None:
    awkward = ['a: "b" # c', "- x", "\\back", "tab\there", ""]
    rows = [["団体コード", *awkward], ["131016", "1", "2", "3", "4", "5"]]
    _, text = draft_yaml(tmp_path, rows, file_id="jumin")
    assert yaml.safe_load(text)["items"]["lg_code"] == {"from": "団体コード"}
    assert text.count("not used") == 5
    assert '"" not used: it has no name in the header' in text


@pytest.mark.parametrize("cell", ["", "x"])
def test_draft_never_prints_personal_values(tmp_path: Path, cell: str) -> None:
    _, text = draft_yaml(tmp_path, [["氏名", "謎"], ["山田　太郎", cell]], file_id="jumin")
    assert "山田" not in text


def test_the_file_naming_most_columns_wins_over_an_exact_smaller_one(tmp_path: Path) -> None:
    # Its 異動 columns carry the 異動履歴 names exactly, but it is a 住民 export.
    header = ["宛名番号", "履歴番号", "異動事由", "異動日", "処理日", "氏名", "生年月日", "性別"]
    row = ["19", "1", "01", "20100401", "20100405", "山田　太郎", "19650412", "1"]
    d = draft_of(tmp_path, [header, row], file_id=None)
    assert d.spec.id == "jumin"


def test_a_code_item_is_mapped_not_padded(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["異動事由"], ["01"], ["02"]])
    assert steps(d, "ido_jiyu") == [{"name": "code_map", "map": "ido_jiyu"}]


def test_hojin_bango_column_is_matched_by_its_check_digit(tmp_path: Path) -> None:
    rows = [["X1"], ["7123456789012"], ["5835678256246"], ["8000020130001"]]
    path = write_csv(tmp_path / "h.csv", rows)
    sample = read_sample(
        path, encoding=None, delimiter=None, header=True, rows=10, workdir=tmp_path
    )
    d = propose(resolve("hojin-jumin"), sample, "hojin")
    assert d.proposals["hojin_bango"].columns == ("X1",)
    assert d.proposals["hojin_bango"].confidence == "profile"
