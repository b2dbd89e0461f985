"""The readable summary: per file, per rule, counts and the first examples."""

from __future__ import annotations

from migrate.report.formats import FORMATS
from migrate.report.formats.text_format import EXAMPLES, render
from migrate.report.model import FileResult, Finding, Report
from tests.report.conftest import BIRTH, MYNUMBER, build_report


def _block(text: str, code: str) -> list[str]:
    """The rule line of ``code`` and its indented example lines."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {code} "))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    return block


def test_is_the_text_format_and_japanese_by_default(report: Report) -> None:
    assert FORMATS["text"] is render
    assert "必須項目「氏名」が未設定です" in render(report)
    assert "the required item 氏名 is empty" in render(report, "en")


def test_header_file_lines_and_verdict(report: Report) -> None:
    lines = render(report, "en").splitlines()
    assert lines[0] == "migrate 9.9.9 — layout juki 0.1.0 (中間標準レイアウト仕様 2.7)"
    assert lines[1] == "pkg/jumin.csv: 住民 (jumin), 9 records, cp932 (guessed) — NG"
    assert any(line.startswith("pkg/setai.csv: 世帯 (setai), 3 records") for line in lines)
    assert next(line for line in lines if line.startswith("pkg/setai.csv")).endswith("— OK")
    assert lines[-1] == "invalid: 3 errors, 7 warnings, 2 infos in 2 file(s)"


def test_rules_are_ordered_by_severity_then_code(report: Report) -> None:
    lines = render(report, "en").splitlines()
    rules = [line.split()[0] for line in lines if line.startswith("  ") and line[2] != " "]
    assert rules == ["RD01", "VA01", "VA08", "VA10", "RD02", "TY07"]


def test_counts_are_exact_and_unlisted_findings_are_announced(report: Report) -> None:
    block = _block(render(report, "en"), "VA10")
    assert block[0] == "  VA10 atena-check-digit [warning] × 7"
    assert len(block) == 1 + 2 + 1
    assert block[-1] == "    … 5 more"


def test_examples_name_line_record_and_shown_value(report: Report) -> None:
    va10 = _block(render(report, "en"), "VA10")
    assert va10[1].startswith("    line 6 record 5 value='00012346': 宛名番号 fails")
    rd02 = _block(render(report, "en"), "RD02")
    assert rd02[1].startswith("    file: no encoding was declared; cp932 is a guess")
    va01 = _block(render(report, "en"), "VA01")
    assert va01[1] == "    line 5 record 4: the required item 氏名 is empty"  # no empty value=


def test_personal_values_never_show_unless_asked() -> None:
    masked = render(build_report(), "en")
    assert MYNUMBER not in masked and BIRTH not in masked
    assert "line 3 record 2 value='***'" in masked
    shown = render(build_report(show_values=True), "en")
    assert f"value='{MYNUMBER}'" in shown


def test_at_most_the_example_count_is_listed() -> None:
    result = FileResult(path="a.csv", file_id="jumin", file_name="住民", encoding="utf-8")
    for n in range(1, EXAMPLES + 3):
        result.add(Finding("VA01", "a.csv", line=n + 1, record=n, field="氏名", value=""))
    report = Report("1", "juki", "0.1.0", "spec", files=[result])
    block = _block(render(report, "en"), "VA01")
    assert block[0].endswith("× 7")
    assert len(block) == 1 + EXAMPLES + 1
    assert block[-1] == "    … 2 more"
