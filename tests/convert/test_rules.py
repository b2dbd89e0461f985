"""Convert's rules are validate's: the same structure rules flag the same records."""

from __future__ import annotations

from pathlib import Path

from migrate.layout.catalog import resolve
from migrate.report.model import FileResult
from migrate.validate.engine import Options, run
from tests.convert.test_pipeline import jumin_mapping, legacy_csv, run_convert

STRUCTURE = {"ST04", "ST05", "ST06"}


def test_validate_and_convert_find_the_same_misaligned_records(tmp_path: Path) -> None:
    sex = ["1", "2", "1", "2", "1", "2", "1", "2", "1"]
    source = legacy_csv(tmp_path / "legacy.csv", sex, extra_line="131016,1,2\r\n")
    lines = source.read_bytes().split(b"\r\n")
    lines.insert(3, b"")  # a blank record between records 2 and 3
    lines.insert(6, lines[5] + b",extra")  # a record with one field too many
    source.write_bytes(b"\r\n".join(lines))

    (validated,) = run(source, resolve("juki"), Options(file_id="jumin", encoding="cp932")).files
    result = run_convert(source, [jumin_mapping(tmp_path / "m.yaml")], tmp_path / "out")
    converted = result.targets[0].findings
    assert converted is not None

    def structure(found: FileResult) -> list[tuple[int | None, int | None, str]]:
        return sorted((f.record, f.line, f.code) for f in found.findings if f.code in STRUCTURE)

    expected = structure(validated)
    assert [code for _, _, code in expected] == ["ST06", "ST05", "ST04"]
    assert structure(converted) == expected
