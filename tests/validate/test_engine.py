"""The engine end to end on small inputs: header handling, header-less layouts, odd files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.errors import InputError, UsageError
from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import mini_layout

ITEMS = [
    {"id": "a", "name": "番号", "type": "digits", "required": True},
    {"id": "b", "name": "性別", "type": "code", "code": "sex"},
]


def _findings(
    tmp_path: Path, write_layout: Any, text: str, **physical: Any
) -> list[tuple[str, int | None]]:
    doc = mini_layout(ITEMS)
    doc["physical"].update(physical)
    layout = load_layout(write_layout(doc))
    src = tmp_path / "d.csv"
    src.write_text(text, encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    return sorted((f.code, f.line) for f in res.findings)


def test_header_only_file_is_valid_with_zero_records(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    src = tmp_path / "d.csv"
    src.write_text("番号,性別\n", encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert res.records == 0 and res.valid and res.findings == []


def test_headerless_layout_maps_columns_by_position(tmp_path: Path, write_layout: Any) -> None:
    found = _findings(tmp_path, write_layout, "1,1\n,3\n2,2\n", header=False)
    assert found == [("VA01", 2), ("VA02", 2)]


def test_columns_are_found_by_name_in_any_order(tmp_path: Path, write_layout: Any) -> None:
    found = _findings(tmp_path, write_layout, "性別,番号\n1,1\n3,x\n")
    assert found == [("ST03", 1), ("TY01", 3), ("VA02", 3)]


def test_extra_header_column_is_reported_and_its_values_ignored(
    tmp_path: Path, write_layout: Any
) -> None:
    found = _findings(tmp_path, write_layout, "番号,性別,備考\n1,1,なんでも\n")
    assert found == [("ST02", 1)]


def test_missing_item_column_skips_its_rules(tmp_path: Path, write_layout: Any) -> None:
    found = _findings(tmp_path, write_layout, "番号\n1\n\n")
    assert found == [("ST01", 1), ("ST06", 3)]


def test_records_are_counted_across_quoted_newlines(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(
        write_layout(mini_layout([*ITEMS, {"id": "c", "name": "備考", "type": "text"}]))
    )
    src = tmp_path / "d.csv"
    src.write_text('番号,性別,備考\n1,1,"一行目\n二行目"\n2,9,x\n', encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert res.records == 2
    assert [(f.code, f.line, f.record) for f in res.findings] == [("VA02", 4, 2)]


def test_missing_target_is_an_input_error(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    with pytest.raises(InputError, match="no such file"):
        run(tmp_path / "nope.csv", layout, Options())


def test_unknown_file_id_is_a_usage_error(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    src = tmp_path / "d.csv"
    src.write_text("番号,性別\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no 移行ファイル 'zz'"):
        run(src, layout, Options(file_id="zz"))


def test_empty_directory_is_an_input_error(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    (tmp_path / "pkg").mkdir()
    with pytest.raises(InputError, match="no data files"):
        run(tmp_path / "pkg", layout, Options())


# ---- issue 15: hostile headers and quoting


def test_a_header_repeating_an_item_name_is_st02_not_a_crash(
    tmp_path: Path, write_layout: Any
) -> None:
    """A repeated name is an extra column; the first one is the item's (defect 1)."""
    assert _findings(tmp_path, write_layout, "番号,性別,性別\n1,1,2\n") == [("ST02", 1)]
    found = _findings(tmp_path, write_layout, "番号,性別,,性別\n1,1,,2\n")
    assert found == [("ST02", 1), ("ST02", 1)]


def test_a_name_repeated_between_items_is_not_a_false_st03(
    tmp_path: Path, write_layout: Any
) -> None:
    assert _findings(tmp_path, write_layout, "番号,番号,性別\n1,1,1\n") == [("ST02", 1)]


