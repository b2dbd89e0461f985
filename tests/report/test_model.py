"""Finding, FileResult and Report: messages, counts, verdicts and the JSON dict."""

from __future__ import annotations

from migrate.codes import Severity
from migrate.report.model import MASK, REPORT_FORMAT, FileResult, Finding, Report
from tests.report.conftest import MYNUMBER, build_report


def test_message_fills_field_and_detail_in_either_language() -> None:
    f = Finding("VA02", "a.csv", field="性別", detail="性別")
    assert f.message("ja") == "「性別」のコードがコード表「性別」にありません"
    assert f.message("en") == "性別 holds a code that is not in the code table 性別"


def test_english_message_prefers_detail_en_and_appends_the_note() -> None:
    f = Finding(
        "TY06", "a.csv", field="生年月日", detail="元号の期間外", detail_en="outside the era",
        note="see line 2",
    )  # fmt: skip
    assert f.message("en") == "生年月日 is not a valid 和暦 date (outside the era); see line 2"
    assert f.message("ja") == "「生年月日」は和暦として成立しません（元号の期間外）; see line 2"


def test_to_dict_carries_the_code_table_and_adds_byte_offset_only_when_known() -> None:
    plain = Finding("VA01", "a.csv", line=3, record=2, field="氏名", value="").to_dict()
    assert plain["slug"] == "required-missing"
    assert (plain["kind"], plain["severity"]) == ("required", "error")
    assert (plain["line"], plain["record"], plain["value"]) == (3, 2, "")
    assert "byte_offset" not in plain
    located = Finding("RD01", "a.csv", line=8, detail="x", byte_offset=120).to_dict()
    assert located["byte_offset"] == 120


def test_counts_are_exact_even_when_findings_are_capped() -> None:
    result = build_report().files[0]
    assert result.counts["VA10"] == 7
    assert sum(1 for f in result.findings if f.code == "VA10") == 2
    d = result.to_dict()
    assert d["findings_listed"] == len(result.findings) == 7
    assert d["counts"]["by_code"]["VA10"] == 7
    assert d["counts"]["by_severity"] == {"error": 3, "warning": 7, "info": 2}
    assert d["counts"]["by_kind"] == {"check_digit": 8, "date": 1, "encoding": 2, "required": 1}


def test_count_of_zero_adds_no_code() -> None:
    result = FileResult(path="a.csv")
    result.count("VA01", 0)
    assert "VA01" not in result.counts
    assert result.worst() is None
    assert result.valid


def test_warnings_and_infos_leave_a_file_valid() -> None:
    result = FileResult(path="a.csv")
    result.count("VA10", 2)
    result.count("TY08", 1)
    assert result.valid
    assert result.worst() is Severity.WARNING
    result.count("VA08", 1)
    assert not result.valid
    assert result.worst() is Severity.ERROR


def test_findings_are_sorted_by_line_record_code_and_field() -> None:
    result = FileResult(path="a.csv")
    for f in (
        Finding("VA01", "a.csv", line=5, record=4, field="氏名"),
        Finding("TY01", "a.csv", line=5, record=4, field="宛名番号"),
        Finding("ST07", "a.csv"),
        Finding("VA01", "a.csv", line=2, record=1, field="住所"),
        Finding("VA01", "a.csv", line=2, record=1, field="氏名"),
    ):
        result.add(f)
    order = [(f.line, f.code, f.field) for f in result.sorted_findings()]
    assert order == [
        (None, "ST07", None),
        (2, "VA01", "住所"),
        (2, "VA01", "氏名"),
        (5, "TY01", "宛名番号"),
        (5, "VA01", "氏名"),
    ]


def test_fail_on_compares_the_worst_finding_with_the_threshold() -> None:
    report = Report("1", "juki", "0.1.0", "spec", files=[FileResult(path="a.csv")])
    report.files[0].count("VA10", 1)  # a warning
    assert not report.fails(Severity.ERROR)
    assert report.fails(Severity.WARNING)
    assert report.fails(Severity.INFO)
    assert report.valid


def test_report_dict_totals_and_validity() -> None:
    report = build_report()
    d = report.to_dict()
    assert d["report_format"] == REPORT_FORMAT
    assert d["layout"] == {"id": "juki", "version": "0.1.0", "spec": "中間標準レイアウト仕様 2.7"}
    assert d["totals"] == {"error": 3, "warning": 7, "info": 2}
    assert d["valid"] is False
    assert [f["valid"] for f in d["files"]] == [False, True]
    assert d["max_errors"] == 2


def test_personal_values_are_masked_unless_shown() -> None:
    masked = {f.code: f.value for f in build_report().files[0].findings}
    assert masked["VA08"] == MASK
    assert masked["VA01"] == ""  # an empty value stays empty: masking it would hide nothing
    assert masked["VA10"] in {"00012345", "00012346"}  # not personal: shown
    shown = {f.code: f.value for f in build_report(show_values=True).files[0].findings}
    assert shown["VA08"] == MYNUMBER


def test_findings_frame_holds_every_listed_finding_in_report_order() -> None:
    report = build_report(show_values=False)
    frame = report.findings
    listed = [f.to_dict() for r in report.files for f in r.sorted_findings()]
    assert frame.height == len(listed) > 0
    assert frame.columns[:6] == ["file", "file_id", "code", "slug", "kind", "severity"]
    for row, doc in zip(frame.iter_rows(named=True), listed, strict=True):
        assert {k: row[k] for k in doc} == doc
    assert MASK in frame["value"].to_list() and MYNUMBER not in frame["value"].to_list()


def test_findings_frame_of_an_empty_report_keeps_its_columns() -> None:
    empty = Report(tool_version="0", layout_id="x", layout_version="1", spec="s").findings
    assert empty.height == 0 and "byte_offset" in empty.columns


def test_ok_follows_fail_on() -> None:
    report = build_report(show_values=False)
    assert report.ok is not report.fails(Severity.ERROR)
    report.fail_on = Severity.INFO
    assert not report.ok
