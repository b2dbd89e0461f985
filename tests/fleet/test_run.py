from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate.errors import MigrateError
from migrate.fleet import task as task_module
from migrate.fleet.run import FleetOptions, run_fleet
from migrate.layout.catalog import resolve
from migrate.validate.engine import Options, run
from tests.fleet.conftest import fail_package

LAYOUT = resolve("juki")
OPTIONS = {"file_id": None, "encoding": None, "max_errors": 1000, "show_values": False}


def options(reports: Path, **kw: object) -> FleetOptions:
    base: dict[str, object] = {
        "layout": "juki",
        "layout_id": "juki",
        "layout_file": Path(LAYOUT.path),
        "options": {**OPTIONS, "delimiter": None},
        "reports": reports,
    }
    return FleetOptions(**{**base, **kw})  # type: ignore[arg-type]


def test_every_package_gets_the_verdict_and_report_a_single_run_gives(
    fleet: Path, tmp_path: Path
) -> None:
    summary = run_fleet(fleet, options(tmp_path / "out"))
    assert [o.status for o in summary.outcomes] == ["valid", "valid", "valid", "invalid"]
    assert summary.exit_code == 1 and summary.pass_share == 0.75
    for o in summary.outcomes:
        alone = run(fleet / o.name, LAYOUT, Options())
        written = json.loads(Path(o.report_path).read_text(encoding="utf-8"))
        assert written["files"] == alone.to_dict()["files"]
        assert (o.status == "valid") == alone.valid


def test_the_pool_gives_the_same_verdicts_as_one_by_one(fleet: Path, tmp_path: Path) -> None:
    serial = run_fleet(fleet, options(tmp_path / "a"))
    pooled = run_fleet(fleet, options(tmp_path / "b", jobs=2))
    strip = ("report_path", "seconds")
    assert [{k: v for k, v in o.to_dict().items() if k not in strip} for o in pooled.outcomes] == [
        {k: v for k, v in o.to_dict().items() if k not in strip} for o in serial.outcomes
    ]


def test_a_rerun_skips_unchanged_packages_and_reruns_a_changed_one(
    fleet: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_fleet(fleet, options(out))
    again = run_fleet(fleet, options(out))
    assert all(o.skipped for o in again.outcomes)
    assert [o.status for o in again.outcomes] == ["valid", "valid", "valid", "invalid"]
    jumin = fleet / "130001" / "jumin.csv"
    jumin.write_bytes(jumin.read_bytes().replace("山田".encode(), "ﾔﾏﾀﾞ".encode(), 1))
    third = run_fleet(fleet, options(out))
    assert [o.skipped for o in third.outcomes] == [True, False, True, True]
    forced = run_fleet(fleet, options(out, force=True))
    assert not any(o.skipped for o in forced.outcomes)


def test_other_options_rerun_every_package(fleet: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_fleet(fleet, options(out))
    other = run_fleet(fleet, options(out, options={**OPTIONS, "delimiter": None, "max_errors": 5}))
    assert not any(o.skipped for o in other.outcomes)


def test_one_package_that_cannot_run_never_stops_the_others(
    fleet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_package(monkeypatch, "130001", "130001: cannot read it")
    summary = run_fleet(fleet, options(tmp_path / "out"))
    assert [o.status for o in summary.outcomes] == ["valid", "could-not-run", "valid", "invalid"]
    assert summary.outcomes[1].reason == "130001: cannot read it"
    again = run_fleet(fleet, options(tmp_path / "out"))  # could-not-run is always retried
    assert not again.outcomes[1].skipped
    assert task_module.COULD_NOT_RUN == "could-not-run"


def test_reports_inside_the_root_are_refused(fleet: Path) -> None:
    with pytest.raises(MigrateError, match="must not be inside"):
        run_fleet(fleet, options(fleet / "reports"))


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_verdicts(fleet: Path, tmp_path: Path) -> None:
    import distributed  # the dev extra has it: a missing one must fail, not skip

    serial = run_fleet(fleet, options(tmp_path / "a"))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        on_dask = run_fleet(fleet, options(tmp_path / "b", dask_address=cluster.scheduler_address))
    assert [o.status for o in on_dask.outcomes] == [o.status for o in serial.outcomes]
    assert [o.files for o in on_dask.outcomes] == [o.files for o in serial.outcomes]