def test_item_ids_like_internal_column_names_do_not_collide(
    tmp_path: Path, write_layout: Any
) -> None:
    """Ids c1, c2 on a file with an extra column: no DuplicateError, no internal name shown."""
    items = [
        {"id": "c1", "name": "番号", "type": "digits", "required": True},
        {"id": "c2", "name": "性別", "type": "code", "code": "sex"},
    ]
    layout = load_layout(write_layout(mini_layout(items)))
    src = tmp_path / "d.csv"
    src.write_text("番号,性別,備考\n1,9,x\n", encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert sorted((f.code, f.line) for f in res.findings) == [("ST02", 1), ("VA02", 2)]
    assert all("'c1'" not in f.message("en") for f in res.findings)


@pytest.mark.parametrize(
    ("bad", "line"),
    [
        ('3, "Test \\" line 3"', 3),  # a quote after a space
        ('"ab" ,x', 3),  # a space after the closing quote
        ('12"monitor,1', 3),  # a stray quote inside an unquoted field
        ('x, "Trust me, I\'m an expert"', 3),  # a bare quote and a comma (defect 4)
    ],
)
def test_a_badly_quoted_record_is_located_and_the_rest_validated(
    tmp_path: Path, write_layout: Any, bad: str, line: int
) -> None:
    text = f"番号,性別\n1,1\n{bad}\n2,9\n3,1\n"
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    src = tmp_path / "d.csv"
    src.write_text(text, encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert res.records == 4
    found = sorted((f.code, f.line, f.record) for f in res.findings)
    assert found == [("ST09", line, 2), ("VA02", 4, 3)]
    st09 = next(f for f in res.findings if f.code == "ST09")
    assert st09.byte_offset == len("番号,性別\n1,1\n".encode())


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('番号,性別\n1,1\n2,9\n3,"1\n', [("ST09", 4, 3), ("VA02", 3, 2)]),  # the last record
        ('番号,性別\n1,1\n3,"1\n2,9\n', [("ST09", 3, 2), ("VA02", 4, 3)]),  # lines after it
    ],
)
def test_a_quote_never_closed_is_located_and_the_rest_validated(
    tmp_path: Path, write_layout: Any, text: str, found: list[tuple[str, int, int]]
) -> None:
    """Issue 15: a quote opened and never closed was one RD05, with no line and 0 records."""
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    src = tmp_path / "d.csv"
    src.write_text(text, encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert res.records == 3
    assert sorted((f.code, f.line, f.record) for f in res.findings) == found
    st09 = next(f for f in res.findings if f.code == "ST09")
    assert st09.byte_offset == text.encode().index(b'"') - len("3,")


def test_a_移行ファイル_repeated_in_a_package_takes_part_in_keys_and_references(
    tmp_path: Path, write_layout: Any
) -> None:
    """Issue 15, defect 7: every file of a repeated 移行ファイル is checked, across files too."""
    items = [
        {"id": "k", "name": "鍵", "type": "digits"},
        {"id": "p", "name": "親", "type": "digits"},
    ]
    doc = mini_layout(
        items, keys=["k"], references=[{"fields": ["p"], "file": "parent", "to": ["k"]}]
    )
    parent = [{"id": "k", "name": "親鍵", "type": "digits"}]
    doc["files"].append({"id": "parent", "name": "親ファイル", "items": parent})
    layout = load_layout(write_layout(doc))
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a_child.csv").write_text("鍵,親\n1,10\n2,20\n", encoding="utf-8")
    (pkg / "b_child.csv").write_text("鍵,親\n3,20\n1,99\n", encoding="utf-8")
    (pkg / "c_parent.csv").write_text("親鍵\n10\n", encoding="utf-8")
    (pkg / "d_parent.csv").write_text("親鍵\n20\n", encoding="utf-8")
    report = run(pkg, layout, Options())
    found = sorted(
        (f.code, Path(f.file).name, f.line, f.note) for r in report.files for f in r.findings
    )
    assert found == [
        ("RL01", "b_child.csv", 3, "first at line 2 of a_child.csv"),
        ("RL03", "b_child.csv", 3, ""),
    ]


def test_a_badly_quoted_record_of_a_cp932_file_has_its_source_byte_offset(
    tmp_path: Path, write_layout: Any
) -> None:
    doc = mini_layout(ITEMS)
    doc["physical"]["encoding"] = "cp932"
    layout = load_layout(write_layout(doc))
    src = tmp_path / "d.csv"
    src.write_bytes('番号,性別\n1,1\n1,"1" x\n'.encode("cp932"))
    (res,) = run(src, layout, Options(file_id="main")).files
    (st09,) = [f for f in res.findings if f.code == "ST09"]
    assert (st09.line, st09.byte_offset) == (3, len("番号,性別\n1,1\n".encode("cp932")))
