"""The record index on badly quoted records: each is one malformed record, the rest aligned."""

from __future__ import annotations

import json
import random
import tarfile
from pathlib import Path

import polars as pl
import pytest

from migrate.io.census import Census
from migrate.io.delimited import LINE, REC, Dialect, column_name, scan_values
from migrate.io.record_index import RecordIndex, _irregular, _unquoted_irregular


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


EXTERNAL = Path("/work/shared/external/suites")
needs_external = pytest.mark.skipif(not EXTERNAL.is_dir(), reason="third-party suites absent")


@needs_external
def test_gebi_evil_csv_one_malformed_record_the_rest_read_as_go_reads_them(
    tmp_path: Path,
) -> None:
    """gebi/csv-test evil.csv (see its README): Go refuses line 7, Python corrupts it silently."""
    src = EXTERNAL / "gebi-csv-test" / "evil.csv"
    index = RecordIndex.build(src, Dialect(), 2, tmp_path)
    assert index.malformed().rows() == [(5, 7)]
    values = scan_values(index.text_path, 2, Dialect()).collect()
    assert values[column_name(1)].to_list() == [
        "You killed my father\nDarth, I am your father",
        "",
        "'dodo'",
        '";drop table',
        None,  # the malformed record: never read
        '"Developers, Developers"',
        None,
        "＂Do not",
        " please＂",
        None,  # a blank line at the end (ST06)
    ]


@needs_external
def test_csv_spectrum_files_are_all_well_formed_and_read_as_published(tmp_path: Path) -> None:
    """csv-spectrum 2.0.0 (max-mapper/csv-spectrum): each CSV against its published JSON."""
    with tarfile.open(EXTERNAL / "csv-spectrum" / "csv-spectrum-2.0.0.tgz") as tar:
        tar.extractall(tmp_path, filter="data")
    package = tmp_path / "package"
    # Its bare quotes inside unquoted fields (37.8"N) are what issue 15 calls malformed: ST09.
    # (Its JSON does not match its CSV either: another phone number.)
    lenient = package / "csvs" / "location_coordinates.csv"
    assert RecordIndex.build(lenient, Dialect(), 4, tmp_path).malformed().rows() == [(1, 2)]
    for csv_path in sorted(set((package / "csvs").glob("*.csv")) - {lenient}):
        published = json.loads((package / "json" / f"{csv_path.stem}.json").read_bytes())
        expected = published if isinstance(published, list) else [published]  # one-record files
        ncols = len(expected[0])
        index = RecordIndex.build(csv_path, Dialect(), ncols, tmp_path)
        assert index.malformed().height == 0, csv_path.name
        assert index.records() == len(expected), csv_path.name
        values = scan_values(index.text_path, ncols, Dialect()).drop(REC).collect()
        got = [[v or "" for v in row] for row in values.rows()]
        assert got == [list(r.values()) for r in expected], csv_path.name


def test_a_quote_never_closed_on_the_last_record_is_one_malformed_record(tmp_path: Path) -> None:
    """Issue 15: a quote opened on the last record and never closed was one unlocated RD05."""
    src = tmp_path / "a.csv"
    src.write_bytes(b'h1,h2\n1,"ab"\n2,"never closed\n')
    index = RecordIndex.build(src, Dialect(), 2, tmp_path)
    assert index.records() == 2
    assert index.malformed().rows() == [(2, 3)]
    assert index.offsets == {3: len(b'h1,h2\n1,"ab"\n')}
    values = scan_values(index.text_path, 2, Dialect()).collect()
    assert values[column_name(0)].to_list() == ["1", None]


def test_a_quote_never_closed_does_not_swallow_the_lines_after_it(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b'h1,h2\n1,2\n2,"open\n3,x\n4,""\n')
    index = RecordIndex.build(src, Dialect(), 2, tmp_path)
    assert index.records() == 4
    assert index.malformed().rows() == [(2, 3)]
    values = scan_values(index.text_path, 2, Dialect()).collect()
    assert values[column_name(0)].to_list() == ["1", None, "3", "4"]
    assert values[column_name(1)].to_list() == ["2", None, "x", ""]
    assert index.with_lines(values.select(REC)).sort(REC)[LINE].to_list() == [2, 3, 4, 5]


def _random_unquoted_file(rnd: random.Random) -> bytes:
    lines = []
    for _ in range(rnd.randint(0, 8)):
        width = rnd.choice([0, 1, 2, 3, 3, 3, 4])
        cells = [rnd.choice(["a", "", "b c", "\u3000", "x\r"]) for _ in range(width)]
        lines.append(",".join(cells) if width else rnd.choice(["", "\r", " "]))
    body = rnd.choice(["\n", "\r\n"]).join(lines) + rnd.choice(["", "\n", "\r\n"])
    return body.encode("utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_a_file_without_quotes_is_indexed_as_the_quote_machine_indexes_it(
    tmp_path: Path, seed: int
) -> None:
    """The shortcut for quote-free files gives exactly what the full state machine gives."""
    rnd = random.Random(seed)
    for n in range(60):
        src = tmp_path / f"{n}.csv"
        src.write_bytes(_random_unquoted_file(rnd))
        for header_records in (0, 1):
            full = _irregular(src, Dialect(), 3, header_records)
            short, lines = _unquoted_irregular(src, Dialect(), 3, header_records)
            assert short.equals(full) and short.schema == full.schema, src.read_bytes()
            assert lines == Census.of(src, '"').lines, src.read_bytes()
        built = RecordIndex.build(src, Dialect(), 3)  # no census: the scan counts the lines
        censused = RecordIndex.build(src, Dialect(), 3, census=Census.of(src, '"'))
        assert built.irregular.equals(censused.irregular)
        assert (built.lines, built.records()) == (censused.lines, censused.records())
