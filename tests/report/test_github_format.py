"""GitHub Actions annotations: one per listed finding, a summary, escaped as the runner reads."""

from __future__ import annotations

from migrate.report.formats import FORMATS
from migrate.report.formats.github_format import escape_data, escape_property, render
from migrate.report.model import FileResult, Finding, Report
from tests.conftest import ROOT, invoke
from tests.report.conftest import BIRTH, MYNUMBER, build_report


def test_one_annotation_per_listed_finding_then_a_summary(report: Report) -> None:
    assert FORMATS["github"] is render
    lines = render(report, "en").splitlines()
    assert len(lines) == sum(len(f.findings) for f in report.files) + 1
    assert lines[0].startswith("::notice file=pkg/jumin.csv,title=RD02 encoding-guessed::")
    va08 = next(line for line in lines if "VA08" in line)
    assert va08.startswith("::error file=pkg/jumin.csv,line=3,title=VA08 mynumber-check-digit::")
    assert "(record 2, value='***')" in va08
    assert any(line.startswith("::warning ") and "VA10" in line for line in lines)
    assert lines[-1].startswith("::notice title=migrate summary::migrate: invalid: ")
    counted = sum(sum(f.counts.values()) for f in report.files)
    assert lines[-1].endswith(f"7 of {counted} findings annotated")


def test_personal_values_are_masked(report: Report) -> None:
    assert MYNUMBER not in render(report) and BIRTH not in render(report)
    assert MYNUMBER in render(build_report(show_values=True))


def test_escaping_follows_the_runner() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_property("%3A") == "%253A"  # % first, so an escape is never made twice


def test_a_hostile_value_and_path_cannot_start_another_command() -> None:
    path = "dir,x/a:b.csv"
    result = FileResult(path=path)
    detail = "全角\n::error file=evil::injected"
    value = "v\r\n::warning::also"
    result.add(Finding("VA03", path, line=2, record=1, field="続柄", value=value, detail=detail))
    report = Report("1", "juki", "0.1.0", "spec", files=[result])
    lines = render(report, "en").splitlines()
    assert len(lines) == 2  # the annotation and the summary: no line break got through
    assert lines[0].startswith("::error file=dir%2Cx/a%3Ab.csv,line=2,title=VA03 ")
    assert "全角%0A::error file=evil::injected" in lines[0]
    assert "\n" not in lines[0] and "\r" not in lines[0]


def test_convert_annotates_its_rejections() -> None:
    legacy = ROOT / "samples" / "juki-legacy"
    args = ["convert", str(legacy / "juki_legacy.dat"), "--dry-run", "--format", "github"]
    for f in ("jumin", "setai", "ido_rireki"):
        args += ["-m", str(legacy / f"juki_legacy.{f}.mapping.yaml")]
    lines = invoke(args, 1).output.splitlines()
    assert all(line.startswith("::") for line in lines)
    assert sum(line.startswith("::error ") and "title=CV01 " in line for line in lines) == 2
    assert lines[-1].startswith("::notice title=migrate summary::")
