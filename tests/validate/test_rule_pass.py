"""The rule pass in parts finds exactly what it finds in one query."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import polars as pl
import pytest

from migrate.io.delimited import REC
from migrate.layout.catalog import resolve
from migrate.report.model import FileResult
from migrate.validate import key_spill, seam
from migrate.validate.engine import Options, run
from migrate.validate.frames import FrameIndex
from migrate.validate.rule import Rule
from migrate.validate.rule_pass import PassOptions, parts, run_rules
from tests.conftest import SAMPLES


def test_parts_cover_every_record_and_leave_the_last_open() -> None:
    assert parts(10, None) == [(0, None)]
    assert parts(10, 10) == [(0, None)]
    assert parts(10, 4) == [(0, 4), (4, 4), (8, None)]
    assert parts(0, 4) == [(0, None)]


@pytest.mark.parametrize("name", ["duplicates.csv", "structure.csv", "impossible_dates.csv"])
def test_a_file_checked_in_parts_gives_the_same_report(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    layout = resolve("juki")
    path = SAMPLES / "defective" / name
    whole = run(path, layout, Options()).files[0]
    monkeypatch.setattr(seam, "PART_RECORDS", 3)
    monkeypatch.setattr(key_spill, "BUCKET_RECORDS", 2)
    in_parts = run(path, layout, Options()).files[0]
    assert whole.records > 6
    assert [asdict(f) for f in in_parts.findings] == [asdict(f) for f in whole.findings]
    assert in_parts.counts == whole.counts


def test_parts_cut_by_the_reader_keep_records_and_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Quoted line breaks, blank lines, a short record and a badly quoted one across parts."""
    header, *rows = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    lines = [header]
    for n, row in enumerate(rows * 3):
        fields = row.split(",")
        if n % 4 == 1:  # 住所 (column 23) over two lines, quoted
            fields[22] = f'"{fields[22]}\n１２階"'
        lines.append(",".join(fields))
        if n % 5 == 2:
            lines.append("")
    lines.insert(9, "131016,0000999,1")  # too few fields
    lines.insert(14, '131016,"0000998,1' + "," * 30)  # a quote opened and never closed
    path = tmp_path / "jumin.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    layout = resolve("juki")
    whole = run(path, layout, Options(file_id="jumin")).files[0]
    monkeypatch.setattr(seam, "PART_RECORDS", 3)
    monkeypatch.setattr(key_spill, "BUCKET_RECORDS", 2)
    in_parts = run(path, layout, Options(file_id="jumin")).files[0]
    codes = {f.code for f in whole.findings}
    assert {"ST04", "ST05", "ST06"} & codes, codes  # the irregular records were found
    assert whole.records > 3 * 3
    assert [asdict(f) for f in in_parts.findings] == [asdict(f) for f in whole.findings]
    assert in_parts.counts == whole.counts


def test_parts_without_a_part_reader_are_slices_of_the_frame(tmp_path: Path) -> None:
    """``part_records`` alone cuts the frame itself: every record is checked once."""
    frame = pl.LazyFrame({"v": ["1", "x", "3", "y", "5", "z", "7"]}).with_row_index(REC, offset=1)
    rule = Rule(code="TY01", fails=~pl.col("v").str.contains("^[0-9]+$"), field="v")

    def found(part_records: int | None) -> tuple[dict[str, int], list[int | None]]:
        result = FileResult(path="f")
        options = PassOptions(workdir=tmp_path, cap=10, show_values=True, part_records=part_records)
        run_rules(frame, [rule], ["v"], FrameIndex(7), result, options)
        return dict(result.counts), [f.record for f in result.findings]

    assert found(3) == found(None) == ({"TY01": 3}, [2, 4, 6])
