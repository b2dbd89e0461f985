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
from typing import Any

import polars as pl
import pytest
import yaml
from pandera.errors import SchemaErrors

import migrate
from migrate.layout.catalog import shipped_layouts
from migrate.report.model import Report
from tests.conftest import invoke, mini_layout

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


def _cases(schema: object, frame: pl.DataFrame) -> list[tuple[object, ...]]:
    with warnings.catch_warnings(), pytest.raises(SchemaErrors) as raised:
        warnings.simplefilter("ignore")
        schema.validate(frame, lazy=True)  # type: ignore[attr-defined]
    return sorted(raised.value.failure_cases.drop("check_number").rows())


def test_the_polars_yaml_export_loads_back_and_validates(tmp_path: Path) -> None:
    from pandera.io import polars_io

    import migrate.pandera_checks

    out = tmp_path / "jumin.pandera.yaml"
    args = ["layouts", "export", "juki", "--to", "pandera-polars-yaml", "-o", str(out)]
    invoke(args, 0)
    loaded = polars_io.from_yaml(out)
    assert list(loaded.columns) == [
        it.name for it in migrate.load_layout("juki").file("jumin").items
    ]
    path = Path(__file__).parent.parent / "samples/juki/defective/duplicates.csv"
    frame = pl.read_csv(path, infer_schema=False)
    cases = _cases(loaded, frame)
    assert {c[3] for c in cases} == {"RL01"}
    assert cases == _cases(migrate.to_pandera("juki", "jumin"), frame)


def test_a_layout_of_ones_own_is_named_by_its_path(write_layout: Any, tmp_path: Path) -> None:
    from pandera.io import polars_io

    items = [
        {"id": "no", "name": "番号", "type": "digits", "length": 3, "required": True},
        {"id": "kana", "name": "カナ", "type": "text", "charset": "katakana"},
    ]
    path = write_layout(mini_layout(items, keys=["no"]))
    text = invoke(["layouts", "export", str(path), "--to", "pandera-polars-yaml"], 0).output
    checks = yaml.safe_load(text)["columns"]["番号"]["checks"]
    assert {c["layout"] for c in checks} == {str(path)}
    assert [c["code"] for c in checks] == ["VA01", "TY01", "TY03", "RL01"]
    frame = pl.DataFrame({"番号": ["001", "001", "1234"], "カナ": ["ア", "a", None]})
    got = {(c[3], c[2], c[4]) for c in _cases(polars_io.from_yaml(text), frame)}
    assert got == {("RL01", "番号", 1), ("TY03", "番号", 2), ("VA03", "カナ", 1)}  # 0-based
