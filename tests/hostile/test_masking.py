"""Masking audit: planted personal values never appear in a report unless --show-values.

The contract (README, docs/convert.md): every report format of ``validate`` (text, json,
junit, csv) and of ``convert`` (its standard output in every format, ``--dry-run``, the
conversion log) shows a personal item's value as ``***``. The rejects files are data, like
the export, and keep the values (docs/convert.md, "Write"); this test says so too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.hostile.corpus import identity_mapping, jumin_text, write

MYNUMBER = "987654321098"  # 個人番号 with a wrong check digit
NAME = "秘匿花子" * 40  # 氏名 far past its length
ADDRESS = "秘密町一丁目\x07"  # 住所 with a control character
PLANTED = (MYNUMBER, "秘匿花子", "秘密町一丁目")


def _data(tmp: Path) -> Path:
    lines = jumin_text().splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[6], cells[8], cells[22] = MYNUMBER, NAME, ADDRESS
    lines[1] = ",".join(cells)
    return write(tmp, "jumin.csv", "".join(lines))


def _clear(text: str) -> list[str]:
    return [value for value in PLANTED if value in text]


def _said(result: object) -> str:
    out = getattr(result, "output", "")
    try:
        err = getattr(result, "stderr", "")
    except ValueError:  # stderr not captured separately
        err = ""
    return str(out) + str(err)


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "csv"])
def test_validate_masks_every_format(tmp_path: Path, fmt: str) -> None:
    data = _data(tmp_path)
    args = ["validate", "--layout", "juki", "--format", fmt, str(data)]
    assert _clear(_said(invoke(args, 1))) == []
    report = tmp_path / f"report.{fmt}"
    invoke([*args, "-o", str(report)], 1)
    assert _clear(report.read_text(encoding="utf-8")) == []
    # the values do reach the report when asked, so the check above can fail (JUnit
    # lists messages only, never values)
    shown = _clear(_said(invoke([*args, "--show-values"], 1)))
    assert shown if fmt != "junit" else shown == []


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "csv"])
def test_convert_masks_every_format_and_the_log(tmp_path: Path, fmt: str) -> None:
    data, mapping = _data(tmp_path), identity_mapping(tmp_path)
    out = tmp_path / "out"
    args = ["convert", str(data), "-m", str(mapping), "--format", fmt]
    assert _clear(_said(invoke([*args, "-o", str(out)], 1))) == []
    assert _clear((out / "conversion-log.json").read_text(encoding="utf-8")) == []
    assert _clear(_said(invoke([*args, "--dry-run"], 1))) == []
    # the rejects file is data: the rejected record keeps its values
    rejects = (out / "rejects" / "jumin.rejects.csv").read_text(encoding="utf-8")
    assert MYNUMBER in rejects
    shown = tmp_path / "shown"
    invoke([*args, "-o", str(shown), "--show-values"], 1)
    assert _clear((shown / "conversion-log.json").read_text(encoding="utf-8"))
