"""The public JSON contracts have JSON Schemas (docs/schemas/), and real outputs satisfy them.

Vendors' CI can validate what it parses against these files. A test that fails here means
either the output changed (a contract change: CHANGELOG, maybe a new format number) or the
schema is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from migrate.convert.pipeline import ConvertOptions, convert
from migrate.fleet.run import run_fleet
from migrate.fleet.summary import render_json
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.readiness import ReadinessOptions, judge
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, SAMPLES
from tests.fleet.conftest import fail_package, make_fleet
from tests.fleet.test_run import options

SCHEMAS = ROOT / "docs" / "schemas"
LEGACY = ROOT / "samples" / "juki-legacy"


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


def _validator(name: str) -> jsonschema.Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (p.name, Resource.from_contents(_schema(p.name))) for p in SCHEMAS.glob("*.json")
    )
    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _errors(name: str, doc: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(doc)]


@pytest.mark.parametrize(
    "target",
    [
        SAMPLES / "valid",
        SAMPLES / "package_references",
        *sorted((SAMPLES / "defective").glob("*.csv")),
    ],
    ids=lambda p: p.name,
)
def test_validation_reports_satisfy_their_schema(target: Path) -> None:
    report = run(
        target, resolve("juki"), Options(encoding="cp932" if "cp932" in target.name else None)
    )
    assert _errors("report.schema.json", report.to_dict()) == []


@pytest.mark.parametrize("dry_run", [False, True])
def test_conversion_logs_satisfy_their_schema(tmp_path: Path, dry_run: bool) -> None:
    mappings = [load_mapping(LEGACY / f"juki_legacy.{f}.mapping.yaml") for f in ("jumin", "setai")]
    options = ConvertOptions(out_dir=None if dry_run else tmp_path, dry_run=dry_run)
    log = convert(LEGACY / "juki_legacy.dat", mappings, options).to_dict()
    assert log["sources"][0]["records_unassigned"] > 0  # the 異動履歴 records: findings present
    assert _errors("conversion-log.schema.json", log) == []


def test_the_schemas_reject_what_breaks_the_contract() -> None:
    report = run(SAMPLES / "valid", resolve("juki"), Options()).to_dict()
    broken = {**report, "report_format": 1}
    assert _errors("report.schema.json", broken) == ["['report_format']: 2 was expected"]
    del broken["files"]
    assert "'files' is a required property" in " ".join(_errors("report.schema.json", broken))


@pytest.mark.parametrize(
    ("source", "exclusive"),
    [
        (SAMPLES / "valid", None),
        (SAMPLES / "defective" / "unknown_codes.csv", SAMPLES / "valid" / "jumin.csv"),
        (SAMPLES / "defective" / "gaiji.csv", None),
    ],
    ids=["ready", "blocked-with-cross-file", "characters"],
)
def test_readiness_verdicts_satisfy_their_schema(source: Path, exclusive: Path | None) -> None:
    chukan = ROOT / "samples" / "standard" / "juki-from-chukan"
    mappings = [
        load_mapping(chukan / f"{f}.mapping.yaml") for f in ("jumin", "setai", "ido_rireki")
    ]
    options = ReadinessOptions(exclusive=exclusive)
    doc = judge(source, resolve("juki"), resolve("standard-juki"), mappings, options).to_dict()
    assert _errors("readiness.schema.json", doc) == []
    assert doc["ready"] is (source.name == "valid")
    broken = {**doc, "blockers": {"source": {"VA01": 0}}}
    assert _errors("readiness.schema.json", broken) == [
        "['blockers', 'source', 'VA01']: 0 is less than the minimum of 1"
    ]


def test_fleet_summaries_satisfy_their_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_package(monkeypatch, "130001", "130001: cannot read it")
    root = make_fleet(tmp_path / "root", valid=2, defective=1)
    first = json.loads(render_json(run_fleet(root, options(tmp_path / "out"))))
    again = json.loads(render_json(run_fleet(root, options(tmp_path / "out"))))  # skips two
    for doc in (first, again):
        assert _errors("fleet-summary.schema.json", doc) == []
    assert [p["status"] for p in first["packages"]] == ["valid", "could-not-run", "invalid"]
    assert again["totals"]["skipped_unchanged"] == 2
    broken = {**first, "totals": {**first["totals"], "pass_share": 1.5}}
    assert _errors("fleet-summary.schema.json", broken) == [
        "['totals', 'pass_share']: 1.5 is greater than the maximum of 1"
    ]
