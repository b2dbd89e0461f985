"""``migrate.to_pandera``: the pandera schema of a 移行ファイル fails exactly where migrate does.

For every shipped layout, a clean and a defective synthetic package (``migrate sample``) are
validated both ways; pandera's failure cases (check = finding code, column = field, index =
record - 1) must equal migrate's record findings cell for cell, and every defect the
sidecar lists must be among them (but references to another 移行ファイル, ``RL03``: one
frame's schema cannot see the other frame).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import polars as pl
import pytest
from pandera.errors import SchemaErrors

import migrate
from migrate.layout.catalog import shipped_layouts
from migrate.report.model import Report

Cell = tuple[str, str | None, int]  # (finding code, column, record)


def migrate_cells(report: Report, columns: set[str]) -> set[Cell]:
    rows = report.findings.filter(pl.col("record").is_not_null())
    return {
        (code, field if field in columns else None, record)
        for code, field, record in rows.select("code", "field", "record").iter_rows()
    }


def pandera_cells(schema: object, frame: pl.DataFrame) -> set[Cell]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # fail_on="info": nothing may only warn
            schema.validate(frame, lazy=True)  # type: ignore[attr-defined]
    except SchemaErrors as exc:
        cases = exc.failure_cases
        assert cases["index"].null_count() == 0, cases  # no schema-level or check error
        return {
            (check, column if context == "Column" else None, index + 1)
            for check, column, context, index in cases.select(
                "check", "column", "schema_context", "index"
            ).iter_rows()
        }
    return set()


@pytest.mark.parametrize("layout_id", sorted(shipped_layouts()))
def test_pandera_fails_where_migrate_does(layout_id: str, tmp_path: Path) -> None:
    layout = migrate.load_layout(layout_id)
    for defects in (0.0, 0.3):
        out = tmp_path / f"defects-{defects}"
        migrate.sample(layout, out, rows=40, seed=3, defects=defects)
        listed = json.loads((out / "defects.json").read_text()) if defects else []
        for spec in layout.files:
            frame = pl.read_csv(out / f"{spec.id}.csv", infer_schema=False)
            columns = set(frame.columns)
            report = migrate.validate(frame, layout, file=spec.id, max_errors=None)
            expected = migrate_cells(report, columns)
            schema = migrate.to_pandera(layout, spec.id, fail_on="info")
            assert pandera_cells(schema, frame) == expected, (layout_id, spec.id, defects)
            # (code, record): the sidecar names one item of a key, a finding all of them
            planted = {
                (d["code"], d["record"])
                for d in listed
                # a reference to another 移行ファイル is a check across frames, not of one
                if d["file"] == f"{spec.id}.csv" and d["code"] != "RL03"
            }
            assert planted <= {(c, r) for c, _, r in expected}, (layout_id, spec.id)
        if defects:
            assert listed, "the defective package has defects"


def test_only_errors_fail_by_default() -> None:
    """Warnings and infos warn (SchemaWarning); errors raise, named by their code."""
    path = Path(__file__).parent.parent / "samples/juki/defective/bad_check_digits.csv"
    frame = pl.read_csv(path, infer_schema=False)
    schema = migrate.to_pandera("juki", "jumin")
    with pytest.warns(UserWarning) as caught, pytest.raises(SchemaErrors) as raised:
        schema.validate(frame, lazy=True)
    cases = raised.value.failure_cases
    assert sorted(cases["check"]) == ["TY01", "VA07", "VA08"]
    warned = " ".join(str(w.message) for w in caught)
    assert "VA09" in warned and "VA10" in warned and "TY07" in warned


def test_a_valid_frame_passes_and_a_lazyframe_needs_the_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = Path(__file__).parent.parent / "samples/juki/defective/bad_check_digits.csv"
    frame = pl.read_csv(path, infer_schema=False)
    schema = migrate.to_pandera("juki", "jumin", fail_on="error")
    warnings.simplefilter("ignore")
    # pandera checks a LazyFrame's schema only, unless told otherwise
    assert isinstance(schema.validate(frame.lazy()), pl.LazyFrame)
    import pandera.config

    monkeypatch.setattr(
        pandera.config.CONFIG, "validation_depth", pandera.config.ValidationDepth.SCHEMA_AND_DATA
    )
    with pytest.raises(SchemaErrors):
        schema.validate(frame.lazy(), lazy=True).collect()
    valid = pl.read_csv(path.parents[1] / "valid" / "jumin.csv", infer_schema=False)
    assert schema.validate(valid).height == valid.height


def test_bad_arguments_are_usage_errors() -> None:
    with pytest.raises(migrate.UsageError, match="no 移行ファイル"):
        migrate.to_pandera("juki", "nosuch")
    with pytest.raises(migrate.UsageError, match="fail_on"):
        migrate.to_pandera("juki", "jumin", fail_on="fatal")
