"""The delimited source of a conversion: badly quoted records are rejected, never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.convert.test_pipeline import jumin_mapping, legacy_csv, rows, run_convert

SEX = ["M", "F", "M", "F", "M", "F", "M", "F", "M"]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda cells: [cells[0][:2] + '"' + cells[0][2:], *cells[1:]],  # a stray quote
        lambda cells: ['"' + cells[0] + '" ', *cells[1:]],  # a space after the closing quote
        lambda cells: [cells[0], ' "a, b"', *cells[2:]],  # a quote after a space, with a comma
    ],
)
def test_a_badly_quoted_record_is_rejected_as_st09_and_the_rest_converted(
    tmp_path: Path, spoil: object
) -> None:
    source = legacy_csv(tmp_path / "legacy.csv", SEX)
    lines = source.read_bytes().decode("cp932").split("\r\n")
    lines[3] = ",".join(spoil(lines[3].split(",")))  # type: ignore[operator]
    source.write_bytes("\r\n".join(lines).encode("cp932"))
    out = tmp_path / "out"
    result = run_convert(source, [jumin_mapping(tmp_path / "m.yaml")], out)
    (t,) = result.targets
    assert (t.records_in, t.records_out, t.records_rejected) == (9, 8, 1)
    (reject,) = rows(out / "rejects" / "jumin.rejects.csv")
    assert (reject["record"], reject["line"], reject["codes"]) == ("3", "4", "ST09")


def test_mapping_draft_reads_a_badly_quoted_sample_without_an_internal_error(
    tmp_path: Path,
) -> None:
    from tests.conftest import invoke

    src = tmp_path / "legacy.csv"
    src.write_text('氏名,性別\n山田,"1" x\n佐藤,2\n', encoding="utf-8")
    result = invoke(["mapping", "draft", str(src), "--layout", "juki", "--file", "jumin"], 0)
    assert "性別" in result.output
