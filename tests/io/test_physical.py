"""The one physical model: forms, terminators, byte ranges, and the one parse of 'tab'."""

from __future__ import annotations

import pytest

from migrate.errors import UsageError
from migrate.io.physical import ByteRange, Physical, RecordType, parse_delimiter


@pytest.mark.parametrize(
    ("given", "parsed"), [("tab", "\t"), ("TAB", "\t"), ("\\t", "\t"), (";", ";")]
)
def test_delimiters_parse_in_one_place(given: str, parsed: str) -> None:
    assert parse_delimiter(given) == parsed


def test_a_long_delimiter_is_refused_in_one_line() -> None:
    with pytest.raises(UsageError, match="one character or 'tab', not ';;'"):
        parse_delimiter(";;")


def test_terminators_and_forms() -> None:
    assert Physical().fixed_width is False and Physical().terminator_bytes is None
    fixed = Physical(form="fixed-width", encoding="cp932", record_length=10, terminator="crlf")
    assert fixed.fixed_width and fixed.terminator_bytes == b"\n"
    assert Physical(form="fixed-width", terminator="cr").terminator_bytes == b"\r"
    assert Physical(form="fixed-width", terminator="none").terminator_bytes is None


def test_byte_ranges_say_where_they_end_and_how_they_read() -> None:
    assert ByteRange(2, 15).end == 16 and str(ByteRange(2, 15)) == "bytes 2-16"
    assert str(ByteRange(16, 3, "packed", 2)) == "bytes 16-18 (packed, scale 2)"
    assert RecordType(1, 2, "01").end == 2


def test_the_delimited_dialect_is_the_physical_model() -> None:
    from migrate.io.delimited import Dialect

    assert Dialect is Physical


def test_only_a_tsv_name_tells_its_delimiter() -> None:
    from pathlib import Path

    from migrate.io.physical import suffix_delimiter

    assert suffix_delimiter(Path("a.TSV")) == "\t"
    assert suffix_delimiter(Path("a.csv")) is None
