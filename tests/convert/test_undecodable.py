"""RD01 from the reader's located problems rejects exactly what testing every value does."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from migrate.convert import undecodable
from migrate.convert.pipeline import ConvertOptions, convert
from migrate.convert.undecodable import Undecodable, never_replacement
from migrate.io.read_problems import ProblemKind, ReadProblem
from migrate.mapping.loader import load_mapping
from tests.conftest import ROOT

LEGACY = ROOT / "samples" / "juki-legacy"
MAPPINGS = [LEGACY / f"juki_legacy.{f}.mapping.yaml" for f in ("jumin", "setai", "ido_rireki")]
BAD = b"\x81\x20"  # a lead byte without its trail byte
AT = [62, 182, 250, 380, 2]  # 氏名, 生年月日, 住所, 国籍, 宛名番号 (1-based)


def corrupted(path: Path) -> Path:
    """The sample with bad bytes in several fields of every third record."""
    lines = (LEGACY / "juki_legacy.dat").read_bytes().split(b"\r\n")
    for n in range(0, len(lines), 3):
        if len(lines[n]) < 400:
            continue
        line = bytearray(lines[n])
        for k, at in enumerate(AT):
            if (n + k) % 2:
                line[at - 1 : at + 1] = BAD
        lines[n] = bytes(line)
    path.write_bytes(b"\r\n".join(lines))
    return path


def outputs(source: Path, out: Path) -> dict[str, bytes]:
    convert(source, [load_mapping(m) for m in MAPPINGS], ConvertOptions(out_dir=out))
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.csv")}


def test_located_rd01_writes_what_testing_the_values_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = corrupted(tmp_path / "legacy.dat")
    located = outputs(source, tmp_path / "located")
    assert located["rejects/jumin.rejects.csv"].count(b"RD01") >= 20
    monkeypatch.setattr(undecodable, "never_replacement", lambda encoding: False)
    assert outputs(source, tmp_path / "values") == located


def test_only_two_byte_cpython_codecs_are_trusted() -> None:
    assert never_replacement("cp932") and never_replacement("Shift_JIS")
    assert not never_replacement("euc_jp")  # three-byte characters: not checked
    assert not never_replacement("ibm930")  # EBCDIC through iconv


def problem(record: int, field: str | None, file: str | None = "1") -> ReadProblem:
    return ReadProblem(ProblemKind.UNDECODABLE, record=record, field=field, file=file)


def test_the_test_is_the_located_records_or_none() -> None:
    frame = pl.DataFrame({"__record": [1, 2, 3]})
    u = Undecodable("cp932")
    u.add([problem(2, "b1_4"), ReadProblem(ProblemKind.LENGTH_MISMATCH, record=3)])

    def hits(test: pl.Expr | None) -> list[bool]:
        assert test is not None
        return frame.with_columns(test.alias("t"))["t"].to_list()

    assert hits(u.fails("1", "b1_4")) == [False, True, False]
    assert hits(u.fails("1", "b5_2")) == [False, False, False]
    assert hits(u.fails("2", "b1_4")) == [False, False, False]
    assert Undecodable("euc_jp").fails("1", "b1_4") is None
    u.add([problem(3, None)])  # not placed in a field: every value is tested
    assert u.fails("1", "b1_4") is None


def test_past_the_limit_every_value_is_tested(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(undecodable, "LIMIT", 2)
    u = Undecodable("cp932")
    u.add([problem(1, "a"), problem(2, "a")])
    assert u.fails("1", "a") is not None
    u.add([problem(3, "a")])
    assert u.fails("1", "a") is None
