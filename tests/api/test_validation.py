"""``migrate.validate`` and ``migrate.load_layout``: files, packages and in-memory frames."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import migrate
from migrate.errors import LayoutError, UsageError
from tests.conftest import ROOT, SAMPLES

# The defective jumin samples polars reads as they are (UTF-8, one record a line).
READABLE = ["bad_check_digits", "duplicates", "gaiji", "impossible_dates", "unknown_codes"]


def located(report: migrate.Report, severity: str = "error") -> list[tuple[Any, ...]]:
    rows = report.findings.filter(pl.col("severity") == severity)
    return rows.select("code", "line", "record", "field", "value").rows()


@pytest.mark.parametrize("name", READABLE)
def test_a_dataframe_gets_the_findings_of_its_file(name: str) -> None:
    """The issue's done-when: the in-memory path finds what the file path finds."""
    path = SAMPLES / "defective" / f"{name}.csv"
    in_memory = migrate.validate(pl.read_csv(path, infer_schema=False), layout="juki", file="jumin")
    from_file = migrate.validate(path, layout="juki")
    assert located(in_memory) == located(from_file)
    assert located(in_memory), "each of these samples has errors"
    assert located(in_memory, "warning") == located(from_file, "warning")
    assert in_memory.files[0].records == from_file.files[0].records
    assert in_memory.files[0].counts == from_file.files[0].counts - Counter({"RD02": 1})


def test_a_lazyframe_and_a_told_file_give_the_same_report() -> None:
    path = SAMPLES / "defective" / "bad_check_digits.csv"
    frame = pl.read_csv(path, infer_schema=False)
    told = migrate.validate(frame.lazy(), layout="juki")  # the 移行ファイル told by its columns
    given = migrate.validate(frame, layout="juki", file="住民")
    assert told.files[0].file_id == "jumin"
    assert located(told) == located(given)


def test_an_in_memory_report_says_how_lines_are_counted() -> None:
    frame = pl.read_csv(SAMPLES / "valid" / "jumin.csv", infer_schema=False)
    report = migrate.validate(frame, layout="juki")
    doc = report.to_dict()
    assert doc["meta"]["source"] == "memory" and doc["meta"]["line_offset"] == 1
    assert doc["files"][0]["path"] == "<DataFrame>"
    assert doc["files"][0]["encoding"] is None
    assert report.ok and report.valid
    (info,) = report.findings.filter(pl.col("code") == "TY07").iter_rows(named=True)
    assert (info["line"], info["record"]) == (9, 8)


def test_a_missing_column_and_an_extra_one_are_findings() -> None:
    frame = pl.read_csv(SAMPLES / "valid" / "jumin.csv", infer_schema=False)
    frame = frame.drop("旧氏").with_columns(pl.lit("x").alias("備考"))
    report = migrate.validate(frame, layout="juki", file="jumin")
    assert set(report.findings.filter(pl.col("line") == 1)["code"]) == {"ST01", "ST02"}
    assert not report.ok


def test_columns_must_be_text() -> None:
    frame = pl.read_csv(SAMPLES / "valid" / "jumin.csv")  # 団体コード inferred as a number
    with pytest.raises(UsageError, match=r"must be text.*団体コード \(Int64\)"):
        migrate.validate(frame, layout="juki", file="jumin")


def test_file_options_are_refused_for_a_frame() -> None:
    frame = pl.DataFrame({"団体コード": ["131016"]})
    with pytest.raises(UsageError, match="encoding applies to files"):
        migrate.validate(frame, layout="juki", file="jumin", encoding="cp932")
    with pytest.raises(UsageError, match="delimiter applies to files"):
        migrate.validate(frame, layout="juki", file="jumin", delimiter="tab")
    with pytest.raises(UsageError, match="cannot tell which"):
        migrate.validate(frame, layout="juki")


def test_fail_on_sets_ok() -> None:
    path = SAMPLES / "valid"
    assert migrate.validate(path, "juki").ok
    assert not migrate.validate(path, "juki", fail_on="info").ok
    with pytest.raises(UsageError, match="fail_on"):
        migrate.validate(path, "juki", fail_on="fatal")


def test_max_errors_and_show_values() -> None:
    path = SAMPLES / "defective" / "duplicates.csv"
    capped = migrate.validate(path, "juki", max_errors=1)
    every = migrate.validate(path, "juki", max_errors=None)
    assert capped.totals() == every.totals()
    assert capped.findings.height < every.findings.height
    shown = migrate.validate(path, "juki", show_values=True).findings
    masked = migrate.validate(path, "juki").findings
    assert "***" in masked["value"].to_list() and "***" not in shown["value"].to_list()


def test_load_layout_by_id_path_or_layout() -> None:
    juki = migrate.load_layout("juki")
    assert juki.id == "juki"
    by_path = migrate.load_layout(ROOT / "layouts" / "chukan" / "juki.yaml")
    assert by_path.files == juki.files
    assert migrate.validate(SAMPLES / "valid", juki).valid
    with pytest.raises(LayoutError, match="unknown layout"):
        migrate.load_layout("nosuch")


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(migrate.InputError, match="no such file"):
        migrate.validate(tmp_path / "nothing.csv", "juki")


def test_the_public_api_is_what_all_names() -> None:
    assert set(migrate.__all__) >= {"validate", "convert", "sample", "load_layout", "to_pandera"}
    for name in migrate.__all__:
        assert getattr(migrate, name) is not None
    assert (Path(migrate.__file__).parent / "py.typed").is_file()
