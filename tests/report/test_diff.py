"""``compare``: findings matched by file, code, item and key; counts exact; caps said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate.errors import InputError
from migrate.report.diff import Listed, Side, compare
from migrate.report.diff_load import load_side


def _f(code: str, key: str | None, line: int = 2, severity: str = "error") -> Listed:
    return Listed("jumin", code, severity, "個人番号", key, "a.csv", line=line, record=line - 1)


def _side(*listed: Listed, counts: dict[str, int] | None = None) -> Side:
    by_code: dict[tuple[str, str], int] = {}
    for f in listed:
        by_code[(f.file, f.code)] = by_code.get((f.file, f.code), 0) + 1
    for code, n in (counts or {}).items():
        by_code[("jumin", code)] = n
    return Side("x.json", "juki", by_code, tuple(listed))


def test_findings_match_by_key_not_by_line() -> None:
    old = _side(_f("VA08", "1/1", line=2), _f("VA08", "2/1", line=3))
    new = _side(_f("VA08", "2/1", line=9), _f("VA08", "3/1", line=4))
    d = compare(old, new)
    assert [f.key for f in d.unchanged] == ["2/1"]
    assert [f.key for f in d.fixed] == ["1/1"]
    assert [f.key for f in d.new] == ["3/1"]
    assert d.unchanged[0].line == 9  # the NEW report's finding
    assert d.new_errors


def test_no_new_errors_when_only_warnings_are_new() -> None:
    d = compare(_side(), _side(_f("VA10", "1/1", severity="warning"), counts={"VA10": 1}))
    assert [f.code for f in d.new] == ["VA10"] and not d.new_errors


def test_unkeyed_findings_compare_by_count() -> None:
    d = compare(_side(_f("RL01", None), _f("RL01", None)), _side(_f("RL01", None, line=5)))
    assert (len(d.unchanged), len(d.fixed), len(d.new)) == (1, 1, 0)
    assert any("by count" in n for n in d.notes)


def test_capped_groups_are_said_and_counts_gate_even_when_unlisted() -> None:
    old = _side(_f("VA08", "1/1"), counts={"VA08": 5})
    new = _side(_f("VA08", "1/1"), counts={"VA08": 7})
    d = compare(old, new)
    assert [(c.side, c.counted, c.listed) for c in d.capped] == [("old", 5, 1), ("new", 7, 1)]
    assert not d.new and d.new_errors  # nothing new listed, yet the error count grew
    (change,) = d.counts
    assert (change.old, change.new, change.delta) == (5, 7, 2)
    doc = d.to_dict()
    assert doc["unchanged_findings"][0]["capped"] is True
    assert doc["summary"] == {"new": 0, "fixed": 0, "unchanged": 1}


def test_files_are_matched_by_their_id_not_their_path(tmp_path: Path) -> None:
    def report(path: str, key: str) -> Path:
        finding = {
            "code": "VA08",
            "severity": "error",
            "field": "個人番号",
            "key": key,
            "file": path,
            "line": 2,
            "record": 1,
        }
        doc = {"report_format": 1, "layout": {"id": "juki"}, "max_errors": 1000,
               "files": [{"path": path, "file_id": "jumin", "counts": {"by_code": {"VA08": 1}},
                          "findings": [finding]}]}  # fmt: skip
        out = tmp_path / f"{abs(hash(path))}.json"
        out.write_text(json.dumps(doc), encoding="utf-8")
        return out

    d = compare(load_side(report("round1/J.csv", "1/1")), load_side(report("round2/j.csv", "1/1")))
    assert len(d.unchanged) == 1 and not d.new and not d.fixed and not d.notes


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"report_format": 1}',
        '{"files": []}',
        '{"report_format": 1, "files": [{}]}',
    ],
)
def test_what_is_not_a_report_is_an_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"r\.json"):
        load_side(path)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_side(tmp_path / "none.json")
