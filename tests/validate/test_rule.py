"""The one rule type: keyword-only, quieted by a reason that takes precedence, labelled."""

from __future__ import annotations

import polars as pl
import pytest

from migrate.validate.rule import Rule


def test_a_rule_is_built_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        Rule("VA01", pl.lit(True))  # type: ignore[misc]
    rule = Rule(code="VA01", fails=pl.lit(True), field="氏名")
    assert (rule.code, rule.field, rule.confirm, rule.alone) == ("VA01", "氏名", None, False)


def test_quiet_where_never_fails_where_the_condition_holds() -> None:
    frame = pl.DataFrame({"fails": [True, True, None, False], "lost": [False, True, False, True]})
    rule = Rule(code="VA01", fails=pl.col("fails")).quiet_where(pl.col("lost"))
    assert frame.select(rule.fails)["fails"].to_list() == [True, False, False, False]


def test_the_label_is_the_code_and_its_message_in_either_language() -> None:
    rule = Rule(
        code="TY06",
        fails=pl.lit(True),
        field="生年月日",
        detail="元号の期間外",
        detail_en="outside the era",
    )
    assert rule.label("ja").startswith("TY06 ") and "元号の期間外" in rule.label("ja")
    assert "outside the era" in rule.label("en") and "元号" not in rule.label("en")
