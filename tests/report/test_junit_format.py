"""JUnit XML: one testsuite per file, one testcase per rule; errors fail, the rest pass."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from migrate.report.formats import FORMATS
from migrate.report.formats.junit_format import render
from migrate.report.model import FileResult, Finding, Report
from tests.report.conftest import BIRTH, MYNUMBER, build_report


def _parse(report: Report, lang: str = "en") -> ET.Element:
    text = render(report, lang)
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    return ET.fromstring(text.encode("utf-8"))


def _case(suite: ET.Element, name: str) -> ET.Element:
    found = suite.find(f"testcase[@name='{name}']")
    assert found is not None, name
    return found


def test_is_the_junit_format_with_a_suite_per_file(report: Report) -> None:
    assert FORMATS["junit"] is render
    root = _parse(report)
    assert root.tag == "testsuites"
    assert root.get("name") == "migrate validate --layout juki"
    assert [s.get("name") for s in root] == ["pkg/jumin.csv [jumin]", "pkg/setai.csv [setai]"]


def test_one_testcase_per_rule_and_errors_are_failures(report: Report) -> None:
    jumin = _parse(report)[0]
    names = [c.get("name") for c in jumin.findall("testcase")]
    assert names == [
        "RD01 encoding-error",
        "RD02 encoding-guessed",
        "TY07 non-calendar-date",
        "VA01 required-missing",
        "VA08 mynumber-check-digit",
        "VA10 atena-check-digit",
    ]
    assert {c.get("classname") for c in jumin.findall("testcase")} == {"jumin"}
    assert (jumin.get("tests"), jumin.get("failures"), jumin.get("errors")) == ("6", "3", "0")
    failing = {c.get("name") for c in jumin.findall("testcase") if c.find("failure") is not None}
    assert failing == {"RD01 encoding-error", "VA01 required-missing", "VA08 mynumber-check-digit"}


def test_failure_names_the_rule_count_and_located_examples(report: Report) -> None:
    failure = _case(_parse(report)[0], "VA08 mynumber-check-digit").find("failure")
    assert failure is not None
    assert failure.get("type") == "mynumber-check-digit"
    assert failure.get("message") == "1 finding(s) of VA08 mynumber-check-digit"
    assert failure.text == "line 3 個人番号: 個人番号: the check digit of the 個人番号 is wrong"


def test_warnings_pass_with_their_count_and_unlisted_remainder(report: Report) -> None:
    case = _case(_parse(report)[0], "VA10 atena-check-digit")
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and out.text is not None
    lines = out.text.splitlines()
    assert lines[0] == "warning: 7 finding(s)"
    assert lines[1].startswith("line 6 宛名番号: ")
    assert lines[-1] == "… 5 more"


def test_a_clean_file_has_one_passing_testcase(report: Report) -> None:
    setai = _parse(report)[1]
    cases = setai.findall("testcase")
    assert [c.get("name") for c in cases] == ["valid"]
    assert list(cases[0]) == []
    assert (setai.get("tests"), setai.get("failures")) == ("1", "0")


def test_file_level_findings_read_file_and_messages_follow_the_language() -> None:
    result = FileResult(path="pkg")
    result.add(Finding("ST07", "pkg", detail="世帯 (setai)"))
    report = Report("1", "juki", "0.1.0", "spec", files=[result], meta={"command": "convert"})
    root = _parse(report, "ja")
    assert root.get("name") == "migrate convert --layout juki"
    suite = root[0]
    assert suite.get("name") == "pkg [?]"
    failure = _case(suite, "ST07 missing-file").find("failure")
    assert (
        failure is not None and failure.text == "file: 移行ファイル「世帯 (setai)」が見つかりません"
    )
    assert suite[0].get("classname") == "file"


def test_personal_values_never_appear() -> None:
    text = render(build_report())
    assert MYNUMBER not in text and BIRTH not in text
