"""The sign-off model: verdict, 件数突合表, counts and code sections from a Report."""

from __future__ import annotations

from migrate.codes import Severity
from migrate.report.manifest import Manifest
from migrate.report.model import FileResult, Finding, Report
from migrate.report.signoff import Reconciliation, build, fail_on_of


def test_reconciliation_of_a_validation(report: Report) -> None:
    jumin, setai = build(report).reconciliation
    # errors on records 2 (VA08) and 4 (VA01); RD01 names a line, not a record; VA10 is a
    # warning, TY07 an info: they do not count.
    assert (jumin.records_in, jumin.with_errors, jumin.valid, jumin.exact) == (9, 2, 7, True)
    assert (jumin.rejected, jumin.out, jumin.balances) == (None, None, None)
    assert (setai.records_in, setai.valid, setai.with_errors, setai.exact) == (3, 3, 0, True)


def test_records_with_errors_is_a_lower_bound_when_the_list_was_capped(report: Report) -> None:
    report.files[0].count("VA08", 4)  # 5 counted, 1 listed
    (jumin, _) = build(report).reconciliation
    assert (jumin.with_errors, jumin.exact) == (2, False)


def test_sections_carry_the_code_documentation_and_exact_counts(report: Report) -> None:
    model = build(report)
    by_code = {s.code.code: s for s in model.sections}
    assert by_code["VA10"].count == 7 and len(by_code["VA10"].examples) == 2
    assert by_code["VA08"].doc is not None and by_code["VA08"].doc.fix_ja
    assert by_code["VA08"].items == {"個人番号": 1}
    assert [s.code.severity for s in model.sections] == sorted(
        (s.code.severity for s in model.sections), key=lambda s: -s.rank
    )
    assert model.truncated and model.listed == sum(len(f.findings) for f in report.files)


def test_the_verdict_follows_fail_on(report: Report) -> None:
    assert build(report, Severity.ERROR).fails
    infos_only = Report("1", "juki", "1", "s", files=[FileResult("a.csv", records=1)])
    infos_only.files[0].add(Finding("RD02", "a.csv", detail="cp932"))
    assert not build(infos_only, Severity.WARNING).fails
    assert build(infos_only, Severity.INFO).fails


def test_fail_on_comes_from_the_manifest(report: Report) -> None:
    assert fail_on_of(report) is Severity.ERROR
    report.manifest = Manifest("validate", "1", "juki", "1", options={"fail_on": "warning"})
    assert fail_on_of(report) is Severity.WARNING


def test_a_reconciliation_balances_when_in_is_out_plus_rejected() -> None:
    assert Reconciliation("f", "n", 10, 8, 2, rejected=2, out=8).balances is True
    assert Reconciliation("f", "n", 10, 8, 2, rejected=1, out=8).balances is False
