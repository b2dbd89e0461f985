"""The one place record findings are built: exact counts, located examples, masked values."""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.fixed_width import OFFSET
from migrate.report.model import MASK, FileResult
from migrate.validate.emit import DETAIL, NOTE, VALUE, emit, emit_all
from migrate.validate.rule import Rule

NAME = Rule(code="VA01", fails=pl.lit(True), field="氏名", personal=True)


def test_the_count_is_exact_and_the_examples_are_those_given_in_record_order() -> None:
    result = FileResult(path="a.csv")
    examples = pl.DataFrame({REC: [7, 3], LINE: [8, 4], VALUE: ["", "x"], NOTE: ["n7", None]})
    emit(result, NAME, examples, total=10, show_values=True)
    assert result.counts["VA01"] == 10
    found = [(f.record, f.line, f.value, f.note, f.byte_offset) for f in result.findings]
    assert found == [(3, 4, "x", "", None), (7, 8, "", "n7", None)]


def test_personal_values_are_masked_unless_shown_and_empty_ones_stay_empty() -> None:
    examples = pl.DataFrame({REC: [1, 2], LINE: [2, 3], VALUE: ["山田", ""]})
    hidden, shown = FileResult(path="a.csv"), FileResult(path="a.csv")
    emit(hidden, NAME, examples, 2, show_values=False)
    emit(shown, NAME, examples, 2, show_values=True)
    assert [f.value for f in hidden.findings] == [MASK, ""]
    assert [f.value for f in shown.findings] == ["山田", ""]


def test_a_fixed_width_finding_is_located_by_byte_offset_with_its_own_detail() -> None:
    result = FileResult(path="a.dat")
    rule = Rule(code="CV04", fails=pl.lit(True), detail="the rule's")
    examples = pl.DataFrame({REC: [6], OFFSET: [635], DETAIL: ["the file ends inside a record"]})
    emit(result, rule, examples, 1, show_values=False)
    (f,) = result.findings
    assert (f.record, f.line, f.byte_offset, f.value) == (6, None, 635, None)
    assert f.detail == "the file ends inside a record"


def test_nothing_is_counted_when_nothing_failed() -> None:
    result = FileResult(path="a.csv")
    emit(result, NAME, pl.DataFrame({REC: []}), 0, show_values=False)
    assert not result.counts and not result.findings


def test_emit_all_counts_every_hit_and_lists_up_to_the_cap() -> None:
    result = FileResult(path="a.csv")
    hits = pl.DataFrame({REC: [5, 1, 3], LINE: [6, 2, 4], VALUE: ["a", "b", "c"]})
    emit_all(result, NAME, hits, cap=2)
    assert result.counts["VA01"] == 3 and [f.record for f in result.findings] == [1, 3]
