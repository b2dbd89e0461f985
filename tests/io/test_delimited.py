"""The record index: physical lines and field counts, with quoted newlines, CRLF and blank lines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.io.delimited import BLANK, LINE, NFIELDS, REC, Dialect, column_name, scan_values
from migrate.io.record_index import RecordIndex


def _index(path: Path, ncols: int = 2) -> list[tuple[int, int, int, bool]]:
    """(record, line, fields, blank) for every record: irregular ones from the index, the rest
    with the header's field count and the line the index computes."""
    index = RecordIndex.build(path, Dialect(), ncols)
    n = scan_values(path, ncols, Dialect()).select(pl.len()).collect().item()
    recs = index.with_lines(pl.DataFrame({REC: list(range(1, n + 1))}, schema={REC: pl.UInt32}))
    irregular = {
        r[0]: (r[2], r[3])
        for r in index.irregular.filter(pl.col(REC) >= 1)
        .select(REC, LINE, NFIELDS, BLANK)
        .iter_rows()
    }
    return [(r, line, *irregular.get(r, (ncols, False))) for r, line in recs.sort(REC).iter_rows()]


def test_quoted_newlines_crlf_and_blank_lines(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b'h1,h2\r\n1,2\r\n"a\r\nb",3\r\n\r\n"x,""y""",4,5\r\n6\r\n')
    assert _index(src) == [
        (1, 2, 2, False),
        (2, 3, 2, False),
        (3, 5, 1, True),
        (4, 6, 3, False),
        (5, 7, 1, False),
    ]
    values = scan_values(src, 2, Dialect()).collect().sort(REC)
    assert values[column_name(0)].to_list() == ["1", "a\r\nb", None, 'x,"y"', "6"]


cell = st.text(alphabet='ab,"\n山 ', max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=8))
def test_lines_and_field_counts_match_the_csv_module(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
) -> None:
    tmp = tmp_path_factory.mktemp("d")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["h"])
    expected = []
    line = 2
    for row in rows:
        start = len(buf.getvalue())
        writer.writerow(row)
        text = buf.getvalue()[start:]
        blank = text == "\n"
        expected.append((line, 1 if blank else len(row), blank))
        line += text.count("\n")
    src = tmp / "x.csv"
    src.write_text(buf.getvalue(), encoding="utf-8")
    got = [(ln, n, b) for _, ln, n, b in _index(src, ncols=2)]
    assert got == expected
    values = scan_values(src, 4, Dialect()).collect()
    assert values.height == len(rows) == pl.Series(got).len()


def test_a_header_field_past_the_csv_field_limit_is_one_clear_input_error(tmp_path: Path) -> None:
    """Issue 15, item 8: 'field larger than field limit' surfaced as an internal error."""
    from migrate.errors import InputError
    from migrate.io.decode import decode_to_utf8
    from migrate.io.delimited import read_header

    src = tmp_path / "a.csv"
    src.write_text('id,"' + "x" * 300_000 + '"\n1,2\n', encoding="utf-8")
    decoded = decode_to_utf8(src, "utf-8", tmp_path)
    # Python's csv limit is process-wide and importing frictionless (another test) raises it:
    # pin the default for this test.
    before = csv.field_size_limit(128 * 1024)
    try:
        with pytest.raises(InputError, match="first record cannot be read") as err:
            read_header(decoded, Dialect())
    finally:
        csv.field_size_limit(before)
    assert "xxx" not in str(err.value) and "\n" not in str(err.value)
