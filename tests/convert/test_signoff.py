"""A conversion as a sign-off: its reconciliation rows, manifest, verdict, html and xlsx."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from migrate.convert.pipeline import ConvertOptions, convert
from migrate.convert.signoff import conversion_manifest, conversion_signoff, reconciliation_rows
from migrate.mapping.loader import load_mapping
from migrate.report.manifest import sha256_file
from tests.conftest import ROOT, invoke

LEGACY = ROOT / "samples" / "juki-legacy"
DAT = LEGACY / "juki_legacy.dat"
MAPPINGS = [LEGACY / f"juki_legacy.{f}.mapping.yaml" for f in ("jumin", "setai")]


def test_rows_are_the_converters_reconciliation() -> None:
    mappings = [load_mapping(p) for p in MAPPINGS]
    options = ConvertOptions(out_dir=None, dry_run=True)
    result = convert(DAT, mappings, options)
    rows = reconciliation_rows(result)
    targets = {r.name: r for r in rows[: len(result.targets)]}
    jumin = next(t for t in result.targets if t.file_id == "jumin")
    row = targets["住民 (jumin)"]
    assert (row.records_in, row.out, row.rejected) == (
        jumin.records_in, jumin.records_out, jumin.records_rejected
    )  # fmt: skip
    assert all(r.balances for r in rows)
    (source,) = rows[len(result.targets) :]  # the fixed-width file: read = assigned + not
    assert source.records_in == result.sources[0].records_read == 75
    manifest = conversion_manifest(mappings, result, options)
    assert [m.sha256 for m in manifest.mappings] == [sha256_file(p) for p in MAPPINGS]
    (entry,) = manifest.inputs
    assert (entry.sha256, entry.encoding_source) == (sha256_file(DAT), "mapping")
    model = conversion_signoff(result, manifest)
    assert model.fails is not result.clean and model.command == "convert"


def test_convert_prints_html_and_xlsx(tmp_path: Path) -> None:
    args = ["convert", str(DAT), *[a for m in MAPPINGS for a in ("-m", str(m))], "--dry-run"]
    page = invoke([*args, "--format", "html"], 1).output
    assert "移行データ変換結果" in page and "件数突合表" in page and "不合格" in page
    assert str(DAT) in page and sha256_file(MAPPINGS[0]) in page
    book = load_workbook(io.BytesIO(invoke([*args, "--format", "xlsx"], 1).stdout_bytes))
    recon = list(book["件数突合表"].iter_rows(min_row=2, values_only=True))
    assert [r[7] for r in recon] == ["OK"] * len(recon) and len(recon) == 3
