"""The record index on badly quoted records: each is one malformed record, the rest aligned."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from migrate.io.delimited import LINE, REC, Dialect, column_name, scan_values
from migrate.io.record_index import RecordIndex


def test_a_stray_quote_does_not_swallow_the_records_after_it(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b'h1,h2\n1,2\n12"monitor,3\n4,5\n"6\n7",8\n9,"a""b"\n')
    index = RecordIndex.build(src, Dialect(), 2, tmp_path)
    assert index.records() == 5
    assert index.malformed().rows() == [(2, 3)]
    assert index.offsets == {3: len(b"h1,h2\n1,2\n")}
    values = scan_values(index.text_path, 2, Dialect()).collect()
    assert values[column_name(0)].to_list() == ["1", None, "4", "6\n7", "9"]
    assert index.with_lines(values.select(REC)).sort(REC)[LINE].to_list() == [2, 3, 4, 5, 7]


def test_well_formed_quoting_is_not_malformed(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b'h1,h2\r\n"a,b","c\r\n""d"""\r\n,\r\n"",x\r\n')
    index = RecordIndex.build(src, Dialect(), 2, tmp_path)
    assert index.malformed().height == 0 and index.text_path == src
    assert index.irregular.filter(pl.col(REC) >= 1).height == 1  # the two-line record
