"""The CLI is a thin layer over the API: for every shipped sample, ``migrate validate
--format json`` prints the API's ``Report.to_dict()``, and ``migrate convert --format json``
the API's ``ConversionResult.to_dict()`` (timings under ``meta`` aside)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import migrate
from tests.conftest import ROOT, invoke

SAMPLES = Path("samples")  # relative: reports carry paths as given
JUKI = SAMPLES / "juki"
LEGACY = SAMPLES / "juki-legacy"
STANDARD = SAMPLES / "standard" / "jutogai-atena"


def _juki_targets() -> list[tuple[Path, str]]:
    root = ROOT / JUKI
    single = [*root.glob("*.csv"), *(root / "defective").glob("*.csv")]
    packages = [p for p in root.iterdir() if p.is_dir() and p.name != "defective"]
    return [(p.relative_to(ROOT), "juki") for p in sorted(single + packages)]


CASES: list[tuple[Path, str]] = [
    *_juki_targets(),
    (STANDARD / "valid", "jutogai-atena"),
    (STANDARD / "defective" / "defective.csv", "jutogai-atena"),
    (LEGACY / "juki_legacy.dat", str(LEGACY / "juki_legacy.layout.yaml")),
    (SAMPLES / "standard" / "juki" / "valid", "standard-juki"),
    (SAMPLES / "standard" / "juki" / "defective" / "jumin_defective.csv", "standard-juki"),
]


def _timeless(doc: dict[str, Any]) -> dict[str, Any]:
    """The report less its clock times, and less the options only the CLI has (its manifest
    also names --fail-on, --format and --lang)."""
    meta = {k: v for k, v in doc["meta"].items() if k != "elapsed_seconds"}
    out = {**doc, "meta": meta}
    if "manifest" in doc:
        manifest = {
            k: v for k, v in doc["manifest"].items() if k not in ("started_at", "finished_at")
        }
        cli_only = ("fail_on", "format", "lang")
        options = {k: v for k, v in manifest["options"].items() if k not in cli_only}
        out["manifest"] = {**manifest, "options": options}
    return out


def test_every_shipped_sample_is_covered() -> None:
    data = {
        p.relative_to(ROOT)
        for p in (ROOT / SAMPLES).rglob("*")
        if p.suffix in {".csv", ".dat"} and "expected" not in p.parts
    }
    covered = {
        target / f.name if (ROOT / target).is_dir() else target
        for target, _ in CASES
        for f in ([*(ROOT / target).iterdir()] if (ROOT / target).is_dir() else [target])
    }
    # what validate does not take: a mapping's legacy sources and its code tables (convert)
    convert_only = {
        LEGACY / "jumin_wareki_kana.csv",
        LEGACY / "jumin_ebcdic.dat",
        LEGACY / "codes" / "seibetsu.csv",
        LEGACY / "codes" / "ido_jiyu.csv",
    }
    # and the code tables of every mapping set (a codes/ folder beside the mappings)
    convert_only |= {p for p in data if "codes" in p.parts}
    assert data - convert_only <= covered


@pytest.mark.parametrize("target,layout", CASES, ids=lambda c: str(c))
def test_validate_cli_json_is_the_api_report(
    target: Path, layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = migrate.validate(target, layout)
    args = ["validate", str(target), "--layout", layout, "--format", "json"]
    cli = json.loads(invoke(args, 0 if report.ok else 1).output)
    assert _timeless(cli) == _timeless(report.to_dict())


CONVERSIONS = {
    "juki_legacy": (
        LEGACY / "juki_legacy.dat",
        [LEGACY / f"juki_legacy.{f}.mapping.yaml" for f in ("jumin", "setai", "ido_rireki")],
    ),
    "jumin_wareki_kana": (
        LEGACY / "jumin_wareki_kana.csv",
        [LEGACY / "jumin_wareki_kana.mapping.yaml"],
    ),
}


@pytest.mark.parametrize("name", sorted(CONVERSIONS))
def test_convert_cli_json_is_the_api_result(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    source, mappings = CONVERSIONS[name]
    result = migrate.convert(source, mappings, dry_run=True)
    args = ["convert", str(source), *[a for m in mappings for a in ("-m", str(m))]]
    cli = invoke([*args, "--dry-run", "--format", "json"], 0 if result.clean else 1)
    # through JSON: the log's code maps key an unmapped empty value by None ("null")
    assert json.loads(cli.output) == json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
